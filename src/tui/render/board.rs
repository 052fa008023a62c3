use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use pipeline::model::{BoardKind, BoardRow, FlightStatus};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// What a not-yet-known value looks like.
pub const UNKNOWN: &str = "—";

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let Some(board) = state.board() else {
        let msg = format!("Loading {} {} …", state.airport, state.kind.title().to_lowercase());
        frame.render_widget(
            Paragraph::new(Line::styled(msg, theme.muted())).alignment(Alignment::Center),
            centre_line(area),
        );
        return;
    };
    if board.rows.is_empty() {
        let msg =
            format!("No {} on the board yet — the pipeline is still fetching.", state.kind.title().to_lowercase());
        frame.render_widget(
            Paragraph::new(Line::styled(msg, theme.muted())).alignment(Alignment::Center),
            centre_line(area),
        );
        return;
    }
    let wide = area.width >= 60;
    let place = match state.kind {
        BoardKind::Departures => "Destination",
        BoardKind::Arrivals => "Origin",
    };
    let mut header = vec!["Sched", "Expct", "Flight", place];
    if wide {
        header.extend(["Term", "Gate"]);
    }
    header.push("Status");
    let mut widths = vec![Constraint::Length(5), Constraint::Length(5), Constraint::Length(8), Constraint::Fill(1)];
    if wide {
        widths.extend([Constraint::Length(4), Constraint::Length(5)]);
    }
    widths.push(Constraint::Length(12));

    let visible = usize::from(area.height.saturating_sub(1));
    let first = state.scroll.min(board.rows.len().saturating_sub(visible));
    let tz = board.airport.tz;
    let rows = board.rows.iter().skip(first).take(visible).map(|r| row(r, state.kind, tz, wide, theme));
    let table = Table::new(rows, widths)
        .header(Row::new(header.into_iter().map(Cell::from)).style(theme.header()))
        .column_spacing(1);
    frame.render_widget(table, area);
}

fn row(r: &BoardRow, kind: BoardKind, tz: Tz, wide: bool, theme: Theme) -> Row<'static> {
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
    let mut cells = vec![
        Cell::from(hm(r.scheduled, tz)),
        Cell::from(Span::styled(expected, expected_style)),
        Cell::from(format!("{} {}", r.carrier, r.number)),
        Cell::from(place),
    ];
    if wide {
        cells.push(Cell::from(r.terminal.clone().unwrap_or_else(|| UNKNOWN.into())));
        cells.push(Cell::from(r.gate.clone().unwrap_or_else(|| UNKNOWN.into())));
    }
    cells.push(Cell::from(Span::styled(status_text(r, kind), theme.status(r.status, delay))));
    Row::new(cells)
}

fn hm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
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

fn centre_line(area: Rect) -> Rect {
    Rect { y: area.y + area.height / 2, height: 1.min(area.height), ..area }
}
