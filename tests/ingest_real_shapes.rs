//! `skyboard ingest-file` on files written in the shapes and quirks of real recorded answers
//! (`pipeline/tests/fixtures/real_shapes/`): the whole-file path of every drifted type, files of
//! whole responses (the original project's history), served city names on boards and exports.

mod support;

use support::headless::{lake_keys, run_skyboard};

fn fixture(path: &str) -> String {
    format!("{}/pipeline/tests/fixtures/real_shapes/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// `ingest-file` of `files`; its output lines.
fn ingest(dir: &std::path::Path, source: &str, endpoint: &str, fetched_at: &str, files: &[&str]) -> Vec<String> {
    let mut args = vec!["ingest-file", "--source", source, "--endpoint", endpoint, "--fetched-at", fetched_at];
    args.extend(files);
    let (status, out, err) = run_skyboard(dir, &args, &[]);
    assert!(status.success(), "{out}{err}");
    out.lines().map(str::to_string).collect()
}

/// `(records, loaded, rejected)` of the report line of `name`.
fn counts(lines: &[String], name: &str) -> (u64, u64, u64) {
    let line = lines
        .iter()
        .find(|l| l.contains(name) && l.contains(" records, "))
        .unwrap_or_else(|| panic!("{name}: {lines:?}"));
    let at = line.find(" records, ").expect("a report line");
    let start = line[..at].rfind(": ").map_or(0, |i| i + 2);
    let nums: Vec<u64> = line[start..].split([' ', ',']).filter_map(|w| w.parse().ok()).take(3).collect();
    (nums[0], nums[1], nums[2])
}

#[test]
fn every_drifted_type_loads_through_ingest_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (source, endpoint, time, file, expect) in [
        (
            "lufthansa",
            "flightstatus-departures",
            "2017-09-14T06:00:00Z",
            "lufthansa/flightstatus_flight_object_old.json",
            (1, 1, 0),
        ),
        (
            "lufthansa",
            "flightstatus-departures",
            "2025-03-18T06:00:00Z",
            "lufthansa/flightstatus_flight_list_new.json",
            (1, 1, 0),
        ),
        (
            "lufthansa",
            "flightstatus-departures",
            "2024-09-24T06:00:00Z",
            "lufthansa/flightstatus_no_marketing_carrier.json",
            (2, 1, 1),
        ),
        (
            "lufthansa",
            "customerflightinformation-departures",
            "2025-03-18T06:00:00Z",
            "lufthansa/customerflightinformation_marketing_list.json",
            (1, 1, 0),
        ),
        (
            "lufthansa",
            "customerflightinformation-arrivals",
            "2025-03-18T06:00:00Z",
            "lufthansa/customerflightinformation_marketing_object.json",
            (1, 1, 0),
        ),
        (
            "lufthansa",
            "references-airports",
            "2025-03-18T06:00:00Z",
            "lufthansa/references_airports_utcoffset_variants.json",
            (6, 6, 0),
        ),
        ("lufthansa", "flightstatus-departures", "2024-09-24T06:00:00Z", "lufthansa/error_gateway.json", (0, 0, 1)),
        ("airlabs", "flights", "2025-09-24T08:00:00Z", "airlabs/flights_optional_keys_missing.json", (10, 9, 1)),
        ("airlabs", "flights", "2025-09-24T08:00:00Z", "airlabs/flights_bare_list.json", (3, 3, 0)),
        ("airlabs", "flights", "2025-09-24T08:00:00Z", "airlabs/flights_indexed_object.json", (0, 0, 1)),
        ("airlabs", "flights", "2025-09-24T08:00:00Z", "airlabs/flight_single_object.json", (1, 1, 0)),
        ("airlabs", "airlines", "2025-09-24T08:00:00Z", "airlabs/airlines_mostly_icao_only.json", (60, 57, 3)),
        ("opensky", "states-all", "2017-02-14T10:00:00Z", "opensky/states_2017_13_fields.json", (3, 2, 1)),
        ("opensky", "states-all", "2022-01-31T16:50:00Z", "opensky/states_18_fields.json", (3, 3, 0)),
        ("opensky", "states-all", "2025-09-24T08:00:00Z", "opensky/states_padded_and_empty_callsigns.json", (5, 4, 1)),
        ("opensky", "states-all", "2025-09-24T08:00:00Z", "opensky/states_null.json", (0, 0, 0)),
    ] {
        let lines = ingest(d, source, endpoint, time, &[&fixture(file)]);
        assert_eq!(counts(&lines, file), expect, "{file}: {lines:?}");
    }
    // The rail legs after Lufthansa's own airport list (QFB's zone): 3 of 4 load, the fourth
    // names the station no reference knows.
    let lines = ingest(
        d,
        "lufthansa",
        "flightstatus-departures",
        "2024-09-24T06:00:00Z",
        &[&fixture("lufthansa/flightstatus_rail_leg.json")],
    );
    assert_eq!(counts(&lines, "rail_leg"), (4, 3, 1), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("unknown location ZVR: no time zone")), "{lines:?}");

    // Exported flight numbers are the records' own: none for CAP342 (Civil Air Patrol), RCH635
    // (USAF) and VJT711 (a business jet), EW9461 from its own airline and number.
    let (status, out, err) = run_skyboard(d, &["export", "positions", "--format", "json"], &[]);
    assert!(status.success(), "{err}");
    let positions: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let number = |callsign: &str| {
        let p = positions.iter().find(|p| p["callsign"] == callsign).unwrap_or_else(|| panic!("{callsign}"));
        p["flight_iata"].as_str().map(str::to_string)
    };
    for callsign in ["CAP342", "RCH635", "VJT711"] {
        assert_eq!(number(callsign), None, "{callsign}");
    }
    assert_eq!(number("EWG9461").as_deref(), Some("EW9461"));

    // The ICAO-only operators are in the warehouse, as the map and flight page name them.
    let (status, out, err) = run_skyboard(d, &["export", "airlines", "--format", "json"], &[]);
    assert!(status.success(), "{err}");
    let airlines: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let rch = airlines.iter().find(|a| a["code"] == "RCH").expect("RCH, the US Air Mobility Command");
    assert!(rch["iata"].is_null() || rch["iata"] == "MC", "{rch}");
}

