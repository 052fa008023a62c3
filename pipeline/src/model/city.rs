/// A city from the reference data: several airports may serve one city (`LON`: LHR, LGW, ...).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct City {
    /// IATA city code.
    pub code: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
}
