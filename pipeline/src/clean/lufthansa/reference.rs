//! Lufthansa reference data (`/mds-references/airports`, `/cities`, `/countries`, `/airlines`,
//! `/aircraft`): `$` text nodes, names in one or several languages, numbers that may come as
//! strings, `{"@nil": "true"}` for an empty block.

use crate::clean::{Rejection, as_list, number, text};
use crate::model::{AircraftType, Airline, Airport, City, Country};
use serde_json::Value;

/// The English name when there is one, else the first.
fn name(record: &Value) -> Option<String> {
    let names = as_list(record.pointer("/Names/Name"));
    let english = names.iter().find(|n| text(n, "/@LanguageCode").is_some_and(|l| l.eq_ignore_ascii_case("en")));
    english.or(names.first()).and_then(|n| text(n, ""))
}

/// One `AirportResource.Airports.Airport` record.
pub fn clean_reference_airport(record: &Value) -> Result<Airport, Rejection> {
    let iata = text(record, "/AirportCode")
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        .ok_or_else(|| Rejection::new("missing or invalid AirportCode"))?;
    let reject = |why: &str| Rejection { reason: format!("airport {iata}: {why}"), natural_key: Some(iata.clone()) };
    let lat = number(record, "/Position/Coordinate/Latitude")
        .filter(|v| (-90.0..=90.0).contains(v))
        .ok_or_else(|| reject("no valid position"))?;
    let lon = number(record, "/Position/Coordinate/Longitude")
        .filter(|v| (-180.0..=180.0).contains(v))
        .ok_or_else(|| reject("no valid position"))?;
    let tz = text(record, "/TimeZoneId").ok_or_else(|| reject("no TimeZoneId"))?;
    let tz = tz.parse().map_err(|_| reject(&format!("unknown time zone {tz:?}")))?;
    Ok(Airport {
        name: name(record).ok_or_else(|| reject("no name"))?,
        icao: None,
        city: None,
        country: text(record, "/CountryCode")
            .map(|c| c.to_ascii_uppercase())
            .ok_or_else(|| reject("no CountryCode"))?,
        lat,
        lon,
        tz,
        elevation_ft: None,
        iata: Some(iata),
    })
}

/// One `AirlineResource.Airlines.Airline` record.
pub fn clean_reference_airline(record: &Value) -> Result<Airline, Rejection> {
    let iata = text(record, "/AirlineID")
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
        .ok_or_else(|| Rejection::new("missing or invalid AirlineID"))?;
    Ok(Airline {
        name: name(record)
            .ok_or_else(|| Rejection { reason: format!("airline {iata}: no name"), natural_key: Some(iata.clone()) })?,
        icao: text(record, "/AirlineID_ICAO").filter(|c| c.len() == 3),
        callsign: None,
        country: None,
        active: true,
        iata: Some(iata),
    })
}

/// An upper-case code of `len` ASCII letters or digits at `path`.
fn code_at(record: &Value, path: &str, len: std::ops::RangeInclusive<usize>) -> Option<String> {
    text(record, path)
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| len.contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
}

fn named<T>(kind: &str, code: String, record: &Value, build: impl FnOnce(String, String) -> T) -> Result<T, Rejection> {
    match name(record) {
        Some(n) => Ok(build(code, n)),
        None => Err(Rejection { reason: format!("{kind} {code}: no name"), natural_key: Some(code) }),
    }
}

/// One `CountryResource.Countries.Country` record.
pub fn clean_reference_country(record: &Value) -> Result<Country, Rejection> {
    let code =
        code_at(record, "/CountryCode", 2..=2).ok_or_else(|| Rejection::new("missing or invalid CountryCode"))?;
    named("country", code, record, |code, name| Country { code, name })
}

/// One `CityResource.Cities.City` record.
pub fn clean_reference_city(record: &Value) -> Result<City, Rejection> {
    let code = code_at(record, "/CityCode", 3..=3).ok_or_else(|| Rejection::new("missing or invalid CityCode"))?;
    let country = code_at(record, "/CountryCode", 2..=2);
    named("city", code, record, |code, name| City { code, name, country })
}

