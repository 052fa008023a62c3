use crate::clean::Rejection;
use crate::clean::lufthansa::SplitBody;
use serde_json::Value;

/// Splits an AirLabs answer into its records. An error envelope or malformed JSON rejects the
/// whole response.
pub fn split_airlabs(http_status: u16, body: &[u8]) -> Result<SplitBody, Rejection> {
    let mut v: Value = serde_json::from_slice(body).map_err(|e| Rejection::new(format!("malformed JSON: {e}")))?;
    if let Some(e) = v.get("error") {
        let code = crate::clean::text(e, "/code").unwrap_or_else(|| "unknown".into());
        let message = crate::clean::text(e, "/message").unwrap_or_default();
        return Err(Rejection::new(format!("AirLabs error {code}: {message}")));
    }
    if http_status == 404 {
        return Ok(SplitBody::Empty);
    }
    if http_status != 200 {
        return Err(Rejection::new(format!("HTTP {http_status} is not an AirLabs answer")));
    }
    // Taken, not cloned: the records are moved out of the parsed answer.
    match v.get_mut("response").map(Value::take) {
        Some(Value::Array(a)) if a.is_empty() => Ok(SplitBody::Empty),
        Some(Value::Array(a)) => Ok(SplitBody::Records(a)),
        Some(Value::Null) | None => Ok(SplitBody::Empty),
        Some(one @ Value::Object(_)) => Ok(SplitBody::Records(vec![one])),
        Some(_) => Err(Rejection::new("AirLabs `response` is neither a list nor an object")),
    }
}

/// The `/flights` answer without a `Value` tree: the envelope and then each record parsed
/// straight into a typed, borrowing [`AirlabsFlight`], each cleaned to a position or a
/// rejection. Gives the same results as [`split_airlabs`] followed by the per-record cleaner.
pub fn clean_airlabs_flights_body(
    http_status: u16,
    body: &[u8],
    ctx: &crate::clean::RecordContext,
    reference: &crate::reference::Reference,
) -> Result<Vec<Result<crate::model::Position, Rejection>>, Rejection> {
    use super::flights::{AirlabsFlight, clean_airlabs_flight_record};
    use serde_json::value::RawValue;

    #[derive(serde::Deserialize)]
    struct Envelope<'a> {
        #[serde(borrow, default)]
        response: Option<&'a RawValue>,
        #[serde(borrow, default)]
        error: Option<&'a RawValue>,
    }

    #[derive(serde::Deserialize)]
    struct TypedEnvelope<'a> {
        #[serde(borrow)]
        response: Vec<AirlabsFlight<'a>>,
        #[serde(default)]
        error: Option<serde::de::IgnoredAny>,
    }

    // One pass when the answer is a list and every record reads as a flight record (the usual
    // case); otherwise record by record, so one bad record is one rejection.
    if http_status == 200
        && let Ok(TypedEnvelope { response, error: None }) = serde_json::from_slice::<TypedEnvelope>(body)
    {
        return Ok(response.iter().map(|r| clean_airlabs_flight_record(r, ctx, reference)).collect());
    }
    let envelope = match serde_json::from_slice::<Envelope>(body) {
        Ok(e) if e.error.is_none() && http_status == 200 => e,
        // Errors, odd statuses and odd shapes: the general path gives the canonical answer.
        _ => {
            return split_airlabs(http_status, body).map(|split| match split {
                SplitBody::Empty => Vec::new(),
                SplitBody::Records(records) => {
                    records.iter().map(|r| super::clean_airlabs_flight(r, ctx, reference)).collect()
                }
            });
        }
    };
    let records: Vec<&RawValue> = match envelope.response.map(|r| r.get().trim_start().as_bytes().first().copied()) {
        None | Some(Some(b'n')) => Vec::new(),
        Some(Some(b'[')) => serde_json::from_str(envelope.response.map(RawValue::get).unwrap_or("[]"))
            .map_err(|e| Rejection::new(format!("malformed JSON: {e}")))?,
        Some(Some(b'{')) => envelope.response.into_iter().collect(),
        Some(_) => return Err(Rejection::new("AirLabs `response` is neither a list nor an object")),
    };
    Ok(records
        .into_iter()
        .map(|raw| AirlabsFlight::from_json(raw.get()).and_then(|r| clean_airlabs_flight_record(&r, ctx, reference)))
        .collect())
}
