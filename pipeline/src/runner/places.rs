//! The places the cleaners know: the shipped reference data, and the airports the pipeline
//! fetched itself (Lufthansa `mds-references/airports` carry `TimeZoneId`, AirLabs `/airports`
//! carry `timezone`), so a leg at a rail station the assets lack is read with the zone Lufthansa
//! gave for it. Fetched places come from the warehouse when the pipeline starts, and from each
//! chunk of staged records before that chunk's legs are cleaned.

use super::clean_chunk::CleanInput;
use super::pipeline::Pipeline;
use crate::clean::{CleanRow, RecordContext, dispatch};
use crate::model::Airport;
use crate::reference::Reference;
use serde_json::value::RawValue;
use std::sync::{Arc, RwLock};

/// Endpoints whose records are places.
fn lists_places(source: &str, endpoint: &str) -> bool {
    matches!((source, endpoint), ("lufthansa", "references-airports") | ("airlabs", "airports"))
}

/// The shipped reference data, and it with the places fetched since.
#[derive(Debug)]
pub(super) struct Places {
    shipped: &'static Reference,
    known: RwLock<Arc<Reference>>,
}

impl Places {
    pub(super) fn new(shipped: &'static Reference) -> Self {
        Self { shipped, known: RwLock::new(Arc::new(Reference::with_fetched(shipped, []))) }
    }

    pub(super) fn shipped(&self) -> &'static Reference {
        self.shipped
    }

    /// The reference data the cleaners use now.
    pub(super) fn current(&self) -> Arc<Reference> {
        match self.known.read() {
            Ok(r) => r.clone(),
            // A writer panicked mid-update: what it left is a whole `Arc` still.
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Adds fetched places (later ones win over what was fetched before; the shipped data wins
    /// over both).
    fn learn(&self, fetched: impl IntoIterator<Item = Airport>) {
        let mut fetched = fetched.into_iter().peekable();
        if fetched.peek().is_none() {
            return;
        }
        let mut slot = match self.known.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        let known: Vec<Airport> = slot.airports().cloned().chain(fetched).collect();
        *slot = Arc::new(Reference::with_fetched(self.shipped, known));
    }
}

impl Pipeline {
    /// The reference data the cleaners use now.
    pub(super) fn places(&self) -> Arc<Reference> {
        self.places.current()
    }

    /// Learns the places the warehouse holds beyond the shipped data (at start).
    pub(super) async fn learn_warehouse_places(&self) -> Result<(), crate::warehouse::WarehouseError> {
        let airports = self.stores.warehouse.fetched_airports().await?;
        self.places.learn(airports);
        Ok(())
    }

    /// The reference to clean staged `records` with: the places among them are learned first,
    /// so the legs of the same chunk can use them.
    pub(super) fn places_for<R: CleanInput>(&self, records: &[R]) -> Arc<Reference> {
        self.places_among(
            records
                .iter()
                .filter(|r| r.ordinal() >= 0 && lists_places(&r.batch().source, &r.batch().endpoint))
                .map(|r| (r.doc(), super::clean_chunk::record_context(r.batch()))),
        )
    }

    fn places_among<'a>(&self, records: impl Iterator<Item = (&'a RawValue, RecordContext)>) -> Arc<Reference> {
        let current = self.places();
        let mut learned = Vec::new();
        for (doc, ctx) in records {
            if let Ok(rows) = dispatch::clean(doc, &ctx, &current) {
                learned.extend(rows.into_iter().filter_map(|row| match row {
                    CleanRow::Airport(a) => Some(a),
                    _ => None,
                }));
            }
        }
        if learned.is_empty() {
            return current;
        }
        self.places.learn(learned);
        self.places()
    }
}
