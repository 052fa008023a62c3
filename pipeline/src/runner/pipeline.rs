use super::report::CycleReport;
use crate::clock::SharedClock;
use crate::lake::Lake;
use crate::reference::Reference;
use crate::sources::lufthansa::LufthansaClient;
use crate::staging::Staging;
use crate::warehouse::{LoadBatch, Warehouse, WarehouseError};
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
}

impl Default for PipelineSettings {
    fn default() -> Self {
        Self {
            airports: crate::demo::HUBS.iter().map(|s| s.to_string()).collect(),
            horizon_back: Duration::hours(2),
            horizon_ahead: Duration::hours(8),
            interval: std::time::Duration::from_secs(60),
            staging_retention: Duration::days(30),
        }
    }
}

/// One pipeline: sources, stores and settings.
#[derive(Debug)]
pub struct Pipeline {
    pub(super) stores: Stores,
    pub(super) lufthansa: Option<LufthansaClient>,
    pub(super) reference: &'static Reference,
    pub(super) clock: SharedClock,
    pub(super) settings: PipelineSettings,
    /// Run records and whole-response rejections waiting for the next warehouse transaction.
    pub(super) pending: Mutex<LoadBatch>,
}

impl Pipeline {
    pub fn new(
        stores: Stores,
        lufthansa: Option<LufthansaClient>,
        reference: &'static Reference,
        clock: SharedClock,
        settings: PipelineSettings,
    ) -> Self {
        Self { stores, lufthansa, reference, clock, settings, pending: Mutex::new(LoadBatch::default()) }
    }

    pub fn settings(&self) -> &PipelineSettings {
        &self.settings
    }

    pub fn stores(&self) -> &Stores {
        &self.stores
    }

    /// Migrates the warehouse and loads the reference data.
    pub async fn prepare(&self) -> Result<(), WarehouseError> {
        self.stores.warehouse.migrate().await?;
        self.stores.warehouse.seed_reference(self.reference).await
    }

    /// Fetches every configured airport's boards into the lake and staging, without cleaning.
    pub async fn fetch_only(&self) -> CycleReport {
        let started = std::time::Instant::now();
        let mut report = CycleReport::default();
        for airport in &self.settings.airports {
            self.fetch_airport(airport, &mut report).await;
        }
        report.duration = started.elapsed();
        report
    }

    /// One full cycle: every configured airport's boards, then the cleaner.
    pub async fn run_cycle(&self) -> CycleReport {
        let started = std::time::Instant::now();
        let mut report = CycleReport::default();
        for airport in &self.settings.airports {
            if !report.store_errors.is_empty() {
                break;
            }
            self.fetch_airport(airport, &mut report).await;
            // Clean as we go, so the first airport's board appears before the last is fetched.
            self.drain(&mut report).await;
        }
        self.drain(&mut report).await;
        self.prune_staging(&mut report).await;
        report.duration = started.elapsed();
        report
    }

    /// Retention: deletes cleaned staging records older than `staging_retention`.
    async fn prune_staging(&self, report: &mut CycleReport) {
        let before = self.clock.now() - self.settings.staging_retention;
        match self.stores.staging.prune(before, super::CLEANER).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("staging retention: {n} records fetched before {before} deleted"),
            Err(e) => report.store_errors.push(e.to_string()),
        }
    }
}
