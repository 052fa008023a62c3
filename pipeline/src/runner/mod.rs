//! Drives the stages: one cycle fetches every board window, files each response in the lake,
//! stages its records, then cleans what is new in staging into the warehouse.

mod clean_chunk;
mod crash_point;
mod drain;
mod fetch;
mod fetch_positions;
mod fetch_reference;
mod heal;
mod ingest;
mod jobs;
mod metrics;
mod metrics_server;
mod pipeline;
mod places;
mod replay;
mod report;
mod retention;
mod scheduler;
mod service;
mod stores;

pub use ingest::{IngestFailure, IngestOutcome};
pub use jobs::JobSpec;
pub use metrics::{CLEANER_JOB, Metrics};
pub use metrics_server::serve_metrics;
pub use pipeline::{Pipeline, PipelineSettings, Stores, default_instance_name};
pub use replay::{ReplayRange, parse_time_arg};
pub use report::{CycleReport, reason_kind};
pub use retention::{RETENTION_JOB, Retention, RetentionReport};
pub use scheduler::{RunObservers, SchedulerSettings, run_scheduled};
pub use service::{ServiceSettings, lead_once, run_led};
pub use stores::{StoreConfig, StoreOpenError, open_lake, open_staging, open_stores};

/// The staging consumer name of the cleaner.
pub const CLEANER: &str = "cleaner";
