/// An airline or another aircraft operator (cargo, business jets, air forces, flight schools),
/// with an IATA code, an ICAO code or both. The warehouse keys it by [`Airline::code`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Airline {
    /// IATA airline designator (2 characters), when it has one: legs and boards name carriers by it.
    pub iata: Option<String>,
    /// ICAO airline designator (3 letters), when it has one: callsigns begin with it.
    pub icao: Option<String>,
    pub name: String,
    pub callsign: Option<String>,
    pub country: Option<String>,
    pub active: bool,
}

impl Airline {
    /// Its key: the IATA code, else the ICAO code (2 and 3 characters: they never collide).
    /// Every airline skyboard builds has at least one of the two.
    pub fn code(&self) -> &str {
        self.iata.as_deref().or(self.icao.as_deref()).unwrap_or_default()
    }
}
