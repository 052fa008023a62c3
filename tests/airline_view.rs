//! The airline view (#20 item 3): `LH` or `Lufthansa` in search (an airline, not an airport)
//! opens the airline's flights of the day across the airports skyboard knows, with its
//! on-time share, average delay, cancellations and busiest routes; rows open their flight
//! page, `[` `]` step the day. Driven by keys from the fixture warehouse, snapshots at 80×24 and
//! 120×40 in colour and with `NO_COLOR`; and in a real terminal on the demo pipeline.

mod support;

use crossterm::event::KeyCode;
use skyboard::tui::render::MapMarker;
use skyboard::tui::state::{AppState, Screen};
use skyboard::tui::theme::Theme;
use support::fixture_warehouse::fixture_warehouse;
use support::screen_driver::{draw_with, press, settle, start, text, type_text};
use support::tmux::Tmux;

fn flights_listed(state: &AppState) -> Vec<String> {
    let day = state.airline_shown().expect("the airline's day is loaded");
    day.legs.iter().map(|l| format!("{}{}", l.row.key.carrier, l.row.key.number)).collect()
}

async fn open_airline(w: &dyn pipeline::warehouse::Warehouse, state: &mut AppState, text: &str) {
    press(state, KeyCode::Char(':'));
    type_text(state, text);
    settle(w, state).await;
    press(state, KeyCode::Enter);
    settle(w, state).await;
}

#[tokio::test]
async fn lh_opens_lufthansas_day_across_the_airports_with_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let w = fixture_warehouse(dir.path()).await;
    let w = w.as_ref();
    let mut state = start(w, 80, 24).await;

    // The airline comes first among the completions, before LHR (an airport by code prefix).
    press(&mut state, KeyCode::Char(':'));
    type_text(&mut state, "LH");
    settle(w, &mut state).await;
    let screen = text(&state, 80, 24);
    let first_hit = screen.lines().find(|l| l.contains("airline")).unwrap_or_default();
    assert!(first_hit.contains("LH   Lufthansa  airline  LH/DLH"), "the airline among the completions:\n{screen}");
    let at = |needle: &str| screen.find(needle);
    assert!(at("Lufthansa  airline") < at("LHR "), "the airline before LHR:\n{screen}");
    press(&mut state, KeyCode::Esc);

    open_airline(w, &mut state, "LH").await;
    assert_eq!(state.screen, Screen::Airline);
    let legs = flights_listed(&state);
    assert_eq!(legs.len(), 23, "every LH leg of Friday, from FRA, MUC, HND and the eight cities: {legs:?}");
    assert!(legs.iter().all(|l| l.starts_with("LH")), "no other airline's: {legs:?}");
    assert_eq!(legs[0], "LH716", "first to depart first: Haneda's morning leg (22:50 UTC the day before)");
    let screen = text(&state, 80, 24);
    let title = screen.lines().next().unwrap();
    assert!(title.contains("LH") && title.contains("Lufthansa") && title.contains("Airline"), "{screen}");
    assert!(screen.contains("23 flights · 1 cancelled · on time"), "the day's figures:\n{screen}");
    assert!(screen.contains("Busiest  FRA→MUC 2 · "), "the busiest routes:\n{screen}");
    assert!(screen.contains("Cancelled") && screen.contains("HND"), "a board's columns, From included:\n{screen}");
    // Haneda's leg in Tokyo's time (07:50), not UTC's or Frankfurt's.
    let lh716 = screen.lines().find(|l| l.contains("LH 716")).expect("LH 716 on screen");
    assert!(lh716.trim_start_matches('"').starts_with("07:50"), "{lh716}");

    // A row opens its flight page; Esc comes back to the airline.
    press(&mut state, KeyCode::Down);
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!(state.screen, Screen::Flight);
    assert_eq!(state.detail.as_ref().map(|d| format!("LH{}", d.leg.key.number)), Some(legs[1].clone()));
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.screen, Screen::Airline);

    // The day before holds nothing, and says so; `t` comes back.
    press(&mut state, KeyCode::Char('['));
    settle(w, &mut state).await;
    let screen = text(&state, 80, 24);
    assert!(screen.contains("No flights of Lufthansa recorded on Thu 2026-11-26."), "{screen}");
    assert!(screen.contains("0 flights · 0 cancelled · on time — · avg delay —"), "{screen}");
    press(&mut state, KeyCode::Char('t'));
    settle(w, &mut state).await;
    assert_eq!(flights_listed(&state).len(), 23);

    // By name too; Esc goes back to the board it was opened from.
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.screen, Screen::Board);
    open_airline(w, &mut state, "lufthansa").await;
    assert_eq!((state.screen, state.airline.as_deref()), (Screen::Airline, Some("LH")));
    // Swiss by name: of the airlines called Swiss…, the one with legs comes first.
    open_airline(w, &mut state, "swiss").await;
    assert_eq!(state.airline.as_deref(), Some("LX"));
    assert_eq!(flights_listed(&state), ["LX1101"]);
    assert!(text(&state, 80, 24).contains("Swiss International Air Lines  LX/SWR"));
}

#[tokio::test]
async fn the_airline_view_at_80x24_and_120x40_in_colour_and_without() {
    let dir = tempfile::tempdir().unwrap();
    let w = fixture_warehouse(dir.path()).await;
    for (width, height) in [(80, 24), (120, 40)] {
        let mut state = start(w.as_ref(), width, height).await;
        open_airline(w.as_ref(), &mut state, "LH").await;
        for (theme, name) in [(Theme::DARK, "colour"), (Theme::MONO, "no_color")] {
            let terminal = draw_with(&state, width, height, MapMarker::HalfBlock, theme);
            insta::assert_snapshot!(
                format!("airline_view_{name}_{width}x{height}"),
                format!("{:?}", terminal.backend().buffer())
            );
        }
    }
}

#[test]
fn in_a_terminal_lh_opens_the_airline_view() {
    let t = Tmux::start_sized("airline", "--demo-at 2026-12-02T09:00:00Z", 120, 40);
    t.step("FRA departures", |s| s.contains("Departures") && Tmux::board_rows(s) >= 5);
    t.keys(":");
    t.step("the search box", |s| s.contains("Go to airport or flight"));
    t.keys("LH");
    t.step("the airline among the completions", |s| s.contains("Lufthansa  airline") && !s.contains("searching …"));
    t.keys("Enter");
    t.step("the airline view", |s| {
        s.lines().next().is_some_and(|l| l.contains("Lufthansa") && l.contains("Airline"))
            && s.contains(" flights · ")
            && Tmux::board_rows(s) >= 3
    });
    let screen = t.capture();
    let rows: Vec<&str> = screen.lines().filter(|l| l.len() > 12 && l.as_bytes()[2] == b':').collect();
    assert!(rows.iter().all(|l| l.contains(" LH ")), "only Lufthansa's legs:\n{screen}");
    t.keys("q");
    t.assert_restored("0");
}
