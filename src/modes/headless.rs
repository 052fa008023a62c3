use super::{build_pipeline, shutdown_signal};
use crate::cli::LogFormat;
use crate::config::Config;
use color_eyre::eyre::{Result, WrapErr};
use pipeline::clock::SharedClock;
use pipeline::runner::{SchedulerSettings, ServiceSettings, run_led, serve_metrics};
use std::process::ExitCode;
use std::time::Duration;

/// How long a signal gives the batch in flight before the process exits anyway (a warehouse
/// transaction cut off there is rolled back by the database and redone on the next start).
const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy)]
pub struct HeadlessOptions {
    pub once: bool,
    pub log_format: LogFormat,
    pub metrics_addr: Option<std::net::SocketAddr>,
    pub concurrency: usize,
}

/// `--pipeline-only`: the scheduled service until a signal, or one cycle with `--once`.
pub async fn run(config: Config, options: HeadlessOptions) -> Result<ExitCode> {
    crate::logging::to_stderr_as(&config.log_level, options.log_format);
    let clock: SharedClock = config.demo.clock(config.sources);
    let built = build_pipeline(&config, clock).await?;
    tracing::info!(
        "skyboard pipeline ({}) into {}, airports {}, instance {}",
        config.sources.label(),
        config.data_dir.display(),
        config.airports.join(","),
        built.pipeline.settings().instance,
    );
    if options.once {
        // One writer at a time: beside a running leader, --once would write behind its back.
        let Some(mut lock) = pipeline::runner::lead_once(&built.pipeline).await? else {
            tracing::error!(
                "a pipeline instance leads this warehouse ({}): --once does not write beside it",
                built.pipeline.stores().warehouse.leader_lock().describe()
            );
            built.close().await;
            return Ok(ExitCode::FAILURE);
        };
        let report = built.pipeline.run_cycle().await;
        lock.release().await;
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
    // The metrics the pipeline's events move.
    let metrics = built.pipeline.metrics().clone();
    if let Some(addr) = options.metrics_addr {
        let bound =
            serve_metrics(addr, metrics.clone()).await.wrap_err_with(|| format!("cannot serve metrics on {addr}"))?;
        tracing::info!("metrics on http://{bound}/metrics, health on http://{bound}/healthz");
    }
    let interval = built.pipeline.settings().interval;
    let settings = ServiceSettings {
        scheduler: SchedulerSettings {
            concurrency: options.concurrency.max(1),
            clean_interval: interval.min(Duration::from_secs(5)),
            ..SchedulerSettings::default()
        },
        // A standby notices a dead leader well within one interval.
        lock_poll: (interval / 3).clamp(Duration::from_millis(200), Duration::from_secs(5)),
    };
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut service = tokio::spawn(run_led(built.pipeline.clone(), settings, stop_rx));
    tokio::select! {
        signal = shutdown_signal() => {
            tracing::info!("{signal}: no new fetches; finishing the batch in flight");
            let _ = stop_tx.send(true);
            if tokio::time::timeout(SHUTDOWN_DEADLINE, &mut service).await.is_err() {
                tracing::warn!("the pipeline did not stop within {}s; exiting (the open batch rolls back)", SHUTDOWN_DEADLINE.as_secs());
            }
        }
        _ = &mut service => {}
    }
    built.close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}
