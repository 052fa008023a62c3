use crate::clean::Rejection;
use crate::clean::lufthansa::SplitBody;
use serde_json::Value;
use serde_json::value::RawValue;

/// The envelope with its parts unparsed: `response` and `error` as JSON text.
#[derive(serde::Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    response: Option<&'a RawValue>,
    #[serde(borrow, default)]
    error: Option<&'a RawValue>,
}

/// An ordinary answer's `response` (HTTP 200, no `error`) as the records' JSON text: `None` when
/// the answer is anything else, for [`split_airlabs`] to judge.
fn response_records(http_status: u16, body: &[u8]) -> Option<Result<Vec<&RawValue>, Rejection>> {
    let envelope = serde_json::from_slice::<Envelope>(body).ok().filter(|e| e.error.is_none() && http_status == 200)?;
    let Some(response) = envelope.response else { return Some(Ok(Vec::new())) };
    Some(match response.get().trim_start().as_bytes().first() {
        Some(b'n') => Ok(Vec::new()),
        Some(b'[') => serde_json::from_str(response.get()).map_err(|e| Rejection::new(format!("malformed JSON: {e}"))),
        Some(b'{') => Ok(vec![response]),
        _ => Err(Rejection::new("AirLabs `response` is neither a list nor an object")),
    })
}

/// Like [`split_airlabs`], but each record stays JSON text (no `Value` tree is built).
pub fn split_airlabs_raw(http_status: u16, body: &[u8]) -> Result<SplitBody<Box<RawValue>>, Rejection> {
    match response_records(http_status, body) {
        Some(Ok(records)) if records.is_empty() => Ok(SplitBody::Empty),
        Some(Ok(records)) => Ok(SplitBody::Records(records.into_iter().map(RawValue::to_owned).collect())),
        Some(Err(e)) => Err(e),
        None => split_airlabs(http_status, body)?.into_raw(),
    }
}

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
    match response_records(http_status, body) {
        Some(records) => Ok(records?
            .into_iter()
            .map(|raw| {
                AirlabsFlight::from_json(raw.get()).and_then(|r| clean_airlabs_flight_record(&r, ctx, reference))
            })
            .collect()),
        // Errors, odd statuses and odd shapes: the general path gives the canonical answer.
        None => split_airlabs(http_status, body).map(|split| match split {
            SplitBody::Empty => Vec::new(),
            SplitBody::Records(records) => {
                records.iter().map(|r| super::clean_airlabs_flight(r, ctx, reference)).collect()
            }
        }),
    }
}
