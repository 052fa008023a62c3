//! `--demo-chaos`: the simulator sometimes answers 503, stalls past the client's timeout, or
//! cuts a JSON body short, so the pipeline's resilience shows live. Which request misbehaves is
//! decided from the seed and the request's sequence number.

use super::hash::stable_hash;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How often each fault happens, in percent of data requests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChaosSettings {
    pub server_error_percent: u64,
    pub stall_percent: u64,
    pub truncate_percent: u64,
    /// How long a stalled answer waits before it is sent (longer than the client's timeout).
    pub stall: Duration,
}

impl ChaosSettings {
    pub const OFF: Self =
        Self { server_error_percent: 0, stall_percent: 0, truncate_percent: 0, stall: Duration::from_secs(0) };

    /// The `--demo-chaos` mix: about one request in six misbehaves.
    pub fn on() -> Self {
        Self { server_error_percent: 8, stall_percent: 3, truncate_percent: 6, stall: Duration::from_secs(45) }
    }

    pub fn is_on(&self) -> bool {
        self.server_error_percent + self.stall_percent + self.truncate_percent > 0
    }
}

/// What the data endpoints answered so far.
#[derive(Debug, Default)]
pub struct ServedCounts {
    /// Complete answers sent (every status, truncated bodies included).
    pub answered: AtomicU64,
    pub server_errors: AtomicU64,
    pub truncated: AtomicU64,
    /// Answers held back past the client's timeout (the client never receives them).
    pub stalled: AtomicU64,
}

/// A snapshot of the demo server's served-answer counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Served {
    pub answered: u64,
    pub server_errors: u64,
    pub truncated: u64,
    pub stalled: u64,
}

impl ServedCounts {
    pub fn snapshot(&self) -> Served {
        Served {
            answered: self.answered.load(Ordering::SeqCst),
            server_errors: self.server_errors.load(Ordering::SeqCst),
            truncated: self.truncated.load(Ordering::SeqCst),
            stalled: self.stalled.load(Ordering::SeqCst),
        }
    }
}

pub struct Chaos {
    pub settings: ChaosSettings,
    pub seed: u64,
    pub sequence: AtomicU64,
    pub served: ServedCounts,
}

enum Fault {
    None,
    ServerError,
    Stall,
    Truncate,
}

impl Chaos {
    fn next_fault(&self) -> Fault {
        let s = &self.settings;
        if !s.is_on() {
            return Fault::None;
        }
        let n = self.sequence.fetch_add(1, Ordering::SeqCst);
        let roll = stable_hash(&[&self.seed.to_string(), "chaos", &n.to_string()]) % 100;
        if roll < s.server_error_percent {
            Fault::ServerError
        } else if roll < s.server_error_percent + s.stall_percent {
            Fault::Stall
        } else if roll < s.server_error_percent + s.stall_percent + s.truncate_percent {
            Fault::Truncate
        } else {
            Fault::None
        }
    }
}

/// Middleware for the data endpoints (token endpoints stay well-behaved).
pub async fn chaos_layer(State(chaos): State<Arc<Chaos>>, request: Request, next: Next) -> Response {
    let served = &chaos.served;
    let response = match chaos.next_fault() {
        Fault::None => next.run(request).await,
        Fault::ServerError => {
            served.server_errors.fetch_add(1, Ordering::SeqCst);
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/html")],
                "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
            )
                .into_response()
        }
        Fault::Stall => {
            served.stalled.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(chaos.settings.stall).await;
            return next.run(request).await;
        }
        Fault::Truncate => {
            let (parts, body) = next.run(request).await.into_parts();
            let Ok(bytes) = to_bytes(body, 64 * 1024 * 1024).await else {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            served.truncated.fetch_add(1, Ordering::SeqCst);
            let cut = bytes.slice(..bytes.len() / 2);
            let mut response = Response::from_parts(parts, Body::from(cut));
            response.headers_mut().remove(header::CONTENT_LENGTH);
            response
        }
    };
    served.answered.fetch_add(1, Ordering::SeqCst);
    response
}
