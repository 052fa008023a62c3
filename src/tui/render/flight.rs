//! The flight page: route, times at both ends in local time, aircraft, latest position and the
//! status history; with room, the route on a map.

use super::board::UNKNOWN;
use super::map::{ColorBy, MapAircraft, MapLayers, MapMarker, render_map};
use super::text::{centre_line, hm};
use crate::tui::state::{AppState, Operators, age};
use crate::tui::theme::Theme;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use pipeline::model::{FlightDetail, Position};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme, marker: MapMarker) {
    let Some(detail) = state.detail.as_ref().filter(|d| Some(&d.leg.key) == state.flight.as_ref()) else {
        let what = state.flight.as_ref().map(|k| format!("{} {}", k.carrier, k.number)).unwrap_or_default();
        frame.render_widget(
            Paragraph::new(Line::styled(format!("Loading flight {what} …"), theme.muted()))
                .alignment(Alignment::Center),
            centre_line(area),
        );
        return;
    };
    let (text_area, map_area) = if area.width >= 110 {
        let [t, m] = Layout::horizontal([Constraint::Length(72), Constraint::Min(0)]).areas(area);
        (t, Some(m))
    } else {
        (area, None)
    };
    let ascii = marker == MapMarker::Ascii;
    frame.render_widget(Paragraph::new(lines(detail, &state.operators, state.now, theme, ascii)), text_area);
    if let Some(m) = map_area {
        let block = Block::default().borders(Borders::LEFT).title(" Route ");
        let inner = block.inner(m);
        frame.render_widget(block, m);
        draw_route(frame, inner, detail, theme, marker);
    }
}

fn draw_route(frame: &mut Frame<'_>, area: Rect, detail: &FlightDetail, theme: Theme, marker: MapMarker) {
    let (Some(o), Some(d)) = (&detail.origin, &detail.destination) else { return };
    let route = super::map::great_circle((o.lat, o.lon), (d.lat, d.lon), 64);
    let aircraft: Vec<MapAircraft> = detail
        .position
        .iter()
        .map(|p| MapAircraft {
            lat: p.lat,
            lon: p.lon,
            heading: p.heading,
            altitude_m: p.altitude_m,
            on_ground: p.on_ground,
            status: Some(detail.leg.status),
            label: Some(format!("{}{}", detail.leg.key.carrier, detail.leg.key.number)),
        })
        .collect();
    let airports = [o, d].map(|a| super::map::MapAirport { lat: a.lat, lon: a.lon, code: a.code().to_string() });
    let layers = MapLayers {
        aircraft: &aircraft,
        airports: &airports,
        selected: (!aircraft.is_empty()).then_some(0),
        route: Some(&route),
        trail: None,
        color_by: ColorBy::Status,
        borders: false,
    };
    let viewport = crate::tui::state::fit_route(&route);
    render_map(frame, area, &viewport, &layers, marker, theme);
}

