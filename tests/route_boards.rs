//! Route boards (#20 item 2): `FRA-JFK` or `FRA JFK` in search opens every flight from one
//! airport to the other on the day shown, with a board's columns, selection and flight page;
//! `r` turns it around, Tab shows the same legs by arrival. Driven by keys from the fixture
//! warehouse (plus legs that must not show: another day, another destination), snapshots at
//! 80×24 and 120×40 in colour and with `NO_COLOR`; and in a real terminal on the demo pipeline.

mod support;

use chrono::Duration;
use crossterm::event::KeyCode;
use pipeline::model::{FlightLeg, FlightStatus};
use pipeline::warehouse::{LoadBatch, Warehouse};
use skyboard::tui::render::MapMarker;
use skyboard::tui::state::{AppState, Screen};
use skyboard::tui::theme::Theme;
use support::fixture_warehouse::{fixture_warehouse, leg};
use support::screen_driver::{draw_with, press, settle, start, text, type_text};
use support::tmux::Tmux;

/// Legs between FRA and the New York airports around the fixture's day (Friday 2026-11-27).
fn transatlantic() -> Vec<FlightLeg> {
    use FlightStatus::*;
    let mut late = leg(("SQ", "26"), "FRA", "JFK", 200, 740, Scheduled);
    late.est_dep = Some(late.sched_dep + Duration::minutes(35));
    vec![
        // LH 400 FRA→JFK at 10:35 UTC is the fixture's own; these join it.
        late,
        leg(("LH", "404"), "FRA", "JFK", 420, 960, Scheduled),
        // Not FRA→JFK today: Newark, the day before, and the way back.
        leg(("UA", "961"), "FRA", "EWR", 60, 600, Scheduled),
        leg(("LH", "402"), "FRA", "JFK", -1440, -900, Landed),
        leg(("LH", "401"), "JFK", "FRA", 300, 760, Scheduled),
        leg(("LH", "403"), "JFK", "FRA", -600, -140, Landed),
    ]
}

async fn warehouse(dir: &std::path::Path) -> std::sync::Arc<dyn Warehouse> {
    let w = fixture_warehouse(dir).await;
    w.load(&LoadBatch { flights: transatlantic(), ..LoadBatch::default() }).await.unwrap();
    w
}

fn flights_on_board(state: &AppState) -> Vec<String> {
    let board = state.board().expect("the route board is loaded");
    board.rows.iter().map(|r| format!("{}{}", r.key.carrier, r.key.number)).collect()
}

async fn open_route(w: &dyn Warehouse, state: &mut AppState, text: &str) {
    press(state, KeyCode::Char(':'));
    type_text(state, text);
    settle(w, state).await;
    press(state, KeyCode::Enter);
    settle(w, state).await;
}

