//! Warehouse loading: multi-row upserts of realistic flight rows (from the demo world's
//! timetable, every field filled the way the cleaner fills it), in batches of 5,000, one
//! transaction per batch. Targets (issue 18, item 10): ≥ 300,000 rows/s into SQLite, ≥ 100,000
//! rows/s into MariaDB.
//!
//! MariaDB: SKYBOARD_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306); the bench creates
//! and drops its own database.

mod support;

use chrono::Duration;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pipeline::demo::DemoWorld;
use pipeline::reference::Reference;
use pipeline::warehouse::Warehouse;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;
use support::{BATCH, batch};

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
    support::on_sqlite(|rt, w| bench_backend(c, "sqlite", rt, w));
}

fn mariadb(c: &mut Criterion) {
    support::on_mariadb("load", |rt, w| bench_backend(c, "mariadb", rt, w));
}

criterion_group!(benches, sqlite, mariadb);
criterion_main!(benches);
