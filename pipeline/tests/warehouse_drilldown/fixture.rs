#![allow(dead_code)]
//! The drill-down tests' world: Frankfurt's day of 27 November 2026 and its neighbours, a few
//! aircraft positions, two codeshares of LH400.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use pipeline::model::{Airline, Airport, Codeshare, FlightKey, FlightLeg, FlightStatus, Position};
use pipeline::warehouse::{LoadBatch, Warehouse};

pub fn t(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, h, m, 0).unwrap()
}

pub fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

pub fn airport(iata: &str, icao: &str, name: &str, city: &str, tz: chrono_tz::Tz) -> Airport {
    Airport {
        iata: Some(iata.into()),
        icao: Some(icao.into()),
        name: name.into(),
        city: Some(city.into()),
        country: "DE".into(),
        lat: 50.0,
        lon: 8.5,
        tz,
        elevation_ft: None,
    }
}

pub fn airports() -> Vec<Airport> {
    use chrono_tz::{America, Europe};
    vec![
        airport("FRA", "EDDF", "Frankfurt am Main Airport", "Frankfurt", Europe::Berlin),
        airport("MUC", "EDDM", "Munich Airport", "Munich", Europe::Berlin),
        airport("FMM", "EDJA", "Memmingen Airport (Allgäu Munich West)", "Memmingen", Europe::Berlin),
        airport("JFK", "KJFK", "John F. Kennedy International Airport", "New York", America::New_York),
        airport("CDG", "LFPG", "Paris Charles de Gaulle Airport", "Paris", Europe::Paris),
        airport("LHR", "EGLL", "London Heathrow Airport", "London", Europe::London),
    ]
}

pub fn airlines() -> Vec<Airline> {
    [("LH", "DLH", "Lufthansa"), ("UA", "UAL", "United Airlines"), ("AC", "ACA", "Air Canada")]
        .into_iter()
        .map(|(iata, icao, name)| Airline {
            iata: Some(iata.into()),
            icao: Some(icao.into()),
            name: name.into(),
            callsign: None,
            country: None,
            active: true,
        })
        .collect()
}

/// A Lufthansa leg; every time beyond the schedule unknown.
pub fn leg(number: &str, origin: &str, day: u32, destination: &str, sched_dep: DateTime<Utc>) -> FlightLeg {
    FlightLeg {
        key: FlightKey {
            carrier: "LH".into(),
            number: number.into(),
            origin: origin.into(),
            dep_local_date: date(day),
        },
        destination: destination.into(),
        sched_dep,
        est_dep: None,
        act_dep: None,
        sched_arr: None,
        est_arr: None,
        act_arr: None,
        dep_terminal: None,
        dep_gate: None,
        arr_terminal: None,
        arr_gate: None,
        status: FlightStatus::Scheduled,
        source_status: Some("NA/NI/NI".into()),
        aircraft_type: None,
        registration: None,
        source: "lufthansa".into(),
        observed_at: t(27, 10, 15),
        lake_key: "raw/lufthansa/flightstatus/x.json.gz".into(),
    }
}

pub fn with(mut f: FlightLeg, change: impl FnOnce(&mut FlightLeg)) -> FlightLeg {
    change(&mut f);
    f
}

pub fn departed(f: FlightLeg, delay_min: i64) -> FlightLeg {
    with(f, |f| {
        f.act_dep = Some(f.sched_dep + Duration::minutes(delay_min));
        f.status = FlightStatus::Departed;
    })
}

pub fn cancelled(f: FlightLeg) -> FlightLeg {
    with(f, |f| f.status = FlightStatus::Cancelled)
}

/// LH400 FRA→JFK on the 27th, as it stands at 10:15 UTC: departed 10 minutes late.
pub fn lh400() -> FlightLeg {
    with(departed(leg("400", "FRA", 27, "JFK", t(27, 10, 0)), 10), |f| {
        f.registration = Some("D-AIXB".into());
        f.source_status = None;
    })
}

