//! Bounded growth: a simulated run of 40 days, a day at a time on a fixed clock, each day
//! loading a day of position history, legs (with their status history), runs and lake objects,
//! then applying retention. After every day the history tables and the local lake hold only
//! their window; the latest positions and the flights are never touched. On SQLite and MariaDB.
//! Retention runs on the leader only: a standby (another instance holds the lock) deletes nothing.

mod support;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use pipeline::clock::{Clock, FixedClock, SharedClock};
use pipeline::lake::{Lake, LakeObject, LocalDirLake};
use pipeline::model::{FlightKey, FlightLeg, FlightStatus, RawResponse, Source};
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, PipelineSettings, Retention, Stores};
use pipeline::staging::EmbeddedStaging;
use pipeline::warehouse::{LoadBatch, MySqlWarehouse, RunRecord, SqliteWarehouse, Table, Warehouse};
use std::sync::Arc;

const DAYS: i64 = 40;
const AIRCRAFT: usize = 6;
/// Positions an aircraft a day (every 30 minutes).
const FIXES: i64 = 48;
const LEGS: usize = 5;
const RUNS: i64 = 24;
const OBJECTS: i64 = 3;

fn retention() -> Retention {
    Retention {
        position_history: Some(Duration::days(7)),
        status_history: Some(Duration::days(30)),
        runs: Some(Duration::days(30)),
        lake: Some(Duration::days(30)),
        // Small batches: every application needs many of them.
        batch: 50,
        pause: std::time::Duration::ZERO,
        ..Retention::default()
    }
}

fn start() -> DateTime<Utc> {
    support::fixed_clock().now() - Duration::days(DAYS)
}

fn leg(number: usize, date: NaiveDate, at: DateTime<Utc>) -> FlightLeg {
    FlightLeg {
        key: FlightKey {
            carrier: "LH".into(),
            number: format!("{}", 400 + number),
            origin: "FRA".into(),
            dep_local_date: date,
        },
        destination: "JFK".into(),
        sched_dep: at,
        est_dep: None,
        act_dep: None,
        sched_arr: None,
        est_arr: None,
        act_arr: None,
        dep_terminal: None,
        dep_gate: None,
        arr_terminal: None,
        arr_gate: None,
        status: FlightStatus::Departed,
        source_status: None,
        aircraft_type: None,
        registration: None,
        source: "lufthansa".into(),
        observed_at: at,
        lake_key: "raw/lufthansa/x.json.gz".into(),
    }
}

/// One simulated day from `day0`: what the pipeline would have loaded and filed.
async fn live_one_day(w: &dyn Warehouse, lake: &dyn Lake, day0: DateTime<Utc>) {
    let mut batch = LoadBatch::default();
    for a in 0..AIRCRAFT {
        for f in 0..FIXES {
            batch.positions.push(support::position(&format!("3c66{a:02x}"), day0 + Duration::minutes(30 * f)));
        }
    }
    for l in 0..LEGS {
        batch.flights.push(leg(l, day0.date_naive(), day0 + Duration::hours(l as i64)));
    }
    for r in 0..RUNS {
        let at = day0 + Duration::hours(r);
        batch.runs.push(RunRecord {
            started_at: at,
            finished_at: at,
            source: "opensky".into(),
            endpoint: "states-all".into(),
            stage: "fetch".into(),
            lake_key: Some(format!("raw/opensky/states-all/{}.json.gz", at.timestamp())),
            records: 1,
            rejects: 0,
            loaded: 1,
            error: None,
            instance: Some("test".into()),
            key: None,
        });
    }
    w.load(&batch).await.unwrap();
    for o in 0..OBJECTS {
        let raw = RawResponse {
            source: Source::Opensky,
            endpoint: "states-all".into(),
            url: "http://127.0.0.1/api/states/all".into(),
            http_status: 200,
            fetched_at: day0 + Duration::hours(4 * o),
            body: format!("{{\"time\":{},\"states\":[]}}", day0.timestamp() + o).into_bytes(),
        };
        lake.put(&LakeObject::from_response(&raw, Some(0))).await.unwrap();
    }
}

/// The dt= partitions of the lake, oldest first.
fn partitions(root: &std::path::Path) -> Vec<NaiveDate> {
    let Ok(entries) = std::fs::read_dir(root.join("raw/opensky/states-all")) else { return Vec::new() };
    let mut days: Vec<NaiveDate> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.strip_prefix("dt=")?.to_string();
            NaiveDate::parse_from_str(&name, "%Y-%m-%d").ok()
        })
        .collect();
    days.sort();
    days
}

async fn pipeline_on(
    warehouse: Arc<dyn Warehouse>,
    dir: &std::path::Path,
    clock: SharedClock,
    retention: Retention,
) -> Pipeline {
    let staging = EmbeddedStaging::open(&dir.join("staging.sqlite")).await.unwrap();
    let stores = Stores { lake: Arc::new(LocalDirLake::new(dir.join("lake"))), staging: Arc::new(staging), warehouse };
    let settings = PipelineSettings { airports: Vec::new(), retention, ..PipelineSettings::default() };
    Pipeline::new(stores, None, Reference::embedded(), clock, settings)
}

