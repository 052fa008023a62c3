//! The fetch stage: a job's calls to a source, and the filing of every answer each call got
//! (failed attempts first, then the answer or the error) — one way for every source.

use super::ingest::IngestFailure;
use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::model::{BoardKind, RawResponse};
use crate::sources::SourceError;
use crate::sources::lufthansa::{BoardRequest, LufthansaClient, board_windows, next_offset};
use crate::staging::response_entry::EntryStage;
use chrono::{DateTime, Utc};

impl Pipeline {
    /// One board (departures or arrivals) of one airport: every window of the horizon.
    pub(super) async fn fetch_board(&self, kind: BoardKind, airport: &str, report: &mut CycleReport) {
        let Some(client) = &self.lufthansa else {
            return;
        };
        let Some(tz) = self.places().airport(airport).map(|a| a.tz) else {
            report.source_errors.push(format!("unknown airport {airport}: no time zone in the reference data"));
            return;
        };
        let now_local = self.clock.now().with_timezone(&tz).naive_local();
        for from_local in board_windows(now_local, self.settings.horizon_back, self.settings.horizon_ahead) {
            // A store that cannot keep what we fetch: stop spending the API budget.
            if !report.store_errors.is_empty() {
                return;
            }
            let req = BoardRequest { kind, airport: airport.to_string(), from_local };
            self.fetch_window(client, &req, report).await;
        }
    }

    /// Every page of one window. Each page goes to the lake before anything else touches it.
    async fn fetch_window(&self, client: &LufthansaClient, req: &BoardRequest, report: &mut CycleReport) {
        let mut offset = 0;
        loop {
            let started = self.clock.now();
            let mut earlier = Vec::new();
            let fetched = client.fetch_board_page(req, offset, &mut earlier).await;
            let next =
                fetched.as_ref().ok().filter(|r| r.http_status == 200).and_then(|r| next_offset(&r.body, offset));
            if !self.file_all(started, "lufthansa", req.endpoint(), earlier, fetched, report).await {
                return;
            }
            match next {
                Some(n) => offset = n,
                None => return,
            }
        }
    }

    /// Files every answer one call received (failed attempts first), then notes the call's
    /// error. `false` when the call failed or the stores could not keep its answer.
    pub(super) async fn file_all(
        &self,
        started: DateTime<Utc>,
        source: &str,
        endpoint: &str,
        earlier: Vec<RawResponse>,
        result: Result<RawResponse, SourceError>,
        report: &mut CycleReport,
    ) -> bool {
        // Failed attempts (5xx, throttling, a refused token) go to the lake as well.
        for raw in &earlier {
            report.responses += 1;
            report.failed_attempts += 1;
            let outcome = self.ingest(raw, started).await;
            report.records_staged += outcome.records;
            if let Some(IngestFailure::Store(e)) = outcome.failure {
                report.store_errors.push(e);
                return false;
            }
        }
        match result {
            Ok(raw) => self.file_response(&raw, started, report).await.is_some(),
            Err(e) => {
                tracing::warn!(source, endpoint, "fetch failed: {e}");
                self.stage_unfiled(started, source, endpoint, EntryStage::Fetch, e.to_string()).await;
                report.source_errors.push(e.to_string());
                false
            }
        }
    }

    /// Lake, then staging; the cycle's report learns how it went. `None` when the batch stopped.
    pub(super) async fn file_response(
        &self,
        raw: &RawResponse,
        started: DateTime<Utc>,
        report: &mut CycleReport,
    ) -> Option<()> {
        report.responses += 1;
        let outcome = self.ingest(raw, started).await;
        report.records_staged += outcome.records;
        match outcome.failure {
            None if outcome.rejection.is_some() => {
                report.bad_responses += 1;
                Some(())
            }
            None => Some(()),
            Some(IngestFailure::Source(e)) => {
                report.source_errors.push(e);
                None
            }
            Some(IngestFailure::Store(e)) => {
                report.store_errors.push(e);
                None
            }
        }
    }
}
