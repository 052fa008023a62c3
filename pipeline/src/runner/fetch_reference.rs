//! The Lufthansa reference lists (airports, cities, countries, airlines, aircraft), refreshed
//! once a day, every page filed in the lake like any other answer.

use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::sources::lufthansa::{REFERENCE_LISTS, next_offset};
use std::time::Duration;

/// How often the reference lists are fetched again.
pub const REFERENCE_REFRESH: Duration = Duration::from_secs(24 * 3600);

impl Pipeline {
    /// Every page of every reference list, once.
    pub(super) async fn fetch_reference_lists(&self, report: &mut CycleReport) {
        let Some(client) = &self.lufthansa else {
            return;
        };
        for list in REFERENCE_LISTS {
            let mut offset = 0;
            loop {
                let (started, mut earlier) = (self.clock.now(), Vec::new());
                let result = client.fetch_reference_page(list, offset, &mut earlier).await;
                let next =
                    result.as_ref().ok().filter(|r| r.http_status == 200).and_then(|r| next_offset(&r.body, offset));
                let endpoint = format!("references-{list}");
                if !self.file_all(started, "lufthansa", &endpoint, earlier, result, report).await {
                    break;
                }
                match next {
                    Some(n) => offset = n,
                    None => break,
                }
            }
        }
    }
}
