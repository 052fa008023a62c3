use super::hash::stable_hash;
use super::identity::{Identity, identity};
use super::schedule::{DemoWorld, FlightInstance};
use super::track::Leg;
use chrono::{DateTime, Duration, Utc};

/// Minutes from off-block to take-off.
pub const TAXI_OUT_MINUTES: i64 = 10;
/// Boarding starts this long before off-block.
const BOARDING_MINUTES: i64 = 35;
/// Estimates are published this long before the scheduled departure.
const ESTIMATES_HOURS: i64 = 3;

/// Where a flight is in its day, in the only order it moves through: a status never goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Scheduled,
    Boarding,
    /// Off-block, taxiing out.
    Departed,
    EnRoute,
    /// Heading for (or landed at) another airport than planned.
    Diverted,
    Landed,
    Cancelled,
}

/// What is known about a flight at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlightProgress {
    pub phase: Phase,
    pub cancelled: bool,
    /// Where a diverted flight goes instead (known from half-way on; the plan is fixed).
    pub diverted_to: Option<String>,
    /// Actual departure (off-block) delay in minutes, negative when early.
    pub dep_delay: i64,
    /// Actual arrival (touch-down) delay in minutes.
    pub arr_delay: i64,
    /// The delays published now: they start from a guess and settle on the actual one.
    pub est_dep_delay: i64,
    pub est_arr_delay: i64,
    /// Estimates are published three hours before departure.
    pub estimates_known: bool,
    pub departed: bool,
    pub landed: bool,
    pub act_dep: DateTime<Utc>,
    pub act_arr: DateTime<Utc>,
    pub takeoff: DateTime<Utc>,
    pub dep_terminal: String,
    pub dep_gate: String,
    pub arr_terminal: String,
    pub arr_gate: String,
    pub identity: Identity,
}

impl FlightProgress {
    /// The airport the aircraft actually flies to.
    pub fn bound_for<'a>(&'a self, f: &'a FlightInstance<'_>) -> &'a str {
        self.diverted_to.as_deref().unwrap_or(&f.service.destination)
    }
}

/// The state of one flight at `now`: delays follow the spread measured at FRA (about 54% on
/// time, 36% delayed, 8% early, 2% cancelled); about 4 in 1,000 flights divert.
pub fn progress_at(world: &DemoWorld, f: &FlightInstance<'_>, now: DateTime<Utc>) -> FlightProgress {
    let s = f.service;
    let date = f.date.to_string();
    let seed = world.settings.seed.to_string();
    let h = stable_hash(&[&seed, &s.carrier, &s.number, &date]);
    let u = h % 1000;
    let h2 = (h >> 12) % 1000;
    let dep_delay = match u {
        0..20 => 0,
        20..100 => -(1 + (h2 % 10) as i64),
        100..640 => (h2 % 5) as i64,
        _ => 5 + (h2 * h2 * 115 / 1_000_000) as i64,
    };
    let arr_delay = dep_delay + ((h >> 24) % 21) as i64 - 10;
    let cancelled = u < 20;
    let h3 = stable_hash(&[&seed, &s.carrier, &s.number, &date, "diversion"]);
    let diverted_to = (!cancelled && h3 % 1000 < 4).then(|| world.alternate(&s.destination, &s.origin)).flatten();
    let act_dep = f.sched_dep + Duration::minutes(dep_delay);
    let planned_arr = f.sched_arr + Duration::minutes(arr_delay);
    // A diversion adds a detour; the arrival is at the alternate.
    let act_arr = if diverted_to.is_some() { planned_arr + Duration::minutes(20) } else { planned_arr };
    let takeoff = act_dep + Duration::minutes(TAXI_OUT_MINUTES);
    let halfway = takeoff + (act_arr - takeoff) / 2;

    // Estimates: first a guess off by up to -8..+12 minutes, closing in on the actual delay.
    let left = |until: DateTime<Utc>, span_minutes: i64| {
        ((until - now).num_seconds() as f64 / (span_minutes as f64 * 60.0)).clamp(0.0, 1.0)
    };
    let drift_dep = ((h >> 44) % 21) as i64 - 8;
    let drift_arr = ((h >> 52) % 21) as i64 - 8;
    let est_dep_delay = dep_delay + (drift_dep as f64 * left(act_dep, ESTIMATES_HOURS * 60)).round() as i64;
    let est_arr_delay =
        arr_delay + (drift_arr as f64 * left(act_arr, s.block_minutes + ESTIMATES_HOURS * 60)).round() as i64;

    let phase = if cancelled {
        Phase::Cancelled
    } else if now >= act_arr && diverted_to.is_none() {
        Phase::Landed
    } else if diverted_to.is_some() && now >= halfway {
        Phase::Diverted
    } else if now >= takeoff {
        Phase::EnRoute
    } else if now >= act_dep {
        Phase::Departed
    } else if now >= act_dep - Duration::minutes(BOARDING_MINUTES) {
        Phase::Boarding
    } else {
        Phase::Scheduled
    };
    let (dep_terminal, dep_gate) = gate(&s.origin, h >> 30);
    let (arr_terminal, arr_gate) = gate(&s.destination, h >> 40);
    FlightProgress {
        phase,
        cancelled,
        diverted_to,
        dep_delay,
        arr_delay,
        est_dep_delay,
        est_arr_delay,
        estimates_known: !cancelled && now >= f.sched_dep - Duration::hours(ESTIMATES_HOURS),
        departed: !cancelled && now >= act_dep,
        landed: !cancelled && now >= act_arr,
        act_dep,
        act_arr,
        takeoff,
        dep_terminal,
        dep_gate,
        arr_terminal,
        arr_gate,
        identity: identity(world, f, stable_hash(&[&seed, &s.carrier, &s.number, &date, "aircraft"])),
    }
}

