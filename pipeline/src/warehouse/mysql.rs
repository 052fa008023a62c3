use super::drilldown_sql::{self as dsql, mysql::FIND_FLIGHTS};
use super::map_legs::{CandidateLeg, CandidateLegs, CandidateWindow, not_on_the_map};
use super::prune::mysql as prune_sql;
use super::sql::{
    self, bind_airline, bind_airport, bind_board_window, bind_codeshare, bind_flight, bind_history, bind_position,
    bind_reject, bind_run, decode_airline, decode_airport, decode_board_row, decode_flight, decode_position,
};
use super::{BoardWindow, LoadBatch, LoadStats, Table, Warehouse, WarehouseError};
use crate::model::{Airline, Airport, Board, BoardKind, DataFreshness, FlightLeg, Position};
use crate::reference::Reference;
use chrono::{DateTime, Utc};
use sqlx::migrate::MigrateDatabase;
use sqlx::mysql::{MySql, MySqlConnectOptions, MySqlPool, MySqlPoolOptions};
use sqlx::{ConnectOptions, QueryBuilder, Row};
use std::str::FromStr;
use std::sync::LazyLock;

const BACKEND: &str = "mysql";
/// Rows per multi-row statement (22 placeholders a flight row; MySQL allows 65,535).
const CHUNK: usize = 2000;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/mysql");
static FLIGHT_UPSERT: LazyLock<String> = LazyLock::new(sql::flight_upsert_mysql);
static POSITION_UPSERT: LazyLock<String> = LazyLock::new(sql::position_upsert_mysql);

const AIRPORT_UPSERT: &str = " ON DUPLICATE KEY UPDATE iata = COALESCE(VALUES(iata), iata), icao = COALESCE(VALUES(icao), icao), name = VALUES(name),
  city = COALESCE(VALUES(city), city), country = VALUES(country), lat = VALUES(lat), lon = VALUES(lon),
  tz = VALUES(tz), elevation_ft = COALESCE(VALUES(elevation_ft), elevation_ft)";
const AIRLINE_UPSERT: &str = " ON DUPLICATE KEY UPDATE iata = COALESCE(VALUES(iata), iata), icao = COALESCE(VALUES(icao), icao), name = VALUES(name),
  callsign = COALESCE(VALUES(callsign), callsign), country = COALESCE(VALUES(country), country), active = VALUES(active)";

const COUNTRY_UPSERT: &str = " ON DUPLICATE KEY UPDATE name = VALUES(name)";
const CITY_UPSERT: &str = " ON DUPLICATE KEY UPDATE name = VALUES(name), country = COALESCE(VALUES(country), country)";
const AIRCRAFT_UPSERT: &str = " ON DUPLICATE KEY UPDATE icao = COALESCE(VALUES(icao), icao), name = VALUES(name)";

fn err(e: impl std::fmt::Display) -> WarehouseError {
    WarehouseError { backend: BACKEND, message: e.to_string() }
}

/// The production warehouse on MySQL 8 or MariaDB.
#[derive(Debug, Clone)]
pub struct MySqlWarehouse {
    pool: MySqlPool,
    shown: String,
}

/// `mysql://user:secret@host/db` → `mysql://user@host/db`.
pub fn redact_db_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => "<unparseable database url>".into(),
    }
}

impl MySqlWarehouse {
    /// Connects, creating the database if it does not exist yet (and the user may).
    pub async fn connect(url: &str) -> Result<Self, WarehouseError> {
        crate::tls::install_crypto_provider();
        let url = url.replacen("mariadb://", "mysql://", 1);
        let shown = redact_db_url(&url);
        let scrub = |e: sqlx::Error| err(e.to_string().replace(&url, &shown));
        if !MySql::database_exists(&url).await.map_err(scrub)? {
            MySql::create_database(&url).await.map_err(scrub)?;
        }
        let options = MySqlConnectOptions::from_str(&url)
            .map_err(scrub)?
            .charset("utf8mb4")
            .log_statements(tracing::log::LevelFilter::Trace);
        let pool = MySqlPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect_with(options)
            .await
            .map_err(scrub)?;
        Ok(Self { pool, shown })
    }

    pub fn pool(&self) -> &MySqlPool {
        &self.pool
    }

