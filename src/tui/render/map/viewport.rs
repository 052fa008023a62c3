//! Which part of the world is on screen, and where a (lat, lon) lands on the cell grid.
//!
//! The projection is equirectangular (plate carrée, what ratatui's `Map` shape uses): longitude
//! maps linearly to columns, latitude to rows. A terminal cell is about twice as tall as it is
//! wide, so one row covers twice the degrees of one column and the map is not stretched.

use ratatui::layout::Rect;

/// The narrowest and widest longitude span a viewport may show, in degrees.
pub const MIN_LON_SPAN: f64 = 0.5;
pub const MAX_LON_SPAN: f64 = 360.0;
/// The furthest north or south a viewport's centre may be panned.
pub const MAX_CENTER_LAT: f64 = 85.0;
/// How much longitude [`Viewport::around`] shows around a point.
pub const AROUND_LON_SPAN: f64 = 8.0;

/// The visible part of the world: a centre and how many degrees of longitude fit across the area.
/// The latitude span follows from the area's shape (see [`Viewport::bounds`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub center_lon: f64,
    pub center_lat: f64,
    pub lon_span: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Self::world()
    }
}

impl Viewport {
    /// Everything, centred on (0°, 0°).
    pub fn world() -> Self {
        Self { center_lon: 0.0, center_lat: 0.0, lon_span: MAX_LON_SPAN }
    }

    pub fn europe() -> Self {
        Self { center_lon: 12.0, center_lat: 50.0, lon_span: 50.0 }
    }

    pub fn north_america() -> Self {
        Self { center_lon: -98.0, center_lat: 40.0, lon_span: 75.0 }
    }

    pub fn asia() -> Self {
        Self { center_lon: 100.0, center_lat: 32.0, lon_span: 90.0 }
    }

    /// [`AROUND_LON_SPAN`] degrees of longitude around a point (an airport's surroundings).
    /// A non-finite coordinate counts as 0; the latitude is clamped to ±[`MAX_CENTER_LAT`].
    pub fn around(lat: f64, lon: f64) -> Self {
        Self { center_lon: wrap_lon(finite_or_zero(lon)), center_lat: clamp_lat(lat), lon_span: AROUND_LON_SPAN }
    }

    /// Zoom by `factor`: below 1 zooms in, above 1 out. The span is clamped to
    /// [`MIN_LON_SPAN`]..=[`MAX_LON_SPAN`]; a factor that is not a positive finite number does nothing.
    #[must_use]
    pub fn zoomed(self, factor: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0) {
            return self;
        }
        Self { lon_span: (self.span() * factor).clamp(MIN_LON_SPAN, MAX_LON_SPAN), ..self }
    }

    /// Move by fractions of the visible span: `dx = 0.25` moves the centre a quarter screen east,
    /// `dy = 0.25` a quarter screen north (negative values go west / south). Vertically the
    /// "screen" is taken as `lon_span / 2` degrees, the latitude span of a 2:1 view — close to
    /// any common terminal shape. The latitude is clamped to ±[`MAX_CENTER_LAT`], the longitude
    /// wraps around. Non-finite offsets count as 0.
    #[must_use]
    pub fn panned(self, dx: f64, dy: f64) -> Self {
        let span = self.span();
        let lon = finite_or_zero(self.center_lon) + finite_or_zero(dx) * span;
        let lat = finite_or_zero(self.center_lat) + finite_or_zero(dy) * span / 2.0;
        Self { center_lon: wrap_lon(lon), center_lat: clamp_lat(lat), lon_span: span }
    }

    /// The longitude (x) and latitude (y) bounds shown in `area`, as `[min, max]` pairs. The
    /// longitude bounds may run past ±180° (the view then wraps around the antimeridian). The
    /// latitude span is `lon_span × 2 × height / width`: a cell is about twice as tall as wide.
    pub fn bounds(&self, area: Rect) -> ([f64; 2], [f64; 2]) {
        let p = Projection::new(self, area);
        ([p.left, p.left + p.lon_span], [p.top - p.lat_span, p.top])
    }

    /// The screen cell `(x, y)` (absolute, like `area.x`) where a point lands, or `None` when it is
    /// off-screen, the area is empty, the latitude is outside ±90° or a coordinate is not finite.
    /// Any finite longitude is accepted (it wraps).
    pub fn cell_of(&self, area: Rect, lat: f64, lon: f64) -> Option<(u16, u16)> {
        Projection::new(self, area).cell(lat, lon)
    }

    /// The span actually used: `lon_span` clamped, or the whole world when it is not finite.
    pub(super) fn span(&self) -> f64 {
        if self.lon_span.is_finite() { self.lon_span.clamp(MIN_LON_SPAN, MAX_LON_SPAN) } else { MAX_LON_SPAN }
    }
}

