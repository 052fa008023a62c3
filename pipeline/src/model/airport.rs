use chrono_tz::Tz;

/// An airport (or another place with a location code: a rail station, a ferry port), with an
/// IATA code, an ICAO code or both. The warehouse keys it by [`Airport::code`].
#[derive(Debug, Clone, PartialEq)]
pub struct Airport {
    /// IATA location code (3 letters), when it has one: boards and legs name places by it.
    pub iata: Option<String>,
    /// ICAO location indicator (4 characters), when it has one.
    pub icao: Option<String>,
    pub name: String,
    /// The city it serves (Vancouver for YVR), not the municipality it stands in (Richmond).
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub tz: Tz,
    pub elevation_ft: Option<f64>,
}

impl Airport {
    /// Its key: the IATA code, else the ICAO code (3 and 4 characters: they never collide).
    /// Every airport skyboard builds has at least one of the two.
    pub fn code(&self) -> &str {
        self.iata.as_deref().or(self.icao.as_deref()).unwrap_or_default()
    }
}
