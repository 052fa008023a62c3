use super::carriers::{current_airport, flies, is_group};
use super::codeshare::assign_codeshares;
use super::frequency::daily_frequency;
use super::geo::great_circle_km;
use super::hash::stable_hash;
use crate::clean::local_to_utc;
use crate::reference::{Reference, Route};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct WorldSettings {
    pub seed: u64,
    /// The airports the world is built around (every route touching one is flown).
    pub hubs: Vec<String>,
}

impl Default for WorldSettings {
    fn default() -> Self {
        Self { seed: 42, hubs: super::HUBS.iter().map(|s| s.to_string()).collect() }
    }
}

/// A daily scheduled service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub carrier: String,
    pub number: String,
    pub origin: String,
    pub destination: String,
    /// Departure, local time at the origin.
    pub dep_local: NaiveTime,
    pub block_minutes: i64,
    pub aircraft: Option<String>,
    /// The other flight numbers the service is sold under, in the order they are listed.
    pub codeshares: Vec<Marketing>,
}

/// A marketing flight number of a service operated by another carrier (a codeshare).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marketing {
    pub carrier: String,
    pub number: String,
}

/// One service on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlightInstance<'a> {
    pub service: &'a Service,
    pub date: NaiveDate,
    pub sched_dep: DateTime<Utc>,
    pub sched_arr: DateTime<Utc>,
}

/// The demo's timetable, built deterministically from the OpenFlights routes and the seed.
#[derive(Debug)]
pub struct DemoWorld {
    pub settings: WorldSettings,
    services: Vec<Service>,
    by_airport: HashMap<String, Vec<usize>>,
    /// Where a flight to an airport diverts: the nearest other airport of the world.
    alternates: HashMap<String, String>,
    reference: &'static Reference,
}

