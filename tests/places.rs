//! Browse by country and city (#20 item 7): `country:DE` or `Germany` in search lists the
//! country's airports, those with flights first, each with its departures and arrivals of the
//! day; `London` lists every airport of the city; a row opens its airport. Driven by keys from
//! the fixture warehouse (the shipped reference data's places, the fixture's legs), snapshots
//! at 80×24 and 120×40 in colour and with `NO_COLOR`.

mod support;

use crossterm::event::KeyCode;
use pipeline::model::PlaceFilter;
use skyboard::tui::render::MapMarker;
use skyboard::tui::state::{AppState, Screen};
use skyboard::tui::theme::Theme;
use support::fixture_warehouse::fixture_warehouse;
use support::screen_driver::{draw_with, press, settle, start, text, type_text};

async fn search(w: &dyn pipeline::warehouse::Warehouse, state: &mut AppState, query: &str) -> String {
    press(state, KeyCode::Char(':'));
    type_text(state, query);
    settle(w, state).await;
    text(state, 80, 24)
}

fn listed(state: &AppState) -> Vec<(String, Option<u32>, Option<u32>)> {
    let places = state.places_shown().expect("the list is loaded");
    places.iter().map(|p| (p.airport.code().to_string(), p.departures, p.arrivals)).collect()
}

#[tokio::test]
async fn a_country_lists_its_airports_with_flights_first_and_a_city_all_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let w = fixture_warehouse(dir.path()).await;
    let w = w.as_ref();
    let mut state = start(w, 80, 24).await;

    let screen = search(w, &mut state, "country:de").await;
    assert!(screen.contains("Germany (DE)  country: its airports"), "{screen}");
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!(state.screen, Screen::Places);
    let list = listed(&state);
    assert!(list.len() > 20, "every German airport the reference knows: {}", list.len());
    // The fixture's Friday: FRA and MUC have legs; each count is its airport page's.
    let with_legs: Vec<&str> = list.iter().take_while(|p| p.1.is_some()).map(|p| p.0.as_str()).collect();
    assert_eq!(with_legs[..2], ["MUC", "FRA"], "the busiest first: {list:?}");
    for (code, departures, arrivals) in list.iter().filter(|p| p.1.is_some()) {
        let stats = w.airport_stats(code, support::fixture_warehouse::fixture_day()).await.unwrap().unwrap();
        assert_eq!((*departures, *arrivals), (Some(stats.departures), Some(stats.arrivals)), "{code}");
    }
    assert!(list.iter().skip(with_legs.len()).all(|p| p.1.is_none()), "then those with no leg known");
    let screen = text(&state, 80, 24);
    assert!(screen.lines().next().unwrap().contains("Germany (DE)"), "{screen}");
    let ham = screen.lines().find(|l| l.contains("BER ")).unwrap_or_default();
    assert!(ham.is_empty() || ham.contains("—") || ham.chars().any(|c| c.is_ascii_digit()), "{ham}");

    // A row opens its airport; Esc comes back to the list.
    press(&mut state, KeyCode::Down);
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!((state.screen, state.airport.as_str()), (Screen::Airport, "FRA"));
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.screen, Screen::Places);
    press(&mut state, KeyCode::Esc);

    // By the country's name too.
    search(w, &mut state, "Germany").await;
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!(state.places, Some(PlaceFilter::Country("DE".into())));
    press(&mut state, KeyCode::Esc);

    // A city with several airports: all of them.
    let screen = search(w, &mut state, "London").await;
    assert!(screen.contains("London  city: all its airports"), "{screen}");
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    let london: Vec<String> = listed(&state).into_iter().map(|p| p.0).collect();
    for code in ["LHR", "LGW", "STN", "LTN", "LCY"] {
        assert!(london.contains(&code.to_string()), "{code} in {london:?}");
    }
    assert_eq!(london[0], "LHR", "the one with flights first: {london:?}");
    // One airport is no list: Munich's search offers the airport itself.
    let screen = search(w, &mut state, "Frankfurt").await;
    assert!(!screen.contains("city: all its airports"), "{screen}");
}

#[tokio::test]
async fn a_country_list_at_80x24_and_120x40_in_colour_and_without() {
    let dir = tempfile::tempdir().unwrap();
    let w = fixture_warehouse(dir.path()).await;
    for (width, height) in [(80, 24), (120, 40)] {
        let mut state = start(w.as_ref(), width, height).await;
        search(w.as_ref(), &mut state, "country:DE").await;
        press(&mut state, KeyCode::Enter);
        settle(w.as_ref(), &mut state).await;
        for (theme, name) in [(Theme::DARK, "colour"), (Theme::MONO, "no_color")] {
            let terminal = draw_with(&state, width, height, MapMarker::HalfBlock, theme);
            insta::assert_snapshot!(
                format!("places_{name}_{width}x{height}"),
                format!("{:?}", terminal.backend().buffer())
            );
        }
    }
}
