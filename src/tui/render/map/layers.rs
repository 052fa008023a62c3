//! What goes on the map: aircraft, airports, a selection, a route and a trail.

use super::palette::ColorBy;
use pipeline::model::FlightStatus;

/// One aircraft on the map. Positions in degrees; an aircraft whose position is not finite or out
/// of range (latitude beyond ±90°, longitude beyond ±180°) is not drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct MapAircraft {
    pub lat: f64,
    pub lon: f64,
    /// Track over ground in degrees clockwise from north; picks the arrow.
    pub heading: Option<f64>,
    pub altitude_m: Option<f64>,
    pub on_ground: Option<bool>,
    pub status: Option<FlightStatus>,
    /// Shown next to the aircraft when it is selected (a callsign or flight number).
    pub label: Option<String>,
}

impl MapAircraft {
    /// An aircraft at a position with nothing else known.
    pub fn at(lat: f64, lon: f64) -> Self {
        Self { lat, lon, heading: None, altitude_m: None, on_ground: None, status: None, label: None }
    }
}

/// An airport on the map: a small marker, with its code when zoomed in enough.
#[derive(Debug, Clone, PartialEq)]
pub struct MapAirport {
    pub lat: f64,
    pub lon: f64,
    /// IATA code, else ICAO code.
    pub code: String,
}

/// Everything drawn over the coastlines, in drawing order: route, trail, airports, aircraft and
/// last the selected aircraft with its label.
#[derive(Debug, Clone, Copy)]
pub struct MapLayers<'a> {
    pub aircraft: &'a [MapAircraft],
    pub airports: &'a [MapAirport],
    /// Index into `aircraft`: drawn highlighted, on top, with its label. Out of range: ignored.
    pub selected: Option<usize>,
    /// A `(lat, lon)` polyline, e.g. a [`super::great_circle`]. Longitudes may be unwrapped (past
    /// ±180°); each segment is drawn the short way round. Invalid points break the line.
    pub route: Option<&'a [(f64, f64)]>,
    /// `(lat, lon)` of past positions, oldest first; drawn like `route`.
    pub trail: Option<&'a [(f64, f64)]>,
    pub color_by: ColorBy,
    /// Country borders under the coastlines.
    pub borders: bool,
}

impl Default for MapLayers<'_> {
    fn default() -> Self {
        Self {
            aircraft: &[],
            airports: &[],
            selected: None,
            route: None,
            trail: None,
            color_by: ColorBy::Altitude,
            borders: false,
        }
    }
}

/// A position an aircraft or airport may be drawn at.
#[inline]
pub(super) fn valid_position(lat: f64, lon: f64) -> bool {
    // `contains` is false for NaN; infinities are out of range.
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_positions() {
        assert!(valid_position(0.0, 0.0));
        assert!(valid_position(90.0, 180.0));
        assert!(valid_position(-90.0, -180.0));
        for (lat, lon) in [
            (f64::NAN, 0.0),
            (0.0, f64::NAN),
            (f64::INFINITY, 0.0),
            (0.0, f64::NEG_INFINITY),
            (90.1, 0.0),
            (0.0, 180.1),
            (0.0, -181.0),
        ] {
            assert!(!valid_position(lat, lon), "({lat}, {lon})");
        }
    }
}
