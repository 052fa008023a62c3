use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::clean::RecordContext;
use crate::clean::lufthansa::{SplitBody, clean_flight_status, split_flight_status};
use crate::lake::{LakeObject, batch_id};
use crate::model::{BoardKind, RawResponse};
use crate::sources::lufthansa::{BoardRequest, LufthansaClient, board_windows, next_offset};
use crate::staging::{BatchInfo, NewRecord};
use crate::warehouse::{RejectRow, RunRecord};

impl Pipeline {
    pub(super) async fn fetch_airport(&self, airport: &str, report: &mut CycleReport) {
        let Some(client) = &self.lufthansa else {
            return;
        };
        let Some(tz) = self.reference.airport(airport).map(|a| a.tz) else {
            report
                .source_errors
                .push(format!("unknown airport {airport}"));
            return;
        };
        let now_local = self.clock.now().with_timezone(&tz).naive_local();
        for kind in [BoardKind::Departures, BoardKind::Arrivals] {
            for from_local in board_windows(
                now_local,
                self.settings.horizon_back,
                self.settings.horizon_ahead,
            ) {
                let req = BoardRequest {
                    kind,
                    airport: airport.to_string(),
                    from_local,
                };
                self.fetch_window(client, &req, report).await;
            }
        }
    }

    /// Every page of one window. Each page goes to the lake before anything else touches it.
    async fn fetch_window(
        &self,
        client: &LufthansaClient,
        req: &BoardRequest,
        report: &mut CycleReport,
    ) {
        let mut offset = 0;
        loop {
            let started = self.clock.now();
            let raw = match client.fetch_board_page(req, offset).await {
                Ok(raw) => raw,
                Err(e) => {
                    tracing::warn!(
                        source = "lufthansa",
                        endpoint = req.endpoint(),
                        "fetch failed: {e}"
                    );
                    self.note_run(RunRecord::failed(
                        started,
                        self.clock.now(),
                        "lufthansa",
                        req.endpoint(),
                        "fetch",
                        e.to_string(),
                    ))
                    .await;
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

    /// Lake, then staging. `None` when the batch had to stop.
    async fn file_response(
        &self,
        raw: &RawResponse,
        started: chrono::DateTime<chrono::Utc>,
        report: &mut CycleReport,
    ) -> Option<()> {
        let split = split_flight_status(raw.http_status, &raw.body);
        let count = match &split {
            Ok(SplitBody::Records(r)) => Some(r.len() as u64),
            Ok(SplitBody::Empty) => Some(0),
            Err(_) => None,
        };
        let object = LakeObject::from_response(raw, count);
        let key = match self.stores.lake.put(&object).await {
            Ok(key) => key,
            Err(e) => {
                tracing::error!(source = %raw.source, endpoint = %raw.endpoint, "{e}");
                self.note_run(RunRecord::failed(
                    started,
                    self.clock.now(),
                    raw.source.as_str(),
                    &raw.endpoint,
                    "lake",
                    e.to_string(),
                ))
                .await;
                report.store_errors.push(e.to_string());
                return None;
            }
        };
        if !matches!(raw.http_status, 200 | 404) {
            // Kept in the lake as received; an error answer is the source's failure, not a record.
            let e = format!(
                "{} {}: HTTP {} from {}",
                raw.source, raw.endpoint, raw.http_status, raw.url
            );
            tracing::warn!(source = %raw.source, endpoint = %raw.endpoint, "{e}");
            let mut run = RunRecord::failed(
                started,
                self.clock.now(),
                raw.source.as_str(),
                &raw.endpoint,
                "fetch",
                e.clone(),
            );
            run.lake_key = Some(key);
            self.note_run(run).await;
            report.source_errors.push(e);
            return None;
        }
        let batch = BatchInfo {
            batch_id: batch_id(raw, &object.metadata.sha256),
            lake_key: key.clone(),
            source: raw.source.as_str().to_string(),
            endpoint: raw.endpoint.clone(),
            fetched_at: raw.fetched_at,
        };
        let mut run = RunRecord {
            started_at: started,
            finished_at: self.clock.now(),
            source: batch.source.clone(),
            endpoint: batch.endpoint.clone(),
            stage: "fetch".into(),
            lake_key: Some(key.clone()),
            records: 0,
            rejects: 0,
            loaded: 0,
            error: None,
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
                        natural_key: clean_flight_status(&doc, &ctx, self.reference)
                            .ok()
                            .map(|f| f.key.natural_key()),
                        doc,
                    })
                    .collect();
                run.records = staged.len() as i64;
                if let Err(e) = self.stores.staging.stage(&batch, &staged).await {
                    tracing::error!(source = %batch.source, endpoint = %batch.endpoint, "{e}");
                    run.error = Some(e.to_string());
                    report.store_errors.push(e.to_string());
                    self.note_run(run).await;
                    return None;
                }
                report.records_staged += staged.len() as u64;
            }
            Ok(SplitBody::Empty) => {}
            Err(rejection) => {
                run.rejects = 1;
                run.error = Some(rejection.reason.clone());
                report.rejects += 1;
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
            source = %batch.source,
            endpoint = %batch.endpoint,
            request = %request_label(&raw.url),
            http_status = raw.http_status,
            records = run.records,
            rejects = run.rejects,
            duration_ms = (run.finished_at - run.started_at).num_milliseconds(),
            "batch"
        );
        self.note_run(run).await;
        Some(())
    }

    pub(super) async fn note_run(&self, run: RunRecord) {
        self.pending.lock().await.runs.push(run);
    }
}

impl RunRecord {
    pub fn failed(
        started: chrono::DateTime<chrono::Utc>,
        finished: chrono::DateTime<chrono::Utc>,
        source: &str,
        endpoint: &str,
        stage: &str,
        error: String,
    ) -> Self {
        Self {
            started_at: started,
            finished_at: finished,
            source: source.to_string(),
            endpoint: endpoint.to_string(),
            stage: stage.to_string(),
            lake_key: None,
            records: 0,
            rejects: 0,
            loaded: 0,
            error: Some(error),
        }
    }
}

/// The interesting tail of a request URL for progress lines: `FRA/2026-11-27T20:00 offset=50`.
fn request_label(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let tail: Vec<&str> = path.rsplit('/').take(2).collect();
    let offset = query
        .split('&')
        .find(|p| p.starts_with("offset="))
        .unwrap_or("");
    format!(
        "{}/{} {offset}",
        tail.get(1).unwrap_or(&""),
        tail.first().unwrap_or(&"")
    )
    .trim()
    .to_string()
}