    /// Drops the whole database (tests clean up after themselves with this).
    pub async fn drop_database(url: &str) -> Result<(), WarehouseError> {
        let url = url.replacen("mariadb://", "mysql://", 1);
        if MySql::database_exists(&url).await.map_err(err)? {
            MySql::drop_database(&url).await.map_err(err)?;
        }
        Ok(())
    }
}
/// The map's two reads in the caller's transaction: the latest positions observed at or after
/// `since`, and the candidate legs of their flight numbers (`map_legs`). Columns by position, in
/// `MAP_LATEST`'s order: a name lookup per value would cost more than the decode.
async fn map_reads(
    tx: &mut sqlx::MySqlConnection,
    since: DateTime<Utc>,
    err: fn(String) -> WarehouseError,
) -> Result<(Vec<Position>, CandidateLegs), WarehouseError> {
    use crate::model::text::CleanText;
    use futures_util::TryStreamExt;
    let fail = |e: sqlx::Error| err(e.to_string());
    // Decoded as they arrive: 20,000 rows held at once cost more in memory traffic than decoding.
    let mut positions = Vec::new();
    let mut rows = sqlx::query(dsql::MAP_LATEST).bind(since).fetch(&mut *tx);
    while let Some(r) = rows.try_next().await.map_err(fail)? {
        positions.push(Position {
            icao24: r.try_get(0).map_err(fail)?,
            callsign: r.try_get::<Option<String>, _>(1).map_err(fail)?.cleaned(),
            flight_iata: r.try_get::<Option<String>, _>(2).map_err(fail)?.cleaned(),
            origin: r.try_get::<Option<String>, _>(3).map_err(fail)?.cleaned(),
            destination: r.try_get::<Option<String>, _>(4).map_err(fail)?.cleaned(),
            lat: r.try_get(5).map_err(fail)?,
            lon: r.try_get(6).map_err(fail)?,
            altitude_m: r.try_get(7).map_err(fail)?,
            ground_speed_kmh: r.try_get(8).map_err(fail)?,
            heading: r.try_get(9).map_err(fail)?,
            on_ground: r.try_get(10).map_err(fail)?,
            source: r.try_get::<String, _>(11).map_err(fail)?.cleaned(),
            observed_at: r.try_get(12).map_err(fail)?,
            ..not_on_the_map()
        });
    }
    drop(rows);
    let mut legs = CandidateLegs::default();
    let flying = positions.iter().filter(|p| p.flight_iata.is_some()).map(|p| p.observed_at);
    if let Some(window) = CandidateWindow::around(flying) {
        let designators: foldhash::HashSet<&str> = positions.iter().filter_map(|p| p.flight_iata.as_deref()).collect();
        let mut rows = sqlx::query(dsql::MAP_LEGS)
            .bind(window.sched_from)
            .bind(window.sched_until)
            .bind(window.first_day)
            .bind(window.last_day)
            .fetch(&mut *tx);
        while let Some(r) = rows.try_next().await.map_err(fail)? {
            let designator: &str = r.try_get(0).map_err(fail)?;
            if !designators.contains(designator) {
                continue;
            }
            let status: &str = r.try_get(3).map_err(fail)?;
            let leg = CandidateLeg {
                sched_dep: r.try_get(1).map_err(fail)?,
                origin: r.try_get(2).map_err(fail)?,
                status: crate::model::FlightStatus::parse(status),
            };
            legs.add(designator.to_string(), leg);
        }
    }
    Ok((positions, legs))
}

async fn upsert_flights(tx: &mut sqlx::MySqlConnection, flights: &[FlightLeg]) -> Result<u64, WarehouseError> {
    let mut written = 0;
    for chunk in flights.chunks(CHUNK) {
        let mut qb = QueryBuilder::<MySql>::new(sql::FLIGHT_INSERT.as_str());
        qb.push_values(chunk, |mut b, f| bind_flight!(b, f));
        qb.push(FLIGHT_UPSERT.as_str());
        written += qb.build().execute(&mut *tx).await.map_err(err)?.rows_affected();
    }
    Ok(written)
}

async fn upsert_latest_positions(tx: &mut sqlx::MySqlConnection, latest: &[&Position]) -> Result<u64, WarehouseError> {
    let mut written = 0;
    for chunk in latest.chunks(CHUNK) {
        let mut qb = QueryBuilder::<MySql>::new(sql::POSITION_INSERT);
        qb.push_values(chunk, |mut b, p| bind_position!(b, p));
        qb.push(POSITION_UPSERT.as_str());
        written += qb.build().execute(&mut *tx).await.map_err(err)?.rows_affected();
    }
    Ok(written)
}

async fn insert_position_history(tx: &mut sqlx::MySqlConnection, positions: &[Position]) -> Result<(), WarehouseError> {
    for chunk in positions.chunks(CHUNK) {
        let mut qb = QueryBuilder::<MySql>::new("INSERT IGNORE INTO position_history ");
        qb.push(sql::HISTORY_COLUMNS);
        qb.push_values(chunk, |mut b, p| bind_history!(b, p));
        qb.build().execute(&mut *tx).await.map_err(err)?;
    }
    Ok(())
}

/// The status of every leg, kept the first time each is seen: one statement a chunk.
async fn insert_status_history(tx: &mut sqlx::MySqlConnection, flights: &[FlightLeg]) -> Result<(), WarehouseError> {
    let flights = super::drilldown_rules::in_history_order(flights);
    for chunk in flights.chunks(CHUNK) {
        let mut qb = QueryBuilder::<MySql>::new(dsql::STATUS_HISTORY_INSERT);
        qb.push_values(chunk, |mut b, f| {
            b.push_bind(f.key.carrier.clone())
                .push_bind(f.key.number.clone())
                .push_bind(f.key.origin.clone())
                .push_bind(f.key.dep_local_date)
                .push_bind(f.status.as_str())
                .push_bind(f.source_status.clone().unwrap_or_default())
                .push_bind(f.source.clone())
                .push_bind(f.observed_at);
        });
        qb.push(dsql::STATUS_HISTORY_UPSERT_MYSQL);
        qb.build().execute(&mut *tx).await.map_err(err)?;
    }
    Ok(())
}

super::shared::warehouse_impl! {
    warehouse: MySqlWarehouse,
    database: MySql,
    connection: sqlx::MySqlConnection,
    insert_ignore: "INSERT IGNORE INTO",
    run_upsert: sql::RUN_UPSERT_MYSQL,
    specific: {
    async fn migrate(&self) -> Result<(), WarehouseError> {
        MIGRATOR.run(&self.pool).await.map_err(err)
    }

    async fn schema_version(&self) -> Result<Option<i64>, WarehouseError> {
        let exists: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '_sqlx_migrations'",
        )
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
        Box::new(super::MySqlLeaderLock::new((*self.pool.connect_options()).clone()))
    }

    fn describe(&self) -> String {
        self.shown.clone()
    }
    }
}
