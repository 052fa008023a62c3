use crate::model::{AircraftType, Airline, Airport, City, Codeshare, Country, FlightLeg, Position};
use chrono::{DateTime, Utc};

/// A record that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectRow {
    pub source: String,
    pub endpoint: String,
    pub lake_key: String,
    /// Position of the record in its response; -1 for the response as a whole.
    pub ordinal: i64,
    pub natural_key: Option<String>,
    pub reason: String,
    pub rejected_at: DateTime<Utc>,
}

/// One batch the pipeline handled, for the runs table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRecord {
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub source: String,
    pub endpoint: String,
    /// `fetch`, or `lake` when the lake refused the answer.
    pub stage: String,
    /// The lake object the batch is (`None` when nothing of it reached the lake).
    pub lake_key: Option<String>,
    pub records: i64,
    pub rejects: i64,
    pub loaded: i64,
    pub error: Option<String>,
    /// The pipeline instance that wrote the batch (filled in when it is loaded).
    pub instance: Option<String>,
    /// What the row is keyed by: the staged batch it came from (loading it again rewrites the
    /// row). `None`: a row of its own each time.
    pub key: Option<String>,
}

/// Everything one warehouse transaction writes.
#[derive(Debug, Clone, Default)]
pub struct LoadBatch {
    pub flights: Vec<FlightLeg>,
    pub airports: Vec<Airport>,
    pub airlines: Vec<Airline>,
    pub countries: Vec<Country>,
    pub cities: Vec<City>,
    pub aircraft: Vec<AircraftType>,
    /// Positions: the newest per aircraft becomes its latest position; all go to the history.
    pub positions: Vec<Position>,
    /// Marketing numbers of legs (kept once each).
    pub codeshares: Vec<Codeshare>,
    pub rejects: Vec<RejectRow>,
    pub runs: Vec<RunRecord>,
    /// The leader epoch the writer was given (`Warehouse::claim_leadership`): the load commits
    /// only while it is still the warehouse's. `None`: an unfenced single writer (tests).
    pub fence: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadStats {
    /// Flight rows inserted or changed.
    pub flights_written: u64,
    pub rejects_written: u64,
    pub positions_written: u64,
}

impl LoadBatch {
    /// Moves every row of `other` into this batch.
    pub fn append(&mut self, other: &mut LoadBatch) {
        self.flights.append(&mut other.flights);
        self.airports.append(&mut other.airports);
        self.airlines.append(&mut other.airlines);
        self.countries.append(&mut other.countries);
        self.cities.append(&mut other.cities);
        self.aircraft.append(&mut other.aircraft);
        self.positions.append(&mut other.positions);
        self.codeshares.append(&mut other.codeshares);
        self.rejects.append(&mut other.rejects);
        self.runs.append(&mut other.runs);
    }

    /// Nothing to write at all.
    pub fn is_empty(&self) -> bool {
        self.row_count() == 0 && self.rejects.is_empty() && self.runs.is_empty()
    }

    /// Clean rows in the batch (rejections and run records aside).
    pub fn row_count(&self) -> usize {
        self.flights.len()
            + self.airports.len()
            + self.airlines.len()
            + self.countries.len()
            + self.cities.len()
            + self.aircraft.len()
            + self.positions.len()
            + self.codeshares.len()
    }
}
