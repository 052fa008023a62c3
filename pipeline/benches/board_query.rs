//! The board's warehouse query with 1,000,000 flights in the warehouse: a departures and an
//! arrivals board of FRA (up to 200 rows each) around noon of a day in the middle of the data.
//! Target: under 10 ms in SQLite and in MariaDB.
//!
//! MariaDB: SKYBOARD_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306); the bench creates
//! and drops its own database. Filling it takes a minute.

mod support;

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use pipeline::demo::DemoWorld;
use pipeline::model::BoardKind;
use pipeline::reference::Reference;
use pipeline::warehouse::{BoardWindow, Table, Warehouse};
use support::{BATCH, batch};

const FLIGHTS: usize = 1_000_000;

/// Fills `warehouse` with `FLIGHTS` legs from 2020-01-01 on; returns the noon of the middle day.
fn fill(rt: &tokio::runtime::Runtime, warehouse: &dyn Warehouse) -> chrono::DateTime<Utc> {
    let world = DemoWorld::embedded(42);
    rt.block_on(warehouse.migrate()).unwrap();
    rt.block_on(warehouse.seed_reference(Reference::embedded())).unwrap();
    let per_day = world.services().len();
    let days_per_batch = (BATCH / per_day) as i64 + 1;
    let have = rt.block_on(warehouse.count(Table::Flights)).unwrap() as usize;
    let mut day = 0;
    let mut loaded = have;
    while loaded < FLIGHTS {
        let data = batch(&world, day, 0);
        loaded += data.flights.len();
        rt.block_on(warehouse.load(&data)).unwrap();
        day += days_per_batch;
    }
    let days = (FLIGHTS / per_day) as i64;
    let middle = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(days / 2);
    Utc.from_utc_datetime(&middle.and_hms_opt(12, 0, 0).unwrap())
}

fn bench_backend(c: &mut Criterion, name: &str, rt: &tokio::runtime::Runtime, warehouse: &dyn Warehouse) {
    let noon = fill(rt, warehouse);
    let flights = rt.block_on(warehouse.count(Table::Flights)).unwrap();
    assert!(flights >= FLIGHTS as i64, "{flights} flights");
    let window = BoardWindow::around(noon);
    let rows = rt.block_on(warehouse.board("FRA", BoardKind::Departures, window)).unwrap().unwrap().rows.len();
    assert!(rows >= 100, "a busy board: {rows} rows");
    let mut group = c.benchmark_group(format!("board_query_1m/{name}"));
    for kind in [BoardKind::Departures, BoardKind::Arrivals] {
        group.bench_function(format!("{kind:?}").to_lowercase(), |b| {
            b.iter(|| rt.block_on(warehouse.board("FRA", kind, window)).unwrap().unwrap())
        });
    }
    group.finish();
}

fn sqlite(c: &mut Criterion) {
    support::on_sqlite(|rt, w| bench_backend(c, "sqlite", rt, w));
}

fn mariadb(c: &mut Criterion) {
    support::on_mariadb("board", |rt, w| bench_backend(c, "mariadb", rt, w));
}

criterion_group!(benches, sqlite, mariadb);
criterion_main!(benches);
