//! The bodies of skyboard's fuzz targets. Each `fuzz_targets/<name>.rs` is one line that hands
//! libFuzzer's input to the function of the same name here, so the seeds (and any crash input)
//! can also be replayed by a plain `cargo test` (see the tests at the bottom), without nightly.
//!
//! Every target must never panic; where an invariant is cheap to check, it is asserted too.

use arbitrary::Unstructured;
use chrono::{DateTime, TimeZone, Utc};
use pipeline::clean::dispatch::{self, CleanRow};
use pipeline::clean::lufthansa::SplitBody;
use pipeline::clean::{RecordContext, Rejection};
use pipeline::model::text::{is_plain, sanitize, sanitize_opt};
use pipeline::reference::Reference;
use serde_json::Value;
use serde_json::value::RawValue;
use std::sync::OnceLock;

mod config_target;
mod corpus;
mod invariants;

pub use config_target::config_file;
pub use corpus::*;
use invariants::assert_display_safe;
pub use invariants::check_rows;

/// Every `(source, endpoint)` skyboard cleans, in `known_endpoints()` order.
pub fn endpoints() -> &'static [(String, String)] {
    static ALL: OnceLock<Vec<(String, String)>> = OnceLock::new();
    ALL.get_or_init(|| {
        dispatch::known_endpoints()
            .map(|p| {
                let (s, e) = p.split_once('/').expect("source/endpoint");
                (s.to_string(), e.to_string())
            })
            .collect()
    })
}

/// The endpoints of one source.
pub fn endpoints_of(source: &str) -> Vec<(String, String)> {
    endpoints().iter().filter(|(s, _)| s == source).cloned().collect()
}

/// Fetch times the second input byte picks from: those of the seeds (so their records are
/// within the cleaners' time windows), plus edges.
const CLOCKS: &[i64] = &[
    1_727_164_800,   // 2024-09-24T08:00Z: Lufthansa flight status seed
    1_659_088_800,   // 2022-07-29T10:00Z: Lufthansa customer flight information seed
    1_749_118_800,   // 2025-06-05: AirLabs /flights seed
    1_787_292_000,   // 2026-08-21T06:00Z: AirLabs /schedules seed
    1_499_105_370,   // 2017-07-03: OpenSky seed
    1_795_773_600,   // 2026-11-27T10:00Z
    0,               // the UNIX epoch
    253_402_300_799, // 9999-12-31T23:59:59Z
];

/// The endpoint, fetch time and HTTP status an input picks, and the body that follows.
pub type Header<'e, 'a> = (&'e (String, String), DateTime<Utc>, u16, &'a [u8]);

/// `(endpoint, fetch time, HTTP status)` from the input's first two bytes, and the rest.
/// Byte 0 picks the endpoint (modulo the list); byte 1's low nibble the clock, its high nibble
/// the status: 0xE_ is 404, 0xF_ is 503, anything else 200.
pub fn header<'a, 'e>(list: &'e [(String, String)], data: &'a [u8]) -> Option<Header<'e, 'a>> {
    let [e, c, body @ ..] = data else { return None };
    let endpoint = &list[usize::from(*e) % list.len()];
    let clock = CLOCKS[usize::from(c & 0x0f) % CLOCKS.len()];
    let status = match c >> 4 {
        0xe => 404,
        0xf => 503,
        _ => 200,
    };
    Some((endpoint, Utc.timestamp_opt(clock, 0).unwrap(), status, body))
}

pub fn context(source: &str, endpoint: &str, fetched_at: DateTime<Utc>) -> RecordContext {
    RecordContext {
        source: source.to_string(),
        endpoint: endpoint.to_string(),
        lake_key: format!("raw/{source}/{endpoint}/fuzz.json.gz"),
        fetched_at,
    }
}

/// A rejection, compared as the property tests compare them: by the record it names.
fn key_of(r: Result<Vec<CleanRow>, Rejection>) -> Result<Vec<CleanRow>, Option<String>> {
    r.map_err(|e| e.natural_key)
}

