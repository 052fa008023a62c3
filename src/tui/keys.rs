//! Keys (and, with `--mouse`, the mouse) to actions: the overlays' typing here, every other key
//! through the keymap ([`super::keymap`]), which `?` lists on screen.

use super::keymap::Command;
use super::state::{Action, AppState, MapAction, Region, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use pipeline::model::BoardKind;

pub fn action_for(state: &AppState, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if state.search.is_some() {
        return Some(match key.code {
            KeyCode::Esc => Action::CloseOverlay,
            KeyCode::Enter => Action::Open,
            KeyCode::Tab => Action::Complete,
            KeyCode::Up => Action::SearchSelect(-1),
            KeyCode::Down => Action::SearchSelect(1),
            KeyCode::Backspace => Action::Backspace,
            KeyCode::Char(c) if !ctrl => Action::Input(c),
            _ => return None,
        });
    }
    if state.board.filter.editing {
        return Some(match key.code {
            KeyCode::Esc => Action::CloseOverlay,
            KeyCode::Enter => Action::Open,
            KeyCode::Backspace => Action::Backspace,
            KeyCode::Char(c) if !ctrl => Action::Input(c),
            KeyCode::Down => Action::Scroll(1),
            KeyCode::Up => Action::Scroll(-1),
            _ => return None,
        });
    }
    if state.show_help {
        // Any key closes the help; the quit keys quit.
        return Some(match state.keymap.command(false, key) {
            Some(Command::Quit) => Action::Quit,
            _ => Action::CloseOverlay,
        });
    }
    let command = state.keymap.command(state.screen == Screen::Map, key)?;
    Some(action_of(command, state.board.page as isize))
}

/// What a command does.
fn action_of(command: Command, page: isize) -> Action {
    use Command as C;
    let map = Action::Map;
    match command {
        C::Search => Action::StartSearch,
        C::SwitchBoard => Action::ToggleBoard,
        C::Departures => Action::ShowBoard(BoardKind::Departures),
        C::Arrivals => Action::ShowBoard(BoardKind::Arrivals),
        C::DayBefore => Action::StepDay(-1),
        C::DayAfter => Action::StepDay(1),
        C::Today => Action::Today,
        C::AirportPage => Action::OpenAirportPage,
        C::OpenMap => Action::OpenMap,
        C::Open => Action::Open,
        C::Back => Action::Back,
        C::Watch => Action::ToggleWatch,
        C::Watchlist => Action::OpenWatchlist,
        C::Help => Action::ToggleHelp,
        C::Quit => Action::Quit,
        C::Up => Action::Scroll(-1),
        C::Down => Action::Scroll(1),
        C::PageUp => Action::Scroll(-page),
        C::PageDown => Action::Scroll(page),
        C::Top => Action::ScrollTop,
        C::Bottom => Action::ScrollBottom,
        C::Filter => Action::StartFilter,
        C::ReverseRoute => Action::ReverseRoute,
        C::PanLeft => map(MapAction::Pan(-0.25, 0.0)),
        C::PanRight => map(MapAction::Pan(0.25, 0.0)),
        C::PanUp => map(MapAction::Pan(0.0, 0.25)),
        C::PanDown => map(MapAction::Pan(0.0, -0.25)),
        C::ZoomIn => map(MapAction::Zoom(0.5)),
        C::ZoomOut => map(MapAction::Zoom(2.0)),
        C::World => map(MapAction::Region(Region::World)),
        C::Europe => map(MapAction::Region(Region::Europe)),
        C::NorthAmerica => map(MapAction::Region(Region::NorthAmerica)),
        C::Asia => map(MapAction::Region(Region::Asia)),
        C::AirportRegion => map(MapAction::Region(Region::Airport)),
        C::NextAircraft => map(MapAction::Cycle(1)),
        C::PreviousAircraft => map(MapAction::Cycle(-1)),
        C::Follow => map(MapAction::ToggleFollow),
        C::Trails => map(MapAction::ToggleTrails),
        C::Colour => map(MapAction::ToggleColor),
        C::Borders => map(MapAction::ToggleBorders),
    }
}

/// With `--mouse`: the wheel scrolls (or zooms the map), a click selects, a second click on
/// the selection opens it. `content_top` is the first screen row of the board's rows.
pub fn action_for_mouse(state: &AppState, event: MouseEvent, content_top: u16) -> Option<Action> {
    let on_map = state.screen == Screen::Map;
    match event.kind {
        MouseEventKind::ScrollDown if on_map => Some(Action::Map(MapAction::Zoom(2.0))),
        MouseEventKind::ScrollUp if on_map => Some(Action::Map(MapAction::Zoom(0.5))),
        MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
        MouseEventKind::Down(MouseButton::Left) if on_map => {
            let area = state.map.area;
            let inside = event.column >= area.x && event.row >= area.y;
            inside.then(|| Action::Map(MapAction::Click(event.column - area.x, event.row - area.y)))
        }
        MouseEventKind::Down(MouseButton::Left) if state.lists_rows() => {
            event.row.checked_sub(content_top).map(|r| Action::ClickRow(usize::from(r)))
        }
        _ => None,
    }
}
