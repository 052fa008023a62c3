//! Pure drawing: `render(frame, state, theme)` reads the state and draws a frame, nothing else.

mod airline;
mod airport;
mod board;
mod flight;
mod flight_progress;
mod help;
mod hour_chart;
pub mod map;
mod map_screen;
mod places;
mod search;
mod status_bar;
mod text;
mod title;
mod watchlist;

pub use board::{UNKNOWN, status_text};
pub use status_bar::pipeline_problems;

use super::state::{AppState, Screen};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Below this size the front end asks for a bigger terminal instead of drawing a broken board.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// How the map is drawn (`--braille`, `--ascii`); part of the theme of a session.
pub use map::MapMarker;

/// Board rows that fit on screen at this terminal height (for paging).
pub fn visible_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(3))
}

/// The first screen row of a board's rows (below the title and the column header).
pub const BOARD_FIRST_ROW: u16 = 2;

/// Where the map screen draws the map in a terminal of this size.
pub fn map_area(area: Rect) -> Rect {
    let [_, body, _] = frame_areas(area);
    Rect { height: body.height.saturating_sub(1), ..body }
}

/// Where the airport page draws its surroundings map on a screen of `area`.
pub fn airport_surroundings(area: Rect) -> Rect {
    airport::surroundings_area(frame_areas(area)[1])
}

fn frame_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area)
}

pub fn render(frame: &mut Frame<'_>, state: &AppState, theme: Theme) {
    render_with(frame, state, theme, MapMarker::HalfBlock);
}

pub fn render_with(frame: &mut Frame<'_>, state: &AppState, theme: Theme, marker: MapMarker) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("terminal too small: {}×{} (need {MIN_WIDTH}×{MIN_HEIGHT})", area.width, area.height);
        frame.render_widget(
            Paragraph::new(Line::styled(msg, theme.error())).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let [title_area, body, status_area] = frame_areas(area);
    title::render(frame, title_area, state, theme);
    match state.screen {
        Screen::Board | Screen::Route => board::render(frame, body, state, theme),
        Screen::Airline => airline::render(frame, body, state, theme),
        Screen::Watchlist => watchlist::render(frame, body, state, theme),
        Screen::Places => places::render(frame, body, state, theme),
        Screen::Airport => airport::render(frame, body, state, theme, marker),
        Screen::Flight => flight::render(frame, body, state, theme, marker),
        Screen::Map => map_screen::render(frame, body, state, theme, marker),
    }
    status_bar::render(frame, status_area, state, theme);
    if let Some(search) = &state.search {
        search::render(frame, area, search, theme);
    }
    if state.show_help {
        help::render(frame, centered(area, help::WIDTH, help::HEIGHT), &state.keymap, theme);
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
