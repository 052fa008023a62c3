//! Properties of the pure cleaning layer, on arbitrary input: it never panics, and cleaning the
//! same record twice gives the same answer, whether it is read from its JSON text (as staging
//! holds it) or from a parsed value.

use chrono::{TimeZone, Utc};
use pipeline::clean::dispatch::{clean, clean_value, known_endpoints, split};
use pipeline::clean::{RecordContext, lufthansa::SplitBody};
use pipeline::reference::Reference;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Field names the cleaners look for, so arbitrary documents often hit real code paths.
const KEYS: &[&str] = &[
    "Departure",
    "Arrival",
    "AirportCode",
    "ScheduledTimeLocal",
    "ScheduledTimeUTC",
    "EstimatedTimeUTC",
    "ActualTimeUTC",
    "ActualTimeLocal",
    "DateTime",
    "TimeStatus",
    "Code",
    "Terminal",
    "Name",
    "Gate",
    "MarketingCarrier",
    "OperatingCarrier",
    "AirlineID",
    "FlightNumber",
    "Equipment",
    "AircraftRegistration",
    "FlightStatus",
    "Names",
    "$",
    "@LanguageCode",
    "Position",
    "Coordinate",
    "Latitude",
    "Longitude",
    "TimeZoneId",
    "CountryCode",
    "hex",
    "lat",
    "lng",
    "alt",
    "dir",
    "speed",
    "v_speed",
    "updated",
    "flight_icao",
    "flight_iata",
    "dep_iata",
    "arr_iata",
    "status",
    "reg_number",
    "AirlineID_ICAO",
    "x",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop_oneof![
            "[A-Z]{2,3}",
            "[0-9]{1,6}[A-Z]?",
            "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]Z?",
            "[0-9a-fA-F]{6}",
            ".{0,12}",
            "\\PC{0,8}\u{1b}\\]0;x\u{7}",
        ]
        .prop_map(Value::String),
    ]
}

fn document() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<Map<_, _>>())),
        ]
    })
}

fn ctx(pair: &str) -> RecordContext {
    let (source, endpoint) = pair.split_once('/').unwrap();
    RecordContext {
        source: source.into(),
        endpoint: endpoint.into(),
        lake_key: "raw/x/y.json.gz".into(),
        fetched_at: Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, .. ProptestConfig::default() })]

    #[test]
    fn cleaning_never_panics_and_is_idempotent(doc in document()) {
        for pair in known_endpoints() {
            let c = ctx(&pair);
            let text = serde_json::value::to_raw_value(&doc).unwrap();
            let first = clean(&text, &c, Reference::embedded());
            let second = clean(&text, &c, Reference::embedded());
            prop_assert_eq!(&first, &second);
            let from_value = clean_value(&doc, &c, Reference::embedded());
            prop_assert_eq!(first.map_err(|e| e.natural_key), from_value.map_err(|e| e.natural_key));
        }
    }

    #[test]
    fn splitting_never_panics_on_any_bytes(body in prop::collection::vec(any::<u8>(), 0..256), status in prop::sample::select(vec![200u16, 404, 500])) {
        for pair in known_endpoints() {
            let (source, endpoint) = pair.split_once('/').unwrap();
            let _ = split(source, endpoint, status, &body);
        }
    }

    #[test]
    fn splitting_then_cleaning_any_json_never_panics(doc in document()) {
        let body = serde_json::to_vec(&doc).unwrap();
        for pair in known_endpoints() {
            let (source, endpoint) = pair.split_once('/').unwrap();
            if let Ok(SplitBody::Records(records)) = split(source, endpoint, 200, &body) {
                for r in &records {
                    let _ = clean(r, &ctx(&pair), Reference::embedded());
                }
            }
        }
    }
}
