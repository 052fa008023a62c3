use super::{build_pipeline, shutdown_signal};
use crate::config::Config;
use crate::tui::app::{TuiContext, run as run_tui};
use color_eyre::eyre::{Result, WrapErr};
use pipeline::clock::SharedClock;
use pipeline::runner::{SchedulerSettings, ServiceSettings, run_led};
use std::process::ExitCode;
use std::time::Duration;

/// The default mode: the pipeline in a background task, the boards in front.
pub async fn run(config: Config, ui: super::UiOptions) -> Result<ExitCode> {
    let (_log_guard, log_path) = crate::logging::to_file(&config.data_dir, &config.log_level)
        .wrap_err_with(|| format!("cannot write logs under {}", config.data_dir.display()))?;
    let clock: SharedClock = config.demo.clock(config.sources);
    // Opening the stores happens before the terminal is taken, so its errors print plainly.
    let built = build_pipeline(&config, clock.clone()).await?;
    tracing::info!("front end on {} ({}), logs in {}", config.airport, config.sources.label(), log_path.display());

    // The same scheduled, leader-locked service as `--pipeline-only`: a second front end on
    // the same warehouse stands by and only reads, so many users share one writer.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let interval = built.pipeline.settings().interval;
    let settings = ServiceSettings {
        scheduler: SchedulerSettings { clean_interval: interval.min(Duration::from_secs(2)), ..Default::default() },
        lock_poll: (interval / 3).clamp(Duration::from_millis(200), Duration::from_secs(5)),
    };
    // The status bar follows the pipeline's events (each job's latest run, see `runner/status.rs`).
    let status = built.pipeline.status();
    let worker = tokio::spawn(run_led(built.pipeline.clone(), settings, stop_rx));

    let (watchlist, notice) = crate::watch::Watchlist::load_or_empty(&config.data_dir);
    let ctx = TuiContext {
        warehouse: built.stores.warehouse.clone(),
        clock,
        airport: config.airport.clone(),
        source_label: config.sources.label().to_string(),
        theme: ui.theme,
        marker: ui.marker,
        mouse: ui.mouse,
        day: ui.day,
        backend: super::backend_name(built.stores.warehouse.as_ref()),
        status: Some(status),
        panic_after: ui.panic_after,
        watchlist,
        alerts: config.alerts,
        keymap: config.keys.clone(),
        notice,
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