/// Lives `DAYS` days, applying retention after each; checks the windows every day.
async fn forty_days(w: Arc<dyn Warehouse>) {
    w.migrate().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(start()));
    let p = pipeline_on(w.clone(), dir.path(), clock.clone(), retention()).await;
    let lake = p.stores().lake.clone();
    let (_stop, stop) = tokio::sync::watch::channel(false);
    let mut pruned = 0;
    for i in 0..DAYS {
        let day0 = start() + Duration::days(i);
        live_one_day(w.as_ref(), lake.as_ref(), day0).await;
        let now = day0 + Duration::days(1);
        clock.set(now);
        let latest = w.export_positions().await.unwrap();
        let report = p.apply_retention(&stop).await;
        assert!(report.errors.is_empty() && !report.interrupted, "day {i}: {report:?}");
        pruned += report.total();

        let days = |window: i64| (i + 1).min(window);
        let history = w.count(Table::PositionHistory).await.unwrap();
        assert_eq!(history, days(7) * AIRCRAFT as i64 * FIXES, "day {i}: position history bounded to 7 days");
        let trail = w.position_trail("3c6600", start() - Duration::days(1)).await.unwrap();
        assert_eq!(trail.len() as i64, days(7) * FIXES, "day {i}");
        assert!(trail.first().is_some_and(|t| t.observed_at >= now - Duration::days(7)), "day {i}: oldest kept fix");
        assert_eq!(w.count(Table::StatusHistory).await.unwrap(), days(30) * LEGS as i64, "day {i}: status history");
        assert_eq!(w.count(Table::PipelineRuns).await.unwrap(), days(30) * RUNS, "day {i}: runs");
        let kept = partitions(&dir.path().join("lake"));
        assert_eq!(kept.len() as i64, days(30), "day {i}: lake partitions {kept:?}");
        assert!(kept.first().is_some_and(|d| *d >= (now - Duration::days(30)).date_naive()), "day {i}: {kept:?}");
        let objects = lake.list("raw/").await.unwrap().len() as i64;
        assert_eq!(objects, days(30) * OBJECTS, "day {i}: lake objects");

        // Never the flights or the latest positions.
        assert_eq!(w.count(Table::Flights).await.unwrap(), (i + 1) * LEGS as i64, "day {i}: flights");
        assert_eq!(w.export_positions().await.unwrap(), latest, "day {i}: latest positions untouched");
    }
    assert!(pruned > 0);
    // A leg older than the status window keeps its row but not its history.
    let now = clock.now();
    let old = FlightKey {
        carrier: "LH".into(),
        number: "400".into(),
        origin: "FRA".into(),
        dep_local_date: start().date_naive(),
    };
    let detail = w.flight_detail(&old, now).await.unwrap().expect("the oldest leg is kept");
    assert!(detail.status_history.is_empty(), "{:?}", detail.status_history);
    let kept = FlightKey { dep_local_date: (now - Duration::days(30)).date_naive(), ..old };
    assert!(!w.flight_detail(&kept, now).await.unwrap().expect("leg").status_history.is_empty());
    // Applied again: nothing is left to delete.
    assert_eq!(p.apply_retention(&stop).await.total(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_days_stay_within_the_windows_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let w = Arc::new(SqliteWarehouse::open(&dir.path().join("warehouse.sqlite")).await.unwrap());
    forty_days(w).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_days_stay_within_the_windows_on_mariadb() {
    let url = support::mysql_url(&support::unique("retention"));
    let w = Arc::new(MySqlWarehouse::connect(&url).await.unwrap());
    forty_days(w.clone()).await;
    w.pool().close().await;
    MySqlWarehouse::drop_database(&url).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_off_keeps_everything_and_a_standby_prunes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let w: Arc<dyn Warehouse> = Arc::new(SqliteWarehouse::open(&dir.path().join("warehouse.sqlite")).await.unwrap());
    w.migrate().await.unwrap();
    let clock = Arc::new(FixedClock::new(start()));
    let off = pipeline_on(w.clone(), dir.path(), clock.clone(), Retention::off()).await;
    for i in 0..DAYS {
        live_one_day(w.as_ref(), off.stores().lake.as_ref(), start() + Duration::days(i)).await;
    }
    clock.set(start() + Duration::days(DAYS));
    let (_stop, stop) = tokio::sync::watch::channel(false);
    assert_eq!(off.apply_retention(&stop).await.total(), 0);
    let all = DAYS * AIRCRAFT as i64 * FIXES;
    assert_eq!(w.count(Table::PositionHistory).await.unwrap(), all);

    // The service of an instance that is not the leader: another holds the lock.
    let p = Arc::new(pipeline_on(w.clone(), dir.path(), clock.clone(), retention()).await);
    let mut leader = w.leader_lock();
    assert!(leader.try_acquire().await.unwrap());
    let metrics = p.metrics().clone();
    let settings = pipeline::runner::ServiceSettings {
        scheduler: pipeline::runner::SchedulerSettings::default(),
        lock_poll: std::time::Duration::from_millis(100),
    };
    let (shutdown, stopped) = tokio::sync::watch::channel(false);
    let service = tokio::spawn(pipeline::runner::run_led(p.clone(), settings, stopped));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(w.count(Table::PositionHistory).await.unwrap(), all, "a standby deletes nothing");
    assert_eq!(partitions(&dir.path().join("lake")).len() as i64, DAYS);
    // Once it leads, it applies retention at once.
    leader.release().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !metrics.encode().contains(r#"skyboard_job_runs_total{job="retention"} 1"#) {
        assert!(std::time::Instant::now() < deadline, "the new leader applies retention");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let text = metrics.encode();
    let pruned = (DAYS - 7) * AIRCRAFT as i64 * FIXES;
    assert!(
        text.contains(&format!(r#"skyboard_retention_pruned_total{{table="position_history"}} {pruned}"#)),
        "{text}"
    );
    assert_eq!(w.count(Table::PositionHistory).await.unwrap(), 7 * AIRCRAFT as i64 * FIXES);
    let _ = shutdown.send(true);
    service.await.unwrap();
    assert_eq!(partitions(&dir.path().join("lake")).len(), 30, "the lake too");
    assert_eq!(w.count(Table::Flights).await.unwrap(), DAYS * LEGS as i64);
}
