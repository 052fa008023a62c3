//! The warehouse: clean rows, upserted by natural key. The front end reads only from here.

mod airline_reads;
mod drilldown;
mod drilldown_rules;
mod drilldown_sql;
mod leader;
mod load;
mod load_writes;
mod map_legs;
mod mysql;
mod place_upserts;
mod prune;
mod shared;
pub mod sql;
mod sql_rows;
mod sqlite;
mod sqlite_map;

pub use leader::{FileLeaderLock, LeaderLock, MySqlLeaderLock};
pub use load::{LoadBatch, LoadStats, RejectRow, RunRecord};
pub use mysql::MySqlWarehouse;
pub use prune::HistoryTable;
pub use sqlite::SqliteWarehouse;

use crate::model::{
    Airline, AirlineDay, Airport, AirportStats, Board, BoardKind, DataFreshness, FlightDetail, FlightKey, FlightLeg,
    FlightMatch, MapAircraftRow, PlaceFilter, PlaceTraffic, Position, SourceHealth,
};
use crate::reference::Reference;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, thiserror::Error)]
#[error("warehouse ({backend}): {message}")]
pub struct WarehouseError {
    pub backend: &'static str,
    pub message: String,
}

/// Opens the warehouse a URL names: `sqlite://PATH` (or a plain path) or `mysql://…`.
pub async fn open(url: &str) -> Result<std::sync::Arc<dyn Warehouse>, WarehouseError> {
    if url.starts_with("mysql://") || url.starts_with("mariadb://") {
        Ok(std::sync::Arc::new(MySqlWarehouse::connect(url).await?))
    } else {
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        Ok(std::sync::Arc::new(SqliteWarehouse::open(std::path::Path::new(path)).await?))
    }
}

/// How a flight finds its position.
#[derive(Debug, Clone, PartialEq)]
pub struct PositionMatch {
    /// `LH400`.
    pub flight_iata: String,
    /// `DLH400`, when the airline has an ICAO code.
    pub callsign: Option<String>,
    /// The flight's aircraft, when known.
    pub registration: Option<String>,
    pub now: DateTime<Utc>,
    pub max_age: chrono::Duration,
    /// Positions before this (e.g. an hour before the scheduled departure) belong to another leg.
    pub not_before: DateTime<Utc>,
}

impl PositionMatch {
    pub fn for_leg(leg: &FlightLeg, reference: &Reference, now: DateTime<Utc>) -> Self {
        let airline_icao = reference.airline(&leg.key.carrier).and_then(|a| a.icao.as_deref());
        Self::for_leg_with(leg, airline_icao, now)
    }

    /// As [`for_leg`](Self::for_leg), with the operating airline's ICAO code given (the
    /// warehouse reads it from its airlines table).
    pub fn for_leg_with(leg: &FlightLeg, airline_icao: Option<&str>, now: DateTime<Utc>) -> Self {
        Self {
            flight_iata: leg.key.flight_designator(),
            callsign: airline_icao.map(|icao| format!("{icao}{}", leg.key.number)),
            registration: leg.registration.clone(),
            now,
            max_age: chrono::Duration::minutes(15),
            not_before: leg.sched_dep - chrono::Duration::hours(1),
        }
    }
}

/// Which legs a board shows: those scheduled in `[from, to)`, less those gone a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardWindow {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// A leg that left (or landed) before this is off the board.
    pub gone_before: DateTime<Utc>,
    /// A cancelled leg scheduled before this is off the board.
    pub cancelled_before: DateTime<Utc>,
    pub limit: u32,
}

impl BoardWindow {
    /// The live board: scheduled from 6 h ago (while not yet gone) to 12 h ahead; a leg stays
    /// 20 minutes after its actual time, a cancelled one until 20 minutes after its schedule.
    pub fn around(now: DateTime<Utc>) -> Self {
        let linger = chrono::Duration::minutes(20);
        Self {
            from: now - chrono::Duration::hours(6),
            to: now + chrono::Duration::hours(12),
            gone_before: now - linger,
            cancelled_before: now - linger,
            limit: 200,
        }
    }

    /// One local day at an airport (midnight to midnight in its zone, 23 or 25 hours across a
    /// change of clocks), every leg of it: departed, landed and cancelled ones included.
    pub fn local_day(tz: chrono_tz::Tz, day: NaiveDate) -> Self {
        // Only a day at the end of chrono's calendar has no next midnight: then to its end.
        let fallback = || (day.and_time(chrono::NaiveTime::MIN).and_utc(), DateTime::<Utc>::MAX_UTC);
        let (from, to) = drilldown_rules::local_day_utc(tz, day).unwrap_or_else(fallback);
        Self {
            from,
            to,
            gone_before: DateTime::<Utc>::UNIX_EPOCH,
            cancelled_before: DateTime::<Utc>::UNIX_EPOCH,
            // A day of the busiest airports: some 1,500 departures.
            limit: 3_000,
        }
    }
}

