use super::CLEANER;
use super::drain::CleanedRecord;
use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::clean::dispatch;
use crate::clean::lufthansa::SplitBody;
use crate::clean::{CleanRow, RecordContext, Rejection};
use crate::lake::{LakeKey, LakeObject, batch_id};
use crate::model::RawResponse;
use crate::staging::{BatchInfo, NewRecord, Staged};
use crate::warehouse::{RejectRow, RunRecord};
use chrono::{DateTime, Utc};
use std::ops::RangeInclusive;

/// Why a response did not make it into staging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestFailure {
    /// The source answered with an error (the answer is in the lake).
    Source(String),
    /// The lake or staging failed: the batch stopped there and nothing after it ran.
    Store(String),
}

/// What happened to one response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IngestOutcome {
    pub lake_key: Option<String>,
    /// Records staged (0 for an empty answer or a rejected body).
    pub records: u64,
    /// Why the body as a whole was rejected (malformed JSON, an error answer, a shape it is
    /// not): recorded in `rejects`.
    pub rejection: Option<String>,
    pub failure: Option<IngestFailure>,
}

impl Pipeline {
    /// Files one raw response: lake first, then one staging document per record. A failed lake
    /// write stops the batch before staging. The cleaner picks the records up on its next drain.
    pub async fn ingest(&self, raw: &RawResponse, started: DateTime<Utc>) -> IngestOutcome {
        self.lake_stage_load(raw, started, false).await.0
    }

    /// Files one raw response like [`ingest`](Self::ingest), then runs the cleaner.
    ///
    /// When the cleaner has caught up with staging (nothing staged waits beyond its checkpoint),
    /// the response's records are cleaned once, from memory, and loaded into the warehouse while
    /// staging stores them: the lake already holds the response, so nothing can be lost, and the
    /// upserts make a second load of the same records harmless. The checkpoint moves past them
    /// only when staging took every record and they are the first after the checkpoint; otherwise
    /// the drain that follows reads them back from staging and loads them in staging's order.
    pub async fn ingest_and_clean(&self, raw: &RawResponse, started: DateTime<Utc>) -> (IngestOutcome, CycleReport) {
        let (outcome, mut report) = self.lake_stage_load(raw, started, true).await;
        if outcome.failure.is_none() && report.store_errors.is_empty() {
            self.drain(&mut report).await;
        }
        (outcome, report)
    }

    /// The cleaner's checkpoint when nothing staged waits beyond it.
    async fn cleaner_caught_up(&self) -> Option<i64> {
        let done = self.stores.staging.checkpoint(CLEANER).await.ok()?;
        match self.stores.staging.read_after(done, 1).await {
            Ok(waiting) if waiting.is_empty() => Some(done),
            _ => None,
        }
    }

    /// Moves the cleaner's checkpoint past `seqs` if they are the first records after `done`.
    async fn pass_checkpoint(&self, done: i64, seqs: &RangeInclusive<i64>) -> bool {
        match self.stores.staging.read_after(done, 1).await {
            Ok(next) if next.first().map(|r| r.seq) == Some(*seqs.start()) => {}
            _ => return false,
        }
        match self.stores.staging.set_checkpoint(CLEANER, *seqs.end()).await {
            Ok(()) => true,
            Err(e) => {
                // The rows are in; the drain will load them once more, which changes nothing.
                tracing::warn!("cleaner checkpoint: {e}");
                false
            }
        }
    }

