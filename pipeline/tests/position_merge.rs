//! Positions join flights by flight number or callsign, and aircraft when both sides know it,
//! with a freshness window — never by aircraft alone. Same SQL on SQLite and MariaDB.

mod support;

use chrono::Duration;
use pipeline::clock::Clock;
use pipeline::model::{FlightKey, FlightLeg, FlightStatus, Position};
use pipeline::reference::Reference;
use pipeline::warehouse::{LoadBatch, PositionMatch, Warehouse};
use support::*;

fn position(
    icao24: &str,
    flight_iata: Option<&str>,
    callsign: Option<&str>,
    registration: Option<&str>,
    age_min: i64,
) -> Position {
    let now = fixed_clock().now();
    Position {
        icao24: icao24.into(),
        callsign: callsign.map(str::to_string),
        flight_iata: flight_iata.map(str::to_string),
        registration: registration.map(str::to_string),
        aircraft_type: None,
        origin: None,
        destination: None,
        lat: 50.0,
        lon: 8.5,
        altitude_m: Some(3000.0),
        ground_speed_kmh: Some(500.0),
        heading: Some(90.0),
        vertical_rate_ms: None,
        on_ground: Some(false),
        squawk: None,
        source: "test".into(),
        observed_at: now - Duration::minutes(age_min),
        lake_key: "raw/test/x.json.gz".into(),
    }
}

fn leg(number: &str, registration: Option<&str>) -> FlightLeg {
    let now = fixed_clock().now();
    FlightLeg {
        key: FlightKey {
            carrier: "LH".into(),
            number: number.into(),
            origin: "FRA".into(),
            dep_local_date: now.date_naive(),
        },
        destination: "JFK".into(),
        sched_dep: now - Duration::minutes(40),
        est_dep: None,
        act_dep: Some(now - Duration::minutes(35)),
        sched_arr: None,
        est_arr: None,
        act_arr: None,
        dep_terminal: None,
        dep_gate: None,
        arr_terminal: None,
        arr_gate: None,
        status: FlightStatus::Departed,
        source_status: None,
        aircraft_type: None,
        registration: registration.map(str::to_string),
        source: "test".into(),
        observed_at: now,
        lake_key: "raw/test/y.json.gz".into(),
    }
}

async fn check(w: &dyn Warehouse) {
    w.migrate().await.unwrap();
    let positions = vec![
        // LH400 by the number the source gave, right aircraft, fresh.
        position("aaa111", Some("LH400"), Some("DLH8MN"), Some("D-AIXB"), 3),
        // LH400 claimed by another aircraft: excluded when the leg knows its aircraft.
        position("bbb222", Some("LH400"), None, Some("D-ABCD"), 1),
        // The right aircraft, but flying another flight: never matched by aircraft alone.
        position("ccc333", Some("LH401"), None, Some("DAIXB"), 0),
        // LH402 only by its ICAO callsign; stale copy of LH403.
        position("ddd444", None, Some("DLH402"), None, 2),
        position("eee555", Some("LH403"), None, None, 30),
    ];
    w.load(&LoadBatch { positions, ..LoadBatch::default() }).await.unwrap();
    let now = fixed_clock().now();
    let find = |number: &str, reg: Option<&str>| PositionMatch::for_leg(&leg(number, reg), Reference::embedded(), now);

    let p = w.position_for_flight(&find("400", Some("DAIXB"))).await.unwrap().unwrap();
    assert_eq!(p.icao24, "aaa111", "{}", w.describe());
    // Without a known aircraft the freshest claim wins.
    assert_eq!(w.position_for_flight(&find("400", None)).await.unwrap().unwrap().icao24, "bbb222");
    assert_eq!(w.position_for_flight(&find("402", None)).await.unwrap().unwrap().icao24, "ddd444");
    assert_eq!(w.position_for_flight(&find("403", None)).await.unwrap(), None, "stale");
    assert_eq!(w.position_for_flight(&find("404", Some("DAIXB"))).await.unwrap(), None, "aircraft alone is not enough");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_join_flights_by_number_and_aircraft_on_both_backends() {
    let dir = tempfile::tempdir().unwrap();
    let (_, sqlite) = embedded_stores(dir.path()).await;
    check(sqlite.as_ref()).await;
    let prod = ProductionStack::start().await;
    check(prod.warehouse.as_ref()).await;
    prod.cleanup().await;
}
