use super::errors::{PipelineError, Stage};
use super::events::{EventHub, PipelineEvent, Run};
use super::leadership::Leadership;
use super::metrics::{CLEANER_JOB, Metrics};
use super::places::Places;
use super::report::CycleReport;
use super::status::PipelineStatus;
use crate::clock::SharedClock;
use crate::lake::Lake;
use crate::reference::Reference;
use crate::sources::airlabs::AirlabsClient;
use crate::sources::lufthansa::LufthansaClient;
use crate::sources::opensky::{BoundingBox, OpenskyClient};
use crate::staging::Staging;
use crate::warehouse::{Warehouse, WarehouseError};
use chrono::Duration;
use std::sync::Arc;
use tokio::sync::Mutex;

/// The three stores, each chosen by configuration.
#[derive(Debug, Clone)]
pub struct Stores {
    pub lake: Arc<dyn Lake>,
    pub staging: Arc<dyn Staging>,
    pub warehouse: Arc<dyn Warehouse>,
}

#[derive(Debug, Clone)]
pub struct PipelineSettings {
    /// Airports whose boards are fetched, most important first.
    pub airports: Vec<String>,
    pub horizon_back: Duration,
    pub horizon_ahead: Duration,
    pub interval: std::time::Duration,
    /// Staged records older than this, once cleaned, are deleted.
    pub staging_retention: Duration,
    /// Where OpenSky's positions are fetched (`None`: the whole world, 4 credits a call).
    pub opensky_box: Option<BoundingBox>,
    /// Where AirLabs' `/flights` are fetched (`None`: the whole world; one call whatever the box).
    pub airlabs_box: Option<BoundingBox>,
    /// The AirLabs plan's monthly calls, from which its poll interval follows.
    pub airlabs_monthly_calls: u32,
    /// This instance's name in the runs table (`host:pid` unless configured).
    pub instance: String,
    /// How long warehouse history and the local lake are kept (applied by the leader).
    pub retention: super::Retention,
}

const CENTRAL_EUROPE: BoundingBox = BoundingBox { lamin: 46.0, lomin: 5.0, lamax: 54.0, lomax: 15.0 };

/// `host:pid`: which of several pipeline instances wrote a batch.
pub fn default_instance_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".into());
    format!("{host}:{}", std::process::id())
}

impl Default for PipelineSettings {
    fn default() -> Self {
        Self {
            airports: crate::demo::HUBS.iter().map(|s| s.to_string()).collect(),
            horizon_back: Duration::hours(2),
            horizon_ahead: Duration::hours(8),
            interval: std::time::Duration::from_secs(60),
            staging_retention: Duration::days(30),
            // Central Europe, which the tests' expectations are about; the application's default
            // (its configuration) is the world.
            opensky_box: Some(CENTRAL_EUROPE),
            airlabs_box: Some(CENTRAL_EUROPE),
            airlabs_monthly_calls: crate::sources::airlabs::FREE_MONTHLY_CALLS,
            instance: default_instance_name(),
            retention: super::Retention::default(),
        }
    }
}

/// One pipeline: its sources and stores, and the components the stages share. Each stage is
/// a small `impl Pipeline` of its own file, from a typed input to a typed output:
///
/// | stage   | file                  | in → out                                                  |
/// |---------|-----------------------|-----------------------------------------------------------|
/// | fetch   | `fetch*.rs`           | a job → `FetchedCall`s        |
/// | lake    | `ingest.rs`, `filing.rs` | a `RawResponse` → a lake key ([`IngestOutcome`](super::IngestOutcome)) |
/// | stage   | `ingest.rs`, `filing.rs` | the filed answer → its staged records                   |
/// | clean   | `clean_chunk.rs`      | `StagedRecord`s → a `CleanedChunk` (on a blocking thread) |
/// | load    | `drain.rs`            | a `CleanedChunk` → one warehouse transaction               |
///
/// Every stage tells what happened as [`PipelineEvent`](super::PipelineEvent)s into the run it
/// works for; `events` is their one consumer (log line, metrics, status bar).
#[derive(Debug)]
pub struct Pipeline {
    pub(super) stores: Stores,
    pub(super) sources: Sources,
    /// What the cleaners look places up in: the shipped data and the places fetched.
    pub(super) places: Places,
    pub(super) clock: SharedClock,
    pub(super) settings: PipelineSettings,
    /// Lake objects whose staging failed, to stage again before the next drain (`heal.rs`).
    pub(super) unstaged: Mutex<std::collections::BTreeSet<String>>,
    /// When each budgeted job last ran (`--once`: see `jobs.rs`).
    pub(super) last_runs: Mutex<std::collections::HashMap<String, tokio::time::Instant>>,
    /// Whether this instance writes to the warehouse, and under which leader epoch.
    pub(super) leadership: Leadership,
    /// Where every stage's events go.
    pub(super) events: EventHub,
}

