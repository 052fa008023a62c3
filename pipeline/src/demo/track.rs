//! Where a simulated flight is between take-off and landing: along the great circle, with a
//! climb, a cruise and a descent. Ground speed follows a trapezoid (slow after take-off and before
//! landing, cruise speed in between) scaled so the flight covers exactly its distance in its
//! airborne time; altitude climbs and descends linearly to a cruise level that grows with the
//! distance.

use super::geo::great_circle_km;
use chrono::{DateTime, Utc};

/// Share of cruise speed right after take-off and right before touch-down.
const EDGE_SPEED: f64 = 0.3;
/// Longest climb and descent, in minutes.
const CLIMB_MINUTES: f64 = 20.0;
const DESCENT_MINUTES: f64 = 25.0;

/// One airborne leg: where from and to, and when the wheels leave and touch the ground.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leg {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub takeoff: DateTime<Utc>,
    pub landing: DateTime<Utc>,
}

/// What a transponder would report at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    pub lat: f64,
    pub lon: f64,
    pub altitude_m: f64,
    pub ground_speed_kmh: f64,
    /// True track, degrees clockwise from north.
    pub heading: f64,
    pub vertical_rate_ms: f64,
}

impl Leg {
    pub fn distance_km(&self) -> f64 {
        great_circle_km(self.from.0, self.from.1, self.to.0, self.to.1)
    }

    fn minutes(&self) -> f64 {
        (self.landing - self.takeoff).num_seconds() as f64 / 60.0
    }

    /// Climb and descent lengths in minutes: shorter on short flights.
    fn phases(&self) -> (f64, f64) {
        let d = self.minutes();
        (CLIMB_MINUTES.min(0.3 * d), DESCENT_MINUTES.min(0.35 * d))
    }

    /// Cruise altitude in metres: about FL200 on a short hop, FL370 on long flights.
    pub fn cruise_altitude_m(&self) -> f64 {
        (2_500.0 + self.distance_km() * 11.0).min(11_300.0)
    }

    /// Relative speed (1 = cruise) `t` minutes after take-off.
    fn speed_shape(&self, t: f64) -> f64 {
        let d = self.minutes();
        let (c, e) = self.phases();
        if t < c {
            EDGE_SPEED + (1.0 - EDGE_SPEED) * t / c
        } else if t > d - e {
            EDGE_SPEED + (1.0 - EDGE_SPEED) * (d - t) / e
        } else {
            1.0
        }
    }

    /// The integral of [`speed_shape`](Self::speed_shape) from take-off to `t` minutes.
    fn shape_integral(&self, t: f64) -> f64 {
        let d = self.minutes();
        let (c, e) = self.phases();
        let k = (1.0 - EDGE_SPEED) / 2.0;
        if t < c {
            EDGE_SPEED * t + k * t * t / c
        } else if t <= d - e {
            (EDGE_SPEED + k) * c + (t - c)
        } else {
            let u = t - (d - e);
            (EDGE_SPEED + k) * c + (d - e - c) + u - k * u * u / e
        }
    }

    /// Cruise ground speed in km/h.
    pub fn cruise_speed_kmh(&self) -> f64 {
        let total = self.shape_integral(self.minutes());
        if total <= 0.0 { 0.0 } else { self.distance_km() / total * 60.0 }
    }

    /// The aircraft's report at `now`, or `None` while it is on the ground.
    pub fn fix_at(&self, now: DateTime<Utc>) -> Option<Fix> {
        if now < self.takeoff || now >= self.landing || self.minutes() <= 0.0 {
            return None;
        }
        let d = self.minutes();
        let t = (now - self.takeoff).num_milliseconds() as f64 / 60_000.0;
        let fraction = (self.shape_integral(t) / self.shape_integral(d)).clamp(0.0, 1.0);
        let (lat, lon) = intermediate(self.from, self.to, fraction);
        let (c, e) = self.phases();
        let cruise = self.cruise_altitude_m();
        let (altitude_m, vertical_rate_ms) = if t < c {
            (cruise * t / c, cruise / (c * 60.0))
        } else if t > d - e {
            (cruise * (d - t) / e, -cruise / (e * 60.0))
        } else {
            (cruise, 0.0)
        };
        Some(Fix {
            lat,
            lon,
            altitude_m,
            ground_speed_kmh: self.cruise_speed_kmh() * self.speed_shape(t),
            heading: bearing((lat, lon), self.to).unwrap_or_else(|| bearing(self.from, self.to).unwrap_or(0.0)),
            vertical_rate_ms,
        })
    }
}

