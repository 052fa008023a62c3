use super::pipeline::Stores;
use crate::lake::{Lake, LocalDirLake, S3Lake, S3Location, S3Settings};
use crate::staging::{EmbeddedStaging, MongoStaging, Staging};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where each store lives, as configured.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// `s3://bucket/prefix` or a directory.
    pub lake: String,
    pub s3: S3Settings,
    /// `mongodb://…` or `embedded`.
    pub staging: String,
    /// `mysql://…` or `sqlite://PATH`.
    pub warehouse: String,
    /// Where the embedded stores keep their files.
    pub data_dir: PathBuf,
}

impl StoreConfig {
    /// The embedded stack in a data directory.
    pub fn embedded(data_dir: &Path) -> Self {
        Self {
            lake: data_dir.join("lake").display().to_string(),
            s3: S3Settings::default(),
            staging: "embedded".into(),
            warehouse: format!("sqlite://{}", data_dir.join("warehouse.sqlite").display()),
            data_dir: data_dir.to_path_buf(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{store}: {message}")]
pub struct StoreOpenError {
    pub store: &'static str,
    pub message: String,
}

/// Opens the configured lake.
pub async fn open_lake(config: &StoreConfig) -> Result<Arc<dyn Lake>, StoreOpenError> {
    if config.lake.starts_with("s3://") {
        let location = S3Location::parse(&config.lake).ok_or_else(|| StoreOpenError {
            store: "lake",
            message: format!("not an s3://bucket/prefix URL: {}", config.lake),
        })?;
        Ok(Arc::new(S3Lake::connect(location, &config.s3).await))
    } else {
        Ok(Arc::new(LocalDirLake::new(&config.lake)))
    }
}

/// Opens the configured staging store.
pub async fn open_staging(config: &StoreConfig) -> Result<Arc<dyn Staging>, StoreOpenError> {
    let fail = |e: crate::staging::StagingError| StoreOpenError { store: "staging", message: e.to_string() };
    if config.staging.starts_with("mongodb://") || config.staging.starts_with("mongodb+srv://") {
        Ok(Arc::new(MongoStaging::connect(&config.staging).await.map_err(fail)?))
    } else if config.staging == "embedded" {
        Ok(Arc::new(EmbeddedStaging::open(&config.data_dir.join("staging.sqlite")).await.map_err(fail)?))
    } else {
        Err(StoreOpenError { store: "staging", message: "must be `embedded` or a mongodb:// URL".into() })
    }
}

/// Opens all three stores (creating the data directory the embedded ones live in).
pub async fn open_stores(config: &StoreConfig) -> Result<Stores, StoreOpenError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|e| StoreOpenError {
        store: "data directory",
        message: format!("cannot create {}: {e}", config.data_dir.display()),
    })?;
    let lake = open_lake(config).await?;
    let staging = open_staging(config).await?;
    let warehouse = crate::warehouse::open(&config.warehouse)
        .await
        .map_err(|e| StoreOpenError { store: "warehouse", message: e.to_string() })?;
    Ok(Stores { lake, staging, warehouse })
}