#[tokio::test]
async fn fra_jfk_opens_exactly_the_flights_between_the_two_and_r_turns_it_around() {
    let dir = tempfile::tempdir().unwrap();
    let w = warehouse(dir.path()).await;
    let w = w.as_ref();
    let mut state = start(w, 80, 24).await;

    // The completion names the route first.
    press(&mut state, KeyCode::Char(':'));
    type_text(&mut state, "fra jfk");
    settle(w, &mut state).await;
    let screen = text(&state, 80, 24);
    assert!(screen.contains("FRA → JFK  route  Frankfurt"), "the route among the completions:\n{screen}");
    press(&mut state, KeyCode::Esc);

    open_route(w, &mut state, "FRA-JFK").await;
    assert_eq!(state.screen, Screen::Route);
    assert_eq!(flights_on_board(&state), ["LH400", "SQ26", "LH404"], "FRA→JFK on Friday, by departure");
    let screen = text(&state, 80, 24);
    assert!(screen.lines().next().unwrap().contains("FRA → JFK"), "{screen}");
    assert!(screen.contains("Delayed +35"), "a board's columns:\n{screen}");

    // Tab: the same legs by arrival, in New York's time.
    press(&mut state, KeyCode::Tab);
    assert_eq!(flights_on_board(&state), ["LH400", "SQ26", "LH404"]);
    assert_eq!(state.board().unwrap().airport.code(), "JFK");
    press(&mut state, KeyCode::Char('d'));
    assert_eq!(state.screen, Screen::Route, "d stays on the route board");

    // A row opens its flight page; Esc comes back to the route board.
    press(&mut state, KeyCode::Down);
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!(state.screen, Screen::Flight);
    assert_eq!(state.detail.as_ref().map(|d| d.leg.key.number.as_str()), Some("26"));
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.screen, Screen::Route);

    // `r`: JFK→FRA, only the way back (its Thursday night leg departs on Thursday in New York).
    press(&mut state, KeyCode::Char('r'));
    settle(w, &mut state).await;
    assert_eq!(flights_on_board(&state), ["LH401"]);
    assert!(text(&state, 80, 24).lines().next().unwrap().contains("JFK → FRA"));
    press(&mut state, KeyCode::Char('['));
    settle(w, &mut state).await;
    assert_eq!(flights_on_board(&state), ["LH403"], "the day before, in New York");
    press(&mut state, KeyCode::Char('r'));
    settle(w, &mut state).await;
    assert_eq!(flights_on_board(&state), ["LH402"], "FRA→JFK the day before");
    press(&mut state, KeyCode::Char('['));
    settle(w, &mut state).await;
    assert!(text(&state, 80, 24).contains("No flights from FRA to JFK recorded on Wed 2026-11-25."));

    // Esc: back to the airport's board it was opened from.
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.screen, Screen::Board);
    press(&mut state, KeyCode::Char('t'));
    settle(w, &mut state).await;
    assert!(flights_on_board(&state).contains(&"UA961".to_string()), "FRA's own board again");
}

#[tokio::test]
async fn a_route_board_at_80x24_and_120x40_in_colour_and_without() {
    let dir = tempfile::tempdir().unwrap();
    let w = warehouse(dir.path()).await;
    for (width, height) in [(80, 24), (120, 40)] {
        let mut state = start(w.as_ref(), width, height).await;
        open_route(w.as_ref(), &mut state, "FRA-JFK").await;
        for (theme, name) in [(Theme::DARK, "colour"), (Theme::MONO, "no_color")] {
            let terminal = draw_with(&state, width, height, MapMarker::HalfBlock, theme);
            insta::assert_snapshot!(
                format!("route_board_{name}_{width}x{height}"),
                format!("{:?}", terminal.backend().buffer())
            );
        }
    }
}

/// The board's rows on a captured screen (as `Tmux::board_rows` counts them).
fn rows(screen: &str) -> Vec<&str> {
    screen.lines().filter(|l| l.len() > 12 && l.as_bytes()[2] == b':' && l.as_bytes()[5] == b' ').collect()
}

#[test]
fn in_a_terminal_fra_jfk_opens_a_route_board_of_only_that_route() {
    let t = Tmux::start_sized("route", "--demo-at 2026-12-02T09:00:00Z", 120, 40);
    t.step("FRA departures", |s| s.contains("Departures") && Tmux::board_rows(s) >= 5);
    t.keys(":");
    t.step("the search box", |s| s.contains("Go to airport or flight"));
    t.keys("FRA-JFK");
    t.step("the route among the completions", |s| s.contains("FRA → JFK  route") && !s.contains("searching …"));
    t.keys("Enter");
    t.step("the route board", |s| s.lines().next().is_some_and(|l| l.contains("FRA → JFK")) && !rows(s).is_empty());
    let screen = t.capture();
    let legs = rows(&screen);
    assert!(legs.iter().all(|l| l.contains("(JFK)")), "only flights to JFK:\n{screen}");
    // The way back: the demo fetches Frankfurt's boards, not New York's, and none of Frankfurt's
    // arrivals today comes from New York; the board says so rather than show nothing.
    t.keys("r");
    t.step("the way back", |s| {
        s.lines().next().is_some_and(|l| l.contains("JFK → FRA"))
            && (rows(s).iter().all(|l| l.contains("(FRA)")))
            && (!rows(s).is_empty() || s.contains("No flights from JFK to FRA known today."))
    });
    t.keys("q");
    t.assert_restored("0");
}
