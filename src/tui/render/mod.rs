//! Pure drawing: `render(frame, state, theme)` reads the state and draws a frame, nothing else.

mod board;
mod help;
mod status_bar;
mod title;

use super::state::AppState;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Below this size the front end asks for a bigger terminal instead of drawing a broken board.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// Board rows that fit on screen at this terminal height (for paging).
pub fn visible_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(3))
}

pub fn render(frame: &mut Frame<'_>, state: &AppState, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("terminal too small: {}×{} (need {MIN_WIDTH}×{MIN_HEIGHT})", area.width, area.height);
        frame.render_widget(
            Paragraph::new(Line::styled(msg, theme.error())).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let [title_area, board_area, status_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    title::render(frame, title_area, state, theme);
    board::render(frame, board_area, state, theme);
    status_bar::render(frame, status_area, state, theme);
    if state.show_help {
        help::render(frame, centered(area, 56, help::HEIGHT), theme);
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
