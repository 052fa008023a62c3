//! Drives the front end's state as the app does, without a terminal: keys through the keymap,
//! data through the feed's own loader, frames through the renderer into a test backend.

use super::noon;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pipeline::warehouse::Warehouse;
use ratatui::{Terminal, backend::TestBackend};
use skyboard::tui::feed::{Parts, load};
use skyboard::tui::keys::action_for;
use skyboard::tui::render::{MapMarker, render_with};
use skyboard::tui::state::{Action, AppState, update};
use skyboard::tui::theme::Theme;

/// Loads what the screens want until they want nothing new (as the feed would).
pub async fn settle(warehouse: &dyn Warehouse, state: &mut AppState) {
    for _ in 0..5 {
        let wants = state.wants();
        for action in load(warehouse, &wants, Parts::ALL, noon()).await.unwrap() {
            update(state, action);
        }
        if state.wants() == wants {
            return;
        }
    }
    panic!("the screens keep wanting new data: {:?}", state.wants());
}

pub fn press(state: &mut AppState, code: KeyCode) {
    let action = action_for(state, KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = action {
        update(state, action);
    }
}

pub fn type_text(state: &mut AppState, text: &str) {
    text.chars().for_each(|c| press(state, KeyCode::Char(c)));
}

pub fn draw(state: &AppState, width: u16, height: u16, marker: MapMarker) -> Terminal<TestBackend> {
    draw_with(state, width, height, marker, Theme::DARK)
}

/// As [`draw`], in a theme of choice (`Theme::MONO` is what `NO_COLOR` gives).
pub fn draw_with(state: &AppState, width: u16, height: u16, marker: MapMarker, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render_with(f, state, theme, marker)).unwrap();
    terminal
}

pub fn text(state: &AppState, width: u16, height: u16) -> String {
    draw(state, width, height, MapMarker::HalfBlock).backend().to_string()
}

pub async fn start(warehouse: &dyn Warehouse, width: u16, height: u16) -> AppState {
    let mut state = AppState::new("FRA", "DEMO", noon());
    state.backend = "sqlite".into();
    update(&mut state, Action::Resize { width, height });
    update(&mut state, Action::MapAirports(skyboard::tui::feed::map_airports(warehouse).await.unwrap()));
    update(&mut state, Action::Operators(skyboard::tui::feed::operators(warehouse).await.unwrap()));
    settle(warehouse, &mut state).await;
    state
}
