//! Two `--pipeline-only` instances on one MariaDB warehouse: the first holds the leader lock and
//! is the only one writing; the second stands by. Killing the leader (SIGKILL: no goodbye) hands
//! the lock over within one interval, and from then on only the second writes. Afterwards the
//! shared warehouse holds no duplicate where one can happen (`support::duplicates`), and each
//! instance's fetch runs name objects of its own lake only.

mod support;

use chrono::{DateTime, Utc};
use sqlx::{Connection, MySqlConnection};
use std::time::{Duration, Instant};
use support::duplicates::assert_no_duplicates_mysql;
use support::headless::{Headless, lake_keys, mysql_base, unique};

const INTERVAL_SECS: u64 = 3;

struct Database {
    url: String,
}

impl Database {
    fn new() -> Self {
        Self { url: format!("{}/{}", mysql_base().trim_end_matches('/'), unique("failover")) }
    }

    async fn runs_by(&self, instance: &str) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let mut c = MySqlConnection::connect(&self.url).await.unwrap();
        let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> =
            sqlx::query_as("SELECT started_at, finished_at FROM pipeline_runs WHERE instance = ? ORDER BY started_at")
                .bind(instance)
                .fetch_all(&mut c)
                .await
                .unwrap();
        c.close().await.unwrap();
        rows
    }

    /// The lake keys of the fetch runs `instance` wrote.
    async fn fetch_keys_by(&self, instance: &str) -> Vec<String> {
        let mut c = MySqlConnection::connect(&self.url).await.unwrap();
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT lake_key FROM pipeline_runs WHERE stage = 'fetch' AND lake_key IS NOT NULL AND instance = ?",
        )
        .bind(instance)
        .fetch_all(&mut c)
        .await
        .unwrap();
        c.close().await.unwrap();
        rows
    }

    async fn assert_no_duplicates(&self) {
        let mut c = MySqlConnection::connect(&self.url).await.unwrap();
        assert_no_duplicates_mysql(&mut c).await;
        c.close().await.unwrap();
    }

    async fn writers(&self) -> Vec<String> {
        let mut c = MySqlConnection::connect(&self.url).await.unwrap();
        let rows: Vec<Option<String>> =
            sqlx::query_scalar("SELECT DISTINCT instance FROM pipeline_runs").fetch_all(&mut c).await.unwrap();
        c.close().await.unwrap();
        rows.into_iter().map(|r| r.unwrap_or_else(|| "<none>".into())).collect()
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let url = self.url.clone();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                let _ = pipeline::warehouse::MySqlWarehouse::drop_database(&url).await;
            });
        })
        .join();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standby_takes_over_within_one_interval_and_only_the_leader_writes() {
    let db = Database::new();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let interval = INTERVAL_SECS.to_string();
    let args = ["--interval-secs", interval.as_str()];
    let env = [("SKYBOARD_WAREHOUSE", db.url.as_str())];

    let mut a = Headless::spawn(dir_a.path(), &args, &env);
    a.wait_for_line("\"message\":\"leader: ", Duration::from_secs(90));
    let leader = a.instance();
    let b = Headless::spawn(dir_b.path(), &args, &env);
    b.wait_for_line("\"message\":\"standby: ", Duration::from_secs(90));
    let standby = b.instance();
    assert_ne!(leader, standby);

    // Several intervals with both running: the leader writes, the standby does not.
    let start = Instant::now();
    while db.runs_by(&leader).await.len() < 5 {
        assert!(start.elapsed() < Duration::from_secs(90), "the leader wrote nothing:\n{}", a.log().join("\n"));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    tokio::time::sleep(Duration::from_secs(2 * INTERVAL_SECS)).await;
    assert_eq!(db.writers().await, vec![leader.clone()], "only the leader has written");
    assert_eq!(b.count_lines("\"message\":\"leader: "), 0);

    // The leader dies without a word; its connection (and lock) go with it.
    a.signal("KILL");
    a.wait_exit(Duration::from_secs(10));
    let killed_at = Instant::now();
    let killed_wall = Utc::now();
    let leader_runs = db.runs_by(&leader).await;
    b.wait_for_line("\"message\":\"leader: ", Duration::from_secs(30));
    let handover = killed_at.elapsed();
    eprintln!("handover after the leader died: {handover:?}");
    assert!(handover <= Duration::from_secs(INTERVAL_SECS), "the standby took {handover:?} to take over");

    // The new leader writes, and every batch it wrote began after the old leader's last one.
    let start = Instant::now();
    let new_runs = loop {
        let runs = db.runs_by(&standby).await;
        if !runs.is_empty() {
            break runs;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "the new leader wrote nothing:\n{}", b.log().join("\n"));
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let last_of_old = leader_runs.iter().map(|r| r.1).max().unwrap();
    let first_of_new = new_runs.iter().map(|r| r.0).min().unwrap();
    assert!(last_of_old <= first_of_new, "overlap: old leader until {last_of_old}, new from {first_of_new}");
    assert!(first_of_new >= killed_wall - chrono::Duration::seconds(1), "the standby fetched before the kill");
    assert_eq!(db.runs_by(&leader).await, leader_runs, "a dead leader writes nothing more");
    let mut b = b;
    b.signal("TERM");
    assert!(b.wait_exit(Duration::from_secs(45)).success());

    // Nothing twice in the shared warehouse, and each instance's fetch runs are one per object
    // of its own lake (the standby, stopped cleanly, has a run for every object).
    db.assert_no_duplicates().await;
    for (instance, dir, complete) in [(&leader, dir_a.path(), false), (&standby, dir_b.path(), true)] {
        let keys = db.fetch_keys_by(instance).await;
        let lake = lake_keys(dir);
        let set: std::collections::BTreeSet<&String> = keys.iter().collect();
        assert_eq!(set.len(), keys.len(), "{instance}: one fetch run per lake object");
        let stray: Vec<&&String> = set.iter().filter(|k| !lake.contains(k)).collect();
        assert!(stray.is_empty(), "{instance}: fetch runs for objects its lake does not hold: {stray:?}");
        if complete {
            let missing: Vec<&String> = lake.iter().filter(|k| !set.contains(k)).collect();
            assert!(missing.is_empty(), "{instance}: lake objects without a fetch run: {missing:?}");
        }
    }
}

/// `--once` beside a running leader does not write: it says so and exits 1.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn once_beside_a_running_leader_does_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut leader = Headless::spawn(dir.path(), &["--interval-secs", "3"], &[]);
    leader.wait_for_line("\"message\":\"leader: ", Duration::from_secs(90));
    let (status, _, err) = support::headless::run_skyboard(dir.path(), &["--pipeline-only", "--once"], &[]);
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("--once does not write beside it"), "{err}");
    let url = format!("sqlite://{}", dir.path().join("warehouse.sqlite").display());
    let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let writers: Vec<Option<String>> =
        sqlx::query_scalar("SELECT DISTINCT instance FROM pipeline_runs").fetch_all(&mut c).await.unwrap();
    assert!(writers.iter().all(|w| w.as_deref() == Some(leader.instance().as_str())), "{writers:?}");
    c.close().await.unwrap();
    leader.signal("TERM");
    assert!(leader.wait_exit(Duration::from_secs(45)).success());
}
