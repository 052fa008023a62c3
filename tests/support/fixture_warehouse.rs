//! A small SQLite warehouse with known flights, positions and runs around [`super::noon`], for
//! the screens and the navigation tests: FRA and MUC boards, a flight in the air between them
//! with codeshares, a status history and a position, transatlantic flights, and aircraft spread
//! over the world.

use super::noon;
use chrono::{Duration, NaiveDate};
use pipeline::model::{Codeshare, FlightKey, FlightLeg, FlightStatus, Position};
use pipeline::reference::Reference;
use pipeline::warehouse::{LoadBatch, RunRecord, SqliteWarehouse, Warehouse};
use std::sync::Arc;

fn at(minutes: i64) -> chrono::DateTime<chrono::Utc> {
    noon() + Duration::minutes(minutes)
}

/// A leg leaving `origin` `dep` minutes after noon UTC and arriving `arr` minutes after.
pub fn leg(
    flight: (&str, &str),
    origin: &str,
    destination: &str,
    dep: i64,
    arr: i64,
    status: FlightStatus,
) -> FlightLeg {
    let reference = Reference::embedded();
    let tz = reference.airport(origin).map_or(chrono_tz::UTC, |a| a.tz);
    FlightLeg {
        key: FlightKey {
            carrier: flight.0.into(),
            number: flight.1.into(),
            origin: origin.into(),
            dep_local_date: at(dep).with_timezone(&tz).date_naive(),
        },
        destination: destination.into(),
        sched_dep: at(dep),
        est_dep: None,
        act_dep: None,
        sched_arr: Some(at(arr)),
        est_arr: None,
        act_arr: None,
        dep_terminal: Some("1".into()),
        dep_gate: None,
        arr_terminal: None,
        arr_gate: None,
        status,
        source_status: None,
        aircraft_type: None,
        registration: None,
        source: "lufthansa".into(),
        observed_at: at(-1),
        lake_key: "raw/lufthansa/fixture.json.gz".into(),
    }
}

/// LH 2001 FRA→MUC, in the air at noon.
pub fn lh2001() -> FlightLeg {
    FlightLeg {
        est_dep: Some(at(-30)),
        act_dep: Some(at(-18)),
        est_arr: Some(at(35)),
        dep_gate: Some("A26".into()),
        arr_terminal: Some("2".into()),
        arr_gate: Some("K12".into()),
        source_status: Some("DP/DL/NI".into()),
        aircraft_type: Some("32N".into()),
        registration: Some("D-AINZ".into()),
        ..leg(("LH", "2001"), "FRA", "MUC", -30, 25, FlightStatus::EnRoute)
    }
}

pub fn lh2001_key() -> FlightKey {
    lh2001().key
}

/// A position of `icao24` a minute before noon (OpenSky).
pub fn position(
    icao24: &str,
    callsign: Option<&str>,
    flight: Option<&str>,
    lat: f64,
    lon: f64,
    heading: f64,
    alt: f64,
) -> Position {
    Position {
        icao24: icao24.into(),
        callsign: callsign.map(str::to_string),
        flight_iata: flight.map(str::to_string),
        registration: None,
        aircraft_type: None,
        origin: None,
        destination: None,
        lat,
        lon,
        altitude_m: Some(alt),
        ground_speed_kmh: Some(780.0),
        heading: Some(heading),
        vertical_rate_ms: Some(0.0),
        on_ground: Some(alt <= 0.0),
        squawk: None,
        source: "opensky".into(),
        observed_at: at(-1),
        lake_key: "raw/opensky/fixture.json.gz".into(),
    }
}

