//! The airport page's chart of its day (departures and arrivals per local hour, the delayed part
//! shaded, the statuses below) and the flight page's progress bar (#20 item 4), from the fixture
//! warehouse: snapshots at 80×24 and 120×40 in colour and with `NO_COLOR`, and the chart's
//! numbers checked against the boards they come from.

mod support;

use crossterm::event::KeyCode;
use skyboard::tui::render::MapMarker;
use skyboard::tui::state::Screen;
use skyboard::tui::theme::Theme;
use support::fixture_warehouse::{fixture_warehouse, lh2001_key};
use support::screen_driver::{draw_with, press, settle, start, text};

#[tokio::test]
async fn the_airport_chart_and_the_flight_progress_at_both_sizes_with_and_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let w = fixture_warehouse(dir.path()).await;
    let w = w.as_ref();
    for (width, height) in [(80, 24), (120, 40)] {
        let mut state = start(w, width, height).await;
        press(&mut state, KeyCode::Char('i'));
        settle(w, &mut state).await;
        assert_eq!(state.screen, Screen::Airport);
        let stats = state.stats.clone().expect("the day's statistics");
        let hours: u32 = stats.by_hour.iter().map(|h| h.departures).sum();
        assert_eq!(hours, stats.departures, "every departure of the day is in one hour");
        let screen = text(&state, width, height);
        assert!(screen.contains("By hour") && screen.contains("▒"), "UA 933, 50 min late, is shaded:\n{screen}");
        assert!(screen.contains("Cancelled 1"), "{screen}");
        let pages = [("airport_chart", state.clone())];

        press(&mut state, KeyCode::Char('d'));
        let at = state.visible_rows().iter().position(|&i| state.board().unwrap().rows[i].key == lh2001_key());
        for _ in 0..at.expect("LH 2001 departs FRA") {
            press(&mut state, KeyCode::Down);
        }
        press(&mut state, KeyCode::Enter);
        settle(w, &mut state).await;
        assert_eq!(state.screen, Screen::Flight);
        let screen = text(&state, width, height);
        let line = screen.lines().find(|l| l.contains("Progress")).expect("a progress line");
        assert!(line.contains('█') && line.contains("44%") && line.contains("to go"), "{line}");

        for (name, state) in pages.into_iter().chain([("flight_progress", state)]) {
            for (theme, colour) in [(Theme::DARK, "colour"), (Theme::MONO, "no_color")] {
                let terminal = draw_with(&state, width, height, MapMarker::HalfBlock, theme);
                insta::assert_snapshot!(
                    format!("{name}_{colour}_{width}x{height}"),
                    format!("{:?}", terminal.backend().buffer())
                );
            }
        }
    }
}
