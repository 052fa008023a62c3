//! What the drill-down reads compute without the database: an airport's local day in UTC, the
//! day's delay statistics, search text and callsigns taken apart.

use crate::model::{FlightLeg, FlightStatus, HourTraffic};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

/// A leg's scheduled departure may be this long before a position of it is observed…
pub const LEG_BEFORE_POSITION: chrono::Duration = chrono::Duration::hours(18);
/// …or this long after (a position at the gate before departure).
pub const LEG_AFTER_POSITION: chrono::Duration = chrono::Duration::hours(6);
/// Departures less late than this are on time.
pub const ON_TIME_MINUTES: f64 = 15.0;
/// No flight designator or callsign is longer; longer search text matches nothing.
const MAX_SEARCH_LEN: usize = 16;

/// Legs in the order of `flight_status_history`'s primary key (local date first: a batch's
/// legs fall on a few recent dates, so its rows go to a few neighbouring pages of the table
/// rather than all over it).
pub fn in_history_order(flights: &[FlightLeg]) -> Vec<&FlightLeg> {
    let mut sorted: Vec<&FlightLeg> = flights.iter().collect();
    sorted.sort_unstable_by(|a, b| {
        (a.key.dep_local_date, &a.key.carrier, &a.key.number, &a.key.origin).cmp(&(
            b.key.dep_local_date,
            &b.key.carrier,
            &b.key.number,
            &b.key.origin,
        ))
    });
    sorted
}

/// The local departure dates a leg scheduled within −18 h…+6 h of `t` can have: UTC offsets
/// run from −12 h to +14 h, so its local time is within −30 h…+20 h of `t`.
pub fn local_dates_near(t: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let day = t.date_naive();
    (day - chrono::Days::new(2), day + chrono::Days::new(1))
}

/// `[local midnight, next local midnight)` of `day` at an airport in `tz`, in UTC. A midnight
/// that does not exist (a zone that springs forward at 00:00) starts when the clocks jump.
pub fn local_day_utc(tz: Tz, day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let from = crate::clean::local_to_utc(tz, day.and_time(NaiveTime::MIN))?;
    let until = crate::clean::local_to_utc(tz, day.succ_opt()?.and_time(NaiveTime::MIN))?;
    Some((from, until))
}

/// One departure of an airport's day, as the statistics need it.
#[derive(Debug, Clone, PartialEq)]
pub struct DayDeparture {
    pub destination: String,
    pub destination_city: Option<String>,
    pub sched_dep: DateTime<Utc>,
    pub est_dep: Option<DateTime<Utc>>,
    pub act_dep: Option<DateTime<Utc>>,
    pub status: FlightStatus,
}

impl DayDeparture {
    /// Minutes late (0 when early), actual else estimated against the schedule; `None` while
    /// neither is known and for a cancelled leg, which has no delay.
    pub fn delay_minutes(&self) -> Option<f64> {
        if self.status == FlightStatus::Cancelled {
            return None;
        }
        let t = self.act_dep.or(self.est_dep)?;
        Some(((t - self.sched_dep).num_milliseconds() as f64 / 60_000.0).max(0.0))
    }
}

/// One arrival of an airport's day, as the statistics need it.
#[derive(Debug, Clone, PartialEq)]
pub struct DayArrival {
    pub sched_arr: Option<DateTime<Utc>>,
    pub sched_dep: DateTime<Utc>,
    pub est_arr: Option<DateTime<Utc>>,
    pub act_arr: Option<DateTime<Utc>>,
    pub status: FlightStatus,
}

impl DayArrival {
    /// Minutes late, as [`DayDeparture::delay_minutes`]; `None` also without a scheduled arrival.
    pub fn delay_minutes(&self) -> Option<f64> {
        if self.status == FlightStatus::Cancelled {
            return None;
        }
        let t = self.act_arr.or(self.est_arr)?;
        Some(((t - self.sched_arr?).num_milliseconds() as f64 / 60_000.0).max(0.0))
    }
}

