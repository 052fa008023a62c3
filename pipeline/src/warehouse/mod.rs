//! The warehouse: clean rows, upserted by natural key. The front end reads only from here.

mod load;
mod sqlite;

pub use load::{LoadBatch, LoadStats, RejectRow, RunRecord};
pub use sqlite::SqliteWarehouse;

use crate::model::{Airport, Board, BoardKind, DataFreshness};
use crate::reference::Reference;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
#[error("warehouse ({backend}): {message}")]
pub struct WarehouseError {
    pub backend: &'static str,
    pub message: String,
}

/// What a board shows around "now".
#[derive(Debug, Clone, Copy)]
pub struct BoardWindow {
    pub now: DateTime<Utc>,
    /// Flights scheduled this long ago still show while they have not left (or arrived).
    pub lookback: chrono::Duration,
    /// A departed/landed flight stays this long after its actual time.
    pub linger: chrono::Duration,
    pub ahead: chrono::Duration,
    pub limit: u32,
}

impl BoardWindow {
    pub fn around(now: DateTime<Utc>) -> Self {
        Self {
            now,
            lookback: chrono::Duration::hours(6),
            linger: chrono::Duration::minutes(20),
            ahead: chrono::Duration::hours(12),
            limit: 200,
        }
    }
}

#[async_trait]
pub trait Warehouse: Send + Sync + std::fmt::Debug {
    /// Brings the schema to the newest version.
    async fn migrate(&self) -> Result<(), WarehouseError>;
    /// Loads airports and airlines from the reference data (upserts; safe to repeat).
    async fn seed_reference(&self, reference: &Reference) -> Result<(), WarehouseError>;
    /// Writes a batch in one transaction: all of it or none of it.
    async fn load(&self, batch: &LoadBatch) -> Result<LoadStats, WarehouseError>;
    async fn airport(&self, iata: &str) -> Result<Option<Airport>, WarehouseError>;
    async fn board(
        &self,
        airport: &str,
        kind: BoardKind,
        window: BoardWindow,
    ) -> Result<Option<Board>, WarehouseError>;
    async fn freshness(&self) -> Result<DataFreshness, WarehouseError>;
    async fn count(&self, table: Table) -> Result<i64, WarehouseError>;
    fn describe(&self) -> String;
}

/// Tables that can be counted (a closed set, so no SQL is ever built from outside text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Airports,
    Airlines,
    Flights,
    PipelineRuns,
    Rejects,
}

impl Table {
    pub fn name(self) -> &'static str {
        match self {
            Self::Airports => "airports",
            Self::Airlines => "airlines",
            Self::Flights => "flights",
            Self::PipelineRuns => "pipeline_runs",
            Self::Rejects => "rejects",
        }
    }
}
