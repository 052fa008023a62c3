//! The pure cleaner on AirLabs `/flights`: JSON parsing of a whole 10,000-record answer and the
//! cleaning of each record. Target: ≥ 500,000 records/s.
//!
//! `typed` is the path the pipeline takes (records parsed straight into borrowing typed structs);
//! `value` goes through a `serde_json::Value` tree, the general path every other endpoint uses.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pipeline::clean::RecordContext;
use pipeline::clean::airlabs::{clean_airlabs_flights_body, split_airlabs};
use pipeline::clean::dispatch::clean_value;
use pipeline::clean::lufthansa::SplitBody;
use pipeline::reference::Reference;

// The allocator the skyboard binary uses, so the figure is what the application gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
    let body = pipeline::demo::airlabs_flights_dump(10_000, 7, now.timestamp()).into_bytes();
    let reference = Reference::embedded();
    let ctx = RecordContext {
        source: "airlabs".into(),
        endpoint: "flights".into(),
        lake_key: "raw/airlabs/flights/x.json.gz".into(),
        fetched_at: now,
    };
    let mut group = c.benchmark_group("clean_airlabs_flights");
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("typed_parse_clean_10000", |b| {
        b.iter(|| {
            let rows = clean_airlabs_flights_body(200, &body, &ctx).expect("records");
            let ok = rows.iter().filter(|r| r.is_ok()).count();
            assert!(ok > 9_000);
            ok
        })
    });
    group.bench_function("value_parse_split_clean_10000", |b| {
        b.iter(|| {
            let Ok(SplitBody::Records(records)) = split_airlabs(200, &body) else { panic!("records") };
            let ok = records.iter().filter(|r| clean_value(r, &ctx, reference).is_ok()).count();
            assert!(ok > 9_000);
            ok
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
