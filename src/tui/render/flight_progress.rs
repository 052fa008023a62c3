//! The flight page's progress bar: the share of the flight flown and the time to go, from the
//! latest position when it is fresh (the distance flown against the distance left, along the
//! great circle) or else from the times (actual, else expected, else scheduled).

use super::text::hm;
use crate::tui::state::age;
use chrono::{DateTime, Duration, Utc};
use pipeline::model::geo::great_circle_km;
use pipeline::model::{FlightDetail, FlightStatus};

/// A position older than this says nothing of where the flight is now.
const FRESH: Duration = Duration::minutes(15);

/// What the bar shows: the share flown (`None`: no bar) and the words beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub share: Option<f64>,
    pub text: String,
}

pub fn progress(d: &FlightDetail, now: DateTime<Utc>) -> Progress {
    let leg = &d.leg;
    let dest_tz = d.destination.as_ref().map_or(chrono_tz::UTC, |a| a.tz);
    let origin_tz = d.origin.as_ref().map_or(chrono_tz::UTC, |a| a.tz);
    let departure = leg.act_dep.or(leg.est_dep).unwrap_or(leg.sched_dep);
    let arrival = leg.act_arr.or(leg.est_arr).or(leg.sched_arr);
    match leg.status {
        FlightStatus::Cancelled => return Progress { share: None, text: "cancelled".into() },
        FlightStatus::Landed => {
            let at = leg.act_arr.map(|t| format!(" at {}", hm(t, dest_tz))).unwrap_or_default();
            return Progress { share: Some(1.0), text: format!("landed{at}") };
        }
        FlightStatus::Diverted => return Progress { share: None, text: "diverted".into() },
        _ => {}
    }
    let departed = leg.act_dep.is_some() || matches!(leg.status, FlightStatus::Departed | FlightStatus::EnRoute);
    if !departed {
        let text = if departure > now {
            format!("departs in {} ({})", age(departure, now), hm(departure, origin_tz))
        } else {
            format!("not departed yet (due {})", hm(departure, origin_tz))
        };
        return Progress { share: Some(0.0), text };
    }
    let to_go = |arrival: Option<DateTime<Utc>>| match arrival {
        Some(t) if t > now => format!("{} to go · arrives {}", age(t, now), hm(t, dest_tz)),
        Some(t) => format!("due {}", hm(t, dest_tz)),
        None => "arrival time unknown".to_string(),
    };
    if let (Some(p), Some(o), Some(dst)) = (&d.position, &d.origin, &d.destination)
        && now - p.observed_at <= FRESH
    {
        let flown = great_circle_km(o.lat, o.lon, p.lat, p.lon);
        let left = great_circle_km(p.lat, p.lon, dst.lat, dst.lon);
        if flown + left > 1.0 {
            let share = flown / (flown + left);
            return Progress { share: Some(share), text: format!("{} · {:.0} km left", to_go(arrival), left) };
        }
    }
    let share = arrival.filter(|a| *a > departure).map(|a| {
        let total = (a - departure).num_seconds() as f64;
        ((now - departure).num_seconds() as f64 / total).clamp(0.0, 1.0)
    });
    Progress { share, text: to_go(arrival) }
}

/// `[██████░░░░░░] 48%` in `width` cells between the brackets; pure ASCII with `ascii`.
pub fn bar(share: f64, width: usize, ascii: bool) -> String {
    let share = share.clamp(0.0, 1.0);
    let filled = (share * width as f64).round() as usize;
    let (on, off) = if ascii { ('#', '-') } else { ('█', '░') };
    format!("[{}{}] {:>3.0}%", on.to_string().repeat(filled), off.to_string().repeat(width - filled), share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use pipeline::model::{Airport, FlightKey, FlightLeg, Position};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
    }

    fn airport(code: &str, lat: f64, lon: f64) -> Airport {
        Airport {
            iata: Some(code.into()),
            icao: None,
            name: code.into(),
            city: None,
            country: "XX".into(),
            lat,
            lon,
            tz: chrono_tz::UTC,
            elevation_ft: None,
        }
    }

    fn detail(status: FlightStatus, act_dep: Option<DateTime<Utc>>, position: Option<Position>) -> FlightDetail {
        let leg = FlightLeg {
            key: FlightKey {
                carrier: "LH".into(),
                number: "1".into(),
                origin: "AAA".into(),
                dep_local_date: at(0, 0).date_naive(),
            },
            destination: "BBB".into(),
            sched_dep: at(10, 0),
            est_dep: None,
            act_dep,
            sched_arr: Some(at(12, 0)),
            est_arr: None,
            act_arr: None,
            dep_terminal: None,
            dep_gate: None,
            arr_terminal: None,
            arr_gate: None,
            status,
            source_status: None,
            aircraft_type: None,
            registration: None,
            source: "lufthansa".into(),
            lake_key: String::new(),
            observed_at: at(9, 0),
        };
        FlightDetail {
            leg,
            origin: Some(airport("AAA", 0.0, 0.0)),
            destination: Some(airport("BBB", 0.0, 10.0)),
            codeshares: Vec::new(),
            status_history: Vec::new(),
            position,
        }
    }

    #[test]
    fn from_the_times_half_way_is_half_the_bar() {
        let p = progress(&detail(FlightStatus::EnRoute, Some(at(10, 0)), None), at(11, 0));
        assert_eq!(p.share, Some(0.5));
        assert_eq!(p.text, "1h00m to go · arrives 12:00");
        assert_eq!(bar(0.5, 10, false), "[█████░░░░░]  50%");
        assert_eq!(bar(0.5, 10, true), "[#####-----]  50%");
    }

    #[test]
    fn a_fresh_position_says_more_than_the_times() {
        let mut position = Position {
            icao24: "3c0001".into(),
            callsign: None,
            flight_iata: Some("LH1".into()),
            registration: None,
            aircraft_type: None,
            origin: None,
            destination: None,
            lat: 0.0,
            lon: 7.5,
            altitude_m: Some(11_000.0),
            ground_speed_kmh: None,
            heading: None,
            vertical_rate_ms: None,
            on_ground: Some(false),
            squawk: None,
            source: "opensky".into(),
            observed_at: at(10, 55),
            lake_key: String::new(),
        };
        let p = progress(&detail(FlightStatus::EnRoute, Some(at(10, 0)), Some(position.clone())), at(11, 0));
        assert!((p.share.unwrap() - 0.75).abs() < 1e-6, "{p:?}");
        assert_eq!(p.text, "1h00m to go · arrives 12:00 · 278 km left", "{p:?}");
        // An hour-old position does not count: the times do.
        position.observed_at = at(9, 50);
        let p = progress(&detail(FlightStatus::EnRoute, Some(at(10, 0)), Some(position)), at(11, 0));
        assert_eq!(p.share, Some(0.5));
    }

    #[test]
    fn before_departure_after_landing_and_cancelled() {
        let waiting = progress(&detail(FlightStatus::Scheduled, None, None), at(9, 20));
        assert_eq!((waiting.share, waiting.text.as_str()), (Some(0.0), "departs in 40m (10:00)"));
        let landed = progress(&detail(FlightStatus::Landed, Some(at(10, 0)), None), at(13, 0));
        assert_eq!(landed.share, Some(1.0));
        let cancelled = progress(&detail(FlightStatus::Cancelled, None, None), at(9, 0));
        assert_eq!((cancelled.share, cancelled.text.as_str()), (None, "cancelled"));
    }
}
