//! The long-running service with failover: standby until the leader lock is ours, then the
//! scheduler; back to standby if the lock is lost.

use super::pipeline::Pipeline;
use tokio::sync::watch;

/// What `run_led` needs beyond the pipeline.
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    pub scheduler: super::SchedulerSettings,
    /// How often a standby tries the lock and a leader checks it still holds it.
    pub lock_poll: std::time::Duration,
}

/// The service with failover: waits as a standby until it holds the warehouse's leader lock,
/// then runs the scheduler. A leader whose lock is gone (its database connection died) stops
/// every job at once and stands by again; a signal stops everything.
pub async fn run_led(
    pipeline: std::sync::Arc<Pipeline>,
    settings: ServiceSettings,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut lock = pipeline.stores().warehouse.leader_lock();
    let instance = pipeline.settings().instance.clone();
    // A database that cannot be reached is asked again less and less often, up to this.
    let max_backoff = pipeline.settings().interval.max(settings.lock_poll);
    loop {
        pipeline.set_writer(false);
        let mut announced = false;
        let mut failures: u32 = 0;
        loop {
            if *shutdown.borrow() {
                return;
            }
            let pause = match lock.try_acquire().await {
                Ok(true) => break,
                Ok(false) => {
                    if !announced {
                        tracing::info!("standby: another instance holds {}; waiting", lock.describe());
                        announced = true;
                    }
                    failures = 0;
                    settings.lock_poll
                }
                Err(e) => {
                    failures += 1;
                    let pause = (settings.lock_poll * 2u32.saturating_pow(failures.min(8))).min(max_backoff);
                    tracing::warn!("standby: {e}; attempt {failures}, next in {pause:?}");
                    pause
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = shutdown.wait_for(|stop| *stop) => return,
            }
        }
        match pipeline.lead().await {
            Ok(epoch) => tracing::info!("leader: {instance} holds {} (epoch {epoch})", lock.describe()),
            Err(e) => {
                tracing::warn!("leader: cannot claim the leader epoch: {e}; standing by");
                lock.release().await;
                tokio::select! {
                    _ = tokio::time::sleep(settings.lock_poll) => {}
                    _ = shutdown.wait_for(|stop| *stop) => return,
                }
                continue;
            }
        }
        pipeline.set_writer(true);
        pipeline.metrics().set_leader(true);
        let (stop_tx, stop_rx) = watch::channel(false);
        let mut scheduler = tokio::spawn(super::run_scheduled(pipeline.clone(), settings.scheduler.clone(), stop_rx));
        enum Ended {
            Finished,
            Signal,
            LockLost,
        }
        let ended = loop {
            let tick = tokio::select! {
                _ = &mut scheduler => Some(Ended::Finished),
                _ = shutdown.wait_for(|stop| *stop) => Some(Ended::Signal),
                _ = tokio::time::sleep(settings.lock_poll) => None,
            };
            match tick {
                Some(ended) => break ended,
                None if !lock.still_held().await => break Ended::LockLost,
                None => {}
            }
        };
        let lost = matches!(ended, Ended::LockLost);
        if lost {
            // Another instance may be writing already: no warehouse write from here on. The
            // answers in flight still go to this instance's lake and staging.
            pipeline.set_writer(false);
            tracing::error!("leader lock lost ({}): warehouse writes stopped; standing by", lock.describe());
        }
        if !matches!(ended, Ended::Finished) {
            // No new fetches; the answers in flight are filed, and (while leading) drained.
            let _ = stop_tx.send(true);
            let _ = (&mut scheduler).await;
        }
        pipeline.metrics().set_leader(false);
        pipeline.metrics().forget_jobs();
        lock.release().await;
        if !lost {
            return;
        }
    }
}

/// For a one-off writer (`--once`, `ingest-file`, replay): takes the leader lock and the leader
/// epoch, or `None` when another instance leads (it must not write beside it). Hold the lock
/// until the writes are done, then release it.
pub async fn lead_once(
    pipeline: &Pipeline,
) -> Result<Option<Box<dyn crate::warehouse::LeaderLock>>, crate::warehouse::WarehouseError> {
    let mut lock = pipeline.stores().warehouse.leader_lock();
    if !lock.try_acquire().await? {
        return Ok(None);
    }
    pipeline.lead().await?;
    Ok(Some(lock))
}
