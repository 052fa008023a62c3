//! `skyboard ingest-file` and `skyboard export`, as a user runs them.

use std::collections::HashMap;
use std::process::{Command, Output};

fn skyboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skyboard"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-skyboard-test")
        .env_remove("SKYBOARD_WAREHOUSE")
        .env_remove("SKYBOARD_STAGING")
        .env_remove("SKYBOARD_LAKE")
        .env_remove("LH_CLIENT_ID")
        .env_remove("LH_CLIENT_SECRET")
        .output()
        .unwrap()
}

/// `skyboard --data-dir D ingest-file --source S --endpoint E [--fetched-at T] FILE`.
fn ingest(data_dir: &str, source: &str, endpoint: &str, fetched_at: Option<&str>, file: &std::path::Path) -> Output {
    let mut args = vec!["--data-dir", data_dir, "ingest-file", "--source", source, "--endpoint", endpoint];
    if let Some(t) = fetched_at {
        args.extend(["--fetched-at", t]);
    }
    args.push(file.to_str().unwrap());
    skyboard(&args)
}

#[test]
fn a_10000_record_airlabs_dump_is_loaded_or_rejected_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let now = chrono::Utc::now();
    let dump = pipeline::demo::airlabs_flights_dump(10_000, 7, now.timestamp());
    let file = dir.path().join("flights.json");
    std::fs::write(&file, &dump).unwrap();

    let out = ingest(d, "airlabs", "flights", None, &file);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    let line = text.lines().next().unwrap();
    let nums: Vec<u64> = line.split([' ', ',']).filter_map(|w| w.parse().ok()).collect();
    let (records, loaded, rejected) = (nums[0], nums[1], nums[2]);
    assert_eq!(records, 10_000, "{text}");
    assert_eq!(loaded + rejected, 10_000, "every record is loaded or rejected: {text}");
    assert!(rejected > 0 && rejected < 500, "{text}");
    assert!(
        text.contains("missing or invalid hex")
            && text.contains("no valid latitude")
            && text.contains("no update time"),
        "reasons are printed: {text}"
    );

    // Every exported flight number is in the record's own fields: `flight_iata`, or its
    // `airline_iata` and `flight_number`. None comes from the callsign through an airline table.
    let v: serde_json::Value = serde_json::from_str(&dump).unwrap();
    let mut given: HashMap<String, Vec<Option<String>>> = HashMap::new();
    for r in v["response"].as_array().unwrap() {
        if let Some(hex) = r["hex"].as_str() {
            let own = match (r["airline_iata"].as_str(), r["flight_number"].as_str()) {
                (Some(a), Some(n)) => Some(format!("{a}{}", n.trim_start_matches('0'))),
                _ => None,
            };
            let entry = given.entry(hex.to_ascii_lowercase()).or_default();
            entry.push(r["flight_iata"].as_str().map(str::to_string));
            entry.push(own);
        }
    }
    let export = skyboard(&["--data-dir", d, "export", "positions", "--format", "json"]);
    assert!(export.status.success());
    let positions: Vec<serde_json::Value> = serde_json::from_slice(&export.stdout).unwrap();
    assert!(positions.len() > 9_000, "{} positions", positions.len());
    let mut kept_as_callsign = 0;
    for p in &positions {
        let hex = p["icao24"].as_str().unwrap();
        let callsign = p["callsign"].as_str().unwrap_or("");
        match p["flight_iata"].as_str() {
            Some(iata) => {
                assert!(
                    given[hex].iter().any(|g| g.as_deref() == Some(iata)),
                    "{hex}: {iata} from callsign {callsign}"
                );
            }
            None => {
                if callsign.len() > 3 && !callsign[3..].chars().all(|c| c.is_ascii_digit()) {
                    kept_as_callsign += 1;
                }
            }
        }
    }
    assert!(kept_as_callsign > 1_000, "alphanumeric callsigns stay callsigns ({kept_as_callsign})");

    // Ingesting the same file again adds nothing.
    let again = ingest(d, "airlabs", "flights", Some(&now.to_rfc3339()), &file);
    assert!(again.status.success());
}

#[test]
fn export_writes_flights_as_csv_and_json_with_utc_times() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert!(skyboard(&["--pipeline-only", "--once", "--data-dir", d]).status.success());
    let csv_out = skyboard(&["--data-dir", d, "export", "flights", "--airport", "fra"]);
    assert!(csv_out.status.success());
    let text = String::from_utf8_lossy(&csv_out.stdout);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("carrier,flight_number,origin,dep_local_date,destination,sched_dep_utc"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() > 50);
    assert!(rows.iter().all(|r| r.contains(",FRA,")), "only flights touching FRA");
    let json_out = skyboard(&["--data-dir", d, "export", "flights", "--format", "json"]);
    let flights: Vec<serde_json::Value> = serde_json::from_slice(&json_out.stdout).unwrap();
    assert!(flights.len() >= rows.len());
    for f in &flights {
        let t = f["sched_dep_utc"].as_str().unwrap();
        assert!(t.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(t).is_ok(), "{t}");
    }
    let airports = skyboard(&["--data-dir", d, "export", "airports"]);
    assert!(String::from_utf8_lossy(&airports.stdout).lines().count() > 7_000);
}

