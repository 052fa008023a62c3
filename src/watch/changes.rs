//! What a watched flight's alerts compare, and the changes worth telling: another status,
//! another gate, a delay that moved by 15 minutes or more since it was last told.

use pipeline::model::{FlightKey, FlightLeg, FlightStatus};

/// A delay that moved less than this since it was last told is not news.
pub const DELAY_STEP_MINUTES: i64 = 15;

/// A watched flight as it was last told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub status: FlightStatus,
    pub dep_gate: Option<String>,
    pub arr_gate: Option<String>,
    /// Minutes late: the departure's (actual, else estimated) until the leg has left, then the
    /// arrival's when one is known. `None` while nothing beyond the schedule is known.
    pub delay: Option<i64>,
}

impl Observed {
    pub fn of(leg: &FlightLeg) -> Self {
        let departure = leg.act_dep.or(leg.est_dep).map(|t| (t - leg.sched_dep).num_minutes());
        let arrival = match (leg.act_arr.or(leg.est_arr), leg.sched_arr) {
            (Some(t), Some(s)) => Some((t - s).num_minutes()),
            _ => None,
        };
        let delay = if leg.status.is_airborne_or_done() { arrival.or(departure) } else { departure };
        Self { status: leg.status, dep_gate: leg.dep_gate.clone(), arr_gate: leg.arr_gate.clone(), delay }
    }

    /// Landed (by its status or an actual arrival time): a watch of it is over.
    pub fn landed(leg: &FlightLeg) -> bool {
        leg.status == FlightStatus::Landed || leg.act_arr.is_some()
    }
}

/// One change worth telling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Status {
        from: FlightStatus,
        to: FlightStatus,
    },
    /// The departure gate, or the arrival gate (`arrival`).
    Gate {
        arrival: bool,
        from: Option<String>,
        to: Option<String>,
    },
    Delay {
        from: Option<i64>,
        to: Option<i64>,
    },
}

/// The changes from `told` to `now`, and the state told after them: a delay that moved less
/// than [`DELAY_STEP_MINUTES`] is not told, and the delay told before stays the one compared.
pub fn changes(told: &Observed, now: &Observed) -> (Vec<Change>, Observed) {
    let mut out = Vec::new();
    if told.status != now.status {
        out.push(Change::Status { from: told.status, to: now.status });
    }
    if told.dep_gate != now.dep_gate {
        out.push(Change::Gate { arrival: false, from: told.dep_gate.clone(), to: now.dep_gate.clone() });
    }
    if told.arr_gate != now.arr_gate {
        out.push(Change::Gate { arrival: true, from: told.arr_gate.clone(), to: now.arr_gate.clone() });
    }
    let moved = (now.delay.unwrap_or(0) - told.delay.unwrap_or(0)).abs() >= DELAY_STEP_MINUTES;
    let delay = if moved {
        out.push(Change::Delay { from: told.delay, to: now.delay });
        now.delay
    } else {
        told.delay
    };
    (out, Observed { delay, ..now.clone() })
}

/// `LH 400`: a leg as alerts name it.
pub fn flight_name(key: &FlightKey) -> String {
    format!("{} {}", key.carrier, key.number)
}

/// `Boarding`: a status as people read it.
pub fn status_word(status: FlightStatus) -> &'static str {
    match status {
        FlightStatus::Scheduled => "Scheduled",
        FlightStatus::Boarding => "Boarding",
        FlightStatus::Departed => "Departed",
        FlightStatus::EnRoute => "En route",
        FlightStatus::Landed => "Landed",
        FlightStatus::Cancelled => "Cancelled",
        FlightStatus::Diverted => "Diverted",
        FlightStatus::Unknown => "Unknown",
    }
}

fn delay_text(d: Option<i64>) -> String {
    match d {
        Some(d) if d >= 0 => format!("+{d} min"),
        Some(d) => format!("{d} min"),
        None => "—".into(),
    }
}

impl Change {
    /// `Scheduled → Boarding`, `gate B44 → B46`, `delay +5 min → +25 min`.
    pub fn text(&self) -> String {
        let gate = |g: &Option<String>| g.clone().unwrap_or_else(|| "—".into());
        match self {
            Self::Status { from, to } => format!("{} → {}", status_word(*from), status_word(*to)),
            Self::Gate { arrival, from, to } => {
                let which = if *arrival { "arrival gate" } else { "gate" };
                format!("{which} {} → {}", gate(from), gate(to))
            }
            Self::Delay { from, to } => format!("delay {} → {}", delay_text(*from), delay_text(*to)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(status: FlightStatus, gate: Option<&str>, delay: Option<i64>) -> Observed {
        Observed { status, dep_gate: gate.map(str::to_string), arr_gate: None, delay }
    }

    #[test]
    fn status_gate_and_a_delay_of_fifteen_minutes_are_news_and_small_moves_are_not() {
        use FlightStatus::*;
        let told = seen(Scheduled, Some("B44"), Some(5));
        let (none, same) = changes(&told, &seen(Scheduled, Some("B44"), Some(19)));
        assert!(none.is_empty(), "14 minutes more is not news");
        assert_eq!(same.delay, Some(5), "the delay told stays the one compared");
        let (some, after) = changes(&same, &seen(Boarding, Some("B46"), Some(20)));
        assert_eq!(
            some,
            vec![
                Change::Status { from: Scheduled, to: Boarding },
                Change::Gate { arrival: false, from: Some("B44".into()), to: Some("B46".into()) },
                Change::Delay { from: Some(5), to: Some(20) },
            ]
        );
        assert_eq!(
            some.iter().map(Change::text).collect::<Vec<_>>(),
            ["Scheduled → Boarding", "gate B44 → B46", "delay +5 min → +20 min"]
        );
        assert_eq!(after, seen(Boarding, Some("B46"), Some(20)));
        // A first estimate 15 minutes late is news; an unknown delay counts as none.
        let (first, _) = changes(&seen(Scheduled, None, None), &seen(Scheduled, None, Some(15)));
        assert_eq!(first.iter().map(Change::text).collect::<Vec<_>>(), ["delay — → +15 min"]);
    }
}
