//! Reference data shipped in `assets/`: airports (airportsdata, MIT), airlines and routes
//! (OpenFlights, ODbL). Parsed once, on first use.

mod airlines;
mod airports;
mod routes;

pub use airlines::parse_airlines;
pub use airports::parse_airports;
pub use routes::{Route, parse_routes};

use crate::model::{Airline, Airport};
use std::collections::HashMap;
use std::sync::OnceLock;

const AIRPORTS_CSV: &str = include_str!("../../../assets/airportsdata/airports-iata.csv");
const AIRLINES_DAT: &str = include_str!("../../../assets/openflights/airlines.dat");
const ROUTES_DAT: &str = include_str!("../../../assets/openflights/routes.dat");

#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("reference data line {line}: {message}")]
    Parse { line: u64, message: String },
}

/// Airports by IATA code and airlines by IATA/ICAO code.
#[derive(Debug, Default)]
pub struct Reference {
    airports: HashMap<String, Airport>,
    airlines: HashMap<String, Airline>,
    airlines_by_icao: HashMap<String, Airline>,
}

impl Reference {
    /// The reference data built into the binary.
    pub fn embedded() -> &'static Reference {
        static REF: OnceLock<Reference> = OnceLock::new();
        REF.get_or_init(|| {
            // The assets are part of the build and are checked by tests; a parse error here is a
            // build defect, so the rows that do parse are kept and the rest logged.
            let airports = parse_airports(AIRPORTS_CSV).unwrap_or_else(|e| {
                tracing::error!("embedded airports: {e}");
                Vec::new()
            });
            let airlines = parse_airlines(AIRLINES_DAT);
            Reference::new(airports, airlines)
        })
    }

    /// The routes built into the binary (for the demo world).
    pub fn embedded_routes() -> &'static [Route] {
        static ROUTES: OnceLock<Vec<Route>> = OnceLock::new();
        ROUTES.get_or_init(|| parse_routes(ROUTES_DAT))
    }

    pub fn new(airports: Vec<Airport>, airlines: Vec<Airline>) -> Self {
        let airports = airports.into_iter().map(|a| (a.iata.clone(), a)).collect();
        let mut by_iata: HashMap<String, Airline> = HashMap::new();
        let mut airlines_by_icao: HashMap<String, Airline> = HashMap::new();
        for a in &airlines {
            // Every airline with an ICAO code keeps its own entry: GEC (Lufthansa Cargo) is LH too.
            if let Some(icao) = &a.icao {
                let better = airlines_by_icao.get(icao).is_none_or(|old| rank(a) > rank(old));
                if better {
                    airlines_by_icao.insert(icao.clone(), a.clone());
                }
            }
        }
        for a in airlines {
            // Several airlines share an IATA code over the years: prefer an active one with ICAO.
            let better = match by_iata.get(&a.iata) {
                None => true,
                Some(old) => rank(&a) > rank(old),
            };
            if better {
                by_iata.insert(a.iata.clone(), a);
            }
        }
        Self { airports, airlines: by_iata, airlines_by_icao }
    }

    pub fn airport(&self, iata: &str) -> Option<&Airport> {
        self.airports.get(iata)
    }

    pub fn airline(&self, iata: &str) -> Option<&Airline> {
        self.airlines.get(iata)
    }

    pub fn airline_by_icao(&self, icao: &str) -> Option<&Airline> {
        self.airlines_by_icao.get(icao)
    }

    pub fn airports(&self) -> impl Iterator<Item = &Airport> {
        self.airports.values()
    }

    pub fn airlines(&self) -> impl Iterator<Item = &Airline> {
        self.airlines.values()
    }
}

fn rank(a: &Airline) -> (bool, bool) {
    (a.active, a.icao.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_assets_parse_completely() {
        let r = Reference::embedded();
        assert_eq!(r.airports().count(), 7884);
        let fra = r.airport("FRA").expect("FRA");
        assert_eq!(fra.tz, chrono_tz::Europe::Berlin);
        assert_eq!(fra.icao.as_deref(), Some("EDDF"));
        let lh = r.airline("LH").expect("LH");
        assert_eq!(lh.name, "Lufthansa");
        assert_eq!(r.airline_by_icao("DLH").map(|a| a.iata.as_str()), Some("LH"));
        assert!(Reference::embedded_routes().len() > 60_000);
    }
}
