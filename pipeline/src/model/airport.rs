use chrono_tz::Tz;

/// An airport from the reference data, keyed by its IATA code.
#[derive(Debug, Clone, PartialEq)]
pub struct Airport {
    pub iata: String,
    pub icao: Option<String>,
    pub name: String,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub tz: Tz,
    pub elevation_ft: Option<f64>,
}
