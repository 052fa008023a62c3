//! Every screen the front end has, at every terminal size from 1×1 to 300×100 (in steps), in
//! colour and with NO_COLOR: nothing panics, and nothing is drawn outside the buffer.

mod support;

use pipeline::model::BoardKind;
use ratatui::{Terminal, backend::TestBackend};
use skyboard::tui::render::render;
use skyboard::tui::state::{Action, AppState, update};
use skyboard::tui::theme::Theme;

/// Each screen: loading, both boards (top and scrolled to the end), the help overlay.
fn screens() -> Vec<(&'static str, AppState)> {
    let loading = AppState::new("FRA", "DEMO", support::noon());
    let departures = support::loaded_state();
    let mut arrivals = support::loaded_state();
    update(&mut arrivals, Action::ShowBoard(BoardKind::Arrivals));
    let mut scrolled = support::loaded_state();
    update(&mut scrolled, Action::ScrollBottom);
    let mut help = support::loaded_state();
    update(&mut help, Action::ToggleHelp);
    vec![
        ("loading", loading),
        ("departures", departures),
        ("arrivals", arrivals),
        ("scrolled", scrolled),
        ("help", help),
    ]
}

#[test]
fn every_screen_renders_at_every_size_without_a_panic() {
    let widths = (1..=20).chain((24..=300).step_by(7)).chain([80, 120, 300]);
    let heights: Vec<u16> = (1..=12).chain((14..=100).step_by(5)).chain([24, 40, 100]).collect();
    let mut drawn = 0;
    for (name, state) in screens() {
        for width in widths.clone() {
            for &height in &heights {
                for theme in [Theme { color: true }, Theme { color: false }] {
                    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        terminal.draw(|f| render(f, &state, theme)).unwrap();
                    }));
                    assert!(result.is_ok(), "{name} panicked at {width}×{height}");
                    drawn += 1;
                }
            }
        }
    }
    assert!(drawn > 10_000, "{drawn} frames");
}
