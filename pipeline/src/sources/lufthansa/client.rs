use super::BoardRequest;
use crate::clock::SharedClock;
use crate::model::{RawResponse, Source};
use crate::sources::oauth::{ClientCredentials, OAuthTokens, error_message};
use crate::sources::{CallSpec, RateLimiter, RateLimits, RetryPolicy, SourceError, redact_url, send_with_retry};
use std::time::Duration;

const API: &str = "lufthansa";
/// How often a 403 "Over Queries Per Second" is waited out before giving up on the call.
const QPS_RETRIES: u32 = 3;

/// `LH_CLIENT_ID` and `LH_CLIENT_SECRET`.
pub type LufthansaCredentials = ClientCredentials;

/// The Lufthansa reference lists skyboard refreshes daily.
pub const REFERENCE_LISTS: &[&str] = &["airports", "cities", "countries", "airlines", "aircraft"];

/// The Lufthansa Open API client. The base URL is `https://api.lufthansa.com/v1` in production
/// and the demo simulator's loopback address otherwise. Every call takes a slot from the
/// client-side limiter (5/s and an hourly budget by default).
pub struct LufthansaClient {
    http: reqwest::Client,
    base_url: String,
    tokens: OAuthTokens,
    clock: SharedClock,
    limiter: RateLimiter,
    retry: RetryPolicy,
}

impl std::fmt::Debug for LufthansaClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LufthansaClient").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

impl LufthansaClient {
    pub fn new(http: reqwest::Client, base_url: &str, credentials: LufthansaCredentials, clock: SharedClock) -> Self {
        let base_url = base_url.trim_end_matches('/').to_string();
        Self {
            http,
            tokens: OAuthTokens::new(API, &format!("{base_url}/oauth/token"), credentials),
            base_url,
            clock,
            limiter: RateLimiter::new(RateLimits::LUFTHANSA_PUBLIC),
            retry: RetryPolicy::default(),
        }
    }

    /// Other call limits (a raised quota) and retry policy.
    pub fn with_limits(mut self, limits: RateLimits, retry: RetryPolicy) -> Self {
        self.limiter = RateLimiter::new(limits);
        self.retry = retry;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn limiter(&self) -> &RateLimiter {
        &self.limiter
    }

    /// One page of a flight-status board. Any HTTP answer is returned as received (404 is the
    /// API's "no flights in this window"); answers to failed attempts (5xx, 403 throttling) are
    /// pushed to `earlier`. Only transport, authentication and budget failures are errors.
    pub async fn fetch_board_page(
        &self,
        req: &BoardRequest,
        offset: usize,
        earlier: &mut Vec<RawResponse>,
    ) -> Result<RawResponse, SourceError> {
        let url = format!(
            "{}/{}?serviceType=passenger&limit={}&offset={offset}",
            self.base_url,
            req.path(),
            super::PAGE_SIZE
        );
        self.get(&url, req.endpoint(), earlier).await
    }

    /// The status of one flight (`LH400`) on a local date (`2026-11-27`), for a flight the user opens.
    pub async fn fetch_flight_status(
        &self,
        flight: &str,
        date: chrono::NaiveDate,
        earlier: &mut Vec<RawResponse>,
    ) -> Result<RawResponse, SourceError> {
        let flight: String = flight.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let url = format!("{}/operations/flightstatus/{flight}/{}", self.base_url, date.format("%Y-%m-%d"));
        self.get(&url, "flightstatus-flight", earlier).await
    }

    /// One page (up to 100 records) of a reference list: `airports`, `cities`, `countries`,
    /// `airlines` or `aircraft`.
    pub async fn fetch_reference_page(
        &self,
        list: &str,
        offset: usize,
        earlier: &mut Vec<RawResponse>,
    ) -> Result<RawResponse, SourceError> {
        let list = REFERENCE_LISTS.iter().find(|l| **l == list).copied().unwrap_or("airports");
        let url = format!("{}/mds-references/{list}?lang=EN&limit=100&offset={offset}", self.base_url);
        self.get(&url, &format!("references-{list}"), earlier).await
    }

    async fn get(&self, url: &str, endpoint: &str, earlier: &mut Vec<RawResponse>) -> Result<RawResponse, SourceError> {
        let shown = redact_url(url);
        let spec = CallSpec { api: API, source: Source::Lufthansa, endpoint, shown_url: &shown };
        let mut refreshed = false;
        let mut throttled = 0;
        loop {
            let token = self.tokens.bearer(&self.http, Some(&self.limiter)).await?;
            let raw = send_with_retry(&spec, &self.retry, Some(&self.limiter), &self.clock, earlier, || {
                self.http
                    .get(url)
                    .header(reqwest::header::AUTHORIZATION, format!("Bearer {}", token.expose()))
                    .header(reqwest::header::ACCEPT, "application/json")
            })
            .await?;
            match raw.http_status {
                // The token may have been revoked early: fetch a new one, once.
                401 if !refreshed => {
                    refreshed = true;
                    self.tokens.invalidate().await;
                    earlier.push(raw);
                }
                403 => match error_message(&raw.body).as_str() {
                    e if e.contains("Over Queries Per Second") && throttled < QPS_RETRIES => {
                        tracing::warn!(api = API, "403 over queries per second; waiting a second");
                        throttled += 1;
                        earlier.push(raw);
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                    e if e.contains("Over Rate Limit") => {
                        let retry_in = until_next_hour(self.clock.now());
                        self.limiter.back_off(retry_in).await;
                        tracing::warn!(api = API, "403 over rate limit; backing off for {}s", retry_in.as_secs());
                        earlier.push(raw);
                        return Err(SourceError::RateLimited { api: API, retry_in });
                    }
                    _ => return Ok(raw),
                },
                _ => return Ok(raw),
            }
        }
    }
}

/// Time left in the current clock hour: the gateway's longer window resets on the hour.
fn until_next_hour(now: chrono::DateTime<chrono::Utc>) -> Duration {
    let into_hour = now.timestamp().rem_euclid(3600) as u64;
    Duration::from_secs(3600 - into_hour)
}