    /// `ingest`; with `clean`, also the records' load as `ingest_and_clean` describes, and what
    /// it did.
    async fn lake_stage_load(
        &self,
        raw: &RawResponse,
        started: DateTime<Utc>,
        clean: bool,
    ) -> (IngestOutcome, CycleReport) {
        let (source, endpoint) = (raw.source.as_str(), raw.endpoint.as_str());
        // The digest names the lake object; compressing it runs beside the splitting and the
        // cleaning (a large answer takes tens of milliseconds for each). Cleaning is pure: nothing
        // is stored before the lake holds the response.
        let sha = LakeObject::digest(&raw.body);
        let expected_key = LakeKey::for_response(raw, &sha).0;
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
        let context = |lake_key: &str| RecordContext {
            source: source.to_string(),
            endpoint: endpoint.to_string(),
            lake_key: lake_key.to_string(),
            fetched_at: raw.fetched_at,
        };
        let clean_all = |records: &[Box<serde_json::value::RawValue>],
                         ctx: &RecordContext|
         -> Vec<Result<Vec<CleanRow>, Rejection>> {
            let places = self.places_for_response(ctx, records);
            records.iter().map(|doc| dispatch::clean(doc, ctx, &places)).collect()
        };
        let early = match &split {
            Ok(SplitBody::Records(records)) if matches!(raw.http_status, 200 | 404) => {
                Some(clean_all(records, &context(&expected_key)))
            }
            _ => None,
        };
        let mut object = match lake_job.await {
            Ok(object) => object,
            Err(_) => LakeObject::with_digest(raw, sha, None),
        };
        object.metadata.record_count = count;
        let mut run = RunRecord {
            started_at: started,
            finished_at: started,
            source: source.to_string(),
            endpoint: endpoint.to_string(),
            stage: "fetch".into(),
            lake_key: None,
            records: 0,
            rejects: 0,
            loaded: 0,
            error: None,
            instance: None,
        };
        let mut outcome = IngestOutcome::default();
        let mut report = CycleReport::default();
        let key = match self.stores.lake.put(&object).await {
            Ok(key) => key,
            Err(e) => {
                tracing::error!(source, endpoint, "{e}");
                run.stage = "lake".into();
                return (self.finish(run, outcome, Some(IngestFailure::Store(e.to_string()))).await, report);
            }
        };
        run.lake_key = Some(key.clone());
        outcome.lake_key = Some(key.clone());
        if !matches!(raw.http_status, 200 | 404) {
            // Kept in the lake as received; an error answer is the source's failure, not a record.
            let e = format!("{source} {endpoint}: HTTP {} from {}", raw.http_status, raw.url);
            tracing::warn!(source, endpoint, "{e}");
            return (self.finish(run, outcome, Some(IngestFailure::Source(e))).await, report);
        }
        let batch = BatchInfo {
            batch_id: batch_id(raw, &object.metadata.sha256),
            lake_key: key.clone(),
            source: source.to_string(),
            endpoint: endpoint.to_string(),
            fetched_at: raw.fetched_at,
        };
        match split {
            Ok(SplitBody::Records(records)) => {
                let results = match early {
                    Some(results) if key == expected_key => results,
                    // The lake named the object otherwise: the rows must carry its key.
                    _ => clean_all(&records, &context(&key)),
                };
                let staged: Vec<NewRecord> = records
                    .into_iter()
                    .zip(&results)
                    .map(|(doc, result)| NewRecord {
                        natural_key: result.as_ref().ok().and_then(|rows| rows.first().map(CleanRow::natural_key)),
                        doc,
                    })
                    .collect();
                run.records = staged.len() as i64;
                let staging = self.stores.staging.stage(&batch, &staged);
                let caught_up = if clean && self.is_writer() { self.cleaner_caught_up().await } else { None };
                let (stage_result, loaded) = match caught_up {
                    Some(done) => {
                        let since = (self.clock.now(), std::time::Instant::now());
                        let cleaned =
                            results.into_iter().zip(&staged).enumerate().map(|(i, (result, r))| CleanedRecord {
                                batch: &batch,
                                ordinal: i as i64,
                                natural_key: r.natural_key.as_deref(),
                                result,
                            });
                        let (rows, cleaned) = self.collect_rows(cleaned);
                        let mut fresh = CycleReport::default();
                        let load = self.load_rows(rows, cleaned, staged.len(), since, None, &mut fresh);
                        let (stage_result, ok) = tokio::join!(staging, load);
                        (stage_result, Some((done, ok, fresh)))
                    }
                    None => (staging.await, None),
                };
                let seqs = match stage_result {
                    Ok(Staged { seqs, .. }) => seqs,
                    Err(e) => {
                        tracing::error!(source, endpoint, "{e}");
                        // The lake holds it: staged again before the next drain.
                        self.unstaged.lock().await.insert(key.clone());
                        run.stage = "staging".into();
                        let failure = Some(IngestFailure::Store(e.to_string()));
                        return (self.finish(run, outcome, failure).await, report);
                    }
                };
                match (loaded, seqs) {
                    (Some((done, true, fresh)), Some(seqs)) if self.pass_checkpoint(done, &seqs).await => {
                        report.merge(&fresh)
                    }
                    (Some((_, false, fresh)), _) => report.store_errors.extend(fresh.store_errors),
                    // Loaded, but not next in line: the drain loads them again, in order.
                    _ => {}
                }
                outcome.records = run.records as u64;
            }
            Ok(SplitBody::Empty) => {}
            Err(rejection) => {
                run.rejects = 1;
                run.error = Some(rejection.reason.clone());
                outcome.rejection = Some(rejection.reason.clone());
                self.pending.lock().await.rejects.push(RejectRow {
                    source: batch.source.clone(),
                    endpoint: batch.endpoint.clone(),
                    lake_key: key,
                    ordinal: -1,
                    natural_key: None,
                    reason: rejection.reason,
                    rejected_at: self.clock.now(),
                });
            }
        }
        tracing::info!(
            target: "skyboard::batch",
            source = %source,
            endpoint = %endpoint,
            request = %request_label(&raw.url),
            http_status = raw.http_status,
            records = run.records,
            rejects = run.rejects,
            duration_ms = (self.clock.now() - started).num_milliseconds(),
            "batch"
        );
        (self.finish(run, outcome, None).await, report)
    }

    async fn finish(
        &self,
        mut run: RunRecord,
        mut outcome: IngestOutcome,
        failure: Option<IngestFailure>,
    ) -> IngestOutcome {
        run.finished_at = self.clock.now();
        if let Some(IngestFailure::Source(e) | IngestFailure::Store(e)) = &failure {
            run.error = Some(e.clone());
        }
        self.note_run(run).await;
        outcome.failure = failure;
        outcome
    }
}

/// The interesting tail of a request URL for progress lines: `FRA/2026-11-27T20:00 offset=50`.
fn request_label(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let tail: Vec<&str> = path.rsplit('/').take(2).collect();
    let offset = query.split('&').find(|p| p.starts_with("offset=")).unwrap_or("");
    format!("{}/{} {offset}", tail.get(1).unwrap_or(&""), tail.first().unwrap_or(&"")).trim().to_string()
}
