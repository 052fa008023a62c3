//! OpenSky `/states/all`: live positions with no key at all. Anonymous by default (400 credits a
//! day), OAuth2 client credentials when configured (4,000 a day). A bounding box costs fewer
//! credits than the whole world; the client keeps its own count and refuses calls that would
//! overspend the day; a 429 stops calls for an hour.

use super::oauth::{ClientCredentials, OAuthTokens};
use super::{CallSpec, RetryPolicy, SourceError, redact_url, send_with_retry};
use crate::clock::SharedClock;
use crate::model::{RawResponse, Source};
use chrono::{DateTime, NaiveDate, Utc};
use std::time::Duration;
use tokio::sync::Mutex;

const API: &str = "opensky";
pub const OPENSKY_BASE_URL: &str = "https://opensky-network.org/api";
pub const OPENSKY_TOKEN_URL: &str =
    "https://auth.opensky-network.org/auth/realms/opensky-network/protocol/openid-connect/token";
pub const ANONYMOUS_DAILY_CREDITS: u32 = 400;
pub const AUTHENTICATED_DAILY_CREDITS: u32 = 4000;

/// A box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub lamin: f64,
    pub lomin: f64,
    pub lamax: f64,
    pub lomax: f64,
}

impl BoundingBox {
    /// Credits one `/states/all` call costs: by the box's area in square degrees.
    pub fn credits(bbox: Option<&BoundingBox>) -> u32 {
        let Some(b) = bbox else { return 4 };
        let area = ((b.lamax - b.lamin) * (b.lomax - b.lomin)).abs();
        match area {
            a if a <= 25.0 => 1,
            a if a <= 100.0 => 2,
            a if a <= 400.0 => 3,
            _ => 4,
        }
    }
}

#[derive(Debug, Default)]
struct DailyCredits {
    day: Option<NaiveDate>,
    spent: u32,
    blocked_until: Option<DateTime<Utc>>,
}

/// How often `/states/all` over `bbox` (`None`: the world) may be called when a day has
/// `daily_credits`: the day's credits spread evenly over the day, at most every 10 seconds.
pub fn refresh_interval(daily_credits: u32, bbox: Option<&BoundingBox>) -> std::time::Duration {
    let calls_a_day = (daily_credits / BoundingBox::credits(bbox).max(1)).max(1);
    std::time::Duration::from_secs((24 * 3600 / u64::from(calls_a_day)).max(10))
}

pub struct OpenskyClient {
    http: reqwest::Client,
    base_url: String,
    tokens: Option<OAuthTokens>,
    clock: SharedClock,
    retry: RetryPolicy,
    daily_credits: u32,
    credits: Mutex<DailyCredits>,
}

impl std::fmt::Debug for OpenskyClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenskyClient")
            .field("base_url", &self.base_url)
            .field("authenticated", &self.tokens.is_some())
            .finish_non_exhaustive()
    }
}

impl OpenskyClient {
    /// `credentials` with `token_url` for the authenticated plan; `None` for anonymous use.
    pub fn new(
        http: reqwest::Client,
        base_url: &str,
        credentials: Option<(ClientCredentials, String)>,
        clock: SharedClock,
    ) -> Self {
        let daily_credits = if credentials.is_some() { AUTHENTICATED_DAILY_CREDITS } else { ANONYMOUS_DAILY_CREDITS };
        Self {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            tokens: credentials.map(|(c, url)| OAuthTokens::new(API, &url, c)),
            clock,
            retry: RetryPolicy::default(),
            daily_credits,
            credits: Mutex::new(DailyCredits::default()),
        }
    }

