use crate::tui::keys::HELP;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Rows the overlay needs: one per key line plus the border.
pub const HEIGHT: u16 = HELP.len() as u16 + 2;

pub fn render(frame: &mut Frame<'_>, area: Rect, theme: Theme) {
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(keys, what)| {
            if keys.is_empty() {
                Line::styled(format!(" {what}"), theme.title())
            } else {
                Line::from(vec![Span::styled(format!("  {keys:<19}"), theme.header()), Span::raw(*what)])
            }
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" Keys ")), area);
}
