//! The position sources (OpenSky `/states/all`, AirLabs `/flights` and `/schedules`): their
//! calls, and the budget-derived intervals their jobs run at.

use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::sources::airlabs::{AirlabsQuery, calls_per_run, interval_for_budget};
use crate::sources::opensky::refresh_interval;
use std::time::Duration;
use tokio::time::Instant;

impl Pipeline {
    /// OpenSky `/states/all` over the configured box, once.
    pub(super) async fn fetch_opensky(&self, report: &mut CycleReport) {
        if let Some(client) = &self.sources.opensky {
            let bbox = self.settings.opensky_box;
            let (started, mut earlier) = (self.clock.now(), Vec::new());
            let result = client.fetch_states(bbox.as_ref(), &mut earlier).await;
            let _ = self.file_all(started, "opensky", "states-all", earlier, result, report).await;
        }
    }

    /// AirLabs `/flights` in the box and `/schedules` of every airport, once.
    pub(super) async fn fetch_airlabs(&self, report: &mut CycleReport) {
        let Some(client) = &self.sources.airlabs else {
            return;
        };
        let mut queries = Vec::new();
        queries.push(match self.settings.airlabs_box {
            Some(b) => AirlabsQuery::FlightsInBox { south: b.lamin, west: b.lomin, north: b.lamax, east: b.lomax },
            None => AirlabsQuery::Flights,
        });
        for a in &self.settings.airports {
            queries.push(AirlabsQuery::Departures(a.clone()));
            queries.push(AirlabsQuery::Arrivals(a.clone()));
        }
        for q in queries {
            if !report.store_errors.is_empty() {
                return;
            }
            let (started, mut earlier) = (self.clock.now(), Vec::new());
            let result = client.fetch(&q, &mut earlier).await;
            let _ = self.file_all(started, "airlabs", q.endpoint(), earlier, result, report).await;
        }
    }

    /// AirLabs' interval: the month's calls spread over the month (`None` without AirLabs).
    pub(super) fn airlabs_interval(&self) -> Option<Duration> {
        self.sources.airlabs.as_ref()?;
        let calls = calls_per_run(self.settings.airports.len());
        Some(interval_for_budget(self.settings.airlabs_monthly_calls, calls))
    }

    /// OpenSky's interval: the day's credits spread evenly over the day (`None` without OpenSky).
    pub(super) fn opensky_interval(&self) -> Option<Duration> {
        let daily_credits = self.sources.opensky.as_ref()?.daily_credits();
        Some(refresh_interval(daily_credits, self.settings.opensky_box.as_ref()))
    }

    /// Has `job`'s interval passed since it last ran? Marks it as run when it has.
    pub(super) async fn due(&self, job: &str, interval: Duration) -> bool {
        let mut last = self.last_runs.lock().await;
        let now = Instant::now();
        match last.get(job) {
            Some(t) if now.duration_since(*t) < interval => false,
            _ => {
                last.insert(job.to_string(), now);
                true
            }
        }
    }
}
