//! The cleaner: what staging holds beyond its checkpoint, in seq order, cleaned into the
//! warehouse one transaction per chunk (a large response's positions in slices just before
//! it). This is the one load path: the service, `--once`,
//! `ingest-file`, replay and reprocess all load through [`Pipeline::clean_and_load`], and the
//! warehouse gets only what staging holds — records, and each response's entry with its run
//! record and whole-response rejection (see `staging::response_entry`).

use super::CLEANER;
use super::clean_chunk::{CleanedChunk, clean_chunk};
use super::crash_point::{self, CrashPoint};
use super::errors::{PipelineError, Stage};
use super::events::{PipelineEvent, Run};
use super::ingest::Handoff;
use super::metrics::CLEANER_JOB;
use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::staging::StagedRecord;

/// Records read from staging per warehouse transaction (a chunk goes on to the end of the
/// response its last record belongs to, so a response is loaded whole).
const DRAIN_BATCH: usize = 10_000;

impl Pipeline {
    /// Cleans whatever staging holds beyond the cleaner's checkpoint into the warehouse.
    pub async fn clean_staged(&self) -> CycleReport {
        let mut report = Run::new(&self.events, CLEANER_JOB);
        self.drain(&mut report).await;
        report.into_report()
    }

    /// Cleans everything staged since the cleaner's checkpoint into the warehouse.
    pub(super) async fn drain(&self, report: &mut Run<'_>) {
        self.drain_from(None, report).await;
    }

    /// [`drain`](Self::drain), handed the records just staged: when they are the next in line
    /// after the checkpoint they are the first chunk, instead of being read back from staging.
    /// The checkpoint moves only after the transaction committed, so a failure (or a crash)
    /// leaves the records for the next attempt; every row a load writes is keyed by what it came
    /// from, so loading a chunk again changes nothing.
    pub(super) async fn drain_from(&self, mut handoff: Option<Handoff>, report: &mut Run<'_>) {
        // What failed to reach staging is staged first: a staging outage heals by itself.
        if !self.heal_staging(report).await {
            return;
        }
        // After a hand-over, staging is read once more: others may have staged behind it.
        let mut handed = handoff.is_some();
        while let Some(n) = self.drain_chunk(handoff.take(), report).await {
            if n < DRAIN_BATCH && !std::mem::take(&mut handed) {
                break;
            }
        }
    }

    /// One chunk of the drain: the records after the checkpoint (`handoff` when it is what comes
    /// next), cleaned and loaded in one transaction, then the checkpoint moved. The records it
    /// took, or `None` when there was nothing to do or a store failed (the error is in `report`).
    pub(super) async fn drain_chunk(&self, handoff: Option<Handoff>, report: &mut Run<'_>) -> Option<usize> {
        if !self.is_writer() {
            // Another instance leads: the records stay staged for it.
            return None;
        }
        let after = match self.stores.staging.checkpoint(CLEANER).await {
            Ok(seq) => seq,
            Err(e) => {
                self.store_error(report, PipelineError::staging(Stage::Clean, e));
                return None;
            }
        };
        let (records, cleaned) = match handoff {
            Some(Handoff { records, cleaned }) if records.first().is_some_and(|r| r.seq == after + 1) => {
                (records, cleaned)
            }
            _ => match self.read_chunk(after).await {
                Ok(r) => (r, None),
                Err(e) => {
                    self.store_error(report, PipelineError::staging(Stage::Clean, e));
                    return None;
                }
            },
        };
        let last = records.last()?.seq;
        let taken = records.len();
        if !self.clean_and_load(records, cleaned, report).await {
            return None;
        }
        if let Err(e) = self.stores.staging.set_checkpoint(CLEANER, last).await {
            self.store_error(report, PipelineError::staging(Stage::Load, e));
            return None;
        }
        Some(taken)
    }