fn flights() -> Vec<FlightLeg> {
    use FlightStatus::*;
    let delayed = |mut l: FlightLeg, minutes: i64| {
        l.est_dep = Some(l.sched_dep + Duration::minutes(minutes));
        l
    };
    let departed = |mut l: FlightLeg, minutes: i64| {
        l.act_dep = Some(l.sched_dep + Duration::minutes(minutes));
        l
    };
    let mut legs = vec![
        lh2001(),
        departed(leg(("LH", "400"), "FRA", "JFK", -85, 440, Departed), 3),
        delayed(leg(("UA", "933"), "FRA", "SFO", 20, 700, Scheduled), 50),
        leg(("LH", "2371"), "FRA", "CDG", 10, 85, Cancelled),
        delayed(leg(("LH", "2004"), "FRA", "MUC", 90, 145, Scheduled), 0),
        leg(("LH", "2002"), "MUC", "FRA", 60, 115, Scheduled),
        delayed(leg(("EN", "8201"), "MUC", "VCE", 20, 80, Boarding), 2),
        departed(leg(("LH", "1860"), "MUC", "LHR", -50, 60, Departed), 25),
        leg(("LX", "1101"), "ZRH", "MUC", -10, 45, EnRoute),
        leg(("NH", "203"), "HND", "FRA", -760, 50, EnRoute),
        leg(("LH", "716"), "HND", "MUC", -790, 80, Diverted),
        leg(("OS", "111"), "VIE", "MUC", 30, 95, Scheduled),
    ];
    for (i, dest) in ["HAM", "BER", "DUS", "LHR", "AMS", "BCN", "MAD", "FCO"].iter().enumerate() {
        let i = i as i64;
        legs.push(leg(("LH", &(1000 + i).to_string()), "MUC", dest, 100 + i * 15, 190 + i * 15, Scheduled));
        legs.push(leg(("LH", &(1100 + i).to_string()), dest, "MUC", 40 + i * 15, 130 + i * 15, Scheduled));
    }
    legs
}

fn positions() -> Vec<Position> {
    let mut out = vec![
        position("3c6601", Some("DLH2001"), Some("LH2001"), 49.4, 10.1, 128.0, 9_450.0),
        position("3c4b2a", Some("DLH400"), Some("LH400"), 52.9, -20.5, 285.0, 11_280.0),
        position("4b1805", Some("SWR1101"), None, 47.9, 10.4, 60.0, 6_100.0),
        position("86d1a0", Some("ANA203"), Some("NH203"), 56.1, 38.5, 275.0, 10_970.0),
    ];
    // Aircraft over the world without a known flight: a deterministic spread.
    let mut seed: u64 = 7;
    for i in 0..60 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let lat = ((seed >> 33) % 120) as f64 - 55.0;
        let lon = ((seed >> 13) % 360) as f64 - 180.0;
        let alt = ((seed >> 41) % 12_000) as f64;
        let heading = ((seed >> 21) % 360) as f64;
        out.push(position(&format!("a{i:05x}"), None, None, lat, lon, heading, alt));
    }
    out
}

fn run(source: &str, minutes: i64, error: Option<&str>) -> RunRecord {
    RunRecord {
        started_at: at(minutes) - Duration::seconds(2),
        finished_at: at(minutes),
        source: source.into(),
        endpoint: "fixture".into(),
        stage: "fetch".into(),
        lake_key: Some(format!("raw/{source}/fixture-{minutes}.json.gz")),
        records: 1,
        rejects: 0,
        loaded: 1,
        error: error.map(str::to_string),
        instance: Some("fixture:1".into()),
        key: None,
    }
}

/// Opens a new warehouse file in `dir` and fills it.
pub async fn fixture_warehouse(dir: &std::path::Path) -> Arc<dyn Warehouse> {
    let warehouse = SqliteWarehouse::open(&dir.join("warehouse.sqlite")).await.unwrap();
    warehouse.migrate().await.unwrap();
    warehouse.seed_reference(Reference::embedded()).await.unwrap();
    // LH 2001's status as three loads saw it: scheduled, boarding, in the air.
    let mut early = lh2001();
    (early.status, early.act_dep, early.observed_at, early.source_status) =
        (FlightStatus::Scheduled, None, at(-120), Some("NA/NI/NI".into()));
    let mut boarding = early.clone();
    (boarding.status, boarding.observed_at, boarding.source_status) =
        (FlightStatus::Boarding, at(-45), Some("NA/BD/NI".into()));
    for leg in [early, boarding] {
        warehouse.load(&LoadBatch { flights: vec![leg], ..LoadBatch::default() }).await.unwrap();
    }
    let codeshares = ["UA 9100", "SQ 2101"]
        .iter()
        .map(|c| {
            let (carrier, number) = c.split_once(' ').unwrap();
            Codeshare {
                leg: lh2001_key(),
                mkt_carrier: carrier.into(),
                mkt_number: number.into(),
                source: "lufthansa".into(),
            }
        })
        .collect();
    let batch = LoadBatch {
        flights: flights(),
        positions: positions(),
        codeshares,
        runs: vec![
            run("lufthansa", -1, None),
            run("airlabs", -2, None),
            run("opensky", -12, None),
            run("opensky", -1, Some("HTTP 503 from the API")),
        ],
        ..LoadBatch::default()
    };
    warehouse.load(&batch).await.unwrap();
    Arc::new(warehouse)
}

/// The local date of a leg leaving FRA at noon (for tests that build keys).
pub fn fixture_day() -> NaiveDate {
    noon().date_naive()
}
