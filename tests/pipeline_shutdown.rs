//! SIGTERM in the middle of a warehouse batch: the test holds SQLite's write lock so the
//! pipeline's cleaner is stuck inside its load transaction, sends SIGTERM, then lets go. The
//! process finishes the batch and exits 0; a restart (`--once`) finds no duplicate and no missing
//! row, and every lake object accounted for. "No duplicate" is checked where one can happen
//! (`support::duplicates`: runs, rejections, position and status history, codeshares, on the
//! rows' logical identity), after the restart and again after a reprocess.

mod support;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;
use support::duplicates::assert_no_duplicates_sqlite;
use support::headless::{FETCH_RUN_KEYS, Headless, assert_every_lake_object_has_a_run, lake_keys, run_skyboard};

async fn open(path: &Path) -> SqliteConnection {
    SqliteConnectOptions::new().filename(path).busy_timeout(Duration::from_secs(20)).connect().await.unwrap()
}

async fn scalar(conn: &mut SqliteConnection, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(conn).await.unwrap()
}

/// Rows of every clean table, to compare before and after a reprocess.
async fn row_counts(path: &Path) -> Vec<i64> {
    let mut w = open(path).await;
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM flights",
        "SELECT COUNT(*) FROM positions",
        "SELECT COUNT(*) FROM position_history",
        "SELECT COUNT(*) FROM flight_codeshares",
        "SELECT COUNT(*) FROM flight_status_history",
        "SELECT COUNT(*) FROM rejects",
    ] {
        counts.push(scalar(&mut w, sql).await);
    }
    w.close().await.unwrap();
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_mid_batch_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (warehouse, staging) = (dir.path().join("warehouse.sqlite"), dir.path().join("staging.sqlite"));
    let mut p = Headless::spawn(dir.path(), &["--interval-secs", "2"], &[]);
    // The first warehouse batch is in: the schema exists.
    p.wait_for_line("\"endpoint\":\"warehouse\"", Duration::from_secs(90));

    // Take the warehouse's write lock and keep it until staging holds records the cleaner has
    // not loaded and the cleaner has had time to start on them: it is now blocked inside its
    // load transaction.
    let mut blocker = open(&warehouse).await;
    sqlx::raw_sql("BEGIN IMMEDIATE").execute(&mut blocker).await.unwrap();
    let mut s = open(&staging).await;
    let start = std::time::Instant::now();
    loop {
        assert!(start.elapsed() < Duration::from_secs(60), "nothing new was staged:\n{}", p.log().join("\n"));
        tokio::time::sleep(Duration::from_millis(200)).await;
        let behind = scalar(
            &mut s,
            "SELECT COUNT(*) FROM records WHERE seq > COALESCE((SELECT seq FROM checkpoints WHERE consumer = 'cleaner'), 0)",
        )
        .await;
        if behind > 0 {
            break;
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    p.signal("TERM");
    tokio::time::sleep(Duration::from_secs(1)).await;
    sqlx::raw_sql("ROLLBACK").execute(&mut blocker).await.unwrap();
    blocker.close().await.unwrap();
    let status = p.wait_exit(Duration::from_secs(45));
    assert!(status.success(), "exit {status:?}:\n{}", p.log().join("\n"));
    let log = p.log();
    let signal = log.iter().position(|l| l.contains("SIGTERM")).expect("the signal is logged");
    assert!(
        log[signal..].iter().any(|l| l.contains("\"endpoint\":\"warehouse\"")),
        "the batch held up at the signal was finished before exit:\n{}",
        log.join("\n")
    );
    drop(p);

    // Restart for one cycle: it cleans whatever the first run left staged.
    let (status, _, err) = run_skyboard(dir.path(), &["--once"], &[]);
    assert!(status.success(), "{err}");

    // Everything staged was cleaned.
    let max_seq = scalar(&mut s, "SELECT COALESCE(MAX(seq), 0) FROM records").await;
    let done = scalar(&mut s, "SELECT seq FROM checkpoints WHERE consumer = 'cleaner'").await;
    assert_eq!(done, max_seq, "the cleaner's checkpoint reached the last staged record");
    s.close().await.unwrap();

    let mut w = open(&warehouse).await;
    // No duplicates where a double load could leave one (flights and positions cannot hold one:
    // their unique keys are their identity).
    assert_no_duplicates_sqlite(&mut w).await;
    // Every lake object has its run record (the run that fetched it, or the restart's), and
    // every fetch run names an object of the lake: one run per object.
    let keys: Vec<String> = sqlx::query_scalar(FETCH_RUN_KEYS).fetch_all(&mut w).await.unwrap();
    let runs: BTreeSet<String> = keys.iter().cloned().collect();
    assert_eq!(keys.len(), runs.len(), "one fetch run per lake object");
    w.close().await.unwrap();
    let lake = lake_keys(dir.path());
    assert!(!lake.is_empty());
    assert_every_lake_object_has_a_run(dir.path(), &runs);
    let stray: Vec<&String> = runs.iter().filter(|k| !lake.contains(*k)).collect();
    assert!(stray.is_empty(), "fetch runs for objects the lake does not hold: {stray:?}");

    // No missing rows: cleaning every staged record again adds nothing.
    let before = row_counts(&warehouse).await;
    assert!(before[0] > 0, "flights were loaded");
    let (status, out, err) = run_skyboard(dir.path(), &["pipeline", "reprocess"], &[]);
    assert!(status.success(), "{out}{err}");
    assert!(out.contains("records cleaned"), "{out}");
    assert_eq!(row_counts(&warehouse).await, before, "reprocessing staging found rows the warehouse lacked");
    let mut w = open(&warehouse).await;
    assert_no_duplicates_sqlite(&mut w).await;
    w.close().await.unwrap();
}
