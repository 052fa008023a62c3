//! One logical API call: a limiter slot, the request, and retries with jittered exponential
//! backoff on timeouts, connection failures and 5xx answers. Every response received, the failed
//! attempts included, is handed back as received so it can go to the lake before any parsing.

use super::{RateLimiter, SourceError};
use crate::clock::SharedClock;
use crate::model::{RawResponse, Source};
use std::time::Duration;

/// How often and how patiently a call is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts after the first.
    pub retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { retries: 3, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(8) }
    }
}

impl RetryPolicy {
    /// The pause before retry `attempt` (0-based): exponential, capped, with full jitter in
    /// its upper half so that many clients do not retry in step.
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << attempt.min(16)).min(self.max_delay);
        exp.mul_f64(0.5 + fastrand::f64() / 2.0)
    }
}

/// What one request is: where it goes (already redacted for display) and how to build it.
pub(crate) struct CallSpec<'a> {
    pub api: &'static str,
    pub source: Source,
    pub endpoint: &'a str,
    /// The URL with every secret removed: this is what is logged and stored.
    pub shown_url: &'a str,
}

/// Sends the request built by `build` until it gets a non-5xx answer or runs out of retries.
/// Failed attempts that did answer (5xx) are pushed to `earlier`; the final answer is returned,
/// whatever its status. A transport failure after the last retry is an error.
pub(crate) async fn send_with_retry<F>(
    spec: &CallSpec<'_>,
    http_policy: &RetryPolicy,
    limiter: Option<&RateLimiter>,
    clock: &SharedClock,
    earlier: &mut Vec<RawResponse>,
    build: F,
) -> Result<RawResponse, SourceError>
where
    F: Fn() -> reqwest::RequestBuilder,
{
    let mut attempt = 0;
    loop {
        if let Some(l) = limiter {
            l.acquire().await.map_err(|e| SourceError::RateLimited { api: spec.api, retry_in: e.retry_in })?;
        }
        let outcome = match build().send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                match read_capped(resp, MAX_BODY_BYTES).await {
                    Ok(body) => Ok(RawResponse {
                        source: spec.source,
                        endpoint: spec.endpoint.to_string(),
                        url: spec.shown_url.to_string(),
                        http_status: status,
                        fetched_at: crate::model::fetch_time(clock.now()),
                        body,
                    }),
                    Err(BodyError::Transport(e)) => Err(SourceError::transport(spec.api, spec.shown_url, &e)),
                    // Asking again would only bring the same flood: not retried.
                    Err(BodyError::TooLarge) => {
                        return Err(SourceError::TooLarge {
                            api: spec.api,
                            url: spec.shown_url.to_string(),
                            limit: MAX_BODY_BYTES,
                        });
                    }
                }
            }
            Err(e) => Err(SourceError::transport(spec.api, spec.shown_url, &e)),
        };
        let retryable = match &outcome {
            Ok(raw) => raw.http_status >= 500,
            Err(_) => true,
        };
        if !retryable || attempt >= http_policy.retries {
            return outcome;
        }
        match outcome {
            Ok(raw) => {
                tracing::warn!(
                    api = spec.api,
                    url = spec.shown_url,
                    status = raw.http_status,
                    attempt,
                    "server error; retrying"
                );
                earlier.push(raw);
            }
            Err(e) => tracing::warn!(api = spec.api, attempt, "{e}; retrying"),
        }
        tokio::time::sleep(http_policy.delay(attempt)).await;
        attempt += 1;
    }
}

/// The largest response body kept (the biggest real answer, AirLabs' whole `/flights`, is
/// about 20 MB): a bigger or endless body is cut off and the call fails.
pub const MAX_BODY_BYTES: usize = 64 << 20;

#[derive(Debug)]
pub(crate) enum BodyError {
    Transport(reqwest::Error),
    TooLarge,
}

/// Reads a body chunk by chunk, giving up as soon as it passes `limit` bytes (or announces more).
pub(crate) async fn read_capped(mut resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, BodyError> {
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::with_capacity(resp.content_length().map_or(0, |n| n as usize));
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_body_over_the_limit_is_refused_whether_announced_or_streamed() {
        use wiremock::matchers::path;
        use wiremock::{Mock, MockServer, ResponseTemplate};
        let server = MockServer::start().await;
        Mock::given(path("/big"))
            .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![b'x'; 5_000]))
            .mount(&server)
            .await;
        let client = reqwest::Client::new();
        let get = || client.get(format!("{}/big", server.uri())).send();
        assert!(matches!(read_capped(get().await.unwrap(), 1_000).await, Err(BodyError::TooLarge)));
        assert_eq!(read_capped(get().await.unwrap(), 5_000).await.unwrap().len(), 5_000);
    }

    #[test]
    fn delays_grow_are_capped_and_jittered() {
        let p = RetryPolicy::default();
        for attempt in 0..10 {
            let d = p.delay(attempt);
            let full = p.base_delay.saturating_mul(1 << attempt).min(p.max_delay);
            assert!(d >= full / 2 && d <= full, "attempt {attempt}: {d:?} of {full:?}");
        }
    }
}
