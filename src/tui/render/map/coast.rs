//! The background: country borders (when asked for), coastlines as lines from Natural Earth
//! (see [`super::outlines`]), then a route and a trail, drawn on ratatui `Canvas`es at sub-cell
//! resolution (or one ASCII character a cell). The route is drawn heavier (two pixels wide) and on
//! its own layer, so it stands out against the coast.

use super::glyph::MapMarker;
use super::outlines::{Detail, OutlineKind, OutlineShape, outlines};
use super::palette::Palette;
use super::viewport::{Projection, wrap_lon};
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Context, Line, Points};

/// What the background holds besides the coast.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Background<'a> {
    pub borders: bool,
    pub route: Option<&'a [(f64, f64)]>,
    pub trail: Option<&'a [(f64, f64)]>,
}

/// Draws borders, coastlines, then the route, then the trail into `proj.area`.
pub(super) fn draw(
    buf: &mut Buffer,
    proj: &Projection,
    marker: MapMarker,
    palette: Palette,
    background: Background<'_>,
) {
    let detail = detail(proj, marker);
    let [left, right] = proj.x_bounds();
    // The outlines run from -180° to 180°: a view past either end draws them a second time,
    // shifted by a turn.
    let shifts = [Some(0.0), (left < -180.0).then_some(-360.0), (right > 180.0).then_some(360.0)];
    let outline_layers = |ctx: &mut Context<'_>| {
        let kinds = [(OutlineKind::Borders, background.borders), (OutlineKind::Coast, true)];
        for (kind, shown) in kinds {
            if !shown {
                continue;
            }
            let (symbols, color) = match kind {
                OutlineKind::Borders => (marker.border(), palette.border()),
                OutlineKind::Coast => (marker.coast(), palette.coast()),
            };
            ctx.marker(symbols);
            for shift in shifts.into_iter().flatten() {
                ctx.draw(&OutlineShape { outlines: outlines(kind, detail), shift, color });
            }
        }
    };
    let pixel_lat = pixel_height(proj, marker);
    let (x_bounds, y_bounds) = canvas_bounds(proj, marker);
    Canvas::default()
        .marker(marker.coast())
        .x_bounds(x_bounds)
        .y_bounds(y_bounds)
        .paint(|ctx| {
            outline_layers(ctx);
            for (line, trail) in [(background.route, false), (background.trail, true)] {
                if let Some(points) = line {
                    ctx.layer();
                    ctx.marker(marker.line(trail));
                    let color = if trail { palette.trail() } else { palette.route() };
                    polyline(ctx, proj, points, color, 0.0);
                    if !trail && !marker.is_ascii() {
                        polyline(ctx, proj, points, color, pixel_lat);
                    }
                }
            }
        })
        .render(proj.area, buf);
}

/// The outlines' detail for a view: finer when more canvas pixels fall on a degree.
pub(super) fn detail(proj: &Projection, marker: MapMarker) -> Detail {
    Detail::for_scale(f64::from(proj.area.width) * marker.pixels_per_cell() / proj.lon_span)
}

/// The canvas's bounds for the projection's view: ratatui maps a point to the pixel nearest to
/// `(x - left) · (pixels - 1) / (right - left)`, the projection to the cell it falls in. Bounds
/// half a pixel inside the view make the two agree, so a coast pixel lies in the cell an aircraft
/// at the same place is drawn in (else they part by up to a cell towards the right and bottom).
fn canvas_bounds(proj: &Projection, marker: MapMarker) -> ([f64; 2], [f64; 2]) {
    let inset = |[lo, hi]: [f64; 2], pixels: f64| {
        let half = (hi - lo) / pixels.max(1.0) / 2.0;
        [lo + half, hi - half]
    };
    (
        inset(proj.x_bounds(), f64::from(proj.area.width) * marker.pixels_per_cell()),
        inset(proj.y_bounds(), f64::from(proj.area.height) * marker.pixels_per_cell_vertically()),
    )
}

/// Degrees of latitude one canvas pixel covers.
fn pixel_height(proj: &Projection, marker: MapMarker) -> f64 {
    let [bottom, top] = proj.y_bounds();
    let rows = f64::from(proj.area.height.max(1)) * marker.pixels_per_cell_vertically();
    (top - bottom) / rows
}

/// A `(lat, lon)` polyline, each segment the short way round and wherever it shows (a segment near
/// the edge of a whole-world view shows at both edges). Invalid points break the line.
/// `lift` moves it north by so many degrees (a second stroke beside the first makes it heavier).
fn polyline(ctx: &mut Context<'_>, proj: &Projection, points: &[(f64, f64)], color: Color, lift: f64) {
    let valid = |&(lat, lon): &(f64, f64)| lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat);
    // The first longitude within half a turn of the centre, so the main copy is the visible one.
    let x_of = |lon: f64| proj.center_lon + wrap_lon(lon - proj.center_lon);
    if let [p] = points {
        if valid(p) {
            let coords = [(x_of(p.1), p.0 + lift)];
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
            ctx.draw(&Line { x1: x1 + shift, y1: a.0 + lift, x2: x2 + shift, y2: b.0 + lift, color });
        }
    }
}
