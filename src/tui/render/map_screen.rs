//! The world map screen: the map, and one line about the view and the selected aircraft.

use super::flight::position_text;
use super::map::{MapLayers, MapMarker, legend, render_map};
use super::text::clip;
use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The widest view (degrees of longitude) that still marks airports.
pub const AIRPORTS_SPAN: f64 = 40.0;

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme, marker: MapMarker) {
    let [map_area, info_area] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let map = &state.map;
    let trail = (map.trails && !map.trail.is_empty()).then_some(map.trail.as_slice());
    // Airports only when zoomed in to a region of a few countries: thousands of dots would
    // bury the coastlines and the aircraft.
    let airports = if map.viewport.lon_span <= AIRPORTS_SPAN { map.airports.as_slice() } else { &[] };
    let layers = MapLayers {
        aircraft: &map.marks,
        airports,
        selected: map.selected_index(),
        route: map.route.as_deref(),
        trail,
        color_by: map.color_by,
        borders: map.borders,
    };
    render_map(frame, map_area, &map.viewport, &layers, marker, theme);
    frame.render_widget(Paragraph::new(info_line(state, theme, area.width)), info_area);
}

fn info_line(state: &AppState, theme: Theme, width: u16) -> Line<'static> {
    let map = &state.map;
    let mut spans = vec![Span::styled(format!(" {} ", map.region.title()), theme.header())];
    let text = match map.selected_index().map(|i| &map.rows[i]) {
        Some(row) => {
            let p = &row.position;
            let operator = p.callsign.as_deref().and_then(|c| state.operators.of_callsign(c)).map(str::to_string);
            let name = [p.flight_iata.clone(), p.callsign.clone(), operator]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let route = match (&p.origin, &p.destination) {
                (Some(o), Some(d)) => format!(" {o}→{d}"),
                _ => String::new(),
            };
            let flags = [map.follow.then_some("follow"), map.trails.then_some("trail")].into_iter().flatten();
            let flags: Vec<&str> = flags.collect();
            let flags = if flags.is_empty() { String::new() } else { format!(" [{}]", flags.join(", ")) };
            let name = if name.is_empty() { p.icao24.clone() } else { name };
            format!("{name}{route} · {}{flags} · Enter flight", position_text(Some(p), state.now))
        }
        None if map.resolving.is_some() => "looking up the flight …".to_string(),
        None => format!("{} aircraft · Tab select · +/- zoom · 1-5 regions", map.rows.len()),
    };
    let room = usize::from(width).saturating_sub(map.region.title().len() + 3);
    let legend = legend(map.color_by, theme);
    let legend_width = legend.width();
    let text_room = if room > legend_width + 30 { room - legend_width - 2 } else { room };
    spans.push(Span::raw(clip(&text, text_room)));
    if text_room < room {
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::raw(" ".repeat(usize::from(width).saturating_sub(used + legend_width))));
        spans.extend(legend.spans);
    }
    Line::from(spans)
}