/// The original project's history: one JSON list of JSON-encoded responses, one of them the text
/// `invalid request`; other users' `[{…},{…}]` and `{"responses": […]}`.
#[test]
fn a_file_of_responses_files_each_as_its_own_lake_object() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let history = fixture("lufthansa/history_list_of_json_strings.json");
    let lines = ingest(d, "lufthansa", "customerflightinformation-departures", "2022-07-29T10:00:00Z", &[&history]);
    assert!(lines[0].ends_with("a list of 3 responses"), "{lines:?}");
    assert_eq!(counts(&lines, "#1"), (1, 1, 0), "{lines:?}");
    assert_eq!(counts(&lines, "#2").2, 1, "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("#2") && l.contains("invalid request")), "the reason names it: {lines:?}");
    assert_eq!(counts(&lines, "#3"), (1, 1, 0), "{lines:?}");
    assert_eq!(lines.last().unwrap(), "total: 3 responses, 2 records, 2 loaded, 1 rejected");
    assert_eq!(lake_keys(d).len(), 3, "one lake object per response, the refused one too");

    // The same answers as objects, and wrapped, and a mixed list with a bare text.
    let objects = fixture("lufthansa/history_responses_object.json");
    let lines = ingest(d, "lufthansa", "customerflightinformation-departures", "2022-07-29T11:00:00Z", &[&objects]);
    assert_eq!(lines.last().unwrap(), "total: 2 responses, 2 records, 2 loaded, 0 rejected", "{lines:?}");
    let text: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&objects).unwrap()).unwrap();
    let [one, two] = &text["responses"].as_array().unwrap()[..] else { panic!("two responses") };
    let mixed = serde_json::json!([one, two.to_string(), "invalid request"]);
    let file = d.join("mixed.json");
    std::fs::write(&file, mixed.to_string()).unwrap();
    let before = lake_keys(d).len();
    let lines = ingest(
        d,
        "lufthansa",
        "customerflightinformation-departures",
        "2022-07-29T12:00:00Z",
        &[file.to_str().unwrap()],
    );
    assert_eq!(lines.last().unwrap(), "total: 3 responses, 2 records, 2 loaded, 1 rejected", "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("#3") && l.contains("the text \"invalid request\", not a JSON response")),
        "{lines:?}"
    );
    assert_eq!(lake_keys(d).len(), before + 3);
    // Filing the same file again files nothing twice.
    ingest(d, "lufthansa", "customerflightinformation-departures", "2022-07-29T12:00:00Z", &[file.to_str().unwrap()]);
    assert_eq!(lake_keys(d).len(), before + 3);
}

