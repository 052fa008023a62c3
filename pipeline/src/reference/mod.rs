//! Reference data shipped in `assets/`: airports (airportsdata, MIT), places with their served
//! city, rail stations and ferry ports, airlines and routes (OpenFlights, ODbL). Parsed once, on
//! first use. A [`Reference`] can also carry what the pipeline fetched itself (Lufthansa and
//! AirLabs airport lists) on top of the shipped data: see [`Reference::with_fetched`].

mod airlines;
mod airports;
mod places;
mod routes;

pub use airlines::parse_airlines;
pub use airports::parse_airports;
pub use places::{Place, parse_country_codes, parse_places, same_city};
pub use routes::{Route, parse_routes};

use crate::model::{Airline, Airport};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The reference's maps, hashed with foldhash: built on every process start (some 30,000
/// inserts) and asked for every record cleaned, where SipHash's cost showed in profiles.
type CodeMap<V> = HashMap<String, V, foldhash::fast::RandomState>;

const AIRPORTS_CSV: &str = include_str!("../../../assets/airportsdata/airports-iata.csv");
const PLACES_DAT: &str = include_str!("../../../assets/openflights/airports-extended.dat");
const COUNTRIES_DAT: &str = include_str!("../../../assets/openflights/countries.dat");
const AIRLINES_DAT: &str = include_str!("../../../assets/openflights/airlines.dat");
const ROUTES_DAT: &str = include_str!("../../../assets/openflights/routes.dat");

#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("reference data line {line}: {message}")]
    Parse { line: u64, message: String },
}

/// Places by IATA or ICAO code and airlines by IATA or ICAO code.
#[derive(Debug, Default)]
pub struct Reference {
    /// By [`Airport::code`]: IATA, else ICAO.
    airports: CodeMap<Airport>,
    /// ICAO code to the key in `airports`.
    airport_icao: CodeMap<String>,
    /// By [`Airline::code`]: IATA, else ICAO.
    airlines: CodeMap<Airline>,
    airlines_by_icao: CodeMap<Airline>,
    /// The shipped data this one adds to: asked first (curated), then this one's own places.
    base: Option<&'static Reference>,
    /// A digest of this reference's own places and airlines: a warehouse seeded with another
    /// edition takes these rows on its next start (a corrected time zone in a new release).
    edition: String,
}

impl Reference {
    /// The reference data built into the binary.
    pub fn embedded() -> &'static Reference {
        static REF: OnceLock<Reference> = OnceLock::new();
        REF.get_or_init(|| {
            // The assets are part of the build and are checked by tests; a parse error here is a
            // build defect, so the rows that do parse are kept and the rest logged.
            // The files are parsed side by side, and the airlines' maps built beside the
            // airports': every process start pays for this before it can clean a record.
            let (airports, airline_maps) = std::thread::scope(|scope| {
                let airlines = scope.spawn(|| AirlineMaps::build(parse_airlines(AIRLINES_DAT)));
                let places = scope.spawn(|| (parse_places(PLACES_DAT), parse_country_codes(COUNTRIES_DAT)));
                let airports = parse_airports(AIRPORTS_CSV).unwrap_or_else(|e| {
                    tracing::error!("embedded airports: {e}");
                    Vec::new()
                });
                let (places, countries) = places.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                let airports = with_places(airports, &places, &countries);
                (airports, airlines.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            });
            let mut reference = Reference::build_with(airports, airline_maps);
            // The assets' own text names the edition (hashing the parsed rows costs more).
            reference.edition = digest([AIRPORTS_CSV, PLACES_DAT, COUNTRIES_DAT, AIRLINES_DAT].map(str::as_bytes));
            reference
        })
    }

