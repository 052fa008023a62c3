use crate::tui::keymap::{HELP, Keymap};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Rows the overlay needs: one per line of the keymap's help plus the border.
pub const HEIGHT: u16 = HELP.len() as u16 + 2;
/// Columns it needs at most.
pub const WIDTH: u16 = 76;

/// The keymap's help: each line's keys (as bound now) and what they do.
pub fn render(frame: &mut Frame<'_>, area: Rect, keymap: &Keymap, theme: Theme) {
    let lines = keymap.help_lines();
    let keys_width = lines.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0).max(12);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|(keys, what)| {
            if keys.is_empty() {
                Line::styled(format!(" {what}"), theme.title())
            } else {
                Line::from(vec![Span::styled(format!("  {keys:<keys_width$}  "), theme.header()), Span::raw(what)])
            }
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" Keys ")), area);
}
