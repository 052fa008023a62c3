//! An airline's day across the airports the warehouse knows: the airline view.

use super::{Airline, BoardRow, FlightStatus};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// Departures less late than this are on time (as on the airport page).
const ON_TIME_MINUTES: i64 = 15;
/// Routes the view names.
const BUSIEST_ROUTES: usize = 5;

/// One leg the airline operates, as the airline view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct AirlineLeg {
    /// By its departure: `other_airport` is the destination, times are the departure side's.
    pub row: BoardRow,
    /// The origin's zone, for the local times (`None` when the warehouse has no such airport).
    pub origin_tz: Option<Tz>,
}

/// The legs an airline operates with a local departure date of `day`, and what they add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct AirlineDay {
    pub airline: Airline,
    pub day: NaiveDate,
    /// First to depart first.
    pub legs: Vec<AirlineLeg>,
    pub cancelled: u32,
    /// Legs with a known delay (actual, else estimated departure against the schedule; a
    /// cancelled leg has none) under 15 minutes, as a percentage of those; `None` if none is known.
    pub on_time_pct: Option<f64>,
    /// Mean departure delay over the legs with a known delay (early counts as 0).
    pub avg_delay_minutes: Option<f64>,
    /// (origin, destination, legs): the top 5, ties by the codes.
    pub busiest_routes: Vec<(String, String, u32)>,
}

impl AirlineDay {
    /// The day's figures, from its legs.
    pub fn new(airline: Airline, day: NaiveDate, legs: Vec<AirlineLeg>) -> Self {
        let cancelled = legs.iter().filter(|l| l.row.status == FlightStatus::Cancelled).count();
        let delays: Vec<i64> = legs.iter().filter_map(|l| departure_delay(&l.row)).collect();
        let (on_time_pct, avg_delay_minutes) = if delays.is_empty() {
            (None, None)
        } else {
            let n = delays.len() as f64;
            let on_time = delays.iter().filter(|d| **d < ON_TIME_MINUTES).count() as f64;
            (Some(on_time * 100.0 / n), Some(delays.iter().sum::<i64>() as f64 / n))
        };
        let mut by_route: std::collections::BTreeMap<(&str, &str), u32> = Default::default();
        for l in &legs {
            *by_route.entry((l.row.key.origin.as_str(), l.row.other_airport.as_str())).or_default() += 1;
        }
        let mut busiest_routes: Vec<(String, String, u32)> =
            by_route.into_iter().map(|((from, to), n)| (from.to_string(), to.to_string(), n)).collect();
        // Stable: equal counts keep the map's order of the codes.
        busiest_routes.sort_by_key(|r| std::cmp::Reverse(r.2));
        busiest_routes.truncate(BUSIEST_ROUTES);
        Self {
            airline,
            day,
            legs,
            cancelled: u32::try_from(cancelled).unwrap_or(u32::MAX),
            on_time_pct,
            avg_delay_minutes,
            busiest_routes,
        }
    }
}

/// Whole minutes late (0 when early), actual else estimated; `None` while neither is known
/// and for a cancelled leg.
fn departure_delay(row: &BoardRow) -> Option<i64> {
    if row.status == FlightStatus::Cancelled {
        return None;
    }
    let t: DateTime<Utc> = row.actual.or(row.estimated)?;
    Some((t - row.scheduled).num_minutes().max(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FlightKey;
    use chrono::TimeZone;

    fn leg(number: &str, from: &str, to: &str, delay: Option<i64>, status: FlightStatus) -> AirlineLeg {
        let scheduled = Utc.with_ymd_and_hms(2026, 12, 3, 8, 0, 0).unwrap();
        AirlineLeg {
            row: BoardRow {
                key: FlightKey {
                    carrier: "LH".into(),
                    number: number.into(),
                    origin: from.into(),
                    dep_local_date: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
                },
                codeshares: vec![],
                airline: Some("Lufthansa".into()),
                other_airport: to.into(),
                other_city: None,
                scheduled,
                estimated: delay.map(|d| scheduled + chrono::Duration::minutes(d)),
                actual: None,
                terminal: None,
                gate: None,
                status,
            },
            origin_tz: Some(chrono_tz::Europe::Berlin),
        }
    }

    #[test]
    fn the_days_figures_come_from_its_legs() {
        let airline = Airline {
            iata: Some("LH".into()),
            icao: Some("DLH".into()),
            name: "Lufthansa".into(),
            callsign: None,
            country: None,
            active: true,
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let legs = vec![
            leg("400", "FRA", "JFK", Some(40), FlightStatus::Scheduled),
            leg("402", "FRA", "JFK", Some(-5), FlightStatus::Scheduled),
            leg("100", "FRA", "MUC", Some(10), FlightStatus::Departed),
            leg("101", "MUC", "FRA", Some(90), FlightStatus::Cancelled),
            leg("900", "FRA", "LHR", None, FlightStatus::Scheduled),
        ];
        let d = AirlineDay::new(airline, day, legs);
        assert_eq!(d.cancelled, 1);
        // Known delays: 40, 0 (early), 10; the cancelled leg has none, LH900 none known.
        assert_eq!(d.on_time_pct.map(|p| p.round()), Some(67.0));
        assert_eq!(d.avg_delay_minutes.map(|a| (a * 10.0).round() / 10.0), Some(16.7));
        assert_eq!(
            d.busiest_routes,
            vec![
                ("FRA".into(), "JFK".into(), 2),
                ("FRA".into(), "LHR".into(), 1),
                ("FRA".into(), "MUC".into(), 1),
                ("MUC".into(), "FRA".into(), 1)
            ]
        );
        let none = AirlineDay::new(d.airline.clone(), day, vec![]);
        assert_eq!((none.cancelled, none.on_time_pct, none.avg_delay_minutes), (0, None, None));
        assert!(none.busiest_routes.is_empty());
    }
}
