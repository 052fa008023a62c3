//! What happened, typed: every stage emits one [`PipelineEvent`] per happening into its
//! [`Run`], and the pipeline's [`EventHub`] is the one consumer: it writes the event's log line
//! (`event_log.rs`), moves the metrics (`metrics.rs`) and the status the front end shows
//! (`status.rs`). A run's [`CycleReport`] is the sum of its events (`CycleReport::apply`).

use super::errors::{PipelineError, StoreKind};
use super::metrics::Metrics;
use super::report::CycleReport;
use super::status::{PipelineStatus, StatusBoard};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// Which source and endpoint an event is about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Endpoint {
    pub source: String,
    pub endpoint: String,
}

impl Endpoint {
    pub fn new(source: &str, endpoint: &str) -> Self {
        Self { source: source.to_string(), endpoint: endpoint.to_string() }
    }
}

/// One happening in the pipeline.
#[derive(Debug, Clone, PartialEq)]
pub enum PipelineEvent {
    /// A source answered a call: its final answer, or an attempt that failed and was asked
    /// again (`retried`: 5xx, throttling, a refused token). Every answer goes to the lake.
    Fetched { at: Endpoint, http_status: u16, retried: bool },
    /// The answer is in the lake under `lake_key`.
    Filed { at: Endpoint, lake_key: String },
    /// Staging holds the answer's entry and its `records`; `rejected`: the body as a whole was
    /// not what the endpoint gives (malformed or truncated JSON, an unknown shape).
    Staged { at: Endpoint, request: String, http_status: u16, records: u64, rejected: bool, duration_ms: i64 },
    /// A lake object whose staging had failed is staged now, with its `records`.
    Healed { lake_key: String, records: u64 },
    /// One chunk of staged records is in the warehouse (one transaction): `records` read (the
    /// responses' entries aside), `cleaned` of them gave rows, `rejects` rows of rejections.
    Loaded {
        records: u64,
        cleaned: u64,
        rejects: u64,
        reject_reasons: BTreeMap<String, u64>,
        flights_written: u64,
        duration_ms: u64,
    },
    /// Retention deleted `rows` of `table` (`staging` records, a history table, `lake` objects).
    Pruned { table: String, rows: u64 },
    /// A stage failed (`error` says which, and whose fault it is).
    StageFailed { at: Option<Endpoint>, error: PipelineError },
    /// A job's run ended (`failed`: see [`CycleReport::failed`]).
    RunFinished { failed: bool, summary: String, duration: Duration },
}

impl PipelineEvent {
    /// A failure with no source or endpoint to name.
    pub fn failed(error: PipelineError) -> Self {
        Self::StageFailed { at: None, error }
    }

    /// A failure of the stage that handled `at`'s answer.
    pub fn failed_at(at: &Endpoint, error: PipelineError) -> Self {
        Self::StageFailed { at: Some(at.clone()), error }
    }

    /// The store a failure event names, if any.
    pub fn failed_store(&self) -> Option<StoreKind> {
        match self {
            Self::StageFailed { error, .. } => error.store_kind(),
            _ => None,
        }
    }
}

/// The one consumer of the pipeline's events: log line, metrics and status, in that order.
#[derive(Debug)]
pub struct EventHub {
    metrics: Arc<Metrics>,
    status: StatusBoard,
}

impl Default for EventHub {
    fn default() -> Self {
        Self::new()
    }
}

impl EventHub {
    pub fn new() -> Self {
        Self { metrics: Arc::new(Metrics::new()), status: StatusBoard::default() }
    }

    /// Takes in one event of `job`'s run.
    pub fn publish(&self, job: &str, event: &PipelineEvent) {
        super::event_log::write(job, event);
        self.metrics.observe(job, event);
        self.status.observe(job, event);
    }

    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    /// What the status bar shows: each job's latest run, summed (see `status.rs`).
    pub fn status(&self) -> watch::Receiver<PipelineStatus> {
        self.status.subscribe()
    }
}

/// One run of a job: the events its stages emit go to the hub and add up to its report.
#[derive(Debug)]
pub struct Run<'a> {
    job: &'a str,
    hub: &'a EventHub,
    report: CycleReport,
    started: Instant,
}

impl<'a> Run<'a> {
    pub fn new(hub: &'a EventHub, job: &'a str) -> Self {
        Self { job, hub, report: CycleReport::default(), started: Instant::now() }
    }

    pub fn emit(&mut self, event: PipelineEvent) {
        self.report.apply(&event);
        self.hub.publish(self.job, &event);
    }

    /// Emits a failure with no source or endpoint to name.
    pub fn fail(&mut self, error: PipelineError) {
        self.emit(PipelineEvent::failed(error));
    }

    /// What the run's events have added up to so far.
    pub fn report(&self) -> &CycleReport {
        &self.report
    }

    /// Whether a store failed: the run stops spending the API budget on answers it cannot keep.
    pub fn stopped(&self) -> bool {
        !self.report.store_errors.is_empty()
    }

    /// The report, without ending the run as a job (a step of a larger run: its caller merges it).
    pub fn into_report(mut self) -> CycleReport {
        self.report.duration = self.started.elapsed();
        self.report
    }

    /// Ends the run as one run of its job ([`PipelineEvent::RunFinished`]) and gives its report.
    pub fn finish(mut self) -> CycleReport {
        self.report.duration = self.started.elapsed();
        let summary = self.report.summary();
        self.finish_as(summary)
    }

    /// [`finish`](Self::finish), the run summed up as `summary` in the log.
    pub fn finish_as(mut self, summary: String) -> CycleReport {
        self.report.duration = self.started.elapsed();
        let (failed, duration) = (self.report.failed(), self.report.duration);
        self.emit(PipelineEvent::RunFinished { failed, summary, duration });
        self.report
    }
}
