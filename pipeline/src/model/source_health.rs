use chrono::{DateTime, Utc};

/// How one source's fetches have gone lately, as the warehouse's runs table tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceHealth {
    /// `lufthansa`, `airlabs`, `opensky`.
    pub source: String,
    pub last_ok: Option<DateTime<Utc>>,
    pub last_error: Option<DateTime<Utc>>,
    /// The newest error's text, when there is one.
    pub error: Option<String>,
}

impl SourceHealth {
    /// The newest fetch failed.
    pub fn failing(&self) -> bool {
        match (self.last_error, self.last_ok) {
            (Some(e), Some(ok)) => e > ok,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}
