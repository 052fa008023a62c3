use std::time::Duration;

/// Settings shared by every HTTP client.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self { connect_timeout: Duration::from_secs(5), total_timeout: Duration::from_secs(30) }
    }
}

pub fn user_agent() -> String {
    format!("skyboard/{} (+https://github.com/skyboard/skyboard)", env!("CARGO_PKG_VERSION"))
}

/// A reqwest client (rustls) with timeouts and skyboard's User-Agent.
pub fn build_http_client(settings: &HttpSettings) -> Result<reqwest::Client, reqwest::Error> {
    crate::tls::install_crypto_provider();
    reqwest::Client::builder()
        .user_agent(user_agent())
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.total_timeout)
        .build()
}

/// Query parameters that carry secrets in some API (AirLabs puts its key in the URL).
const SECRET_PARAMS: &[&str] =
    &["api_key", "apikey", "key", "token", "access_token", "client_secret", "password", "signature"];

/// The URL with the value of every secret-bearing query parameter and any userinfo replaced.
pub fn redact_url(raw: &str) -> String {
    let Ok(mut url) = url::Url::parse(raw) else {
        return "<unparseable url>".to_string();
    };
    if !url.username().is_empty() || url.password().is_some() {
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    if url.query().is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let secret = SECRET_PARAMS.iter().any(|s| k.eq_ignore_ascii_case(s));
                (k.into_owned(), if secret { crate::secret::REDACTED.to_string() } else { v.into_owned() })
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_leave_the_url() {
        let r = redact_url("https://u:p@airlabs.co/api/v9/flights?api_key=abc123&airline_iata=LH");
        assert!(!r.contains("abc123") && !r.contains("u:p"), "{r}");
        assert!(r.contains("airline_iata=LH"));
        assert_eq!(redact_url("::"), "<unparseable url>");
    }
}