/// Cleans one staged record both ways (from its text, as the runner does, and from the value
/// parsed from that same text) and checks that they agree and that the rows are sound.
fn clean_record(raw: &RawValue, ctx: &RecordContext) {
    let reference = Reference::embedded();
    let from_text = dispatch::clean(raw, ctx, reference);
    if let Ok(rows) = &from_text {
        check_rows(rows, ctx);
    }
    let again = dispatch::clean(raw, ctx, reference);
    assert_eq!(from_text, again, "cleaning the same record twice differs");
    // Only comparable where the value parses: the text path reports malformed JSON itself.
    if let Ok(value) = serde_json::from_str::<Value>(raw.get()) {
        let from_value = dispatch::clean_value(&value, ctx, reference);
        assert_eq!(
            key_of(from_text),
            key_of(from_value),
            "clean (text) and clean_value (parsed) disagree on {}",
            raw.get()
        );
    }
}

/// `split`, then `clean` every record, for the endpoint the input's header picks in `list`.
pub fn split_and_clean_in(list: &[(String, String)], data: &[u8]) {
    let Some(((source, endpoint), fetched_at, status, body)) = header(list, data) else { return };
    let Ok(split) = dispatch::split(source, endpoint, status, body) else { return };
    let ctx = context(source, endpoint, fetched_at);
    if let SplitBody::Records(records) = split {
        for raw in &records {
            clean_record(raw, &ctx);
        }
    }
}

/// Target `split_and_clean`: any endpoint, any body.
pub fn split_and_clean(data: &[u8]) {
    split_and_clean_in(endpoints(), data)
}

/// Target `lufthansa_records`: the Lufthansa endpoints only.
pub fn lufthansa_records(data: &[u8]) {
    static L: OnceLock<Vec<(String, String)>> = OnceLock::new();
    split_and_clean_in(L.get_or_init(|| endpoints_of("lufthansa")), data)
}

/// Target `opensky_states`: `/states/all`.
pub fn opensky_states(data: &[u8]) {
    static L: OnceLock<Vec<(String, String)>> = OnceLock::new();
    split_and_clean_in(L.get_or_init(|| endpoints_of("opensky")), data)
}

/// Target `airlabs_records`: the AirLabs endpoints; for `/flights` also the one-pass cleaner
/// of a whole body, which must give what splitting and cleaning record by record gives.
pub fn airlabs_records(data: &[u8]) {
    static L: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let list = L.get_or_init(|| endpoints_of("airlabs"));
    split_and_clean_in(list, data);
    let Some(((source, endpoint), fetched_at, status, body)) = header(list, data) else { return };
    if endpoint != "flights" {
        return;
    }
    use pipeline::clean::airlabs::{clean_airlabs_flights_body, split_airlabs_raw};
    let ctx = context(source, endpoint, fetched_at);
    let reference = Reference::embedded();
    let fast = clean_airlabs_flights_body(status, body, &ctx);
    if let Ok(results) = &fast {
        for p in results.iter().flatten() {
            check_rows(&[CleanRow::Position(Box::new(p.clone()))], &ctx);
        }
    }
    // What the runner does: split into raw records, clean each from its text.
    let by_record = split_airlabs_raw(status, body).map(|split| match split {
        SplitBody::Empty => Vec::new(),
        SplitBody::Records(records) => records.iter().map(|r| dispatch::clean(r, &ctx, reference)).collect(),
    });
    match (&fast, &by_record) {
        (Ok(f), Ok(g)) => {
            assert_eq!(f.len(), g.len(), "one-pass and record-by-record count differently");
            for (a, b) in f.iter().zip(g) {
                let b = b.as_ref().ok().map(|rows| match rows.as_slice() {
                    [CleanRow::Position(p)] => p.as_ref(),
                    other => panic!("a /flights record gave {other:?}"),
                });
                assert_eq!(a.as_ref().ok(), b, "one-pass and record-by-record disagree");
            }
        }
        (Err(_), Err(_)) => {}
        _ => panic!("one-pass {fast:?} vs record-by-record {by_record:?}"),
    }
}