/// The sources, each optional.
#[derive(Debug, Default)]
pub struct Sources {
    pub lufthansa: Option<LufthansaClient>,
    pub airlabs: Option<AirlabsClient>,
    pub opensky: Option<OpenskyClient>,
}

impl Pipeline {
    pub fn new(
        stores: Stores,
        lufthansa: Option<LufthansaClient>,
        reference: &'static Reference,
        clock: SharedClock,
        settings: PipelineSettings,
    ) -> Self {
        Self {
            stores,
            sources: Sources { lufthansa, ..Sources::default() },
            places: Places::new(reference),
            clock,
            settings,
            unstaged: Mutex::new(std::collections::BTreeSet::new()),
            last_runs: Mutex::new(std::collections::HashMap::new()),
            leadership: Leadership::default(),
            events: EventHub::new(),
        }
    }

    /// Adds AirLabs and OpenSky, each when configured.
    pub fn with_position_sources(mut self, airlabs: Option<AirlabsClient>, opensky: Option<OpenskyClient>) -> Self {
        self.sources.airlabs = airlabs;
        self.sources.opensky = opensky;
        self
    }

    /// The names of the sources this pipeline reads, for the status bar and `doctor`.
    pub fn source_names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.sources.lufthansa.is_some() {
            names.push("lufthansa");
        }
        if self.sources.airlabs.is_some() {
            names.push("airlabs");
        }
        if self.sources.opensky.is_some() {
            names.push("opensky");
        }
        names
    }

    pub fn settings(&self) -> &PipelineSettings {
        &self.settings
    }

    pub fn stores(&self) -> &Stores {
        &self.stores
    }

    /// The one consumer of this pipeline's events.
    pub fn events(&self) -> &EventHub {
        &self.events
    }

    /// The metrics its events move (`/metrics`).
    pub fn metrics(&self) -> &Arc<Metrics> {
        self.events.metrics()
    }

    /// What the status bar shows, as the events move it.
    pub fn status(&self) -> tokio::sync::watch::Receiver<PipelineStatus> {
        self.events.status()
    }

    /// Migrates the warehouse and loads the reference data.
    pub async fn prepare(&self) -> Result<(), WarehouseError> {
        self.stores.warehouse.migrate().await?;
        self.stores.warehouse.seed_reference(self.places.shipped()).await?;
        self.learn_warehouse_places().await
    }

    /// Runs the service's jobs once each into the lake and staging, without cleaning.
    pub async fn fetch_only(&self) -> CycleReport {
        self.cycle(false).await
    }

    /// One cycle (`--once`): the service's jobs (`jobs.rs`), each once — every board, and the
    /// budgeted jobs (positions, reference lists) when their interval has passed — the cleaner
    /// draining after each job, so the first airport's board appears before the last is fetched.
    pub async fn run_cycle(&self) -> CycleReport {
        self.cycle(true).await
    }

    async fn cycle(&self, clean: bool) -> CycleReport {
        let started = std::time::Instant::now();
        let mut report = CycleReport::default();
        for job in self.jobs() {
            // A store that cannot keep what we fetch: stop spending the API budget.
            if !report.store_errors.is_empty() {
                break;
            }
            if job.budgeted() && !self.due(&job.name, job.interval).await {
                continue;
            }
            report.merge(&self.run_job(&job).await);
            if clean {
                let mut run = Run::new(&self.events, CLEANER_JOB);
                self.drain(&mut run).await;
                report.merge(&run.into_report());
            }
        }
        if clean {
            let mut run = Run::new(&self.events, CLEANER_JOB);
            self.drain(&mut run).await;
            self.prune_staging(&mut run).await;
            report.merge(&run.into_report());
        }
        report.duration = started.elapsed();
        report
    }

    /// Retention: deletes cleaned staging records older than `staging_retention`.
    pub(super) async fn prune_staging(&self, run: &mut Run<'_>) {
        let before = self.clock.now() - self.settings.staging_retention;
        match self.stores.staging.prune(before, super::CLEANER).await {
            Ok(0) => {}
            Ok(rows) => run.emit(PipelineEvent::Pruned { table: "staging".into(), rows }),
            Err(e) => run.fail(PipelineError::staging(Stage::Prune, e)),
        }
    }
}
