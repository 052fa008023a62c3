use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

/// The outside APIs skyboard reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Lufthansa,
    Airlabs,
    Opensky,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lufthansa => "lufthansa",
            Self::Airlabs => "airlabs",
            Self::Opensky => "opensky",
        }
    }
}

impl std::str::FromStr for Source {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        [Self::Lufthansa, Self::Airlabs, Self::Opensky]
            .into_iter()
            .find(|source| source.as_str() == s)
            .ok_or_else(|| format!("unknown source {s:?} (lufthansa, airlabs or opensky)"))
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One HTTP response exactly as received, with what is needed to file it in the lake.
#[derive(Clone, PartialEq, Eq)]
pub struct RawResponse {
    pub source: Source,
    /// A stable endpoint name, e.g. `flightstatus-departures`.
    pub endpoint: String,
    /// The request URL with every secret removed.
    pub url: String,
    pub http_status: u16,
    pub fetched_at: DateTime<Utc>,
    pub body: Vec<u8>,
}

impl std::fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawResponse")
            .field("source", &self.source)
            .field("endpoint", &self.endpoint)
            .field("url", &self.url)
            .field("http_status", &self.http_status)
            .field("fetched_at", &self.fetched_at)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Fetch times are kept to the millisecond, the finest every store (S3 metadata, BSON dates,
/// SQLite text, MySQL DATETIME(6)) holds alike.
pub fn fetch_time(now: DateTime<Utc>) -> DateTime<Utc> {
    now.trunc_subsecs(3)
}
