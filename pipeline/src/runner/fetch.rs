use super::ingest::IngestFailure;
use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::model::{BoardKind, RawResponse};
use crate::sources::lufthansa::{BoardRequest, LufthansaClient, board_windows, next_offset};
use crate::staging::response_entry::EntryStage;

impl Pipeline {
    pub(super) async fn fetch_airport(&self, airport: &str, report: &mut CycleReport) {
        let Some(client) = &self.lufthansa else {
            return;
        };
        for kind in [BoardKind::Departures, BoardKind::Arrivals] {
            self.fetch_board_with(client, kind, airport, report).await;
        }
    }

    /// One board (departures or arrivals) of one airport: every window of the horizon.
    pub(super) async fn fetch_board(&self, kind: BoardKind, airport: &str, report: &mut CycleReport) {
        if let Some(client) = &self.lufthansa {
            self.fetch_board_with(client, kind, airport, report).await;
        }
    }

    async fn fetch_board_with(
        &self,
        client: &LufthansaClient,
        kind: BoardKind,
        airport: &str,
        report: &mut CycleReport,
    ) {
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
            // Failed attempts (5xx, throttling, a refused token) go to the lake as well.
            for failed in &earlier {
                report.responses += 1;
                report.failed_attempts += 1;
                let _ = self.ingest(failed, started).await;
            }
            let raw = match fetched {
                Ok(raw) => raw,
                Err(e) => {
                    tracing::warn!(source = "lufthansa", endpoint = req.endpoint(), "fetch failed: {e}");
                    self.stage_unfiled(started, "lufthansa", req.endpoint(), EntryStage::Fetch, e.to_string()).await;
                    report.source_errors.push(e.to_string());
                    return;
                }
            };
            report.responses += 1;
            let Some(()) = self.file_response(&raw, started, report).await else {
                return;
            };
            match next_offset(&raw.body, offset) {
                Some(next) if raw.http_status == 200 => offset = next,
                _ => return,
            }
        }
    }

    /// Lake, then staging; the cycle's report learns how it went. `None` when the batch stopped.
    pub(super) async fn file_response(
        &self,
        raw: &RawResponse,
        started: chrono::DateTime<chrono::Utc>,
        report: &mut CycleReport,
    ) -> Option<()> {
        let outcome = self.ingest(raw, started).await;
        report.records_staged += outcome.records;
        match outcome.failure {
            None if outcome.rejection.is_some() => {
                report.rejects += 1;
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
