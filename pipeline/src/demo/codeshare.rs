//! Codeshares as the group sells them: Lufthansa-group flights carry the numbers of the group's
//! other airlines and of Star Alliance partners (LH400 FRA–JFK is also UA and AC), Lufthansa
//! sells the flights of its own group airlines (Swiss, Austrian, Brussels, Air Dolomiti) as LH,
//! and partners' flights at a group hub carry the hub airline's four-digit number (LH6xxx–LH9xxx
//! at Frankfurt and Munich, LX at Zurich, OS at Vienna, SN at Brussels).

use super::carriers::{flies, hub_carrier, is_group, is_star_partner};
use super::geo::great_circle_km;
use super::hash::stable_hash;
use super::schedule::{Marketing, Service};
use crate::reference::Reference;
use std::collections::{HashMap, HashSet};

/// The most marketing numbers one flight carries besides its own.
const MAX_CODESHARES: usize = 6;

/// Star partners that sell the group's flights to and from a country (their home market).
fn home_partners(country: &str) -> &'static [&'static str] {
    match country {
        "US" => &["UA", "AC"],
        "CA" => &["AC", "UA"],
        "MX" | "PA" => &["CM", "UA"],
        "CO" | "EC" | "PE" | "CR" | "SV" | "GT" => &["AV"],
        "BR" | "AR" => &["TP", "UA"],
        "JP" => &["NH"],
        "CN" => &["CA"],
        "HK" | "TW" => &["BR"],
        "KR" => &["OZ"],
        "IN" => &["AI"],
        "TH" => &["TG"],
        "SG" | "MY" | "ID" => &["SQ"],
        "AU" | "NZ" => &["NZ", "SQ"],
        "ZA" | "NA" => &["SA"],
        "ET" | "KE" | "NG" | "GH" | "TZ" => &["ET"],
        "EG" => &["MS"],
        "TR" => &["TK"],
        "GR" | "CY" => &["A3"],
        "PT" => &["TP"],
        "PL" => &["LO"],
        "HR" => &["OU"],
        "DK" | "SE" | "NO" => &["SK"],
        _ => &[],
    }
}

/// Long-haul partners that sell seats on the group's European flights to connect their own
/// passengers through the hubs.
const FEEDING_PARTNERS: [&str; 12] = ["UA", "AC", "NH", "SQ", "TG", "ET", "AI", "OZ", "CA", "SA", "BR", "NZ"];

/// The range of a marketing carrier's codeshare numbers: four digits, clear of the numbers the
/// world gives operated flights (100–5999).
fn number_range(carrier: &str) -> (u32, u32) {
    match carrier {
        "UA" => (8800, 9999),
        "AC" => (9000, 9999),
        _ => (6000, 9999),
    }
}

/// The marketing carriers of one flight, besides its operator, in the order they are listed.
fn marketing_carriers(s: &Service, reference: &Reference, seed: &str) -> Vec<&'static str> {
    let (Some(from), Some(to)) = (reference.airport(&s.origin), reference.airport(&s.destination)) else {
        return Vec::new();
    };
    let h = stable_hash(&[seed, &s.carrier, &s.number, "codeshare"]);
    let chance = |i: u32, percent: u64| (h >> (i * 7)) % 100 < percent;
    let mut out: Vec<&'static str> = Vec::new();
    let hub_end = if hub_carrier(&s.origin).is_some() { &s.origin } else { &s.destination };
    if is_group(&s.carrier) {
        // The group parent sells its airlines' flights.
        let parent = match s.carrier.as_str() {
            "WK" => Some(("LX", 60)),
            "EW" | "4Y" => Some(("LH", 40)),
            "EN" | "CL" => Some(("LH", 100)),
            "LH" => None,
            _ => Some(("LH", 70)),
        };
        if let Some((p, percent)) = parent
            && chance(0, percent)
        {
            out.push(p);
        }
        // Between two hubs, the other hub's airline sells the flight too.
        for end in [&s.origin, &s.destination] {
            if let Some(c) = hub_carrier(end)
                && c != s.carrier
                && chance(1, 80)
            {
                out.push(c);
            }
        }
        let far = if hub_end == &s.origin { to } else { from };
        for (i, p) in home_partners(&far.country).iter().enumerate() {
            if chance(2 + i as u32, 80) {
                out.push(p);
            }
        }
        let km = great_circle_km(from.lat, from.lon, to.lat, to.lon);
        let hub_to_hub = hub_carrier(&s.origin).is_some() && hub_carrier(&s.destination).is_some();
        let feeders = match (h >> 40) % 20 {
            _ if km >= 4000.0 => (h >> 40) % 2,
            0..5 => 0,
            5..10 => 1,
            10..16 => 2,
            _ => 3,
        } + if hub_to_hub { 2 } else { 0 };
        let start = (h >> 48) as usize % FEEDING_PARTNERS.len();
        out.extend(FEEDING_PARTNERS.iter().cycle().skip(start).take(feeders as usize));
    } else if is_star_partner(&s.carrier)
        && let Some(c) = hub_carrier(hub_end)
        && chance(0, 85)
    {
        out.push(c);
    }
    let mut seen = HashSet::new();
    out.retain(|c| *c != s.carrier && flies(reference, c) && seen.insert(*c));
    out.truncate(MAX_CODESHARES);
    out
}

/// Gives every service its codeshares. `taken` holds the numbers in use per carrier (the
/// operated flights'); each marketing number is unique per carrier and stable for a seed.
pub fn assign_codeshares(
    services: &mut [Service],
    reference: &Reference,
    seed: &str,
    taken: &mut HashMap<String, HashSet<u32>>,
) {
    for s in services.iter_mut() {
        let mut codeshares = Vec::new();
        for m in marketing_carriers(s, reference, seed) {
            let (lo, hi) = number_range(m);
            let span = hi - lo + 1;
            let used = taken.entry(m.to_string()).or_default();
            let start = (stable_hash(&[seed, &s.carrier, &s.number, m]) % u64::from(span)) as u32;
            // The first free number from a seeded start; none when the range is full.
            if let Some(n) = (0..span).map(|i| lo + (start + i) % span).find(|n| !used.contains(n)) {
                used.insert(n);
                codeshares.push(Marketing { carrier: m.to_string(), number: n.to_string() });
            }
        }
        s.codeshares = codeshares;
    }
}
