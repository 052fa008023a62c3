//! Carrier, flight number and airport codes as Lufthansa sends them, and the codeshare list.

use crate::clean::{as_list, text};
use crate::model::{Codeshare, FlightKey};
use serde_json::Value;

/// A two- or three-character airline designator (`LH`, `4Y`).
pub fn valid_carrier(c: &str) -> bool {
    (2..=3).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_alphanumeric())
}

/// A three-letter IATA airport code at `path`, upper-cased; anything else is `None`.
pub fn airport_code(record: &Value, path: &str) -> Option<String> {
    text(record, path)
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
}

/// `"0841"` → `841`, `"1234A"` → `1234A`; anything else (empty, zero, letters first) is invalid.
pub fn normalize_flight_number(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let digits_end = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (digits, suffix) = raw.split_at(digits_end);
    if digits.is_empty() || digits.len() > 5 || suffix.len() > 1 || !suffix.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (n > 0).then(|| format!("{n}{suffix}"))
}

/// `{"AirlineID": "LH", "FlightNumber": "0400"}` → `("LH", "400")`, when both are valid.
pub fn carrier_and_number(node: &Value) -> Option<(String, String)> {
    let carrier = text(node, "/AirlineID").map(|c| c.to_ascii_uppercase()).filter(|c| valid_carrier(c))?;
    let number = normalize_flight_number(&text(node, "/FlightNumber")?)?;
    Some((carrier, number))
}

/// The marketing numbers in `list` (one object or many) other than the leg's own: each is one
/// codeshare of `leg`. Invalid entries and repeats (`"08840"` and `"8840"`) are dropped.
pub fn codeshares_of(list: Option<&Value>, leg: &FlightKey, source: &str) -> Vec<Codeshare> {
    let mut out: Vec<Codeshare> = Vec::new();
    for (mkt_carrier, mkt_number) in as_list(list).into_iter().filter_map(carrier_and_number) {
        let own = mkt_carrier == leg.carrier && mkt_number == leg.number;
        let seen = out.iter().any(|c| c.mkt_carrier == mkt_carrier && c.mkt_number == mkt_number);
        if !own && !seen {
            out.push(Codeshare { leg: leg.clone(), mkt_carrier, mkt_number, source: source.to_string() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flight_numbers() {
        assert_eq!(normalize_flight_number("0841").as_deref(), Some("841"));
        assert_eq!(normalize_flight_number(" 1234A ").as_deref(), Some("1234A"));
        for bad in ["", "0", "A12", "12AB", "123456", "12a", "1€"] {
            assert_eq!(normalize_flight_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn codeshares_skip_the_operating_number_repeats_and_junk() {
        let leg = FlightKey {
            carrier: "LH".into(),
            number: "400".into(),
            origin: "FRA".into(),
            dep_local_date: chrono::NaiveDate::from_ymd_opt(2024, 9, 24).unwrap(),
        };
        let list = json!([
            {"AirlineID": "LH", "FlightNumber": "0400"},
            {"AirlineID": "UA", "FlightNumber": "08840"},
            {"AirlineID": "UA", "FlightNumber": 8840},
            {"AirlineID": "ac", "FlightNumber": "9401"},
            {"AirlineID": "X", "FlightNumber": "1"},
            {"FlightNumber": "77"}
        ]);
        let got: Vec<String> = codeshares_of(Some(&list), &leg, "lufthansa")
            .iter()
            .map(|c| format!("{}{}", c.mkt_carrier, c.mkt_number))
            .collect();
        assert_eq!(got, ["UA8840", "AC9401"]);
        let one = json!({"AirlineID": "NH", "FlightNumber": "5853"});
        assert_eq!(codeshares_of(Some(&one), &leg, "lufthansa").len(), 1, "a single object is one codeshare");
        assert!(codeshares_of(None, &leg, "lufthansa").is_empty());
    }
}
