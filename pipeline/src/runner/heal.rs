//! A staging outage heals by itself: a response whose staging failed is in the lake (it is
//! written there first), so before each drain the pipeline stages those lake objects again, oldest
//! first, and they reach the warehouse with everything fetched after them. When a pipeline starts
//! it also looks for lake objects of the last day that staging does not hold (a crash during an
//! outage forgets the in-memory list).

use super::errors::{PipelineError, Stage};
use super::events::{PipelineEvent, Run};
use super::pipeline::Pipeline;
use super::replay::ReplayRange;

/// How far back a starting pipeline looks for lake objects staging lacks.
const LOOK_BACK: chrono::Duration = chrono::Duration::hours(24);

impl Pipeline {
    /// Stages the lake objects whose staging failed. `false` when staging (or the lake) still
    /// fails: the drain waits for the next attempt rather than pass what is missing.
    pub(super) async fn heal_staging(&self, run: &mut Run<'_>) -> bool {
        let keys: Vec<String> = self.unstaged.lock().await.iter().cloned().collect();
        for key in keys {
            match self.restage(&key).await {
                Ok(records) => {
                    self.unstaged.lock().await.remove(&key);
                    run.emit(PipelineEvent::Healed { lake_key: key, records });
                }
                Err(e) => {
                    run.fail(e);
                    return false;
                }
            }
        }
        true
    }

    /// Notes the lake objects of the last day that staging holds no record of, for the next
    /// drain to stage (answers with no records are staged as nothing, harmlessly).
    pub async fn find_unstaged(&self) -> Result<usize, PipelineError> {
        let now = self.clock.now();
        let range = ReplayRange { since: now - LOOK_BACK, until: now + chrono::Duration::minutes(1), source: None };
        let in_lake = self.replay_keys(&range).await.map_err(|e| PipelineError::lake(Stage::Heal, e))?;
        let staged = self.stores.staging.lake_keys_since(range.since).await;
        let staged = staged.map_err(|e| PipelineError::staging(Stage::Heal, e))?;
        let mut unstaged = self.unstaged.lock().await;
        let before = unstaged.len();
        unstaged.extend(in_lake.into_iter().filter(|k| !staged.contains(k)));
        Ok(unstaged.len() - before)
    }

    /// Files one lake object again: the lake keeps it as it is, staging takes its records
    /// (how many: the answer).
    async fn restage(&self, key: &str) -> Result<u64, PipelineError> {
        let (meta, body) = self.stores.lake.get(key).await.map_err(|e| PipelineError::lake(Stage::Heal, e))?;
        let raw = match meta.into_response(body) {
            Ok(raw) => raw,
            Err(e) => {
                tracing::warn!(lake_key = %key, "not staged again: {e}");
                return Ok(0);
            }
        };
        let outcome = self.file(std::sync::Arc::new(raw), self.clock.now(), false).await.0;
        match outcome.failure {
            Some(super::IngestFailure::Store(e)) => Err(e),
            // A source's error answer stays what it was; nothing to stage.
            Some(super::IngestFailure::Source(_)) | None => Ok(outcome.records),
        }
    }
}
