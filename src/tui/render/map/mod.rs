//! A world map: coastlines (and country borders), airports, up to tens of thousands of aircraft, a selected aircraft with
//! its label, a route (e.g. a great circle) and a trail of past positions.
//!
//! Drawing order: the area is cleared; coastlines, route and trail go on a ratatui `Canvas`
//! (half blocks, braille, or one ASCII character a cell); airports and aircraft are then written
//! straight into the buffer, one cell each, the selected aircraft last. The projection is
//! equirectangular and not stretched: a cell is taken as twice as tall as wide.
//!
//! With [`MapMarker::Ascii`] every cell of the area holds printable ASCII: coastlines `.`, route
//! `*`, trail `:`, airports `o`, aircraft `^ / > \ v < +` (see [`heading_glyph`]), labels with any
//! other character replaced by `?`.
//!
//! Nothing here panics, whatever the area (empty, or partly outside the frame: only the part inside
//! is drawn) and whatever the coordinates (NaN, infinite or out-of-range positions are skipped).

mod coast;
mod density;
mod geo;
mod glyph;
mod layers;
mod outlines;
mod overlay;
mod palette;
mod pick;
mod viewport;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_coast;
#[cfg(test)]
mod tests_labels;

pub use geo::great_circle;
pub use glyph::{MapMarker, heading_glyph};
pub use layers::{MapAircraft, MapAirport, MapLayers};
pub use outlines::{Detail, OutlineKind, outlines};
pub use overlay::AIRPORT_LABEL_SPAN;
pub use palette::{ColorBy, HIGH_M, LOW_M, legend};
pub use pick::{PICK_RADIUS, nearest_aircraft};
pub use viewport::{AROUND_LON_SPAN, MAX_CENTER_LAT, MAX_LON_SPAN, MIN_LON_SPAN, Viewport, wrap_lon};

use crate::tui::theme::Theme;
use palette::Palette;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use viewport::Projection;

/// What a drawn map holds besides its layers.
#[derive(Debug, Default, PartialEq)]
pub struct DrawnMap {
    /// Where airport codes went (one row each).
    pub labels: Vec<Rect>,
}

/// Draws the map of `viewport` with `layers` into `area` (the part of it inside the frame).
pub fn render_map(
    frame: &mut Frame<'_>,
    area: Rect,
    viewport: &Viewport,
    layers: &MapLayers<'_>,
    marker: MapMarker,
    theme: Theme,
) -> DrawnMap {
    let area = area.intersection(frame.buffer_mut().area);
    if area.is_empty() {
        return DrawnMap::default();
    }
    frame.render_widget(Clear, area);
    let proj = Projection::new(viewport, area);
    let palette = Palette::new(theme, layers.color_by);
    let buf = frame.buffer_mut();
    let background = coast::Background { borders: layers.borders, route: layers.route, trail: layers.trail };
    coast::draw(buf, &proj, marker, palette, background);
    let selected = layers.selected.filter(|&i| i < layers.aircraft.len());
    let aircraft = density::AircraftCells::new(&proj, layers.aircraft, selected);
    let labels = overlay::draw_airports(buf, &proj, layers.airports, &aircraft, marker, palette);
    aircraft.draw(buf, layers.aircraft, marker, palette);
    if let Some(i) = selected {
        overlay::draw_selected(buf, &proj, &layers.aircraft[i], marker, palette);
    }
    DrawnMap { labels }
}
