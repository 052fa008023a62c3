//! Files of saved responses, as people keep them: one response per file, or a list of whole
//! responses — the original project saved its Lufthansa answers as one JSON list of JSON-encoded
//! strings (some of them the bare text `invalid request`), other users keep `[{…},{…}]` or
//! `{"responses": […]}`. A list of *records* (AirLabs' `response` saved alone) is one response.

use crate::model::Source;
use serde_json::Value;

/// What a saved file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedFile {
    /// The file is one response: its bytes, as they are.
    One,
    /// A list of whole responses: each one's body (a JSON text, or the text the list held).
    Many(Vec<Vec<u8>>),
}

/// The top-level keys a whole response of `source` has (its envelope or its error body).
fn envelope_keys(source: Source) -> &'static [&'static str] {
    match source {
        Source::Lufthansa => &[
            "FlightStatusResource",
            "FlightInformation",
            "AirportResource",
            "CityResource",
            "CountryResource",
            "AirlineResource",
            "AircraftResource",
            "ScheduleResource",
            "ProcessingErrors",
            "Error",
        ],
        Source::Airlabs => &["response", "error", "request"],
        Source::Opensky => &["states", "time"],
    }
}

fn is_whole_response(source: Source, v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Object(o) => envelope_keys(source).iter().any(|k| o.contains_key(*k)),
        _ => false,
    }
}

/// Reads a saved file: a list of whole responses (every element a response object of `source`
/// or a string), `{"responses": […]}`, or else one response.
pub fn saved_responses(source: Source, body: &[u8]) -> SavedFile {
    let Ok(v) = serde_json::from_slice::<Value>(body.trim_ascii()) else { return SavedFile::One };
    let list = match v {
        Value::Array(list) if !list.is_empty() && list.iter().all(|e| is_whole_response(source, e)) => list,
        Value::Object(mut o) if o.len() == 1 && o.get("responses").is_some_and(Value::is_array) => {
            match o.remove("responses") {
                Some(Value::Array(list)) => list,
                _ => return SavedFile::One,
            }
        }
        _ => return SavedFile::One,
    };
    SavedFile::Many(
        list.into_iter()
            .map(|e| match e {
                // The response's text, as the list kept it (JSON, or `invalid request`).
                Value::String(text) => text.into_bytes(),
                other => other.to_string().into_bytes(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_responses_and_lists_of_records() {
        let lh = r#"{"FlightStatusResource":{"Flights":{"Flight":{"a":1}}}}"#;
        let strings = serde_json::to_string(&vec![lh, "invalid request", "\"invalid request\""]).unwrap();
        let SavedFile::Many(bodies) = saved_responses(Source::Lufthansa, strings.as_bytes()) else { panic!("a list") };
        assert_eq!(bodies, [lh.as_bytes(), b"invalid request", b"\"invalid request\""]);
        let objects = format!("[{lh},{lh}]");
        assert!(matches!(saved_responses(Source::Lufthansa, objects.as_bytes()), SavedFile::Many(b) if b.len() == 2));
        let wrapped = format!(r#"{{"responses":[{lh}]}}"#);
        assert!(matches!(saved_responses(Source::Lufthansa, wrapped.as_bytes()), SavedFile::Many(b) if b.len() == 1));
        // AirLabs records saved as a bare list are one response; envelopes are several.
        let records = br#"[{"hex":"3c6702","lat":1,"lng":2},{"hex":"3c6703"}]"#;
        assert_eq!(saved_responses(Source::Airlabs, records), SavedFile::One);
        let envelopes = br#"[{"request":{},"response":[]},{"error":{"code":"x"}}]"#;
        assert!(matches!(saved_responses(Source::Airlabs, envelopes), SavedFile::Many(b) if b.len() == 2));
        assert_eq!(saved_responses(Source::Lufthansa, lh.as_bytes()), SavedFile::One);
        assert_eq!(saved_responses(Source::Opensky, b"not json"), SavedFile::One);
        assert_eq!(saved_responses(Source::Opensky, b"[]"), SavedFile::One);
    }
}
