use super::sql::{
    self, bind_airline, bind_airport, bind_codeshare, bind_flight, bind_history, bind_position, bind_reject, bind_run,
    decode_airline, decode_airport, decode_board_row, decode_flight, decode_position,
};
use super::{BoardWindow, LoadBatch, LoadStats, Table, Warehouse, WarehouseError};
use crate::model::{Airline, Airport, Board, BoardKind, DataFreshness, FlightLeg, Position};
use crate::reference::Reference;
use async_trait::async_trait;
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
static FLIGHT_INSERT: LazyLock<String> = LazyLock::new(sql::flight_insert_head);
static FLIGHT_SELECT: LazyLock<String> = LazyLock::new(sql::flight_select);
static POSITION_UPSERT: LazyLock<String> = LazyLock::new(sql::position_upsert_mysql);

const AIRPORT_UPSERT: &str = " ON DUPLICATE KEY UPDATE icao = COALESCE(VALUES(icao), icao), name = VALUES(name),
  city = COALESCE(VALUES(city), city), country = VALUES(country), lat = VALUES(lat), lon = VALUES(lon),
  tz = VALUES(tz), elevation_ft = COALESCE(VALUES(elevation_ft), elevation_ft)";
const AIRLINE_UPSERT: &str = " ON DUPLICATE KEY UPDATE icao = COALESCE(VALUES(icao), icao), name = VALUES(name),
  callsign = COALESCE(VALUES(callsign), callsign), country = COALESCE(VALUES(country), country), active = VALUES(active)";

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

async fn upsert_reference(
    tx: &mut sqlx::MySqlConnection,
    airports: &[&Airport],
    airlines: &[&Airline],
) -> Result<(), WarehouseError> {
    for chunk in airports.chunks(CHUNK) {
        let mut qb = QueryBuilder::<MySql>::new(sql::AIRPORT_INSERT);
        qb.push_values(chunk, |mut b, a| bind_airport!(b, a));
        qb.push(AIRPORT_UPSERT);
        qb.build().execute(&mut *tx).await.map_err(err)?;
    }
    for chunk in airlines.chunks(CHUNK) {
        let mut qb = QueryBuilder::<MySql>::new(sql::AIRLINE_INSERT);
        qb.push_values(chunk, |mut b, a| bind_airline!(b, a));
        qb.push(AIRLINE_UPSERT);
        qb.build().execute(&mut *tx).await.map_err(err)?;
    }
    Ok(())
}

#[async_trait]
impl Warehouse for MySqlWarehouse {
    async fn migrate(&self) -> Result<(), WarehouseError> {
        MIGRATOR.run(&self.pool).await.map_err(err)
    }

    async fn seed_reference(&self, reference: &Reference) -> Result<(), WarehouseError> {
        let airports: Vec<&Airport> = reference.airports().collect();
        let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM airports").fetch_one(&self.pool).await.map_err(err)?;
        if have as usize >= airports.len() {
            return Ok(());
        }
        let airlines: Vec<&Airline> = reference.airlines().collect();
        let mut tx = self.pool.begin().await.map_err(err)?;
        upsert_reference(&mut tx, &airports, &airlines).await?;
        tx.commit().await.map_err(err)
    }

    async fn load(&self, batch: &LoadBatch) -> Result<LoadStats, WarehouseError> {
        let mut stats = LoadStats::default();
        let mut tx = self.pool.begin().await.map_err(err)?;
        let airports: Vec<&Airport> = batch.airports.iter().collect();
        let airlines: Vec<&Airline> = batch.airlines.iter().collect();
        upsert_reference(&mut tx, &airports, &airlines).await?;
        for chunk in batch.flights.chunks(CHUNK) {
            let mut qb = QueryBuilder::<MySql>::new(FLIGHT_INSERT.as_str());
            qb.push_values(chunk, |mut b, f| bind_flight!(b, f));
            qb.push(FLIGHT_UPSERT.as_str());
            stats.flights_written += qb.build().execute(&mut *tx).await.map_err(err)?.rows_affected();
        }
        // Newest first per aircraft, so one statement never carries an aircraft twice.
        let mut latest: std::collections::BTreeMap<&str, &Position> = std::collections::BTreeMap::new();
        for p in &batch.positions {
            let e = latest.entry(p.icao24.as_str()).or_insert(p);
            if p.observed_at > e.observed_at {
                *e = p;
            }
        }
        let latest: Vec<&Position> = latest.into_values().collect();
        for chunk in latest.chunks(CHUNK) {
            let mut qb = QueryBuilder::<MySql>::new(sql::POSITION_INSERT);
            qb.push_values(chunk, |mut b, p| bind_position!(b, p));
            qb.push(POSITION_UPSERT.as_str());
            stats.positions_written += qb.build().execute(&mut *tx).await.map_err(err)?.rows_affected();
        }
        for chunk in batch.positions.chunks(CHUNK) {
            let mut qb = QueryBuilder::<MySql>::new("INSERT IGNORE INTO position_history ");
            qb.push(sql::HISTORY_COLUMNS);
            qb.push_values(chunk, |mut b, p| bind_history!(b, p));
            qb.build().execute(&mut *tx).await.map_err(err)?;
        }
        for chunk in batch.codeshares.chunks(CHUNK) {
            let mut qb = QueryBuilder::<MySql>::new("INSERT IGNORE INTO flight_codeshares ");
            qb.push(sql::CODESHARE_COLUMNS);
            qb.push_values(chunk, |mut b, c| bind_codeshare!(b, c));
            qb.build().execute(&mut *tx).await.map_err(err)?;
        }
        for chunk in batch.rejects.chunks(CHUNK) {
            let mut qb = QueryBuilder::<MySql>::new("INSERT IGNORE INTO rejects ");
            qb.push(sql::REJECT_COLUMNS);
            qb.push_values(chunk, |mut b, r| bind_reject!(b, r));
            stats.rejects_written += qb.build().execute(&mut *tx).await.map_err(err)?.rows_affected();
        }
        for chunk in batch.runs.chunks(CHUNK) {
            let mut qb = QueryBuilder::<MySql>::new(sql::RUN_INSERT);
            qb.push_values(chunk, |mut b, r| bind_run!(b, r));
            qb.push(sql::RUN_UPSERT_MYSQL);
            qb.build().execute(&mut *tx).await.map_err(err)?;
        }
        tx.commit().await.map_err(err)?;
        Ok(stats)
    }

