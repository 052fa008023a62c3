use super::drilldown_sql::{self as dsql, sqlite::FIND_FLIGHTS};
use super::prune::sqlite as prune_sql;
use super::sql::{
    self, bind_airline, bind_airport, bind_board_window, bind_codeshare, bind_reject, bind_run, decode_airline,
    decode_airport, decode_board_row, decode_flight, decode_position,
};
use super::sqlite_map::map_reads;
use super::{BoardWindow, LoadBatch, LoadStats, Table, Warehouse, WarehouseError};
use crate::model::{Airline, Airport, Board, BoardKind, DataFreshness, FlightLeg, Position};
use crate::reference::Reference;
use crate::sqlite_rows::{SqliteRows, with_connection};
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Row, Sqlite};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

const BACKEND: &str = "sqlite";
/// Rows per multi-row statement (22 bound values a flight row; SQLite allows 32,766).
const CHUNK: usize = 1000;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static FLIGHT_UPSERT: LazyLock<String> = LazyLock::new(sql::flight_upsert_sqlite);
static POSITION_UPSERT: LazyLock<String> = LazyLock::new(sql::position_upsert_sqlite);

fn err(e: impl std::fmt::Display) -> WarehouseError {
    WarehouseError { backend: BACKEND, message: e.to_string() }
}

/// The embedded warehouse: a SQLite file in the data directory.
#[derive(Debug, Clone)]
pub struct SqliteWarehouse {
    pool: SqlitePool,
    path: PathBuf,
}

impl SqliteWarehouse {
    pub async fn open(path: &Path) -> Result<Self, WarehouseError> {
        Self::open_with(path, false).await
    }

    /// Opens the file read-only (for `--viewer` front ends).
    pub async fn open_read_only(path: &Path) -> Result<Self, WarehouseError> {
        Self::open_with(path, true).await
    }

