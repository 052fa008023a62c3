//! Text from outside cannot reach the terminal as control: an airport whose name and city carry
//! OSC sequences (`ESC ] 0 ;` retitles a terminal, `ESC ] 52 ;` writes its clipboard), a CSI
//! colour and a bidi override is shown as plain text — whether it came through the cleaner
//! (`ingest-file`) or was written into the warehouse by something else.

mod support;

use pipeline::warehouse::{SqliteWarehouse, Warehouse};
use ratatui::{Terminal, backend::TestBackend};
use skyboard::tui::feed::{Parts, load};
use skyboard::tui::render::render;
use skyboard::tui::state::{Action, AppState, update};
use skyboard::tui::theme::Theme;
use std::process::Command;
use support::wire::Wire;

/// AirLabs `/airports` as documented, one record with hostile text.
const HOSTILE_AIRPORTS: &str = r#"{"request":{"lang":"en","currency":"EUR","time":3,"id":"x","server":"a","host":"airlabs.co","pid":1,"key":{"id":1,"api_key":"k","type":"free","expired":"2027-01-01T00:00:00.000Z","registered":"2026-01-01T00:00:00.000Z","upgraded":null,"limits_by_hour":2500,"limits_by_minute":250,"limits_by_month":1000,"limits_total":0},"params":{"iata_code":"ZZZ","lang":"en"},"version":9,"method":"airports","client":{}},
"response":[{"name":"\u001b]0;pwned\u0007Evil \u001b[31mIntl\u001b[0m \u202eAirport","iata_code":"ZZZ","icao_code":"EZZZ","lat":50.1,"lng":8.6,"country_code":"DE","city":"\u001b]52;c;aGFja2Vk\u0007Hackton","timezone":"Europe/Berlin"}],"terms":"Unauthorized access is prohibited and punishable by law."}"#;

async fn state_for(warehouse: &dyn Warehouse, airport: &str) -> AppState {
    let mut state = AppState::new(airport, "DEMO", support::noon());
    for action in load(warehouse, &state.wants(), Parts::ALL, support::noon()).await.unwrap() {
        update(&mut state, action);
    }
    state
}

/// Every cell is printable, and the bytes sent to a real terminal backend open no OSC, DCS or
/// other string sequence (ratatui itself only ever sends CSI: cursor moves and colours).
fn assert_harmless(state: &AppState) {
    let mut test = Terminal::new(TestBackend::new(120, 40)).unwrap();
    test.draw(|f| render(f, state, Theme::DARK)).unwrap();
    for cell in test.backend().buffer().content() {
        assert!(!cell.symbol().chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)), "{cell:?}");
    }
    let wire = Wire::default();
    let mut real = wire.terminal(120, 40);
    real.draw(|f| render(f, state, Theme::DARK)).unwrap();
    let bytes = wire.bytes();
    for (i, pair) in bytes.windows(2).enumerate() {
        assert!(
            !(pair[0] == 0x1b && matches!(pair[1], b']' | b'P' | b'X' | b'^' | b'_')),
            "an escape string sequence at byte {i}: {:?}",
            String::from_utf8_lossy(&bytes[i.saturating_sub(10)..(i + 20).min(bytes.len())])
        );
    }
    assert!(!bytes.contains(&0x07), "a BEL (the OSC terminator) reached the terminal");
}

#[tokio::test]
async fn an_escape_laden_airport_name_is_rendered_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("airports.json");
    std::fs::write(&file, HOSTILE_AIRPORTS).unwrap();
    let data = dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_skyboard"))
        .args(["ingest-file", "--source", "airlabs", "--endpoint", "airports", "--data-dir"])
        .arg(&data)
        .arg(&file)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let warehouse = SqliteWarehouse::open(&data.join("warehouse.sqlite")).await.unwrap();
    let airport = warehouse.airport("ZZZ").await.unwrap().expect("the airport was loaded");
    // The OSC strings (title, clipboard) are dropped whole, the colour and the bidi override too.
    assert_eq!(airport.name, "Evil Intl Airport", "stored without its escape sequences");
    assert_eq!(airport.city.as_deref(), Some("Hackton"));

    let mut state = state_for(&warehouse, "ZZZ").await;
    assert_harmless(&state);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| render(f, &state, Theme::DARK)).unwrap();
    insta::assert_snapshot!("hostile_airport_board_80x24", format!("{:?}", terminal.backend().buffer()));
    update(&mut state, Action::OpenAirportPage);
    for action in load(&warehouse, &state.wants(), Parts::ALL, support::noon()).await.unwrap() {
        update(&mut state, action);
    }
    assert_harmless(&state);
}

#[tokio::test]
async fn text_written_into_the_warehouse_by_something_else_is_cleaned_on_the_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let warehouse = support::fixture_warehouse::fixture_warehouse(dir.path()).await;
    // Another writer (an old version, a hand-made import) put raw escape sequences in.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("warehouse.sqlite").display()))
        .await
        .unwrap();
    sqlx::query("UPDATE airports SET name = ?, city = ? WHERE iata = 'FRA'")
        .bind("\u{1b}]0;pwned\u{7}Frankfurt \u{1b}[5mBlink")
        .bind("\u{9b}31mFrankfurt")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE flights SET dep_gate = ? WHERE carrier = 'LH' AND flight_number = '2001'")
        .bind("\u{1b}]52;c;eA==\u{7}A26")
        .execute(&pool)
        .await
        .unwrap();
    let mut state = state_for(warehouse.as_ref(), "FRA").await;
    let board = state.board().expect("the board loads");
    assert_eq!(board.airport.name, "Frankfurt Blink");
    assert_eq!(board.airport.city.as_deref(), Some("Frankfurt"));
    assert_harmless(&state);
    update(&mut state, Action::Open);
    for action in load(warehouse.as_ref(), &state.wants(), Parts::ALL, support::noon()).await.unwrap() {
        update(&mut state, action);
    }
    assert_harmless(&state);
}