/// The airport page's chart: legs per local hour, the late ones apart.
pub fn traffic_by_hour(tz: Tz, departures: &[DayDeparture], arrivals: &[DayArrival]) -> [HourTraffic; 24] {
    use chrono::Timelike;
    let hour = |t: DateTime<Utc>| t.with_timezone(&tz).hour() as usize;
    let late = |d: Option<f64>| d.is_some_and(|d| d >= ON_TIME_MINUTES);
    let mut hours = [HourTraffic::default(); 24];
    for d in departures {
        let h = &mut hours[hour(d.sched_dep)];
        h.departures += 1;
        h.delayed_departures += u32::from(late(d.delay_minutes()));
    }
    for a in arrivals {
        let h = &mut hours[hour(a.sched_arr.unwrap_or(a.sched_dep))];
        h.arrivals += 1;
        h.delayed_arrivals += u32::from(late(a.delay_minutes()));
    }
    hours
}

/// Departures and arrivals by status, in [`FlightStatus::ALL`]'s order, none-counts left out.
pub fn by_status(departures: &[DayDeparture], arrivals: &[DayArrival]) -> Vec<(FlightStatus, u32)> {
    let statuses = departures.iter().map(|d| d.status).chain(arrivals.iter().map(|a| a.status));
    let mut counts = [0u32; FlightStatus::ALL.len()];
    for s in statuses {
        if let Some(i) = FlightStatus::ALL.iter().position(|x| *x == s) {
            counts[i] += 1;
        }
    }
    FlightStatus::ALL.into_iter().zip(counts).filter(|(_, n)| *n > 0).collect()
}

/// What an airport's departures say: (on-time %, mean delay, top 5 destinations).
pub type DepartureSummary = (Option<f64>, Option<f64>, Vec<(String, Option<String>, u32)>);

pub fn summarize_departures(departures: &[DayDeparture]) -> DepartureSummary {
    let delays: Vec<f64> = departures.iter().filter_map(DayDeparture::delay_minutes).collect();
    let (on_time_pct, avg_delay) = if delays.is_empty() {
        (None, None)
    } else {
        let n = delays.len() as f64;
        let on_time = delays.iter().filter(|d| **d < ON_TIME_MINUTES).count() as f64;
        (Some(on_time * 100.0 / n), Some(delays.iter().sum::<f64>() / n))
    };
    let mut by_destination: std::collections::BTreeMap<&str, (Option<&str>, u32)> = Default::default();
    for d in departures {
        let e = by_destination.entry(d.destination.as_str()).or_insert((None, 0));
        e.0 = e.0.or(d.destination_city.as_deref());
        e.1 += 1;
    }
    let mut busiest: Vec<(String, Option<String>, u32)> =
        by_destination.into_iter().map(|(iata, (city, n))| (iata.to_string(), city.map(str::to_string), n)).collect();
    // Stable: equal counts keep the map's IATA order.
    busiest.sort_by_key(|b| std::cmp::Reverse(b.2));
    busiest.truncate(5);
    (on_time_pct, avg_delay, busiest)
}

