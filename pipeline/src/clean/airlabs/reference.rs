//! AirLabs `/airports` and `/airlines`. The free plan sends only `name`, `iata_code`,
//! `icao_code`, `lat`, `lng`, `country_code`: a time zone missing from the record is taken from
//! the shipped reference data for the same IATA code.

use crate::clean::{Rejection, number, text};
use crate::model::text::clip;
use crate::model::{Airline, Airport};
use crate::reference::Reference;
use serde_json::Value;

pub fn clean_airlabs_airport(record: &Value, reference: &Reference) -> Result<Airport, Rejection> {
    let iata = text(record, "/iata_code")
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        .ok_or_else(|| Rejection::new("missing or invalid iata_code"))?;
    let reject = |why: &str| Rejection { reason: format!("{iata}: {why}"), natural_key: Some(iata.clone()) };
    let known = reference.airport(&iata);
    let tz = match text(record, "/timezone") {
        Some(name) => name.parse().map_err(|_| reject(&format!("unknown time zone {name:?}")))?,
        None => known.map(|a| a.tz).ok_or_else(|| reject("no time zone in the record or the reference data"))?,
    };
    Ok(Airport {
        icao: text(record, "/icao_code").filter(|c| c.len() == 4),
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
    })
}

pub fn clean_airlabs_airline(record: &Value) -> Result<Airline, Rejection> {
    let iata = text(record, "/iata_code")
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
        .ok_or_else(|| Rejection::new("missing or invalid iata_code"))?;
    Ok(Airline {
        name: text(record, "/name")
            .map(|n| clip(&n, 255))
            .ok_or_else(|| Rejection { reason: format!("{iata}: no name"), natural_key: Some(iata.clone()) })?,
        icao: text(record, "/icao_code").filter(|c| c.len() == 3),
        callsign: None,
        country: text(record, "/country_code"),
        active: true,
        iata,
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
        assert_eq!((a.iata.as_str(), a.tz), ("MIA", chrono_tz::America::New_York));
        assert!(
            clean_airlabs_airport(
                &json!({"iata_code":"QQQ","name":"X","country_code":"XX","lat":1,"lng":1}),
                Reference::embedded()
            )
            .is_err()
        );
        let l = clean_airlabs_airline(&json!({"name":"Lufthansa","iata_code":"LH","icao_code":"DLH"})).unwrap();
        assert_eq!((l.iata.as_str(), l.icao.as_deref()), ("LH", Some("DLH")));
    }
}