    /// The ISO 3166-1 alpha-2 code of a country by its name in the shipped data (OpenFlights
    /// `countries.dat`, English names: `Germany`, `United Kingdom`), case ignored.
    pub fn country_code(name: &str) -> Option<&'static str> {
        let name = name.trim();
        Self::countries().iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, code)| code.as_str())
    }

    /// A country's name by its ISO code, as the shipped data spells it.
    pub fn country_name(code: &str) -> Option<&'static str> {
        let code = code.trim();
        let mut names = Self::countries().iter().filter(|(_, c)| c.eq_ignore_ascii_case(code));
        // A few codes have more than one name (the extra spellings kept for places): the first
        // from `countries.dat` itself, by its order.
        names.next().map(|(n, _)| n.as_str())
    }

    /// (name, ISO code) of every country, `countries.dat`'s names first.
    fn countries() -> &'static [(String, String)] {
        static COUNTRIES: OnceLock<Vec<(String, String)>> = OnceLock::new();
        COUNTRIES.get_or_init(|| {
            let mut list: Vec<(String, String)> = parse_country_codes(COUNTRIES_DAT).into_iter().collect();
            let in_dat = |n: &str| COUNTRIES_DAT.contains(&format!("\"{n}\""));
            list.sort_by(|a, b| in_dat(&b.0).cmp(&in_dat(&a.0)).then_with(|| a.0.cmp(&b.0)));
            list
        })
    }

    /// The routes built into the binary (for the demo world).
    pub fn embedded_routes() -> &'static [Route] {
        static ROUTES: OnceLock<Vec<Route>> = OnceLock::new();
        ROUTES.get_or_init(|| parse_routes(ROUTES_DAT))
    }

    /// A reference of these places and airlines, its edition a digest of their rows.
    pub fn new(airports: Vec<Airport>, airlines: Vec<Airline>) -> Self {
        let mut airports_text: Vec<String> = airports.iter().map(|a| format!("{a:?}\n")).collect();
        let mut airlines_text: Vec<String> = airlines.iter().map(|a| format!("{a:?}\n")).collect();
        airports_text.sort();
        airlines_text.sort();
        let mut reference = Self::build(airports, airlines);
        reference.edition = digest(airports_text.iter().chain(&airlines_text).map(String::as_bytes));
        reference
    }

    fn build(airports: Vec<Airport>, airlines: Vec<Airline>) -> Self {
        Self::build_with(airports, AirlineMaps::build(airlines))
    }

    fn build_with(airports: Vec<Airport>, airlines: AirlineMaps) -> Self {
        let mut reference = Self {
            airports: CodeMap::with_capacity_and_hasher(airports.len(), Default::default()),
            airport_icao: CodeMap::with_capacity_and_hasher(airports.len(), Default::default()),
            airlines: airlines.by_code,
            airlines_by_icao: airlines.by_icao,
            ..Self::default()
        };
        for a in airports {
            reference.add_airport(a);
        }
        reference
    }

    /// `base` with the places the pipeline fetched (Lufthansa `mds-references/airports`, AirLabs
    /// `/airports`) for the codes `base` lacks: a rail station's zone from Lufthansa, say. Where
    /// both know a code, `base` answers.
    pub fn with_fetched(base: &'static Reference, fetched: impl IntoIterator<Item = Airport>) -> Self {
        let mut reference = Self { base: Some(base), ..Self::default() };
        for a in fetched {
            let known =
                base.airport(a.code()).is_some() || a.icao.as_deref().is_some_and(|i| base.airport(i).is_some());
            if !known {
                reference.add_airport(a);
            }
        }
        reference
    }

    /// See the field: the digest the warehouse compares with the edition it was seeded with.
    pub fn edition(&self) -> &str {
        &self.edition
    }

    fn add_airport(&mut self, a: Airport) {
        if a.code().is_empty() {
            return;
        }
        if let Some(icao) = &a.icao {
            self.airport_icao.entry(icao.clone()).or_insert_with(|| a.code().to_string());
        }
        self.airports.insert(a.code().to_string(), a);
    }

    /// The place with IATA code `code` (3 letters) or ICAO code `code` (4 characters).
    pub fn airport(&self, code: &str) -> Option<&Airport> {
        if let Some(a) = self.base.and_then(|b| b.airport(code)) {
            return Some(a);
        }
        self.airports.get(code).or_else(|| self.airports.get(self.airport_icao.get(code)?))
    }

    /// The airline with IATA code `iata`.
    pub fn airline(&self, iata: &str) -> Option<&Airline> {
        self.base
            .and_then(|b| b.airline(iata))
            .or_else(|| self.airlines.get(iata).filter(|a| a.iata.as_deref() == Some(iata)))
    }

    pub fn airline_by_icao(&self, icao: &str) -> Option<&Airline> {
        self.base.and_then(|b| b.airline_by_icao(icao)).or_else(|| self.airlines_by_icao.get(icao))
    }

    /// This reference's own places (not its base's).
    pub fn airports(&self) -> impl Iterator<Item = &Airport> {
        self.airports.values()
    }

    /// This reference's own airlines (not its base's), one per code.
    pub fn airlines(&self) -> impl Iterator<Item = &Airline> {
        self.airlines.values()
    }
}

