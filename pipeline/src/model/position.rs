use chrono::{DateTime, Utc};

/// Where an aircraft was, as one source saw it. Units: metres, km/h, m/s, degrees.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// ICAO 24-bit address, lower-case hex (`3c6702`).
    pub icao24: String,
    /// The ATC callsign as transmitted (`DLH8MN`), never turned into a flight number here.
    pub callsign: Option<String>,
    /// The IATA flight number, only when the source says so (AirLabs `flight_iata`) or when
    /// an all-digit callsign has a known ICAO→IATA airline (`DLH400` → `LH400`).
    pub flight_iata: Option<String>,
    pub registration: Option<String>,
    pub aircraft_type: Option<String>,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub altitude_m: Option<f64>,
    pub ground_speed_kmh: Option<f64>,
    pub heading: Option<f64>,
    pub vertical_rate_ms: Option<f64>,
    pub on_ground: Option<bool>,
    pub squawk: Option<String>,
    pub source: String,
    /// When the position was measured (not when it was fetched).
    pub observed_at: DateTime<Utc>,
    pub lake_key: String,
}
