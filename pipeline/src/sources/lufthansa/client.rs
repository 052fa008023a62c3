use super::BoardRequest;
use super::token::{CachedToken, TokenResponse};
use crate::clock::SharedClock;
use crate::model::{RawResponse, Source};
use crate::secret::Secret;
use crate::sources::{SourceError, redact_url};
use tokio::sync::Mutex;

const API: &str = "lufthansa";

#[derive(Clone, Debug)]
pub struct LufthansaCredentials {
    pub client_id: Secret,
    pub client_secret: Secret,
}

/// The Lufthansa Open API client. The base URL is `https://api.lufthansa.com/v1` in production
/// and the demo simulator's loopback address otherwise.
pub struct LufthansaClient {
    http: reqwest::Client,
    base_url: String,
    credentials: LufthansaCredentials,
    token: Mutex<Option<CachedToken>>,
    clock: SharedClock,
}

impl std::fmt::Debug for LufthansaClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LufthansaClient").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

impl LufthansaClient {
    pub fn new(http: reqwest::Client, base_url: &str, credentials: LufthansaCredentials, clock: SharedClock) -> Self {
        Self { http, base_url: base_url.trim_end_matches('/').to_string(), credentials, token: Mutex::new(None), clock }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// One page of a flight-status board. Any HTTP answer is returned as received (404 is the
    /// API's "no flights in this window"); only transport and authentication failures are errors.
    pub async fn fetch_board_page(&self, req: &BoardRequest, offset: usize) -> Result<RawResponse, SourceError> {
        let url = format!(
            "{}/{}?serviceType=passenger&limit={}&offset={offset}",
            self.base_url,
            req.path(),
            super::PAGE_SIZE
        );
        self.get(&url, req.endpoint()).await
    }

    async fn get(&self, url: &str, endpoint: &str) -> Result<RawResponse, SourceError> {
        let shown = redact_url(url);
        let mut refreshed = false;
        loop {
            let token = self.bearer(refreshed).await?;
            let resp = self
                .http
                .get(url)
                .header(reqwest::header::AUTHORIZATION, format!("Bearer {}", token.expose()))
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await
                .map_err(|e| SourceError::transport(API, &shown, &e))?;
            let status = resp.status().as_u16();
            if status == 401 && !refreshed {
                // The token may have been revoked early: fetch a new one, once.
                *self.token.lock().await = None;
                refreshed = true;
                continue;
            }
            let fetched_at = crate::model::fetch_time(self.clock.now());
            let body = resp.bytes().await.map_err(|e| SourceError::transport(API, &shown, &e))?;
            return Ok(RawResponse {
                source: Source::Lufthansa,
                endpoint: endpoint.to_string(),
                url: shown,
                http_status: status,
                fetched_at,
                body: body.to_vec(),
            });
        }
    }

    async fn bearer(&self, force: bool) -> Result<Secret, SourceError> {
        let mut cached = self.token.lock().await;
        if !force && let Some(t) = cached.as_ref().filter(|t| tokio::time::Instant::now() < t.refresh_at) {
            return Ok(t.token.clone());
        }
        let url = format!("{}/oauth/token", self.base_url);
        let shown = redact_url(&url);
        let form = [
            ("client_id", self.credentials.client_id.expose()),
            ("client_secret", self.credentials.client_secret.expose()),
            ("grant_type", "client_credentials"),
        ];
        let resp =
            self.http.post(&url).form(&form).send().await.map_err(|e| SourceError::transport(API, &shown, &e))?;
        let status = resp.status().as_u16();
        let body = resp.bytes().await.map_err(|e| SourceError::transport(API, &shown, &e))?;
        if status != 200 {
            return Err(SourceError::Auth { api: API, status, message: error_text(&body) });
        }
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|e| SourceError::Auth {
            api: API,
            status,
            message: format!("token response is not the documented JSON: {e}"),
        })?;
        let fresh = parsed.into_cached(tokio::time::Instant::now());
        let token = fresh.token.clone();
        *cached = Some(fresh);
        Ok(token)
    }
}

/// A short, safe description of an error body (`{"Error": "..."}` or `{"error": "..."}`).
fn error_text(body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let msg = ["Error", "error", "error_description"]
        .iter()
        .find_map(|k| v.get(*k).and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| "no error message".to_string());
    crate::model::text::sanitize(&msg).chars().take(200).collect()
}
