//! OAuth2 client credentials (Lufthansa, OpenSky): the token is cached, refreshed a minute before
//! `expires_in` runs out, and dropped on demand after a 401.

use super::{RateLimiter, SourceError, redact_url};
use crate::secret::Secret;
use tokio::sync::Mutex;
use tokio::time::Instant;

#[derive(Clone, Debug)]
pub struct ClientCredentials {
    pub client_id: Secret,
    pub client_secret: Secret,
}

#[derive(Debug, Clone)]
struct CachedToken {
    token: Secret,
    refresh_at: Instant,
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: Secret,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

/// Refresh this long before the token runs out.
const MARGIN_SECS: u64 = 60;

impl TokenResponse {
    fn into_cached(self, now: Instant) -> CachedToken {
        // expires_in is documented as a number of seconds; accept a numeric string too.
        let lifetime = match &self.expires_in {
            Some(serde_json::Value::Number(n)) => n.as_u64(),
            Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
        .unwrap_or(300);
        let usable = lifetime.saturating_sub(MARGIN_SECS.min(lifetime / 2));
        CachedToken { token: self.access_token, refresh_at: now + std::time::Duration::from_secs(usable) }
    }
}

/// A token source for one API.
pub struct OAuthTokens {
    api: &'static str,
    token_url: String,
    credentials: ClientCredentials,
    cached: Mutex<Option<CachedToken>>,
}

impl std::fmt::Debug for OAuthTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthTokens")
            .field("api", &self.api)
            .field("token_url", &self.token_url)
            .finish_non_exhaustive()
    }
}

impl OAuthTokens {
    pub fn new(api: &'static str, token_url: &str, credentials: ClientCredentials) -> Self {
        Self { api, token_url: token_url.to_string(), credentials, cached: Mutex::new(None) }
    }

    /// Forgets the cached token (after a 401).
    pub async fn invalidate(&self) {
        *self.cached.lock().await = None;
    }

    /// A valid bearer token: the cached one, or a fresh one from the token endpoint.
    pub async fn bearer(&self, http: &reqwest::Client, limiter: Option<&RateLimiter>) -> Result<Secret, SourceError> {
        let mut cached = self.cached.lock().await;
        if let Some(t) = cached.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.token.clone());
        }
        let api = self.api;
        let shown = redact_url(&self.token_url);
        let form = [
            ("client_id", self.credentials.client_id.expose()),
            ("client_secret", self.credentials.client_secret.expose()),
            ("grant_type", "client_credentials"),
        ];
        if let Some(l) = limiter {
            l.acquire().await.map_err(|e| SourceError::RateLimited { api, retry_in: e.retry_in })?;
        }
        let resp =
            http.post(&self.token_url).form(&form).send().await.map_err(|e| SourceError::transport(api, &shown, &e))?;
        let status = resp.status().as_u16();
        let body = resp.bytes().await.map_err(|e| SourceError::transport(api, &shown, &e))?;
        if status != 200 {
            return Err(SourceError::Auth { api, status, message: error_message(&body) });
        }
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|e| SourceError::Auth {
            api,
            status,
            message: format!("token response is not the documented JSON: {e}"),
        })?;
        let fresh = parsed.into_cached(Instant::now());
        let token = fresh.token.clone();
        *cached = Some(fresh);
        Ok(token)
    }
}

/// A short, safe description of an error body (`{"Error": "..."}`, `{"error": "..."}`,
/// `{"error_description": "..."}`).
pub fn error_message(body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let msg = ["Error", "error_description", "error"]
        .iter()
        .find_map(|k| v.get(*k).and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| "no error message".to_string());
    crate::model::text::sanitize(&msg).chars().take(200).collect()
}