/// The point a `fraction` of the way along the great circle from `a` to `b` (degrees).
pub fn intermediate(a: (f64, f64), b: (f64, f64), fraction: f64) -> (f64, f64) {
    let (p1, l1, p2, l2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let delta = great_circle_km(a.0, a.1, b.0, b.1) / 6371.0;
    if delta < 1e-9 {
        return a;
    }
    let wa = ((1.0 - fraction) * delta).sin() / delta.sin();
    let wb = (fraction * delta).sin() / delta.sin();
    let x = wa * p1.cos() * l1.cos() + wb * p2.cos() * l2.cos();
    let y = wa * p1.cos() * l1.sin() + wb * p2.cos() * l2.sin();
    let z = wa * p1.sin() + wb * p2.sin();
    (z.atan2((x * x + y * y).sqrt()).to_degrees(), y.atan2(x).to_degrees())
}

/// Initial great-circle bearing from `a` to `b`, degrees in `[0, 360)`; `None` when they meet.
pub fn bearing(a: (f64, f64), b: (f64, f64)) -> Option<f64> {
    if great_circle_km(a.0, a.1, b.0, b.1) < 0.01 {
        return None;
    }
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dl = (b.1 - a.1).to_radians();
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    Some(y.atan2(x).to_degrees().rem_euclid(360.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    const FRA: (f64, f64) = (50.0264, 8.54313);
    const JFK: (f64, f64) = (40.6398, -73.7789);

    fn leg(minutes: i64) -> Leg {
        let takeoff = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
        Leg { from: FRA, to: JFK, takeoff, landing: takeoff + Duration::minutes(minutes) }
    }

    #[test]
    fn starts_at_the_origin_ends_at_the_destination_and_heads_west() {
        let l = leg(500);
        let first = l.fix_at(l.takeoff).unwrap();
        assert!((first.lat - FRA.0).abs() < 1e-6 && (first.lon - FRA.1).abs() < 1e-6);
        assert_eq!(first.altitude_m, 0.0);
        let last = l.fix_at(l.landing - Duration::seconds(1)).unwrap();
        assert!(great_circle_km(last.lat, last.lon, JFK.0, JFK.1) < 2.0);
        assert!(last.altitude_m < 50.0);
        let mid = l.fix_at(l.takeoff + Duration::minutes(250)).unwrap();
        assert!((250.0..330.0).contains(&mid.heading), "heading {}", mid.heading);
        assert_eq!(mid.altitude_m, l.cruise_altitude_m());
        assert_eq!(mid.vertical_rate_ms, 0.0);
        assert!((700.0..1_000.0).contains(&mid.ground_speed_kmh), "{}", mid.ground_speed_kmh);
        assert!(l.fix_at(l.landing).is_none() && l.fix_at(l.takeoff - Duration::seconds(1)).is_none());
    }

    #[test]
    fn the_distance_covered_matches_the_speed_reported() {
        let l = leg(500);
        let mut prev = l.fix_at(l.takeoff).unwrap();
        let mut covered = 0.0;
        for s in (10..500 * 60).step_by(10) {
            let f = l.fix_at(l.takeoff + Duration::seconds(s)).unwrap();
            let km = great_circle_km(prev.lat, prev.lon, f.lat, f.lon);
            let allowed = prev.ground_speed_kmh.max(f.ground_speed_kmh) / 360.0;
            assert!(km <= allowed * 1.01 + 1e-6, "at {s} s: {km} km in 10 s at {allowed} km per 10 s");
            covered += km;
            prev = f;
        }
        assert!((covered - l.distance_km()).abs() < 5.0, "{covered} vs {}", l.distance_km());
    }

    #[test]
    fn short_hops_stay_lower_and_across_the_date_line_the_track_is_continuous() {
        let hop = Leg { to: (48.3538, 11.7861), ..leg(55) };
        assert!(hop.cruise_altitude_m() < 7_000.0);
        let pacific = Leg { from: (35.5494, 139.78), to: (21.3187, -157.922), ..leg(420) };
        let mut prev = pacific.fix_at(pacific.takeoff).unwrap();
        for m in 1..420 {
            let f = pacific.fix_at(pacific.takeoff + Duration::minutes(m)).unwrap();
            assert!((-180.0..=180.0).contains(&f.lon));
            assert!(great_circle_km(prev.lat, prev.lon, f.lat, f.lon) < 20.0, "minute {m}");
            prev = f;
        }
    }
}
