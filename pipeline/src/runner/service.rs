use super::pipeline::Pipeline;
use super::report::CycleReport;
use tokio::sync::watch;

/// Runs cycles every `interval` until `shutdown` turns true. A cycle in flight finishes first
/// (its batches are short; each warehouse batch is one transaction). Reports go to `reports`.
pub async fn run_until_shutdown(
    pipeline: &Pipeline,
    mut shutdown: watch::Receiver<bool>,
    reports: Option<watch::Sender<Option<CycleReport>>>,
) {
    loop {
        if *shutdown.borrow() {
            return;
        }
        let report = pipeline.run_cycle().await;
        if report.failed() {
            tracing::warn!("cycle failed: {}", report.summary());
        } else {
            tracing::info!("cycle done: {}", report.summary());
        }
        if let Some(tx) = &reports {
            let _ = tx.send(Some(report));
        }
        tokio::select! {
            _ = tokio::time::sleep(pipeline.settings().interval) => {}
            _ = shutdown.wait_for(|stop| *stop) => return,
        }
    }
}
