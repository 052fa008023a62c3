//! Realistic flight rows for the warehouse benchmarks: the demo world's timetable, day after
//! day, every field filled the way the cleaner fills it.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use pipeline::demo::{DemoWorld, progress_at};
use pipeline::model::{FlightKey, FlightLeg, FlightStatus};
use pipeline::warehouse::{LoadBatch, MySqlWarehouse, SqliteWarehouse, Warehouse};

pub const BATCH: usize = 5_000;

/// `BATCH` flight legs on distinct days starting at `day0`, as the cleaner would produce them.
pub fn batch(world: &DemoWorld, day0: i64, observed_offset_s: i64) -> LoadBatch {
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

/// Runs `bench` on a fresh SQLite warehouse in a temporary directory.
pub fn on_sqlite(bench: impl FnOnce(&tokio::runtime::Runtime, &dyn Warehouse)) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let w = rt.block_on(SqliteWarehouse::open(&dir.path().join("bench.sqlite"))).unwrap();
    bench(&rt, &w);
}

/// Runs `bench` on a database of its own (`skyboard_bench_{tag}_{pid}`) on the MariaDB of
/// SKYBOARD_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306), dropped afterwards.
pub fn on_mariadb(tag: &str, bench: impl FnOnce(&tokio::runtime::Runtime, &dyn Warehouse)) {
    on_mariadb_warehouse(tag, |rt, w| bench(rt, w));
}

/// As [`on_mariadb`], handing over the MariaDB warehouse itself (for benches that fill tables
/// with SQL of their own).
pub fn on_mariadb_warehouse(tag: &str, bench: impl FnOnce(&tokio::runtime::Runtime, &MySqlWarehouse)) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let base = std::env::var("SKYBOARD_TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
    let url = format!("{}/skyboard_bench_{tag}_{}", base.trim_end_matches('/'), std::process::id());
    let w = rt.block_on(MySqlWarehouse::connect(&url)).expect("MariaDB for the benchmark (SKYBOARD_TEST_MYSQL_URL)");
    bench(&rt, &w);
    rt.block_on(w.pool().close());
    rt.block_on(MySqlWarehouse::drop_database(&url)).unwrap();
}
