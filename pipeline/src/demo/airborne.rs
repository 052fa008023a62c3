//! The aircraft in the simulated sky at one instant: every flight between take-off and landing,
//! plus those that touched down in the last few minutes (still rolling out and taxiing in).

use super::schedule::{DemoWorld, FlightInstance};
use super::state::{FlightProgress, airborne_leg, progress_at};
use super::track::Fix;
use chrono::{DateTime, Duration, Utc};

/// How long a landed aircraft is still reported (on the ground).
const LANDED_VISIBLE_MINUTES: i64 = 10;

pub struct Aircraft<'w> {
    pub flight: FlightInstance<'w>,
    pub progress: FlightProgress,
    /// `None` on the ground after landing.
    pub fix: Option<Fix>,
    /// Where it is (the destination once landed).
    pub lat: f64,
    pub lon: f64,
}

/// Every aircraft flying (or just landed) at `now`, ordered by ICAO address.
pub fn aircraft_at(world: &DemoWorld, now: DateTime<Utc>) -> Vec<Aircraft<'_>> {
    // Departures up to a day back cover the longest flights with their delays.
    let candidates = world.departing_between(now - Duration::hours(22), now + Duration::minutes(1));
    let mut out = Vec::new();
    for flight in candidates {
        let progress = progress_at(world, &flight, now);
        if progress.cancelled || now < progress.takeoff {
            continue;
        }
        let Some(leg) = airborne_leg(world, &flight, &progress) else { continue };
        if let Some(fix) = leg.fix_at(now) {
            out.push(Aircraft { lat: fix.lat, lon: fix.lon, fix: Some(fix), flight, progress });
        } else if now < progress.act_arr + Duration::minutes(LANDED_VISIBLE_MINUTES) {
            out.push(Aircraft { lat: leg.to.0, lon: leg.to.1, fix: None, flight, progress });
        }
    }
    out.sort_by(|a, b| {
        a.progress
            .identity
            .icao24
            .cmp(&b.progress.identity.icao24)
            .then_with(|| a.flight.sched_dep.cmp(&b.flight.sched_dep))
    });
    out
}

/// `(south, west, north, east)` in degrees; a box across the date line has `west > east`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl GeoBox {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        let in_lon = if self.west <= self.east {
            (self.west..=self.east).contains(&lon)
        } else {
            lon >= self.west || lon <= self.east
        };
        (self.south..=self.north).contains(&lat) && in_lon
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::great_circle_km;
    use crate::demo::state::Phase;
    use chrono::TimeZone;
    use std::collections::{HashMap, HashSet};

    /// One simulated day, polled every five minutes.
    #[test]
    fn a_simulated_day_is_busy_continuous_and_in_order() {
        let world = DemoWorld::embedded(42);
        let day = Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap();
        let flights = world.departing_between(day, day + Duration::days(1));
        let mut airports = HashSet::new();
        let mut carriers = HashSet::new();
        for f in &flights {
            airports.insert(f.service.origin.clone());
            airports.insert(f.service.destination.clone());
            carriers.insert(f.service.carrier.clone());
        }
        assert!(flights.len() >= 2_500, "{} flights a day", flights.len());
        assert!(airports.len() >= 30, "{} airports", airports.len());
        assert!(carriers.iter().any(|c| !["LH", "LX", "OS", "SN", "EW", "EN", "4Y", "WK"].contains(&c.as_str())));

        let step = Duration::minutes(5);
        type FlightKey = (String, String, chrono::NaiveDate);
        type Seen = (DateTime<Utc>, f64, f64, Phase);
        let mut last: HashMap<FlightKey, Seen> = HashMap::new();
        let mut peak = 0;
        let mut t = day;
        while t < day + Duration::days(1) {
            let sky = aircraft_at(&world, t);
            peak = peak.max(sky.iter().filter(|a| a.fix.is_some()).count());
            // Every aircraft has its own ICAO address (positions are keyed by it).
            let addresses: HashSet<&str> = sky.iter().map(|a| a.progress.identity.icao24.as_str()).collect();
            assert!(
                addresses.len() * 100 >= sky.len() * 99,
                "{} addresses for {} aircraft",
                addresses.len(),
                sky.len()
            );
            for a in &sky {
                let key = (a.flight.service.carrier.clone(), a.flight.service.number.clone(), a.flight.date);
                if let Some((t0, lat0, lon0, phase0)) = last.get(&key) {
                    let hours = (t - *t0).num_seconds() as f64 / 3600.0;
                    let km = great_circle_km(*lat0, *lon0, a.lat, a.lon);
                    assert!(km <= 1_100.0 * hours + 1.0, "{key:?} moved {km:.0} km in {hours} h");
                    assert!(a.progress.phase >= *phase0, "{key:?} went from {phase0:?} to {:?}", a.progress.phase);
                }
                if a.progress.landed {
                    assert!(a.progress.act_arr > a.progress.act_dep);
                }
                last.insert(key, (t, a.lat, a.lon, a.progress.phase));
            }
            t += step;
        }
        eprintln!("simulated day: {} flights, {} airports, peak {peak} airborne", flights.len(), airports.len());
        assert!(peak >= 300, "peak airborne {peak}");
    }
}
