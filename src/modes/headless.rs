use super::{build_pipeline, shutdown_signal};
use crate::config::Config;
use color_eyre::eyre::Result;
use pipeline::clock::SharedClock;
use pipeline::runner::run_until_shutdown;
use std::process::ExitCode;

/// `--pipeline-only`: cycles until a signal, or one cycle with `--once`.
pub async fn run(config: Config, once: bool) -> Result<ExitCode> {
    crate::logging::to_stderr(&config.log_level);
    let clock: SharedClock = config.demo.clock(config.sources);
    let built = build_pipeline(&config, clock).await?;
    tracing::info!(
        "skyboard pipeline ({}) into {}, airports {}",
        config.sources.label(),
        config.data_dir.display(),
        config.airports.join(",")
    );
    if once {
        let report = built.pipeline.run_cycle().await;
        built.close().await;
        let line = report.summary();
        return Ok(if report.failed() {
            tracing::error!("cycle failed: {line}");
            for e in report.store_errors.iter().chain(&report.source_errors) {
                tracing::error!("  {e}");
            }
            ExitCode::FAILURE
        } else {
            tracing::info!("cycle done: {line}");
            ExitCode::SUCCESS
        });
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let pipeline = built.pipeline.clone();
    let mut worker = tokio::spawn(async move { run_until_shutdown(&pipeline, stop_rx, None).await });
    tokio::select! {
        signal = shutdown_signal() => {
            tracing::info!("{signal}: finishing the batch in flight");
            let _ = stop_tx.send(true);
            if tokio::time::timeout(std::time::Duration::from_secs(30), &mut worker).await.is_err() {
                tracing::warn!("the pipeline did not stop within 30 s; exiting");
            }
        }
        _ = &mut worker => {}
    }
    built.close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}
