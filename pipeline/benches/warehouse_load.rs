//! Warehouse loading: multi-row upserts of realistic flight rows (from the demo world's
//! timetable, every field filled the way the cleaner fills it), in batches of 5,000, one
//! transaction per batch. Targets: ≥ 200,000 rows/s into SQLite, ≥ 50,000 rows/s into MariaDB.
//!
//! MariaDB: SKYBOARD_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306); the bench creates
//! and drops its own database.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pipeline::demo::{DemoWorld, progress_at};
use pipeline::model::{FlightKey, FlightLeg, FlightStatus};
use pipeline::reference::Reference;
use pipeline::warehouse::{LoadBatch, MySqlWarehouse, SqliteWarehouse, Warehouse};
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

const BATCH: usize = 5_000;

/// `BATCH` flight legs on distinct days starting at `day0`, as the cleaner would produce them.
fn batch(world: &DemoWorld, day0: i64, observed_offset_s: i64) -> LoadBatch {
    let base = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut flights = Vec::with_capacity(BATCH);
    let mut day = day0;
    'outer: loop {
        let date = base + Duration::days(day);
        for s in world.services() {
            let Some(f) = world.instance(s, date) else { continue };
            let now = f.sched_dep + Duration::minutes(30);
            let p = progress_at(world, &f, now);
            let dep = f.sched_dep + Duration::minutes(p.dep_delay);
            flights.push(FlightLeg {
                key: FlightKey { carrier: s.carrier.clone(), number: s.number.clone(), origin: s.origin.clone(), dep_local_date: date },
                destination: s.destination.clone(),
                sched_dep: f.sched_dep,
                est_dep: None,
                act_dep: p.departed.then_some(dep),
                sched_arr: Some(f.sched_arr),
                est_arr: Some(f.sched_arr + Duration::minutes(p.arr_delay)),
                act_arr: None,
                dep_terminal: Some(p.dep_terminal.clone()),
                dep_gate: Some(p.dep_gate.clone()),
                arr_terminal: Some(p.arr_terminal.clone()),
                arr_gate: None,
                status: if p.cancelled { FlightStatus::Cancelled } else { FlightStatus::Departed },
                source_status: Some("DP/DL/DL".into()),
                aircraft_type: s.aircraft.clone(),
                registration: p.identity.registration.clone(),
                source: "lufthansa".into(),
                observed_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::seconds(day * 86_400 + observed_offset_s),
                lake_key: format!("raw/lufthansa/flightstatus-departures/dt={date}/hour=10/20260101T100000.000Z-0123456789abcdef.json.gz"),
            });
            if flights.len() == BATCH {
                break 'outer;
            }
        }
        day += 1;
    }
    LoadBatch { flights, ..LoadBatch::default() }
}

fn bench_backend(c: &mut Criterion, name: &str, rt: &tokio::runtime::Runtime, warehouse: &dyn Warehouse) {
    let world = DemoWorld::embedded(42);
    rt.block_on(warehouse.migrate()).unwrap();
    rt.block_on(warehouse.seed_reference(Reference::embedded())).unwrap();
    let per_day = world.services().len() as i64;
    let days_per_batch = (BATCH as i64 / per_day) + 2;
    let next_day = AtomicI64::new(0);
    let mut group = c.benchmark_group(format!("warehouse_load/{name}"));
    group.throughput(Throughput::Elements(BATCH as u64));
    group.sample_size(10);
    // New legs: every row is an insert through the upsert statement.
    group.bench_function("insert_5000", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let day0 = next_day.fetch_add(days_per_batch, Ordering::SeqCst);
                let data = batch(&world, day0, 0);
                let start = Instant::now();
                rt.block_on(warehouse.load(&data)).unwrap();
                total += start.elapsed();
            }
            total
        })
    });
    // The same legs again with newer observations: every row is an update.
    let data = batch(&world, 0, 0);
    let newer = AtomicI64::new(1);
    group.bench_function("update_5000", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let mut fresh = data.clone();
                let bump = Duration::seconds(newer.fetch_add(1, Ordering::SeqCst));
                for f in &mut fresh.flights {
                    f.observed_at += bump;
                    f.arr_gate = Some("B12".into());
                }
                let start = Instant::now();
                rt.block_on(warehouse.load(&fresh)).unwrap();
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
}

fn sqlite(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let w = rt.block_on(SqliteWarehouse::open(&dir.path().join("bench.sqlite"))).unwrap();
    bench_backend(c, "sqlite", &rt, &w);
}

fn mariadb(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let base = std::env::var("SKYBOARD_TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
    let url = format!("{}/skyboard_bench_{}", base.trim_end_matches('/'), std::process::id());
    let w = rt.block_on(MySqlWarehouse::connect(&url)).expect("MariaDB for the benchmark (SKYBOARD_TEST_MYSQL_URL)");
    bench_backend(c, "mariadb", &rt, &w);
    rt.block_on(w.pool().close());
    rt.block_on(MySqlWarehouse::drop_database(&url)).unwrap();
}

criterion_group!(benches, sqlite, mariadb);
criterion_main!(benches);
