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
