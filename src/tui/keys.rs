//! Keys (and, with `--mouse`, the mouse) to actions. `?` lists them on screen.

use super::state::{Action, AppState, MapAction, Region, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use pipeline::model::BoardKind;

/// Every key, for the help overlay: a heading (empty keys) or (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("", "Everywhere"),
    (":  g", "go to airport, airline, route, flight"),
    ("d  a  Tab", "departures / arrivals / switch"),
    ("[  ]  t", "the day before / after / today"),
    ("i", "airport page: statistics, both boards, map"),
    ("m", "map of the flight, the airport or the world"),
    ("Enter", "open the selected flight or aircraft"),
    ("Esc", "back / close / clear the filter"),
    ("w  W", "watch the flight (or stop) / watchlist"),
    ("?  q  Ctrl-C", "show / hide this help / quit"),
    ("", "Boards"),
    ("↑ ↓  j k", "select a row"),
    ("PgUp PgDn Home End", "a page / first / last row"),
    ("/", "filter the board by text"),
    ("r", "route board (FRA-JFK in search): the other way"),
    ("", "Map"),
    ("← ↑ ↓ →  h j k l", "pan"),
    ("+  -", "zoom in / out"),
    ("1 2 3 4 5", "world, Europe, N. America, Asia, airport"),
    ("Tab  n  N", "next / previous aircraft"),
    ("f  t  c", "follow, trails, colour by altitude/status"),
    ("b", "country borders on / off"),
];

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
        return Some(match key.code {
            KeyCode::Char('q') => Action::Quit,
            _ => Action::CloseOverlay,
        });
    }
    if state.screen == Screen::Map
        && let Some(action) = map_key(key.code)
    {
        return Some(action);
    }
    let page = state.board.page as isize;
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char(':') | KeyCode::Char('g') => Action::StartSearch,
        KeyCode::Char('/') => Action::StartFilter,
        KeyCode::Tab | KeyCode::BackTab => Action::ToggleBoard,
        KeyCode::Char('d') => Action::ShowBoard(BoardKind::Departures),
        KeyCode::Char('a') => Action::ShowBoard(BoardKind::Arrivals),
        KeyCode::Char('i') => Action::OpenAirportPage,
        KeyCode::Char('[') => Action::StepDay(-1),
        KeyCode::Char(']') => Action::StepDay(1),
        KeyCode::Char('t') => Action::Today,
        KeyCode::Char('r') => Action::ReverseRoute,
        KeyCode::Char('m') => Action::OpenMap,
        KeyCode::Char('w') => Action::ToggleWatch,
        KeyCode::Char('W') => Action::OpenWatchlist,
        KeyCode::Enter => Action::Open,
        KeyCode::Down | KeyCode::Char('j') => Action::Scroll(1),
        KeyCode::Up | KeyCode::Char('k') => Action::Scroll(-1),
        KeyCode::PageDown => Action::Scroll(page),
        KeyCode::PageUp => Action::Scroll(-page),
        KeyCode::Home => Action::ScrollTop,
        KeyCode::End | KeyCode::Char('G') => Action::ScrollBottom,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Esc | KeyCode::Backspace => Action::Back,
        _ => return None,
    })
}

fn map_key(code: KeyCode) -> Option<Action> {
    let map = |a| Some(Action::Map(a));
    match code {
        KeyCode::Left | KeyCode::Char('h') => map(MapAction::Pan(-0.25, 0.0)),
        KeyCode::Right | KeyCode::Char('l') => map(MapAction::Pan(0.25, 0.0)),
        KeyCode::Up | KeyCode::Char('k') => map(MapAction::Pan(0.0, 0.25)),
        KeyCode::Down | KeyCode::Char('j') => map(MapAction::Pan(0.0, -0.25)),
        KeyCode::Char('+') | KeyCode::Char('=') => map(MapAction::Zoom(0.5)),
        KeyCode::Char('-') | KeyCode::Char('_') => map(MapAction::Zoom(2.0)),
        KeyCode::Char('1') => map(MapAction::Region(Region::World)),
        KeyCode::Char('2') => map(MapAction::Region(Region::Europe)),
        KeyCode::Char('3') => map(MapAction::Region(Region::NorthAmerica)),
        KeyCode::Char('4') => map(MapAction::Region(Region::Asia)),
        KeyCode::Char('5') => map(MapAction::Region(Region::Airport)),
        KeyCode::Tab | KeyCode::Char('n') => map(MapAction::Cycle(1)),
        KeyCode::BackTab | KeyCode::Char('N') => map(MapAction::Cycle(-1)),
        KeyCode::Char('f') => map(MapAction::ToggleFollow),
        KeyCode::Char('t') => map(MapAction::ToggleTrails),
        KeyCode::Char('c') => map(MapAction::ToggleColor),
        KeyCode::Char('b') => map(MapAction::ToggleBorders),
        _ => None,
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
