//! Operators and airfields known only by their ICAO code (as AirLabs lists most of them) are
//! named on the screens from what the data holds.

mod support;

use crossterm::event::KeyCode;
use skyboard::tui::state::Screen;
use support::fixture_warehouse::fixture_warehouse;
use support::noon;
use support::screen_driver::{press, settle, start, text};

/// An operator with only an ICAO code (as AirLabs `/airlines` lists most of them) is named on the
/// map and on the flight page from its aircraft's callsign; an airfield with only an ICAO code
/// is among the map's airports.
#[tokio::test]
async fn icao_only_operators_and_airfields_are_named() {
    use pipeline::model::{Airline, Airport};
    use pipeline::warehouse::LoadBatch;
    let dir = tempfile::tempdir().unwrap();
    let w = fixture_warehouse(dir.path()).await;
    let operator = |icao: &str, name: &str| Airline {
        iata: None,
        icao: Some(icao.into()),
        name: name.into(),
        callsign: None,
        country: Some("DE".into()),
        active: true,
    };
    let egelsbach = Airport {
        iata: None,
        icao: Some("EDFE".into()),
        name: "Egelsbach".into(),
        city: Some("Egelsbach".into()),
        country: "DE".into(),
        lat: 49.96,
        lon: 8.64,
        tz: chrono_tz::Europe::Berlin,
        elevation_ft: Some(384.0),
    };
    let batch = LoadBatch {
        airlines: vec![operator("NJE", "NetJets Europe"), operator("LCA", "Lufthansa City Airlines")],
        airports: vec![egelsbach],
        positions: vec![
            support::fixture_warehouse::position("4951c2", Some("NJE7TX"), None, 50.2, 8.9, 90.0, 1_200.0),
            support::fixture_warehouse::position("3c7001", Some("LCA1860"), Some("LH1860"), 50.1, 8.6, 300.0, 9_000.0),
        ],
        ..LoadBatch::default()
    };
    w.load(&batch).await.unwrap();

    let mut state = start(w.as_ref(), 120, 40).await;
    assert!(state.map.airports.iter().any(|a| a.code == "EDFE"), "the ICAO-only airfield is on the map");

    press(&mut state, KeyCode::Char('m'));
    press(&mut state, KeyCode::Char('2'));
    settle(w.as_ref(), &mut state).await;
    state.map.selected = Some("4951c2".into());
    let map = text(&state, 120, 40);
    assert!(map.contains("NJE7TX NetJets Europe"), "the map names the operator:\n{map}");

    let lh1860 = w.find_flights("LH1860", noon(), 4).await.unwrap().into_iter().next().expect("LH 1860").key;
    state.flight = Some(lh1860);
    state.screen = Screen::Flight;
    settle(w.as_ref(), &mut state).await;
    let page = text(&state, 120, 40);
    assert!(page.contains("Callsign  LCA1860 · Lufthansa City Airlines"), "the flight page names it:\n{page}");
}