/// `DLH400` → (`DLH`, `400`): an ICAO airline code and an all-digit number (leading zeros
/// dropped). Alphanumeric ATC callsigns (`DLH8MN`) name no flight number.
pub fn numeric_callsign(callsign: &str) -> Option<(&str, u32)> {
    let callsign = callsign.trim();
    if callsign.len() < 4 || !callsign.is_ascii() {
        return None;
    }
    let (icao, digits) = callsign.split_at(3);
    if !icao.chars().all(|c| c.is_ascii_uppercase()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((icao, digits.parse().ok().filter(|n| *n > 0)?))
}

/// The bound values of `FIND_FLIGHTS` for a search text, `None` when nothing can match.
#[derive(Debug, Clone, PartialEq)]
pub struct FlightSearch {
    /// Upper-cased, without spaces: the low end of the designator range.
    pub text: String,
    /// The high end of the designator range (`text` + the last code point).
    pub high: String,
    /// `text%`, escaped: designators and callsigns.
    pub prefix: String,
    /// The ICAO airline part: `DLH` exactly, or the escaped prefix of a text up to 3 characters.
    pub icao: String,
    /// The number part after the 3 ICAO characters, as a prefix (`%` when there is none).
    pub number: String,
}

impl FlightSearch {
    pub fn new(text: &str) -> Option<Self> {
        use super::drilldown_sql::like_escape;
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        if text.is_empty() || text.chars().count() > MAX_SEARCH_LEN {
            return None;
        }
        let prefix = format!("{}%", like_escape(&text));
        let (icao, number) = match text.char_indices().nth(3) {
            Some((at, _)) => (like_escape(&text[..at]), format!("{}%", like_escape(&text[at..]))),
            None => (prefix.clone(), "%".to_string()),
        };
        Some(Self { high: format!("{text}{}", char::MAX), text, prefix, icao, number })
    }
}

/// The bound values of `FIND_AIRPORTS`: (exact code, code prefix, lower-cased prefix,
/// lower-cased contains), `None` for blank text.
pub fn airport_search(text: &str) -> Option<(String, String, String, String)> {
    use super::drilldown_sql::like_escape;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let upper = text.to_uppercase();
    let code_prefix = format!("{}%", like_escape(&upper));
    let lower = like_escape(&text.to_lowercase());
    Some((upper, code_prefix, format!("{lower}%"), format!("%{lower}%")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
    }

    fn dep(dest: &str, delay: Option<i64>, status: FlightStatus) -> DayDeparture {
        DayDeparture {
            destination: dest.into(),
            destination_city: Some(format!("{dest} city")),
            sched_dep: at(10, 0),
            est_dep: None,
            act_dep: delay.map(|d| at(10, 0) + chrono::Duration::minutes(d)),
            status,
        }
    }

    #[test]
    fn frankfurt_local_day_in_utc() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let (from, until) = local_day_utc(chrono_tz::Europe::Berlin, d).unwrap();
        assert_eq!((from, until), (at(0, 0) - chrono::Duration::hours(1), at(23, 0)));
        // The autumn change: a 25-hour day.
        let d = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
        let (from, until) = local_day_utc(chrono_tz::Europe::Berlin, d).unwrap();
        assert_eq!((until - from).num_hours(), 25);
    }

    #[test]
    fn local_dates_around_a_position() {
        // Kiritimati (UTC+14) 6 hours after 23:59 UTC is two days on; Baker Island (UTC−12)
        // 18 hours before 00:00 UTC is two days back.
        let (first, last) = local_dates_near(at(0, 0));
        assert_eq!(
            (first, last),
            (NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
        );
        let kiritimati = (at(23, 59) + LEG_AFTER_POSITION).with_timezone(&chrono_tz::Pacific::Kiritimati).date_naive();
        assert_eq!(kiritimati, last);
        let baker = (at(0, 0) - LEG_BEFORE_POSITION).with_timezone(&chrono_tz::Etc::GMTPlus12).date_naive();
        assert_eq!(baker, first);
    }

    #[test]
    fn delays_and_destinations() {
        let deps = [
            dep("JFK", Some(-5), FlightStatus::Departed),
            dep("JFK", Some(14), FlightStatus::Departed),
            dep("MUC", Some(15), FlightStatus::Departed),
            dep("CDG", None, FlightStatus::Scheduled),
            dep("AMS", Some(60), FlightStatus::Cancelled),
        ];
        let (pct, avg, busiest) = summarize_departures(&deps);
        assert_eq!(pct, Some(200.0 / 3.0));
        assert_eq!(avg, Some((0.0 + 14.0 + 15.0) / 3.0));
        let names: Vec<(&str, u32)> = busiest.iter().map(|(d, _, n)| (d.as_str(), *n)).collect();
        assert_eq!(names, [("JFK", 2), ("AMS", 1), ("CDG", 1), ("MUC", 1)]);
        assert_eq!(summarize_departures(&[]), (None, None, vec![]));
    }

    #[test]
    fn callsigns_and_search_text() {
        assert_eq!(numeric_callsign("DLH0400"), Some(("DLH", 400)));
        assert_eq!(numeric_callsign("DLH8MN"), None);
        assert_eq!(numeric_callsign("DLH"), None);
        let s = FlightSearch::new(" dlh 4 ").unwrap();
        assert_eq!((s.text.as_str(), s.icao.as_str(), s.number.as_str()), ("DLH4", "DLH", "4%"));
        let s = FlightSearch::new("lh").unwrap();
        assert_eq!((s.prefix.as_str(), s.icao.as_str(), s.number.as_str()), ("LH%", "LH%", "%"));
        assert_eq!(FlightSearch::new("%_x").unwrap().prefix, "!%!_X%");
        assert_eq!(FlightSearch::new("  "), None);
        assert_eq!(
            airport_search(" Munich "),
            Some(("MUNICH".into(), "MUNICH%".into(), "munich%".into(), "%munich%".into()))
        );
    }
}
