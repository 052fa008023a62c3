//! Drives the stages: one cycle fetches every board window, files each response in the lake,
//! stages its records, then cleans what is new in staging into the warehouse.

mod drain;
mod fetch;
mod fetch_positions;
mod fetch_reference;
mod ingest;
mod pipeline;
mod report;
mod service;
mod stores;

pub use ingest::{IngestFailure, IngestOutcome};
pub use pipeline::{Pipeline, PipelineSettings, Stores};
pub use report::{CycleReport, reason_kind};
pub use service::run_until_shutdown;
pub use stores::{StoreConfig, StoreOpenError, open_lake, open_staging, open_stores};

/// The staging consumer name of the cleaner.
pub const CLEANER: &str = "cleaner";
