//! Keys to actions. `?` lists them on screen.

use super::state::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use pipeline::model::BoardKind;

/// Every key the front end knows, for the help overlay: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("Tab", "switch departures / arrivals"),
    ("d  a", "departures / arrivals"),
    ("↑ ↓  j k", "scroll one row"),
    ("PgUp PgDn", "scroll one page"),
    ("Home End  g G", "first / last row"),
    ("?", "show / hide this help"),
    ("Esc", "close help"),
    ("q  Ctrl-C", "quit"),
];

pub fn action_for(key: KeyEvent, page: isize) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Tab | KeyCode::BackTab => Action::ToggleBoard,
        KeyCode::Char('d') => Action::ShowBoard(BoardKind::Departures),
        KeyCode::Char('a') => Action::ShowBoard(BoardKind::Arrivals),
        KeyCode::Down | KeyCode::Char('j') => Action::Scroll(1),
        KeyCode::Up | KeyCode::Char('k') => Action::Scroll(-1),
        KeyCode::PageDown => Action::Scroll(page),
        KeyCode::PageUp => Action::Scroll(-page),
        KeyCode::Home | KeyCode::Char('g') => Action::ScrollTop,
        KeyCode::End | KeyCode::Char('G') => Action::ScrollBottom,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Esc => Action::CloseOverlay,
        _ => return None,
    })
}
