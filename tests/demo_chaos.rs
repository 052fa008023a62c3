//! `--demo-chaos` for ten simulated minutes: the simulator answers 503s, stalls past the client's
//! timeout and cuts JSON short. The pipeline keeps every answer it received in the lake, the
//! warehouse has no duplicates, and the status bar shows the errors.

use chrono::{Duration, TimeZone, Utc};
use pipeline::clock::{SharedClock, TickingClock};
use pipeline::demo::{ChaosSettings, DemoCredentials, DemoServer, DemoWorld};
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, PipelineSettings, Stores};
use pipeline::sources::airlabs::AirlabsClient;
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::oauth::ClientCredentials;
use pipeline::sources::opensky::{BoundingBox, OpenskyClient};
use pipeline::sources::{HttpSettings, RateLimits, RetryPolicy, build_http_client};
use ratatui::{Terminal, backend::TestBackend};
use skyboard::tui::state::{Action, AppState, PipelineHealth, update};
use skyboard::tui::theme::Theme;
use sqlx::Row;
use std::sync::Arc;

/// Lake objects of the data endpoints the simulator serves (the daily reference refresh asks
/// for lists the simulator does not have; those 404s are filed too, but not counted here).
fn data_objects(lake: &std::path::Path) -> usize {
    let mut n = 0;
    let mut dirs = vec![lake.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.to_string_lossy().ends_with(".json.gz") {
                let s = p.to_string_lossy();
                if s.contains("/flightstatus-") || s.contains("/raw/airlabs/") || s.contains("/raw/opensky/") {
                    n += 1;
                }
            }
        }
    }
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_chaotic_minutes_lose_nothing_and_show_the_errors() {
    let start = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
    let clock = Arc::new(TickingClock::new(start));
    let shared: SharedClock = clock.clone();
    let chaos = ChaosSettings {
        server_error_percent: 12,
        stall_percent: 2,
        truncate_percent: 10,
        // Far past the client's timeout, which is itself far above a normal answer's time even
        // on a loaded machine: an answer is either received or never sent.
        stall: std::time::Duration::from_secs(7),
    };
    let creds = DemoCredentials::default();
    let demo =
        DemoServer::spawn_with_chaos(DemoWorld::embedded(42), shared.clone(), creds.clone(), 0, chaos).await.unwrap();
    let http = build_http_client(&HttpSettings {
        connect_timeout: std::time::Duration::from_secs(2),
        total_timeout: std::time::Duration::from_secs(4),
    })
    .unwrap();
    let retry = RetryPolicy {
        retries: 2,
        base_delay: std::time::Duration::from_millis(10),
        max_delay: std::time::Duration::from_millis(50),
    };
    let lufthansa = LufthansaClient::new(
        http.clone(),
        &demo.lufthansa_base_url(),
        LufthansaCredentials { client_id: creds.client_id.clone(), client_secret: creds.client_secret.clone() },
        shared.clone(),
    )
    .with_limits(RateLimits { per_second: 1_000, per_hour: 1_000_000 }, retry);
    let airlabs = AirlabsClient::new(http.clone(), &demo.airlabs_base_url(), creds.airlabs_key.clone(), shared.clone())
        .with_retry(retry);
    let opensky = OpenskyClient::new(
        http.clone(),
        &demo.opensky_base_url(),
        Some((
            ClientCredentials {
                client_id: creds.opensky_client_id.clone(),
                client_secret: creds.opensky_client_secret.clone(),
            },
            demo.opensky_token_url(),
        )),
        shared.clone(),
    )
    .with_retry(retry);

    let dir = tempfile::tempdir().unwrap();
    let warehouse =
        Arc::new(pipeline::warehouse::SqliteWarehouse::open(&dir.path().join("warehouse.sqlite")).await.unwrap());
    let stores = Stores {
        lake: Arc::new(pipeline::lake::LocalDirLake::new(dir.path().join("lake"))),
        staging: Arc::new(pipeline::staging::EmbeddedStaging::open(&dir.path().join("staging.sqlite")).await.unwrap()),
        warehouse: warehouse.clone(),
    };
    let settings = PipelineSettings {
        airports: vec!["FRA".into(), "MUC".into()],
        // Every cycle polls AirLabs (a generous plan), so chaos hits every kind of answer.
        airlabs_monthly_calls: u32::MAX,
        opensky_box: Some(BoundingBox { lamin: 46.0, lomin: 5.0, lamax: 54.0, lomax: 15.0 }),
        airlabs_box: Some(BoundingBox { lamin: 46.0, lomin: 5.0, lamax: 54.0, lomax: 15.0 }),
        ..PipelineSettings::default()
    };
    let pipeline = Pipeline::new(stores, Some(lufthansa), Reference::embedded(), shared.clone(), settings)
        .with_position_sources(Some(airlabs), Some(opensky));
    pipeline.prepare().await.unwrap();

    let mut state = AppState::new("FRA", "DEMO", start);
    let mut cycles_with_errors = 0;
    for _minute in 0..10 {
        let report = pipeline.run_cycle().await;
        eprintln!("{}", report.summary());
        assert!(report.store_errors.is_empty(), "{:?}", report.store_errors);
        update(&mut state, Action::Health(PipelineHealth::from_report(&report)));
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
        terminal.draw(|f| skyboard::tui::render::render(f, &state, Theme::MONO)).unwrap();
        let screen = terminal.backend().to_string();
        let expected = [
            (report.source_errors.len() as u64, "fetch errors"),
            (report.failed_attempts, "retried"),
            (report.bad_responses, "bad answers"),
        ];
        if expected.iter().any(|(n, _)| *n > 0) {
            cycles_with_errors += 1;
        }
        for (n, what) in expected.iter().filter(|(n, _)| *n > 0) {
            let shown = format!("{n} {what}");
            assert!(screen.contains(&shown), "the status bar should say {shown:?}:\n{screen}");
        }
        clock.base.advance(Duration::minutes(1));
    }
    let served = demo.served();
    assert!(served.server_errors > 0 && served.truncated > 0 && served.stalled > 0, "{served:?}");
    assert!(cycles_with_errors > 0, "chaos showed no errors in ten minutes");

    // Every answer the simulator completed reached the lake (stalled ones never reached us).
    assert_eq!(data_objects(&dir.path().join("lake")), served.answered as usize, "{served:?}");

    // No duplicates anywhere in the warehouse, and it holds the simulated world.
    let pool = warehouse.pool();
    // (A failed fetch has a run but no lake object: those runs are not keyed by one.)
    for (table, key) in [
        ("flights", "carrier, flight_number, origin, dep_local_date"),
        ("positions", "icao24"),
        ("position_history", "icao24, observed_at"),
        ("flight_codeshares", "carrier, flight_number, origin, dep_local_date, mkt_carrier, mkt_number"),
        ("pipeline_runs WHERE lake_key IS NOT NULL", "lake_key, stage"),
    ] {
        let sql = format!("SELECT COUNT(*) AS n FROM (SELECT {key} FROM {table} GROUP BY {key} HAVING COUNT(*) > 1)");
        let dupes: i64 = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap().get("n");
        assert_eq!(dupes, 0, "duplicates in {table}");
    }
    let flights: i64 = sqlx::query("SELECT COUNT(*) AS n FROM flights").fetch_one(pool).await.unwrap().get("n");
    let positions: i64 = sqlx::query("SELECT COUNT(*) AS n FROM positions").fetch_one(pool).await.unwrap().get("n");
    assert!(flights > 100 && positions > 50, "{flights} flights, {positions} positions");
}