/// Frankfurt's day of 27 November 2026 (CET, UTC+1): local midnight is 23:00 UTC the day before.
pub fn flights() -> Vec<FlightLeg> {
    vec![
        // Departures of the 27th (local): ten legs, six with a known delay.
        lh400(),
        departed(leg("402", "FRA", 27, "JFK", t(27, 12, 0)), 30),
        departed(leg("100", "FRA", 27, "MUC", t(27, 6, 0)), -5),
        leg("110", "FRA", 27, "MUC", t(27, 8, 0)),
        // Cancelled: an estimate does not make it a delay.
        cancelled(with(leg("120", "FRA", 27, "MUC", t(27, 15, 0)), |f| f.est_dep = Some(t(27, 16, 0)))),
        // 23:30 local on the 27th: the day's last departure, 20 minutes late by the estimate.
        with(leg("900", "FRA", 27, "CDG", t(27, 22, 30)), |f| f.est_dep = Some(t(27, 22, 50))),
        // 00:30 local on the 27th counts; 00:30 local on the 28th does not.
        departed(leg("904", "FRA", 27, "CDG", t(26, 23, 30)), 5),
        departed(leg("902", "FRA", 28, "CDG", t(27, 23, 30)), 0),
        departed(leg("500", "FRA", 27, "LHR", t(27, 14, 0)), 14),
        leg("200", "FRA", 27, "AMS", t(27, 7, 0)),
        leg("210", "FRA", 27, "ZRH", t(27, 7, 10)),
        // Arrivals at FRA: by scheduled arrival, else scheduled departure.
        with(leg("401", "JFK", 26, "FRA", t(26, 22, 0)), |f| f.sched_arr = Some(t(27, 6, 0))),
        with(leg("403", "JFK", 26, "FRA", t(26, 14, 30)), |f| f.sched_arr = Some(t(26, 22, 30))),
        leg("101", "MUC", 27, "FRA", t(27, 9, 0)),
        cancelled(with(leg("103", "MUC", 27, "FRA", t(27, 21, 45)), |f| f.sched_arr = Some(t(27, 22, 45)))),
        with(leg("105", "MUC", 27, "FRA", t(27, 22, 15)), |f| f.sched_arr = Some(t(27, 23, 15))),
        // One flight number on consecutive days (both within a day of the map's positions).
        departed(leg("600", "MUC", 27, "LHR", t(27, 10, 0)), 0),
        with(leg("600", "MUC", 26, "LHR", t(26, 17, 30)), |f| f.status = FlightStatus::Landed),
    ]
}

pub fn position(
    icao24: &str,
    callsign: Option<&str>,
    flight_iata: Option<&str>,
    observed_at: DateTime<Utc>,
) -> Position {
    Position {
        icao24: icao24.into(),
        callsign: callsign.map(str::to_string),
        flight_iata: flight_iata.map(str::to_string),
        registration: None,
        aircraft_type: None,
        origin: None,
        destination: None,
        lat: 50.1,
        lon: 8.6,
        altitude_m: Some(10_000.0),
        ground_speed_kmh: Some(850.0),
        heading: Some(270.0),
        vertical_rate_ms: Some(0.0),
        on_ground: Some(false),
        squawk: None,
        source: "airlabs".into(),
        observed_at,
        lake_key: "raw/airlabs/flights/x.json.gz".into(),
    }
}

pub fn positions() -> Vec<Position> {
    vec![
        // LH400 by its callsign only.
        position("3c6444", Some("DLH400"), None, t(27, 10, 20)),
        position("3c6555", Some("DLH402"), Some("LH402"), t(27, 12, 10)),
        position("3c6666", Some("DLH600"), Some("LH600"), t(27, 11, 0)),
        // An alphanumeric ATC callsign: the flight number came from the source.
        position("4b1234", Some("DLH8MN"), Some("LH500"), t(27, 14, 30)),
        position("a00001", Some("N123AB"), None, t(27, 11, 0)),
        position("a00002", Some("UAL1"), Some("UA1"), t(27, 11, 0)),
    ]
}

pub fn codeshare(mkt_carrier: &str, mkt_number: &str) -> Codeshare {
    Codeshare {
        leg: lh400().key,
        mkt_carrier: mkt_carrier.into(),
        mkt_number: mkt_number.into(),
        source: "lufthansa".into(),
    }
}

pub async fn load_fixture(w: &dyn Warehouse) {
    w.migrate().await.unwrap();
    let batch = LoadBatch {
        flights: flights(),
        airports: airports(),
        airlines: airlines(),
        positions: positions(),
        codeshares: vec![codeshare("UA", "8840"), codeshare("AC", "9100")],
        ..LoadBatch::default()
    };
    w.load(&batch).await.unwrap();
}

pub async fn load_flights(w: &dyn Warehouse, flights: Vec<FlightLeg>) {
    w.load(&LoadBatch { flights, ..LoadBatch::default() }).await.unwrap();
}

pub fn numbers(matches: &[pipeline::model::FlightMatch]) -> Vec<String> {
    matches.iter().map(|m| format!("{}{}/{}", m.key.carrier, m.key.number, m.key.dep_local_date.format("%d"))).collect()
}
