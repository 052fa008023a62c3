//! Staging: one document per raw record, with its batch, lake key, fetch time and natural key.
//! The cleaner reads what is new since its checkpoint.

mod embedded;
mod mongo;
pub mod response_entry;

pub use embedded::EmbeddedStaging;
pub use mongo::MongoStaging;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::value::RawValue;

#[derive(Debug, thiserror::Error)]
#[error("staging ({backend}): {message}")]
pub struct StagingError {
    pub backend: &'static str,
    pub message: String,
}

/// The batch a record came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchInfo {
    pub batch_id: String,
    pub lake_key: String,
    pub source: String,
    pub endpoint: String,
    pub fetched_at: DateTime<Utc>,
}

/// A record on its way into staging: its JSON text as the source sent it.
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// Its place in the response (from 0; [`response_entry::ENTRY_ORDINAL`] for the response's
    /// own entry).
    pub ordinal: i64,
    pub natural_key: Option<String>,
    pub doc: Box<RawValue>,
}

/// A record as staging holds it; `seq` orders records and drives checkpoints.
#[derive(Debug, Clone)]
pub struct StagedRecord {
    pub seq: i64,
    pub batch: BatchInfo,
    pub ordinal: i64,
    pub natural_key: Option<String>,
    pub doc: Box<RawValue>,
}

impl StagedRecord {
    /// The record parsed (for inspection; the cleaner reads the text).
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(self.doc.get()).unwrap_or(serde_json::Value::Null)
    }
}

/// What staging did with a batch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Staged {
    /// Records added (re-staging a lake object adds none).
    pub added: u64,
    /// When every record of the batch was added: their `seq`s, in the order given, `first..=last`
    /// with no gap. `None` when some were already staged (or none were given).
    pub seqs: Option<std::ops::RangeInclusive<i64>>,
}

#[async_trait]
pub trait Staging: Send + Sync + std::fmt::Debug {
    /// Stores a batch's records. Staging the same lake object again adds nothing.
    async fn stage(&self, batch: &BatchInfo, records: &[NewRecord]) -> Result<Staged, StagingError>;
    /// Up to `limit` records with `seq > after`, in `seq` order.
    async fn read_after(&self, after: i64, limit: usize) -> Result<Vec<StagedRecord>, StagingError>;
    /// The lake objects with records fetched at or after `since` that staging holds.
    async fn lake_keys_since(&self, since: DateTime<Utc>) -> Result<std::collections::HashSet<String>, StagingError>;
    /// Every record staged from one lake object, in their order in the response.
    async fn read_object(&self, lake_key: &str) -> Result<Vec<StagedRecord>, StagingError>;
    async fn checkpoint(&self, consumer: &str) -> Result<i64, StagingError>;
    /// Records staging holds.
    async fn count(&self) -> Result<u64, StagingError>;
    async fn set_checkpoint(&self, consumer: &str, seq: i64) -> Result<(), StagingError>;
    /// Moves a checkpoint to `seq`, backwards too (to re-clean after a cleaning fix).
    async fn reset_checkpoint(&self, consumer: &str, seq: i64) -> Result<(), StagingError>;
    /// Deletes records fetched before `before` that `consumer` has already processed (retention).
    async fn prune(&self, before: DateTime<Utc>, consumer: &str) -> Result<u64, StagingError>;
    /// Writes and deletes a probe document.
    async fn check_writable(&self) -> Result<(), StagingError>;
    /// Closes connections (the MongoDB driver wants this before the runtime ends).
    async fn close(&self) {}
    fn describe(&self) -> String;
}
