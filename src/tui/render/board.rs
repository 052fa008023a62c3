use super::text::{centre_line, clip, hm};
use crate::tui::state::{AppState, Screen};
use crate::tui::theme::Theme;
use pipeline::model::{Board, BoardKind, BoardRow, FlightStatus};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// What a not-yet-known value looks like.
pub const UNKNOWN: &str = "—";

/// The full board screen: the selected board, with the filter line when one is set.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let filter = &state.board.filter;
    let (table_area, filter_area) = if filter.editing || !filter.text.is_empty() {
        let [t, f] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        (t, Some(f))
    } else {
        (area, None)
    };
    let route = state.route.as_ref().filter(|_| state.screen == Screen::Route);
    let Some(board) = state.board() else {
        let msg = match route {
            Some(r) => format!("Loading the flights from {} to {} …", r.from, r.to),
            None => format!("Loading {} {} …", state.airport, state.kind.title().to_lowercase()),
        };
        placeholder(frame, table_area, msg, theme);
        return;
    };
    let rows = state.visible_rows();
    if let Some(f) = filter_area {
        let cursor = if filter.editing { "▏" } else { "" };
        let line = Line::from(vec![
            Span::styled("/", theme.header()),
            Span::raw(format!("{}{cursor}", filter.text)),
            Span::styled(format!("  {} of {} flights", rows.len(), board.rows.len()), theme.muted()),
        ]);
        frame.render_widget(Paragraph::new(line), f);
    }
    if board.rows.is_empty() {
        let kind = state.kind.title().to_lowercase();
        let day =
            state.day_shown().map_or_else(|| "today".to_string(), |d| format!("on {}", super::title::day_text(d)));
        let msg = match (route, state.day_shown()) {
            (Some(r), Some(d)) if d < state.local_today() => {
                format!("No flights from {} to {} recorded {day}.", r.from, r.to)
            }
            (Some(r), _) => format!("No flights from {} to {} known {day}.", r.from, r.to),
            (None, None) => format!("No {kind} on the board yet — the pipeline is still fetching."),
            (None, Some(d)) if d < state.local_today() => {
                format!("No {kind} recorded at {} on {}.", state.airport, super::title::day_text(d))
            }
            (None, Some(d)) => format!("No {kind} known yet at {} for {}.", state.airport, super::title::day_text(d)),
        };
        placeholder(frame, table_area, msg, theme);
        return;
    }
    let visible = usize::from(table_area.height.saturating_sub(1));
    let selected = state.board.selected.min(rows.len().saturating_sub(1));
    let mut first = state.board.first.min(selected);
    if selected >= first + visible {
        first = selected + 1 - visible;
    }
    let shown: Vec<&BoardRow> = rows.iter().skip(first).take(visible).map(|&i| &board.rows[i]).collect();
    let highlight = (!rows.is_empty()).then_some(selected - first);
    table(frame, table_area, board, state.kind, &shown, highlight, theme);
}

fn placeholder(frame: &mut Frame<'_>, area: Rect, msg: String, theme: Theme) {
    frame.render_widget(
        Paragraph::new(Line::styled(msg, theme.muted())).alignment(Alignment::Center),
        centre_line(area),
    );
}