    async fn open_with(path: &Path, read_only: bool) -> Result<Self, WarehouseError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(!read_only)
            .read_only(read_only)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            // Exports and boards read many rows; buffer them rather than hand them over one by one.
            .row_buffer_size(4_096)
            .foreign_keys(true)
            // 64 MiB page cache: the flight indexes of a busy warehouse stay in memory.
            .pragma("cache_size", "-65536")
            .pragma("wal_autocheckpoint", "16384")
            .pragma("temp_store", "memory")
            .busy_timeout(std::time::Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await.map_err(err)?;
        Ok(Self { pool, path: path.to_path_buf() })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

const AIRPORT_UPSERT: &str =
    " ON CONFLICT(code) DO UPDATE SET iata = COALESCE(excluded.iata, airports.iata), icao = COALESCE(excluded.icao, airports.icao), name = excluded.name,
  city = COALESCE(excluded.city, airports.city), country = excluded.country, lat = excluded.lat, lon = excluded.lon,
  tz = excluded.tz, elevation_ft = COALESCE(excluded.elevation_ft, airports.elevation_ft)";
const AIRLINE_UPSERT: &str =
    " ON CONFLICT(code) DO UPDATE SET iata = COALESCE(excluded.iata, airlines.iata), icao = COALESCE(excluded.icao, airlines.icao), name = excluded.name,
  callsign = COALESCE(excluded.callsign, airlines.callsign), country = COALESCE(excluded.country, airlines.country),
  active = excluded.active";

const COUNTRY_UPSERT: &str = " ON CONFLICT(code) DO UPDATE SET name = excluded.name";
const CITY_UPSERT: &str =
    " ON CONFLICT(code) DO UPDATE SET name = excluded.name, country = COALESCE(excluded.country, cities.country)";
const AIRCRAFT_UPSERT: &str =
    " ON CONFLICT(code) DO UPDATE SET icao = COALESCE(excluded.icao, aircraft.icao), name = excluded.name";

/// `{head}VALUES (?, …){tail}` executed once per item, bound by `bind` (see `sqlite_rows`); the
/// rows it changed.
async fn write_rows<T: Sync>(
    tx: &mut sqlx::SqliteConnection,
    (head, columns, tail): (&str, usize, &str),
    items: &[T],
    bind: fn(&mut SqliteRows<'_>, &T),
) -> Result<u64, WarehouseError> {
    if items.is_empty() {
        return Ok(0);
    }
    let sql = format!("{head}VALUES ({}){tail}", vec!["?"; columns].join(", "));
    let written = with_connection(tx, |conn| {
        let mut rows = SqliteRows::new(conn, &sql)?;
        for item in items {
            bind(rows.row(), item);
        }
        rows.finish()
    })
    .await
    .map_err(err)?;
    Ok(written.changes)
}

async fn upsert_flights(tx: &mut sqlx::SqliteConnection, flights: &[FlightLeg]) -> Result<u64, WarehouseError> {
    let columns = sql::FLIGHT_KEY.len() + sql::FLIGHT_COLUMNS.len();
    let statement = (sql::FLIGHT_INSERT.as_str(), columns, FLIGHT_UPSERT.as_str());
    write_rows(tx, statement, &super::drilldown_rules::in_history_order(flights), |row, f| {
        row.text(&f.key.carrier)
            .text(&f.key.number)
            .text(&f.key.origin)
            .date(f.key.dep_local_date)
            .text(&f.destination)
            .time(f.sched_dep)
            .opt_time(f.est_dep)
            .opt_time(f.act_dep)
            .opt_time(f.sched_arr)
            .opt_time(f.est_arr)
            .opt_time(f.act_arr)
            .opt_text(f.dep_terminal.as_deref())
            .opt_text(f.dep_gate.as_deref())
            .opt_text(f.arr_terminal.as_deref())
            .opt_text(f.arr_gate.as_deref())
            .text(f.status.as_str())
            .opt_text(f.source_status.as_deref())
            .opt_text(f.aircraft_type.as_deref())
            .opt_text(f.registration.as_deref())
            .text(&f.source)
            .text(&f.lake_key)
            .time(f.observed_at);
    })
    .await
}

async fn upsert_latest_positions(tx: &mut sqlx::SqliteConnection, latest: &[&Position]) -> Result<u64, WarehouseError> {
    let statement = (sql::POSITION_INSERT, 1 + sql::POSITION_COLUMNS.len(), POSITION_UPSERT.as_str());
    write_rows(tx, statement, latest, |row, p| {
        row.text(&p.icao24)
            .opt_text(p.callsign.as_deref())
            .opt_text(p.flight_iata.as_deref())
            .opt_text(p.registration.as_deref())
            .opt_text(p.aircraft_type.as_deref())
            .opt_text(p.origin.as_deref())
            .opt_text(p.destination.as_deref())
            .num(p.lat)
            .num(p.lon)
            .opt_num(p.altitude_m)
            .opt_num(p.ground_speed_kmh)
            .opt_num(p.heading)
            .opt_num(p.vertical_rate_ms)
            .opt_bool(p.on_ground)
            .opt_text(p.squawk.as_deref())
            .text(&p.source)
            .text(&p.lake_key)
            .time(p.observed_at);
    })
    .await
}

async fn insert_position_history(
    tx: &mut sqlx::SqliteConnection,
    positions: &[Position],
) -> Result<(), WarehouseError> {
    // In key order: each insert lands next to the one before (fewer page reads and splits).
    let mut sorted: Vec<&Position> = positions.iter().collect();
    sorted.sort_unstable_by(|a, b| (&a.icao24, a.observed_at).cmp(&(&b.icao24, b.observed_at)));
    let head = format!("INSERT OR IGNORE INTO position_history {}", sql::HISTORY_COLUMNS);
    write_rows(tx, (&head, 8, ""), &sorted, |row, p| {
        row.text(&p.icao24)
            .time(p.observed_at)
            .num(p.lat)
            .num(p.lon)
            .opt_num(p.altitude_m)
            .opt_num(p.ground_speed_kmh)
            .opt_num(p.heading)
            .text(&p.source);
    })
    .await
    .map(|_| ())
}

/// The status of every leg, kept the first time each is seen: one statement a batch.
async fn insert_status_history(tx: &mut sqlx::SqliteConnection, flights: &[FlightLeg]) -> Result<(), WarehouseError> {
    let statement = (dsql::STATUS_HISTORY_INSERT, 8, dsql::STATUS_HISTORY_UPSERT_SQLITE);
    write_rows(tx, statement, &super::drilldown_rules::in_history_order(flights), |row, f| {
        row.text(&f.key.carrier)
            .text(&f.key.number)
            .text(&f.key.origin)
            .date(f.key.dep_local_date)
            .text(f.status.as_str())
            .text(f.source_status.as_deref().unwrap_or(""))
            .text(&f.source)
            .time(f.observed_at);
    })
    .await
    .map(|_| ())
}

super::shared::warehouse_impl! {
    warehouse: SqliteWarehouse,
    database: Sqlite,
    connection: sqlx::SqliteConnection,
    insert_ignore: "INSERT OR IGNORE INTO",
    run_upsert: sql::RUN_UPSERT_SQLITE,
    specific: {
    async fn migrate(&self) -> Result<(), WarehouseError> {
        MIGRATOR.run(&self.pool).await.map_err(err)
    }

    async fn schema_version(&self) -> Result<Option<i64>, WarehouseError> {
        let exists: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
                .fetch_one(&self.pool)
                .await
                .map_err(err)?;
        if exists == 0 {
            return Ok(None);
        }
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(err)
    }


    fn leader_lock(&self) -> Box<dyn super::LeaderLock> {
        let mut name = self.path.clone().into_os_string();
        name.push(".leader.lock");
        Box::new(super::FileLeaderLock::new(name.into()))
    }

    fn describe(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }
    }
}
