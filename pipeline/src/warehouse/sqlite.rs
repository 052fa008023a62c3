use super::{BoardWindow, LoadBatch, LoadStats, Table, Warehouse, WarehouseError};
use crate::model::{Airport, Board, BoardKind, BoardRow, DataFreshness, FlightStatus};
use crate::reference::Reference;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite};
use std::path::{Path, PathBuf};

const BACKEND: &str = "sqlite";
/// Rows per multi-row statement (23 bound values a flight row; SQLite allows 32,766).
const CHUNK: usize = 1000;

fn err(e: impl std::fmt::Display) -> WarehouseError {
    WarehouseError {
        backend: BACKEND,
        message: e.to_string(),
    }
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
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(err)?;
        Ok(Self {
            pool,
            path: path.to_path_buf(),
        })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait]
impl Warehouse for SqliteWarehouse {
    async fn migrate(&self) -> Result<(), WarehouseError> {
        sqlx::migrate!("../migrations/sqlite")
            .run(&self.pool)
            .await
            .map_err(err)
    }

    async fn seed_reference(&self, reference: &Reference) -> Result<(), WarehouseError> {
        let airports: Vec<&Airport> = reference.airports().collect();
        let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM airports")
            .fetch_one(&self.pool)
            .await
            .map_err(err)?;
        if have as usize >= airports.len() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await.map_err(err)?;
        for chunk in airports.chunks(CHUNK) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO airports (iata, icao, name, city, country, lat, lon, tz, elevation_ft) ",
            );
            qb.push_values(chunk, |mut b, a| {
                b.push_bind(&a.iata)
                    .push_bind(&a.icao)
                    .push_bind(&a.name)
                    .push_bind(&a.city)
                    .push_bind(&a.country)
                    .push_bind(a.lat)
                    .push_bind(a.lon)
                    .push_bind(a.tz.name())
                    .push_bind(a.elevation_ft);
            });
            qb.push(
                " ON CONFLICT(iata) DO UPDATE SET icao = excluded.icao, name = excluded.name, city = excluded.city,
                  country = excluded.country, lat = excluded.lat, lon = excluded.lon, tz = excluded.tz,
                  elevation_ft = excluded.elevation_ft",
            );
            qb.build().execute(&mut *tx).await.map_err(err)?;
        }
        let airlines: Vec<_> = reference.airlines().collect();
        for chunk in airlines.chunks(CHUNK) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO airlines (iata, icao, name, callsign, country, active) ",
            );
            qb.push_values(chunk, |mut b, a| {
                b.push_bind(&a.iata)
                    .push_bind(&a.icao)
                    .push_bind(&a.name)
                    .push_bind(&a.callsign)
                    .push_bind(&a.country)
                    .push_bind(a.active);
            });
            qb.push(
                " ON CONFLICT(iata) DO UPDATE SET icao = excluded.icao, name = excluded.name,
                  callsign = excluded.callsign, country = excluded.country, active = excluded.active",
            );
            qb.build().execute(&mut *tx).await.map_err(err)?;
        }
        tx.commit().await.map_err(err)
    }

    async fn load(&self, batch: &LoadBatch) -> Result<LoadStats, WarehouseError> {
        let mut stats = LoadStats::default();
        let mut tx = self.pool.begin().await.map_err(err)?;
        for chunk in batch.flights.chunks(CHUNK) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO flights (carrier, flight_number, origin, dep_local_date, destination,
                   sched_dep_utc, est_dep_utc, act_dep_utc, sched_arr_utc, est_arr_utc, act_arr_utc,
                   dep_terminal, dep_gate, arr_terminal, arr_gate, status, source_status,
                   aircraft_type, registration, source, observed_at, lake_key) ",
            );
            qb.push_values(chunk, |mut b, f| {
                b.push_bind(&f.key.carrier)
                    .push_bind(&f.key.number)
                    .push_bind(&f.key.origin)
                    .push_bind(f.key.dep_local_date)
                    .push_bind(&f.destination)
                    .push_bind(f.sched_dep)
                    .push_bind(f.est_dep)
                    .push_bind(f.act_dep)
                    .push_bind(f.sched_arr)
                    .push_bind(f.est_arr)
                    .push_bind(f.act_arr)
                    .push_bind(&f.dep_terminal)
                    .push_bind(&f.dep_gate)
                    .push_bind(&f.arr_terminal)
                    .push_bind(&f.arr_gate)
                    .push_bind(f.status.as_str())
                    .push_bind(&f.source_status)
                    .push_bind(&f.aircraft_type)
                    .push_bind(&f.registration)
                    .push_bind(&f.source)
                    .push_bind(f.observed_at)
                    .push_bind(&f.lake_key);
            });
            // Newer observations win field by field; an older one (a replay) changes nothing.
            qb.push(
                " ON CONFLICT(carrier, flight_number, origin, dep_local_date) DO UPDATE SET
                    destination = excluded.destination,
                    sched_dep_utc = excluded.sched_dep_utc,
                    est_dep_utc = COALESCE(excluded.est_dep_utc, flights.est_dep_utc),
                    act_dep_utc = COALESCE(excluded.act_dep_utc, flights.act_dep_utc),
                    sched_arr_utc = COALESCE(excluded.sched_arr_utc, flights.sched_arr_utc),
                    est_arr_utc = COALESCE(excluded.est_arr_utc, flights.est_arr_utc),
                    act_arr_utc = COALESCE(excluded.act_arr_utc, flights.act_arr_utc),
                    dep_terminal = COALESCE(excluded.dep_terminal, flights.dep_terminal),
                    dep_gate = COALESCE(excluded.dep_gate, flights.dep_gate),
                    arr_terminal = COALESCE(excluded.arr_terminal, flights.arr_terminal),
                    arr_gate = COALESCE(excluded.arr_gate, flights.arr_gate),
                    status = excluded.status,
                    source_status = COALESCE(excluded.source_status, flights.source_status),
                    aircraft_type = COALESCE(excluded.aircraft_type, flights.aircraft_type),
                    registration = COALESCE(excluded.registration, flights.registration),
                    source = excluded.source,
                    observed_at = excluded.observed_at,
                    lake_key = excluded.lake_key
                  WHERE excluded.observed_at >= flights.observed_at",
            );
            stats.flights_written += qb
                .build()
                .execute(&mut *tx)
                .await
                .map_err(err)?
                .rows_affected();
        }
        for chunk in batch.rejects.chunks(CHUNK) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT OR IGNORE INTO rejects (source, endpoint, lake_key, ordinal, natural_key, reason, rejected_at) ",
            );
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(&r.source)
                    .push_bind(&r.endpoint)
                    .push_bind(&r.lake_key)
                    .push_bind(r.ordinal)
                    .push_bind(&r.natural_key)
                    .push_bind(&r.reason)
                    .push_bind(r.rejected_at);
            });
            stats.rejects_written += qb
                .build()
                .execute(&mut *tx)
                .await
                .map_err(err)?
                .rows_affected();
        }
        for chunk in batch.runs.chunks(CHUNK) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO pipeline_runs (started_at, finished_at, source, endpoint, stage, lake_key,
                   records, rejects, loaded, ok, error) ",
            );
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.started_at)
                    .push_bind(r.finished_at)
                    .push_bind(&r.source)
                    .push_bind(&r.endpoint)
                    .push_bind(&r.stage)
                    .push_bind(&r.lake_key)
                    .push_bind(r.records)
                    .push_bind(r.rejects)
                    .push_bind(r.loaded)
                    .push_bind(r.error.is_none())
                    .push_bind(&r.error);
            });
            qb.build().execute(&mut *tx).await.map_err(err)?;
        }
        tx.commit().await.map_err(err)?;
        Ok(stats)
    }

    async fn airport(&self, iata: &str) -> Result<Option<Airport>, WarehouseError> {
        let row = sqlx::query("SELECT iata, icao, name, city, country, lat, lon, tz, elevation_ft FROM airports WHERE iata = ?")
            .bind(iata)
            .fetch_optional(&self.pool)
            .await
            .map_err(err)?;
        row.map(|r| airport_from_row(&r)).transpose()
    }

    async fn board(
        &self,
        airport: &str,
        kind: BoardKind,
        w: BoardWindow,
    ) -> Result<Option<Board>, WarehouseError> {
        let Some(ap) = self.airport(airport).await? else {
            return Ok(None);
        };
        let sql = match kind {
            BoardKind::Departures => {
                "SELECT f.carrier, f.flight_number, f.destination AS other, a.city AS other_city,
                        f.sched_dep_utc AS scheduled, f.est_dep_utc AS estimated, f.act_dep_utc AS actual,
                        f.dep_terminal AS terminal, f.dep_gate AS gate, f.status
                 FROM flights f LEFT JOIN airports a ON a.iata = f.destination
                 WHERE f.origin = ?1 AND f.sched_dep_utc >= ?2 AND f.sched_dep_utc < ?3
                   AND (f.act_dep_utc IS NULL OR f.act_dep_utc >= ?4)
                   AND NOT (f.status = 'cancelled' AND f.sched_dep_utc < ?4)
                 ORDER BY f.sched_dep_utc, f.carrier, f.flight_number
                 LIMIT ?5"
            }
            BoardKind::Arrivals => {
                "SELECT f.carrier, f.flight_number, f.origin AS other, a.city AS other_city,
                        f.sched_arr_utc AS scheduled, f.est_arr_utc AS estimated, f.act_arr_utc AS actual,
                        f.arr_terminal AS terminal, f.arr_gate AS gate, f.status
                 FROM flights f LEFT JOIN airports a ON a.iata = f.origin
                 WHERE f.destination = ?1 AND f.sched_arr_utc >= ?2 AND f.sched_arr_utc < ?3
                   AND (f.act_arr_utc IS NULL OR f.act_arr_utc >= ?4)
                   AND NOT (f.status = 'cancelled' AND f.sched_arr_utc < ?4)
                 ORDER BY f.sched_arr_utc, f.carrier, f.flight_number
                 LIMIT ?5"
            }
        };
        let rows = sqlx::query(sql)
            .bind(airport)
            .bind(w.now - w.lookback)
            .bind(w.now + w.ahead)
            .bind(w.now - w.linger)
            .bind(w.limit as i64)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        let rows = rows
            .iter()
            .map(board_row_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(Board {
            airport: ap,
            kind,
            rows,
        }))
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
            newest_observation: row
                .try_get::<Option<DateTime<Utc>>, _>("newest")
                .map_err(err)?,
        })
    }

    async fn count(&self, table: Table) -> Result<i64, WarehouseError> {
        let sql = match table {
            Table::Airports => "SELECT COUNT(*) FROM airports",
            Table::Airlines => "SELECT COUNT(*) FROM airlines",
            Table::Flights => "SELECT COUNT(*) FROM flights",
            Table::PipelineRuns => "SELECT COUNT(*) FROM pipeline_runs",
            Table::Rejects => "SELECT COUNT(*) FROM rejects",
        };
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .map_err(err)
    }

    fn describe(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }
}

