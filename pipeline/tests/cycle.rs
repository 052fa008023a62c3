//! One pipeline cycle against the demo simulator, into a temporary data directory, on the
//! embedded stack: lake directory, embedded staging, SQLite warehouse.

use chrono::{Duration, TimeZone, Utc};
use pipeline::clock::{Clock, FixedClock, SharedClock};
use pipeline::demo::{DemoCredentials, DemoServer, DemoWorld, progress_at};
use pipeline::lake::{Lake, LocalDirLake};
use pipeline::model::{BoardKind, FlightStatus};
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, PipelineSettings, Stores};
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::{HttpSettings, build_http_client};
use pipeline::staging::EmbeddedStaging;
use pipeline::warehouse::{BoardWindow, SqliteWarehouse, Table, Warehouse};
use sqlx::Row;
use std::sync::Arc;

struct Harness {
    pipeline: Pipeline,
    warehouse: Arc<SqliteWarehouse>,
    lake: Arc<LocalDirLake>,
    clock: Arc<FixedClock>,
    _demo: DemoServer,
    _dir: tempfile::TempDir,
}

async fn harness(credentials: LufthansaCredentials) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()));
    let shared: SharedClock = clock.clone();
    let demo = DemoServer::spawn(DemoWorld::embedded(42), shared.clone(), DemoCredentials::default(), 0).await.unwrap();
    let lake = Arc::new(LocalDirLake::new(dir.path().join("lake")));
    let staging = Arc::new(EmbeddedStaging::open(&dir.path().join("staging.sqlite")).await.unwrap());
    let warehouse = Arc::new(SqliteWarehouse::open(&dir.path().join("warehouse.sqlite")).await.unwrap());
    let client = LufthansaClient::new(
        build_http_client(&HttpSettings::default()).unwrap(),
        &demo.lufthansa_base_url(),
        credentials,
        shared.clone(),
    );
    let stores = Stores { lake: lake.clone(), staging, warehouse: warehouse.clone() };
    let pipeline = Pipeline::new(stores, Some(client), Reference::embedded(), shared, PipelineSettings::default());
    pipeline.prepare().await.unwrap();
    Harness { pipeline, warehouse, lake, clock, _demo: demo, _dir: dir }
}

fn demo_credentials() -> LufthansaCredentials {
    let d = DemoCredentials::default();
    LufthansaCredentials { client_id: d.client_id, client_secret: d.client_secret }
}

#[tokio::test]
async fn one_cycle_fills_the_warehouse_and_a_second_adds_no_duplicates() {
    let h = harness(demo_credentials()).await;
    let report = h.pipeline.run_cycle().await;
    assert!(!report.failed(), "{report:?}");
    assert!(report.source_errors.is_empty() && report.store_errors.is_empty(), "{report:?}");
    let flights = h.warehouse.count(Table::Flights).await.unwrap();
    assert!(flights >= 100, "only {flights} flights");
    assert_eq!(report.rejects, 0);

    // Every response is in the lake, exactly once.
    let keys = h.lake.list("raw/lufthansa/").await.unwrap();
    assert_eq!(keys.len() as u64, report.responses);

    // Same clock, same answers: nothing new, nothing duplicated.
    let again = h.pipeline.run_cycle().await;
    assert!(!again.failed());
    assert_eq!(h.warehouse.count(Table::Flights).await.unwrap(), flights);
    let dupes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT carrier, flight_number, origin, dep_local_date FROM flights GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1)",
    )
    .fetch_one(h.warehouse.pool())
    .await
    .unwrap();
    assert_eq!(dupes, 0);

    // Later, the same flights move on: still no new rows for the same legs.
    h.clock.advance(Duration::minutes(30));
    assert!(!h.pipeline.run_cycle().await.failed());
    let dupes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) - COUNT(DISTINCT carrier || flight_number || origin || dep_local_date) FROM flights",
    )
    .fetch_one(h.warehouse.pool())
    .await
    .unwrap();
    assert_eq!(dupes, 0);
}

