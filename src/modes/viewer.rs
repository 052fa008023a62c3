//! `--viewer`: the front end alone against a warehouse another process writes (many SSH users,
//! one pipeline). It never migrates, seeds or writes; an SQLite warehouse is opened read-only.

use super::shutdown_signal;
use crate::config::Config;
use crate::tui::app::{TuiContext, run as run_tui};
use color_eyre::eyre::{Result, WrapErr, eyre};
use pipeline::warehouse::{MySqlWarehouse, SqliteWarehouse, Warehouse};
use std::process::ExitCode;
use std::sync::Arc;

pub async fn run(config: Config, ui: super::UiOptions) -> Result<ExitCode> {
    let (_log_guard, log_path) = crate::logging::to_file(&config.data_dir, &config.log_level)
        .wrap_err_with(|| format!("cannot write logs under {}", config.data_dir.display()))?;
    let warehouse = open_read_only(&config).await?;
    let (have, need) = (warehouse.schema_version().await?, warehouse.latest_schema_version());
    if have != Some(need) {
        return Err(eyre!(
            "the warehouse {} is at schema {}, this build reads {need}: let its pipeline (or `skyboard migrate`) bring it up to date",
            warehouse.describe(),
            have.map_or("none".to_string(), |v| v.to_string())
        ));
    }
    tracing::info!("viewer on {} ({}), logs in {}", config.airport, warehouse.describe(), log_path.display());
    let (watchlist, notice) = crate::watch::Watchlist::load_or_empty(&config.data_dir);
    let ctx = TuiContext {
        warehouse: warehouse.clone(),
        clock: Arc::new(pipeline::clock::SystemClock),
        airport: config.airport.clone(),
        source_label: config.sources.label().to_string(),
        theme: ui.theme,
        marker: ui.marker,
        mouse: ui.mouse,
        day: ui.day,
        backend: super::backend_name(warehouse.as_ref()),
        status: None,
        panic_after: ui.panic_after,
        watchlist,
        alerts: config.alerts,
        keymap: config.keys.clone(),
        notice,
    };
    run_tui(ctx, shutdown_signal()).await.wrap_err("terminal error")?;
    Ok(ExitCode::SUCCESS)
}

async fn open_read_only(config: &Config) -> Result<Arc<dyn Warehouse>> {
    let url = config.store_config().warehouse;
    if url.starts_with("mysql://") || url.starts_with("mariadb://") {
        // A read-only MySQL user is the server's business (README: "Read-only front ends").
        return Ok(Arc::new(MySqlWarehouse::connect(&url).await.wrap_err("cannot open the warehouse")?));
    }
    let path = std::path::PathBuf::from(url.strip_prefix("sqlite://").unwrap_or(&url));
    if !path.exists() {
        return Err(eyre!("no warehouse at {}: start a pipeline first (`skyboard --pipeline-only`)", path.display()));
    }
    Ok(Arc::new(SqliteWarehouse::open_read_only(&path).await.wrap_err("cannot open the warehouse")?))
}
