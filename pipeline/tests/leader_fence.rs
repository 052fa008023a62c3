//! The fenced leader: a load carries the leader epoch its instance was given, and commits only
//! while no other instance has claimed the warehouse since. A load prepared by a leader that lost
//! its lock (a standby took over) rolls back whole, and so does a batch of its retention; on
//! SQLite and on MariaDB.

mod support;

use chrono::{TimeZone, Utc};
use pipeline::model::RawResponse;
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, PipelineSettings, Stores};
use pipeline::warehouse::{HistoryTable, LoadBatch, Table, Warehouse};
use std::sync::Arc;

async fn fence_holds(w: Arc<dyn Warehouse>) {
    let old = w.claim_leadership("old:1").await.unwrap();
    let batch = |hex: &str, fence| LoadBatch {
        positions: vec![support::position(hex, Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap())],
        fence,
        ..LoadBatch::default()
    };
    w.load(&batch("aaaaa1", Some(old))).await.unwrap();
    // The old leader's next load is in flight (cleaned, not yet committed) when a standby takes
    // over the lock and claims the warehouse.
    let in_flight = batch("aaaaa2", Some(old));
    let new = w.claim_leadership("new:2").await.unwrap();
    assert!(new > old);
    let e = w.load(&in_flight).await.unwrap_err();
    assert!(e.message.contains("fenced"), "{e}");
    assert_eq!(w.count(Table::Positions).await.unwrap(), 1, "the deposed leader's load did not commit");
    w.load(&batch("aaaaa3", Some(new))).await.unwrap();
    assert_eq!(w.count(Table::Positions).await.unwrap(), 2, "the new leader writes");
}

/// Retention is fenced like a load: a deposed leader's prune deletes nothing.
async fn prune_is_fenced(w: Arc<dyn Warehouse>) {
    let old = w.claim_leadership("old:1").await.unwrap();
    let at = |h| Utc.with_ymd_and_hms(2026, 11, 1, h, 0, 0).unwrap();
    let positions = (0..4).map(|h| support::position(&format!("aaaab{h}"), at(h))).collect();
    w.load(&LoadBatch { positions, fence: Some(old), ..LoadBatch::default() }).await.unwrap();
    assert_eq!(w.count(Table::PositionHistory).await.unwrap(), 4);
    let later = Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap();
    assert_eq!(w.prune_history(HistoryTable::PositionHistory, later, 1, Some(old)).await.unwrap(), 1);
    let new = w.claim_leadership("new:2").await.unwrap();
    for table in HistoryTable::ALL {
        let e = w.prune_history(table, later, 10, Some(old)).await.unwrap_err();
        assert!(e.message.contains("fenced") && e.message.contains("nothing pruned"), "{e}");
    }
    assert_eq!(w.count(Table::PositionHistory).await.unwrap(), 3, "the deposed leader pruned nothing");
    assert_eq!(w.prune_history(HistoryTable::PositionHistory, later, 10, Some(new)).await.unwrap(), 3);
    assert_eq!(w.count(Table::PositionHistory).await.unwrap(), 0, "the new leader prunes");
}

#[tokio::test]
async fn a_deposed_leaders_prune_deletes_nothing_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let (_, w) = support::embedded_stores(dir.path()).await;
    w.migrate().await.unwrap();
    prune_is_fenced(w).await;
}

#[tokio::test]
async fn a_deposed_leaders_prune_deletes_nothing_on_mariadb() {
    let url = support::mysql_url(&support::unique("prunefence"));
    let w = Arc::new(pipeline::warehouse::MySqlWarehouse::connect(&url).await.unwrap());
    w.migrate().await.unwrap();
    prune_is_fenced(w.clone()).await;
    pipeline::warehouse::MySqlWarehouse::drop_database(&url).await.unwrap();
}

#[tokio::test]
async fn a_deposed_leaders_load_does_not_commit_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let (_, w) = support::embedded_stores(dir.path()).await;
    w.migrate().await.unwrap();
    fence_holds(w).await;
}

#[tokio::test]
async fn a_deposed_leaders_load_does_not_commit_on_mariadb() {
    let url = support::mysql_url(&support::unique("fence"));
    let w = Arc::new(pipeline::warehouse::MySqlWarehouse::connect(&url).await.unwrap());
    w.migrate().await.unwrap();
    fence_holds(w.clone()).await;
    pipeline::warehouse::MySqlWarehouse::drop_database(&url).await.unwrap();
}

/// Through the pipeline: a leader that lost its epoch keeps its records staged and writes none.
#[tokio::test]
async fn a_deposed_pipeline_keeps_its_records_staged() {
    let dir = tempfile::tempdir().unwrap();
    let (stores, w) = support::embedded_stores(dir.path()).await;
    stores.lake.prepare().await.unwrap();
    let clock = support::fixed_clock();
    let now = pipeline::clock::Clock::now(clock.as_ref());
    let p = Pipeline::new(stores.clone(), None, Reference::embedded(), clock, PipelineSettings::default());
    p.prepare().await.unwrap();
    p.lead().await.unwrap();
    let raw = RawResponse {
        source: pipeline::model::Source::Airlabs,
        endpoint: "flights".into(),
        url: "https://airlabs.co/api/v9/flights".into(),
        http_status: 200,
        fetched_at: pipeline::model::fetch_time(now),
        body: format!(r#"{{"response":[{{"hex":"3c6702","lat":50.1,"lng":8.6,"updated":{}}}]}}"#, now.timestamp())
            .into_bytes(),
    };
    p.ingest(&raw, now).await;
    let standby: &Stores = &stores;
    standby.warehouse.claim_leadership("standby:2").await.unwrap();
    let report = p.clean_staged().await;
    assert!(report.store_errors.iter().any(|e| e.message.contains("fenced")), "{:?}", report.store_errors);
    assert_eq!(w.count(Table::Positions).await.unwrap(), 0);
    assert_eq!(w.count(Table::PipelineRuns).await.unwrap(), 0, "not even its run records");
    assert_eq!(stores.staging.checkpoint(pipeline::runner::CLEANER).await.unwrap(), 0, "the records stay staged");
}