    /// A day's credits other than the plan's (the demo simulator has no budget to keep).
    pub fn with_daily_credits(mut self, daily_credits: u32) -> Self {
        self.daily_credits = daily_credits;
        self
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The day's credit allowance (anonymous or authenticated).
    pub fn daily_credits(&self) -> u32 {
        self.daily_credits
    }

    /// Credits left today (UTC).
    pub async fn credits_left(&self) -> u32 {
        let c = self.credits.lock().await;
        let today = self.clock.now().date_naive();
        if c.day == Some(today) { self.daily_credits.saturating_sub(c.spent) } else { self.daily_credits }
    }

    /// Every aircraft state vector, inside `bbox` when given.
    pub async fn fetch_states(
        &self,
        bbox: Option<&BoundingBox>,
        earlier: &mut Vec<RawResponse>,
    ) -> Result<RawResponse, SourceError> {
        let cost = BoundingBox::credits(bbox);
        self.spend(cost).await?;
        let mut url = format!("{}/states/all", self.base_url);
        if let Some(b) = bbox {
            url.push_str(&format!("?lamin={}&lomin={}&lamax={}&lomax={}", b.lamin, b.lomin, b.lamax, b.lomax));
        }
        let shown = redact_url(&url);
        let spec = CallSpec { api: API, source: Source::Opensky, endpoint: "states-all", shown_url: &shown };
        let mut refreshed = false;
        loop {
            let token = match &self.tokens {
                Some(t) => Some(t.bearer(&self.http, None).await?),
                None => None,
            };
            let raw = send_with_retry(&spec, &self.retry, None, &self.clock, earlier, || {
                let req = self.http.get(&url).header(reqwest::header::ACCEPT, "application/json");
                match &token {
                    Some(t) => req.bearer_auth(t.expose()),
                    None => req,
                }
            })
            .await?;
            match raw.http_status {
                401 if !refreshed && self.tokens.is_some() => {
                    refreshed = true;
                    if let Some(t) = &self.tokens {
                        t.invalidate().await;
                    }
                    earlier.push(raw);
                }
                429 => {
                    let retry_in = Duration::from_secs(3600);
                    self.credits.lock().await.blocked_until =
                        Some(self.clock.now() + chrono::Duration::from_std(retry_in).unwrap_or_default());
                    earlier.push(raw);
                    return Err(SourceError::RateLimited { api: API, retry_in });
                }
                _ => return Ok(raw),
            }
        }
    }

    async fn spend(&self, cost: u32) -> Result<(), SourceError> {
        let now = self.clock.now();
        let mut c = self.credits.lock().await;
        if let Some(until) = c.blocked_until.filter(|u| *u > now) {
            return Err(SourceError::RateLimited { api: API, retry_in: (until - now).to_std().unwrap_or_default() });
        }
        let today = now.date_naive();
        if c.day != Some(today) {
            *c = DailyCredits { day: Some(today), ..DailyCredits::default() };
        }
        if c.spent + cost > self.daily_credits {
            let midnight = (today + chrono::Days::new(1)).and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or(now);
            return Err(SourceError::RateLimited { api: API, retry_in: (midnight - now).to_std().unwrap_or_default() });
        }
        c.spent += cost;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_by_area() {
        let b = |d: f64| BoundingBox { lamin: 45.0, lomin: 5.0, lamax: 45.0 + d, lomax: 5.0 + d };
        assert_eq!(BoundingBox::credits(None), 4);
        assert_eq!(BoundingBox::credits(Some(&b(5.0))), 1);
        assert_eq!(BoundingBox::credits(Some(&b(10.0))), 2);
        assert_eq!(BoundingBox::credits(Some(&b(20.0))), 3);
        assert_eq!(BoundingBox::credits(Some(&b(21.0))), 4);
        // The world costs 4 credits: anonymous 100 calls a day (every 14.4 minutes), with an
        // account 1,000 (every 86 s).
        assert_eq!(refresh_interval(ANONYMOUS_DAILY_CREDITS, None).as_secs(), 864);
        assert_eq!(refresh_interval(AUTHENTICATED_DAILY_CREDITS, None).as_secs(), 86);
        assert_eq!(refresh_interval(u32::MAX, None).as_secs(), 10);
    }
}
