//! Where each position source looks and how often its budget lets it: a box per source (the
//! world unless the configuration names one) and the refresh interval that follows. The pipeline
//! uses the same functions (`opensky::refresh_interval`, `airlabs::interval_for_budget`), so what
//! `skyboard config` and `doctor` say is what the jobs do.

use super::{AirlabsConfig, DEMO_AIRLABS_MONTHLY_CALLS, DEMO_OPENSKY_DAILY_CREDITS, OpenskyConfig, SourceMode};
use pipeline::sources::opensky::{ANONYMOUS_DAILY_CREDITS, AUTHENTICATED_DAILY_CREDITS, BoundingBox, refresh_interval};
use serde::Serialize;

/// `[south, west, north, east]` in degrees.
pub type Area = [f64; 4];

#[derive(Debug, Clone, Serialize)]
pub struct PositionsConfig {
    pub opensky: SourceArea,
    pub airlabs: SourceArea,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceArea {
    /// `world`, or the box in words (`46°N…54°N, 5°E…15°E`).
    #[serde(rename = "box")]
    pub shown: String,
    #[serde(skip)]
    pub area: Option<Area>,
    /// Seconds between two fetches, as the source's budget allows (absent: the source is off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_secs: Option<u64>,
}

impl PositionsConfig {
    /// What each source does with `boxes` (`[opensky, airlabs]`): the demo keeps no budget (its
    /// OpenSky has [`DEMO_OPENSKY_DAILY_CREDITS`], its AirLabs key a generous plan); live, OpenSky's
    /// credits are the plan's (anonymous or with an account) and AirLabs' the configured month.
    pub fn resolve(
        sources: SourceMode,
        airlabs: &AirlabsConfig,
        opensky: &OpenskyConfig,
        airports: usize,
        [opensky_box, airlabs_box]: [Option<Area>; 2],
    ) -> Self {
        let live = sources == SourceMode::Live;
        let os_credits = match (live, opensky.client_id.is_some() && opensky.client_secret.is_some()) {
            (false, _) => Some(DEMO_OPENSKY_DAILY_CREDITS),
            (true, _) if !opensky.enabled => None,
            (true, true) => Some(AUTHENTICATED_DAILY_CREDITS),
            (true, false) => Some(ANONYMOUS_DAILY_CREDITS),
        };
        let os_refresh = os_credits.map(|credits| {
            let bbox = opensky_box.map(|[lamin, lomin, lamax, lomax]| BoundingBox { lamin, lomin, lamax, lomax });
            refresh_interval(credits, bbox.as_ref())
        });
        let al_calls = match live {
            false => Some(DEMO_AIRLABS_MONTHLY_CALLS),
            true => airlabs.api_key.is_some().then_some(airlabs.monthly_calls),
        };
        Self {
            opensky: SourceArea::new(opensky_box, os_refresh),
            airlabs: SourceArea::new(airlabs_box, al_calls.map(|calls| airlabs_refresh(calls, airports))),
        }
    }
}

impl SourceArea {
    pub fn new(area: Option<Area>, refresh: Option<std::time::Duration>) -> Self {
        Self { shown: describe(area), area, refresh_secs: refresh.map(|d| d.as_secs()) }
    }

    pub fn bounding_box(&self) -> Option<BoundingBox> {
        self.area.map(|[lamin, lomin, lamax, lomax]| BoundingBox { lamin, lomin, lamax, lomax })
    }
}

/// `world`, or `46°N…54°N, 5°E…15°E`.
pub fn describe(area: Option<Area>) -> String {
    let Some([s, w, n, e]) = area else { return "world".into() };
    let lat = |v: f64| format!("{}°{}", v.abs(), if v < 0.0 { 'S' } else { 'N' });
    let lon = |v: f64| format!("{}°{}", v.abs(), if v < 0.0 { 'W' } else { 'E' });
    format!("{}…{}, {}…{}", lat(s), lat(n), lon(w), lon(e))
}

/// How often AirLabs' positions and boards come: `/flights` once and two boards per airport a run.
pub fn airlabs_refresh(monthly_calls: u32, airports: usize) -> std::time::Duration {
    use pipeline::sources::airlabs::{calls_per_run, interval_for_budget};
    interval_for_budget(monthly_calls, calls_per_run(airports))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_in_words() {
        assert_eq!(describe(None), "world");
        assert_eq!(describe(Some([46.0, 5.0, 54.0, 15.0])), "46°N…54°N, 5°E…15°E");
        assert_eq!(describe(Some([-33.5, -70.25, -10.0, -40.0])), "33.5°S…10°S, 70.25°W…40°W");
    }
}