impl DemoWorld {
    pub fn new(settings: WorldSettings, reference: &'static Reference, routes: &[Route]) -> Self {
        let hubs: HashSet<&str> = settings.hubs.iter().map(String::as_str).collect();
        let seed = settings.seed.to_string();
        let mut seen = HashSet::new();
        let mut numbers: HashMap<String, HashSet<u32>> = HashMap::new();
        let mut services = Vec::new();
        for r in routes {
            // Austrian's Vienna routes are all marked codeshare in the 2017 data: Tyrolean flew
            // them under OS numbers until it merged into Austrian in 2015; Austrian flies them
            // now. (Elsewhere OS sells others' flights: FRA–GRZ is Lufthansa's.)
            let austrian_at_home = r.airline == "OS" && (r.origin == "VIE" || r.destination == "VIE");
            if (r.codeshare && !austrian_at_home) || r.stops > 0 || !flies(reference, &r.airline) {
                continue;
            }
            let (origin, destination) = (current_airport(&r.origin), current_airport(&r.destination));
            if !(hubs.contains(origin) || hubs.contains(destination)) || origin == destination {
                continue;
            }
            let (Some(from), Some(to)) = (reference.airport(origin), reference.airport(destination)) else {
                continue;
            };
            if !seen.insert((r.airline.clone(), origin.to_string(), destination.to_string())) {
                continue;
            }
            let km = great_circle_km(from.lat, from.lon, to.lat, to.lon);
            let h = stable_hash(&[&seed, &r.airline, origin, destination]);
            // The same number of flights each way: the pick hashes the airport pair unordered.
            let (a, b) = if origin < destination { (origin, destination) } else { (destination, origin) };
            let frequency = daily_frequency(&r.airline, from, to, km, stable_hash(&[&seed, &r.airline, a, b]));
            let block_minutes = ((km / 780.0 * 60.0 + 30.0) / 5.0).round() as i64 * 5;
            // 06:00 to 22:55 in five-minute steps, spread over the frequencies; a group carrier
            // leaving its hub does so in one of the hub's departure banks.
            let slots = 17 * 12;
            let first = (h >> 8) % slots;
            let banked = is_group(&r.airline) && hubs.contains(origin);
            for k in 0..frequency {
                let slot = (first + u64::from(k) * slots / u64::from(frequency)) % slots;
                let minutes = if banked { bank_minutes(slot) } else { 6 * 60 + slot as u32 * 5 };
                let Some(dep_local) = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0) else {
                    continue;
                };
                // Operated flights are numbered 100–5999; codeshares take four digits above.
                let taken = numbers.entry(r.airline.clone()).or_default();
                let mut n = 100 + ((h >> 20) as u32 + k * 7) % 5900;
                while !taken.insert(n) {
                    n = if n >= 5999 { 100 } else { n + 1 };
                }
                services.push(Service {
                    carrier: r.airline.clone(),
                    number: n.to_string(),
                    origin: origin.to_string(),
                    destination: destination.to_string(),
                    dep_local,
                    block_minutes,
                    aircraft: r.equipment.first().cloned(),
                    codeshares: Vec::new(),
                });
            }
        }
        assign_codeshares(&mut services, reference, &seed, &mut numbers);
        let mut by_airport: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in services.iter().enumerate() {
            by_airport.entry(s.origin.clone()).or_default().push(i);
            if s.destination != s.origin {
                by_airport.entry(s.destination.clone()).or_default().push(i);
            }
        }
        let alternates = alternates(&by_airport, reference);
        Self { settings, services, by_airport, alternates, reference }
    }

    /// The airports the world's flights touch.
    pub fn airports(&self) -> impl Iterator<Item = &str> {
        self.by_airport.keys().map(String::as_str)
    }

    /// Where a flight bound for `destination` diverts to (never back to its `origin`).
    pub fn alternate(&self, destination: &str, origin: &str) -> Option<String> {
        self.alternates.get(destination).filter(|a| a.as_str() != origin).cloned()
    }

    /// Every flight with a scheduled departure in `[from, to)`, in departure order.
    pub fn departing_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<FlightInstance<'_>> {
        let mut out = Vec::new();
        for s in &self.services {
            let Some(tz) = self.reference.airport(&s.origin).map(|a| a.tz) else {
                continue;
            };
            let first = (from - Duration::days(1)).with_timezone(&tz).date_naive();
            let last = (to + Duration::days(1)).with_timezone(&tz).date_naive();
            for date in first.iter_days().take_while(|d| *d <= last) {
                if let Some(f) = self.instance(s, date)
                    && f.sched_dep >= from
                    && f.sched_dep < to
                {
                    out.push(f);
                }
            }
        }
        out.sort_by(|a, b| {
            a.sched_dep
                .cmp(&b.sched_dep)
                .then_with(|| a.service.carrier.cmp(&b.service.carrier))
                .then_with(|| a.service.number.cmp(&b.service.number))
        });
        out
    }

    /// The default world: embedded reference data, the five hubs, seed 42.
    pub fn embedded(seed: u64) -> Self {
        Self::new(
            WorldSettings { seed, ..WorldSettings::default() },
            Reference::embedded(),
            Reference::embedded_routes(),
        )
    }

    pub fn services(&self) -> &[Service] {
        &self.services
    }

    pub fn reference(&self) -> &'static Reference {
        self.reference
    }

    /// The service on a given origin-local date.
    pub fn instance<'a>(&self, service: &'a Service, date: NaiveDate) -> Option<FlightInstance<'a>> {
        let tz = self.reference.airport(&service.origin)?.tz;
        let sched_dep = local_to_utc(tz, date.and_time(service.dep_local))?;
        Some(FlightInstance {
            service,
            date,
            sched_dep,
            sched_arr: sched_dep + Duration::minutes(service.block_minutes),
        })
    }

    /// Flights departing from (or arriving at) `airport` with a scheduled UTC time in `[from, to)`.
    pub fn flights_at(
        &self,
        airport: &str,
        departures: bool,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<FlightInstance<'_>> {
        let Some(ids) = self.by_airport.get(airport) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for &i in ids {
            let s = &self.services[i];
            if (departures && s.origin != airport) || (!departures && s.destination != airport) {
                continue;
            }
            let Some(tz) = self.reference.airport(&s.origin).map(|a| a.tz) else {
                continue;
            };
            // Long flights arriving today may have left yesterday: look a day either side.
            let first = (from - Duration::days(1)).with_timezone(&tz).date_naive();
            let last = (to + Duration::days(1)).with_timezone(&tz).date_naive();
            for date in first.iter_days().take_while(|d| *d <= last) {
                if let Some(f) = self.instance(s, date) {
                    let t = if departures { f.sched_dep } else { f.sched_arr };
                    if t >= from && t < to {
                        out.push(f);
                    }
                }
            }
        }
        out.sort_by(|a, b| {
            let (ta, tb) = if departures { (a.sched_dep, b.sched_dep) } else { (a.sched_arr, b.sched_arr) };
            ta.cmp(&tb)
                .then_with(|| a.service.carrier.cmp(&b.service.carrier))
                .then_with(|| a.service.number.cmp(&b.service.number))
        });
        out
    }
}

