use crate::secret::Secret;
use tokio::time::Instant;

/// An OAuth2 bearer token and when to stop using it.
#[derive(Debug, Clone)]
pub(super) struct CachedToken {
    pub token: Secret,
    pub refresh_at: Instant,
}

#[derive(serde::Deserialize)]
pub(super) struct TokenResponse {
    pub access_token: Secret,
    #[serde(default)]
    pub expires_in: Option<serde_json::Value>,
}

/// Refresh this long before the token runs out.
const MARGIN_SECS: u64 = 60;

impl TokenResponse {
    pub fn into_cached(self, now: Instant) -> CachedToken {
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
