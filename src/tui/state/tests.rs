//! The state's navigation: opening, going back, typing into the filter and the search box.

use super::*;
use chrono::TimeZone;

#[test]
fn toggling_opening_and_going_back() {
    let mut s = AppState::new("FRA", "DEMO", Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap());
    assert!(update(&mut s, Action::ToggleBoard));
    assert_eq!(s.kind, BoardKind::Arrivals);
    assert!(!update(&mut s, Action::Scroll(5)), "nothing to scroll without rows");
    assert!(update(&mut s, Action::ToggleHelp));
    assert!(update(&mut s, Action::CloseOverlay));
    assert!(update(&mut s, Action::OpenAirportPage));
    assert_eq!(s.screen, Screen::Airport);
    assert!(update(&mut s, Action::Back));
    assert_eq!(s.screen, Screen::Board);
    assert!(!update(&mut s, Action::Back), "nothing below the first board");
    update(&mut s, Action::Quit);
    assert!(s.quit);
}

#[test]
fn typing_goes_to_the_filter_only_while_it_is_open() {
    let mut s = AppState::new("FRA", "DEMO", Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap());
    assert!(!update(&mut s, Action::Input('x')));
    update(&mut s, Action::StartFilter);
    update(&mut s, Action::Input('l'));
    update(&mut s, Action::Input('h'));
    assert_eq!(s.board.filter.text, "lh");
    update(&mut s, Action::Open);
    assert!(!s.board.filter.editing);
    assert!(update(&mut s, Action::Back), "Esc clears the filter");
    assert!(s.board.filter.text.is_empty());
}

#[test]
fn enter_before_the_completions_arrive_goes_when_they_do() {
    let mut s = AppState::new("FRA", "DEMO", Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap());
    update(&mut s, Action::StartSearch);
    "MUC".chars().for_each(|c| {
        update(&mut s, Action::Input(c));
    });
    update(&mut s, Action::Open);
    assert!(s.search.is_some(), "the box waits for the feed's answer");
    assert_eq!(s.notice, None, "no “nothing found” before the search has run");
    let muc = pipeline::model::Airport {
        iata: Some("MUC".into()),
        icao: Some("EDDM".into()),
        name: "Munich".into(),
        city: Some("Munich".into()),
        country: "DE".into(),
        lat: 48.35,
        lon: 11.79,
        tz: chrono_tz::Europe::Berlin,
        elevation_ft: None,
    };
    // An answer for text no longer in the box does not count.
    update(&mut s, Action::SearchResults { query: "MU".into(), hits: vec![] });
    assert!(s.search.is_some());
    update(&mut s, Action::SearchResults { query: "MUC".into(), hits: vec![SearchHit::Airport(muc)] });
    assert!(s.search.is_none());
    assert_eq!((s.screen, s.airport.as_str()), (Screen::Airport, "MUC"));

    // An answer of no match, after Enter, says so.
    update(&mut s, Action::StartSearch);
    "QQQ".chars().for_each(|c| {
        update(&mut s, Action::Input(c));
    });
    update(&mut s, Action::Open);
    update(&mut s, Action::SearchResults { query: "QQQ".into(), hits: vec![] });
    assert!(s.search.is_none());
    assert_eq!(s.notice.as_deref(), Some("nothing found for “QQQ”"));
}
