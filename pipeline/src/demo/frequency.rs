//! How many times a day a carrier flies a route, each way. Trunk routes between the group's hubs
//! and the big domestic and European cities are shuttles; other short-haul routes fly a few
//! times a day, long-haul daily. (Real 2024 timetables, rounded: FRA–MUC about a dozen daily
//! Lufthansa flights each way, FRA–BER and FRA–HAM about nine, ZRH–GVA six.)

use super::carriers::is_group;
use crate::model::Airport;

/// Group trunk routes (either direction) and daily flights each way per group carrier on them.
/// All of them are in the 2017 `routes.dat` (FRA–MUC as `LH,3320,FRA,340,MUC,346`), Berlin as
/// TXL, which the world moves to BER.
const GROUP_TRUNKS: [(&str, &str, u32); 22] = [
    ("FRA", "MUC", 12),
    ("FRA", "BER", 9),
    ("FRA", "HAM", 9),
    ("FRA", "DUS", 5),
    ("MUC", "BER", 10),
    ("MUC", "HAM", 9),
    ("MUC", "DUS", 8),
    ("MUC", "CGN", 6),
    ("ZRH", "GVA", 6),
    ("FRA", "LHR", 7),
    ("FRA", "CDG", 6),
    ("FRA", "VIE", 5),
    ("FRA", "ZRH", 5),
    ("FRA", "BRU", 5),
    ("MUC", "LHR", 6),
    ("MUC", "CDG", 5),
    ("MUC", "VIE", 5),
    ("MUC", "ZRH", 5),
    ("MUC", "BRU", 5),
    ("ZRH", "LHR", 7),
    ("ZRH", "VIE", 5),
    ("VIE", "BRU", 5),
];

/// Other flag carriers' shuttles to the group's hubs.
const FOREIGN_TRUNKS: [(&str, &str, &str, u32); 9] = [
    ("BA", "FRA", "LHR", 5),
    ("BA", "MUC", "LHR", 4),
    ("BA", "ZRH", "LHR", 4),
    ("AF", "FRA", "CDG", 5),
    ("AF", "MUC", "CDG", 4),
    ("AF", "ZRH", "CDG", 4),
    ("KL", "FRA", "AMS", 5),
    ("KL", "MUC", "AMS", 5),
    ("KL", "ZRH", "AMS", 4),
];

fn pair(a: &str, b: &str, x: &str, y: &str) -> bool {
    (a == x && b == y) || (a == y && b == x)
}

/// Daily flights each way of `carrier` from `from` to `to`, `km` apart; `h` picks within a range.
pub fn daily_frequency(carrier: &str, from: &Airport, to: &Airport, km: f64, h: u64) -> u32 {
    let (a, b) = (from.code(), to.code());
    let pick = |lo: u64, hi: u64| (lo + h % (hi - lo + 1)) as u32;
    if is_group(carrier) {
        if let Some((_, _, n)) = GROUP_TRUNKS.iter().find(|(x, y, _)| pair(a, b, x, y)) {
            return *n;
        }
        return match km {
            _ if from.country == to.country && km < 1500.0 => pick(3, 6),
            ..1500.0 => pick(1, 4),
            ..4000.0 => pick(1, 2),
            _ => 1,
        };
    }
    if let Some((_, _, _, n)) = FOREIGN_TRUNKS.iter().find(|(c, x, y, _)| *c == carrier && pair(a, b, x, y)) {
        return *n;
    }
    if km < 1500.0 { pick(1, 2) } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Reference;

    #[test]
    fn trunks_shuttle_short_haul_a_few_times_long_haul_daily() {
        let r = Reference::embedded();
        let ap = |c: &str| r.airport(c).expect(c);
        assert_eq!(daily_frequency("LH", ap("MUC"), ap("FRA"), 300.0, 0), 12);
        assert_eq!(daily_frequency("LX", ap("GVA"), ap("ZRH"), 230.0, 5), 6);
        for h in 0..20 {
            assert!((3..=6).contains(&daily_frequency("LH", ap("FRA"), ap("LEJ"), 300.0, h)), "domestic");
            assert!((1..=4).contains(&daily_frequency("LH", ap("FRA"), ap("BEG"), 1000.0, h)));
            assert!((1..=2).contains(&daily_frequency("FR", ap("BRU"), ap("BCN"), 1000.0, h)));
        }
        assert_eq!(daily_frequency("LH", ap("FRA"), ap("JFK"), 6200.0, 3), 1);
        assert_eq!(daily_frequency("BA", ap("LHR"), ap("FRA"), 650.0, 3), 5);
    }
}