#[tokio::test]
async fn warehouse_rows_match_what_the_world_says() {
    let h = harness(demo_credentials()).await;
    let now = h.clock.now();
    assert!(!h.pipeline.run_cycle().await.failed());
    let world = DemoWorld::embedded(42);
    let fra = world.flights_at("FRA", true, now - Duration::hours(1), now + Duration::hours(4));
    assert!(fra.len() > 20);
    for f in &fra {
        let p = progress_at(&world, f, now);
        let row = sqlx::query(
            "SELECT destination, sched_dep_utc, act_dep_utc, est_dep_utc, status, dep_gate FROM flights
             WHERE carrier = ? AND flight_number = ? AND origin = 'FRA' AND dep_local_date = ?",
        )
        .bind(&f.service.carrier)
        .bind(&f.service.number)
        .bind(f.date)
        .fetch_one(h.warehouse.pool())
        .await
        .unwrap_or_else(|e| panic!("{}{} {}: {e}", f.service.carrier, f.service.number, f.date));
        assert_eq!(row.get::<String, _>("destination"), f.service.destination);
        assert_eq!(row.get::<chrono::DateTime<Utc>, _>("sched_dep_utc"), f.sched_dep);
        let status = FlightStatus::parse(&row.get::<String, _>("status"));
        let expected_dep = f.sched_dep + Duration::minutes(p.dep_delay);
        let estimated_dep = f.sched_dep + Duration::minutes(p.est_dep_delay);
        if p.cancelled {
            assert_eq!(status, FlightStatus::Cancelled);
            assert_eq!(row.get::<Option<chrono::DateTime<Utc>>, _>("act_dep_utc"), None);
        } else if p.departed {
            assert!(
                matches!(status, FlightStatus::Departed | FlightStatus::Landed | FlightStatus::Diverted),
                "{status:?}"
            );
            assert_eq!(row.get::<Option<chrono::DateTime<Utc>>, _>("act_dep_utc"), Some(expected_dep));
        } else if p.estimates_known {
            assert_eq!(status, FlightStatus::Scheduled);
            assert_eq!(row.get::<Option<chrono::DateTime<Utc>>, _>("est_dep_utc"), Some(estimated_dep));
        }
        assert_eq!(row.get::<Option<String>, _>("dep_gate"), Some(p.dep_gate.clone()));
    }

    // The board query shows them in schedule order with city names.
    let board = h.warehouse.board("FRA", BoardKind::Departures, BoardWindow::around(now)).await.unwrap().unwrap();
    assert!(board.rows.len() >= 20, "{} rows", board.rows.len());
    assert!(board.rows.windows(2).all(|w| w[0].scheduled <= w[1].scheduled));
    assert!(board.rows.iter().all(|r| r.other_city.is_some()));
    let arrivals = h.warehouse.board("FRA", BoardKind::Arrivals, BoardWindow::around(now)).await.unwrap().unwrap();
    assert!(arrivals.rows.len() >= 20);
    assert!(h.warehouse.freshness().await.unwrap().newest_observation == Some(now));
}

#[tokio::test]
async fn bad_credentials_fail_the_cycle_without_store_damage() {
    let h = harness(LufthansaCredentials {
        client_id: pipeline::secret::Secret::new("wrong"),
        client_secret: pipeline::secret::Secret::new("nope"),
    })
    .await;
    let report = h.pipeline.run_cycle().await;
    assert!(report.failed(), "no source answered: the cycle failed");
    assert!(report.store_errors.is_empty());
    assert!(
        report.source_errors.iter().all(|e| e.message.contains("authentication failed (HTTP 401)")),
        "{:?}",
        report.source_errors
    );
    assert!(report.source_errors.iter().all(|e| !e.message.contains("nope")), "no secret in errors");
    assert_eq!(h.warehouse.count(Table::Flights).await.unwrap(), 0);
    // Every failed fetch is in the runs table.
    assert!(h.warehouse.count(Table::PipelineRuns).await.unwrap() >= 30);
}
