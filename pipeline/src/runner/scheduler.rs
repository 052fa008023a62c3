//! The long-running service: every job on its own timer, at most `concurrency` fetching at
//! once, and the cleaner as its own stage fed from staging. Fetch jobs wait while the cleaner is
//! more than `backlog_limit` records behind (backpressure); a slow job delays only itself.
//!
//! Shutdown: when `shutdown` turns true no job starts another fetch; the answers in flight are
//! filed, then the cleaner drains what was staged, each warehouse batch one transaction. The
//! caller bounds the whole with its deadline; a batch cut off there rolls back and is redone by
//! the next start from the staging checkpoint.

use super::jobs::JobSpec;
use super::metrics::CLEANER_JOB;
use super::pipeline::Pipeline;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::{Notify, Semaphore, watch};

#[derive(Debug, Clone)]
pub struct SchedulerSettings {
    /// Jobs fetching at the same time.
    pub concurrency: usize,
    /// Staged records the cleaner may be behind before fetch jobs wait for it.
    pub backlog_limit: u64,
    /// How often the cleaner looks at staging when no job woke it.
    pub clean_interval: Duration,
}

impl Default for SchedulerSettings {
    fn default() -> Self {
        Self { concurrency: 4, backlog_limit: 50_000, clean_interval: Duration::from_secs(5) }
    }
}

/// Between the fetch jobs and the cleaner.
#[derive(Debug, Default)]
struct Backlog {
    records: AtomicU64,
    staged: Notify,
    cleaned: Notify,
}

/// Runs every job of `pipeline` until `shutdown` turns true, then lets the cleaner finish.
/// What the runs do reaches the log, the metrics and the status bar as the pipeline's events.
pub async fn run_scheduled(pipeline: Arc<Pipeline>, settings: SchedulerSettings, shutdown: watch::Receiver<bool>) {
    let jobs = pipeline.jobs();
    // Lake objects a previous run filed but could not stage (an outage, then a crash).
    match pipeline.find_unstaged().await {
        Ok(0) => {}
        Ok(n) => {
            tracing::info!("{n} lake objects of the last day are not staged: they are staged before the next drain")
        }
        Err(e) => tracing::warn!("looking for unstaged lake objects: {e}"),
    }
    tracing::info!(
        "scheduler: {} jobs, at most {} at once: {}",
        jobs.len(),
        settings.concurrency,
        jobs.iter().map(|j| format!("{} every {}s", j.name, j.interval.as_secs())).collect::<Vec<_>>().join(", ")
    );
    let permits = Arc::new(Semaphore::new(settings.concurrency.max(1)));
    let backlog = Arc::new(Backlog::default());
    let metrics = pipeline.metrics().clone();
    metrics.watch_named(CLEANER_JOB, settings.clean_interval.max(pipeline.settings().interval));
    let mut fetchers = tokio::task::JoinSet::new();
    for job in jobs {
        metrics.watch(&job);
        fetchers.spawn(job_loop(
            pipeline.clone(),
            job,
            permits.clone(),
            backlog.clone(),
            settings.backlog_limit,
            shutdown.clone(),
        ));
    }
    // Retention runs beside the jobs, on the leader only (this scheduler runs while it leads).
    let retention = tokio::spawn(super::retention::retention_loop(pipeline.clone(), shutdown.clone()));
    let (fetching_done, done) = watch::channel(false);
    let cleaner = tokio::spawn(cleaner_loop(pipeline.clone(), backlog.clone(), settings, done));
    while fetchers.join_next().await.is_some() {}
    // Every fetch has stopped and filed what it received: the cleaner drains once more and ends.
    let _ = fetching_done.send(true);
    let _ = cleaner.await;
    let _ = retention.await;
}

async fn job_loop(
    pipeline: Arc<Pipeline>,
    job: JobSpec,
    permits: Arc<Semaphore>,
    backlog: Arc<Backlog>,
    backlog_limit: u64,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        if *shutdown.borrow() {
            return;
        }
        while backlog.records.load(Ordering::Acquire) > backlog_limit {
            tracing::debug!(job = %job.name, "waiting for the cleaner");
            tokio::select! {
                _ = backlog.cleaned.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = shutdown.wait_for(|stop| *stop) => return,
            }
        }
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p,
            _ = shutdown.wait_for(|stop| *stop) => return,
        };
        let started = tokio::time::Instant::now();
        let report = pipeline.run_job(&job).await;
        drop(permit);
        backlog.records.fetch_add(report.records_staged, Ordering::AcqRel);
        backlog.staged.notify_one();
        pipeline.note_budgets().await;
        let next = started + job.interval;
        tokio::select! {
            _ = tokio::time::sleep_until(next) => {}
            _ = shutdown.wait_for(|stop| *stop) => return,
        }
    }
}

/// Drains staging whenever a job staged something (or every `clean_interval`), until the fetch
/// jobs are done, then once more. After a failed drain it waits longer each time (up to a
/// minute) before it tries again: a restarting database is not hammered.
async fn cleaner_loop(
    pipeline: Arc<Pipeline>,
    backlog: Arc<Backlog>,
    settings: SchedulerSettings,
    mut fetching_done: watch::Receiver<bool>,
) {
    let mut failures: u32 = 0;
    loop {
        let last = *fetching_done.borrow();
        // What is counted now is covered by this drain.
        let counted = backlog.records.load(Ordering::Acquire);
        let report = pipeline.clean_and_prune().await;
        if report.store_errors.is_empty() {
            failures = 0;
            let _ =
                backlog.records.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| Some(n.saturating_sub(counted)));
        } else {
            failures += 1;
        }
        backlog.cleaned.notify_waiters();
        if last {
            return;
        }
        let pause = if failures == 0 {
            settings.clean_interval
        } else {
            let backoff = Duration::from_millis(500) * 2u32.saturating_pow(failures.min(7));
            tracing::warn!("the cleaner failed {failures} time(s) in a row; next attempt in {backoff:?}");
            backoff.min(Duration::from_secs(60))
        };
        tokio::select! {
            _ = backlog.staged.notified(), if failures == 0 => {}
            _ = tokio::time::sleep(pause) => {}
            _ = fetching_done.wait_for(|done| *done) => {}
        }
    }
}
