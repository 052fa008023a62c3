use super::pipeline::Pipeline;
use crate::clean::dispatch;
use crate::clean::lufthansa::SplitBody;
use crate::clean::{CleanRow, RecordContext};
use crate::lake::{LakeObject, batch_id};
use crate::model::RawResponse;
use crate::staging::{BatchInfo, NewRecord};
use crate::warehouse::{RejectRow, RunRecord};
use chrono::{DateTime, Utc};

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
    /// The body as a whole was rejected (malformed JSON, unknown shape): recorded in `rejects`.
    pub rejected: bool,
    pub failure: Option<IngestFailure>,
}

impl Pipeline {
    /// Files one raw response: lake first, then one staging document per record. A failed lake
    /// write stops the batch before staging. The cleaner picks the records up on its next drain.
    pub async fn ingest(&self, raw: &RawResponse, started: DateTime<Utc>) -> IngestOutcome {
        let (source, endpoint) = (raw.source.as_str(), raw.endpoint.as_str());
        // Hashing and compressing for the lake runs beside the splitting (a large answer takes
        // tens of milliseconds for each).
        let lake_job = {
            let raw = raw.clone();
            tokio::task::spawn_blocking(move || LakeObject::from_response(&raw, None))
        };
        let split = dispatch::split(source, endpoint, raw.http_status, &raw.body);
        let count = match &split {
            Ok(SplitBody::Records(r)) => Some(r.len() as u64),
            Ok(SplitBody::Empty) => Some(0),
            Err(_) => None,
        };
        let mut object = match lake_job.await {
            Ok(object) => object,
            Err(_) => LakeObject::from_response(raw, None),
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
        let key = match self.stores.lake.put(&object).await {
            Ok(key) => key,
            Err(e) => {
                tracing::error!(source, endpoint, "{e}");
                run.stage = "lake".into();
                return self.finish(run, outcome, Some(IngestFailure::Store(e.to_string()))).await;
            }
        };
        run.lake_key = Some(key.clone());
        outcome.lake_key = Some(key.clone());
        if !matches!(raw.http_status, 200 | 404) {
            // Kept in the lake as received; an error answer is the source's failure, not a record.
            let e = format!("{source} {endpoint}: HTTP {} from {}", raw.http_status, raw.url);
            tracing::warn!(source, endpoint, "{e}");
            return self.finish(run, outcome, Some(IngestFailure::Source(e))).await;
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
                let ctx = RecordContext {
                    source: batch.source.clone(),
                    endpoint: batch.endpoint.clone(),
                    lake_key: key,
                    fetched_at: raw.fetched_at,
                };
                let staged: Vec<NewRecord> = records
                    .into_iter()
                    .map(|doc| NewRecord {
                        natural_key: dispatch::clean(&doc, &ctx, self.reference)
                            .ok()
                            .and_then(|rows| rows.first().map(CleanRow::natural_key)),
                        doc,
                    })
                    .collect();
                run.records = staged.len() as i64;
                if let Err(e) = self.stores.staging.stage(&batch, &staged).await {
                    tracing::error!(source, endpoint, "{e}");
                    run.stage = "staging".into();
                    return self.finish(run, outcome, Some(IngestFailure::Store(e.to_string()))).await;
                }
                outcome.records = staged.len() as u64;
            }
            Ok(SplitBody::Empty) => {}
            Err(rejection) => {
                run.rejects = 1;
                run.error = Some(rejection.reason.clone());
                outcome.rejected = true;
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
        self.finish(run, outcome, None).await
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
