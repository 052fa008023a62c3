//! The cleaner's pure step: a chunk of staged records in, one warehouse transaction's rows out.
//! Records become rows or rejections; each batch's response entry (record −1) becomes the
//! response's run record, with the counts of its records in the chunk, and its whole-response
//! rejection. No I/O, no clock: it runs on a blocking thread, off the runtime the boards share.

use crate::clean::{CleanRow, RecordContext, dispatch};
use crate::model::FlightLeg;
use crate::reference::Reference;
use crate::staging::response_entry::{ENTRY_ORDINAL, ResponseEntry};
use crate::staging::{BatchInfo, NewRecord, StagedRecord};
use crate::warehouse::{LoadBatch, RejectRow, RunRecord};
use chrono::{DateTime, Utc};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

/// What the cleaner made of a chunk.
#[derive(Debug, Default)]
pub(super) struct CleanedChunk {
    pub batch: LoadBatch,
    /// Records (entries aside) in the chunk.
    pub records: usize,
    /// Records that gave rows.
    pub cleaned: usize,
}

/// Counts of one batch's records within the chunk.
#[derive(Default, Clone, Copy)]
struct BatchCounts {
    cleaned: i64,
    rejected: i64,
}

/// A record the cleaner reads: one staging holds, or one of a response on its way into staging
/// (cleaned beside the staging write, for the hand-over of the one load path: `ingest.rs`).
pub(super) trait CleanInput {
    fn batch(&self) -> &BatchInfo;
    fn ordinal(&self) -> i64;
    fn natural_key(&self) -> Option<&str>;
    fn doc(&self) -> &RawValue;
}

impl CleanInput for StagedRecord {
    fn batch(&self) -> &BatchInfo {
        &self.batch
    }
    fn ordinal(&self) -> i64 {
        self.ordinal
    }
    fn natural_key(&self) -> Option<&str> {
        self.natural_key.as_deref()
    }
    fn doc(&self) -> &RawValue {
        &self.doc
    }
}

/// A record of a response being staged, with its batch.
pub(super) struct FilingRecord<'a> {
    pub batch: &'a BatchInfo,
    pub record: &'a NewRecord,
}

impl<'a> FilingRecord<'a> {
    /// The records of a response being staged, each with its batch.
    pub fn all(batch: &'a BatchInfo, records: &'a [NewRecord]) -> Vec<Self> {
        records.iter().map(|record| Self { batch, record }).collect()
    }
}

impl CleanInput for FilingRecord<'_> {
    fn batch(&self) -> &BatchInfo {
        self.batch
    }
    fn ordinal(&self) -> i64 {
        self.record.ordinal
    }
    fn natural_key(&self) -> Option<&str> {
        self.record.natural_key.as_deref()
    }
    fn doc(&self) -> &RawValue {
        &self.record.doc
    }
}

/// What the cleaners know about a record of `batch`.
pub(super) fn record_context(batch: &BatchInfo) -> RecordContext {
    RecordContext {
        source: batch.source.clone(),
        endpoint: batch.endpoint.clone(),
        lake_key: batch.lake_key.clone(),
        fetched_at: batch.fetched_at,
    }
}