/// Boards and exports name the city an airport serves (Vancouver), not the municipality it
/// stands in (Richmond).
#[tokio::test]
async fn boards_and_exports_show_the_served_city() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let served = [
        ("YVR", "Vancouver"),
        ("NGO", "Nagoya"),
        ("YYZ", "Toronto"),
        ("YUL", "Montreal"),
        ("EZE", "Buenos Aires"),
        ("IST", "Istanbul"),
    ];
    let flights: Vec<serde_json::Value> = served
        .iter()
        .enumerate()
        .map(|(i, (code, _))| {
            serde_json::json!({
                "Departure": {"AirportCode": "FRA", "ScheduledTimeUTC": {"DateTime": format!("2026-12-01T1{i}:00Z")},
                              "ScheduledTimeLocal": {"DateTime": format!("2026-12-01T1{}:00", i + 1)}},
                "Arrival": {"AirportCode": code},
                "OperatingCarrier": {"AirlineID": "LH", "FlightNumber": format!("{}", 470 + i)},
                "FlightStatus": {"Code": "NA"}
            })
        })
        .collect();
    let body = serde_json::json!({"FlightStatusResource": {"Flights": {"Flight": flights}}});
    let file = d.join("departures.json");
    std::fs::write(&file, body.to_string()).unwrap();
    let lines = ingest(d, "lufthansa", "flightstatus-departures", "2026-12-01T09:00:00Z", &[file.to_str().unwrap()]);
    assert_eq!(counts(&lines, "departures.json"), (6, 6, 0), "{lines:?}");

    let url = format!("sqlite://{}", d.join("warehouse.sqlite").display());
    let warehouse = pipeline::warehouse::open(&url).await.unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z").unwrap().to_utc();
    let window = pipeline::warehouse::BoardWindow {
        from: now - chrono::Duration::hours(3),
        to: now + chrono::Duration::hours(8),
        gone_before: now - chrono::Duration::hours(1),
        cancelled_before: now - chrono::Duration::hours(1),
        limit: 50,
    };
    let board = warehouse.board("FRA", pipeline::model::BoardKind::Departures, window).await.unwrap().expect("FRA");
    let cities: Vec<(String, Option<String>)> =
        board.rows.iter().map(|r| (r.other_airport.clone(), r.other_city.clone())).collect();
    let want: Vec<(String, Option<String>)> =
        served.iter().map(|(c, n)| (c.to_string(), Some(n.to_string()))).collect();
    assert_eq!(cities, want);

    let (status, out, err) = run_skyboard(d, &["export", "airports", "--format", "json"], &[]);
    assert!(status.success(), "{err}");
    let airports: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    for (code, city) in served {
        let a = airports.iter().find(|a| a["iata"] == code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(a["city"], city, "{code}");
    }
}
