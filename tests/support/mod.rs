//! Fixtures shared by the integration tests.
#![allow(dead_code)]

#[path = "../../pipeline/tests/support/duplicates.rs"]
pub mod duplicates;
pub mod fixture_warehouse;
pub mod headless;
pub mod mariadb;
pub mod screen_driver;
pub mod tmux;
pub mod wire;

use chrono::{DateTime, Duration, TimeZone, Utc};
use pipeline::model::{Board, BoardKind, BoardRow, DataFreshness, FlightStatus};
use pipeline::reference::Reference;
use skyboard::tui::state::{AppState, BoardSnapshot};

/// 2026-11-27 12:00 UTC = 13:00 in Frankfurt.
pub fn noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap()
}

fn row(
    (carrier, number): (&str, &str),
    other: &str,
    sched_min: i64,
    delay: Option<i64>,
    actual: bool,
    gate: Option<&str>,
    status: FlightStatus,
) -> BoardRow {
    let scheduled = noon() + Duration::minutes(sched_min);
    let expected = delay.map(|d| scheduled + Duration::minutes(d));
    let reference = Reference::embedded();
    BoardRow {
        key: pipeline::model::FlightKey {
            carrier: carrier.into(),
            number: number.into(),
            origin: "FRA".into(),
            dep_local_date: scheduled.date_naive(),
        },
        codeshares: if carrier == "LH" && number.len() == 3 {
            vec![format!("UA {}", 9000 + number.len())]
        } else {
            Vec::new()
        },
        airline: reference.airline(carrier).map(|a| a.name.clone()),
        other_airport: other.into(),
        other_city: reference.airport(other).and_then(|a| a.city.clone()),
        scheduled,
        estimated: if actual { None } else { expected },
        actual: if actual { expected } else { None },
        terminal: gate.map(|_| "1".to_string()),
        gate: gate.map(str::to_string),
        status,
    }
}

/// A departures board with every status the board can show, in schedule order.
pub fn departures() -> Board {
    use FlightStatus::*;
    let rows = vec![
        row(("LH", "400"), "JFK", -40, Some(-3), true, Some("Z25"), Departed),
        row(("LH", "1026"), "MUC", -20, Some(2), true, Some("A20"), Departed),
        row(("UA", "933"), "SFO", -15, Some(55), false, Some("C14"), Scheduled),
        row(("LH", "2371"), "CDG", -5, None, false, None, Cancelled),
        row(("LX", "1073"), "ZRH", 0, Some(0), false, Some("A26"), Boarding),
        row(("OS", "128"), "VIE", 10, Some(12), false, Some("A15"), Scheduled),
        row(("LH", "780"), "SIN", 25, Some(-4), false, Some("Z50"), Scheduled),
        row(("EN", "8800"), "LIN", 30, None, false, Some("B01"), Scheduled),
        row(("AC", "841"), "YYZ", 45, Some(17), false, Some("B44"), Scheduled),
        row(("LH", "5821"), "ORD", 50, None, false, None, Diverted),
        row(("4Y", "1234"), "PMI", 60, None, false, None, Unknown),
    ];
    let mut more: Vec<BoardRow> = (0..30)
        .map(|i| {
            row(
                ("LH", &(1100 + i).to_string()),
                ["HAM", "BER", "DUS", "LHR", "NRT", "GRU"][i as usize % 6],
                70 + i * 7,
                None,
                false,
                Some("A1"),
                Scheduled,
            )
        })
        .collect();
    let mut all = rows;
    all.append(&mut more);
    Board { airport: Reference::embedded().airport("FRA").unwrap().clone(), kind: BoardKind::Departures, rows: all }
}

pub fn arrivals() -> Board {
    use FlightStatus::*;
    let rows = vec![
        row(("LH", "401"), "JFK", -30, Some(-12), true, Some("Z60"), Landed),
        row(("NH", "203"), "HND", -10, Some(25), false, Some("B26"), EnRoute),
        row(("LH", "1113"), "BCN", 5, Some(2), false, None, Scheduled),
        row(("AF", "1018"), "CDG", 20, None, false, None, Cancelled),
        row(("LH", "903"), "LHR", 35, None, false, Some("A12"), Scheduled),
    ];
    Board { airport: Reference::embedded().airport("FRA").unwrap().clone(), kind: BoardKind::Arrivals, rows }
}

/// The front end's state with both boards loaded, data 12 s old.
pub fn loaded_state() -> AppState {
    let mut state = AppState::new("FRA", "DEMO", noon());
    state.snapshot = Some(BoardSnapshot {
        day: None,
        airport: "FRA".into(),
        departures: Some(departures()),
        arrivals: Some(arrivals()),
        freshness: DataFreshness { version: 7, newest_observation: Some(noon() - Duration::seconds(12)) },
        sources: Vec::new(),
    });
    state
}
