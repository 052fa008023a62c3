//! The airport page's chart: departures and arrivals per local hour of the day, the delayed part
//! of each bar shaded (`▒`, yellow), and the day's legs by status below it.
//!
//! Drawn by hand rather than with ratatui's `BarChart`: a bar there has one style, and the
//! chart's point is the delayed share inside each bar, which needs a bar in two parts.

use crate::tui::theme::Theme;
use pipeline::model::{AirportStats, FlightStatus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows the chart takes: a legend, the bars, the hours, the statuses.
pub const HEIGHT: u16 = 6;
const BAR_ROWS: usize = 3;
/// Eighths of a cell, from empty to full.
const EIGHTHS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const DELAYED: char = '▒';

pub fn render(frame: &mut Frame<'_>, area: Rect, stats: &AirportStats, theme: Theme) {
    // Each hour: a departures column, an arrivals column and a gap (two of each from 120 columns).
    let bar = if area.width >= 4 * 24 + 8 { 2 } else { 1 };
    let per_hour = 2 * bar + 1;
    let max = stats.by_hour.iter().map(|h| h.departures.max(h.arrivals)).max().unwrap_or(0);
    let dep_style = fg(theme, Color::LightCyan);
    let arr_style = fg(theme, Color::LightBlue);
    let late_style = theme.delayed();
    let mut lines = vec![Line::from(vec![
        Span::styled(" By hour ", theme.header()),
        Span::styled("█", dep_style),
        Span::raw(" departures  "),
        Span::styled("█", arr_style),
        Span::raw(" arrivals  "),
        Span::styled(DELAYED.to_string(), late_style),
        Span::raw(" delayed 15 min or more"),
        Span::styled(format!("  (tallest: {max})"), theme.muted()),
    ])];
    for row in (0..BAR_ROWS).rev() {
        let mut spans = vec![Span::raw(" ")];
        for h in &stats.by_hour {
            for (n, late, style) in
                [(h.departures, h.delayed_departures, dep_style), (h.arrivals, h.delayed_arrivals, arr_style)]
            {
                let (c, delayed) = cell(n, late, max, row);
                let s = c.to_string().repeat(bar);
                spans.push(Span::styled(s, if delayed { late_style } else { style }));
            }
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    let mut axis = String::from(" ");
    for hour in (0..24).step_by(3) {
        axis.push_str(&format!("{hour:02}"));
        axis.push_str(&" ".repeat(3 * per_hour - 2));
    }
    lines.push(Line::styled(axis, theme.muted()));
    lines.push(status_line(&stats.by_status, theme));
    frame.render_widget(Paragraph::new(lines), area);
}

fn fg(theme: Theme, c: Color) -> Style {
    if theme.color { Style::new().fg(c) } else { Style::new() }
}

/// The character of a bar of `n` legs (`late` of them delayed) in bar row `row` (0 at the
/// bottom), scaled so `max` fills every row, and whether it shows the delayed part. The delayed
/// part is at the bottom, in whole cells (at least one when any is delayed).
fn cell(n: u32, late: u32, max: u32, row: usize) -> (char, bool) {
    if n == 0 || max == 0 {
        return (' ', false);
    }
    let levels = (BAR_ROWS * 8) as u32;
    let eighths = (n * levels).div_ceil(max) as usize;
    let late_cells =
        if late == 0 { 0 } else { ((late * eighths as u32) as f64 / n as f64 / 8.0).round().max(1.0) as usize };
    let in_cell = eighths.saturating_sub(row * 8).min(8);
    if in_cell == 0 {
        (' ', false)
    } else if row < late_cells {
        (DELAYED, true)
    } else {
        (EIGHTHS[in_cell], false)
    }
}

/// ` Scheduled 40 · Departed 12 · Landed 30 · Cancelled 2`, each in its board colour.
fn status_line(by_status: &[(FlightStatus, u32)], theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(" Status ", theme.header())];
    if by_status.is_empty() {
        spans.push(Span::styled(super::UNKNOWN, theme.muted()));
    }
    for (i, (status, n)) in by_status.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.muted()));
        }
        spans.push(Span::styled(format!("{} {n}", status_word(*status)), theme.status(*status, None)));
    }
    Line::from(spans)
}

fn status_word(status: FlightStatus) -> &'static str {
    match status {
        FlightStatus::Scheduled => "Scheduled",
        FlightStatus::Boarding => "Boarding",
        FlightStatus::Departed => "Departed",
        FlightStatus::EnRoute => "En route",
        FlightStatus::Landed => "Landed",
        FlightStatus::Cancelled => "Cancelled",
        FlightStatus::Diverted => "Diverted",
        FlightStatus::Unknown => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_fills_its_share_of_the_rows_with_the_delayed_part_at_the_bottom() {
        // The busiest hour fills all three rows.
        assert_eq!((0..BAR_ROWS).map(|r| cell(6, 0, 6, r).0).collect::<String>(), "███");
        // Half of it: one and a half rows.
        assert_eq!((0..BAR_ROWS).map(|r| cell(3, 0, 6, r).0).collect::<String>(), "█▄ ");
        // One leg of 24: an eighth; nothing is nothing.
        assert_eq!(cell(1, 0, 24, 0), ('▁', false));
        assert_eq!(cell(0, 0, 24, 0), (' ', false));
        // Two of six delayed: the bottom row shaded.
        assert_eq!(
            (0..BAR_ROWS).map(|r| cell(6, 2, 6, r)).collect::<Vec<_>>(),
            [('▒', true), ('█', false), ('█', false)]
        );
        // Any delay shows, however small its share.
        assert_eq!(cell(24, 1, 24, 0), ('▒', true));
    }

    #[test]
    fn the_status_line_names_each_status_with_its_count() {
        let line = status_line(&[(FlightStatus::Scheduled, 3), (FlightStatus::Cancelled, 1)], Theme::MONO);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, " Status Scheduled 3 · Cancelled 1");
        let none: String = status_line(&[], Theme::MONO).spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(none, " Status —");
    }
}
