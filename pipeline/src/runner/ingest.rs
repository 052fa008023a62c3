//! Filing a response: the lake first, then staging — the response's entry (record −1: its run
//! record and any whole-response rejection) and one document per record. Nothing is loaded
//! here: the cleaner (`drain.rs`) is the one way into the warehouse; for a leader about to load
//! what it files, the records are cleaned beside the staging write and handed over with it.

use super::clean_chunk::{CleanedChunk, FilingRecord, clean_chunk};
use super::crash_point::{self, CrashPoint};
use super::errors::{PipelineError, Stage};
use super::events::Run;
use super::metrics::CLEANER_JOB;
use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::clean::dispatch;
use crate::clean::lufthansa::SplitBody;
use crate::lake::{LakeObject, batch_id};
use crate::model::RawResponse;
use crate::staging::response_entry::{EntryStage, ResponseEntry, unfiled_batch};
use crate::staging::{BatchInfo, NewRecord, Staged, StagedRecord};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// The job name of answers filed one by one (`ingest-file`, tests).
pub const INGEST_JOB: &str = "ingest";

/// Why a response did not make it into staging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestFailure {
    /// The source answered with an error (the answer is in the lake).
    Source(String),
    /// The lake or staging failed: the batch stopped there and nothing after it ran.
    Store(PipelineError),
}

/// What happened to one response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IngestOutcome {
    pub lake_key: Option<String>,
    /// Records staged (0 for an empty answer or a rejected body).
    pub records: u64,
    /// Why the body as a whole was rejected (malformed JSON, an error answer, a shape it is
    /// not): recorded in `rejects` when the cleaner loads the response's entry.
    pub rejection: Option<String>,
    pub failure: Option<IngestFailure>,
}

/// The records just staged, for the cleaner's hand-over (when staging numbered them
/// consecutively), with what cleaning them gave when that ran beside the staging write.
pub(super) struct Handoff {
    pub records: Vec<StagedRecord>,
    pub cleaned: Option<CleanedChunk>,
}

impl Pipeline {
    /// Files one raw response in the lake and staging. A failed lake write stops the batch
    /// before staging. The cleaner picks the records up on its next drain.
    pub async fn ingest(&self, raw: &RawResponse, started: DateTime<Utc>) -> IngestOutcome {
        let mut run = Run::new(&self.events, INGEST_JOB);
        self.file_answer(Arc::new(raw.clone()), started, false, &mut run).await
    }

    /// Files one raw response like [`ingest`](Self::ingest), then drains staging into the
    /// warehouse: the one load path, with the records just staged handed to the cleaner in
    /// memory when they are next in line (they are what a read of staging would return).
    pub async fn ingest_and_clean(&self, raw: &RawResponse, started: DateTime<Utc>) -> (IngestOutcome, CycleReport) {
        self.ingest_and_clean_owned(raw.clone(), started).await
    }

    /// [`ingest_and_clean`](Self::ingest_and_clean) of a response it may drop once it is filed:
    /// its body is freed before the records are cleaned (a large saved file is held once).
    pub async fn ingest_and_clean_owned(
        &self,
        raw: RawResponse,
        started: DateTime<Utc>,
    ) -> (IngestOutcome, CycleReport) {
        let mut run = Run::new(&self.events, INGEST_JOB);
        let (outcome, handoff) = self.file_and_hand_over(Arc::new(raw), started, &mut run).await;
        let mut report = Run::new(&self.events, CLEANER_JOB);
        if !matches!(outcome.failure, Some(IngestFailure::Store(_))) {
            self.drain_from(handoff, &mut report).await;
        }
        (outcome, report.into_report())
    }

    /// Stages the entry of a fetch that left nothing in the lake (no answer, or the lake refused
    /// it), so its run record reaches the warehouse the way every other one does.
    pub(super) async fn stage_unfiled(
        &self,
        started: DateTime<Utc>,
        source: &str,
        endpoint: &str,
        stage: EntryStage,
        error: String,
    ) {
        let entry = ResponseEntry {
            stage,
            started_at: started,
            finished_at: self.clock.now(),
            http_status: None,
            records: 0,
            rejection: None,
            error: Some(error),
            filed: false,
        };
        let batch = unfiled_batch(source, endpoint, started);
        if let Err(e) = self.stores.staging.stage(&batch, &[entry.to_record()]).await {
            // Nothing of the response is kept anywhere: the log and the metrics tell of it.
            tracing::error!(source, endpoint, "the run record of a failed fetch is lost: {e}");
        }
    }

