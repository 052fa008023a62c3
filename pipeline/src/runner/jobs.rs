//! The pipeline's work as jobs: every source × endpoint (× airport for the boards) with its own
//! interval, derived from the source's call budget. The scheduler runs them side by side.

use super::events::Run;
use super::metrics::CLEANER_JOB;
use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::model::BoardKind;
use crate::sources::lufthansa::board_windows;
use std::time::Duration;

/// How often the Lufthansa reference lists are fetched again.
pub const REFERENCE_REFRESH: Duration = Duration::from_secs(24 * 3600);

/// One scheduled job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSpec {
    /// `lufthansa/flightstatus-departures/FRA`, `opensky/states-all`: unique, stable, a metric label.
    pub name: String,
    pub source: &'static str,
    pub interval: Duration,
    pub(super) work: JobWork,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum JobWork {
    Board { kind: BoardKind, airport: String },
    Opensky,
    Airlabs,
    Reference,
}

impl JobSpec {
    /// Whether the job spends a budget that its interval protects (positions, reference lists):
    /// a `--once` cycle runs it only when the interval has passed since this process last did.
    pub fn budgeted(&self) -> bool {
        !matches!(self.work, JobWork::Board { .. })
    }
}

impl Pipeline {
    /// Every job this pipeline's configuration asks for.
    pub fn jobs(&self) -> Vec<JobSpec> {
        let mut jobs = Vec::new();
        if let Some(interval) = self.board_interval() {
            for airport in &self.settings.airports {
                for kind in [BoardKind::Departures, BoardKind::Arrivals] {
                    let endpoint = match kind {
                        BoardKind::Departures => "flightstatus-departures",
                        BoardKind::Arrivals => "flightstatus-arrivals",
                    };
                    jobs.push(JobSpec {
                        name: format!("lufthansa/{endpoint}/{airport}"),
                        source: "lufthansa",
                        interval,
                        work: JobWork::Board { kind, airport: airport.clone() },
                    });
                }
            }
            jobs.push(JobSpec {
                name: "lufthansa/references".into(),
                source: "lufthansa",
                interval: REFERENCE_REFRESH,
                work: JobWork::Reference,
            });
        }
        if let Some(interval) = self.opensky_interval() {
            jobs.push(JobSpec {
                name: "opensky/states-all".into(),
                source: "opensky",
                interval,
                work: JobWork::Opensky,
            });
        }
        if let Some(interval) = self.airlabs_interval() {
            jobs.push(JobSpec {
                name: "airlabs/flights+schedules".into(),
                source: "airlabs",
                interval,
                work: JobWork::Airlabs,
            });
        }
        jobs
    }

    /// Runs one job once: fetches into the lake and staging (the cleaner runs on its own).
    /// Its events go to the pipeline's hub under the job's name; the run ends with
    /// `RunFinished`.
    pub async fn run_job(&self, job: &JobSpec) -> CycleReport {
        let mut run = Run::new(&self.events, &job.name);
        match &job.work {
            JobWork::Board { kind, airport } => self.fetch_board(*kind, airport, &mut run).await,
            JobWork::Opensky => self.fetch_opensky(&mut run).await,
            JobWork::Airlabs => self.fetch_airlabs(&mut run).await,
            JobWork::Reference => self.fetch_reference_lists(&mut run).await,
        }
        run.finish()
    }

    /// The cleaner's stage, one run of the cleaner job: drains staging into the warehouse,
    /// then applies staging retention.
    pub async fn clean_and_prune(&self) -> CycleReport {
        let mut run = Run::new(&self.events, CLEANER_JOB);
        self.drain(&mut run).await;
        if !run.stopped() {
            self.prune_staging(&mut run).await;
        }
        run.finish()
    }

    /// What each source's key has left, for the metrics.
    pub async fn note_budgets(&self) {
        let metrics = self.metrics();
        if let Some(client) = &self.sources.lufthansa {
            metrics.set_budget_left("lufthansa", client.limiter().remaining_this_hour().await);
        }
        if let Some(client) = &self.sources.opensky {
            metrics.set_budget_left("opensky", client.credits_left().await);
        }
    }

    /// The boards' interval: the configured one, or longer when the hourly budget of the
    /// Lufthansa key could not pay for every board window that often (`None` without Lufthansa).
    fn board_interval(&self) -> Option<Duration> {
        let client = self.sources.lufthansa.as_ref()?;
        let windows =
            board_windows(self.clock.now().naive_utc(), self.settings.horizon_back, self.settings.horizon_ahead).len()
                as u64;
        let calls_per_round = (windows * 2 * self.settings.airports.len() as u64).max(1);
        let per_hour = u64::from(client.limiter().limits().per_hour.max(1));
        let budgeted = Duration::from_secs((3600 * calls_per_round).div_ceil(per_hour));
        Some(self.settings.interval.max(budgeted))
    }
}
