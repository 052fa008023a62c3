use crate::config::Config;
use color_eyre::eyre::{Result, WrapErr};
use pipeline::reference::Reference;
use pipeline::runner::{open_lake, open_staging};
use std::process::ExitCode;

/// `skyboard migrate`: the bucket or directory of the lake, the staging indexes, the warehouse
/// schema and its reference data.
pub async fn run(config: &Config) -> Result<ExitCode> {
    let stores = config.store_config();
    let lake = open_lake(&stores).await?;
    lake.prepare().await.wrap_err("lake")?;
    println!("lake       ready      {}", lake.describe());
    let staging = open_staging(&stores).await?;
    println!("staging    ready      {}", staging.describe());
    staging.close().await;
    let warehouse = pipeline::warehouse::open(&stores.warehouse).await?;
    let before = warehouse.schema_version().await?;
    warehouse.migrate().await.wrap_err("warehouse migration")?;
    warehouse.seed_reference(Reference::embedded()).await.wrap_err("reference data")?;
    let after = warehouse.schema_version().await?;
    let how = if before == after { "up to date" } else { "migrated" };
    println!("warehouse  {how:<10} {} (schema {})", warehouse.describe(), after.unwrap_or(0));
    Ok(ExitCode::SUCCESS)
}
