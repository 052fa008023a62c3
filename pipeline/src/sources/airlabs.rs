//! AirLabs v9: `/flights`, `/schedules`, `/airports`, `/airlines`. The key travels as the
//! `api_key` query parameter, so every URL that is logged or stored is redacted first. An error
//! envelope (`{"error":{"code","message"}}`, even with HTTP 200) becomes a typed error after the
//! answer has been handed back for the lake.

use super::{CallSpec, RetryPolicy, SourceError, redact_url, send_with_retry};
use crate::clock::SharedClock;
use crate::model::{RawResponse, Source};
use crate::secret::Secret;
use std::time::Duration;

const API: &str = "airlabs";
pub const AIRLABS_BASE_URL: &str = "https://airlabs.co/api/v9";
/// The free plan's monthly calls (apis.md §2.1).
pub const FREE_MONTHLY_CALLS: u32 = 1000;

/// One AirLabs request.
#[derive(Debug, Clone, PartialEq)]
pub enum AirlabsQuery {
    /// Every aircraft AirLabs tracks, the world over (one call, as any box is).
    Flights,
    /// Positions inside `south, west, north, east` (degrees).
    FlightsInBox {
        south: f64,
        west: f64,
        north: f64,
        east: f64,
    },
    /// Positions of one airline's fleet (IATA code).
    FlightsOfAirline(String),
    /// An airport's departures board (IATA code).
    Departures(String),
    /// An airport's arrivals board (IATA code).
    Arrivals(String),
    Airports,
    Airlines,
}

impl AirlabsQuery {
    pub fn endpoint(&self) -> &'static str {
        match self {
            Self::Flights | Self::FlightsInBox { .. } | Self::FlightsOfAirline(_) => "flights",
            Self::Departures(_) | Self::Arrivals(_) => "schedules",
            Self::Airports => "airports",
            Self::Airlines => "airlines",
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        let code = |c: &str| c.chars().filter(|ch| ch.is_ascii_alphanumeric()).collect::<String>();
        match self {
            Self::FlightsInBox { south, west, north, east } => vec![("bbox", format!("{south},{west},{north},{east}"))],
            Self::FlightsOfAirline(a) => vec![("airline_iata", code(a))],
            Self::Departures(a) => vec![("dep_iata", code(a))],
            Self::Arrivals(a) => vec![("arr_iata", code(a))],
            Self::Flights | Self::Airports | Self::Airlines => Vec::new(),
        }
    }
}

/// Calls one AirLabs run makes: `/flights` once, and each airport's departures and arrivals.
pub fn calls_per_run(airports: usize) -> u32 {
    1 + 2 * airports as u32
}

/// How often a job may run when `calls_per_run` calls each run must fit `monthly_calls` a month.
pub fn interval_for_budget(monthly_calls: u32, calls_per_run: u32) -> Duration {
    const MONTH: u64 = 30 * 24 * 3600;
    let runs = (monthly_calls / calls_per_run.max(1)).max(1) as u64;
    Duration::from_secs(MONTH.div_ceil(runs))
}

pub struct AirlabsClient {
    http: reqwest::Client,
    base_url: String,
    api_key: Secret,
    clock: SharedClock,
    retry: RetryPolicy,
}

impl std::fmt::Debug for AirlabsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AirlabsClient").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

impl AirlabsClient {
    pub fn new(http: reqwest::Client, base_url: &str, api_key: Secret, clock: SharedClock) -> Self {
        Self {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            api_key,
            clock,
            retry: RetryPolicy::default(),
        }
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// One call. The answer is returned as received; an AirLabs error envelope is pushed to
    /// `earlier` (with every failed attempt) and returned as [`SourceError::Api`].
    pub async fn fetch(
        &self,
        query: &AirlabsQuery,
        earlier: &mut Vec<RawResponse>,
    ) -> Result<RawResponse, SourceError> {
        let mut url = url::Url::parse(&format!("{}/{}", self.base_url, query.endpoint())).map_err(|e| {
            SourceError::Transport { api: API, url: redact_url(&self.base_url), message: e.to_string() }
        })?;
        url.query_pairs_mut().extend_pairs(query.params()).append_pair("api_key", self.api_key.expose());
        let shown = redact_url(url.as_str());
        let spec = CallSpec { api: API, source: Source::Airlabs, endpoint: query.endpoint(), shown_url: &shown };
        let raw =
            send_with_retry(&spec, &self.retry, None, &self.clock, earlier, || self.http.get(url.clone())).await?;
        if let Some((code, message)) = error_envelope(&raw.body) {
            earlier.push(raw);
            return Err(SourceError::Api { api: API, code, message });
        }
        Ok(raw)
    }
}

/// `{"error":{"message","code"}}` → `(code, message)`, sanitised and short.
fn error_envelope(body: &[u8]) -> Option<(String, String)> {
    #[derive(serde::Deserialize)]
    struct Envelope {
        error: Option<serde_json::Value>,
    }
    let e = serde_json::from_slice::<Envelope>(body).ok()?.error?;
    let field = |k: &str| crate::clean::text(&e, &format!("/{k}")).map(|t| t.chars().take(200).collect::<String>());
    Some((field("code").unwrap_or_else(|| "unknown".into()), field("message").unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_intervals() {
        // 1,000 calls a month, 3 calls a run: 333 runs, one every 2 h 10 min.
        assert_eq!(interval_for_budget(1000, 3), Duration::from_secs(7784));
        assert_eq!(interval_for_budget(0, 3), Duration::from_secs(30 * 24 * 3600));
    }

    #[test]
    fn error_envelopes() {
        let (code, msg) =
            error_envelope(br#"{"error":{"message":"Unknown api_key","code":"unknown_api_key"}}"#).unwrap();
        assert_eq!((code.as_str(), msg.as_str()), ("unknown_api_key", "Unknown api_key"));
        assert_eq!(error_envelope(br#"{"response":[]}"#), None);
        assert_eq!(error_envelope(b"not json"), None);
    }
}
