//! My flights in the front end: the watched legs (`w` toggles, `W` lists them), their latest
//! rows from the warehouse, and the alerts their changes raise — shown in the status bar for
//! a while and handed to the app loop, which rings the bell (and notifies the desktop when
//! configured). What counts as a change is [`crate::watch::changes`]'s.

use crate::watch::changes::{Observed, changes, flight_name};
use pipeline::model::{FlightDetail, FlightKey};
use std::collections::HashMap;

/// Seconds (clock ticks of the front end: real seconds, whatever the demo's speed) an alert
/// stays in the status bar.
pub const ALERT_TICKS: u8 = 20;

/// One alert: which flight, what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// `LH 400`.
    pub flight: String,
    /// `Scheduled → Boarding, gate B44 → B46`.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Watching {
    /// The watched legs, in the order they were added.
    pub flights: Vec<FlightKey>,
    /// Their latest rows with their airports, once loaded (a leg the warehouse does not hold
    /// has none).
    pub legs: HashMap<FlightKey, FlightDetail>,
    /// What was last told of each (changes are told against it).
    told: HashMap<FlightKey, Observed>,
    /// The status bar's alert and the ticks it has left.
    pub alert: Option<(Alert, u8)>,
    /// Alerts for the app loop to send to the terminal (the bell, a notification).
    pub outbox: Vec<Alert>,
}

impl Watching {
    pub fn new(flights: Vec<FlightKey>) -> Self {
        Self { flights, ..Self::default() }
    }

    pub fn is_watched(&self, key: &FlightKey) -> bool {
        self.flights.contains(key)
    }

    /// Watches the leg, or stops watching it; returns whether it is watched now.
    pub fn toggle(&mut self, key: &FlightKey) -> bool {
        if let Some(i) = self.flights.iter().position(|k| k == key) {
            self.flights.remove(i);
            self.legs.remove(key);
            self.told.remove(key);
            false
        } else {
            self.flights.push(key.clone());
            true
        }
    }

    /// The watched legs' rows as the warehouse holds them now: a leg seen before whose status,
    /// gate or delay changed raises an alert; one seen for the first time only sets what is told.
    pub fn receive(&mut self, rows: Vec<(FlightKey, Option<Box<FlightDetail>>)>) -> bool {
        let mut changed = false;
        for (key, leg) in rows {
            if !self.is_watched(&key) {
                continue;
            }
            let Some(leg) = leg else {
                changed |= self.legs.remove(&key).is_some();
                continue;
            };
            let now = Observed::of(&leg.leg);
            let told = match self.told.get(&key) {
                None => now,
                Some(before) => {
                    let (news, told) = changes(before, &now);
                    if !news.is_empty() {
                        let text = news.iter().map(|c| c.text()).collect::<Vec<_>>().join(", ");
                        let alert = Alert { flight: flight_name(&key), text };
                        self.outbox.push(alert.clone());
                        self.alert = Some((alert, ALERT_TICKS));
                        changed = true;
                    }
                    told
                }
            };
            self.told.insert(key.clone(), told);
            changed |= self.legs.get(&key) != Some(leg.as_ref());
            self.legs.insert(key, *leg);
        }
        changed
    }

    /// A second of the front end's clock: the status bar's alert ages; whether it went.
    pub fn tick(&mut self) -> bool {
        match &mut self.alert {
            Some((_, 0 | 1)) => {
                self.alert = None;
                true
            }
            Some((_, left)) => {
                *left -= 1;
                false
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use pipeline::model::{FlightLeg, FlightStatus};

    fn leg(status: FlightStatus, gate: &str) -> Option<Box<FlightDetail>> {
        let leg = FlightLeg {
            key: FlightKey {
                carrier: "LH".into(),
                number: "400".into(),
                origin: "FRA".into(),
                dep_local_date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            },
            destination: "JFK".into(),
            sched_dep: Utc.with_ymd_and_hms(2026, 12, 2, 9, 55, 0).unwrap(),
            est_dep: None,
            act_dep: None,
            sched_arr: None,
            est_arr: None,
            act_arr: None,
            dep_terminal: None,
            dep_gate: Some(gate.into()),
            arr_terminal: None,
            arr_gate: None,
            status,
            source_status: None,
            aircraft_type: None,
            registration: None,
            source: "lufthansa".into(),
            lake_key: String::new(),
            observed_at: Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap(),
        };
        let detail = FlightDetail {
            leg,
            codeshares: vec![],
            origin: None,
            destination: None,
            status_history: vec![],
            position: None,
        };
        Some(Box::new(detail))
    }

    #[test]
    fn a_change_of_a_watched_leg_alerts_once_and_the_alert_ages_out() {
        let first = leg(FlightStatus::Scheduled, "B44");
        let key = first.as_ref().unwrap().leg.key.clone();
        let mut w = Watching::default();
        assert!(w.toggle(&key));
        assert!(w.receive(vec![(key.clone(), first.clone())]), "the row arrived");
        assert!(w.outbox.is_empty() && w.alert.is_none(), "first sight tells nothing");
        assert!(!w.receive(vec![(key.clone(), first)]), "the same row again");
        w.receive(vec![(key.clone(), leg(FlightStatus::Boarding, "B46"))]);
        let alert = Alert { flight: "LH 400".into(), text: "Scheduled → Boarding, gate B44 → B46".into() };
        assert_eq!(w.outbox, vec![alert.clone()]);
        assert_eq!(w.alert, Some((alert, ALERT_TICKS)));
        for _ in 1..ALERT_TICKS {
            assert!(!w.tick());
        }
        assert!(w.tick(), "gone after its ticks");
        assert!(w.alert.is_none());
        assert!(!w.toggle(&key), "w again stops watching");
        assert!(!w.receive(vec![(key, leg(FlightStatus::Departed, "B46"))]), "an unwatched leg is ignored");
    }
}
