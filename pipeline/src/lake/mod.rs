//! The data lake: every raw response, gzip-compressed, immutable, under one key layout on every
//! backend: `raw/{source}/{endpoint}/dt=YYYY-MM-DD/hour=HH/{batch_id}.json.gz`.

mod durable;
mod key;
mod local_dir;
mod object;
mod retention;
mod s3;

pub use key::{LakeKey, batch_id};
pub use local_dir::LocalDirLake;
pub use object::{LakeMetadata, LakeObject, gunzip, gzip};
pub use retention::prune_local;
pub use s3::{S3Lake, S3Location, S3Settings};

use async_trait::async_trait;

#[derive(Debug, thiserror::Error)]
pub enum LakeError {
    #[error("lake write {key}: {message}")]
    Write { key: String, message: String },
    #[error("lake read {key}: {message}")]
    Read { key: String, message: String },
    #[error("lake list {prefix}: {message}")]
    List { prefix: String, message: String },
    #[error("lake prune {location}: {message}")]
    Prune { location: String, message: String },
}

/// Where raw responses are kept. Implementations never overwrite an existing object.
#[async_trait]
pub trait Lake: Send + Sync + std::fmt::Debug {
    /// Stores one raw response and returns its key. Storing the same response again is a no-op
    /// that returns the same key.
    async fn put(&self, object: &LakeObject) -> Result<String, LakeError>;
    /// Reads one object back (body decompressed).
    async fn get(&self, key: &str) -> Result<(LakeMetadata, Vec<u8>), LakeError>;
    /// Every key under `prefix`, in key order.
    async fn list(&self, prefix: &str) -> Result<Vec<String>, LakeError>;
    /// Retention: deletes at most `limit` objects (with their metadata) whose `dt=` partition is
    /// before `before` and says how many went (fewer than `limit`: nothing older is left). An
    /// S3 lake deletes nothing: its bucket's lifecycle rule expires old objects.
    async fn prune_before(&self, before: chrono::NaiveDate, limit: usize) -> Result<u64, LakeError>;
    /// Creates what the lake needs (the bucket, the directory) if it is missing.
    async fn prepare(&self) -> Result<(), LakeError>;
    /// Writes and removes a probe object under `doctor/` (outside `raw/`).
    async fn check_writable(&self) -> Result<(), LakeError>;
    /// A short description for status lines (`dir:/path`, `s3://bucket/prefix`).
    fn describe(&self) -> String;
}
