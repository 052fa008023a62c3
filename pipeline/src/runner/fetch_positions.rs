//! The position sources (OpenSky `/states/all`, AirLabs `/flights` and `/schedules`): each runs
//! when its budget-derived interval has passed, files every answer in the lake first, and
//! reports failures without stopping the cycle.

use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::model::RawResponse;
use crate::sources::SourceError;
use crate::sources::airlabs::{AirlabsQuery, interval_for_budget};
use crate::sources::opensky::BoundingBox;
use std::time::Duration;
use tokio::time::Instant;

impl Pipeline {
    /// Runs the OpenSky and AirLabs jobs that are due.
    pub(super) async fn fetch_position_sources(&self, report: &mut CycleReport) {
        if let Some(interval) = self.opensky_interval()
            && self.due("opensky", interval).await
        {
            self.fetch_opensky(report).await;
        }
        if let Some(interval) = self.airlabs_interval()
            && self.due("airlabs", interval).await
        {
            self.fetch_airlabs(report).await;
        }
    }

    /// OpenSky `/states/all` over the configured box, once.
    pub(super) async fn fetch_opensky(&self, report: &mut CycleReport) {
        if let Some(client) = &self.sources.opensky {
            let bbox = self.settings.positions_box;
            let mut earlier = Vec::new();
            let result = client.fetch_states(bbox.as_ref(), &mut earlier).await;
            let _ = self.file_all("opensky", "states-all", earlier, result, report).await;
        }
    }

    /// AirLabs `/flights` in the box and `/schedules` of every airport, once.
    pub(super) async fn fetch_airlabs(&self, report: &mut CycleReport) {
        let Some(client) = &self.sources.airlabs else {
            return;
        };
        let mut queries = Vec::new();
        if let Some(b) = self.settings.positions_box {
            queries.push(AirlabsQuery::FlightsInBox { south: b.lamin, west: b.lomin, north: b.lamax, east: b.lomax });
        }
        for a in &self.settings.airports {
            queries.push(AirlabsQuery::Departures(a.clone()));
            queries.push(AirlabsQuery::Arrivals(a.clone()));
        }
        for q in queries {
            if !report.store_errors.is_empty() {
                return;
            }
            let mut earlier = Vec::new();
            let result = client.fetch(&q, &mut earlier).await;
            let _ = self.file_all("airlabs", q.endpoint(), earlier, result, report).await;
        }
    }

    /// AirLabs' interval: the month's calls spread over the month (`None` without AirLabs).
    pub(super) fn airlabs_interval(&self) -> Option<Duration> {
        self.sources.airlabs.as_ref()?;
        let calls = 1 + 2 * self.settings.airports.len() as u32;
        Some(interval_for_budget(self.settings.airlabs_monthly_calls, calls))
    }

    /// OpenSky's interval: the day's credits spread evenly over the day (`None` without OpenSky).
    pub(super) fn opensky_interval(&self) -> Option<Duration> {
        let daily_credits = self.sources.opensky.as_ref()?.daily_credits();
        let cost = BoundingBox::credits(self.settings.positions_box.as_ref()).max(1);
        let calls_a_day = (daily_credits / cost).max(1);
        Some(Duration::from_secs((24 * 3600 / calls_a_day as u64).max(10)))
    }

    /// Has `job`'s interval passed since it last ran? Marks it as run when it has.
    pub(super) async fn due(&self, job: &'static str, interval: Duration) -> bool {
        let mut last = self.last_runs.lock().await;
        let now = Instant::now();
        match last.get(job) {
            Some(t) if now.duration_since(*t) < interval => false,
            _ => {
                last.insert(job, now);
                true
            }
        }
    }

    /// Files every answer received (failed attempts first), then notes the call's error.
    /// `false` when the call failed or the stores could not keep its answer.
    pub(super) async fn file_all(
        &self,
        source: &str,
        endpoint: &str,
        earlier: Vec<RawResponse>,
        result: Result<RawResponse, SourceError>,
        report: &mut CycleReport,
    ) -> bool {
        let started = self.clock.now();
        for raw in &earlier {
            report.responses += 1;
            report.failed_attempts += 1;
            let outcome = self.ingest(raw, started).await;
            report.records_staged += outcome.records;
        }
        match result {
            Ok(raw) => {
                report.responses += 1;
                self.file_response(&raw, started, report).await.is_some()
            }
            Err(e) => {
                tracing::warn!(source, endpoint, "fetch failed: {e}");
                let stage = crate::staging::response_entry::EntryStage::Fetch;
                self.stage_unfiled(started, source, endpoint, stage, e.to_string()).await;
                report.source_errors.push(e.to_string());
                false
            }
        }
    }
}