/// Cleans `records` (in seq order) with `places`; `now` stamps record rejections. Within one
/// chunk the newest observation of a flight wins, so one statement never carries a key twice.
pub(super) fn clean_chunk<R: CleanInput>(records: &[R], places: &Reference, now: DateTime<Utc>) -> CleanedChunk {
    let mut rows = Rows::default();
    let mut counts: HashMap<&str, BatchCounts> = HashMap::new();
    let mut entries: Vec<(&BatchInfo, ResponseEntry)> = Vec::new();
    let mut context: Option<RecordContext> = None;
    let mut out = CleanedChunk::default();
    for r in records {
        let batch = r.batch();
        if r.ordinal() == ENTRY_ORDINAL {
            match ResponseEntry::from_doc(r.doc()) {
                Ok(entry) => entries.push((batch, entry)),
                Err(reason) => rows.rejects.push(reject(batch, r.ordinal(), None, reason, now)),
            }
            continue;
        }
        out.records += 1;
        if context.as_ref().is_none_or(|c| c.lake_key != batch.lake_key) {
            context = Some(record_context(batch));
        }
        let ctx = context.as_ref().expect("set above");
        let count = counts.entry(batch.lake_key.as_str()).or_default();
        match dispatch::clean(r.doc(), ctx, places) {
            Ok(cleaned) => {
                out.cleaned += 1;
                count.cleaned += 1;
                rows.add(cleaned);
            }
            Err(rejection) => {
                count.rejected += 1;
                let key = rejection.natural_key.or_else(|| r.natural_key().map(str::to_string));
                rows.rejects.push(reject(batch, r.ordinal(), key, rejection.reason, now));
            }
        }
    }
    for (batch, entry) in entries {
        let count = counts.get(batch.lake_key.as_str()).copied().unwrap_or_default();
        if let Some(reason) = &entry.rejection {
            rows.rejects.push(reject(batch, ENTRY_ORDINAL, None, reason.clone(), entry.finished_at));
        }
        rows.runs.push(RunRecord {
            started_at: entry.started_at,
            finished_at: entry.finished_at,
            source: batch.source.clone(),
            endpoint: batch.endpoint.clone(),
            stage: entry.stage.as_str().to_string(),
            lake_key: entry.filed.then(|| batch.lake_key.clone()),
            records: entry.records as i64,
            rejects: count.rejected + i64::from(entry.rejection.is_some()),
            loaded: count.cleaned,
            error: entry.error.or(entry.rejection),
            instance: None,
            key: Some(batch.lake_key.clone()),
        });
    }
    out.batch = rows.finish();
    out
}

fn reject(batch: &BatchInfo, ordinal: i64, key: Option<String>, reason: String, at: DateTime<Utc>) -> RejectRow {
    RejectRow {
        source: batch.source.clone(),
        endpoint: batch.endpoint.clone(),
        lake_key: batch.lake_key.clone(),
        ordinal,
        natural_key: key,
        reason,
        rejected_at: at,
    }
}

/// Rows gathered by their key, the newest observation of a flight winning.
#[derive(Default)]
struct Rows {
    flights: HashMap<String, FlightLeg>,
    airports: BTreeMap<String, crate::model::Airport>,
    airlines: BTreeMap<String, crate::model::Airline>,
    countries: BTreeMap<String, crate::model::Country>,
    cities: BTreeMap<String, crate::model::City>,
    aircraft: BTreeMap<String, crate::model::AircraftType>,
    positions: Vec<crate::model::Position>,
    codeshares: std::collections::BTreeSet<crate::model::Codeshare>,
    rejects: Vec<RejectRow>,
    runs: Vec<RunRecord>,
}

impl Rows {
    fn add(&mut self, rows: Vec<CleanRow>) {
        for row in rows {
            match row {
                CleanRow::Airport(a) => {
                    self.airports.insert(a.code().to_string(), a);
                }
                CleanRow::Airline(a) => {
                    self.airlines.insert(a.code().to_string(), a);
                }
                CleanRow::Country(c) => {
                    self.countries.insert(c.code.clone(), c);
                }
                CleanRow::City(c) => {
                    self.cities.insert(c.code.clone(), c);
                }
                CleanRow::Aircraft(a) => {
                    self.aircraft.insert(a.code.clone(), a);
                }
                CleanRow::Position(p) => self.positions.push(*p),
                CleanRow::Codeshare(c) => {
                    self.codeshares.insert(c);
                }
                CleanRow::Flight(leg) => {
                    let key = leg.key.natural_key();
                    match self.flights.get(&key) {
                        Some(old) if old.observed_at > leg.observed_at => {}
                        _ => {
                            self.flights.insert(key, *leg);
                        }
                    }
                }
            }
        }
    }

    fn finish(self) -> LoadBatch {
        let mut flights: Vec<FlightLeg> = self.flights.into_values().collect();
        flights.sort_by(|a, b| a.key.cmp(&b.key));
        LoadBatch {
            flights,
            airports: self.airports.into_values().collect(),
            airlines: self.airlines.into_values().collect(),
            countries: self.countries.into_values().collect(),
            cities: self.cities.into_values().collect(),
            aircraft: self.aircraft.into_values().collect(),
            positions: self.positions,
            codeshares: self.codeshares.into_iter().collect(),
            rejects: self.rejects,
            runs: self.runs,
            fence: None,
        }
    }
}
