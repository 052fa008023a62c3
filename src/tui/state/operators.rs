//! Who flies an aircraft, from its callsign: an ICAO callsign is the operator's three-letter
//! ICAO designator and a flight identifier that begins with a digit (DLH4AB, NJE123, RCH635).
//! Registrations used as callsigns (DEABC, GEUPA, N123AB) do not have that form and name no one.
//! The names come from the warehouse's airlines, operators with only an ICAO code included.

use pipeline::model::Airline;
use std::collections::HashMap;

/// Operator names by ICAO designator.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Operators(HashMap<String, String>);

impl Operators {
    /// From the warehouse's airlines; where several share a designator (one active, others
    /// ceased), the active one, then the one with an IATA code, names it.
    pub fn from_airlines(airlines: impl IntoIterator<Item = Airline>) -> Self {
        let mut best: HashMap<String, Airline> = HashMap::new();
        for a in airlines {
            let Some(icao) = a.icao.clone() else { continue };
            let rank = |a: &Airline| (a.active, a.iata.is_some(), std::cmp::Reverse(a.name.clone()));
            if best.get(&icao).is_none_or(|old| rank(&a) > rank(old)) {
                best.insert(icao, a);
            }
        }
        Self(best.into_iter().map(|(icao, a)| (icao, a.name)).collect())
    }

    /// The operator a callsign names, if it is an ICAO callsign of a known designator.
    pub fn of_callsign(&self, callsign: &str) -> Option<&str> {
        let b = callsign.as_bytes();
        if b.len() < 4 || !b[..3].iter().all(u8::is_ascii_uppercase) || !b[3].is_ascii_digit() {
            return None;
        }
        self.0.get(&callsign[..3]).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn airline(iata: Option<&str>, icao: &str, name: &str, active: bool) -> Airline {
        Airline {
            iata: iata.map(str::to_string),
            icao: Some(icao.into()),
            name: name.into(),
            callsign: None,
            country: None,
            active,
        }
    }

    #[test]
    fn icao_callsigns_name_their_operator() {
        let ops = Operators::from_airlines([
            airline(None, "NJE", "NetJets Europe", true),
            airline(Some("LH"), "DLH", "Lufthansa", true),
            airline(Some("XX"), "DLH", "Old Lufthansa namesake", false),
            airline(None, "DEA", "Some operator", true),
        ]);
        assert_eq!(ops.of_callsign("NJE123"), Some("NetJets Europe"), "an ICAO-only operator");
        assert_eq!(ops.of_callsign("DLH4AB"), Some("Lufthansa"), "the active one");
        assert_eq!(ops.of_callsign("DEABC"), None, "a registration, not a callsign");
        assert_eq!(ops.of_callsign("N123AB"), None);
        assert_eq!(ops.of_callsign("KQZ123"), None, "unknown designator");
        assert_eq!(ops.of_callsign("NJ"), None);
        assert_eq!(ops.of_callsign("ÉÉÉ1"), None);
    }
}