    async fn airport(&self, iata: &str) -> Result<Option<Airport>, WarehouseError> {
        let sql = format!("{} WHERE iata = ?", sql::AIRPORT_SELECT);
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(iata).fetch_optional(&self.pool).await.map_err(err)?;
        Ok(match row {
            Some(r) => Some(decode_airport!(&r, err)),
            None => None,
        })
    }

    async fn board(&self, airport: &str, kind: BoardKind, w: BoardWindow) -> Result<Option<Board>, WarehouseError> {
        let Some(ap) = self.airport(airport).await? else {
            return Ok(None);
        };
        let sql = match kind {
            BoardKind::Departures => sql::BOARD_DEPARTURES,
            BoardKind::Arrivals => sql::BOARD_ARRIVALS,
        };
        let rows = sqlx::query(sql)
            .bind(airport)
            .bind(w.now - w.lookback)
            .bind(w.now + w.ahead)
            .bind(w.now - w.linger)
            .bind(w.now - w.linger)
            .bind(i64::from(w.limit))
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(decode_board_row!(r, err));
        }
        Ok(Some(Board { airport: ap, kind, rows: out }))
    }

    async fn freshness(&self) -> Result<DataFreshness, WarehouseError> {
        let row = sqlx::query(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM pipeline_runs) AS version,
                    (SELECT MAX(observed_at) FROM flights) AS newest",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(err)?;
        Ok(DataFreshness {
            version: row.try_get("version").map_err(err)?,
            newest_observation: row.try_get::<Option<DateTime<Utc>>, _>("newest").map_err(err)?,
        })
    }

    async fn count(&self, table: Table) -> Result<i64, WarehouseError> {
        sqlx::query_scalar(table.count_sql()).fetch_one(&self.pool).await.map_err(err)
    }

    async fn export_flights(&self, airport: Option<&str>) -> Result<Vec<FlightLeg>, WarehouseError> {
        let sql = format!(
            "{} WHERE (? IS NULL OR origin = ? OR destination = ?) ORDER BY {}",
            FLIGHT_SELECT.as_str(),
            sql::FLIGHT_KEY.join(", ")
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(airport)
            .bind(airport)
            .bind(airport)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(decode_flight!(r, err));
        }
        Ok(out)
    }

    async fn export_airports(&self) -> Result<Vec<Airport>, WarehouseError> {
        let sql = format!("{} ORDER BY iata", sql::AIRPORT_SELECT);
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await.map_err(err)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(decode_airport!(r, err));
        }
        Ok(out)
    }

    async fn export_airlines(&self) -> Result<Vec<Airline>, WarehouseError> {
        let sql = format!("{} ORDER BY iata", sql::AIRLINE_SELECT);
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await.map_err(err)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(decode_airline!(r, err));
        }
        Ok(out)
    }

    async fn export_positions(&self) -> Result<Vec<Position>, WarehouseError> {
        let sql = format!("{} ORDER BY icao24", sql::POSITION_SELECT);
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await.map_err(err)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(decode_position!(r, err));
        }
        Ok(out)
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

    fn latest_schema_version(&self) -> i64 {
        MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
    }

    async fn check_writable(&self) -> Result<(), WarehouseError> {
        let mut tx = self.pool.begin().await.map_err(err)?;
        sqlx::query("INSERT INTO pipeline_runs (started_at, finished_at, source, endpoint, stage, ok) VALUES (?, ?, 'doctor', 'probe', 'probe', 1)")
            .bind(Utc::now())
            .bind(Utc::now())
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        tx.rollback().await.map_err(err)
    }

    fn describe(&self) -> String {
        self.shown.clone()
    }
}
