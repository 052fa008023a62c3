/// A failed call to an outside API. Never carries a secret: URLs are redacted before they get here.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{api}: could not reach {url}: {message}")]
    Transport { api: &'static str, url: String, message: String },
    #[error("{api}: authentication failed (HTTP {status}): {message}")]
    Auth { api: &'static str, status: u16, message: String },
    #[error("{api}: call budget exhausted or the API asked to slow down; next call in {}s", retry_in.as_secs())]
    RateLimited { api: &'static str, retry_in: std::time::Duration },
    #[error("{api}: the API answered with error {code}: {message}")]
    Api { api: &'static str, code: String, message: String },
    #[error("{api}: the answer from {url} was larger than {limit} bytes; not kept")]
    TooLarge { api: &'static str, url: String, limit: usize },
    #[error("{api}: unexpected HTTP {status} from {url}")]
    Status { api: &'static str, url: String, status: u16 },
}

impl SourceError {
    pub(crate) fn transport(api: &'static str, url: &str, err: &reqwest::Error) -> Self {
        // reqwest's Display includes the URL; ours is already redacted, so print the cause chain only.
        let mut message = String::new();
        let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
        if err.is_timeout() {
            message.push_str("timed out");
        } else if err.is_connect() {
            message.push_str("connection failed");
        } else {
            message.push_str("request failed");
        }
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Self::Transport { api, url: url.to_string(), message }
    }
}
