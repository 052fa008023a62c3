//! The airport page: who and where it is, the day's numbers and chart, both boards and its
//! surroundings.

use super::board::table;
use super::map::{ColorBy, MapLayers, MapMarker, Viewport, render_map};
use super::text::{clip, utc_offset};
use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use pipeline::model::{Airport, BoardKind, BoardRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme, marker: MapMarker) {
    let airport = state.board_of(BoardKind::Departures).or(state.board_of(BoardKind::Arrivals)).map(|b| &b.airport);
    let [info_area, chart_area, rest] = page_areas(area);
    frame.render_widget(Paragraph::new(info_lines(state, airport, theme, area.width)), info_area);
    if let Some(stats) = state.stats.as_ref().filter(|s| s.airport == state.airport) {
        super::hour_chart::render(frame, chart_area, stats, theme);
    }
    let [boards, map_area] = columns(rest);
    let [dep_area, arr_area] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(boards);
    for (kind, board_area) in [(BoardKind::Departures, dep_area), (BoardKind::Arrivals, arr_area)] {
        let block =
            Block::default().borders(Borders::TOP).title(Span::styled(format!(" {} ", kind.title()), theme.header()));
        let inner = block.inner(board_area);
        frame.render_widget(block, board_area);
        if let Some(board) = state.board_of(kind) {
            let rows: Vec<&BoardRow> = board.rows.iter().take(usize::from(inner.height.saturating_sub(1))).collect();
            table(frame, inner, board, kind, &rows, None, theme);
        }
    }
    let block = surroundings_block();
    let inner = block.inner(map_area);
    frame.render_widget(block, map_area);
    if let Some(a) = airport {
        let layers = MapLayers {
            aircraft: &state.map.marks,
            airports: &state.map.airports,
            selected: None,
            route: None,
            trail: None,
            color_by: ColorBy::Altitude,
            borders: state.map.borders,
        };
        render_map(frame, inner, &Viewport::around(a.lat, a.lon), &layers, marker, theme);
    }
}

/// The airport's information, the chart of its day, and the rest (boards and surroundings).
fn page_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(3), Constraint::Length(super::hour_chart::HEIGHT), Constraint::Min(0)])
        .areas(area)
}

/// The boards' and the surroundings map's columns below the airport's information.
fn columns(rest: Rect) -> [Rect; 2] {
    let map_width = if rest.width >= 100 { rest.width / 3 } else { rest.width * 2 / 5 };
    Layout::horizontal([Constraint::Min(0), Constraint::Length(map_width)]).areas(rest)
}

fn surroundings_block() -> Block<'static> {
    Block::default().borders(Borders::TOP | Borders::LEFT).title(" Surroundings ")
}

/// Where the airport page of `area` draws its surroundings map.
pub fn surroundings_area(area: Rect) -> Rect {
    let [_, _, rest] = page_areas(area);
    surroundings_block().inner(columns(rest)[1])
}

fn info_lines(state: &AppState, airport: Option<&Airport>, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let label = |s: &str| Span::styled(s.to_string(), theme.header());
    let mut lines = Vec::new();
    match airport {
        Some(a) => {
            let local = state.now.with_timezone(&a.tz);
            let place = [a.city.clone(), Some(a.country.clone())].into_iter().flatten().collect::<Vec<_>>().join(", ");
            let codes = [a.iata.clone(), a.icao.clone()].into_iter().flatten().collect::<Vec<_>>().join(" / ");
            lines.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(codes, theme.title()),
                Span::raw(format!("  {place}  ")),
                label("local "),
                Span::raw(format!("{} (UTC{})", local.format("%H:%M %Z"), utc_offset(state.now, a.tz))),
            ]));
        }
        None => lines.push(Line::styled(format!(" {} …", state.airport), theme.muted())),
    }
    let day_label = match state.day_shown() {
        Some(day) => format!(" {} ", super::title::day_text(day)),
        None => " Today ".to_string(),
    };
    match state.stats.as_ref().filter(|s| s.airport == state.airport) {
        Some(s) => {
            let pct = s.on_time_pct.map(|p| format!("{p:.0}%")).unwrap_or_else(|| super::UNKNOWN.into());
            let delay = s.avg_delay_minutes.map(|d| format!("{d:.0} min")).unwrap_or_else(|| super::UNKNOWN.into());
            lines.push(Line::from(vec![
                label(&day_label),
                Span::raw(format!("{} departures  {} arrivals  ", s.departures, s.arrivals)),
                label("on time "),
                Span::raw(format!("{pct}  ")),
                label("avg delay "),
                Span::raw(format!("{delay}  ")),
                Span::styled(
                    format!("{} cancelled", s.cancelled),
                    if s.cancelled > 0 { theme.error() } else { theme.text() },
                ),
            ]));
            let busiest: Vec<String> = s
                .busiest_destinations
                .iter()
                .map(|(iata, city, n)| match city {
                    Some(c) => format!("{c} ({iata}) {n}"),
                    None => format!("{iata} {n}"),
                })
                .collect();
            let text = if busiest.is_empty() { super::UNKNOWN.to_string() } else { busiest.join(" · ") };
            lines.push(Line::from(vec![
                label(" Busiest "),
                Span::raw(clip(&text, usize::from(width).saturating_sub(10))),
            ]));
        }
        None => lines.push(Line::styled(format!("{day_label}statistics are loading …"), theme.muted())),
    }
    lines
}
