//! The airline view: the airline's figures of the day (legs, cancellations, on-time share,
//! average delay, busiest routes) above its legs across the airports, each in its origin's
//! local time, selectable like a board's rows.

use super::board::{UNKNOWN, status_text};
use super::text::{centre_line, clip, hm};
use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use pipeline::model::{AirlineDay, AirlineLeg, BoardKind, FlightStatus};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// Lines above the legs: the figures, the busiest routes, a blank.
const HEADER: u16 = 3;

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let code = state.airline.as_deref().unwrap_or_default();
    let day = state.day_shown().unwrap_or_else(|| state.local_today());
    let Some(snapshot) = state.airline_day.as_ref().filter(|s| Some(&s.code) == state.airline.as_ref()) else {
        return placeholder(frame, area, format!("Loading the flights of {code} …"), theme);
    };
    let Some(airline) = state.airline_shown() else {
        let msg = match snapshot.data {
            None => format!("No airline {code} is known."),
            Some(_) => format!("Loading the flights of {code} …"),
        };
        return placeholder(frame, area, msg, theme);
    };
    let [figures, list] = Layout::vertical([Constraint::Length(HEADER), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(figure_lines(airline, theme, area.width)), figures);
    if airline.legs.is_empty() {
        let when = super::title::day_text(day);
        let msg = if day < state.local_today() {
            format!("No flights of {} recorded on {when}.", airline.airline.name)
        } else {
            format!("No flights of {} known for {when}.", airline.airline.name)
        };
        return placeholder(frame, list, msg, theme);
    }
    let visible = usize::from(list.height.saturating_sub(1));
    let selected = state.board.selected.min(airline.legs.len() - 1);
    let mut first = state.board.first.min(selected);
    if selected >= first + visible {
        first = selected + 1 - visible;
    }
    let shown: Vec<&AirlineLeg> = airline.legs.iter().skip(first).take(visible).collect();
    table(frame, list, &shown, selected - first, theme);
}

fn placeholder(frame: &mut Frame<'_>, area: Rect, msg: String, theme: Theme) {
    frame.render_widget(
        Paragraph::new(Line::styled(msg, theme.muted())).alignment(Alignment::Center),
        centre_line(area),
    );
}

/// `Lufthansa  LH/DLH   14 flights · 2 cancelled · on time 71% · avg delay 11 min`, then
/// `Busiest  FRA→MUC 3 · MUC→FRA 3 · …`, each clipped to the width.
fn figure_lines(day: &AirlineDay, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let codes = [day.airline.iata.as_deref(), day.airline.icao.as_deref()].into_iter().flatten().collect::<Vec<_>>();
    let legs = day.legs.len();
    let mut figures = vec![format!("{legs} flight{}", if legs == 1 { "" } else { "s" })];
    figures.push(format!("{} cancelled", day.cancelled));
    figures.push(match day.on_time_pct {
        Some(p) => format!("on time {p:.0}%"),
        None => format!("on time {UNKNOWN}"),
    });
    figures.push(match day.avg_delay_minutes {
        Some(m) => format!("avg delay {m:.0} min"),
        None => format!("avg delay {UNKNOWN}"),
    });
    let room = usize::from(width).saturating_sub(1);
    let name = format!(" {}  {}   ", day.airline.name, codes.join("/"));
    let figures = clip(&figures.join(" · "), room.saturating_sub(name.chars().count()));
    let routes: Vec<String> = day.busiest_routes.iter().map(|(from, to, n)| format!("{from}→{to} {n}")).collect();
    let routes = if routes.is_empty() { UNKNOWN.to_string() } else { routes.join(" · ") };
    vec![
        Line::from(vec![Span::styled(name, theme.title()), Span::styled(figures, theme.text())]),
        Line::from(vec![
            Span::styled(" Busiest  ", theme.header()),
            Span::styled(clip(&routes, room.saturating_sub(10)), theme.text()),
        ]),
    ]
}

/// The legs: scheduled and expected departure in the origin's time, flight, from, to, gate and
/// status; the terminal from 100 columns.
fn table(frame: &mut Frame<'_>, area: Rect, legs: &[&AirlineLeg], selected: usize, theme: Theme) {
    let wide = area.width >= 100;
    let mut header = vec!["Sched", "Expct", "Flight", "From", "To"];
    let mut widths = vec![
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Length(4),
        Constraint::Fill(1),
    ];
    if wide {
        header.push("Term");
        widths.push(Constraint::Length(4));
    }
    header.extend(["Gate", "Status"]);
    widths.extend([Constraint::Length(5), Constraint::Length(12)]);
    let body = legs.iter().enumerate().map(|(i, leg)| {
        let row = row(leg, wide, theme);
        if i == selected { row.style(theme.selected()) } else { row }
    });
    let table = Table::new(body, widths)
        .header(Row::new(header.into_iter().map(Cell::from)).style(theme.header()))
        .column_spacing(1);
    frame.render_widget(table, area);
}

fn row(leg: &AirlineLeg, wide: bool, theme: Theme) -> Row<'static> {
    let r = &leg.row;
    let tz = leg.origin_tz.unwrap_or(chrono_tz::UTC);
    let delay = r.delay_minutes();
    let expected = r.expected().map(|t| hm(t, tz)).unwrap_or_else(|| UNKNOWN.to_string());
    let expected_style = match delay {
        Some(d) if d >= 5 => theme.status(FlightStatus::Scheduled, Some(d)),
        Some(_) => theme.text(),
        None => theme.muted(),
    };
    let to = match &r.other_city {
        Some(city) => format!("{city} ({})", r.other_airport),
        None => r.other_airport.clone(),
    };
    let mut cells = vec![
        Cell::from(hm(r.scheduled, tz)),
        Cell::from(Span::styled(expected, expected_style)),
        Cell::from(format!("{} {}", r.key.carrier, r.key.number)),
        Cell::from(r.key.origin.clone()),
        Cell::from(to),
    ];
    if wide {
        cells.push(Cell::from(r.terminal.clone().unwrap_or_else(|| UNKNOWN.into())));
    }
    cells.push(Cell::from(r.gate.clone().unwrap_or_else(|| UNKNOWN.into())));
    cells.push(Cell::from(Span::styled(status_text(r, BoardKind::Departures), theme.status(r.status, delay))));
    Row::new(cells)
}