#[test]
fn ingest_file_refuses_what_it_cannot_clean() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.json");
    std::fs::write(&file, "{}").unwrap();
    let out = ingest(dir.path().to_str().unwrap(), "airlabs", "nonsense", None, &file);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot clean airlabs/nonsense"));
}

#[test]
fn airlabs_schedules_load_legs_once_with_their_codeshares() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    // The operating leg EN2271 and two codeshare rows for it, as AirLabs lists them on a board.
    let body = r#"{"request":{"method":"schedules","version":9},"response":[
      {"airline_iata":"EN","flight_iata":"EN2271","flight_number":"2271","dep_iata":"NCE","arr_iata":"MUC","dep_time":"2026-07-29 08:55","dep_time_utc":"2026-07-29 06:55","arr_time":"2026-07-29 10:15","arr_time_utc":"2026-07-29 08:15","dep_terminal":"1","dep_gate":"A33","status":"scheduled","cs_flight_iata":null},
      {"airline_iata":"AC","flight_iata":"AC9401","flight_number":"9401","dep_iata":"NCE","arr_iata":"MUC","dep_time":"2026-07-29 08:55","dep_time_utc":"2026-07-29 06:55","status":"scheduled","cs_airline_iata":"EN","cs_flight_number":"2271","cs_flight_iata":"EN2271"},
      {"airline_iata":"LH","flight_iata":"LH2271","flight_number":"2271","dep_iata":"NCE","arr_iata":"MUC","dep_time":"2026-07-29 08:55","dep_time_utc":"2026-07-29 06:55","status":"scheduled","cs_airline_iata":"EN","cs_flight_number":"2271","cs_flight_iata":"EN2271"}
    ]}"#;
    let file = dir.path().join("schedules.json");
    std::fs::write(&file, body).unwrap();
    let out = ingest(d, "airlabs", "schedules", Some("2026-07-29T06:00:00Z"), &file);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("3 records, 3 loaded, 0 rejected"), "{text}");
    let flights = skyboard(&["--data-dir", d, "export", "flights", "--format", "json"]);
    let flights: Vec<serde_json::Value> = serde_json::from_slice(&flights.stdout).unwrap();
    assert_eq!(flights.len(), 1, "one leg, not three: {flights:?}");
    assert_eq!(flights[0]["carrier"], "EN");
    assert_eq!(flights[0]["sched_dep_utc"], "2026-07-29T06:55:00Z");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let codeshares: Vec<(String, String)> = rt.block_on(async {
        let w =
            pipeline::warehouse::SqliteWarehouse::open_read_only(&dir.path().join("warehouse.sqlite")).await.unwrap();
        sqlx::query_as("SELECT mkt_carrier, mkt_number FROM flight_codeshares ORDER BY 1")
            .fetch_all(w.pool())
            .await
            .unwrap()
    });
    assert_eq!(codeshares, [("AC".to_string(), "9401".to_string()), ("LH".to_string(), "2271".to_string())]);
}

#[test]
fn opensky_states_become_positions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let body = r#"{"time":1499105370,"states":[
      ["4240ec","UTA394  ","United Kingdom",1499105360,1499105360,21.9943,54.9052,8404.86,false,225.19,84.89,9.1,null,8397.24,"7674",false,false,0],
      ["3c6702","DLH8MN  ","Germany",1499105365,1499105366,8.5706,50.0331,null,true,0.0,12.0,null,null,null,null,false,0],
      ["3c4b26","DLH400  ","Germany",null,1499105300,null,null,null,false,null,null,null,null,null,null,false,0]
    ]}"#;
    let file = dir.path().join("states.json");
    std::fs::write(&file, body).unwrap();
    let out = ingest(d, "opensky", "states-all", Some("2017-07-03T18:09:30Z"), &file);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("3 records, 2 loaded, 1 rejected") && text.contains("no valid latitude"), "{text}");
    let export = skyboard(&["--data-dir", d, "export", "positions", "--format", "json"]);
    let positions: Vec<serde_json::Value> = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(positions.len(), 2);
    let dlh = positions.iter().find(|p| p["icao24"] == "3c6702").unwrap();
    assert_eq!(dlh["callsign"], "DLH8MN");
    assert!(dlh["flight_iata"].is_null(), "DLH8MN is a callsign, not a flight number");
    assert_eq!(dlh["on_ground"], true);
}
