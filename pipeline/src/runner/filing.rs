//! The lake filer and the stager of one answer, as the runs see them: `ingest.rs` files the
//! answer in the lake and stages it; this tells what happened as events — `Fetched`, then
//! `Filed` (the lake holds it), `Staged` (staging holds its entry and records), or the stage
//! that failed.

use super::errors::{PipelineError, Stage};
use super::events::{Endpoint, PipelineEvent, Run};
use super::ingest::{Handoff, IngestFailure, IngestOutcome, request_label};
use super::pipeline::Pipeline;
use crate::model::RawResponse;
use chrono::{DateTime, Utc};
use std::sync::Arc;

impl Pipeline {
    /// Files one answer (`retried`: an attempt that failed and was asked again) in the lake and
    /// staging, for `run`, and tells what happened.
    pub(super) async fn file_answer(
        &self,
        raw: Arc<RawResponse>,
        started: DateTime<Utc>,
        retried: bool,
        run: &mut Run<'_>,
    ) -> IngestOutcome {
        self.file_told(raw, started, retried, false, run).await.0
    }

    /// [`file_answer`](Self::file_answer) of an answer the cleaner loads next: the records staged
    /// (when staging numbered them consecutively), cleaned while staging wrote them, for the
    /// cleaner's hand-over.
    pub(super) async fn file_and_hand_over(
        &self,
        raw: Arc<RawResponse>,
        started: DateTime<Utc>,
        run: &mut Run<'_>,
    ) -> (IngestOutcome, Option<Handoff>) {
        self.file_told(raw, started, false, true, run).await
    }

    async fn file_told(
        &self,
        raw: Arc<RawResponse>,
        started: DateTime<Utc>,
        retried: bool,
        clean_ahead: bool,
        run: &mut Run<'_>,
    ) -> (IngestOutcome, Option<Handoff>) {
        let at = Endpoint::new(raw.source.as_str(), &raw.endpoint);
        let (http_status, request) = (raw.http_status, request_label(&raw.url));
        run.emit(PipelineEvent::Fetched { at: at.clone(), http_status, retried });
        // `file` drops the body once it is filed.
        let (outcome, handoff) = self.file(raw, started, clean_ahead).await;
        if let Some(lake_key) = &outcome.lake_key {
            run.emit(PipelineEvent::Filed { at: at.clone(), lake_key: lake_key.clone() });
        }
        match &outcome.failure {
            Some(IngestFailure::Store(error)) => run.emit(PipelineEvent::failed_at(&at, error.clone())),
            failure => {
                run.emit(PipelineEvent::Staged {
                    at: at.clone(),
                    request,
                    http_status,
                    records: outcome.records,
                    rejected: outcome.rejection.is_some(),
                    duration_ms: (self.clock.now() - started).num_milliseconds(),
                });
                // An error answer of a retried attempt is what the retry was for, not a failure.
                if let (Some(IngestFailure::Source(e)), false) = (failure, retried) {
                    run.emit(PipelineEvent::failed_at(&at, PipelineError::by_source(Stage::Fetch, e.clone())));
                }
            }
        }
        (outcome, handoff)
    }
}
