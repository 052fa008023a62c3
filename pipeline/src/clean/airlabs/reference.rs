//! AirLabs `/airports` and `/airlines`. The free plan sends only `name`, `iata_code`,
//! `icao_code`, `lat`, `lng`, `country_code`: a time zone missing from the record is taken from
//! the shipped reference data for the same IATA code.

use crate::clean::{Rejection, number, text};
use crate::model::text::clip;
use crate::model::{Airline, Airport};
use crate::reference::Reference;
use serde_json::Value;

/// An upper-case code of `len` characters at `path`, letters (and digits where `digits`).
fn code(record: &Value, path: &str, len: usize, digits: bool) -> Option<String> {
    text(record, path)
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.len() == len && c.chars().all(|ch| ch.is_ascii_uppercase() || (digits && ch.is_ascii_digit())))
}

/// One `/airports` record: an airport with an IATA code, an ICAO code or both (many airfields on
/// the map have only the latter).
pub fn clean_airlabs_airport(record: &Value, reference: &Reference) -> Result<Airport, Rejection> {
    let iata = code(record, "/iata_code", 3, false);
    let icao = code(record, "/icao_code", 4, true);
    let key = iata.clone().or_else(|| icao.clone()).ok_or_else(|| Rejection::new("no iata_code and no icao_code"))?;
    let reject = |why: &str| Rejection { reason: format!("{key}: {why}"), natural_key: Some(key.clone()) };
    let known = reference.airport(&key);
    let tz = match text(record, "/timezone") {
        Some(name) => name.parse().map_err(|_| reject(&format!("unknown time zone {name:?}")))?,
        None => known.map(|a| a.tz).ok_or_else(|| reject("no time zone in the record or the reference data"))?,
    };
    Ok(Airport {
        name: text(record, "/name").map(|n| clip(&n, 255)).ok_or_else(|| reject("no name"))?,
        city: text(record, "/city"),
        country: text(record, "/country_code")
            .map(|c| c.to_ascii_uppercase())
            .ok_or_else(|| reject("no country_code"))?,
        lat: number(record, "/lat").filter(|v| (-90.0..=90.0).contains(v)).ok_or_else(|| reject("no valid lat"))?,
        lon: number(record, "/lng").filter(|v| (-180.0..=180.0).contains(v)).ok_or_else(|| reject("no valid lng"))?,
        tz,
        elevation_ft: None,
        iata,
        icao,
    })
}

/// One `/airlines` record: an operator with an IATA code, an ICAO code or both (most have only
/// the ICAO code: cargo, business jets, air forces, flight schools), and a name.
pub fn clean_airlabs_airline(record: &Value) -> Result<Airline, Rejection> {
    let iata = code(record, "/iata_code", 2, true);
    let icao = code(record, "/icao_code", 3, false);
    let key = iata.clone().or_else(|| icao.clone()).ok_or_else(|| Rejection::new("no iata_code and no icao_code"))?;
    Ok(Airline {
        name: text(record, "/name")
            .map(|n| clip(&n, 255))
            .ok_or_else(|| Rejection { reason: format!("{key}: no name"), natural_key: Some(key.clone()) })?,
        callsign: text(record, "/callsign").map(|c| clip(&c, 255)),
        country: text(record, "/country_code"),
        active: true,
        iata,
        icao,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn free_plan_records() {
        let a = clean_airlabs_airport(
            &json!({"icao_code":"KMIA","country_code":"US","iata_code":"MIA","lng":-80.29,"name":"Miami International Airport","lat":25.79}),
            Reference::embedded(),
        )
        .unwrap();
        assert_eq!((a.iata.as_deref(), a.tz), (Some("MIA"), chrono_tz::America::New_York));
        assert!(
            clean_airlabs_airport(
                &json!({"iata_code":"QQQ","name":"X","country_code":"XX","lat":1,"lng":1}),
                Reference::embedded()
            )
            .is_err()
        );
        let l = clean_airlabs_airline(&json!({"name":"Lufthansa","iata_code":"LH","icao_code":"DLH"})).unwrap();
        assert_eq!((l.iata.as_deref(), l.icao.as_deref()), (Some("LH"), Some("DLH")));
        let jet = clean_airlabs_airline(&json!({"name":"NetJets Europe","iata_code":null,"icao_code":"NJE"})).unwrap();
        assert_eq!((jet.code(), jet.iata.as_deref()), ("NJE", None));
        assert_eq!(clean_airlabs_airline(&json!({"name":"X"})).unwrap_err().reason, "no iata_code and no icao_code");
        let strip = clean_airlabs_airport(
            &json!({"name":"Egelsbach","icao_code":"EDFE","country_code":"DE","lat":49.96,"lng":8.64,"timezone":"Europe/Berlin"}),
            Reference::embedded(),
        )
        .unwrap();
        assert_eq!((strip.code(), strip.iata.as_deref()), ("EDFE", None));
    }
}
