//! The position sources (OpenSky `/states/all`, AirLabs `/flights` and `/schedules`): their
//! calls, and the budget-derived intervals their jobs run at.

use super::events::{Endpoint, Run};
use super::fetch::FetchedCall;
use super::pipeline::Pipeline;
use crate::sources::airlabs::{AirlabsQuery, calls_per_run, interval_for_budget};
use crate::sources::opensky::refresh_interval;
use std::time::Duration;
use tokio::time::Instant;

impl Pipeline {
    /// OpenSky `/states/all` over the configured box, once.
    pub(super) async fn fetch_opensky(&self, run: &mut Run<'_>) {
        if let Some(client) = &self.sources.opensky {
            let bbox = self.settings.opensky_box;
            let (started, mut earlier) = (self.clock.now(), Vec::new());
            let result = client.fetch_states(bbox.as_ref(), &mut earlier).await;
            let call = FetchedCall { at: Endpoint::new("opensky", "states-all"), started, earlier, result };
            let _ = self.file_call(call, run).await;
        }
    }

    /// AirLabs `/flights` in the box and `/schedules` of every airport, once.
    pub(super) async fn fetch_airlabs(&self, run: &mut Run<'_>) {
        let Some(client) = &self.sources.airlabs else {
            return;
        };
        let mut queries = vec![match self.settings.airlabs_box {
            Some(b) => AirlabsQuery::FlightsInBox { south: b.lamin, west: b.lomin, north: b.lamax, east: b.lomax },
            None => AirlabsQuery::Flights,
        }];
        for a in &self.settings.airports {
            queries.push(AirlabsQuery::Departures(a.clone()));
            queries.push(AirlabsQuery::Arrivals(a.clone()));
        }
        for q in queries {
            if run.stopped() {
                return;
            }
            let (started, mut earlier) = (self.clock.now(), Vec::new());
            let result = client.fetch(&q, &mut earlier).await;
            let call = FetchedCall { at: Endpoint::new("airlabs", q.endpoint()), started, earlier, result };
            let _ = self.file_call(call, run).await;
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
