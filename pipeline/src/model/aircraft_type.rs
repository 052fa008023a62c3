/// An aircraft type from the reference data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AircraftType {
    /// IATA aircraft type code (`74H`, `32N`).
    pub code: String,
    /// ICAO type designator (`B748`) when a source gives one (Lufthansa does not).
    pub icao: Option<String>,
    pub name: String,
}
