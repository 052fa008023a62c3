//! Files of saved responses, as people keep them: one response per file, or a list of whole
//! responses — the original project saved its Lufthansa answers as one JSON list of JSON-encoded
//! strings (some of them the bare text `invalid request`), other users keep `[{…},{…}]` or
//! `{"responses": […]}`. A list of *records* (AirLabs' `response` saved alone) is one response.
//!
//! A file is read twice, each time as a stream, never whole: [`layout_of`] tells a list of
//! responses from one response (stopping at the first element or key that settles it), and
//! [`each_response`] then hands over the list's responses one at a time, so a large list costs
//! the memory of its largest response, not of the file.

mod compact;

use crate::model::Source;
use compact::Compact;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::io::Read;

/// What a saved file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedFile {
    /// The file is one response: its bytes, as they are.
    One,
    /// A list of whole responses: each one's body (a JSON text, or the text the list held).
    Many(Vec<Vec<u8>>),
}

/// How a saved file is laid out, found by [`layout_of`] without holding the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One response (the file's bytes, as they are).
    One,
    /// A list of this many whole responses: `[…]` or `{"responses": […]}`.
    Many(usize),
    /// `{"responses": …}` given more than once (the last one counts): read it whole with
    /// [`saved_responses`].
    Repeated,
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

/// Why a probe stopped early: the file is one response (or not JSON at all).
const SETTLED_ONE: &str = "settled: one response";
/// Why the stream of responses stopped: its consumer wants no more.
const STOPPED: &str = "stopped by the consumer";

/// How the file `reader` reads is laid out: a list of whole responses (every element a response
/// object of `source` or a string), `{"responses": […]}`, or else one response. It parses as
/// little as settles the answer (a list of records stops at its first record) and holds one
/// element's keys at a time.
pub fn layout_of(source: Source, reader: impl Read) -> Layout {
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    match de::Deserializer::deserialize_any(&mut de, ProbeFile(source)).and_then(|layout| de.end().map(|()| layout)) {
        Ok(layout) => layout,
        Err(_) => Layout::One,
    }
}

/// Hands each response of a [`Layout::Many`] file to `each`, in order, as its body (a JSON
/// text, or the text the list held): one response in memory at a time. `each` returns `false`
/// to stop. An error when the file does not read as such a list.
pub fn each_response(reader: impl Read, mut each: impl FnMut(Vec<u8>) -> bool) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    let read = de::Deserializer::deserialize_any(&mut de, EachResponse(&mut each)).and_then(|()| de.end());
    match read {
        Ok(()) => Ok(()),
        Err(e) if e.to_string().starts_with(STOPPED) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// Reads a saved file held in memory: a list of whole responses (every element a response
/// object of `source` or a string), `{"responses": […]}`, or else one response.
pub fn saved_responses(source: Source, body: &[u8]) -> SavedFile {
    let body = body.trim_ascii();
    match layout_of(source, body) {
        Layout::One => SavedFile::One,
        Layout::Many(_) => {
            let mut bodies = Vec::new();
            match each_response(body, |b| {
                bodies.push(b);
                true
            }) {
                Ok(()) => SavedFile::Many(bodies),
                Err(_) => SavedFile::One,
            }
        }
        Layout::Repeated => repeated_responses(body),
    }
}

/// `{"responses": […], "responses": […]}`: parsed whole, the last list counting.
fn repeated_responses(body: &[u8]) -> SavedFile {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(mut o)) if o.len() == 1 => match o.remove("responses") {
            Some(Value::Array(list)) => SavedFile::Many(list.into_iter().map(response_body).collect()),
            _ => SavedFile::One,
        },
        _ => SavedFile::One,
    }
}

/// A list element as a response body: the text a string holds, or the element's JSON text.
fn response_body(element: Value) -> Vec<u8> {
    match element {
        Value::String(text) => text.into_bytes(),
        other => other.to_string().into_bytes(),
    }
}

/// The probe of the whole file: a list whose elements are all whole responses, or an object
/// whose only key is `responses` holding a list.
struct ProbeFile(Source);

