//! The log line of each pipeline event (the hub writes it; see `events.rs`). Batches go to
//! the `skyboard::batch` target, one line per response filed and per chunk loaded.

use super::events::PipelineEvent;

pub(super) fn write(job: &str, event: &PipelineEvent) {
    match event {
        PipelineEvent::Fetched { at, http_status, retried } => {
            tracing::debug!(job, source = %at.source, endpoint = %at.endpoint, http_status, retried, "answer")
        }
        PipelineEvent::Filed { at, lake_key } => {
            tracing::debug!(job, source = %at.source, endpoint = %at.endpoint, lake_key = %lake_key, "filed")
        }
        PipelineEvent::Staged { at, request, http_status, records, rejected, duration_ms } => tracing::info!(
            target: "skyboard::batch",
            source = %at.source,
            endpoint = %at.endpoint,
            request = %request,
            http_status,
            records,
            rejects = u64::from(*rejected),
            duration_ms,
            "batch"
        ),
        PipelineEvent::Healed { lake_key, records } => {
            tracing::info!(lake_key = %lake_key, records, "staged again after a staging failure")
        }
        PipelineEvent::Loaded { records, cleaned, rejects, duration_ms, .. } => tracing::info!(
            target: "skyboard::batch",
            source = %"staging",
            endpoint = %"warehouse",
            records,
            rejects,
            loaded = cleaned,
            duration_ms,
            "batch"
        ),
        PipelineEvent::Pruned { table, rows } if *rows > 0 => tracing::info!("retention: {rows} {table} rows deleted"),
        PipelineEvent::Pruned { .. } => {}
        PipelineEvent::StageFailed { at, error } => {
            let source = at.as_ref().map(|a| a.source.as_str());
            let endpoint = at.as_ref().map(|a| a.endpoint.as_str());
            if error.is_ours() {
                // Store errors name their store first (`lake write …`, `staging (mongodb): …`).
                tracing::error!(job, source, endpoint, stage = %error.stage, "{error}")
            } else {
                tracing::warn!(job, source, endpoint, "{} failed: {error}", error.stage)
            }
        }
        PipelineEvent::RunFinished { failed: true, summary, .. } => tracing::warn!(job, "job failed: {summary}"),
        PipelineEvent::RunFinished { summary, .. } => tracing::debug!(job, "job done: {summary}"),
    }
}
