//! What a run did: the sum of its events (see `events.rs`).

use super::errors::PipelineError;
use super::events::PipelineEvent;

/// What one run (of a job, or a `--once` cycle of every job) did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CycleReport {
    pub responses: u64,
    pub records_staged: u64,
    pub records_cleaned: u64,
    pub rejects: u64,
    /// Answers the sources got wrong and were asked again (5xx, throttling): kept in the lake.
    pub failed_attempts: u64,
    /// Whole answers rejected (malformed or truncated JSON, an unknown shape): kept in the lake.
    pub bad_responses: u64,
    pub flights_written: u64,
    /// Lake objects staged again after their staging had failed.
    pub healed: u64,
    /// Rejections by reason (the record's own key left out, so alike reasons add up).
    pub reject_reasons: std::collections::BTreeMap<String, u64>,
    /// Failed fetches and error answers (the source's fault: the cycle goes on).
    pub source_errors: Vec<PipelineError>,
    /// Failed lake, staging or warehouse operations, or a cleaner that died (ours: the cycle
    /// failed, the next one retries).
    pub store_errors: Vec<PipelineError>,
    pub duration: std::time::Duration,
}

/// `3c6702: no valid latitude` → `no valid latitude`; reasons without a key prefix stay as they are.
pub fn reason_kind(reason: &str) -> &str {
    match reason.split_once(": ") {
        Some((key, rest)) if !key.contains(' ') => rest,
        _ => reason,
    }
}

/// Rejections by reason (see [`reason_kind`]).
pub(super) fn reason_counts(rejects: &[crate::warehouse::RejectRow]) -> std::collections::BTreeMap<String, u64> {
    let mut reasons = std::collections::BTreeMap::new();
    for r in rejects {
        *reasons.entry(reason_kind(&r.reason).to_string()).or_default() += 1;
    }
    reasons
}

impl CycleReport {
    /// Adds one event's counts (and its failure) to this report.
    pub fn apply(&mut self, event: &PipelineEvent) {
        match event {
            PipelineEvent::Fetched { retried, .. } => {
                self.responses += 1;
                self.failed_attempts += u64::from(*retried);
            }
            PipelineEvent::Staged { records, rejected, .. } => {
                self.records_staged += records;
                self.bad_responses += u64::from(*rejected);
            }
            PipelineEvent::Healed { .. } => self.healed += 1,
            PipelineEvent::Loaded { cleaned, rejects, reject_reasons, flights_written, .. } => {
                self.records_cleaned += cleaned;
                self.rejects += rejects;
                for (reason, n) in reject_reasons {
                    *self.reject_reasons.entry(reason.clone()).or_default() += n;
                }
                self.flights_written += flights_written;
            }
            PipelineEvent::StageFailed { error, .. } if error.is_ours() => self.store_errors.push(error.clone()),
            PipelineEvent::StageFailed { error, .. } => self.source_errors.push(error.clone()),
            PipelineEvent::Filed { .. } | PipelineEvent::Pruned { .. } | PipelineEvent::RunFinished { .. } => {}
        }
    }

    /// Adds `other`'s counts and errors to this report (the latest run of every job as one).
    pub fn merge(&mut self, other: &CycleReport) {
        self.responses += other.responses;
        self.records_staged += other.records_staged;
        self.records_cleaned += other.records_cleaned;
        self.rejects += other.rejects;
        self.failed_attempts += other.failed_attempts;
        self.bad_responses += other.bad_responses;
        self.flights_written += other.flights_written;
        self.healed += other.healed;
        for (reason, n) in &other.reject_reasons {
            *self.reject_reasons.entry(reason.clone()).or_default() += n;
        }
        self.source_errors.extend(other.source_errors.iter().cloned());
        self.store_errors.extend(other.store_errors.iter().cloned());
        self.duration = self.duration.max(other.duration);
    }

    /// A cycle fails when a store failed, or when no source answered at all.
    pub fn failed(&self) -> bool {
        !self.store_errors.is_empty() || (self.responses == 0 && !self.source_errors.is_empty())
    }

    pub fn summary(&self) -> String {
        format!(
            "{} responses ({} failed attempts, {} bad), {} records staged, {} cleaned, {} rejected, {} flight rows written, {} source errors, {} store errors in {:.1}s",
            self.responses,
            self.failed_attempts,
            self.bad_responses,
            self.records_staged,
            self.records_cleaned,
            self.rejects,
            self.flights_written,
            self.source_errors.len(),
            self.store_errors.len(),
            self.duration.as_secs_f64()
        )
    }
}
