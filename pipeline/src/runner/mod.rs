//! Drives the stages: fetch → file in the lake → stage → clean → load. The jobs (`jobs.rs`)
//! fetch and file; the cleaner (`drain.rs`) cleans what is new in staging into the warehouse;
//! one scheduler runs both (`scheduler.rs`; `--once` runs its job list once, `pipeline.rs`).
//! Every stage tells what happened as typed events (`events.rs`) whose one consumer writes
//! the log line, moves the metrics and the status bar.

mod clean_chunk;
mod crash_point;
mod drain;
mod errors;
mod event_log;
mod events;
mod fetch;
mod fetch_positions;
mod filing;
mod heal;
mod ingest;
mod jobs;
mod leadership;
mod metrics;
mod metrics_server;
mod pipeline;
mod places;
mod replay;
mod report;
mod retention;
mod scheduler;
mod service;
mod status;
mod stores;

pub use errors::{Fault, PipelineError, Stage, StoreKind};
pub use events::{Endpoint, EventHub, PipelineEvent, Run};
pub use ingest::{INGEST_JOB, IngestFailure, IngestOutcome};
pub use jobs::JobSpec;
pub use metrics::{CLEANER_JOB, Metrics};
pub use metrics_server::serve_metrics;
pub use pipeline::{Pipeline, PipelineSettings, Sources, Stores, default_instance_name};
pub use replay::{ReplayRange, parse_time_arg};
pub use report::{CycleReport, reason_kind};
pub use retention::{RETENTION_JOB, Retention, RetentionReport};
pub use scheduler::{SchedulerSettings, run_scheduled};
pub use service::{ServiceSettings, lead_once, run_led};
pub use status::PipelineStatus;
pub use stores::{StoreConfig, StoreOpenError, open_lake, open_staging, open_stores};

/// The staging consumer name of the cleaner.
pub const CLEANER: &str = "cleaner";
