use crate::clean::Rejection;
use serde_json::Value;
use serde_json::value::RawValue;

/// A response split into its records: parsed values (`R = Value`) or their JSON text
/// (`R = Box<RawValue>`, what staging keeps).
#[derive(Debug, Clone, PartialEq)]
pub enum SplitBody<R = Value> {
    /// `FlightStatusResource.Flights.Flight`, one entry per flight (a single object becomes one).
    Records(Vec<R>),
    /// A documented "nothing here" answer: HTTP 404 with `ProcessingErrors`, or no `Flights`.
    Empty,
}

impl<R> SplitBody<R> {
    /// How many records (0 when empty).
    pub fn len(&self) -> usize {
        match self {
            Self::Records(r) => r.len(),
            Self::Empty => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl SplitBody<Value> {
    /// Each record as its JSON text.
    pub fn into_raw(self) -> Result<SplitBody<Box<RawValue>>, Rejection> {
        Ok(match self {
            Self::Empty => SplitBody::Empty,
            Self::Records(records) => SplitBody::Records(
                records
                    .iter()
                    .map(serde_json::value::to_raw_value)
                    .collect::<Result<_, _>>()
                    .map_err(|e| Rejection::new(format!("record cannot be written as JSON: {e}")))?,
            ),
        })
    }
}

/// Splits a flight-status body. Malformed JSON or an unknown shape is a rejection of the whole
/// response (the lake still holds it).
pub fn split_flight_status(http_status: u16, body: &[u8]) -> Result<SplitBody, Rejection> {
    split_resource(http_status, body, "FlightStatusResource", "Flights", "Flight")
}

/// Splits any Lufthansa list resource: `{root: {container: {item: one-or-many}}}`, e.g.
/// `AirportResource.Airports.Airport`.
pub fn split_resource(
    http_status: u16,
    body: &[u8],
    root: &str,
    container: &str,
    item: &str,
) -> Result<SplitBody, Rejection> {
    if http_status == 404 {
        return Ok(SplitBody::Empty);
    }
    if http_status != 200 {
        return Err(Rejection::new(format!("HTTP {http_status} is not a {root} answer")));
    }
    let mut v: Value = serde_json::from_slice(body).map_err(|e| Rejection::new(format!("malformed JSON: {e}")))?;
    if v.get("ProcessingErrors").is_some() {
        return Ok(SplitBody::Empty);
    }
    let Some(root_node) = v.get_mut(root) else {
        return Err(Rejection::new(format!("no {root} in the response")));
    };
    let Some(list) = root_node.get_mut(container) else {
        return Ok(SplitBody::Empty);
    };
    // One object where a list is expected is one record; moved out, not cloned.
    let records: Vec<Value> = match list.get_mut(item).map(Value::take) {
        Some(Value::Array(a)) => a,
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    };
    Ok(if records.is_empty() { SplitBody::Empty } else { SplitBody::Records(records) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let one = br#"{"FlightStatusResource":{"Flights":{"Flight":{"a":1}}}}"#;
        assert!(matches!(split_flight_status(200, one), Ok(SplitBody::Records(r)) if r.len() == 1));
        let many = br#"{"FlightStatusResource":{"Flights":{"Flight":[{"a":1},{"a":2}]}}}"#;
        assert!(matches!(split_flight_status(200, many), Ok(SplitBody::Records(r)) if r.len() == 2));
        let nf = br#"{"ProcessingErrors":{"ProcessingError":{"@RetryIndicator":false,"Type":"ResourceNotFound","Code":"NOT_FOUND","Description":"Flight not found"}}}"#;
        assert_eq!(split_flight_status(404, nf), Ok(SplitBody::Empty));
        assert!(
            split_flight_status(200, b"{\"FlightStatusResource\":{\"Flights\":")
                .unwrap_err()
                .reason
                .starts_with("malformed JSON")
        );
        assert!(split_flight_status(200, b"[]").is_err());
        assert!(split_flight_status(500, b"oops").is_err());
    }
}
