use super::CLEANER;
use super::pipeline::Pipeline;
use super::report::CycleReport;
use crate::clean::{CleanRow, RecordContext, Rejection, dispatch};
use crate::model::FlightLeg;
use crate::staging::{BatchInfo, StagedRecord};
use crate::warehouse::{LoadBatch, RejectRow, RunRecord};
use std::collections::{BTreeMap, HashMap};

/// One staged record's cleaning result, with what a rejection row names.
pub(super) struct CleanedRecord<'a> {
    pub batch: &'a BatchInfo,
    pub ordinal: i64,
    /// The key staging holds for the record.
    pub natural_key: Option<&'a str>,
    pub result: Result<Vec<CleanRow>, Rejection>,
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

/// Records read from staging per warehouse transaction.
const DRAIN_BATCH: usize = 10_000;

impl Pipeline {
    /// Cleans whatever staging holds beyond the cleaner's checkpoint into the warehouse.
    pub async fn clean_staged(&self) -> CycleReport {
        let mut report = CycleReport::default();
        self.drain(&mut report).await;
        report
    }

    /// Cleans everything staged since the cleaner's checkpoint into the warehouse, one
    /// transaction per chunk. The checkpoint moves only after the transaction committed, so a
    /// failure leaves the records for the next attempt (upserts make the retry harmless).
    pub(super) async fn drain(&self, report: &mut CycleReport) {
        // What failed to reach staging is staged first: a staging outage heals by itself.
        if !self.heal_staging(report).await {
            return;
        }
        while let Some(DRAIN_BATCH) = self.drain_chunk(report).await {}
    }

    /// One chunk of the drain: up to `DRAIN_BATCH` records after the checkpoint, cleaned and
    /// loaded in one transaction, then the checkpoint moved. The records it took, or `None` when
    /// there was nothing to do or a store failed (the error is in `report`).
    pub(super) async fn drain_chunk(&self, report: &mut CycleReport) -> Option<usize> {
        let after = match self.stores.staging.checkpoint(CLEANER).await {
            Ok(seq) => seq,
            Err(e) => {
                self.store_error(report, e.to_string());
                return None;
            }
        };
        let records = match self.stores.staging.read_after(after, DRAIN_BATCH).await {
            Ok(r) => r,
            Err(e) => {
                self.store_error(report, e.to_string());
                return None;
            }
        };
        if records.is_empty() && self.pending.lock().await.is_empty() {
            return None;
        }
        if !self.clean_and_load(&records, None, report).await {
            return None;
        }
        if let Some(last) = records.last()
            && let Err(e) = self.stores.staging.set_checkpoint(CLEANER, last.seq).await
        {
            self.store_error(report, e.to_string());
            return None;
        }
        Some(records.len())
    }

    /// Cleans `records` and loads the rows, with the run records and rejections waiting in
    /// `pending`, in one warehouse transaction. `false` (and a store error in `report`) when the
    /// warehouse refused: the run records wait for the next attempt. `replayed`: the records are
    /// one lake object's, replayed; its run record is keyed by the object, so replaying it again
    /// updates that record instead of adding one.
    pub(super) async fn clean_and_load(
        &self,
        records: &[StagedRecord],
        replayed: Option<&str>,
        report: &mut CycleReport,
    ) -> bool {
        if !self.is_writer() {
            // Another instance leads: the records stay staged, the run records stay pending.
            return false;
        }
        let started = self.clock.now();
        let timer = std::time::Instant::now();
        let places = self.places_for(records);
        let cleaned = records.iter().map(|r| CleanedRecord {
            batch: &r.batch,
            ordinal: r.ordinal,
            natural_key: r.natural_key.as_deref(),
            result: dispatch::clean(&r.doc, &record_context(&r.batch), &places),
        });
        let (batch, cleaned) = self.collect_rows(cleaned);
        self.load_rows(batch, cleaned, records.len(), (started, timer), replayed, report).await
    }