/// A digest of `parts`, in order, to tell editions apart (not for security). SipHash through
/// `DefaultHasher` (fixed keys): several times faster here than SHA-256 without CPU support,
/// on every start. Its output may change with the Rust release, which at worst re-seeds a
/// warehouse once.
fn digest<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut total = 0usize;
    for p in parts {
        h.write(p);
        total += p.len();
    }
    format!("{:016x}-{total}", h.finish())
}

fn rank(a: &Airline) -> (bool, bool, bool) {
    (a.active, a.iata.is_some(), a.icao.is_some())
}

/// The airlines by code and by ICAO code (built apart from the airports, on a thread of its own).
struct AirlineMaps {
    by_code: CodeMap<Airline>,
    by_icao: CodeMap<Airline>,
}

impl AirlineMaps {
    fn build(airlines: Vec<Airline>) -> Self {
        let mut by_code = CodeMap::with_capacity_and_hasher(airlines.len(), Default::default());
        let mut by_icao = CodeMap::with_capacity_and_hasher(airlines.len(), Default::default());
        for a in airlines {
            // Every airline with an ICAO code keeps its own entry: GEC (Lufthansa Cargo) is LH too.
            if let Some(icao) = &a.icao
                && by_icao.get(icao).is_none_or(|old| rank(&a) > rank(old))
            {
                by_icao.insert(icao.clone(), a.clone());
            }
            // Several airlines share a code over the years: prefer an active one with both codes.
            if by_code.get(a.code()).is_none_or(|old| rank(&a) > rank(old)) {
                by_code.insert(a.code().to_string(), a);
            }
        }
        Self { by_code, by_icao }
    }
}

