//! The watchlist: each watched flight with its status, a countdown to its departure or
//! arrival, and its gate; the selected row opens the flight page, `w` stops watching it.

use super::board::UNKNOWN;
use super::text::{centre_line, hm};
use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use crate::watch::changes::{flight_name, status_word};
use chrono::{DateTime, Utc};
use pipeline::model::{FlightDetail, FlightKey, FlightLeg, FlightStatus};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let flights = &state.watching.flights;
    if flights.is_empty() {
        let msg = "No flights watched yet: w on a board row or a flight page watches one.";
        frame.render_widget(
            Paragraph::new(Line::styled(msg, theme.muted())).alignment(Alignment::Center),
            centre_line(area),
        );
        return;
    }
    let visible = usize::from(area.height.saturating_sub(1));
    let selected = state.board.selected.min(flights.len() - 1);
    let mut first = state.board.first.min(selected);
    if selected >= first + visible {
        first = selected + 1 - visible;
    }
    let wide = area.width >= 100;
    let mut header = vec!["Flight", "Date", "Route", "Dep", "Status", "When"];
    let mut widths = vec![
        Constraint::Length(8),
        Constraint::Length(10),
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(10),
        Constraint::Length(16),
    ];
    if wide {
        header.push("Term");
        widths.push(Constraint::Length(4));
    }
    header.push("Gate");
    widths.push(Constraint::Length(5));
    let rows = flights.iter().enumerate().skip(first).take(visible).map(|(i, key)| {
        let row = row(key, state.watching.legs.get(key), state.now, wide, theme);
        if i == selected { row.style(theme.selected()) } else { row }
    });
    let table = Table::new(rows, widths)
        .header(Row::new(header.into_iter().map(Cell::from)).style(theme.header()))
        .column_spacing(1);
    frame.render_widget(table, area);
}

fn row(key: &FlightKey, detail: Option<&FlightDetail>, now: DateTime<Utc>, wide: bool, theme: Theme) -> Row<'static> {
    let date = key.dep_local_date.format("%a %d %b").to_string();
    let Some(d) = detail else {
        let mut cells = vec![
            Cell::from(flight_name(key)),
            Cell::from(date),
            Cell::from(Span::styled(format!("{} → {UNKNOWN}", key.origin), theme.muted())),
            Cell::from(UNKNOWN),
            Cell::from(Span::styled("not loaded", theme.muted())),
            Cell::from(UNKNOWN),
        ];
        cells.extend(std::iter::repeat_n(Cell::from(UNKNOWN), if wide { 2 } else { 1 }));
        return Row::new(cells);
    };
    let leg = &d.leg;
    let tz = d.origin.as_ref().map_or(chrono_tz::UTC, |a| a.tz);
    let departed = leg.status.is_airborne_or_done() || leg.act_dep.is_some();
    // Before it leaves, the departure side's terminal and gate; after, the arrival's.
    let (terminal, gate) = if departed {
        (leg.arr_terminal.clone(), leg.arr_gate.clone())
    } else {
        (leg.dep_terminal.clone(), leg.dep_gate.clone())
    };
    let delay = leg.act_dep.or(leg.est_dep).map(|t| (t - leg.sched_dep).num_minutes());
    let mut cells = vec![
        Cell::from(flight_name(key)),
        Cell::from(date),
        Cell::from(format!("{} → {}", leg.key.origin, leg.destination)),
        Cell::from(hm(leg.sched_dep, tz)),
        Cell::from(Span::styled(status_word(leg.status), theme.status(leg.status, delay))),
        Cell::from(countdown(leg, now)),
    ];
    if wide {
        cells.push(Cell::from(terminal.unwrap_or_else(|| UNKNOWN.into())));
    }
    cells.push(Cell::from(gate.unwrap_or_else(|| UNKNOWN.into())));
    Row::new(cells)
}

/// `departs in 1h05m`, `arrives in 35m`, `landed`, `cancelled`: where the flight stands in time,
/// from its best known times (actual, else estimated, else scheduled).
pub fn countdown(leg: &FlightLeg, now: DateTime<Utc>) -> String {
    if leg.status == FlightStatus::Cancelled {
        return "cancelled".into();
    }
    if leg.status == FlightStatus::Landed || leg.act_arr.is_some() {
        return "landed".into();
    }
    let departed = leg.status.is_airborne_or_done() || leg.act_dep.is_some();
    if !departed {
        let t = leg.act_dep.or(leg.est_dep).unwrap_or(leg.sched_dep);
        return if t > now { format!("departs in {}", span(t - now)) } else { "due to leave".into() };
    }
    match leg.est_arr.or(leg.sched_arr) {
        Some(t) if t > now => format!("arrives in {}", span(t - now)),
        Some(_) => "due to land".into(),
        None => UNKNOWN.into(),
    }
}

/// `<1m`, `35m`, `1h05m`, `2d03h`.
fn span(d: chrono::Duration) -> String {
    let m = d.num_minutes();
    match m {
        ..1 => "<1m".into(),
        1..60 => format!("{m}m"),
        60..1440 => format!("{}h{:02}m", m / 60, m % 60),
        _ => format!("{}d{:02}h", m / 1440, m % 1440 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn the_countdown_follows_the_flight() {
        let t = |h, m| Utc.with_ymd_and_hms(2026, 12, 2, h, m, 0).unwrap();
        let mut leg = FlightLeg {
            key: FlightKey {
                carrier: "LH".into(),
                number: "400".into(),
                origin: "FRA".into(),
                dep_local_date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            },
            destination: "JFK".into(),
            sched_dep: t(10, 0),
            est_dep: Some(t(10, 20)),
            act_dep: None,
            sched_arr: Some(t(18, 40)),
            est_arr: None,
            act_arr: None,
            dep_terminal: None,
            dep_gate: None,
            arr_terminal: None,
            arr_gate: None,
            status: FlightStatus::Scheduled,
            source_status: None,
            aircraft_type: None,
            registration: None,
            source: "lufthansa".into(),
            lake_key: String::new(),
            observed_at: t(8, 0),
        };
        assert_eq!(countdown(&leg, t(8, 55)), "departs in 1h25m", "by the estimate");
        assert_eq!(countdown(&leg, t(10, 19)), "departs in 1m");
        assert_eq!(countdown(&leg, t(10, 30)), "due to leave");
        (leg.status, leg.act_dep) = (FlightStatus::EnRoute, Some(t(10, 25)));
        assert_eq!(countdown(&leg, t(18, 5)), "arrives in 35m");
        leg.act_arr = Some(t(18, 38));
        assert_eq!(countdown(&leg, t(18, 50)), "landed");
        leg.status = FlightStatus::Cancelled;
        assert_eq!(countdown(&leg, t(18, 50)), "cancelled");
        assert_eq!(span(chrono::Duration::minutes(3000)), "2d02h");
    }
}