/// One `AircraftResource.AircraftSummaries.AircraftSummary` record.
pub fn clean_reference_aircraft(record: &Value) -> Result<AircraftType, Rejection> {
    let code =
        code_at(record, "/AircraftCode", 3..=3).ok_or_else(|| Rejection::new("missing or invalid AircraftCode"))?;
    named("aircraft", code, record, |code, name| AircraftType { code, icao: None, name })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lufthansa::{SplitBody, split_resource};

    /// The documented `/references/airports` shape (apis.md §1.6 c), including the UtcOffset drift.
    const AIRPORTS: &str = r#"{"AirportResource":{"Airports":{"Airport":[
      {"AirportCode":"AAL","Position":{"Coordinate":{"Latitude":57.09305556,"Longitude":9.85}},
       "CityCode":"AAL","CountryCode":"DK","LocationType":"Airport",
       "Names":{"Name":{"@LanguageCode":"en","$":"Aalborg"}},
       "UtcOffset":2,"TimeZoneId":"Europe/Copenhagen"},
      {"AirportCode":"FRA","Position":{"Coordinate":{"Latitude":50.0331,"Longitude":8.5706}},
       "CityCode":"FRA","CountryCode":"DE","LocationType":"Airport",
       "Names":{"Name":{"@LanguageCode":"en","$":"Frankfurt/Main International"}},
       "UtcOffset":"2.0","TimeZoneId":"Europe/Berlin"}]},
     "Meta":{"@Version":"1.0.0","Link":[{"@Href":"https://api.lufthansa.com/v1/references/airports/?limit=2&offset=0&lang=en","@Rel":"self"}]}}}"#;

    #[test]
    fn documented_airports() {
        let SplitBody::Records(records) =
            split_resource(200, AIRPORTS.as_bytes(), "AirportResource", "Airports", "Airport").unwrap()
        else {
            panic!("records expected")
        };
        let a: Vec<Airport> = records.iter().map(|r| clean_reference_airport(r).unwrap()).collect();
        assert_eq!(a[0].iata.as_deref(), Some("AAL"));
        assert_eq!(a[0].name, "Aalborg");
        assert_eq!(a[1].tz, chrono_tz::Europe::Berlin);
        assert_eq!(a[1].name, "Frankfurt/Main International");
    }

    #[test]
    fn several_languages_prefer_english_and_nil_position_is_rejected() {
        let r: Value = serde_json::from_str(
            r#"{"AirportCode":"ZRH","Position":{"Coordinate":{"Latitude":"47.46","Longitude":"8.55"}},"CountryCode":"ch","TimeZoneId":"Europe/Zurich",
                "Names":{"Name":[{"@LanguageCode":"de","$":"Zürich"},{"@LanguageCode":"EN","$":"Zurich"}]}}"#,
        )
        .unwrap();
        let a = clean_reference_airport(&r).unwrap();
        assert_eq!((a.name.as_str(), a.country.as_str(), a.lat), ("Zurich", "CH", 47.46));
        let nil: Value = serde_json::from_str(
            r#"{"AirportCode":"XXX","Position":{"@nil":"true"},"TimeZoneId":"UTC","Names":{"Name":{"$":"X"}}}"#,
        )
        .unwrap();
        assert!(clean_reference_airport(&nil).unwrap_err().reason.contains("position"));
    }

    #[test]
    fn airlines() {
        let r: Value = serde_json::from_str(
            r#"{"AirlineID":"LH","AirlineID_ICAO":"DLH","Names":{"Name":{"@LanguageCode":"en","$":"Lufthansa"}}}"#,
        )
        .unwrap();
        let a = clean_reference_airline(&r).unwrap();
        assert_eq!((a.iata.as_deref(), a.icao.as_deref(), a.name.as_str()), (Some("LH"), Some("DLH"), "Lufthansa"));
        assert!(clean_reference_airline(&serde_json::json!({"AirlineID": "L"})).is_err());
    }

    #[test]
    fn cities_countries_aircraft_in_their_documented_shapes() {
        let cities = br#"{"CityResource":{"Cities":{"City":{"CityCode":"FRA","CountryCode":"DE",
            "Names":{"Name":[{"@LanguageCode":"DE","$":"Frankfurt am Main"},{"@LanguageCode":"EN","$":"Frankfurt"}]},
            "UtcOffset":"+01:00","TimeZoneId":"Europe/Berlin","Airports":{"AirportCode":["FRA","HHN"]}}},
            "Meta":{"@Version":"1.0.0","TotalCount":1}}}"#;
        let SplitBody::Records(r) = split_resource(200, cities, "CityResource", "Cities", "City").unwrap() else {
            panic!("one city")
        };
        let c = clean_reference_city(&r[0]).unwrap();
        assert_eq!((c.code.as_str(), c.name.as_str(), c.country.as_deref()), ("FRA", "Frankfurt", Some("DE")));
        let nil_city: Value =
            serde_json::from_str(r#"{"CityCode":"XYZ","Position":{"@nil":"true"},"Names":{"Name":{"$":"Nowhere"}}}"#)
                .unwrap();
        assert_eq!(clean_reference_city(&nil_city).unwrap().country, None);

        let countries = br#"{"CountryResource":{"Countries":{"Country":[{"CountryCode":"dk","Names":{"Name":{"@LanguageCode":"en","$":"Denmark"}}},
            {"CountryCode":"DEU","Names":{"Name":{"@LanguageCode":"en","$":"Germany"}}},{"CountryCode":"CH"}]}}}"#;
        let SplitBody::Records(r) = split_resource(200, countries, "CountryResource", "Countries", "Country").unwrap()
        else {
            panic!("countries")
        };
        assert_eq!(clean_reference_country(&r[0]).unwrap(), Country { code: "DK".into(), name: "Denmark".into() });
        assert!(clean_reference_country(&r[1]).unwrap_err().reason.contains("CountryCode"));
        let e = clean_reference_country(&r[2]).unwrap_err();
        assert_eq!((e.reason.as_str(), e.natural_key.as_deref()), ("country CH: no name", Some("CH")));

        let aircraft = br#"{"AircraftResource":{"AircraftSummaries":{"AircraftSummary":{"AircraftCode":"74H",
            "Names":{"Name":{"@LanguageCode":"EN","$":"Boeing 747-8i"}},"AirlineEquipCode":"747-8i"}}}}"#;
        let SplitBody::Records(r) =
            split_resource(200, aircraft, "AircraftResource", "AircraftSummaries", "AircraftSummary").unwrap()
        else {
            panic!("one aircraft")
        };
        let a = clean_reference_aircraft(&r[0]).unwrap();
        assert_eq!((a.code.as_str(), a.name.as_str()), ("74H", "Boeing 747-8i"));
    }
}
