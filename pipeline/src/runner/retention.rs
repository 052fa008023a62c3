//! Bounded growth: the leader deletes warehouse history and local lake objects older than their
//! retention, in small batches, once when it starts leading and then every `interval`. A standby
//! never prunes (the scheduler that runs this loop runs only while the leader lock is held, and
//! every batch checks that this instance is still the writer). `--once` does not prune: it
//! holds no leader lock.

use super::errors::{PipelineError, Stage};
use super::events::{PipelineEvent, Run};
use super::pipeline::Pipeline;
use crate::warehouse::HistoryTable;
use chrono::Duration;
use std::sync::Arc;
use tokio::sync::watch;

/// The retention job's name in job labels.
pub const RETENTION_JOB: &str = "retention";

/// How long history is kept (`None`: for ever). By age: a row goes once it is older than its
/// table's retention (for the status history: once its leg's local departure date is).
#[derive(Debug, Clone, PartialEq)]
pub struct Retention {
    pub position_history: Option<Duration>,
    pub status_history: Option<Duration>,
    pub runs: Option<Duration>,
    /// Objects of a local-directory lake, by their `dt=` partition (S3: a lifecycle rule).
    pub lake: Option<Duration>,
    /// How often the leader applies it.
    pub interval: std::time::Duration,
    /// Rows (or lake objects) deleted per statement.
    pub batch: u32,
    /// The pause between two batches, so that loads and readers get their turn.
    pub pause: std::time::Duration,
}

impl Default for Retention {
    /// A laptop's disk stays safe: a week of positions (some 20 million rows a day for the
    /// whole world), a month of status history, runs and lake.
    fn default() -> Self {
        Self {
            position_history: Some(Duration::days(7)),
            status_history: Some(Duration::days(30)),
            runs: Some(Duration::days(30)),
            lake: Some(Duration::days(30)),
            interval: std::time::Duration::from_secs(3600),
            batch: 5_000,
            pause: std::time::Duration::from_millis(20),
        }
    }
}

impl Retention {
    /// Keeps everything.
    pub fn off() -> Self {
        Self { position_history: None, status_history: None, runs: None, lake: None, ..Self::default() }
    }

    pub fn is_off(&self) -> bool {
        self.position_history.is_none() && self.status_history.is_none() && self.runs.is_none() && self.lake.is_none()
    }

    fn of(&self, table: HistoryTable) -> Option<Duration> {
        match table {
            HistoryTable::PositionHistory => self.position_history,
            HistoryTable::StatusHistory => self.status_history,
            HistoryTable::PipelineRuns => self.runs,
        }
    }
}

/// What one application of retention deleted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RetentionReport {
    pub position_history: u64,
    pub status_history: u64,
    pub runs: u64,
    pub lake_objects: u64,
    /// Failed deletes (the store's error); the next application tries again.
    pub errors: Vec<PipelineError>,
    /// Stopped early: the lock was lost or shutdown was asked for.
    pub interrupted: bool,
    pub duration: std::time::Duration,
}

impl RetentionReport {
    pub fn total(&self) -> u64 {
        self.position_history + self.status_history + self.runs + self.lake_objects
    }

    pub fn summary(&self) -> String {
        format!(
            "{} position_history rows, {} flight_status_history rows, {} pipeline_runs rows, {} lake objects deleted in {:.1}s{}",
            self.position_history,
            self.status_history,
            self.runs,
            self.lake_objects,
            self.duration.as_secs_f64(),
            if self.interrupted { " (interrupted)" } else { "" }
        )
    }

    fn count(&mut self, table: HistoryTable) -> &mut u64 {
        match table {
            HistoryTable::PositionHistory => &mut self.position_history,
            HistoryTable::StatusHistory => &mut self.status_history,
            HistoryTable::PipelineRuns => &mut self.runs,
        }
    }
}

impl Pipeline {
    /// Applies retention until nothing older than it is left, a batch at a time; stops between
    /// batches when `stop` turns true or this instance stops being the writer. Each warehouse
    /// batch is fenced by this instance's leader epoch, as its loads are.
    pub async fn apply_retention(&self, stop: &watch::Receiver<bool>) -> RetentionReport {
        let started = std::time::Instant::now();
        let retention = self.settings.retention.clone();
        let now = self.clock.now();
        let mut report = RetentionReport::default();
        let go_on = |report: &mut RetentionReport| {
            let ok = self.is_writer() && !*stop.borrow();
            report.interrupted |= !ok;
            ok
        };
        let warehouse = &self.stores.warehouse;
        for table in HistoryTable::ALL {
            let Some(keep) = retention.of(table) else { continue };
            let before = now - keep;
            while go_on(&mut report) {
                match warehouse.prune_history(table, before, retention.batch, self.fence()).await {
                    Ok(n) => {
                        *report.count(table) += n;
                        if n < u64::from(retention.batch) {
                            break;
                        }
                    }
                    Err(e) => {
                        report.errors.push(PipelineError::warehouse(Stage::Prune, e));
                        break;
                    }
                }
                tokio::time::sleep(retention.pause).await;
            }
        }
        if let Some(keep) = retention.lake {
            let before = (now - keep).date_naive();
            let batch = retention.batch as usize;
            while go_on(&mut report) {
                match self.stores.lake.prune_before(before, batch).await {
                    Ok(n) => {
                        report.lake_objects += n;
                        if n < batch as u64 {
                            break;
                        }
                    }
                    Err(e) => {
                        report.errors.push(PipelineError::lake(Stage::Prune, e));
                        break;
                    }
                }
                tokio::time::sleep(retention.pause).await;
            }
        }
        report.duration = started.elapsed();
        report
    }
}

/// The leader's retention job: once at once, then every `interval`, until `shutdown`.
pub(super) async fn retention_loop(pipeline: Arc<Pipeline>, mut shutdown: watch::Receiver<bool>) {
    let retention = pipeline.settings().retention.clone();
    if retention.is_off() {
        tracing::info!("retention: off, history is kept for ever");
        return;
    }
    loop {
        if *shutdown.borrow() {
            return;
        }
        let mut run = Run::new(pipeline.events(), RETENTION_JOB);
        let report = pipeline.apply_retention(&shutdown).await;
        tell(&mut run, &report);
        run.finish_as(report.summary());
        tokio::select! {
            _ = tokio::time::sleep(retention.interval) => {}
            _ = shutdown.wait_for(|stop| *stop) => return,
        }
    }
}

/// What one application of retention did, as the retention job's events.
fn tell(run: &mut Run<'_>, report: &RetentionReport) {
    for e in &report.errors {
        run.fail(e.clone());
    }
    for (table, rows) in [
        (HistoryTable::PositionHistory.name(), report.position_history),
        (HistoryTable::StatusHistory.name(), report.status_history),
        (HistoryTable::PipelineRuns.name(), report.runs),
        ("lake", report.lake_objects),
    ] {
        run.emit(PipelineEvent::Pruned { table: table.to_string(), rows });
    }
}