/// A board table: as many columns as the width allows, the selected row in reverse video.
pub fn table(
    frame: &mut Frame<'_>,
    area: Rect,
    board: &Board,
    kind: BoardKind,
    rows: &[&BoardRow],
    selected: Option<usize>,
    theme: Theme,
) {
    let cols = Columns::for_width(area.width);
    let place = match kind {
        BoardKind::Departures => "Destination",
        BoardKind::Arrivals => "Origin",
    };
    let mut header = vec!["Sched", "Expct", "Flight"];
    let mut widths =
        vec![Constraint::Length(5), Constraint::Length(5), Constraint::Length(if cols.codeshares { 8 } else { 9 })];
    if cols.codeshares {
        header.push("Codeshares");
        widths.push(Constraint::Length(15));
    }
    header.push(place);
    widths.push(Constraint::Fill(2));
    if cols.airline {
        header.push("Airline");
        widths.push(Constraint::Fill(1));
    }
    if cols.gate {
        header.extend(["Term", "Gate"]);
        widths.extend([Constraint::Length(4), Constraint::Length(5)]);
    }
    header.push("Status");
    widths.push(Constraint::Length(if cols.gate { 12 } else { 10 }));
    let tz = board.airport.tz;
    let body = rows.iter().enumerate().map(|(i, r)| {
        let row = row(r, kind, tz, cols, theme);
        if Some(i) == selected { row.style(theme.selected()) } else { row }
    });
    let table = Table::new(body, widths)
        .header(Row::new(header.into_iter().map(Cell::from)).style(theme.header()))
        .column_spacing(1);
    frame.render_widget(table, area);
}

/// Which optional columns fit.
#[derive(Debug, Clone, Copy)]
struct Columns {
    gate: bool,
    codeshares: bool,
    airline: bool,
}

impl Columns {
    fn for_width(width: u16) -> Self {
        Self { gate: width >= 60, codeshares: width >= 100, airline: width >= 110 }
    }
}

fn row(r: &BoardRow, kind: BoardKind, tz: chrono_tz::Tz, cols: Columns, theme: Theme) -> Row<'static> {
    let delay = r.delay_minutes();
    let expected = r.expected().map(|t| hm(t, tz)).unwrap_or_else(|| UNKNOWN.to_string());
    let expected_style = match delay {
        Some(d) if d >= 5 => theme.status(FlightStatus::Scheduled, Some(d)),
        Some(_) => theme.text(),
        None => theme.muted(),
    };
    let place = match &r.other_city {
        Some(city) => format!("{city} ({})", r.other_airport),
        None => r.other_airport.clone(),
    };
    let flight = format!("{} {}", r.key.carrier, r.key.number);
    let flight = match (cols.codeshares, r.codeshares.len()) {
        (false, n) if n > 0 && flight.len() + 2 <= 9 => format!("{flight}+{n}"),
        _ => flight,
    };
    let mut cells =
        vec![Cell::from(hm(r.scheduled, tz)), Cell::from(Span::styled(expected, expected_style)), Cell::from(flight)];
    if cols.codeshares {
        cells.push(Cell::from(Span::styled(clip(&r.codeshares.join(" "), 15), theme.muted())));
    }
    cells.push(Cell::from(place));
    if cols.airline {
        cells.push(Cell::from(r.airline.clone().unwrap_or_else(|| UNKNOWN.into())));
    }
    if cols.gate {
        cells.push(Cell::from(r.terminal.clone().unwrap_or_else(|| UNKNOWN.into())));
        cells.push(Cell::from(r.gate.clone().unwrap_or_else(|| UNKNOWN.into())));
    }
    cells.push(Cell::from(Span::styled(status_text(r, kind), theme.status(r.status, delay))));
    Row::new(cells)
}

/// The word in the status column.
pub fn status_text(r: &BoardRow, kind: BoardKind) -> String {
    match r.status {
        FlightStatus::Cancelled => "Cancelled".into(),
        FlightStatus::Diverted => "Diverted".into(),
        FlightStatus::Landed => "Landed".into(),
        FlightStatus::Boarding => "Boarding".into(),
        FlightStatus::Departed | FlightStatus::EnRoute => match kind {
            BoardKind::Departures => "Departed".into(),
            BoardKind::Arrivals => "En route".into(),
        },
        FlightStatus::Scheduled => match r.delay_minutes() {
            Some(d) if d >= 5 => format!("Delayed +{d}"),
            Some(d) if d < 0 => "Early".into(),
            Some(_) => "On time".into(),
            None => "Scheduled".into(),
        },
        FlightStatus::Unknown => UNKNOWN.into(),
    }
}
