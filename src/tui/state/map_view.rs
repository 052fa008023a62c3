//! The world map's view: where it looks, which aircraft is selected, what is drawn on top.

use super::{AppState, Screen};
use crate::tui::render::map::{ColorBy, MapAircraft, MapAirport, Viewport, great_circle};
use pipeline::model::{FlightKey, MapAircraftRow, Position};

/// The region presets (keys 1–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    World,
    Europe,
    NorthAmerica,
    Asia,
    /// The selected airport's surroundings.
    Airport,
    /// Moved by hand, or fitted to a flight's route.
    Custom,
}

impl Region {
    pub fn title(self) -> &'static str {
        match self {
            Self::World => "World",
            Self::Europe => "Europe",
            Self::NorthAmerica => "North America",
            Self::Asia => "Asia",
            Self::Airport => "Airport",
            Self::Custom => "Custom",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MapAction {
    /// Fractions of the visible span.
    Pan(f64, f64),
    /// Below 1 zooms in.
    Zoom(f64),
    Region(Region),
    /// Select the next (+1) or previous (−1) aircraft on screen.
    Cycle(isize),
    ToggleFollow,
    ToggleTrails,
    ToggleBorders,
    ToggleColor,
    /// A mouse click on the map at this cell (relative to the map's area).
    Click(u16, u16),
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapState {
    pub viewport: Viewport,
    pub region: Region,
    pub follow: bool,
    pub trails: bool,
    /// Country borders under the coastlines (`b`), on every map.
    pub borders: bool,
    pub color_by: ColorBy,
    /// The selected aircraft's ICAO 24-bit address.
    pub selected: Option<String>,
    /// Latest positions, as loaded.
    pub rows: Vec<MapAircraftRow>,
    /// The same, ready to draw.
    pub marks: Vec<MapAircraft>,
    pub trail: Vec<(f64, f64)>,
    /// The flight page's route as a great circle, when the map was opened from it.
    pub route: Option<Vec<(f64, f64)>>,
    pub airports: Vec<MapAirport>,
    /// The aircraft whose flight is being looked up (Enter on the map).
    pub resolving: Option<String>,
    /// The map's size on screen, for choosing what is visible.
    pub area: ratatui::layout::Rect,
}

impl Default for MapState {
    fn default() -> Self {
        Self {
            viewport: Viewport::world(),
            region: Region::World,
            follow: false,
            trails: false,
            borders: false,
            color_by: ColorBy::Altitude,
            selected: None,
            rows: Vec::new(),
            marks: Vec::new(),
            trail: Vec::new(),
            route: None,
            airports: Vec::new(),
            resolving: None,
            area: ratatui::layout::Rect::new(0, 0, 80, 22),
        }
    }
}

impl MapState {
    pub fn selected_index(&self) -> Option<usize> {
        let icao = self.selected.as_deref()?;
        self.rows.iter().position(|r| r.position.icao24 == icao)
    }

    pub fn selected_position(&self) -> Option<&Position> {
        self.selected_index().map(|i| &self.rows[i].position)
    }

    fn centre_on_selected(&mut self) {
        if let Some(p) = self.selected_position() {
            self.viewport = Viewport { center_lat: p.lat, center_lon: p.lon, ..self.viewport };
        }
    }

    /// Aircraft on screen, west to east then north to south: the order Tab walks.
    fn on_screen(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.marks.len())
            .filter(|&i| self.viewport.cell_of(self.area, self.marks[i].lat, self.marks[i].lon).is_some())
            .collect();
        idx.sort_by(|&a, &b| {
            let (ma, mb) = (&self.marks[a], &self.marks[b]);
            ma.lon.total_cmp(&mb.lon).then(mb.lat.total_cmp(&ma.lat)).then(a.cmp(&b))
        });
        idx
    }
}

/// `m`: the map, fitted to what the current screen shows.
pub fn open_for_screen(state: &mut AppState) -> bool {
    let airport = state.board_of(state.kind).map(|b| (b.airport.lat, b.airport.lon));
    match state.screen {
        Screen::Map => return false,
        Screen::Flight => {
            let Some(detail) = state.detail.as_ref() else { return false };
            if let (Some(o), Some(d)) = (&detail.origin, &detail.destination) {
                let route = great_circle((o.lat, o.lon), (d.lat, d.lon), 64);
                state.map.viewport = fit_route(&route);
                state.map.route = Some(route);
                state.map.region = Region::Custom;
            }
            if let Some(p) = &detail.position {
                state.map.selected = Some(p.icao24.clone());
                if state.map.route.is_none() {
                    state.map.viewport = Viewport::around(p.lat, p.lon);
                }
            }
        }
        Screen::Airport => {
            state.map.route = None;
            if let Some((lat, lon)) = airport {
                state.map.viewport = Viewport::around(lat, lon);
                state.map.region = Region::Airport;
            }
        }
        Screen::Board | Screen::Route | Screen::Airline | Screen::Watchlist | Screen::Places => state.map.route = None,
    }
    state.open(Screen::Map);
    true
}

/// A viewport that shows a whole route with a margin.
pub fn fit_route(route: &[(f64, f64)]) -> Viewport {
    let finite = route.iter().filter(|(la, lo)| la.is_finite() && lo.is_finite());
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (90f64, -90f64, 180f64, -180f64);
    for &(lat, lon) in finite {
        lat0 = lat0.min(lat);
        lat1 = lat1.max(lat);
        lon0 = lon0.min(lon);
        lon1 = lon1.max(lon);
    }
    if lat0 > lat1 {
        return Viewport::world();
    }
    let span = ((lon1 - lon0) * 1.3).max((lat1 - lat0) * 2.6).clamp(6.0, 360.0);
    Viewport { center_lat: (lat0 + lat1) / 2.0, center_lon: (lon0 + lon1) / 2.0, lon_span: span }
}

pub fn update(state: &mut AppState, action: MapAction) -> bool {
    let map = &mut state.map;
    match action {
        MapAction::Pan(dx, dy) => {
            map.viewport = map.viewport.panned(dx, dy);
            map.region = Region::Custom;
            map.follow = false;
            true
        }
        MapAction::Zoom(f) => {
            let before = map.viewport;
            map.viewport = map.viewport.zoomed(f);
            map.viewport != before
        }
        MapAction::Region(region) => {
            let airport = state.board_of(state.kind).map(|b| (b.airport.lat, b.airport.lon));
            let map = &mut state.map;
            map.viewport = match region {
                Region::World => Viewport::world(),
                Region::Europe => Viewport::europe(),
                Region::NorthAmerica => Viewport::north_america(),
                Region::Asia => Viewport::asia(),
                Region::Airport => match airport {
                    Some((lat, lon)) => Viewport::around(lat, lon),
                    None => return false,
                },
                Region::Custom => map.viewport,
            };
            map.region = region;
            map.follow = false;
            true
        }
        MapAction::Cycle(by) => {
            let order = map.on_screen();
            if order.is_empty() {
                return false;
            }
            let at = map.selected_index().and_then(|s| order.iter().position(|&i| i == s));
            let next = match at {
                Some(p) => (p as isize + by).rem_euclid(order.len() as isize) as usize,
                None if by < 0 => order.len() - 1,
                None => 0,
            };
            map.selected = Some(map.rows[order[next]].position.icao24.clone());
            map.trail.clear();
            if map.follow {
                map.centre_on_selected();
            }
            true
        }
        MapAction::ToggleFollow => {
            if map.selected.is_none() {
                state.notice = Some("select an aircraft first (Tab)".into());
                return true;
            }
            map.follow = !map.follow;
            if map.follow {
                map.region = Region::Custom;
                map.centre_on_selected();
            }
            true
        }
        MapAction::ToggleTrails => {
            map.trails = !map.trails;
            true
        }
        MapAction::ToggleBorders => {
            map.borders = !map.borders;
            true
        }
        MapAction::ToggleColor => {
            map.color_by = match map.color_by {
                ColorBy::Altitude => ColorBy::Status,
                ColorBy::Status => ColorBy::Altitude,
            };
            true
        }
        MapAction::Click(x, y) => {
            let hit = crate::tui::render::map::nearest_aircraft(&map.viewport, map.area, &map.marks, (x, y));
            match hit {
                Some(i) => {
                    let icao = map.rows[i].position.icao24.clone();
                    if map.selected.as_deref() == Some(icao.as_str()) {
                        return open_selected(state);
                    }
                    map.selected = Some(icao);
                    map.trail.clear();
                    true
                }
                None => false,
            }
        }
    }
}

/// Enter on the map: look up the selected aircraft's flight (the feed answers).
pub fn open_selected(state: &mut AppState) -> bool {
    match state.map.selected.clone() {
        Some(icao) => {
            state.map.resolving = Some(icao);
            true
        }
        None => {
            state.notice = Some("select an aircraft first (Tab)".into());
            true
        }
    }
}

pub fn flight_of_aircraft(state: &mut AppState, icao24: &str, flight: Option<FlightKey>) -> bool {
    if state.map.resolving.as_deref() != Some(icao24) {
        return false;
    }
    state.map.resolving = None;
    match flight {
        Some(key) => state.open_flight(key),
        None => state.notice = Some(format!("no flight known for aircraft {icao24}")),
    }
    true
}

pub fn set_aircraft(state: &mut AppState, rows: Vec<MapAircraftRow>) -> bool {
    let map = &mut state.map;
    if map.rows == rows {
        return false;
    }
    map.marks = rows.iter().map(mark).collect();
    map.rows = rows;
    if map.follow {
        map.centre_on_selected();
    }
    true
}

pub fn set_trail(state: &mut AppState, icao24: &str, points: Vec<Position>) -> bool {
    let map = &mut state.map;
    if map.selected.as_deref() != Some(icao24) {
        return false;
    }
    let trail: Vec<(f64, f64)> = points.iter().map(|p| (p.lat, p.lon)).collect();
    std::mem::replace(&mut map.trail, trail) != map.trail
}

fn mark(row: &MapAircraftRow) -> MapAircraft {
    let p = &row.position;
    MapAircraft {
        lat: p.lat,
        lon: p.lon,
        heading: p.heading,
        altitude_m: p.altitude_m,
        on_ground: p.on_ground,
        status: row.status,
        label: p.flight_iata.clone().or_else(|| p.callsign.clone()),
    }
}
