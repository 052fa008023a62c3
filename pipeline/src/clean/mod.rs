//! Pure cleaning: one raw record in, a typed row or a reasoned rejection out. No I/O, no clock.

pub mod airlabs;
pub mod body_shape;
pub mod dispatch;
mod json;
pub mod lufthansa;
pub mod opensky;
pub mod scalar;
mod time;

pub use dispatch::CleanRow;
pub use json::{as_list, number, text};
pub use time::{local_to_utc, parse_local_minutes, parse_utc_minutes};

use chrono::{DateTime, Utc};

/// Where a record came from; carried into every row and rejection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordContext {
    pub source: String,
    pub endpoint: String,
    pub lake_key: String,
    pub fetched_at: DateTime<Utc>,
}

#[cfg(test)]
impl RecordContext {
    /// A record of `source`/`endpoint` fetched at `fetched_at`, from lake object `k` (tests).
    pub(crate) fn for_test(source: &str, endpoint: &str, fetched_at: DateTime<Utc>) -> Self {
        Self { source: source.into(), endpoint: endpoint.into(), lake_key: "k".into(), fetched_at }
    }
}

/// Why a record (or a whole response) was not loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub reason: String,
    pub natural_key: Option<String>,
}

impl Rejection {
    pub fn new(reason: impl Into<String>) -> Self {
        Self { reason: reason.into(), natural_key: None }
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}