/// The airborne part of a flight, if both ends are known airports.
pub fn airborne_leg(world: &DemoWorld, f: &FlightInstance<'_>, p: &FlightProgress) -> Option<Leg> {
    if p.cancelled {
        return None;
    }
    let from = world.reference().airport(&f.service.origin)?;
    let to = world.reference().airport(p.bound_for(f))?;
    Some(Leg { from: (from.lat, from.lon), to: (to.lat, to.lon), takeoff: p.takeoff, landing: p.act_arr })
}

fn gate(airport: &str, h: u64) -> (String, String) {
    let (terminal, piers): (&str, &[char]) = match airport {
        "FRA" if h.is_multiple_of(3) => ("2", &['D', 'E']),
        "FRA" => ("1", &['A', 'B', 'C', 'Z']),
        "MUC" if h.is_multiple_of(4) => ("1", &['B', 'C']),
        "MUC" => ("2", &['G', 'H', 'K', 'L']),
        "ZRH" => ("1", &['A', 'B', 'D', 'E']),
        "VIE" => ("3", &['C', 'D', 'F', 'G']),
        "BRU" => ("1", &['A', 'B']),
        _ => (["1", "2", "3"][(h % 3) as usize], &['A', 'B', 'C']),
    };
    let pier = piers[((h >> 4) % piers.len() as u64) as usize];
    (terminal.to_string(), format!("{pier}{}", 1 + (h >> 8) % 60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DemoWorld;
    use chrono::TimeZone;

    #[test]
    fn delay_spread_matches_frankfurt() {
        let world = DemoWorld::embedded(42);
        let day = Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap();
        let mut n = 0;
        let (mut on_time, mut late, mut early, mut cancelled) = (0, 0, 0, 0);
        for d in 0..7 {
            let from = day + Duration::days(d);
            for ap in crate::demo::HUBS {
                for f in world.flights_at(ap, true, from, from + Duration::days(1)) {
                    let p = progress_at(&world, &f, from);
                    n += 1;
                    match p.dep_delay {
                        _ if p.cancelled => cancelled += 1,
                        ..0 => early += 1,
                        0..5 => on_time += 1,
                        _ => late += 1,
                    }
                }
            }
        }
        let pct = |x: i32| f64::from(x) * 100.0 / f64::from(n);
        assert!((50.0..58.0).contains(&pct(on_time)), "on time {}", pct(on_time));
        assert!((32.0..40.0).contains(&pct(late)), "late {}", pct(late));
        assert!((6.0..10.0).contains(&pct(early)), "early {}", pct(early));
        assert!((1.0..3.5).contains(&pct(cancelled)), "cancelled {}", pct(cancelled));
    }

    #[test]
    fn a_flight_progresses_and_its_estimates_settle() {
        let world = DemoWorld::embedded(42);
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let f = world
            .services()
            .iter()
            .filter(|s| s.origin == "FRA")
            .filter_map(|s| world.instance(s, date))
            .find(|f| {
                let p = progress_at(&world, f, f.sched_dep);
                !p.cancelled && p.diverted_to.is_none() && p.est_dep_delay != p.dep_delay
            })
            .expect("a flight whose first estimate is off");
        let before = progress_at(&world, &f, f.sched_dep - Duration::hours(5));
        assert!(!before.estimates_known && !before.departed && before.phase == Phase::Scheduled);
        let early_guess = progress_at(&world, &f, f.sched_dep - Duration::minutes(90));
        let at_gate = progress_at(&world, &f, early_guess.act_dep - Duration::minutes(1));
        assert!(early_guess.estimates_known);
        assert!((at_gate.est_dep_delay - at_gate.dep_delay).abs() <= 1, "estimates close in on the actual");
        let after = progress_at(&world, &f, f.sched_arr + Duration::hours(3));
        assert!(after.departed && after.landed && after.phase == Phase::Landed);
        assert_eq!(after.est_arr_delay, after.arr_delay);
        assert!(after.act_arr > after.act_dep);
    }
}
