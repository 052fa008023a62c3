//! The map's leg lookup without the database: the candidate legs of every flight number on the
//! map, read in one set-based query (`drilldown_sql::MAP_LEGS`), matched to each position here.

use super::drilldown_rules::{LEG_AFTER_POSITION, LEG_BEFORE_POSITION, local_dates_near};
use crate::model::{FlightStatus, Position};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// A position's fields the map's reads leave out (`drilldown_sql::map_columns`): `None`, and an
/// empty lake key; the rest is filled in by the read (`..not_on_the_map()`).
pub(super) fn not_on_the_map() -> Position {
    Position {
        icao24: String::new(),
        callsign: None,
        flight_iata: None,
        registration: None,
        aircraft_type: None,
        origin: None,
        destination: None,
        lat: 0.0,
        lon: 0.0,
        altitude_m: None,
        ground_speed_kmh: None,
        heading: None,
        vertical_rate_ms: None,
        on_ground: None,
        squawk: None,
        source: String::new(),
        observed_at: chrono::DateTime::UNIX_EPOCH,
        lake_key: String::new(),
    }
}

/// One leg that may be a map position's: scheduled departure, origin (the tie-break) and status.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateLeg {
    pub sched_dep: DateTime<Utc>,
    pub origin: String,
    pub status: FlightStatus,
}

/// What the candidate query reads for a set of observation times: the local departure dates
/// (the index range) and the scheduled departures (−18 h before the earliest observation … +6 h
/// after the newest). `None` without observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateWindow {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub sched_from: DateTime<Utc>,
    pub sched_until: DateTime<Utc>,
}

impl CandidateWindow {
    pub fn around(observed: impl IntoIterator<Item = DateTime<Utc>>) -> Option<Self> {
        let mut observed = observed.into_iter();
        let first = observed.next()?;
        let (earliest, newest) = observed.fold((first, first), |(lo, hi), t| (lo.min(t), hi.max(t)));
        Some(Self {
            first_day: local_dates_near(earliest).0,
            last_day: local_dates_near(newest).1,
            sched_from: earliest - LEG_BEFORE_POSITION,
            sched_until: newest + LEG_AFTER_POSITION,
        })
    }
}

/// The candidate legs by flight designator (`LH400`).
#[derive(Debug, Default)]
pub struct CandidateLegs {
    // SipHash, the standard hasher, was a tenth of the whole map read for 20,000 lookups.
    by_designator: HashMap<String, Vec<CandidateLeg>, foldhash::fast::RandomState>,
}

impl CandidateLegs {
    pub fn add(&mut self, designator: String, leg: CandidateLeg) {
        self.by_designator.entry(designator).or_default().push(leg);
    }

    /// The status of the leg `designator` names scheduled nearest to `observed_at` within
    /// −18 h…+6 h of it (ties: the earlier departure, then the origin), as `Warehouse::map_positions`
    /// documents it.
    pub fn status_for(&self, designator: &str, observed_at: DateTime<Utc>) -> Option<FlightStatus> {
        let legs = self.by_designator.get(designator)?;
        legs.iter()
            .filter(|l| {
                l.sched_dep >= observed_at - LEG_BEFORE_POSITION && l.sched_dep <= observed_at + LEG_AFTER_POSITION
            })
            .min_by(|a, b| {
                let key = |l: &CandidateLeg| ((l.sched_dep - observed_at).abs(), l.sched_dep);
                key(a).cmp(&key(b)).then_with(|| a.origin.cmp(&b.origin))
            })
            .map(|l| l.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn t(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap() + Duration::hours(h)
    }

    fn leg(h: i64, origin: &str, status: FlightStatus) -> CandidateLeg {
        CandidateLeg { sched_dep: t(h), origin: origin.into(), status }
    }

    #[test]
    fn the_nearest_leg_within_the_window_wins() {
        let mut legs = CandidateLegs::default();
        legs.add("LH600".into(), leg(-10, "FRA", FlightStatus::Landed));
        legs.add("LH600".into(), leg(13, "FRA", FlightStatus::Departed));
        legs.add("LH601".into(), leg(14, "MUC", FlightStatus::Scheduled));
        assert_eq!(legs.status_for("LH600", t(14)), Some(FlightStatus::Departed));
        // 17 h after the first and 8 h before the second: the first (the second is too far ahead).
        assert_eq!(legs.status_for("LH600", t(5)), Some(FlightStatus::Landed));
        // 19 h after the second: out of reach.
        assert_eq!(legs.status_for("LH600", t(32)), None);
        assert_eq!(legs.status_for("LH602", t(14)), None);
    }

    #[test]
    fn ties_go_to_the_earlier_departure_then_the_origin() {
        let mut legs = CandidateLegs::default();
        legs.add("LH7".into(), leg(12, "MUC", FlightStatus::Departed));
        legs.add("LH7".into(), leg(8, "MUC", FlightStatus::Landed));
        assert_eq!(legs.status_for("LH7", t(10)), Some(FlightStatus::Landed));
        legs.add("LH8".into(), leg(8, "MUC", FlightStatus::Departed));
        legs.add("LH8".into(), leg(8, "FRA", FlightStatus::Cancelled));
        assert_eq!(legs.status_for("LH8", t(10)), Some(FlightStatus::Cancelled));
    }

    #[test]
    fn the_window_spans_every_observation() {
        assert_eq!(CandidateWindow::around([]), None);
        let w = CandidateWindow::around([t(14), t(10), t(12)]).unwrap();
        assert_eq!(w.sched_from, t(10) - Duration::hours(18));
        assert_eq!(w.sched_until, t(14) + Duration::hours(6));
        assert_eq!((w.first_day, w.last_day), (local_dates_near(t(10)).0, local_dates_near(t(14)).1));
    }
}