    /// `ingest`, and the staged records when staging gave them consecutive seqs (for the
    /// cleaner's hand-over); `clean_ahead`: the leader, about to load them, cleans them on a
    /// blocking thread while staging writes them (the hand-over carries what that gave; the
    /// warehouse still gets them only once staging holds them). What happened is told by the
    /// caller (`filing.rs`). The body is shared with the lake's compression rather than copied,
    /// and dropped on return.
    pub(super) async fn file(
        &self,
        raw: Arc<RawResponse>,
        started: DateTime<Utc>,
        clean_ahead: bool,
    ) -> (IngestOutcome, Option<Handoff>) {
        let (source, endpoint) = (raw.source.as_str(), raw.endpoint.as_str());
        // The digest names the lake object; compressing it runs beside the splitting.
        let sha = LakeObject::digest(&raw.body);
        let lake_job = {
            let (raw, sha) = (raw.clone(), sha.clone());
            tokio::task::spawn_blocking(move || LakeObject::with_digest(&raw, sha, None))
        };
        let split = dispatch::split(source, endpoint, raw.http_status, &raw.body);
        let count = match &split {
            Ok(SplitBody::Records(r)) => Some(r.len() as u64),
            Ok(SplitBody::Empty) => Some(0),
            Err(_) => None,
        };
        let mut object = match lake_job.await {
            Ok(object) => object,
            Err(_) => LakeObject::with_digest(&raw, sha, None),
        };
        object.metadata.record_count = count;
        let mut outcome = IngestOutcome::default();
        let key = match self.stores.lake.put(&object).await {
            Ok(key) => key,
            Err(e) => {
                self.stage_unfiled(started, source, endpoint, EntryStage::Lake, e.to_string()).await;
                outcome.failure = Some(IngestFailure::Store(PipelineError::lake(Stage::Lake, e)));
                return (outcome, None);
            }
        };
        outcome.lake_key = Some(key.clone());
        // Written: the compressed copy is not needed while the records are staged and cleaned.
        object.gzipped_body = Vec::new();
        crash_point::reached(CrashPoint::Filed);
        let mut entry = ResponseEntry {
            stage: EntryStage::Fetch,
            started_at: started,
            finished_at: started,
            http_status: Some(raw.http_status),
            records: 0,
            rejection: None,
            error: None,
            filed: true,
        };
        let mut records = Vec::new();
        if !matches!(raw.http_status, 200 | 404) {
            // Kept in the lake as received; an error answer is the source's failure, not a record.
            let e = format!("{source} {endpoint}: HTTP {} from {}", raw.http_status, raw.url);
            entry.error = Some(e.clone());
            outcome.failure = Some(IngestFailure::Source(e));
        } else {
            match split {
                Ok(SplitBody::Records(docs)) => {
                    records = docs
                        .into_iter()
                        .enumerate()
                        .map(|(i, doc)| NewRecord { ordinal: i as i64, natural_key: None, doc })
                        .collect();
                }
                Ok(SplitBody::Empty) => {}
                Err(rejection) => entry.rejection = Some(rejection.reason),
            }
        }
        entry.records = records.len() as u64;
        entry.finished_at = self.clock.now();
        outcome.records = entry.records;
        outcome.rejection = entry.rejection.clone();
        let batch = BatchInfo {
            batch_id: batch_id(&raw, &object.metadata.sha256),
            lake_key: key.clone(),
            source: source.to_string(),
            endpoint: endpoint.to_string(),
            fetched_at: raw.fetched_at,
        };
        records.insert(0, entry.to_record());
        // The records hold copies of their text: the body is not needed any more.
        drop(raw);
        let records = Arc::new(records);
        let ahead = (clean_ahead && self.is_writer()).then(|| self.clean_beside_staging(&batch, &records));
        let staged = self.stores.staging.stage(&batch, &records).await;
        // The records are wanted back whole for the hand-over: the cleaning ends first.
        let cleaned = match ahead {
            Some(task) => task.await.ok(),
            None => None,
        };
        let seqs = match staged {
            Ok(Staged { seqs, .. }) => seqs,
            Err(e) => {
                // The lake holds it: staged again before the next drain.
                self.unstaged.lock().await.insert(key);
                outcome.failure = Some(IngestFailure::Store(PipelineError::staging(Stage::Stage, e)));
                return (outcome, None);
            }
        };
        crash_point::reached(CrashPoint::Staged);
        let handoff = seqs.map(|seqs| Handoff {
            records: Arc::unwrap_or_clone(records)
                .into_iter()
                .zip(seqs)
                .map(|(r, seq)| StagedRecord {
                    seq,
                    batch: batch.clone(),
                    ordinal: r.ordinal,
                    natural_key: r.natural_key,
                    doc: r.doc,
                })
                .collect(),
            cleaned,
        });
        (outcome, handoff)
    }

    /// Cleans a response's records on a blocking thread (while staging writes them).
    fn clean_beside_staging(
        &self,
        batch: &BatchInfo,
        records: &Arc<Vec<NewRecord>>,
    ) -> tokio::task::JoinHandle<CleanedChunk> {
        let places = self.places_for(&FilingRecord::all(batch, records));
        let now = self.clock.now();
        let (batch, records) = (batch.clone(), records.clone());
        tokio::task::spawn_blocking(move || clean_chunk(&FilingRecord::all(&batch, &records), &places, now))
    }
}

/// The interesting tail of a request URL for progress lines: `FRA/2026-11-27T20:00 offset=50`.
pub(super) fn request_label(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let tail: Vec<&str> = path.rsplit('/').take(2).collect();
    let offset = query.split('&').find(|p| p.starts_with("offset=")).unwrap_or("");
    format!("{}/{} {offset}", tail.get(1).unwrap_or(&""), tail.first().unwrap_or(&"")).trim().to_string()
}
