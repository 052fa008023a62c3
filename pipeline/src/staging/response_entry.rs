//! Record −1 of every staged batch: what came of the response as a whole (its fetch, its HTTP
//! status, how many records it held, why it was rejected whole). Staging it beside the records
//! makes the response's run record and its whole-response rejection travel the one path the
//! records take — staging, then the cleaner, then one warehouse transaction — so a crash loses
//! neither, and loading the batch again (a replay, a restart between commit and checkpoint)
//! rewrites the same rows instead of adding some.
//!
//! A fetch that left nothing in the lake (the source never answered, or the lake refused the
//! answer) is staged as an entry alone, under a key of its own (`unfiled/…`) that names no lake
//! object.

use super::{BatchInfo, NewRecord};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The ordinal of a batch's response entry (records count from 0).
pub const ENTRY_ORDINAL: i64 = -1;

/// Where a response's handling ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryStage {
    /// Fetched and filed in the lake (an error answer too).
    Fetch,
    /// The lake refused the answer: nothing of it is kept.
    Lake,
}

impl EntryStage {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fetch => "fetch",
            Self::Lake => "lake",
        }
    }
}

/// What came of one response as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseEntry {
    pub stage: EntryStage,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    /// The HTTP status, when the source answered.
    pub http_status: Option<u16>,
    /// Records the response held (staged beside this entry).
    pub records: u64,
    /// Why the body as a whole was rejected (a shape it is not, an error envelope).
    pub rejection: Option<String>,
    /// Why the fetch failed (an error answer, no answer, the lake refused it).
    pub error: Option<String>,
    /// Whether the batch's lake key names a lake object (`false` for an `unfiled/…` entry).
    pub filed: bool,
}

/// The key a response that left nothing in the lake is staged under: unique per attempt.
pub fn unfiled_key(source: &str, endpoint: &str, started: DateTime<Utc>) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("unfiled/{source}/{endpoint}/{}-{}-{n}", started.format("%Y%m%dT%H%M%S%.6fZ"), std::process::id())
}

impl ResponseEntry {
    /// The entry as the staged record at [`ENTRY_ORDINAL`].
    pub fn to_record(&self) -> NewRecord {
        let doc = serde_json::value::to_raw_value(&serde_json::json!({ "skyboard_response": self }))
            .expect("a response entry is plain JSON");
        NewRecord { ordinal: ENTRY_ORDINAL, natural_key: None, doc }
    }

    /// The entry a staged record at [`ENTRY_ORDINAL`] holds.
    pub fn from_doc(doc: &serde_json::value::RawValue) -> Result<Self, String> {
        #[derive(Deserialize)]
        struct Wrapped {
            skyboard_response: ResponseEntry,
        }
        serde_json::from_str::<Wrapped>(doc.get())
            .map(|w| w.skyboard_response)
            .map_err(|e| format!("a staged response entry that does not read: {e}"))
    }
}

/// A batch for an entry staged alone (see [`unfiled_key`]).
pub fn unfiled_batch(source: &str, endpoint: &str, started: DateTime<Utc>) -> BatchInfo {
    let key = unfiled_key(source, endpoint, started);
    BatchInfo {
        batch_id: key.clone(),
        lake_key: key,
        source: source.to_string(),
        endpoint: endpoint.to_string(),
        fetched_at: started,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_entry_reads_back_as_written() {
        let t = Utc.with_ymd_and_hms(2026, 12, 2, 1, 0, 0).unwrap();
        let entry = ResponseEntry {
            stage: EntryStage::Fetch,
            started_at: t,
            finished_at: t,
            http_status: Some(200),
            records: 3,
            rejection: Some("an HTML page, not a JSON response".into()),
            error: None,
            filed: true,
        };
        let record = entry.to_record();
        assert_eq!(record.ordinal, ENTRY_ORDINAL);
        assert_eq!(ResponseEntry::from_doc(&record.doc).unwrap(), entry);
        assert!(ResponseEntry::from_doc(&serde_json::value::to_raw_value(&1).unwrap()).is_err());
        let a = unfiled_key("lufthansa", "departures", t);
        assert!(a.starts_with("unfiled/lufthansa/departures/20261202T010000.000000Z-"), "{a}");
        assert_ne!(a, unfiled_key("lufthansa", "departures", t));
    }
}
