/// A country from the reference data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
}