/// Field names the cleaners read (and a few envelope keys), for structured documents.
#[rustfmt::skip]
const KEYS: &[&str] = &[
    "FlightStatusResource", "FlightInformation", "AirportResource", "Flights", "Flight", "Airports", "Airport",
    "ProcessingErrors", "Departure", "Arrival", "AirportCode", "ScheduledTimeLocal", "ScheduledTimeUTC",
    "EstimatedTimeLocal", "EstimatedTimeUTC", "ActualTimeLocal", "ActualTimeUTC", "DateTime", "Scheduled",
    "Estimated", "Actual", "Date", "Time", "TimeStatus", "Status", "Code", "Terminal", "Name", "Gate",
    "MarketingCarrier", "MarketingCarrierList", "OperatingCarrier", "AirlineID", "FlightNumber", "Equipment",
    "AircraftCode", "AircraftRegistration", "FlightStatus", "Names", "@LanguageCode", "$", "Position", "Coordinate",
    "Latitude", "Longitude", "TimeZoneId", "CountryCode", "CityCode", "AirlineID_ICAO", "hex", "reg_number", "lat",
    "lng", "alt", "dir", "speed", "v_speed", "squawk", "flight_icao", "flight_iata", "dep_iata", "arr_iata",
    "aircraft_icao", "updated", "status", "airline_iata", "flight_number", "cs_airline_iata", "cs_flight_number",
    "cs_flight_iata", "dep_time", "dep_time_utc", "dep_estimated", "dep_estimated_utc", "dep_actual",
    "dep_actual_utc", "arr_time", "arr_time_utc", "arr_estimated", "arr_estimated_utc", "arr_actual",
    "arr_actual_utc", "dep_terminal", "dep_gate", "arr_terminal", "arr_gate", "iata_code", "icao_code", "name",
    "city", "country_code", "timezone", "response", "error", "message", "code", "states", "time",
];

/// Strings the cleaners parse: codes, times in every form they read, zones, status words.
#[rustfmt::skip]
const STRINGS: &[&str] = &[
    "FRA", "JFK", "HND", "fra", "LH", "ac", "4Y", "DLH", "DLH400", "DLH0400", "DLH8MN", "GEC8441", "LH400", "LH1234A",
    "0841", "1234A", "00000", "99999", "3c6702", "4240EC", "2024-09-24T08:00Z", "2024-09-24T10:00",
    "2024-09-24T10:00:30", "2024-09-24T08:00:30+02:00", "2026-10-25 02:30", "2026-03-29 02:30", "2026-08-21 05:58",
    "2022-07-29", "11:35", "0000-01-01T00:00Z", "9999-12-31T23:59Z", "+262142-12-31T23:59", "-0001-01-01T00:00",
    "Europe/Berlin", "America/New_York", "UTC", "en", "EN", "DP", "CD", "DL", "NA", "scheduled", "landed", "active",
    "en-route", "cancelled", "diverted", "\u{1b}[31m", "\u{1b}]0;x\u{7}", "\u{9b}2J", "\u{202e}", "\t", " ", "",
    "€", "ÉÉ", "東京1", "NaN", "inf", "1e400", "-0", " 48.35 ",
];

#[rustfmt::skip]
const NUMBERS: &[f64] = &[
    0.0, -0.0, 1.0, -1.0, 90.0, -90.0, 180.0, -180.0, 360.0, 1e15, -1e15, 1e300, 1_499_105_360.0, 1_749_118_794.0,
    1_787_291_880.0, 9.2e18, -9.2e18, 1.5, 0.5, 841.0,
];

