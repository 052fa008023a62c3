//! Replay and reprocess. `replay` re-runs lake objects through staging and the warehouse, oldest
//! first, as if they had just been fetched; `reprocess` re-cleans everything staging holds (after
//! a cleaning fix). Both only upsert by natural key, so running them twice changes nothing.

use super::CLEANER;
use super::errors::{PipelineError, Stage};
use super::events::{PipelineEvent, Run};
use super::ingest::IngestFailure;
use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::lake::LakeError;
use crate::model::Source;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// The job names of replay and reprocess runs.
const REPLAY_JOB: &str = "replay";
const REPROCESS_JOB: &str = "reprocess";

/// Which lake objects a replay takes.
#[derive(Debug, Clone)]
pub struct ReplayRange {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub source: Option<Source>,
}

impl Pipeline {
    /// The lake keys fetched within `range`, oldest first. Keys carry their fetch hour
    /// (`dt=…/hour=…`) and begin their file name with the fetch time, so no object is opened.
    pub async fn replay_keys(&self, range: &ReplayRange) -> Result<Vec<String>, LakeError> {
        let prefix = match range.source {
            Some(s) => format!("raw/{s}/"),
            None => "raw/".to_string(),
        };
        let mut keys: Vec<(String, String)> = self
            .stores
            .lake
            .list(&prefix)
            .await?
            .into_iter()
            .filter_map(|key| {
                let fetched = key_fetch_time(&key)?;
                (fetched >= range.since && fetched < range.until).then(|| (file_name(&key).to_string(), key))
            })
            .collect();
        keys.sort();
        Ok(keys.into_iter().map(|(_, key)| key).collect())
    }

    /// Re-runs one lake object: staged again (records already there are kept as they are), then
    /// what staging holds of it (its entry and records) is cleaned and loaded through the one
    /// load path, whatever the cleaner's checkpoint says. Its run row is rewritten, not added.
    pub async fn replay_object(&self, key: &str, report: &mut CycleReport) -> bool {
        let mut run = Run::new(&self.events, REPLAY_JOB);
        let done = self.replay_one(key, &mut run).await;
        report.merge(&run.into_report());
        done
    }

    async fn replay_one(&self, key: &str, run: &mut Run<'_>) -> bool {
        let (meta, body) = match self.stores.lake.get(key).await {
            Ok(object) => object,
            Err(e) => {
                run.fail(PipelineError::lake(Stage::Replay, e));
                return false;
            }
        };
        let raw = match meta.into_response(body) {
            Ok(raw) => raw,
            Err(e) => {
                run.fail(PipelineError::by_source(Stage::Replay, format!("{key}: {e}")));
                return true;
            }
        };
        let outcome = self.file_answer(std::sync::Arc::new(raw), self.clock.now(), false, run).await;
        if matches!(outcome.failure, Some(IngestFailure::Store(_))) {
            return false;
        }
        let records = match self.stores.staging.read_object(key).await {
            Ok(r) => r,
            Err(e) => {
                run.fail(PipelineError::staging(Stage::Replay, e));
                return false;
            }
        };
        self.clean_and_load(records, None, run).await
    }

    /// Re-cleans every staged record from the start: the cleaner's checkpoint goes back to 0
    /// and the drain runs to the end. `progress` hears the records done so far after each chunk.
    pub async fn reprocess(&self, progress: impl Fn(u64)) -> CycleReport {
        let mut run = Run::new(&self.events, REPROCESS_JOB);
        if let Err(e) = self.stores.staging.reset_checkpoint(CLEANER, 0).await {
            run.emit(PipelineEvent::failed(PipelineError::staging(Stage::Clean, e)));
            return run.into_report();
        }
        let mut done = 0;
        while let Some(n) = self.drain_chunk(None, &mut run).await {
            done += n as u64;
            progress(done);
        }
        run.into_report()
    }

    /// Records staging holds (the length of a reprocess).
    pub async fn staged_records(&self) -> Result<u64, crate::staging::StagingError> {
        self.stores.staging.count().await
    }
}

/// `raw/airlabs/flights/dt=2026-11-28/hour=06/20261128T063835.743Z-….json.gz` → its fetch time
/// from the file name (to the millisecond).
fn key_fetch_time(key: &str) -> Option<DateTime<Utc>> {
    let name = file_name(key);
    let stamp = name.split('-').next()?;
    let stamp = stamp.strip_suffix('Z')?;
    NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%.f").ok().map(|t| t.and_utc())
}

fn file_name(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

/// `2026-11-27` (midnight UTC) or an RFC 3339 time.
pub fn parse_time_arg(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.and_time(NaiveTime::MIN).and_utc())
        .map_err(|_| format!("{text:?} is neither a date (2026-11-27) nor an RFC 3339 time"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn keys_tell_their_fetch_time() {
        let key = "raw/airlabs/flights/dt=2026-11-28/hour=06/20261128T063835.743Z-098e7aec5ee6b586.json.gz";
        let t = key_fetch_time(key).unwrap();
        assert_eq!(t, Utc.with_ymd_and_hms(2026, 11, 28, 6, 38, 35).unwrap() + chrono::Duration::milliseconds(743));
        assert_eq!(key_fetch_time("raw/x/y/notakey.json.gz"), None);
        assert_eq!(parse_time_arg("2026-11-27").unwrap(), Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap());
        assert!(parse_time_arg("yesterday").is_err());
    }
}
