use crate::clean::Rejection;
use crate::clean::body_shape::{describe, is_indexed, parse_json_body, unexpected};
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

/// An ordinary answer's `response` (HTTP 200, an envelope object with `response` and no
/// `error`) as the records' JSON text: `None` when the answer is anything else, for
/// [`split_airlabs`] to judge.
fn response_records(http_status: u16, body: &[u8]) -> Option<Result<Vec<&RawValue>, Rejection>> {
    // Not UTF-8 is not JSON, even where the envelope's parser only skips (`request`).
    let body = std::str::from_utf8(body).ok()?;
    // Only an object is an envelope: serde would read a two-element list into its two fields.
    if !body.trim_start().starts_with('{') {
        return None;
    }
    let envelope = serde_json::from_str::<Envelope>(body).ok().filter(|e| e.error.is_none() && http_status == 200)?;
    let response = envelope.response?;
    Some(match response.get().trim_start().as_bytes().first() {
        Some(b'n') => Ok(Vec::new()),
        Some(b'[') => serde_json::from_str(response.get()).map_err(|e| Rejection::new(format!("malformed JSON: {e}"))),
        Some(b'{') => Ok(vec![response]),
        _ => return None,
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

/// What an AirLabs list endpoint answers: its envelope, or the bare list of records.
const EXPECTED: &str = "an AirLabs answer (`{\"response\": […]}` or a list of records)";

/// Splits an AirLabs answer into its records: the envelope's `response` (a list, or one object
/// as `/flight` answers), or a bare list of records (how the original project and many users
/// saved `response`). An error envelope, malformed JSON or any other shape rejects the whole
/// response, naming what it is.
pub fn split_airlabs(http_status: u16, body: &[u8]) -> Result<SplitBody, Rejection> {
    let mut v = parse_json_body(body)
        .map_err(|e| if http_status == 200 { e } else { Rejection::new(format!("HTTP {http_status}: {e}")) })?;
    if let Some(e) = v.get("error") {
        let (code, message) = match e {
            Value::String(s) => ("unknown".to_string(), crate::model::text::sanitize(s)),
            e => (
                crate::clean::text(e, "/code").unwrap_or_else(|| "unknown".into()),
                crate::clean::text(e, "/message").unwrap_or_default(),
            ),
        };
        return Err(Rejection::new(format!("AirLabs error {code}: {message}")));
    }
    if http_status == 404 {
        return Ok(SplitBody::Empty);
    }
    if http_status != 200 {
        return Err(Rejection::new(format!("HTTP {http_status} is not an AirLabs answer")));
    }
    match &mut v {
        Value::Array(a) if a.is_empty() => Ok(SplitBody::Empty),
        Value::Array(a) => Ok(SplitBody::Records(std::mem::take(a))),
        Value::Object(o) => match o.get_mut("response").map(Value::take) {
            // Taken, not cloned: the records are moved out of the parsed answer.
            Some(Value::Array(a)) if a.is_empty() => Ok(SplitBody::Empty),
            Some(Value::Array(a)) => Ok(SplitBody::Records(a)),
            Some(Value::Null) => Ok(SplitBody::Empty),
            Some(one @ Value::Object(_)) => Ok(SplitBody::Records(vec![one])),
            Some(other) => {
                Err(Rejection::new(format!("AirLabs `response` is {}, neither a list nor an object", describe(&other))))
            }
            None if is_indexed(o) || o.contains_key("request") || o.contains_key("terms") => {
                Err(unexpected(&v, EXPECTED))
            }
            None => Err(Rejection::new(format!("{} where a list of records was expected", describe(&v)))),
        },
        other => Err(unexpected(other, EXPECTED)),
    }
}

/// The `/flights` answer without a `Value` tree: the envelope and then each record parsed
/// straight into a typed, borrowing [`AirlabsFlight`](super::AirlabsFlight), each cleaned to a position or a
/// rejection. It gives the same positions, and rejects the same records, as [`split_airlabs`]
/// followed by the per-record cleaner (the `airlabs_records` fuzz target checks this); only the
/// wording of a rejection's reason may differ.
pub fn clean_airlabs_flights_body(
    http_status: u16,
    body: &[u8],
    ctx: &crate::clean::RecordContext,
) -> Result<Vec<Result<crate::model::Position, Rejection>>, Rejection> {
    use super::flights::clean_airlabs_flight_json;

    // One pass when the answer is a list and every record reads as a flight record (the usual
    // case); otherwise record by record, so one bad record is one rejection.
    if http_status == 200
        && let Some(cleaned) = super::one_pass::clean_in_one_pass(body, ctx)
    {
        return Ok(cleaned);
    }
    match response_records(http_status, body) {
        Some(records) => Ok(records?.into_iter().map(|raw| clean_airlabs_flight_json(raw.get(), ctx)).collect()),
        // Errors, odd statuses and odd shapes: the general path gives the canonical answer.
        None => split_airlabs(http_status, body).map(|split| match split {
            SplitBody::Empty => Vec::new(),
            SplitBody::Records(records) => records.iter().map(|r| super::clean_airlabs_flight(r, ctx)).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::RecordContext;
    use chrono::{TimeZone, Utc};

    /// The whole-body cleaner gives exactly what splitting and cleaning record by record gives,
    /// on the usual answer and on every odd shape (which take the record-by-record path).
    #[test]
    fn one_pass_and_record_by_record_agree() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
        let ctx = RecordContext {
            source: "airlabs".into(),
            endpoint: "flights".into(),
            lake_key: "raw/airlabs/flights/x.json.gz".into(),
            fetched_at: now,
        };
        let good = r#"{"hex":"3c6702","lat":50.1,"lng":8.6,"updated":1795773600,"flight_iata":"LH400"}"#;
        let dump = crate::demo::airlabs_flights_dump(500, 3, now.timestamp());
        let bodies = [
            dump.clone(),
            format!(r#"{{"request":{{}},"response":[{good},{{"hex":"zz"}},{good}],"terms":"t"}}"#),
            format!(r#"{{"response":[{good},"a string",7,null,{good}]}}"#),
            format!(r#"{{"response":{good}}}"#),
            r#"{"response":null}"#.to_string(),
            r#"{"response":[]}"#.to_string(),
            format!(r#"{{"response":[{good}],"error":{{"code":"unknown_api_key","message":"Unknown API key"}}}}"#),
            format!(r#"{{"response":[{good}],"response":[]}}"#),
            format!(r#"{{"response":[{good}]"#),
            r#"{"response":{"hex":{"nested":1},"lat":"50.1","lng":"8.6","updated":"1795773600"}}"#.to_string(),
        ];
        for body in &bodies {
            let general = split_airlabs(200, body.as_bytes()).map(|split| match split {
                SplitBody::Empty => Vec::new(),
                SplitBody::Records(r) => r.iter().map(|v| super::super::clean_airlabs_flight(v, &ctx)).collect(),
            });
            let fast = clean_airlabs_flights_body(200, body.as_bytes(), &ctx);
            match (&general, &fast) {
                (Ok(g), Ok(f)) => {
                    assert_eq!(g.len(), f.len(), "{}", &body[..body.len().min(120)]);
                    for (a, b) in g.iter().zip(f) {
                        assert_eq!(a.as_ref().ok(), b.as_ref().ok(), "{}", &body[..body.len().min(120)]);
                        assert_eq!(a.is_err(), b.is_err());
                    }
                }
                (Err(_), Err(_)) => {}
                _ => panic!("{}: {general:?} vs {fast:?}", &body[..body.len().min(120)]),
            }
        }
        let many = clean_airlabs_flights_body(200, dump.as_bytes(), &ctx).unwrap();
        assert_eq!(many.len(), 500);
    }

    /// Found by the `airlabs_records` fuzz target: a byte that is not UTF-8 inside a value the
    /// one-pass reader skips was accepted there, while splitting rejected the body as malformed
    /// (the raw splitter, too, accepted one in the skipped `request`).
    #[test]
    fn fuzz_invalid_utf8_in_a_skipped_value_rejects_the_body_on_every_path() {
        let ctx = RecordContext::for_test("airlabs", "flights", Utc.timestamp_opt(1_749_118_800, 0).unwrap());
        for body in [&b"{\"response\":[{\"\":\"\xc1\"}]}"[..], b"{\"request\":\"\xff\",\"response\":[]}"] {
            assert!(split_airlabs(200, body).unwrap_err().reason.starts_with("malformed JSON"));
            assert!(split_airlabs_raw(200, body).unwrap_err().reason.starts_with("malformed JSON"));
            assert!(clean_airlabs_flights_body(200, body, &ctx).is_err(), "{body:?}");
        }
    }
}
