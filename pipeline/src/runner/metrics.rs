//! What the pipeline tells its operator: per-job Prometheus metrics (OpenMetrics text) and the
//! health rule behind `/healthz`.

use super::events::PipelineEvent;
use super::jobs::JobSpec;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabel {
    job: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StoreLabel {
    store: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TableLabel {
    table: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SourceLabel {
    source: String,
}

type FloatGauge = Gauge<f64, AtomicU64>;

/// The pipeline's metrics. Jobs and the cleaner report into it; `/metrics` encodes it.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    last_success: Family<JobLabel, FloatGauge>,
    last_error: Family<JobLabel, FloatGauge>,
    runs: Family<JobLabel, Counter>,
    errors: Family<JobLabel, Counter>,
    responses: Family<JobLabel, Counter>,
    fetched: Family<JobLabel, Counter>,
    rejected: Family<JobLabel, Counter>,
    loaded: Family<JobLabel, Counter>,
    duration: Family<JobLabel, Histogram>,
    store_errors: Family<StoreLabel, Counter>,
    budget_left: Family<SourceLabel, Gauge>,
    leader: Gauge,
    pruned: Family<TableLabel, Counter>,
    health: Mutex<HashMap<String, JobHealth>>,
}

/// Whether one job is keeping up.
#[derive(Debug, Clone, Copy)]
struct JobHealth {
    interval: Duration,
    /// When the job began to be watched (it has three intervals from here to succeed).
    since: Instant,
    last_success: Option<Instant>,
}

/// The cleaner's name in job labels.
pub const CLEANER_JOB: &str = "cleaner";

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("skyboard");
        let m = Self {
            last_success: Family::default(),
            last_error: Family::default(),
            runs: Family::default(),
            errors: Family::default(),
            responses: Family::default(),
            fetched: Family::default(),
            rejected: Family::default(),
            loaded: Family::default(),
            duration: Family::new_with_constructor(|| Histogram::new(exponential_buckets(0.005, 2.0, 14))),
            store_errors: Family::default(),
            budget_left: Family::default(),
            leader: Gauge::default(),
            pruned: Family::default(),
            health: Mutex::new(HashMap::new()),
            registry: Registry::default(),
        };
        registry.register(
            "job_last_success_timestamp_seconds",
            "When the job last succeeded (Unix time)",
            m.last_success.clone(),
        );
        registry.register(
            "job_last_error_timestamp_seconds",
            "When the job last failed (Unix time)",
            m.last_error.clone(),
        );
        registry.register("job_runs", "Runs of the job", m.runs.clone());
        registry.register("job_errors", "Runs of the job that failed", m.errors.clone());
        registry.register("responses", "Answers received and filed in the lake", m.responses.clone());
        registry.register("records_fetched", "Records staged from the job's answers", m.fetched.clone());
        registry.register("records_rejected", "Records (or whole answers) rejected with a reason", m.rejected.clone());
        registry.register("records_loaded", "Records cleaned into the warehouse", m.loaded.clone());
        registry.register("batch_duration_seconds", "How long one run of the job took", m.duration.clone());
        registry.register("store_errors", "Failed lake, staging and warehouse operations", m.store_errors.clone());
        registry.register(
            "api_budget_remaining",
            "Calls (or credits) the source's key has left",
            m.budget_left.clone(),
        );
        registry.register("leader", "1 while this instance holds the leader lock", m.leader.clone());
        registry.register("retention_pruned", "Rows (or lake objects) retention deleted", m.pruned.clone());
        Self { registry, ..m }
    }

    /// A job the health rule watches.
    pub fn watch(&self, job: &JobSpec) {
        self.watch_named(&job.name, job.interval);
    }

    pub fn watch_named(&self, name: &str, interval: Duration) {
        let mut health = self.health.lock().unwrap_or_else(|p| p.into_inner());
        health.entry(name.to_string()).or_insert(JobHealth { interval, since: Instant::now(), last_success: None });
    }

    /// Stops watching every job: this instance no longer runs them (it stands by).
    pub fn forget_jobs(&self) {
        self.health.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// Takes in one event of `job`'s run (the hub's metrics step, see `events.rs`).
    pub fn observe(&self, job: &str, event: &PipelineEvent) {
        let label = || JobLabel { job: job.to_string() };
        match event {
            PipelineEvent::Fetched { .. } => {
                self.responses.get_or_create(&label()).inc();
            }
            PipelineEvent::Staged { records, .. } => {
                self.fetched.get_or_create(&label()).inc_by(*records);
            }
            PipelineEvent::Loaded { cleaned, rejects, .. } => {
                self.loaded.get_or_create(&label()).inc_by(*cleaned);
                self.rejected.get_or_create(&label()).inc_by(*rejects);
            }
            PipelineEvent::StageFailed { error, .. } if error.is_ours() => {
                self.store_errors.get_or_create(&StoreLabel { store: error.fault.label().to_string() }).inc();
            }
            PipelineEvent::Pruned { table, rows, .. } => self.record_pruned(table, *rows),
            PipelineEvent::RunFinished { failed, duration, .. } => self.run_finished(job, *failed, *duration),
            PipelineEvent::StageFailed { .. } | PipelineEvent::Filed { .. } | PipelineEvent::Healed { .. } => {}
        }
    }

    /// One run of `job` ended.
    fn run_finished(&self, job: &str, failed: bool, duration: Duration) {
        let label = JobLabel { job: job.to_string() };
        let now = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
        self.runs.get_or_create(&label).inc();
        // Series a run may add nothing to exist from its first run on (they read as 0).
        for counter in [&self.responses, &self.fetched, &self.rejected, &self.loaded] {
            counter.get_or_create(&label).inc_by(0);
        }
        self.duration.get_or_create(&label).observe(duration.as_secs_f64());
        if failed {
            self.errors.get_or_create(&label).inc();
            self.last_error.get_or_create(&label).set(now);
        } else {
            self.last_success.get_or_create(&label).set(now);
            let mut health = self.health.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(h) = health.get_mut(job) {
                h.last_success = Some(Instant::now());
            }
        }
    }

    pub fn set_budget_left(&self, source: &str, left: u32) {
        self.budget_left.get_or_create(&SourceLabel { source: source.to_string() }).set(i64::from(left));
    }

    /// Rows of `table` (or `lake` objects) retention deleted.
    pub fn record_pruned(&self, table: &str, n: u64) {
        self.pruned.get_or_create(&TableLabel { table: table.to_string() }).inc_by(n);
    }

    pub fn set_leader(&self, leader: bool) {
        self.leader.set(i64::from(leader));
    }

    /// Healthy while every watched job succeeded within three of its intervals (a job watched
    /// for less than three intervals counts as healthy; a standby watches none). The names of
    /// the late jobs.
    pub fn late_jobs(&self) -> Vec<String> {
        let now = Instant::now();
        let health = self.health.lock().unwrap_or_else(|p| p.into_inner());
        let mut late: Vec<String> = health
            .iter()
            .filter(|(_, h)| {
                let since = h.last_success.unwrap_or(h.since);
                now.duration_since(since) > h.interval * 3
            })
            .map(|(name, _)| name.clone())
            .collect();
        late.sort();
        late
    }

    /// The OpenMetrics text exposition.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::errors::{PipelineError, Stage};
    use crate::runner::events::Endpoint;

    fn finished(failed: bool) -> PipelineEvent {
        PipelineEvent::RunFinished { failed, summary: String::new(), duration: Duration::from_millis(3) }
    }

    #[test]
    fn a_run_shows_in_the_exposition_and_the_health_rule() {
        let m = Metrics::new();
        m.watch_named("opensky/states-all", Duration::from_secs(0));
        assert_eq!(m.late_jobs(), vec!["opensky/states-all".to_string()], "zero interval: late at once");
        let job = "opensky/states-all";
        let at = Endpoint::new("opensky", "states-all");
        m.observe(job, &PipelineEvent::Fetched { at: at.clone(), http_status: 200, retried: false });
        let staged = PipelineEvent::Staged {
            at,
            request: String::new(),
            http_status: 200,
            records: 40,
            rejected: false,
            duration_ms: 1,
        };
        m.observe(job, &staged);
        let loaded = PipelineEvent::Loaded {
            records: 40,
            cleaned: 37,
            rejects: 3,
            reject_reasons: Default::default(),
            flights_written: 0,
            duration_ms: 1,
        };
        m.observe(job, &loaded);
        m.observe(job, &finished(false));
        let text = m.encode();
        assert!(text.contains(r#"skyboard_records_fetched_total{job="opensky/states-all"} 40"#), "{text}");
        assert!(text.contains(r#"skyboard_records_rejected_total{job="opensky/states-all"} 3"#), "{text}");
        assert!(text.contains(r#"skyboard_batch_duration_seconds_count{job="opensky/states-all"} 1"#), "{text}");
        assert!(text.contains(r#"skyboard_responses_total{job="opensky/states-all"} 1"#), "{text}");
        m.observe("cleaner", &PipelineEvent::failed(PipelineError::warehouse(Stage::Load, "warehouse (mysql): gone")));
        // A source's failure is not a store error.
        m.observe("cleaner", &PipelineEvent::failed(PipelineError::by_source(Stage::Fetch, "lake write: no")));
        m.observe("cleaner", &finished(true));
        let text = m.encode();
        assert!(text.contains(r#"skyboard_store_errors_total{store="warehouse"} 1"#), "{text}");
        assert!(!text.contains(r#"store="lake""#), "{text}");
        assert!(text.contains(r#"skyboard_job_errors_total{job="cleaner"} 1"#), "{text}");
        // A standby runs no job: nothing can be late.
        m.watch_named("lufthansa/references", Duration::from_secs(0));
        assert!(!m.late_jobs().is_empty());
        m.forget_jobs();
        assert!(m.late_jobs().is_empty());
    }
}
