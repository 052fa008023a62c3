//! MariaDB goes away for a few seconds during a run and comes back: the pipeline reports the
//! error, retries with growing pauses, and catches up with nothing lost and nothing twice. The
//! test runs its own MariaDB server (a private data directory and port) so it can stop it without
//! disturbing the other tests.

mod support;

use sqlx::{Connection, MySqlConnection};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};
use support::headless::{FETCH_RUN_KEYS, Headless, assert_every_lake_object_has_a_run, run_skyboard};
use support::mariadb::PrivateMariaDb;

async fn scalar(url: &str, sql: &'static str) -> i64 {
    let mut c = MySqlConnection::connect(url).await.unwrap();
    let v: i64 = sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap();
    c.close().await.unwrap();
    v
}

async fn staging_behind(path: &Path) -> i64 {
    let mut s = sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", path.display())).await.unwrap();
    let v: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM records WHERE seq > COALESCE((SELECT seq FROM checkpoints WHERE consumer = 'cleaner'), 0)",
    )
    .fetch_one(&mut s)
    .await
    .unwrap();
    s.close().await.unwrap();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_is_reported_retried_and_caught_up() {
    let mut db = PrivateMariaDb::install();
    db.start().await;
    let url = db.url();
    let dir = tempfile::tempdir().unwrap();
    let env = [("SKYBOARD_WAREHOUSE", url.as_str())];
    let mut p = Headless::spawn(dir.path(), &["--interval-secs", "2"], &env);
    p.wait_for_line("\"message\":\"leader: ", Duration::from_secs(90));
    let start = Instant::now();
    while scalar(&url, "SELECT COUNT(*) FROM pipeline_runs").await == 0 {
        assert!(start.elapsed() < Duration::from_secs(90), "nothing written:\n{}", p.log().join("\n"));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    // The database goes away for a few seconds: until the pipeline has noticed and retried twice
    // (a load in flight may first wait out its pool's 5 s acquire timeout).
    db.stop();
    let start = Instant::now();
    while p.count_lines("attempt 2,") == 0 && start.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let during = p.log();
    assert!(
        during.iter().any(|l| l.contains("\"level\":\"ERROR\"") && l.contains("leader lock lost")),
        "the outage is reported:\n{}",
        during.join("\n")
    );
    let retries: Vec<&String> = during.iter().filter(|l| l.contains("standby: ") && l.contains("next in")).collect();
    assert!(retries.len() >= 2, "the pipeline retries:\n{}", during.join("\n"));
    assert!(retries[0].contains("attempt 1,") && retries[1].contains("attempt 2,"), "{retries:?}");

    // Back again: the pipeline leads again and the cleaner catches up.
    db.start().await;
    let start = Instant::now();
    while p.count_lines("\"message\":\"leader: ") < 2 {
        assert!(start.elapsed() < Duration::from_secs(60), "no recovery:\n{}", p.log().join("\n"));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let staging = dir.path().join("staging.sqlite");
    let start = Instant::now();
    while staging_behind(&staging).await > 0 {
        assert!(start.elapsed() < Duration::from_secs(60), "the cleaner did not catch up:\n{}", p.log().join("\n"));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    p.signal("TERM");
    assert!(p.wait_exit(Duration::from_secs(45)).success(), "{}", p.log().join("\n"));
    assert_eq!(staging_behind(&staging).await, 0, "every staged record was cleaned");

    // Nothing lost: every lake object has its run record in the warehouse…
    let mut c = MySqlConnection::connect(&url).await.unwrap();
    let runs: BTreeSet<String> =
        sqlx::query_scalar(FETCH_RUN_KEYS).fetch_all(&mut c).await.unwrap().into_iter().collect();
    c.close().await.unwrap();
    assert_every_lake_object_has_a_run(dir.path(), &runs);
    // …and cleaning every staged record again adds no row.
    let flights = scalar(&url, "SELECT COUNT(*) FROM flights").await;
    let history = scalar(&url, "SELECT COUNT(*) FROM position_history").await;
    assert!(flights > 0);
    let (status, out, err) = run_skyboard(dir.path(), &["pipeline", "reprocess"], &env);
    assert!(status.success(), "{out}{err}");
    assert_eq!(scalar(&url, "SELECT COUNT(*) FROM flights").await, flights);
    assert_eq!(scalar(&url, "SELECT COUNT(*) FROM position_history").await, history);
    // No duplicate where the outage's retries could have left one (support::duplicates).
    let mut c = MySqlConnection::connect(&url).await.unwrap();
    support::duplicates::assert_no_duplicates_mysql(&mut c).await;
    c.close().await.unwrap();
}