/// A viewport fitted to an area: everything needed to project many points quickly.
#[derive(Debug, Clone, Copy)]
pub(super) struct Projection {
    pub area: Rect,
    pub center_lon: f64,
    /// Longitude at the left edge (may be below -180).
    pub left: f64,
    /// Latitude at the top edge.
    pub top: f64,
    pub lon_span: f64,
    pub lat_span: f64,
    /// Columns per degree of longitude and rows per degree of latitude.
    col_per_deg: f64,
    row_per_deg: f64,
}

impl Projection {
    pub fn new(viewport: &Viewport, area: Rect) -> Self {
        let w = f64::from(area.width.max(1));
        let h = f64::from(area.height.max(1));
        let lon_span = viewport.span();
        let lat_span = lon_span * 2.0 * h / w;
        let center_lon = wrap_lon(finite_or_zero(viewport.center_lon));
        let center_lat = finite_or_zero(viewport.center_lat).clamp(-90.0, 90.0);
        Self {
            area,
            center_lon,
            left: center_lon - lon_span / 2.0,
            top: center_lat + lat_span / 2.0,
            lon_span,
            lat_span,
            col_per_deg: f64::from(area.width) / lon_span,
            row_per_deg: f64::from(area.height) / lat_span,
        }
    }

    pub fn x_bounds(&self) -> [f64; 2] {
        [self.left, self.left + self.lon_span]
    }

    pub fn y_bounds(&self) -> [f64; 2] {
        [self.top - self.lat_span, self.top]
    }

    /// Degrees east of the left edge, for a longitude brought into the window that starts there.
    #[inline]
    pub fn x_offset(&self, lon: f64) -> f64 {
        wrap_lon(lon - self.center_lon) + self.lon_span / 2.0
    }

    /// See [`Viewport::cell_of`].
    #[inline]
    pub fn cell(&self, lat: f64, lon: f64) -> Option<(u16, u16)> {
        if !(lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat)) {
            return None;
        }
        if self.area.width == 0 || self.area.height == 0 {
            return None;
        }
        let x = self.x_offset(lon);
        let y = self.top - lat;
        if !(0.0..=self.lon_span).contains(&x) || !(0.0..=self.lat_span).contains(&y) {
            return None;
        }
        // Both products are within 0..=width (height) here, so the casts cannot overflow.
        let col = ((x * self.col_per_deg) as u16).min(self.area.width - 1);
        let row = ((y * self.row_per_deg) as u16).min(self.area.height - 1);
        Some((self.area.x + col, self.area.y + row))
    }
}

/// A longitude brought into -180..180 (NaN and infinities stay NaN).
#[inline]
pub fn wrap_lon(lon: f64) -> f64 {
    if (-180.0..180.0).contains(&lon) { lon } else { (lon + 180.0).rem_euclid(360.0) - 180.0 }
}

fn clamp_lat(lat: f64) -> f64 {
    finite_or_zero(lat).clamp(-MAX_CENTER_LAT, MAX_CENTER_LAT)
}

fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = Rect { x: 0, y: 0, width: 200, height: 60 };

    #[test]
    fn world_view_has_the_origin_in_the_centre() {
        assert_eq!(Viewport::world().cell_of(AREA, 0.0, 0.0), Some((100, 30)));
        let offset = Rect { x: 10, y: 5, ..AREA };
        assert_eq!(Viewport::world().cell_of(offset, 0.0, 0.0), Some((110, 35)));
    }

    #[test]
    fn a_known_point_lands_in_the_expected_cell() {
        // 360° over 200 columns: 1.8° a column; 216° over 60 rows: 3.6° a row.
        let v = Viewport::world();
        // 90° E is a quarter of the width right of the centre; 36° N is ten rows up.
        assert_eq!(v.cell_of(AREA, 36.0 - 0.1, 90.0 + 0.1), Some((150, 20)));
        // Frankfurt at 50.03 N, 8.57 E: column 100 + 8.57 / 1.8 = 104.76, row 30 - 50.03 / 3.6 = 16.1.
        assert_eq!(v.cell_of(AREA, 50.03, 8.57), Some((104, 16)));
        // The corners of the window.
        assert_eq!(v.cell_of(AREA, 90.0, -180.0), Some((0, 5)));
        assert_eq!(v.cell_of(AREA, -90.0, 179.99), Some((199, 55)));
    }

    #[test]
    fn the_map_is_not_stretched() {
        let (x, y) = Viewport::europe().bounds(AREA);
        assert!((x[1] - x[0] - 50.0).abs() < 1e-9);
        // 60 rows of cells twice as tall as wide: 60 × 2 / 200 of the longitude span.
        assert!((y[1] - y[0] - 30.0).abs() < 1e-9);
        assert!(((y[0] + y[1]) / 2.0 - 50.0).abs() < 1e-9);
    }

    #[test]
    fn off_screen_and_invalid_points_have_no_cell() {
        let v = Viewport::europe();
        assert_eq!(v.cell_of(AREA, 40.7, -74.0), None, "New York is not in Europe");
        assert_eq!(v.cell_of(AREA, -33.9, 151.2), None);
        assert_eq!(v.cell_of(AREA, f64::NAN, 8.0), None);
        assert_eq!(v.cell_of(AREA, 50.0, f64::INFINITY), None);
        assert_eq!(v.cell_of(AREA, 91.0, 8.0), None);
        assert_eq!(v.cell_of(Rect::new(0, 0, 0, 0), 50.0, 8.0), None);
        assert_eq!(v.cell_of(Rect::new(3, 3, 1, 1), 50.0, 12.0), Some((3, 3)));
    }

    #[test]
    fn a_view_across_the_antimeridian_wraps() {
        let v = Viewport { center_lon: 180.0, center_lat: 0.0, lon_span: 40.0 };
        let (x, _) = v.bounds(AREA);
        assert_eq!(x, [-200.0, -160.0], "the centre is normalised to -180");
        // 170° W is 10° east of the centre: a quarter of the width right of it.
        assert_eq!(v.cell_of(AREA, 0.0, -170.0), Some((150, 30)));
        assert_eq!(v.cell_of(AREA, 0.0, 170.0), Some((50, 30)));
        assert_eq!(v.cell_of(AREA, 0.0, 190.0), Some((150, 30)), "any finite longitude wraps");
    }

    #[test]
    fn zoom_is_clamped() {
        let v = Viewport::world();
        assert_eq!(v.zoomed(0.5).lon_span, 180.0);
        assert_eq!(v.zoomed(2.0).lon_span, MAX_LON_SPAN);
        assert_eq!(v.zoomed(1e-9).lon_span, MIN_LON_SPAN);
        assert_eq!(v.zoomed(0.0), v);
        assert_eq!(v.zoomed(-1.0), v);
        assert_eq!(v.zoomed(f64::NAN), v);
        let mut z = Viewport::around(50.0, 8.6);
        for _ in 0..100 {
            z = z.zoomed(0.5);
        }
        assert_eq!(z.lon_span, MIN_LON_SPAN);
        assert_eq!((z.center_lat, z.center_lon), (50.0, 8.6));
    }

    #[test]
    fn pan_is_clamped_and_wraps() {
        let v = Viewport { center_lon: 170.0, center_lat: 80.0, lon_span: 40.0 };
        let east = v.panned(0.5, 0.0);
        assert!((east.center_lon - -170.0).abs() < 1e-9, "{east:?}");
        let west = v.panned(-0.25, 0.0);
        assert!((west.center_lon - 160.0).abs() < 1e-9);
        assert_eq!(v.panned(0.0, 1.0).center_lat, MAX_CENTER_LAT);
        assert_eq!(v.panned(0.0, -100.0).center_lat, -MAX_CENTER_LAT);
        let south = v.panned(0.0, -0.5);
        assert!((south.center_lat - 70.0).abs() < 1e-9, "half of the 20° vertical screen: {south:?}");
        assert_eq!(v.panned(f64::NAN, f64::INFINITY), Viewport { center_lon: 170.0, ..v });
        for _ in 0..10 {
            let p = v.panned(123.4, 0.0);
            assert!((-180.0..180.0).contains(&p.center_lon));
        }
        assert_eq!(Viewport::around(89.0, 540.0), Viewport { center_lon: -180.0, center_lat: 85.0, lon_span: 8.0 });
        assert_eq!(Viewport::around(f64::NAN, f64::NAN).center_lat, 0.0);
    }

    #[test]
    fn wild_viewports_do_not_break_the_projection() {
        let v = Viewport { center_lon: f64::NAN, center_lat: f64::INFINITY, lon_span: -3.0 };
        let (x, y) = v.bounds(AREA);
        assert!(x.iter().chain(&y).all(|b| b.is_finite()));
        assert!(v.cell_of(AREA, 0.0, 0.0).is_some());
        let huge = Viewport { lon_span: 1e308, ..Viewport::world() };
        assert_eq!(huge.bounds(AREA).0, [-180.0, 180.0]);
    }

    #[test]
    fn wrap_lon_brings_longitudes_into_range() {
        assert_eq!(wrap_lon(0.0), 0.0);
        assert_eq!(wrap_lon(180.0), -180.0);
        assert_eq!(wrap_lon(-180.0), -180.0);
        assert_eq!(wrap_lon(190.0), -170.0);
        assert_eq!(wrap_lon(-190.0), 170.0);
        assert_eq!(wrap_lon(720.5), 0.5);
        assert!(wrap_lon(f64::NAN).is_nan());
    }
}
