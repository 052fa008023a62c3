//! OpenFlights `airports-extended.dat`: 12,668 places with their served city (Vancouver for YVR,
//! where airportsdata names the municipality, Richmond), including rail stations and ferry ports
//! with IATA location codes (QKL Cologne, QDU Düsseldorf Hbf: Lufthansa Express Rail legs).
//! Columns (no header, `\N` for null): id, name, city, country (a name), IATA, ICAO, lat, lon,
//! altitude ft, UTC offset, DST rule, IANA zone, type, source. It holds every line of
//! `airports.dat` unchanged, so that file is not shipped twice.

use crate::model::text::sanitize;
use chrono_tz::Tz;
use std::collections::HashMap;

/// One place of `airports-extended.dat` with an IATA location code.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub iata: Option<String>,
    pub icao: Option<String>,
    pub name: String,
    /// The city it serves.
    pub city: Option<String>,
    /// The country's name, as the file gives it ("Germany").
    pub country_name: String,
    pub lat: f64,
    pub lon: f64,
    pub elevation_ft: Option<f64>,
    /// `None` where the file has `\N`.
    pub tz: Option<Tz>,
    /// `airport`, `station`, `port` or `unknown`.
    pub kind: String,
}

/// Parses `airports-extended.dat` (or `airports.dat`: the same columns). Lines without an IATA
/// code or coordinates are skipped.
pub fn parse_places(dat: &str) -> Vec<Place> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(dat.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            let field = |i: usize| r.get(i).map(str::trim).filter(|s| !s.is_empty() && *s != "\\N");
            // Only places with an IATA location code: boards and legs name places by it, and
            // airportsdata already has the airports known by their ICAO code alone.
            let iata = field(4).filter(|c| c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()))?;
            let icao = field(5).filter(|c| c.len() == 4 && c.chars().all(|x| x.is_ascii_alphanumeric()));
            let lat: f64 = field(6)?.parse().ok().filter(|v: &f64| (-90.0..=90.0).contains(v))?;
            let lon: f64 = field(7)?.parse().ok().filter(|v: &f64| (-180.0..=180.0).contains(v))?;
            Some(Place {
                iata: Some(iata.to_string()),
                icao: icao.map(str::to_string),
                name: sanitize(field(1)?),
                city: field(2).map(sanitize).filter(|c| !c.is_empty()),
                country_name: sanitize(field(3)?),
                lat,
                lon,
                elevation_ft: field(8).and_then(|a| a.parse().ok()),
                tz: field(11).and_then(|z| z.parse().ok()),
                kind: field(12).unwrap_or("unknown").to_string(),
            })
        })
        .collect()
}

/// Whether two spellings name the same city: equal once case, accents, `ue`/`ae`/`oe` for
/// umlauts and punctuation are set aside, or one begins with the other ("Frankfurt am Main" and
/// "Frankfurt"). "Richmond" and "Vancouver" are two places.
pub fn same_city(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    // Most names are spelled alike in both files: no folding for them.
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let fold = |s: &str| {
        let letters: String = s
            .nfd()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ß' { 's' } else { c })
            .collect();
        letters.replace("ue", "u").replace("ae", "a").replace("oe", "o")
    };
    let (a, b) = (fold(a), fold(b));
    !a.is_empty() && !b.is_empty() && (a.starts_with(&b) || b.starts_with(&a))
}

/// Country names to ISO 3166-1 alpha-2 codes, from OpenFlights `countries.dat` (`name,iso,dafif`).
pub fn parse_country_codes(dat: &str) -> HashMap<String, String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(dat.as_bytes());
    let mut codes: HashMap<String, String> = reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            let name = r.get(0)?.trim();
            let iso = r.get(1)?.trim();
            (iso.len() == 2 && !name.is_empty()).then(|| (name.to_string(), iso.to_string()))
        })
        .collect();
    // `airports-extended.dat` spells these countries as `countries.dat` does not (it has
    // "Myanmar", "Macao" …, or no code for them); kept here because no shipped file maps them.
    for (name, iso) in
        [("Burma", "MM"), ("Macau", "MO"), ("Kyrgyzstan", "KG"), ("Virgin Islands", "VI"), ("Micronesia", "FM")]
    {
        codes.entry(name.to_string()).or_insert_with(|| iso.to_string());
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rail_stations_and_served_cities() {
        let dat = concat!(
            "4035,\"Cologne Railway\",\"Cologne\",\"Germany\",\"QKL\",\\N,50.9425,6.958056,100,1,\"E\",\"Europe/Berlin\",\"station\",\"User\"\n",
            "156,\"Vancouver International Airport\",\"Vancouver\",\"Canada\",\"YVR\",\"CYVR\",49.19,-123.18,14,-8,\"A\",\"America/Vancouver\",\"airport\",\"OurAirports\"\n",
            "9,\"Nowhere\",\\N,\"Germany\",\\N,\\N,1,1,1,1,\"E\",\\N,\"airport\",\"User\"\n",
            "10,\"Strip\",\"X\",\"Germany\",\\N,\"EDXX\",1,1,\\N,1,\"E\",\\N,\"airport\",\"User\"\n",
        );
        let places = parse_places(dat);
        assert_eq!(places.len(), 2, "places without an IATA code are skipped");
        assert_eq!(places[0].iata.as_deref(), Some("QKL"));
        assert_eq!(places[0].tz, Some(chrono_tz::Europe::Berlin));
        assert_eq!(places[0].kind, "station");
        assert_eq!(places[1].city.as_deref(), Some("Vancouver"));
        let codes = parse_country_codes("\"Germany\",\"DE\",\"GM\"\n\"Nowhere\",\"\",\"\"\n");
        assert_eq!(codes.get("Germany").map(String::as_str), Some("DE"));
        assert!(!codes.contains_key("Nowhere"));
        assert_eq!(codes.get("Burma").map(String::as_str), Some("MM"));
    }

    #[test]
    fn same_city_in_other_spellings() {
        assert!(same_city("Dusseldorf", "Duesseldorf"));
        assert!(same_city("Düsseldorf", "Duesseldorf"));
        assert!(same_city("Palma De Mallorca", "Palma de Mallorca"));
        assert!(same_city("Frankfurt am Main", "Frankfurt"));
        assert!(same_city("Montréal", "Montreal"));
        assert!(!same_city("Richmond", "Vancouver"));
        assert!(!same_city("Arnavutköy, Istanbul", "Istanbul"));
        assert!(!same_city("", "Istanbul"));
    }
}