#[async_trait]
pub trait Warehouse: Send + Sync + std::fmt::Debug {
    /// Brings the schema to the newest version.
    async fn migrate(&self) -> Result<(), WarehouseError>;
    /// Loads airports and airlines from the reference data (upserts; safe to repeat).
    async fn seed_reference(&self, reference: &Reference) -> Result<(), WarehouseError>;
    /// Writes a batch in one transaction: all of it or none of it.
    async fn load(&self, batch: &LoadBatch) -> Result<LoadStats, WarehouseError>;
    /// Makes the caller the fenced writer: bumps the leader epoch and returns it. Loads carrying
    /// an older epoch roll back from then on. Call it after taking the leader lock.
    async fn claim_leadership(&self, holder: &str) -> Result<i64, WarehouseError>;
    async fn airport(&self, iata: &str) -> Result<Option<Airport>, WarehouseError>;
    async fn board(&self, airport: &str, kind: BoardKind, window: BoardWindow)
    -> Result<Option<Board>, WarehouseError>;
    /// The legs from `from` to `to` scheduled to depart in the window: by departure (in
    /// `from`'s board, its zone's times) and by arrival (`to`'s; those with a scheduled arrival).
    /// `None` if either is unknown.
    async fn route(&self, from: &str, to: &str, window: BoardWindow) -> Result<Option<[Board; 2]>, WarehouseError>;
    async fn freshness(&self) -> Result<DataFreshness, WarehouseError>;
    /// Each source's newest successful and failed fetch, from the runs table.
    async fn source_health(&self) -> Result<Vec<SourceHealth>, WarehouseError>;
    async fn count(&self, table: Table) -> Result<i64, WarehouseError>;
    /// Flights in key order, optionally only those touching one airport.
    async fn export_flights(&self, airport: Option<&str>) -> Result<Vec<FlightLeg>, WarehouseError>;
    async fn export_airports(&self) -> Result<Vec<Airport>, WarehouseError>;
    /// The airports the pipeline fetched itself (not only the shipped ones).
    async fn fetched_airports(&self) -> Result<Vec<Airport>, WarehouseError>;
    async fn export_airlines(&self) -> Result<Vec<Airline>, WarehouseError>;
    /// Latest positions, by aircraft.
    async fn export_positions(&self) -> Result<Vec<Position>, WarehouseError>;
    /// The freshest position that belongs to a flight: matched by its flight number (as the
    /// source stated it) or its ICAO callsign, and by registration when both sides know it —
    /// never by aircraft alone; no older than `match_.max_age` before `match_.now`.
    async fn position_for_flight(&self, match_: &PositionMatch) -> Result<Option<Position>, WarehouseError>;
    /// One airport's local calendar day (`[local midnight, next local midnight)` in its time
    /// zone); `None` if the airport is unknown.
    async fn airport_stats(&self, iata: &str, day: NaiveDate) -> Result<Option<AirportStats>, WarehouseError>;
    /// A leg with its codeshares, airports, status history and position (matched as
    /// [`position_for_flight`](Self::position_for_flight) matches it, the airline's ICAO code from
    /// the airlines table); `None` if the leg is unknown.
    async fn flight_detail(&self, key: &FlightKey, now: DateTime<Utc>) -> Result<Option<FlightDetail>, WarehouseError>;
    /// Latest positions observed at most `max_age` before `now` (newer ones too), by aircraft,
    /// each with the status of at most one leg: the one its flight number names, scheduled to
    /// depart nearest to the observation within −18 h…+6 h of it. The positions hold what the
    /// map shows and matches a flight by: registration, aircraft type, vertical rate and squawk
    /// are `None` and `lake_key` is empty (the flight page reads a whole position,
    /// [`position_for_flight`](Self::position_for_flight)).
    async fn map_positions(
        &self,
        now: DateTime<Utc>,
        max_age: chrono::Duration,
    ) -> Result<Vec<MapAircraftRow>, WarehouseError>;
    /// An aircraft's track since `since`, oldest first: the newest 500 points at most. The
    /// history keeps where, not what flight: callsign, flight number and the like are `None`
    /// and `lake_key` is empty.
    async fn position_trail(&self, icao24: &str, since: DateTime<Utc>) -> Result<Vec<Position>, WarehouseError>;
    /// Legs whose designator (`LH4`…), ICAO callsign (`DLH4`…) or a position's callsign with a
    /// flight number starts with `text` (case and spaces ignored), one row per leg, nearest to
    /// `now` first, at most `limit`.
    async fn find_flights(
        &self,
        text: &str,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<FlightMatch>, WarehouseError>;
    /// Airports by exact IATA or ICAO code, then city or name prefix, then code prefix, then
    /// city or name containing `text` (case ignored); within each, airports with departures
    /// first, then by IATA code; at most `limit`.
    async fn find_airports(&self, text: &str, limit: u32) -> Result<Vec<Airport>, WarehouseError>;
    /// Airlines by exact IATA or ICAO code, then name prefix, then name containing `text` (case
    /// ignored, two characters at least); within each, airlines with legs first, then active
    /// ones, then by code; at most `limit`.
    async fn find_airlines(&self, text: &str, limit: u32) -> Result<Vec<Airline>, WarehouseError>;
    /// The legs the airline keyed `code` (IATA, else ICAO) operates with a local departure date
    /// of `day`, with the day's figures; `None` if the airline is unknown.
    async fn airline_day(&self, code: &str, day: NaiveDate) -> Result<Option<AirlineDay>, WarehouseError>;
    /// A country's airports or a city's, each with its legs of local day `day` as
    /// [`airport_stats`](Self::airport_stats) counts them (`None` for an airport the warehouse
    /// holds no leg of); those with flights that day first, the busiest first, then by code.
    async fn places(&self, filter: &PlaceFilter, day: NaiveDate) -> Result<Vec<PlaceTraffic>, WarehouseError>;
    /// The leg a position belongs to: by its flight number, else its all-digit ICAO callsign
    /// (`DLH400` → `LH400` through the airlines table), scheduled to depart nearest to the
    /// observation within −18 h…+6 h of it. Never by aircraft alone.
    async fn flight_for_position(&self, position: &Position) -> Result<Option<FlightKey>, WarehouseError>;
    /// The newest migration applied, `None` on an empty database.
    async fn schema_version(&self) -> Result<Option<i64>, WarehouseError>;
    /// The newest migration this build knows.
    fn latest_schema_version(&self) -> i64;
    /// The lock that makes one pipeline instance the writer of this warehouse.
    fn leader_lock(&self) -> Box<dyn LeaderLock>;
    /// Retention: deletes at most `limit` rows of `table` older than `before` in one short
    /// transaction and says how many went (fewer than `limit`: nothing older is left). Never
    /// touches `flights` or the latest `positions`; see [`HistoryTable`] for what "older" means.
    /// Fenced like [`load`](Self::load): with `fence`, the batch commits only while that leader
    /// epoch is still the warehouse's (else an error saying so, and nothing deleted).
    async fn prune_history(
        &self,
        table: HistoryTable,
        before: DateTime<Utc>,
        limit: u32,
        fence: Option<i64>,
    ) -> Result<u64, WarehouseError>;
    /// Writes a probe row inside a transaction and rolls it back.
    async fn check_writable(&self) -> Result<(), WarehouseError>;
    fn describe(&self) -> String;
}

/// Tables that can be counted (a closed set, so no SQL is ever built from outside text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Airports,
    Airlines,
    Countries,
    Cities,
    Aircraft,
    Flights,
    PipelineRuns,
    Rejects,
    Positions,
    PositionHistory,
    Codeshares,
    StatusHistory,
}

