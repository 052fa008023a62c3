//! The board and map queries with 10,000,000 rows of position history (half a day of the whole
//! world's positions; a week's retention keeps some 140 million): the same queries first on an
//! empty history, then on the full one. Targets: board ≤ 5 ms, map ≤ 30 ms. SQLite.
//!
//! The warehouse holds the demo world's legs for eleven days around the measured noon, the
//! aircraft flying at that noon topped up to 12,000 as the latest positions, and the history generated in one
//! transaction by `INSERT … SELECT` over a recursive CTE (the observed-time index built after).

mod support;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use pipeline::demo::{DemoWorld, aircraft_at};
use pipeline::model::{BoardKind, Position};
use pipeline::reference::Reference;
use pipeline::warehouse::{BoardWindow, LoadBatch, SqliteWarehouse, Table, Warehouse};

const HISTORY: i64 = 10_000_000;
/// Latest positions on the map: the whole world's (10,000–15,000 aircraft).
const WORLD_AIRCRAFT: i64 = 12_000;

fn noon() -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(30);
    Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).unwrap())
}

/// Legs of days 25…35 (the noon is on day 30) and the aircraft in the sky at noon.
fn fill(rt: &tokio::runtime::Runtime, w: &SqliteWarehouse) -> usize {
    let world = DemoWorld::embedded(42);
    rt.block_on(w.migrate()).unwrap();
    rt.block_on(w.seed_reference(Reference::embedded())).unwrap();
    let per_day = world.services().len().max(1);
    let mut day = 25;
    while day <= 35 {
        rt.block_on(w.load(&support::batch(&world, day, 0))).unwrap();
        day += (support::BATCH / per_day).max(1) as i64;
    }
    let now = noon();
    let positions: Vec<Position> = aircraft_at(&world, now)
        .into_iter()
        .map(|a| Position {
            icao24: a.progress.identity.icao24.clone(),
            callsign: None,
            flight_iata: Some(format!("{}{}", a.flight.service.carrier, a.flight.service.number)),
            registration: a.progress.identity.registration.clone(),
            aircraft_type: None,
            origin: Some(a.flight.service.origin.clone()),
            destination: Some(a.flight.service.destination.clone()),
            lat: a.lat,
            lon: a.lon,
            altitude_m: a.fix.as_ref().map(|_| 11_000.0),
            ground_speed_kmh: Some(820.0),
            heading: Some(90.0),
            vertical_rate_ms: None,
            on_ground: Some(a.fix.is_none()),
            squawk: None,
            source: "opensky".into(),
            observed_at: now - Duration::seconds(30),
            lake_key: "raw/opensky/states-all/bench.json.gz".into(),
        })
        .collect();
    rt.block_on(w.load(&LoadBatch { positions, ..LoadBatch::default() })).unwrap();
    // The demo sky is Europe's (some 500 aircraft): topped up to the world's, each flying a
    // flight number of the warehouse's legs (so the map's leg lookup finds something).
    let have = rt.block_on(w.count(Table::Positions)).unwrap();
    let sql = format!(
        "INSERT OR IGNORE INTO positions
           (icao24, callsign, lat, lon, altitude_m, ground_speed_kmh, heading, source, observed_at, lake_key, flight_iata)
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {extra}),
           d AS (SELECT designator, ROW_NUMBER() OVER (ORDER BY designator) - 1 AS k
                 FROM (SELECT DISTINCT designator FROM flights WHERE dep_local_date = '{day}'))
         SELECT printf('a%05x', n.i), NULL, -60.0 + (n.i % 120), -180.0 + (n.i % 360), 11000.0, 820.0, 90.0,
                'opensky', strftime('%Y-%m-%dT%H:%M:%S+00:00', '{now}', '-' || (n.i % 600) || ' seconds'),
                'raw/opensky/states-all/bench.json.gz', d.designator
         FROM n JOIN d ON d.k = n.i % (SELECT COUNT(*) FROM d)",
        extra = WORLD_AIRCRAFT - have - 1,
        day = now.date_naive(),
        now = now.format("%Y-%m-%d %H:%M:%S"),
    );
    rt.block_on(sqlx::query(sqlx::AssertSqlSafe(sql)).execute(w.pool())).unwrap();
    rt.block_on(w.count(Table::Positions)).unwrap() as usize
}

