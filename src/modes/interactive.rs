use super::{build_pipeline, shutdown_signal};
use crate::config::Config;
use crate::tui::app::{TuiContext, run as run_tui};
use crate::tui::theme::Theme;
use color_eyre::eyre::{Result, WrapErr};
use pipeline::clock::SharedClock;
use pipeline::runner::run_until_shutdown;
use std::process::ExitCode;
use std::time::Duration;

/// The default mode: the pipeline in a background task, the boards in front.
pub async fn run(config: Config, panic_after_ms: Option<u64>) -> Result<ExitCode> {
    let (_log_guard, log_path) = crate::logging::to_file(&config.data_dir, &config.log_level)
        .wrap_err_with(|| format!("cannot write logs under {}", config.data_dir.display()))?;
    let clock: SharedClock = config.demo.clock(config.sources);
    // Opening the stores happens before the terminal is taken, so its errors print plainly.
    let built = build_pipeline(&config, clock.clone()).await?;
    tracing::info!("front end on {} ({}), logs in {}", config.airport, config.sources.label(), log_path.display());

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let (report_tx, report_rx) = tokio::sync::watch::channel(None);
    let pipeline = built.pipeline.clone();
    let worker = tokio::spawn(async move { run_until_shutdown(&pipeline, stop_rx, Some(report_tx)).await });

    let ctx = TuiContext {
        warehouse: built.stores.warehouse.clone(),
        clock,
        airport: config.airport.clone(),
        source_label: config.sources.label().to_string(),
        theme: Theme::from_env(),
        reports: Some(report_rx),
        panic_after: panic_after_ms.map(Duration::from_millis),
    };
    let ui = run_tui(ctx, shutdown_signal()).await;

    let _ = stop_tx.send(true);
    if tokio::time::timeout(Duration::from_secs(10), worker).await.is_err() {
        tracing::warn!("the pipeline did not stop within 10 s");
    }
    built.close().await;
    drop(built.demo);
    ui.wrap_err("terminal error")?;
    Ok(ExitCode::SUCCESS)
}
