//! The fetch stage: a job's calls to a source, each a [`FetchedCall`] — the attempts that failed
//! and were asked again, then the answer or the error — filed the one way for every source
//! (`filing.rs`).

use super::errors::{PipelineError, Stage};
use super::events::{Endpoint, PipelineEvent, Run};
use super::ingest::IngestFailure;
use super::pipeline::Pipeline;
use crate::model::{BoardKind, RawResponse};
use crate::sources::SourceError;
use crate::sources::lufthansa::{BoardRequest, LufthansaClient, board_windows, next_offset};
use crate::staging::response_entry::EntryStage;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// What one call to a source gave: the fetch stage's output, the lake filer's input.
#[derive(Debug)]
pub(super) struct FetchedCall {
    pub at: Endpoint,
    pub started: DateTime<Utc>,
    /// Answers that failed and were asked again (5xx, throttling, a refused token).
    pub earlier: Vec<RawResponse>,
    pub result: Result<RawResponse, SourceError>,
}

impl FetchedCall {
    /// The offset of the next page of a Lufthansa list, when this answer names one.
    fn next_page(&self, offset: usize) -> Option<usize> {
        self.result.as_ref().ok().filter(|r| r.http_status == 200).and_then(|r| next_offset(&r.body, offset))
    }
}

impl Pipeline {
    /// One board (departures or arrivals) of one airport: every window of the horizon.
    pub(super) async fn fetch_board(&self, kind: BoardKind, airport: &str, run: &mut Run<'_>) {
        let Some(client) = &self.sources.lufthansa else {
            return;
        };
        let Some(tz) = self.places().airport(airport).map(|a| a.tz) else {
            let message = format!("unknown airport {airport}: no time zone in the reference data");
            run.fail(PipelineError::by_source(Stage::Fetch, message));
            return;
        };
        let now_local = self.clock.now().with_timezone(&tz).naive_local();
        for from_local in board_windows(now_local, self.settings.horizon_back, self.settings.horizon_ahead) {
            // A store that cannot keep what we fetch: stop spending the API budget.
            if run.stopped() {
                return;
            }
            let req = BoardRequest { kind, airport: airport.to_string(), from_local };
            self.fetch_window(client, &req, run).await;
        }
    }

    /// Every page of one window. Each page goes to the lake before anything else touches it.
    async fn fetch_window(&self, client: &LufthansaClient, req: &BoardRequest, run: &mut Run<'_>) {
        let mut offset = 0;
        loop {
            let (started, mut earlier) = (self.clock.now(), Vec::new());
            let result = client.fetch_board_page(req, offset, &mut earlier).await;
            let call = FetchedCall { at: Endpoint::new("lufthansa", req.endpoint()), started, earlier, result };
            let next = call.next_page(offset);
            if !self.file_call(call, run).await {
                return;
            }
            match next {
                Some(n) => offset = n,
                None => return,
            }
        }
    }

    /// Every page of every Lufthansa reference list, once.
    pub(super) async fn fetch_reference_lists(&self, run: &mut Run<'_>) {
        let Some(client) = &self.sources.lufthansa else {
            return;
        };
        for list in crate::sources::lufthansa::REFERENCE_LISTS {
            let at = Endpoint::new("lufthansa", &format!("references-{list}"));
            let mut offset = 0;
            loop {
                let (started, mut earlier) = (self.clock.now(), Vec::new());
                let result = client.fetch_reference_page(list, offset, &mut earlier).await;
                let call = FetchedCall { at: at.clone(), started, earlier, result };
                let next = call.next_page(offset);
                if !self.file_call(call, run).await {
                    break;
                }
                match next {
                    Some(n) => offset = n,
                    None => break,
                }
            }
        }
    }

    /// Files every answer one call received (failed attempts first), then notes the call's
    /// error. `false` when the call failed or the stores could not keep its answer.
    pub(super) async fn file_call(&self, call: FetchedCall, run: &mut Run<'_>) -> bool {
        let FetchedCall { at, started, earlier, result } = call;
        // Failed attempts (5xx, throttling, a refused token) go to the lake as well.
        for raw in earlier {
            let outcome = self.file_answer(Arc::new(raw), started, true, run).await;
            if matches!(outcome.failure, Some(IngestFailure::Store(_))) {
                return false;
            }
        }
        match result {
            Ok(raw) => self.file_answer(Arc::new(raw), started, false, run).await.failure.is_none(),
            Err(e) => {
                run.emit(PipelineEvent::failed_at(&at, PipelineError::by_source(Stage::Fetch, e.to_string())));
                self.stage_unfiled(started, &at.source, &at.endpoint, EntryStage::Fetch, e.to_string()).await;
                false
            }
        }
    }
}