/// airportsdata's airports with the city each serves (OpenFlights names Vancouver for YVR, where
/// airportsdata names the municipality, Richmond), and the places with an IATA code and a time
/// zone that airportsdata lacks: rail stations and ferry ports.
fn with_places(mut airports: Vec<Airport>, places: &[Place], countries: &HashMap<String, String>) -> Vec<Airport> {
    let by_iata: foldhash::HashMap<&str, &Place> =
        places.iter().filter_map(|p| Some((p.iata.as_deref()?, p))).collect();
    for a in &mut airports {
        let served = a.iata.as_deref().and_then(|i| by_iata.get(i)).and_then(|p| p.city.as_deref());
        // Only where the two name different places: "Duesseldorf" is no better than "Dusseldorf".
        if let Some(city) = served.filter(|s| !a.city.as_deref().is_some_and(|c| places::same_city(c, s))) {
            a.city = Some(city.to_string());
        }
    }
    let known: foldhash::HashSet<&str> = airports.iter().filter_map(|a| a.iata.as_deref()).collect();
    let mut more = Vec::new();
    for p in places {
        // Rail stations and ferry ports: airportsdata has the airports (OpenFlights' extra ones
        // are mostly closed or military fields).
        if !matches!(p.kind.as_str(), "station" | "port") {
            continue;
        }
        let (Some(iata), Some(tz)) = (&p.iata, p.tz) else { continue };
        let Some(country) = countries.get(&p.country_name) else { continue };
        if known.contains(iata.as_str()) {
            continue;
        }
        more.push(Airport {
            iata: Some(iata.clone()),
            // ICAO location indicators are for aerodromes: what user-entered stations carry in
            // that column ("KAUF" for Kaufbeuren BF) is none.
            icao: None,
            name: p.name.clone(),
            city: p.city.clone(),
            country: country.clone(),
            lat: p.lat,
            lon: p.lon,
            tz,
            elevation_ft: p.elevation_ft,
        });
    }
    airports.extend(more);
    airports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_assets_parse_completely() {
        let r = Reference::embedded();
        // airportsdata's 7,884 airports with IATA codes, and OpenFlights' rail stations and ferry
        // ports with an IATA code, a zone and a known country.
        assert_eq!(r.airports().count(), 7884 + 84);
        let fra = r.airport("FRA").expect("FRA");
        assert_eq!(fra.tz, chrono_tz::Europe::Berlin);
        assert_eq!(fra.icao.as_deref(), Some("EDDF"));
        assert_eq!(r.airport("EDDF").and_then(|a| a.iata.as_deref()), Some("FRA"), "by ICAO code too");
        let lh = r.airline("LH").expect("LH");
        assert_eq!(lh.name, "Lufthansa");
        assert_eq!(r.airline_by_icao("DLH").and_then(|a| a.iata.as_deref()), Some("LH"));
        assert!(Reference::embedded_routes().len() > 60_000);
    }

    /// Rail stations of Lufthansa Express Rail legs, with their zones.
    #[test]
    fn countries_by_name_and_code() {
        assert_eq!(Reference::country_code("germany"), Some("DE"));
        assert_eq!(Reference::country_code(" United Kingdom "), Some("GB"));
        assert_eq!(Reference::country_name("de"), Some("Germany"));
        assert_eq!(Reference::country_name("MM"), Some("Myanmar"), "countries.dat's own name, not Burma");
        assert_eq!(Reference::country_code("Atlantis"), None);
    }

    #[test]
    fn rail_stations_are_places() {
        let r = Reference::embedded();
        for code in ["QKL", "QDU"] {
            let station = r.airport(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!((station.tz, station.country.as_str()), (chrono_tz::Europe::Berlin, "DE"), "{code}");
        }
    }

    /// Boards name the city an airport serves, not the municipality it stands in.
    #[test]
    fn served_cities() {
        let r = Reference::embedded();
        for (code, city) in [
            ("YVR", "Vancouver"),
            ("NGO", "Nagoya"),
            ("YYZ", "Toronto"),
            ("YUL", "Montreal"),
            ("EZE", "Buenos Aires"),
            ("IST", "Istanbul"),
        ] {
            assert_eq!(r.airport(code).and_then(|a| a.city.as_deref()), Some(city), "{code}");
        }
    }

    /// Operators with only an ICAO code (business jets, air forces) are kept.
    #[test]
    fn icao_only_airlines_are_kept() {
        let r = Reference::embedded();
        let all: Vec<&Airline> = r.airlines().collect();
        assert!(all.iter().filter(|a| a.iata.is_none()).count() > 3000, "ICAO-only operators");
        assert!(all.iter().all(|a| !a.code().is_empty()));
        let scj = r.airline_by_icao("SCJ").expect("Business Jet Sweden");
        assert_eq!((scj.iata.as_deref(), scj.name.as_str()), (None, "Business Jet Sweden"));
    }

    #[test]
    fn fetched_places_fill_what_the_assets_lack() {
        let base = Reference::embedded();
        let mut station = base.airport("QKL").cloned().expect("QKL");
        station.iata = Some("QXZ".into());
        station.tz = chrono_tz::Europe::Vienna;
        let mut fra = base.airport("FRA").cloned().expect("FRA");
        fra.tz = chrono_tz::Asia::Tokyo;
        let r = Reference::with_fetched(base, [station, fra]);
        assert_eq!(r.airport("QXZ").map(|a| a.tz), Some(chrono_tz::Europe::Vienna), "a code the assets lack");
        assert_eq!(r.airport("FRA").map(|a| a.tz), Some(chrono_tz::Europe::Berlin), "the assets answer first");
        assert_eq!(r.airports().count(), 1);
    }
}
