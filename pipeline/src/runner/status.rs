//! What the front end's status bar says about the pipeline, kept from its events: each job's
//! latest finished run, summed over the jobs — or, while a run is under way and has already
//! met a problem, that run so far (a failure shows as it happens, and a run that starts does
//! not wipe the last one's problems before it has any of its own).

use super::events::PipelineEvent;
use super::report::CycleReport;
use std::collections::BTreeMap;
use std::sync::Mutex;
use tokio::sync::watch;

/// The pipeline's problems as the status bar shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PipelineStatus {
    /// Whether the runs shown, taken together, failed (see [`CycleReport::failed`]).
    pub failed: bool,
    pub source_errors: usize,
    pub store_errors: usize,
    /// Answers that had to be asked again, and answers rejected whole (both kept in the lake).
    pub failed_attempts: u64,
    pub bad_responses: u64,
}

impl PipelineStatus {
    /// The status of one report (a `--once` cycle, a test's run).
    pub fn from_report(r: &CycleReport) -> Self {
        Self {
            failed: r.failed(),
            source_errors: r.source_errors.len(),
            store_errors: r.store_errors.len(),
            failed_attempts: r.failed_attempts,
            bad_responses: r.bad_responses,
        }
    }
}

/// One job's runs, as far as the status goes.
#[derive(Debug, Default)]
struct JobRuns {
    last: CycleReport,
    current: CycleReport,
}

impl JobRuns {
    fn shown(&self) -> &CycleReport {
        if has_problems(&self.current) { &self.current } else { &self.last }
    }
}

fn has_problems(r: &CycleReport) -> bool {
    !r.source_errors.is_empty() || !r.store_errors.is_empty() || r.failed_attempts > 0 || r.bad_responses > 0
}

/// Folds events into each job's runs and publishes the sum whenever it changes.
#[derive(Debug)]
pub(super) struct StatusBoard {
    jobs: Mutex<BTreeMap<String, JobRuns>>,
    tx: watch::Sender<PipelineStatus>,
}

impl Default for StatusBoard {
    fn default() -> Self {
        Self { jobs: Mutex::new(BTreeMap::new()), tx: watch::Sender::new(PipelineStatus::default()) }
    }
}

impl StatusBoard {
    pub(super) fn observe(&self, job: &str, event: &PipelineEvent) {
        let mut jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
        let runs = jobs.entry(job.to_string()).or_default();
        runs.current.apply(event);
        if matches!(event, PipelineEvent::RunFinished { .. }) {
            runs.last = std::mem::take(&mut runs.current);
        }
        let mut all = CycleReport::default();
        for runs in jobs.values() {
            all.merge(runs.shown());
        }
        let status = PipelineStatus::from_report(&all);
        self.tx.send_if_modified(|shown| std::mem::replace(shown, status) != status);
    }

    pub(super) fn subscribe(&self) -> watch::Receiver<PipelineStatus> {
        self.tx.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::errors::{PipelineError, Stage};
    use crate::runner::events::Endpoint;
    use std::time::Duration;

    fn finished() -> PipelineEvent {
        PipelineEvent::RunFinished { failed: false, summary: String::new(), duration: Duration::ZERO }
    }

    #[test]
    fn a_failure_shows_at_once_and_stays_until_a_clean_run() {
        let board = StatusBoard::default();
        let status = board.subscribe();
        let at = Endpoint::new("opensky", "states-all");
        board
            .observe("opensky/states-all", &PipelineEvent::failed_at(&at, PipelineError::by_source(Stage::Fetch, "x")));
        assert_eq!(status.borrow().source_errors, 1, "shown while the run goes on");
        board.observe("opensky/states-all", &finished());
        board.observe("cleaner", &PipelineEvent::failed(PipelineError::warehouse(Stage::Load, "warehouse: gone")));
        assert_eq!((status.borrow().source_errors, status.borrow().store_errors), (1, 1), "jobs add up");
        // The next run has no problem yet: the last one's stays shown until it ends clean.
        board.observe("opensky/states-all", &PipelineEvent::Fetched { at, http_status: 200, retried: false });
        assert_eq!(status.borrow().source_errors, 1);
        board.observe("opensky/states-all", &finished());
        assert_eq!((status.borrow().source_errors, status.borrow().store_errors), (0, 1));
        assert!(status.borrow().failed);
    }
}
