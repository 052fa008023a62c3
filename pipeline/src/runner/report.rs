/// What one cycle did.
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
    /// Failed fetches (the source's fault: the cycle goes on).
    pub source_errors: Vec<String>,
    /// Failed lake, staging or warehouse writes (ours: the cycle failed, the next one retries).
    pub store_errors: Vec<String>,
    pub duration: std::time::Duration,
}

/// `3c6702: no valid latitude` → `no valid latitude`; reasons without a key prefix stay as they are.
pub fn reason_kind(reason: &str) -> &str {
    match reason.split_once(": ") {
        Some((key, rest)) if !key.contains(' ') => rest,
        _ => reason,
    }
}

impl CycleReport {
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