/// An arbitrary JSON document, biased towards the names and values the cleaners look for.
pub fn arbitrary_value(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Value> {
    let kind = if depth == 0 { u.int_in_range(0..=5)? } else { u.int_in_range(0..=7)? };
    Ok(match kind {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(*u.choose(NUMBERS)?),
        3 => match u.int_in_range(0..=2)? {
            0 => Value::from(u.arbitrary::<i64>()?),
            1 => Value::from(u.arbitrary::<u64>()?),
            _ => serde_json::Number::from_f64(u.arbitrary()?).map_or(Value::Null, Value::Number),
        },
        4 => Value::String(u.choose(STRINGS)?.to_string()),
        5 => Value::String(u.arbitrary::<String>()?),
        6 => {
            let n = u.int_in_range(0..=18)?;
            Value::Array((0..n).map(|_| arbitrary_value(u, depth - 1)).collect::<arbitrary::Result<_>>()?)
        }
        _ => {
            let n = u.int_in_range(0..=8)?;
            let mut map = serde_json::Map::new();
            for _ in 0..n {
                let key = if u.ratio(7, 8)? { u.choose(KEYS)?.to_string() } else { u.arbitrary::<String>()? };
                map.insert(key, arbitrary_value(u, depth - 1)?);
            }
            Value::Object(map)
        }
    })
}

/// Target `clean_value_json`: a structured document cleaned as one record of any endpoint,
/// from the value and from its text; and, wrapped in each endpoint's envelope, split and cleaned.
pub fn clean_value_json(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let (Ok(e), Ok(c)) = (u.arbitrary::<u8>(), u.arbitrary::<u8>()) else { return };
    let Ok(doc) = arbitrary_value(&mut u, 5) else { return };
    let Some(((source, endpoint), fetched_at, _, _)) = header(endpoints(), &[e, c]) else { return };
    let ctx = context(source, endpoint, fetched_at);
    let reference = Reference::embedded();
    // Through text and back, so both paths read the very same numbers (serde_json's default
    // float parsing is not always correctly rounded).
    let text = serde_json::to_string(&doc).expect("a Value always serializes");
    let raw = RawValue::from_string(text).expect("serialized JSON is JSON");
    let value: Value = serde_json::from_str(raw.get()).expect("serialized JSON parses");
    let from_value = dispatch::clean_value(&value, &ctx, reference);
    if let Ok(rows) = &from_value {
        check_rows(rows, &ctx);
    }
    clean_record(&raw, &ctx);
    // The same document as the single record of a response.
    let wrapped = match source.as_str() {
        "airlabs" => serde_json::json!({ "response": [value] }),
        "opensky" => serde_json::json!({ "time": 1, "states": [value] }),
        _ => {
            let (root, container, item) = lufthansa_shape(endpoint);
            let mut v = serde_json::Map::new();
            v.insert(item.into(), value);
            let mut c = serde_json::Map::new();
            c.insert(container.into(), Value::Object(v));
            let mut r = serde_json::Map::new();
            r.insert(root.into(), Value::Object(c));
            Value::Object(r)
        }
    };
    let mut body = vec![e, c & 0x0f];
    body.extend(serde_json::to_vec(&wrapped).expect("serializes"));
    split_and_clean(&body);
}

/// `(root, container, item)` of a Lufthansa list resource, as the splitter expects it.
fn lufthansa_shape(endpoint: &str) -> (&'static str, &'static str, &'static str) {
    match endpoint {
        e if e.starts_with("flightstatus") => ("FlightStatusResource", "Flights", "Flight"),
        e if e.starts_with("customerflightinformation") => ("FlightInformation", "Flights", "Flight"),
        "references-airports" => ("AirportResource", "Airports", "Airport"),
        "references-cities" => ("CityResource", "Cities", "City"),
        "references-countries" => ("CountryResource", "Countries", "Country"),
        "references-airlines" => ("AirlineResource", "Airlines", "Airline"),
        _ => ("AircraftResource", "AircraftSummaries", "AircraftSummary"),
    }
}

/// Target `sanitize`: the output is display-safe, trimmed, idempotent, and unchanged for
/// plain text.
pub fn sanitize_target(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let out = sanitize(&input);
    assert_display_safe(&out, "sanitize output");
    assert!(!out.contains('\u{1b}'));
    assert_eq!(out.trim(), out, "sanitize output is not trimmed");
    assert_eq!(sanitize(&out), out, "sanitize is not idempotent on {input:?}");
    if is_plain(&input) {
        assert_eq!(out, input, "plain text changed");
    }
    assert!(out.len() <= input.len() + input.len() / 2, "sanitize grew {input:?}");
    assert_eq!(sanitize_opt(Some(&input)), (!out.is_empty()).then(|| out.clone()));
}

/// A target's body: an input in, a panic if it finds a bug.
pub type Target = fn(&[u8]);

/// Every target: its name and its body.
pub const TARGETS: &[(&str, Target)] = &[
    ("split_and_clean", split_and_clean),
    ("lufthansa_records", lufthansa_records),
    ("airlabs_records", airlabs_records),
    ("opensky_states", opensky_states),
    ("clean_value_json", clean_value_json),
    ("sanitize", sanitize_target),
    ("config_file", config_file),
];

#[cfg(test)]
mod tests;
