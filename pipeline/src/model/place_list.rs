//! Browsing places: a country's airports, or every airport of a city, each with its traffic of
//! a local day.

use super::Airport;

/// Which airports to list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PlaceFilter {
    /// By ISO 3166-1 alpha-2 code (`DE`).
    Country(String),
    /// By the city they serve, case ignored (`London`).
    City(String),
}

/// One airport of the list with its day.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceTraffic {
    pub airport: Airport,
    /// Legs scheduled to depart that local day; `None` when the warehouse holds no leg of the
    /// airport at all (not fetched: unknown, not none).
    pub departures: Option<u32>,
    /// Legs scheduled to arrive that local day (by the scheduled arrival, else the departure).
    pub arrivals: Option<u32>,
}

impl PlaceTraffic {
    /// The day's legs, for ordering: those with flights first.
    pub fn legs(&self) -> u32 {
        self.departures.unwrap_or(0) + self.arrivals.unwrap_or(0)
    }
}
