//! `Pipeline::ingest_and_clean` (what `skyboard ingest-file` runs) files a response and drains
//! staging, handing the records it just staged to the cleaner in memory when they are next in
//! line. The hand-over is an optimisation of the one load path, not a second path: it must leave
//! the warehouse (runs and rejects included) and the cleaner's checkpoint exactly as filing the
//! response and draining staging would, also when older staged records are still waiting.

mod support;

use chrono::{DateTime, Duration, Utc};
use pipeline::clock::{Clock, SharedClock};
use pipeline::demo::airlabs_flights_dump;
use pipeline::model::{RawResponse, Source, fetch_time};
use pipeline::reference::Reference;
use pipeline::runner::{CLEANER, Pipeline, PipelineSettings};
use sqlx::{Connection, SqliteConnection};
use std::path::Path;
use support::sqlite_compare::{columns, count, difference};

fn flights(seed: u64, at: DateTime<Utc>) -> RawResponse {
    RawResponse {
        source: Source::Airlabs,
        endpoint: "flights".into(),
        url: format!("file:///dumps/flights-{seed}.json"),
        http_status: 200,
        fetched_at: fetch_time(at),
        body: airlabs_flights_dump(2_000, seed, at.timestamp()).into_bytes(),
    }
}

async fn pipeline_in(dir: &Path, clock: SharedClock) -> Pipeline {
    let (stores, _) = support::embedded_stores(dir).await;
    stores.lake.prepare().await.unwrap();
    let p = Pipeline::new(stores, None, Reference::embedded(), clock, PipelineSettings::default());
    p.prepare().await.unwrap();
    p
}

/// Both warehouses hold the same positions, history and rejections.
async fn assert_same_warehouse(a: &Path, b: &Path) {
    let mut conn =
        SqliteConnection::connect(&format!("sqlite://{}", a.join("warehouse.sqlite").display())).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("ATTACH DATABASE '{}' AS b", b.join("warehouse.sqlite").display())))
        .execute(&mut conn)
        .await
        .unwrap();
    assert!(count(&mut conn, "main.positions").await > 1_000);
    for table in ["positions", "position_history"] {
        let cols = columns(&mut conn, table).await;
        assert_eq!(difference(&mut conn, table, &cols).await, 0, "{table} differs");
    }
    let rejects = "source, endpoint, lake_key, ordinal, natural_key, reason";
    assert!(count(&mut conn, "main.rejects").await > 10, "the dump carries bad records");
    assert_eq!(difference(&mut conn, "rejects", rejects).await, 0, "rejects differ");
    let runs =
        "started_at, finished_at, source, endpoint, stage, lake_key, records, rejects, loaded, ok, error, run_key";
    assert_eq!(count(&mut conn, "main.pipeline_runs").await, 2, "one run row per response");
    assert_eq!(difference(&mut conn, "pipeline_runs", runs).await, 0, "runs differ");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loading_from_memory_gives_what_draining_staging_gives() {
    let clock = support::fixed_clock();
    let shared: SharedClock = clock.clone();
    let t0 = clock.now();
    // Two answers a minute apart: mostly the same aircraft, moved on.
    let first = flights(3, t0);
    let second = flights(3, t0 + Duration::minutes(1));
    let (fast_dir, slow_dir, waiting_dir) =
        (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());

    // From memory, answer by answer.
    let fast = pipeline_in(fast_dir.path(), shared.clone()).await;
    for raw in [&first, &second] {
        let (outcome, report) = fast.ingest_and_clean(raw, clock.now()).await;
        assert!(outcome.failure.is_none() && report.store_errors.is_empty(), "{report:?}");
        assert_eq!(outcome.records, 2_000);
        assert_eq!(report.records_cleaned + report.rejects, 2_000, "every record loaded or rejected once");
    }
    let staging = &fast.stores().staging;
    assert_eq!(staging.count().await.unwrap(), 4_002, "2 × 2,000 records and each response's entry");
    let last = staging.read_after(0, 10_000).await.unwrap().last().unwrap().seq;
    assert_eq!(staging.checkpoint(CLEANER).await.unwrap(), last, "the checkpoint moved past both answers");

    // Filed, then drained from staging.
    let slow = pipeline_in(slow_dir.path(), shared.clone()).await;
    for raw in [&first, &second] {
        slow.ingest(raw, clock.now()).await;
        let report = slow.clean_staged().await;
        assert!(report.store_errors.is_empty());
    }
    assert_same_warehouse(fast_dir.path(), slow_dir.path()).await;

    // The first answer is filed but not cleaned when the second comes: the second must not
    // jump the queue, and both end up loaded, the newer positions winning.
    let waiting = pipeline_in(waiting_dir.path(), shared.clone()).await;
    waiting.ingest(&first, clock.now()).await;
    let (_, report) = waiting.ingest_and_clean(&second, clock.now()).await;
    assert_eq!(report.records_cleaned + report.rejects, 4_000, "both answers, each once");
    let staging = &waiting.stores().staging;
    assert_eq!(staging.checkpoint(CLEANER).await.unwrap(), last);
    assert_same_warehouse(waiting_dir.path(), slow_dir.path()).await;

    // The same answer again: nothing new is staged, nothing changes.
    let (outcome, report) = fast.ingest_and_clean(&second, clock.now()).await;
    assert_eq!((outcome.records, report.records_cleaned), (2_000, 0));
    assert_eq!(fast.stores().staging.count().await.unwrap(), 4_002);
    assert_same_warehouse(fast_dir.path(), slow_dir.path()).await;
}
