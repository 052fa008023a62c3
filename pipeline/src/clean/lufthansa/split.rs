use crate::clean::Rejection;
use crate::clean::body_shape::{describe, parse_json_body, unexpected};
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
/// `AirportResource.Airports.Airport`. Empty only when the answer says so: HTTP 404, a
/// `ProcessingErrors` "not found", or a container without items. Malformed JSON, a gateway or
/// processing error and any other shape reject the whole response, naming what it is (the lake
/// still holds it).
pub fn split_resource(
    http_status: u16,
    body: &[u8],
    root: &str,
    container: &str,
    item: &str,
) -> Result<SplitBody, Rejection> {
    let parsed = parse_json_body(body);
    if http_status == 404 {
        // "No flights in that window": the documented body is `ProcessingErrors`; the gateway
        // may also send nothing at all. Anything else is not that answer.
        return match parsed {
            Ok(v) if v.get("ProcessingErrors").is_some() => Ok(SplitBody::Empty),
            Err(_) if body.trim_ascii().is_empty() => Ok(SplitBody::Empty),
            Ok(v) => Err(Rejection::new(format!("HTTP 404 with {} instead of ProcessingErrors", describe(&v)))),
            Err(e) => Err(Rejection::new(format!("HTTP 404: {e}"))),
        };
    }
    let mut v =
        parsed.map_err(|e| if http_status == 200 { e } else { Rejection::new(format!("HTTP {http_status}: {e}")) })?;
    if let Some(e) = gateway_error(&v) {
        return Err(e);
    }
    if let Some(p) = v.get("ProcessingErrors") {
        return processing_errors(p);
    }
    if http_status != 200 {
        return Err(Rejection::new(format!("HTTP {http_status} is not a {root} answer")));
    }
    let expected = format!("a {root} answer");
    let Some(root_node) = v.get_mut(root) else {
        return Err(unexpected(&v, &expected));
    };
    let Some(list) = root_node.get_mut(container) else {
        return Err(Rejection::new(format!("{root} without {container}")));
    };
    // One object where a list is expected is one record; moved out, not cloned.
    let records: Vec<Value> = match list.get_mut(item).map(Value::take) {
        Some(Value::Array(a)) => a,
        Some(Value::Null) | None => Vec::new(),
        Some(one @ Value::Object(_)) => vec![one],
        Some(other) => {
            return Err(Rejection::new(format!("{root}.{container}.{item} is {}, not a record", describe(&other))));
        }
    };
    Ok(if records.is_empty() { SplitBody::Empty } else { SplitBody::Records(records) })
}

/// The API gateway's own error, `{"Error": "Account Over Queries Per Second Limit"}` (HTTP 401
/// and 403, sometimes with 200 from caches and proxies).
fn gateway_error(v: &Value) -> Option<Rejection> {
    let e = v.get("Error").or_else(|| v.get("error"))?;
    let text = crate::clean::text(e, "").or_else(|| crate::clean::text(e, "/message")).unwrap_or_default();
    Some(Rejection::new(format!("Lufthansa gateway error: {text}")))
}

/// `ProcessingErrors.ProcessingError`: "not found" is the documented empty answer; any other
/// type is the API's refusal, with its description.
fn processing_errors(p: &Value) -> Result<SplitBody, Rejection> {
    let errors = crate::clean::as_list(p.get("ProcessingError"));
    let not_found = |e: &&Value| crate::clean::text(e, "/Type").is_some_and(|t| t == "ResourceNotFound");
    if !errors.is_empty() && errors.iter().all(not_found) {
        return Ok(SplitBody::Empty);
    }
    let first = errors.first();
    let field = |path: &str| first.and_then(|e| crate::clean::text(e, path)).unwrap_or_default();
    Err(Rejection::new(format!(
        "Lufthansa processing error {} {}: {}",
        field("/Type"),
        field("/Code"),
        field("/Description")
    )))
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
