//! Several fetch jobs stage at once while the cleaner drains all along: every staged record must
//! end in the warehouse (or in rejects), none twice, none skipped. Against the MongoDB-wire
//! server (whose stagers reserve a block of seqs, then insert: the window is widened on purpose,
//! as the test server serialises requests) and the embedded store. Twenty rounds each.

mod support;

use chrono::{DateTime, TimeZone, Utc};
use pipeline::clock::SharedClock;
use pipeline::model::{RawResponse, Source, fetch_time};
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, PipelineSettings, Stores};
use pipeline::staging::{MongoStaging, Staging};
use pipeline::warehouse::{SqliteWarehouse, Table, Warehouse};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

const STAGERS: usize = 8;
const RESPONSES_PER_STAGER: usize = 4;
const RECORDS_PER_RESPONSE: usize = 12;
const ROUNDS: usize = 20;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

/// An AirLabs `/flights` answer of aircraft no other response has (one position each).
fn response(stager: usize, n: usize) -> RawResponse {
    let records: Vec<String> = (0..RECORDS_PER_RESPONSE)
        .map(|i| {
            let hex = format!("{:06x}", 0x100000 + (stager * 1000 + n * 100 + i));
            format!(
                r#"{{"hex":"{hex}","lat":50.{i},"lng":8.{n},"updated":{},"flight_icao":"DLH{i}"}}"#,
                at().timestamp()
            )
        })
        .collect();
    RawResponse {
        source: Source::Airlabs,
        endpoint: "flights".into(),
        url: format!("https://airlabs.co/api/v9/flights?stager={stager}&n={n}"),
        http_status: 200,
        fetched_at: fetch_time(at()),
        body: format!(r#"{{"request":{{}},"response":[{}]}}"#, records.join(",")).into_bytes(),
    }
}

/// One round: eight stagers and a cleaner at once; the records cleaned, as the cleaner counted.
async fn round(staging: Arc<dyn Staging>, dir: &std::path::Path) {
    let warehouse = Arc::new(SqliteWarehouse::open(&dir.join("warehouse.sqlite")).await.unwrap());
    let stores = Stores {
        lake: Arc::new(pipeline::lake::LocalDirLake::new(dir.join("lake"))),
        staging,
        warehouse: warehouse.clone(),
    };
    stores.lake.prepare().await.unwrap();
    let clock: SharedClock = support::fixed_clock();
    let pipeline = Arc::new(Pipeline::new(stores, None, Reference::embedded(), clock, PipelineSettings::default()));
    pipeline.prepare().await.unwrap();

    let staging_done = Arc::new(AtomicBool::new(false));
    let cleaned = Arc::new(AtomicU64::new(0));
    let cleaner = {
        let (pipeline, done, cleaned) = (pipeline.clone(), staging_done.clone(), cleaned.clone());
        tokio::spawn(async move {
            loop {
                let last_round = done.load(Ordering::SeqCst);
                let report = pipeline.clean_staged().await;
                assert!(report.store_errors.is_empty(), "{:?}", report.store_errors);
                cleaned.fetch_add(report.records_cleaned + report.rejects, Ordering::SeqCst);
                if last_round {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(3)).await;
            }
        })
    };
    let stagers: Vec<_> = (0..STAGERS)
        .map(|s| {
            let pipeline = pipeline.clone();
            tokio::spawn(async move {
                for n in 0..RESPONSES_PER_STAGER {
                    let outcome = pipeline.ingest(&response(s, n), at()).await;
                    assert!(outcome.failure.is_none(), "{outcome:?}");
                    assert_eq!(outcome.records, RECORDS_PER_RESPONSE as u64);
                }
            })
        })
        .collect();
    for s in stagers {
        s.await.unwrap();
    }
    staging_done.store(true, Ordering::SeqCst);
    cleaner.await.unwrap();
    // A last drain picks up whatever is left, as the next cycle would.
    let report = pipeline.clean_staged().await;
    cleaned.fetch_add(report.records_cleaned + report.rejects, Ordering::SeqCst);

    let responses = (STAGERS * RESPONSES_PER_STAGER) as u64;
    let total = responses * RECORDS_PER_RESPONSE as u64;
    assert_eq!(pipeline.stores().staging.count().await.unwrap(), total + responses, "staged: records and entries");
    let positions = warehouse.count(Table::Positions).await.unwrap() as u64;
    let rejects = warehouse.count(Table::Rejects).await.unwrap() as u64;
    assert_eq!(positions + rejects, total, "every staged record in the warehouse or in rejects");
    assert_eq!(cleaned.load(Ordering::SeqCst), total, "each record cleaned exactly once");
    let runs = warehouse.count(Table::PipelineRuns).await.unwrap() as u64;
    assert_eq!(runs, responses, "one run row per response, none twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn mongodb_staging_never_skips_a_record_under_concurrent_stagers() {
    for _ in 0..ROUNDS {
        let db = support::unique("concurrent");
        let staging = MongoStaging::connect(&support::mongo_url(&db))
            .await
            .unwrap()
            .with_reserve_to_insert_pause(Duration::from_millis(15));
        let staging = Arc::new(staging);
        let dir = tempfile::tempdir().unwrap();
        round(staging.clone(), dir.path()).await;
        staging.drop_database().await.unwrap();
        staging.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn embedded_staging_never_skips_a_record_under_concurrent_stagers() {
    for _ in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let staging = pipeline::staging::EmbeddedStaging::open(&dir.path().join("staging.sqlite")).await.unwrap();
        round(Arc::new(staging), dir.path()).await;
    }
}
