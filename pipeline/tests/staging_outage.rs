//! Staging outages heal by themselves: an answer filed in the lake while the MongoDB-wire server
//! was down, or by a process that died before staging it, reaches the warehouse once, with no
//! replay by hand.

mod support;

use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, PipelineSettings, Stores};
use pipeline::warehouse::{Table, Warehouse};
use std::sync::Arc;
use std::time::Duration;
use support::faults::PrivateMongo;
use support::run_ties::{Known, assert_no_duplicates};

/// An AirLabs `/flights` answer of `n` aircraft of its own (`tag` sets their addresses).
fn positions_answer(tag: usize, n: usize, at: chrono::DateTime<chrono::Utc>) -> pipeline::model::RawResponse {
    let records: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"hex":"{:06x}","lat":50.1,"lng":8.6,"updated":{}}}"#,
                0x200000 + tag * 1000 + i,
                at.timestamp()
            )
        })
        .collect();
    pipeline::model::RawResponse {
        source: pipeline::model::Source::Airlabs,
        endpoint: "flights".into(),
        url: format!("https://airlabs.co/api/v9/flights?answer={tag}"),
        http_status: 200,
        fetched_at: pipeline::model::fetch_time(at),
        body: format!(r#"{{"response":[{}]}}"#, records.join(",")).into_bytes(),
    }
}

/// A staging outage in the middle of a run heals by itself: the answer filed while the
/// MongoDB-wire server was down reaches the warehouse once it is back, with no replay by hand.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staging_outage_heals_without_a_replay() {
    let data = tempfile::tempdir().unwrap();
    let port = support::free_addr().port();
    let mut mongo = PrivateMongo::start(port, data.path()).await;
    let staging = Arc::new(pipeline::staging::MongoStaging::connect(&mongo.url()).await.unwrap());
    let dir = tempfile::tempdir().unwrap();
    let (stores, warehouse) = support::embedded_stores(dir.path()).await;
    let stores = Stores { staging, ..stores };
    stores.lake.prepare().await.unwrap();
    let clock = support::fixed_clock();
    let now = pipeline::clock::Clock::now(clock.as_ref());
    let p = Pipeline::new(stores.clone(), None, Reference::embedded(), clock.clone(), PipelineSettings::default());
    p.prepare().await.unwrap();

    assert!(p.ingest(&positions_answer(1, 5, now), now).await.failure.is_none());
    assert!(p.clean_staged().await.store_errors.is_empty());
    mongo.kill();
    let during = p.ingest(&positions_answer(2, 7, now), now).await;
    assert!(during.failure.is_some(), "staging is down: {during:?}");
    let report = p.clean_staged().await;
    assert!(!report.store_errors.is_empty(), "the drain cannot run while staging is down");

    let dir_data = mongo.dir.clone();
    drop(mongo);
    let _mongo = PrivateMongo::start(port, &dir_data).await;
    let mut healed = 0;
    for _ in 0..50 {
        let after = p.ingest(&positions_answer(3, 3, now), now).await;
        let report = p.clean_staged().await;
        healed += report.healed;
        if after.failure.is_none() && report.store_errors.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(healed, 1, "the answer filed during the outage was staged again");
    assert_eq!(warehouse.count(Table::Positions).await.unwrap(), 5 + 7 + 3, "every lake object's records");
    assert_eq!(warehouse.count(Table::PositionHistory).await.unwrap(), 5 + 7 + 3, "each observation once");
    assert_eq!(pipeline::lake::Lake::list(stores.lake.as_ref(), "raw/").await.unwrap().len(), 3);
    let known = Known { fetched_all: true, rejects_reported: None };
    assert_no_duplicates(&warehouse, &stores, known).await;
}

/// A pipeline that starts after a crash during an outage finds the lake objects staging lacks.
#[tokio::test]
async fn a_starting_pipeline_finds_what_staging_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let (stores, warehouse) = support::embedded_stores(dir.path()).await;
    stores.lake.prepare().await.unwrap();
    let clock = support::fixed_clock();
    let now = pipeline::clock::Clock::now(clock.as_ref());
    // An answer in the lake that never reached staging (the process died in between).
    let raw = positions_answer(4, 6, now);
    let object = pipeline::lake::LakeObject::from_response(&raw, Some(6));
    stores.lake.put(&object).await.unwrap();
    let p = Pipeline::new(stores.clone(), None, Reference::embedded(), clock.clone(), PipelineSettings::default());
    p.prepare().await.unwrap();
    assert_eq!(p.find_unstaged().await.unwrap(), 1);
    let report = p.clean_staged().await;
    assert_eq!(report.healed, 1);
    assert_eq!(warehouse.count(Table::Positions).await.unwrap(), 6);
    assert_eq!(warehouse.count(Table::PositionHistory).await.unwrap(), 6);
    assert_eq!(p.find_unstaged().await.unwrap(), 0, "staged now");
    // The object was put in the lake by hand: it has no fetch run.
    let known = Known { fetched_all: false, rejects_reported: None };
    assert_no_duplicates(&warehouse, &stores, known).await;
}