/// Hub departure banks: seven waves from 06:30 to 21:00, each an hour of departures.
const BANKS: [u32; 7] = [6 * 60 + 30, 8 * 60 + 45, 11 * 60, 13 * 60 + 15, 15 * 60 + 30, 17 * 60 + 45, 20 * 60];

/// A slot's departure time (minutes after midnight) inside one of the banks.
fn bank_minutes(slot: u64) -> u32 {
    BANKS[(slot % BANKS.len() as u64) as usize] + ((slot / BANKS.len() as u64) % 12) as u32 * 5
}

/// For each airport, the nearest other airport of the world at least 30 km away.
fn alternates(by_airport: &HashMap<String, Vec<usize>>, reference: &Reference) -> HashMap<String, String> {
    let mut codes: Vec<&String> = by_airport.keys().collect();
    codes.sort();
    let mut out = HashMap::new();
    for a in &codes {
        let Some(here) = reference.airport(a) else { continue };
        let nearest = codes
            .iter()
            .filter(|b| *b != a)
            .filter_map(|b| reference.airport(b).map(|x| (great_circle_km(here.lat, here.lon, x.lat, x.lon), *b)))
            .filter(|(km, _)| *km >= 30.0)
            .min_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((_, b)) = nearest {
            out.insert((*a).clone(), (*b).clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn world_is_deterministic_and_busy_at_the_hubs() {
        let a = DemoWorld::embedded(42);
        let b = DemoWorld::embedded(42);
        assert_eq!(a.services(), b.services());
        assert_ne!(a.services(), DemoWorld::embedded(7).services());
        let from = Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap();
        let fra = a.flights_at("FRA", true, from, from + Duration::days(1));
        assert!(fra.len() > 200, "FRA departures/day: {}", fra.len());
        // Group departures from a hub come in banks: busy hours and quiet ones.
        let mut by_hour = [0u32; 24];
        for f in &fra {
            if is_group(&f.service.carrier) {
                let local = f.sched_dep.with_timezone(&chrono_tz::Europe::Berlin);
                by_hour[chrono::Timelike::hour(&local) as usize] += 1;
            }
        }
        let busiest = *by_hour.iter().max().unwrap();
        let quiet_daytime = by_hour[7..21].iter().filter(|n| **n * 3 < busiest).count();
        assert!(quiet_daytime >= 2, "banks leave quiet hours between them: {by_hour:?}");
        // Flight numbers are unique per carrier.
        let mut seen = HashSet::new();
        for s in a.services() {
            assert!(seen.insert((s.carrier.clone(), s.number.clone())), "duplicate {}{}", s.carrier, s.number);
        }
    }
}
