//! The background: coastlines (ratatui's built-in `Map` point set), a route and a trail, drawn on
//! ratatui `Canvas`es at sub-cell resolution (or one ASCII character a cell).

use super::glyph::MapMarker;
use super::palette::Palette;
use super::viewport::{Projection, wrap_lon};
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Context, Line, Map, MapResolution, Points};

/// Canvas pixels per degree of longitude from which the detailed coastline (5,000 points instead
/// of 1,200) is worth drawing: below, its points merge into blobs.
const HIGH_RESOLUTION_PX_PER_DEG: f64 = 0.5;

/// Draws coastlines, then the route, then the trail into `proj.area`.
pub(super) fn draw(
    buf: &mut Buffer,
    proj: &Projection,
    marker: MapMarker,
    palette: Palette,
    route: Option<&[(f64, f64)]>,
    trail: Option<&[(f64, f64)]>,
) {
    let map = Map { resolution: resolution(proj, marker), color: palette.coast() };
    let [left, right] = proj.x_bounds();
    // The coastline data runs from -180° to 180°: a view past either end gets a second canvas
    // with the world shifted by a turn, coastlines only, drawn first so the main one stays on top.
    let shift = if left < -180.0 {
        Some(360.0)
    } else if right > 180.0 {
        Some(-360.0)
    } else {
        None
    };
    if let Some(shift) = shift {
        Canvas::default()
            .marker(marker.coast())
            .x_bounds([left + shift, right + shift])
            .y_bounds(proj.y_bounds())
            .paint(|ctx| ctx.draw(&map))
            .render(proj.area, buf);
    }
    Canvas::default()
        .marker(marker.coast())
        .x_bounds(proj.x_bounds())
        .y_bounds(proj.y_bounds())
        .paint(|ctx| {
            ctx.draw(&map);
            for (line, trail) in [(route, false), (trail, true)] {
                if let Some(points) = line {
                    if marker.is_ascii() {
                        ctx.marker(marker.line(trail));
                    } else {
                        ctx.layer();
                    }
                    let color = if trail { palette.trail() } else { palette.route() };
                    polyline(ctx, proj, points, color);
                }
            }
        })
        .render(proj.area, buf);
}

fn resolution(proj: &Projection, marker: MapMarker) -> MapResolution {
    let px_per_deg = f64::from(proj.area.width) * marker.pixels_per_cell() / proj.lon_span;
    if px_per_deg >= HIGH_RESOLUTION_PX_PER_DEG { MapResolution::High } else { MapResolution::Low }
}

/// A `(lat, lon)` polyline, each segment the short way round and wherever it shows (a segment near
/// the edge of a whole-world view shows at both edges). Invalid points break the line.
fn polyline(ctx: &mut Context<'_>, proj: &Projection, points: &[(f64, f64)], color: Color) {
    let valid = |&(lat, lon): &(f64, f64)| lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat);
    // The first longitude within half a turn of the centre, so the main copy is the visible one.
    let x_of = |lon: f64| proj.center_lon + wrap_lon(lon - proj.center_lon);
    if let [p] = points {
        if valid(p) {
            let coords = [(x_of(p.1), p.0)];
            ctx.draw(&Points { coords: &coords, color });
        }
        return;
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !(valid(&a) && valid(&b)) {
            continue;
        }
        let x1 = x_of(a.1);
        let x2 = x1 + wrap_lon(b.1 - a.1);
        for shift in [0.0, -360.0, 360.0] {
            ctx.draw(&Line { x1: x1 + shift, y1: a.0, x2: x2 + shift, y2: b.0, color });
        }
    }
}
