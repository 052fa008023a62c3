//! A place list: a country's or a city's airports, each with its departures and arrivals of the
//! day shown (`—` for an airport the warehouse holds no leg of), those with flights first; the
//! selected row opens its airport.

use super::board::UNKNOWN;
use super::text::centre_line;
use crate::tui::state::{AppState, describe_places};
use crate::tui::theme::Theme;
use pipeline::model::PlaceTraffic;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let Some(filter) = state.places.as_ref() else { return };
    let mut message = |msg: String| {
        frame.render_widget(
            Paragraph::new(Line::styled(msg, theme.muted())).alignment(Alignment::Center),
            centre_line(area),
        );
    };
    let Some(places) = state.places_shown() else {
        return message(format!("Loading the airports of {} …", describe_places(filter)));
    };
    if places.is_empty() {
        return message(format!("No airports of {} are known.", describe_places(filter)));
    }
    let visible = usize::from(area.height.saturating_sub(1));
    let selected = state.board.selected.min(places.len() - 1);
    let mut first = state.board.first.min(selected);
    if selected >= first + visible {
        first = selected + 1 - visible;
    }
    let wide = area.width >= 100;
    let mut header = vec!["Code", "Airport", "City"];
    let mut widths = vec![Constraint::Length(4), Constraint::Fill(3), Constraint::Fill(2)];
    if wide {
        header.push("ICAO");
        widths.push(Constraint::Length(4));
    }
    header.extend(["Dep", "Arr"]);
    widths.extend([Constraint::Length(5), Constraint::Length(5)]);
    let rows = places.iter().enumerate().skip(first).take(visible).map(|(i, p)| {
        let row = row(p, wide, theme);
        if i == selected { row.style(theme.selected()) } else { row }
    });
    let table = Table::new(rows, widths)
        .header(Row::new(header.into_iter().map(Cell::from)).style(theme.header()))
        .column_spacing(1);
    frame.render_widget(table, area);
}

fn row(p: &PlaceTraffic, wide: bool, theme: Theme) -> Row<'static> {
    let count = |n: Option<u32>| match n {
        Some(n) => Cell::from(format!("{n:>5}")),
        None => Cell::from(Span::styled(format!("{UNKNOWN:>5}"), theme.muted())),
    };
    let a = &p.airport;
    let mut cells = vec![
        Cell::from(a.code().to_string()),
        Cell::from(a.name.clone()),
        Cell::from(a.city.clone().unwrap_or_else(|| UNKNOWN.into())),
    ];
    if wide {
        cells.push(Cell::from(a.icao.clone().unwrap_or_else(|| UNKNOWN.into())));
    }
    cells.extend([count(p.departures), count(p.arrivals)]);
    Row::new(cells)
}