/// The page's text; `ascii`: the progress bar in plain ASCII (as `--ascii` draws the map).
fn lines(d: &FlightDetail, operators: &Operators, now: DateTime<Utc>, theme: Theme, ascii: bool) -> Vec<Line<'static>> {
    let leg = &d.leg;
    let label = |s: &str| Span::styled(s.to_string(), theme.header());
    let known = |v: &Option<String>| v.clone().unwrap_or_else(|| UNKNOWN.into());
    let origin_tz = d.origin.as_ref().map_or(Tz::UTC, |a| a.tz);
    let dest_tz = d.destination.as_ref().map_or(Tz::UTC, |a| a.tz);
    let place = |code: &str, a: &Option<pipeline::model::Airport>| match a.as_ref().and_then(|a| a.city.clone()) {
        Some(city) => format!("{city} ({code})"),
        None => code.to_string(),
    };
    let mut out = Vec::new();
    let also = if d.codeshares.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = d.codeshares.iter().map(|(c, n)| format!("{c} {n}")).collect();
        format!("  also {}", list.join(", "))
    };
    out.push(Line::from(vec![
        Span::styled(format!(" {} {}", leg.key.carrier, leg.key.number), theme.title()),
        Span::styled(also, theme.muted()),
    ]));
    out.push(Line::from(vec![
        Span::raw(format!(" {} → {}   ", place(&leg.key.origin, &d.origin), place(&leg.destination, &d.destination))),
        Span::styled(status_word(d), theme.status(leg.status, leg.dep_delay_minutes())),
        Span::styled(leg.source_status.as_ref().map(|s| format!(" ({s})")).unwrap_or_default(), theme.muted()),
    ]));
    out.push(Line::raw(""));
    out.push(Line::from(vec![label(
        format!(" {:<14}{:<14}{:<10}{:<10}{:<6}{}", "", "Scheduled", "Expected", "Actual", "Term", "Gate").as_str(),
    )]));
    let time = |t: Option<DateTime<Utc>>, tz: Tz| t.map(|t| hm(t, tz)).unwrap_or_else(|| UNKNOWN.into());
    let sched = |t: Option<DateTime<Utc>>, tz: Tz| {
        t.map(|t| format!("{} {}", hm(t, tz), t.with_timezone(&tz).format("%Z"))).unwrap_or_else(|| UNKNOWN.into())
    };
    out.push(Line::raw(format!(
        " {:<14}{:<14}{:<10}{:<10}{:<6}{}",
        format!("Departure {}", leg.key.origin),
        sched(Some(leg.sched_dep), origin_tz),
        time(leg.est_dep, origin_tz),
        time(leg.act_dep, origin_tz),
        known(&leg.dep_terminal),
        known(&leg.dep_gate)
    )));
    out.push(Line::raw(format!(
        " {:<14}{:<14}{:<10}{:<10}{:<6}{}",
        format!("Arrival   {}", leg.destination),
        sched(leg.sched_arr, dest_tz),
        time(leg.est_arr, dest_tz),
        time(leg.act_arr, dest_tz),
        known(&leg.arr_terminal),
        known(&leg.arr_gate)
    )));
    let progress = super::flight_progress::progress(d, now);
    let mut spans = vec![label(" Progress  ")];
    if let Some(share) = progress.share {
        spans.push(Span::styled(super::flight_progress::bar(share, 20, ascii), theme.status(leg.status, None)));
        spans.push(Span::raw("  "));
    }
    spans.push(Span::raw(progress.text));
    out.push(Line::from(spans));
    out.push(Line::raw(""));
    out.push(Line::from(vec![
        label(" Aircraft  "),
        Span::raw(format!("{} · {}", known(&leg.aircraft_type), known(&leg.registration))),
    ]));
    out.push(Line::from(vec![label(" Position  "), Span::raw(position_text(d.position.as_ref(), now))]));
    if let Some(callsign) = d.position.as_ref().and_then(|p| p.callsign.as_deref()) {
        let operator = operators.of_callsign(callsign).map(|o| format!(" · {o}")).unwrap_or_default();
        out.push(Line::from(vec![label(" Callsign  "), Span::raw(format!("{callsign}{operator}"))]));
    }
    out.push(Line::raw(""));
    out.push(Line::from(label(" Status history")));
    if d.status_history.is_empty() {
        out.push(Line::styled(format!("  {UNKNOWN}"), theme.muted()));
    }
    for change in d.status_history.iter().rev().take(6).collect::<Vec<_>>().into_iter().rev() {
        let source_status = change.source_status.as_deref().map(|s| format!(" {s}")).unwrap_or_default();
        out.push(Line::from(vec![
            Span::raw(format!(
                "  {} {}  ",
                hm(change.observed_at, origin_tz),
                change.observed_at.with_timezone(&origin_tz).format("%Z")
            )),
            Span::styled(format!("{:<10}", status_name(change.status)), theme.status(change.status, None)),
            Span::styled(format!(" {}{source_status}", change.source), theme.muted()),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(" m map  Esc back", theme.muted()));
    out
}

fn status_word(d: &FlightDetail) -> String {
    let leg = &d.leg;
    match (leg.status, leg.dep_delay_minutes()) {
        (pipeline::model::FlightStatus::Scheduled, Some(m)) if m >= 5 => format!("Delayed +{m}"),
        (s, _) => status_name(s).to_string(),
    }
}

fn status_name(s: pipeline::model::FlightStatus) -> &'static str {
    use pipeline::model::FlightStatus::*;
    match s {
        Scheduled => "Scheduled",
        Boarding => "Boarding",
        Departed => "Departed",
        EnRoute => "En route",
        Landed => "Landed",
        Cancelled => "Cancelled",
        Diverted => "Diverted",
        Unknown => UNKNOWN,
    }
}

/// `50.12°N 8.43°E · 10,668 m · 870 km/h · 275° · 3m ago (opensky)`
pub fn position_text(p: Option<&Position>, now: DateTime<Utc>) -> String {
    let Some(p) = p else { return format!("{UNKNOWN} (no recent position)") };
    let ns = if p.lat >= 0.0 { 'N' } else { 'S' };
    let ew = if p.lon >= 0.0 { 'E' } else { 'W' };
    let alt = match (p.on_ground, p.altitude_m) {
        (Some(true), _) => "on ground".to_string(),
        (_, Some(a)) => format!("{} m", thousands(a.round() as i64)),
        _ => UNKNOWN.into(),
    };
    let speed = p.ground_speed_kmh.map(|s| format!("{s:.0} km/h")).unwrap_or_else(|| UNKNOWN.into());
    let heading = p.heading.map(|h| format!("{h:.0}°")).unwrap_or_else(|| UNKNOWN.into());
    format!(
        "{:.2}°{ns} {:.2}°{ew} · {alt} · {speed} · {heading} · {} ago ({})",
        p.lat.abs(),
        p.lon.abs(),
        age(now, p.observed_at),
        p.source
    )
}

fn thousands(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}
