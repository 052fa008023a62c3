//! Clients for the outside APIs. Each returns [`RawResponse`](crate::model::RawResponse)s
//! exactly as received; parsing is the cleaner's job.

pub mod airlabs;
mod call;
mod error;
mod http;
pub mod limiter;
pub mod lufthansa;
pub mod oauth;
pub mod opensky;
pub mod saved_file;

pub(crate) use call::{CallSpec, send_with_retry};
pub use call::{MAX_BODY_BYTES, RetryPolicy};
pub use error::SourceError;
pub use http::{HttpSettings, build_http_client, redact_url, user_agent};
pub use limiter::{BudgetExhausted, RateLimiter, RateLimits};
