//! `replay`: a simulated day of live cycles (Lufthansa boards, AirLabs and OpenSky) fills a lake
//! and a warehouse; replaying that day's lake objects into an empty staging and warehouse gives
//! the same rows in every table. Replaying again changes nothing.

use chrono::{Duration, TimeZone, Utc};
use pipeline::clock::{Clock, SharedClock, TickingClock};
use pipeline::demo::{DemoCredentials, DemoServer, DemoWorld};
use pipeline::lake::LocalDirLake;
use pipeline::reference::Reference;
use pipeline::runner::{CycleReport, Pipeline, PipelineSettings, ReplayRange, Stores};
use pipeline::sources::airlabs::AirlabsClient;
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::oauth::ClientCredentials;
use pipeline::sources::opensky::OpenskyClient;
use pipeline::sources::{HttpSettings, RateLimits, RetryPolicy, build_http_client};
use pipeline::staging::EmbeddedStaging;
use pipeline::warehouse::SqliteWarehouse;
use sqlx::{Connection, SqliteConnection};
use std::path::Path;
use std::sync::Arc;
use support::sqlite_compare::{columns, count, difference};

mod support;

async fn stores(dir: &Path, lake: &Path) -> Stores {
    Stores {
        lake: Arc::new(LocalDirLake::new(lake.to_path_buf())),
        staging: Arc::new(EmbeddedStaging::open(&dir.join("staging.sqlite")).await.unwrap()),
        warehouse: Arc::new(SqliteWarehouse::open(&dir.join("warehouse.sqlite")).await.unwrap()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replaying_a_day_of_the_lake_rebuilds_the_same_warehouse() {
    let day = Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap();
    let clock = Arc::new(TickingClock::new(day + Duration::hours(5)));
    let shared: SharedClock = clock.clone();
    let creds = DemoCredentials::default();
    let demo = DemoServer::spawn(DemoWorld::embedded(7), shared.clone(), creds.clone(), 0).await.unwrap();
    let http = build_http_client(&HttpSettings::default()).unwrap();
    let lufthansa = LufthansaClient::new(
        http.clone(),
        &demo.lufthansa_base_url(),
        LufthansaCredentials { client_id: creds.client_id.clone(), client_secret: creds.client_secret.clone() },
        shared.clone(),
    )
    .with_limits(RateLimits { per_second: 1_000, per_hour: 1_000_000 }, RetryPolicy::default());
    let airlabs = AirlabsClient::new(http.clone(), &demo.airlabs_base_url(), creds.airlabs_key.clone(), shared.clone());
    let opensky = OpenskyClient::new(
        http.clone(),
        &demo.opensky_base_url(),
        Some((
            ClientCredentials {
                client_id: creds.opensky_client_id.clone(),
                client_secret: creds.opensky_client_secret,
            },
            demo.opensky_token_url(),
        )),
        shared.clone(),
    );
    let settings = PipelineSettings {
        airports: vec!["FRA".into(), "MUC".into()],
        airlabs_monthly_calls: u32::MAX,
        ..PipelineSettings::default()
    };

    // The live day: a cycle every 40 simulated minutes from 05:00 to 23:00.
    let dir = tempfile::tempdir().unwrap();
    let lake = dir.path().join("lake");
    let live_dir = dir.path().join("live");
    std::fs::create_dir_all(&live_dir).unwrap();
    let live = Pipeline::new(
        stores(&live_dir, &lake).await,
        Some(lufthansa),
        Reference::embedded(),
        shared.clone(),
        settings.clone(),
    )
    .with_position_sources(Some(airlabs), Some(opensky));
    live.prepare().await.unwrap();
    let mut responses = 0;
    while clock.base.now() < day + Duration::hours(23) {
        let report = live.run_cycle().await;
        assert!(report.store_errors.is_empty(), "{report:?}");
        responses += report.responses;
        clock.base.advance(Duration::minutes(40));
    }

    // Replay the day's lake into empty stores.
    let replay_dir = dir.path().join("replay");
    std::fs::create_dir_all(&replay_dir).unwrap();
    let replayer = Pipeline::new(stores(&replay_dir, &lake).await, None, Reference::embedded(), shared, settings);
    replayer.prepare().await.unwrap();
    let range = ReplayRange { since: day, until: day + Duration::days(1), source: None };
    let keys = replayer.replay_keys(&range).await.unwrap();
    assert_eq!(keys.len() as u64, responses, "every answer of the day is one lake object");
    assert!(keys.iter().any(|k| k.contains("/airlabs/")) && keys.iter().any(|k| k.contains("/opensky/")));
    let mut report = CycleReport::default();
    for key in &keys {
        assert!(replayer.replay_object(key, &mut report).await, "{key}: {report:?}");
    }
    assert!(report.store_errors.is_empty(), "{report:?}");

    let mut conn =
        SqliteConnection::connect(&format!("sqlite://{}", live_dir.join("warehouse.sqlite").display())).await.unwrap();
    let attach = format!("ATTACH DATABASE '{}' AS b", replay_dir.join("warehouse.sqlite").display());
    sqlx::raw_sql(sqlx::AssertSqlSafe(attach)).execute(&mut conn).await.unwrap();
    assert!(count(&mut conn, "main.flights").await > 300, "a day of two hubs");
    assert!(count(&mut conn, "main.position_history").await > 100);
    for table in [
        "flights",
        "flight_codeshares",
        "positions",
        "position_history",
        "airports",
        "airlines",
        "countries",
        "cities",
        "aircraft",
    ] {
        let cols = columns(&mut conn, table).await;
        assert_eq!(difference(&mut conn, table, &cols).await, 0, "{table} differs after replay");
    }
    // Rejections and the batches filed (their times are the replay's own).
    assert_eq!(difference(&mut conn, "rejects", "source, endpoint, lake_key, ordinal, natural_key, reason").await, 0);
    let runs = "source, endpoint, stage, lake_key, records, rejects, ok";
    let fetch_runs = "(SELECT * FROM main.pipeline_runs WHERE stage = 'fetch' AND lake_key IS NOT NULL)";
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT {runs} FROM {fetch_runs} EXCEPT SELECT {runs} FROM b.pipeline_runs WHERE stage = 'fetch')"
    );
    let missing_runs: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut conn).await.unwrap();
    assert_eq!(missing_runs, 0, "every batch of the live day has its run after replay");

    // Replaying again is a no-op.
    let replayed = ["b.flights", "b.position_history", "b.flight_codeshares", "b.rejects", "b.pipeline_runs"];
    let mut before = Vec::new();
    for t in replayed {
        before.push(count(&mut conn, t).await);
    }
    let mut again = CycleReport::default();
    for key in &keys {
        assert!(replayer.replay_object(key, &mut again).await);
    }
    assert!(again.store_errors.is_empty(), "{again:?}");
    let cols = columns(&mut conn, "flights").await;
    assert_eq!(difference(&mut conn, "flights", &cols).await, 0);
    let mut after = Vec::new();
    for t in replayed {
        after.push(count(&mut conn, t).await);
    }
    assert_eq!(before, after);
}
