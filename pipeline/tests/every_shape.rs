//! Every endpoint skyboard cleans, fed every shape a saved or live answer comes in: a bare list,
//! an object keyed "0"…"n", a single object, an error envelope, an HTML page and an empty body.
//! None may come out as "0 records" unless it truly holds none: each yields records (each
//! cleaned to rows or rejected with a reason) or a rejection of the whole response that names
//! what was wrong.

use chrono::{TimeZone, Utc};
use pipeline::clean::RecordContext;
use pipeline::clean::dispatch::{self, known_endpoints};
use pipeline::clean::lufthansa::SplitBody;
use pipeline::reference::Reference;

/// One record in the shape `source` lists it.
fn record(source: &str) -> &'static str {
    match source {
        "lufthansa" => r#"{"Departure":{"AirportCode":"FRA"},"Arrival":{"AirportCode":"MUC"}}"#,
        "airlabs" => r#"{"hex":"3c6702","lat":50.1,"lng":8.6,"updated":1795773600}"#,
        _ => r#"{"icao24":"3c6702","callsign":"DLH400"}"#,
    }
}

fn error_envelope(source: &str) -> &'static str {
    match source {
        "lufthansa" => r#"{"Error":"Account Over Queries Per Second Limit"}"#,
        "airlabs" => r#"{"error":{"message":"Unknown API key","code":"unknown_api_key"}}"#,
        _ => r#"{"timestamp":1795773600000,"status":500,"error":"Internal Server Error","path":"/api/states/all"}"#,
    }
}

/// (shape, body, what the rejection must name when the body is rejected as a whole).
fn shapes(source: &str) -> Vec<(&'static str, String, &'static str)> {
    let r = record(source);
    vec![
        ("bare list", format!("[{r},{r}]"), "bare list of 2"),
        ("indexed object", format!(r#"{{"0":{r},"1":{r}}}"#), "keyed \"0\"…\"1\""),
        ("single object", r.to_string(), "single object"),
        ("error envelope", error_envelope(source).to_string(), "error"),
        ("HTML page", "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>".into(), "HTML page"),
        ("empty body", String::new(), "empty body"),
        ("bare text", "invalid request".into(), "\"invalid request\""),
    ]
}

#[test]
fn no_shape_comes_out_as_nothing() {
    let reference = Reference::embedded();
    let mut checked = 0;
    for endpoint in known_endpoints() {
        let (source, endpoint) = endpoint.split_once('/').expect("source/endpoint");
        let ctx = RecordContext {
            source: source.into(),
            endpoint: endpoint.into(),
            lake_key: "raw/test".into(),
            fetched_at: Utc.timestamp_opt(1_795_773_600, 0).unwrap(),
        };
        for (shape, body, names) in shapes(source) {
            let what = format!("{source}/{endpoint}, {shape}");
            match dispatch::split(source, endpoint, 200, body.as_bytes()) {
                Ok(SplitBody::Empty) => panic!("{what}: 0 records from an answer that holds some"),
                Ok(SplitBody::Records(records)) => {
                    // Only AirLabs' bare list is a list of records; each is loaded or rejected.
                    assert_eq!((source, shape), ("airlabs", "bare list"), "{what}: read as records");
                    assert_eq!(records.len(), 2, "{what}");
                    for r in &records {
                        match dispatch::clean(r, &ctx, reference) {
                            Ok(rows) => assert!(!rows.is_empty(), "{what}: a record cleaned to no row"),
                            Err(e) => assert!(!e.reason.is_empty(), "{what}: a rejection without a reason"),
                        }
                    }
                }
                Err(e) => assert!(e.reason.contains(names), "{what}: {:?} does not name {names:?}", e.reason),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 16 * 7, "every endpoint, every shape");
}

/// What truly holds no records is empty, and only that.
#[test]
fn only_answers_that_hold_nothing_are_empty() {
    for (source, endpoint, status, body) in [
        ("airlabs", "flights", 200, r#"{"request":{},"response":[]}"#),
        ("airlabs", "flights", 200, "[]"),
        ("airlabs", "schedules", 200, r#"{"response":null}"#),
        ("opensky", "states-all", 200, r#"{"time":1795773600,"states":null}"#),
        ("opensky", "states-all", 200, r#"{"time":1795773600,"states":[]}"#),
        (
            "lufthansa",
            "flightstatus-departures",
            404,
            r#"{"ProcessingErrors":{"ProcessingError":{"@RetryIndicator":false,"Type":"ResourceNotFound","Code":"NOT_FOUND","Description":"Flight not found"}}}"#,
        ),
        (
            "lufthansa",
            "flightstatus-departures",
            200,
            r#"{"ProcessingErrors":{"ProcessingError":{"@RetryIndicator":"false","Type":"ResourceNotFound","Code":404,"Description":"no flights"}}}"#,
        ),
        ("lufthansa", "references-airports", 200, r#"{"AirportResource":{"Airports":{"Airport":[]}}}"#),
    ] {
        let split = dispatch::split(source, endpoint, status, body.as_bytes());
        assert!(matches!(split, Ok(SplitBody::Empty)), "{body}: {:?}", split.map(|s| s.len()));
    }
    // A refusal is not "nothing": it is rejected with the API's own words.
    let refused = r#"{"ProcessingErrors":{"ProcessingError":{"@RetryIndicator":false,"Type":"BadRequest","Code":"400","Description":"Invalid date"}}}"#;
    let e = dispatch::split("lufthansa", "flightstatus-departures", 200, refused.as_bytes()).unwrap_err();
    assert_eq!(e.reason, "Lufthansa processing error BadRequest 400: Invalid date");
    let e = dispatch::split("opensky", "states-all", 200, br#"{"time":1795773600}"#).unwrap_err();
    assert!(e.reason.contains("single object (keys time)"), "{}", e.reason);
}