impl<'de> Visitor<'de> for ProbeFile {
    type Value = Layout;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a saved response or a list of them")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Layout, A::Error> {
        let mut n = 0;
        while let Some(whole) = seq.next_element_seed(ProbeElement(self.0))? {
            if !whole {
                return Err(de::Error::custom(SETTLED_ONE));
            }
            n += 1;
        }
        Ok(if n > 0 { Layout::Many(n) } else { Layout::One })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Layout, A::Error> {
        let (mut seen, mut last_list) = (0, None);
        while let Some(key) = map.next_key::<String>()? {
            if key != "responses" {
                // Another key: the object is not the `{"responses": […]}` wrapper.
                return Err(de::Error::custom(SETTLED_ONE));
            }
            seen += 1;
            last_list = map.next_value_seed(IsList)?;
        }
        Ok(match (seen, last_list) {
            (_, None) => Layout::One,
            (1, Some(n)) => Layout::Many(n),
            _ => Layout::Repeated,
        })
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Layout, E> {
        Ok(Layout::One)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Layout, E> {
        Ok(Layout::One)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Layout, E> {
        Ok(Layout::One)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Layout, E> {
        Ok(Layout::One)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Layout, E> {
        Ok(Layout::One)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Layout, E> {
        Ok(Layout::One)
    }
}

impl<'de> DeserializeSeed<'de> for ProbeFile {
    type Value = Layout;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Layout, D::Error> {
        d.deserialize_any(self)
    }
}

/// Is this list element a whole response of the source (a string, or an object with one of
/// its envelope keys)? Reads the element's keys, skipping their values.
struct ProbeElement(Source);

impl<'de> DeserializeSeed<'de> for ProbeElement {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ProbeElement {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a saved response")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let keys = envelope_keys(self.0);
        let mut whole = false;
        while let Some(key) = map.next_key::<String>()? {
            whole |= keys.contains(&key.as_str());
            map.next_value::<IgnoredAny>()?;
        }
        Ok(whole)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Ok(false)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// The length of this value if it is a list (what it holds is skipped).
struct IsList;

impl<'de> DeserializeSeed<'de> for IsList {
    type Value = Option<usize>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IsList {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<usize>, A::Error> {
        let mut n = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(Some(n))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<usize>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<usize>, E> {
        Ok(None)
    }
}

/// The second pass over a [`Layout::Many`] file: each element of the list (or of the
/// `responses` list) parsed alone and handed over as its body.
struct EachResponse<'f, F>(&'f mut F);

impl<'de, F: FnMut(Vec<u8>) -> bool> Visitor<'de> for EachResponse<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of saved responses")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let mut body = Vec::new();
            if seq.next_element_seed(Compact { out: &mut body, bare_string: true })?.is_none() {
                return Ok(());
            }
            if !(self.0)(body) {
                return Err(de::Error::custom(STOPPED));
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key != "responses" {
                return Err(de::Error::custom("not a list of saved responses"));
            }
            map.next_value_seed(EachResponse(&mut *self.0))?;
        }
        Ok(())
    }
}

impl<'de, F: FnMut(Vec<u8>) -> bool> DeserializeSeed<'de> for EachResponse<'_, F> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
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

    #[test]
    fn layouts_are_told_from_a_stream_and_lists_are_handed_over_one_by_one() {
        let lh = r#"{"FlightStatusResource":{"Flights":{"Flight":{"a":1}}}}"#;
        let list = format!(r#"[{lh}, "invalid request", {lh}]"#);
        assert_eq!(layout_of(Source::Lufthansa, list.as_bytes()), Layout::Many(3));
        let mut bodies = Vec::new();
        each_response(list.as_bytes(), |b| {
            bodies.push(b);
            bodies.len() < 2
        })
        .unwrap();
        assert_eq!(bodies, [lh.as_bytes(), b"invalid request"], "stopped after the second");
        // A list of records is settled by its first element: what follows is never read.
        let records = br#"[{"hex":"3c6702"}, this is not JSON"#;
        assert_eq!(layout_of(Source::Airlabs, &records[..]), Layout::One);
        // One response is settled by its first key.
        assert_eq!(layout_of(Source::Airlabs, &br#"{"request":{}, "response": [ broken"#[..]), Layout::One);
        let wrapped = format!(r#"{{"responses":[{lh},{lh}]}}"#);
        assert_eq!(layout_of(Source::Lufthansa, wrapped.as_bytes()), Layout::Many(2));
        let twice = format!(r#"{{"responses":[{lh},{lh}],"responses":[{lh}]}}"#);
        assert_eq!(layout_of(Source::Lufthansa, twice.as_bytes()), Layout::Repeated);
        assert!(matches!(saved_responses(Source::Lufthansa, twice.as_bytes()), SavedFile::Many(b) if b.len() == 1));
        assert_eq!(layout_of(Source::Lufthansa, format!("[{lh}] trailing").as_bytes()), Layout::One);
        assert_eq!(layout_of(Source::Lufthansa, &br#"{"responses":{}}"#[..]), Layout::One);
        assert_eq!(layout_of(Source::Lufthansa, &br#"{"responses":[]}"#[..]), Layout::Many(0));
    }
}
