/// An airline from the reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Airline {
    pub iata: String,
    pub icao: Option<String>,
    pub name: String,
    pub callsign: Option<String>,
    pub country: Option<String>,
    pub active: bool,
}