impl Table {
    pub const ALL: [Table; 12] = [
        Self::Airports,
        Self::Airlines,
        Self::Countries,
        Self::Cities,
        Self::Aircraft,
        Self::Flights,
        Self::PipelineRuns,
        Self::Rejects,
        Self::Positions,
        Self::PositionHistory,
        Self::Codeshares,
        Self::StatusHistory,
    ];

    /// `SELECT COUNT(*)` of the table (literal SQL, one per table).
    pub fn count_sql(self) -> &'static str {
        match self {
            Self::Airports => "SELECT COUNT(*) FROM airports",
            Self::Airlines => "SELECT COUNT(*) FROM airlines",
            Self::Countries => "SELECT COUNT(*) FROM countries",
            Self::Cities => "SELECT COUNT(*) FROM cities",
            Self::Aircraft => "SELECT COUNT(*) FROM aircraft",
            Self::Flights => "SELECT COUNT(*) FROM flights",
            Self::PipelineRuns => "SELECT COUNT(*) FROM pipeline_runs",
            Self::Rejects => "SELECT COUNT(*) FROM rejects",
            Self::Positions => "SELECT COUNT(*) FROM positions",
            Self::PositionHistory => "SELECT COUNT(*) FROM position_history",
            Self::Codeshares => "SELECT COUNT(*) FROM flight_codeshares",
            Self::StatusHistory => "SELECT COUNT(*) FROM flight_status_history",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Airports => "airports",
            Self::Airlines => "airlines",
            Self::Countries => "countries",
            Self::Cities => "cities",
            Self::Aircraft => "aircraft",
            Self::Flights => "flights",
            Self::PipelineRuns => "pipeline_runs",
            Self::Rejects => "rejects",
            Self::Positions => "positions",
            Self::PositionHistory => "position_history",
            Self::Codeshares => "flight_codeshares",
            Self::StatusHistory => "flight_status_history",
        }
    }
}
