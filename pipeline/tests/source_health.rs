//! The status bar's per-source health comes from the runs table: the newest good and bad fetch
//! of each source, on SQLite and on MariaDB.

mod support;

use chrono::{Duration, TimeZone, Utc};
use pipeline::warehouse::{LoadBatch, MySqlWarehouse, RunRecord, SqliteWarehouse, Warehouse};

fn run(source: &str, minute: i64, error: Option<&str>) -> RunRecord {
    let at = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap() + Duration::minutes(minute);
    RunRecord {
        started_at: at - Duration::seconds(1),
        finished_at: at,
        source: source.into(),
        endpoint: "flights".into(),
        stage: "fetch".into(),
        lake_key: Some(format!("raw/{source}/flights/{minute}.json.gz")),
        records: 3,
        rejects: 0,
        loaded: 0,
        error: error.map(str::to_string),
        instance: Some("test:1".into()),
        key: None,
    }
}

async fn check(warehouse: &dyn Warehouse) {
    warehouse.migrate().await.unwrap();
    assert!(warehouse.source_health().await.unwrap().is_empty(), "no runs, no sources");
    let batch = LoadBatch {
        runs: vec![
            run("lufthansa", 0, None),
            run("lufthansa", 5, Some("HTTP 503 from the API")),
            run("lufthansa", 3, None),
            run("airlabs", 1, Some("timed out")),
            run("airlabs", 6, None),
        ],
        ..LoadBatch::default()
    };
    warehouse.load(&batch).await.unwrap();
    let health = warehouse.source_health().await.unwrap();
    let names: Vec<&str> = health.iter().map(|h| h.source.as_str()).collect();
    assert_eq!(names, ["lufthansa", "airlabs"], "sources without runs are left out");
    let lh = &health[0];
    assert!(lh.failing(), "{lh:?}");
    assert_eq!(lh.last_ok, Some(run("x", 3, None).finished_at));
    assert_eq!(lh.last_error, Some(run("x", 5, None).finished_at));
    assert_eq!(lh.error.as_deref(), Some("HTTP 503 from the API"));
    let airlabs = &health[1];
    assert!(!airlabs.failing(), "recovered: {airlabs:?}");
    assert_eq!(airlabs.error.as_deref(), Some("timed out"));
}

#[tokio::test]
async fn sqlite_source_health() {
    let dir = tempfile::tempdir().unwrap();
    check(&SqliteWarehouse::open(&dir.path().join("w.sqlite")).await.unwrap()).await;
}

#[tokio::test]
async fn mariadb_source_health() {
    let url = support::mysql_url(&support::unique("health"));
    let warehouse = MySqlWarehouse::connect(&url).await.unwrap();
    check(&warehouse).await;
    MySqlWarehouse::drop_database(&url).await.unwrap();
}