/// `HISTORY` rows: every aircraft of `positions`, a fix a minute going back from noon.
fn fill_history(rt: &tokio::runtime::Runtime, w: &SqliteWarehouse, aircraft: usize) {
    let started = std::time::Instant::now();
    let aircraft = aircraft.max(1) as i64;
    let fixes = (HISTORY + aircraft - 1) / aircraft;
    let sql = format!(
        "INSERT OR IGNORE INTO position_history
           (icao24, observed_at, lat, lon, altitude_m, ground_speed_kmh, heading, source)
         WITH RECURSIVE fix(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM fix WHERE n < {fixes})
         SELECT p.icao24, strftime('%Y-%m-%dT%H:%M:%S+00:00', '{now}', '-' || (fix.n * 60) || ' seconds'),
                p.lat - fix.n * 0.001, p.lon, 11000.0, 820.0, 90.0, 'opensky'
         FROM positions p CROSS JOIN fix ORDER BY p.icao24, fix.n DESC LIMIT {HISTORY}",
        now = noon().format("%Y-%m-%d %H:%M:%S"),
    );
    rt.block_on(async {
        let mut tx = w.pool().begin().await.unwrap();
        sqlx::query("DROP INDEX position_history_observed").execute(&mut *tx).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await.unwrap();
        sqlx::query("CREATE INDEX position_history_observed ON position_history (observed_at)")
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        sqlx::query("ANALYZE").execute(w.pool()).await.unwrap();
    });
    let rows = rt.block_on(w.count(Table::PositionHistory)).unwrap();
    eprintln!("position_history: {rows} rows generated in {:.1}s", started.elapsed().as_secs_f64());
    assert!(rows >= HISTORY, "{rows} history rows");
}

fn bench_queries(c: &mut Criterion, group: &str, rt: &tokio::runtime::Runtime, w: &SqliteWarehouse) {
    let now = noon();
    let window = BoardWindow::around(now);
    let mut g = c.benchmark_group(group);
    g.sample_size(30);
    for kind in [BoardKind::Departures, BoardKind::Arrivals] {
        g.bench_function(format!("board_{kind:?}").to_lowercase(), |b| {
            b.iter(|| rt.block_on(w.board("FRA", kind, window)).unwrap().unwrap())
        });
    }
    g.bench_function("map", |b| b.iter(|| rt.block_on(w.map_positions(now, Duration::minutes(15))).unwrap()));
    let icao24 = rt.block_on(w.export_positions()).unwrap().first().map(|p| p.icao24.clone()).unwrap_or_default();
    g.bench_function("trail_2h", |b| {
        b.iter(|| rt.block_on(w.position_trail(&icao24, now - Duration::hours(2))).unwrap())
    });
    g.finish();
}

fn sqlite(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let w = rt.block_on(SqliteWarehouse::open(&dir.path().join("bench.sqlite"))).unwrap();
    let aircraft = fill(&rt, &w);
    let rows = rt.block_on(w.board("FRA", BoardKind::Departures, BoardWindow::around(noon()))).unwrap().unwrap();
    let map = rt.block_on(w.map_positions(noon(), Duration::minutes(15))).unwrap();
    eprintln!("{aircraft} aircraft in the sky, {} on the map, {} rows on the FRA board", map.len(), rows.rows.len());
    assert!(rows.rows.len() >= 100 && map.len() as i64 >= WORLD_AIRCRAFT, "a busy board and map");
    bench_queries(c, "history_queries/sqlite/empty_history", &rt, &w);
    fill_history(&rt, &w, aircraft);
    bench_queries(c, "history_queries/sqlite/10m_history", &rt, &w);
}

criterion_group!(benches, sqlite);
criterion_main!(benches);
