//! Great circles: the shortest path between two airports, as a polyline to draw on the map.

use super::viewport::wrap_lon;

/// `points` positions `(lat, lon)` along the great circle from `from` to `to` (both `(lat, lon)`
/// in degrees), evenly spaced by spherical linear interpolation, both ends included.
///
/// The longitudes are *unwrapped*: each differs from the previous one by less than 180°, so a
/// route across the date line continues past ±180° (Tokyo → San Francisco runs from 139.8° to
/// 237.6°) instead of jumping across the whole map. The first longitude is in -180..180;
/// [`super::render_map`] draws such polylines correctly, other users can wrap each longitude
/// with [`wrap_lon`] and split where consecutive ones differ by more than 180°.
///
/// Empty when `points` is 0 or an end is not a valid position (not finite, latitude outside
/// ±90°); one point (`from`) when `points` is 1. For antipodes any of the great circles is taken.
pub fn great_circle(from: (f64, f64), to: (f64, f64), points: usize) -> Vec<(f64, f64)> {
    if points == 0 || !valid(from) || !valid(to) {
        return Vec::new();
    }
    let first = (from.0, wrap_lon(from.1));
    if points == 1 {
        return vec![first];
    }
    let a = unit(from);
    let b = unit(to);
    let cos = dot(a, b).clamp(-1.0, 1.0);
    // The part of b perpendicular to a, and the angle between them.
    let ortho = sub(b, scale(a, cos));
    let sin = norm(ortho);
    let (u, omega) = if sin > 1e-12 {
        (scale(ortho, 1.0 / sin), sin.atan2(cos))
    } else if cos > 0.0 {
        // The same place: every point is `from`.
        return vec![first; points];
    } else {
        (perpendicular(a), std::f64::consts::PI)
    };
    let mut out = Vec::with_capacity(points);
    out.push(first);
    let mut prev_lon = first.1;
    let last = (points - 1) as f64;
    for i in 1..points {
        let t = omega * i as f64 / last;
        let p = add(scale(a, t.cos()), scale(u, t.sin()));
        let (lat, lon) = if i == points - 1 { to } else { to_lat_lon(p) };
        let lon = prev_lon + wrap_lon(lon - prev_lon);
        out.push((lat, lon));
        prev_lon = lon;
    }
    out
}

fn valid((lat, lon): (f64, f64)) -> bool {
    lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat)
}

type V3 = [f64; 3];

fn unit((lat, lon): (f64, f64)) -> V3 {
    let (lat, lon) = (lat.to_radians(), lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn to_lat_lon(p: V3) -> (f64, f64) {
    let lat = p[2].clamp(-1.0, 1.0).asin().to_degrees();
    let lon = p[1].atan2(p[0]).to_degrees();
    (lat, lon)
}

/// Some unit vector perpendicular to `a` (for antipodes, where the great circle is not unique).
fn perpendicular(a: V3) -> V3 {
    // Cross with the axis `a` is least aligned with.
    let axis = if a[2].abs() < 0.9 { [0.0, 0.0, 1.0] } else { [1.0, 0.0, 0.0] };
    let c = [a[1] * axis[2] - a[2] * axis[1], a[2] * axis[0] - a[0] * axis[2], a[0] * axis[1] - a[1] * axis[0]];
    scale(c, 1.0 / norm(c))
}

fn dot(a: V3, b: V3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn add(a: V3, b: V3) -> V3 {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}

fn sub(a: V3, b: V3) -> V3 {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn scale(a: V3, k: f64) -> V3 {
    [a[0] * k, a[1] * k, a[2] * k]
}

fn norm(a: V3) -> f64 {
    dot(a, a).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRA: (f64, f64) = (50.0333, 8.5706);
    const JFK: (f64, f64) = (40.6398, -73.7789);
    const HND: (f64, f64) = (35.5494, 139.7798);
    const SFO: (f64, f64) = (37.6189, -122.3750);

    fn max_lon_step(route: &[(f64, f64)]) -> f64 {
        route.windows(2).map(|w| (w[1].1 - w[0].1).abs()).fold(0.0, f64::max)
    }

    #[test]
    fn frankfurt_to_new_york_bends_north() {
        let route = great_circle(FRA, JFK, 101);
        assert_eq!(route.len(), 101);
        assert_eq!(route[0], FRA);
        assert_eq!(route[100], JFK);
        let mid = route[50];
        assert!(mid.0 > 50.0 && mid.0 > FRA.0 && mid.0 > JFK.0, "midpoint {mid:?}");
        assert!(mid.1 < FRA.1 && mid.1 > JFK.1, "midpoint {mid:?}");
        assert!(max_lon_step(&route) < 5.0);
    }

    #[test]
    fn tokyo_to_san_francisco_crosses_the_date_line_without_a_jump() {
        let route = great_circle(HND, SFO, 64);
        assert_eq!(route.len(), 64);
        assert!(max_lon_step(&route) < 180.0, "a segment spans the whole map");
        assert!(max_lon_step(&route) < 5.0);
        // It goes east across the Pacific (past 180°), not west across Asia and the Atlantic.
        assert!(route.windows(2).all(|w| w[1].1 > w[0].1));
        assert!(route.iter().any(|p| p.1 > 180.0));
        let last = route[63];
        assert_eq!(last.0, SFO.0);
        assert!((wrap_lon(last.1) - SFO.1).abs() < 1e-9);
        let northmost = route.iter().map(|p| p.0).fold(f64::MIN, f64::max);
        assert!(northmost > 45.0, "the great circle bows towards the pole: {northmost}");
        // And back: starts at 237.6° = -122.4°, wrapped, and goes west.
        let back = great_circle(SFO, HND, 64);
        assert!(max_lon_step(&back) < 5.0);
        assert!(back.windows(2).all(|w| w[1].1 < w[0].1));
    }

    #[test]
    fn points_lie_on_the_sphere_and_are_evenly_spaced() {
        let route = great_circle(FRA, SFO, 11);
        let d: Vec<f64> = route.windows(2).map(|w| dot(unit(w[0]), unit(w[1])).acos()).collect();
        for step in &d {
            assert!((step - d[0]).abs() < 1e-9, "{d:?}");
        }
        assert!(route.iter().all(|p| (-90.0..=90.0).contains(&p.0)));
    }

    #[test]
    fn degenerate_inputs() {
        assert!(great_circle(FRA, JFK, 0).is_empty());
        assert_eq!(great_circle(FRA, JFK, 1), vec![FRA]);
        assert_eq!(great_circle(FRA, JFK, 2), vec![FRA, JFK]);
        assert_eq!(great_circle(FRA, FRA, 3), vec![FRA; 3]);
        assert!(great_circle((f64::NAN, 0.0), JFK, 10).is_empty());
        assert!(great_circle(FRA, (0.0, f64::INFINITY), 10).is_empty());
        assert!(great_circle((91.0, 0.0), JFK, 10).is_empty());
        assert_eq!(great_circle((10.0, 370.0), (10.0, 10.0), 2)[0], (10.0, 10.0));
        // Antipodes: some great circle, through finite points, half the globe long.
        let route = great_circle((10.0, 20.0), (-10.0, -160.0), 9);
        assert_eq!(route.len(), 9);
        assert!(route.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        assert!(max_lon_step(&route) < 180.0);
        let poles = great_circle((90.0, 0.0), (-90.0, 0.0), 5);
        assert!(poles.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        assert!((poles[2].0).abs() < 1e-9, "via the equator: {poles:?}");
    }
}