fn airport_from_row(r: &SqliteRow) -> Result<Airport, WarehouseError> {
    let tz: String = r.try_get("tz").map_err(err)?;
    Ok(Airport {
        iata: r.try_get("iata").map_err(err)?,
        icao: r.try_get("icao").map_err(err)?,
        name: r.try_get("name").map_err(err)?,
        city: r.try_get("city").map_err(err)?,
        country: r.try_get("country").map_err(err)?,
        lat: r.try_get("lat").map_err(err)?,
        lon: r.try_get("lon").map_err(err)?,
        tz: tz
            .parse()
            .map_err(|_| err(format!("unknown time zone {tz:?}")))?,
        elevation_ft: r.try_get("elevation_ft").map_err(err)?,
    })
}

fn board_row_from_row(r: &SqliteRow) -> Result<BoardRow, WarehouseError> {
    let status: String = r.try_get("status").map_err(err)?;
    Ok(BoardRow {
        carrier: r.try_get("carrier").map_err(err)?,
        number: r.try_get("flight_number").map_err(err)?,
        other_airport: r.try_get("other").map_err(err)?,
        other_city: r.try_get("other_city").map_err(err)?,
        scheduled: r.try_get("scheduled").map_err(err)?,
        estimated: r.try_get("estimated").map_err(err)?,
        actual: r.try_get("actual").map_err(err)?,
        terminal: r.try_get("terminal").map_err(err)?,
        gate: r.try_get("gate").map_err(err)?,
        status: FlightStatus::parse(&status),
    })
}