    /// Up to `DRAIN_BATCH` records after `after`, and then the rest of the last one's response.
    async fn read_chunk(&self, after: i64) -> Result<Vec<StagedRecord>, crate::staging::StagingError> {
        let mut records = self.stores.staging.read_after(after, DRAIN_BATCH).await?;
        while records.len() >= DRAIN_BATCH {
            let last = records.last().expect("not empty");
            let (seq, key) = (last.seq, last.batch.lake_key.clone());
            let more = self.stores.staging.read_after(seq, DRAIN_BATCH).await?;
            let full = more.len() == DRAIN_BATCH;
            let before = records.len();
            records.extend(more.into_iter().take_while(|r| r.batch.lake_key == key));
            if !full || records.len() - before < DRAIN_BATCH {
                break;
            }
        }
        Ok(records)
    }

    /// Cleans `records` (on a blocking thread: cleaning ten thousand records must not hold up
    /// the runtime the boards share) unless `cleaned` is what they already gave (cleaned while
    /// they were staged), and loads that in one warehouse transaction, fenced by this instance's
    /// leader epoch. `false` (and a store error in `report`) when the warehouse refused: the
    /// records stay staged for the next attempt.
    pub(super) async fn clean_and_load(
        &self,
        records: Vec<StagedRecord>,
        cleaned: Option<CleanedChunk>,
        report: &mut Run<'_>,
    ) -> bool {
        if !self.is_writer() {
            return false;
        }
        let timer = std::time::Instant::now();
        let cleaned = match cleaned {
            Some(chunk) => Ok(chunk),
            None => {
                let places = self.places_for(&records);
                let now = self.clock.now();
                tokio::task::spawn_blocking(move || clean_chunk(&records, &places, now)).await
            }
        };
        let CleanedChunk { mut batch, records, cleaned } = match cleaned {
            Ok(chunk) => chunk,
            Err(e) => {
                self.store_error(report, PipelineError::cleaner(e));
                return false;
            }
        };
        for run in &mut batch.runs {
            run.instance.get_or_insert_with(|| self.settings.instance.clone());
        }
        batch.fence = self.fence();
        let rejected = batch.rejects.len() as u64;
        // A large response's positions go first in slices of their own, so no one statement
        // carries them all (memory follows a slice, not the response); the last load carries
        // the rest with the run records. A failure leaves the checkpoint where it was: loading
        // the slices again rewrites the same rows.
        for slice in position_slices(&mut batch) {
            if let Err(e) = self.stores.warehouse.load(&slice).await {
                self.store_error(report, PipelineError::warehouse(Stage::Load, e));
                return false;
            }
        }
        match self.stores.warehouse.load(&batch).await {
            Ok(stats) => {
                report.emit(PipelineEvent::Loaded {
                    records: records as u64,
                    cleaned: cleaned as u64,
                    rejects: rejected,
                    reject_reasons: super::report::reason_counts(&batch.rejects),
                    flights_written: stats.flights_written,
                    duration_ms: timer.elapsed().as_millis() as u64,
                });
                crash_point::reached(CrashPoint::Loaded);
                true
            }
            Err(e) => {
                self.store_error(report, PipelineError::warehouse(Stage::Load, e));
                false
            }
        }
    }

    pub(super) fn store_error(&self, report: &mut Run<'_>, e: PipelineError) {
        report.fail(e);
    }
}

/// Positions loaded per warehouse statement beyond the last one of a chunk.
const POSITION_SLICE: usize = 8_192;

/// Takes the positions of `batch` beyond the last [`POSITION_SLICE`], oldest first, as batches
/// of positions alone (fenced like `batch`); `batch` keeps the newest slice. Sorted by time, each
/// aircraft's newest position is in the last load that has the aircraft, whatever a load keeps
/// as the latest.
fn position_slices(batch: &mut crate::warehouse::LoadBatch) -> Vec<crate::warehouse::LoadBatch> {
    if batch.positions.len() <= POSITION_SLICE {
        return Vec::new();
    }
    batch.positions.sort_by_key(|p| p.observed_at);
    let keep = batch.positions.len() - (batch.positions.len() - 1) % POSITION_SLICE - 1;
    let newest = batch.positions.split_off(keep);
    let older = std::mem::replace(&mut batch.positions, newest);
    let mut slices = Vec::new();
    let mut older = older.into_iter().peekable();
    while older.peek().is_some() {
        let positions: Vec<_> = older.by_ref().take(POSITION_SLICE).collect();
        slices.push(crate::warehouse::LoadBatch { positions, fence: batch.fence, ..Default::default() });
    }
    slices
}