    /// Loads rows cleaned from `records` staged records, with what waits in `pending`, in one
    /// warehouse transaction (see `clean_and_load`). `since`: when cleaning began.
    pub(super) async fn load_rows(
        &self,
        mut batch: LoadBatch,
        cleaned: usize,
        records: usize,
        since: (chrono::DateTime<chrono::Utc>, std::time::Instant),
        replayed: Option<&str>,
        report: &mut CycleReport,
    ) -> bool {
        if !self.is_writer() {
            return false;
        }
        let (started, timer) = since;
        let pending = std::mem::take(&mut *self.pending.lock().await);
        let rejected = batch.rejects.len() as i64;
        let cleaned = cleaned as i64;
        if records > 0 {
            batch.runs.push(RunRecord {
                started_at: started,
                finished_at: self.clock.now(),
                source: "staging".into(),
                endpoint: "all".into(),
                stage: if replayed.is_some() { "replay" } else { "load" }.into(),
                lake_key: replayed.map(str::to_string),
                records: records as i64,
                rejects: rejected,
                loaded: cleaned,
                error: None,
                instance: None,
            });
        }
        let mut combined = pending.clone();
        combined.append(&mut batch);
        for run in &mut combined.runs {
            run.instance.get_or_insert_with(|| self.settings.instance.clone());
        }
        combined.fence = self.fence();
        match self.stores.warehouse.load(&combined).await {
            Ok(stats) => {
                report.records_cleaned += cleaned as u64;
                report.rejects += rejected as u64;
                for r in &combined.rejects {
                    *report.reject_reasons.entry(super::report::reason_kind(&r.reason).to_string()).or_default() += 1;
                }
                report.flights_written += stats.flights_written;
                tracing::info!(target: "skyboard::batch", source = %"staging", endpoint = %"warehouse", records, rejects = rejected, loaded = cleaned, duration_ms = timer.elapsed().as_millis() as u64, "batch");
            }
            Err(e) => {
                // Keep the run records for the next attempt; staging still holds the records.
                let mut p = self.pending.lock().await;
                let mut back = pending;
                back.runs.append(&mut p.runs);
                back.rejects.append(&mut p.rejects);
                *p = back;
                self.store_error(report, e.to_string());
                return false;
            }
        }
        true
    }

    fn store_error(&self, report: &mut CycleReport, e: String) {
        tracing::error!("{e}");
        report.store_errors.push(e);
    }

    /// Pure: records' cleaning results to rows and rejections, and how many records cleaned (a
    /// record may give several rows). Within one chunk the newest observation of a flight wins,
    /// so one statement never carries the same key twice.
    pub(super) fn collect_rows<'a>(&self, records: impl IntoIterator<Item = CleanedRecord<'a>>) -> (LoadBatch, usize) {
        let mut flights: HashMap<String, FlightLeg> = HashMap::new();
        let mut airports = BTreeMap::new();
        let mut airlines = BTreeMap::new();
        let (mut countries, mut cities, mut aircraft) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        let mut positions = Vec::new();
        let mut codeshares = std::collections::BTreeSet::new();
        let mut rejects = Vec::new();
        let mut cleaned = 0;
        for r in records {
            match r.result {
                Ok(rows) => {
                    cleaned += 1;
                    for row in rows {
                        match row {
                            CleanRow::Airport(a) => {
                                airports.insert(a.code().to_string(), a);
                            }
                            CleanRow::Airline(a) => {
                                airlines.insert(a.code().to_string(), a);
                            }
                            CleanRow::Country(c) => {
                                countries.insert(c.code.clone(), c);
                            }
                            CleanRow::City(c) => {
                                cities.insert(c.code.clone(), c);
                            }
                            CleanRow::Aircraft(a) => {
                                aircraft.insert(a.code.clone(), a);
                            }
                            CleanRow::Position(p) => positions.push(*p),
                            CleanRow::Codeshare(c) => {
                                codeshares.insert(c);
                            }
                            CleanRow::Flight(leg) => {
                                let key = leg.key.natural_key();
                                match flights.get(&key) {
                                    Some(old) if old.observed_at > leg.observed_at => {}
                                    _ => {
                                        flights.insert(key, *leg);
                                    }
                                }
                            }
                        }
                    }
                }
                Err(rejection) => rejects.push(RejectRow {
                    source: r.batch.source.clone(),
                    endpoint: r.batch.endpoint.clone(),
                    lake_key: r.batch.lake_key.clone(),
                    ordinal: r.ordinal,
                    natural_key: r.natural_key.map(str::to_string),
                    reason: rejection.reason,
                    rejected_at: self.clock.now(),
                }),
            }
        }
        let mut flights: Vec<FlightLeg> = flights.into_values().collect();
        flights.sort_by(|a, b| a.key.cmp(&b.key));
        let batch = LoadBatch {
            flights,
            airports: airports.into_values().collect(),
            airlines: airlines.into_values().collect(),
            countries: countries.into_values().collect(),
            cities: cities.into_values().collect(),
            aircraft: aircraft.into_values().collect(),
            positions,
            codeshares: codeshares.into_iter().collect(),
            rejects,
            runs: Vec::new(),
            fence: None,
        };
        (batch, cleaned)
    }
}
