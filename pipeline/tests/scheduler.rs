//! The scheduler: a job whose source hangs delays only itself — the board jobs keep their own
//! timers, the cleaner loads what they stage — and a shutdown waits for the hung answer's job
//! without starting anything new.

use chrono::{TimeZone, Utc};
use pipeline::clock::{FixedClock, SharedClock};
use pipeline::demo::{DemoCredentials, DemoServer, DemoWorld};
use pipeline::lake::LocalDirLake;
use pipeline::reference::Reference;
use pipeline::runner::{CLEANER_JOB, Metrics, Pipeline, PipelineSettings, RunObservers, SchedulerSettings, Stores};
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::opensky::OpenskyClient;
use pipeline::sources::{HttpSettings, RateLimits, RetryPolicy, build_http_client};
use pipeline::staging::EmbeddedStaging;
use pipeline::warehouse::{SqliteWarehouse, Table, Warehouse};
use std::sync::Arc;
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `name{job="…"} value` from the exposition.
fn value(text: &str, name: &str, job: &str) -> f64 {
    let prefix = format!("{name}{{job=\"{job}\"}} ");
    text.lines().find_map(|l| l.strip_prefix(&prefix)).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_source_delays_only_its_own_job() {
    let clock: SharedClock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()));
    let creds = DemoCredentials::default();
    let demo = DemoServer::spawn(DemoWorld::embedded(3), clock.clone(), creds.clone(), 0).await.unwrap();
    // OpenSky answers, but only after 12 s (within the client's timeout).
    let opensky_api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/states/all"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"time":1795780800,"states":null}"#)
                .set_delay(Duration::from_secs(12)),
        )
        .mount(&opensky_api)
        .await;
    let http = build_http_client(&HttpSettings {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(30),
    })
    .unwrap();
    let lufthansa = LufthansaClient::new(
        http.clone(),
        &demo.lufthansa_base_url(),
        LufthansaCredentials { client_id: creds.client_id, client_secret: creds.client_secret },
        clock.clone(),
    )
    .with_limits(RateLimits { per_second: 1_000, per_hour: 1_000_000 }, RetryPolicy::default());
    let opensky = OpenskyClient::new(http, &opensky_api.uri(), None, clock.clone());

    let dir = tempfile::tempdir().unwrap();
    let warehouse = Arc::new(SqliteWarehouse::open(&dir.path().join("warehouse.sqlite")).await.unwrap());
    let stores = Stores {
        lake: Arc::new(LocalDirLake::new(dir.path().join("lake"))),
        staging: Arc::new(EmbeddedStaging::open(&dir.path().join("staging.sqlite")).await.unwrap()),
        warehouse: warehouse.clone(),
    };
    let settings = PipelineSettings {
        airports: vec!["FRA".into(), "MUC".into()],
        interval: Duration::from_secs(1),
        ..PipelineSettings::default()
    };
    let pipeline = Arc::new(
        Pipeline::new(stores, Some(lufthansa), Reference::embedded(), clock, settings)
            .with_position_sources(None, Some(opensky)),
    );
    pipeline.prepare().await.unwrap();
    let jobs = pipeline.jobs();
    assert_eq!(jobs.iter().filter(|j| j.name.starts_with("lufthansa/flightstatus-")).count(), 4);
    assert!(jobs.iter().any(|j| j.name == "opensky/states-all"));

    // Two fetch slots for six jobs, one of them hung.
    let metrics = Arc::new(Metrics::new());
    let observers = RunObservers { metrics: metrics.clone(), reports: None };
    let scheduler =
        SchedulerSettings { concurrency: 2, clean_interval: Duration::from_millis(500), ..Default::default() };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let service = tokio::spawn(pipeline::runner::run_scheduled(pipeline.clone(), scheduler, observers, stopped));

    // While OpenSky hangs, every board job runs again and again and the cleaner loads flights.
    let start = Instant::now();
    loop {
        let text = metrics.encode();
        let board_runs: f64 = ["FRA", "MUC"]
            .iter()
            .flat_map(|a| ["departures", "arrivals"].map(|k| format!("lufthansa/flightstatus-{k}/{a}")))
            .map(|job| value(&text, "skyboard_job_runs_total", &job))
            .fold(f64::INFINITY, f64::min);
        if board_runs >= 3.0 && value(&text, "skyboard_records_loaded_total", CLEANER_JOB) > 0.0 {
            assert_eq!(value(&text, "skyboard_job_runs_total", "opensky/states-all"), 0.0, "OpenSky is still hung");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(11), "the boards were held up by OpenSky:\n{text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(warehouse.count(Table::Flights).await.unwrap() > 50);

    // Shutdown: nothing new starts; the hung answer is waited for, then filed.
    let _ = stop.send(true);
    tokio::time::timeout(Duration::from_secs(30), service).await.expect("the scheduler stops").unwrap();
    let text = metrics.encode();
    assert_eq!(value(&text, "skyboard_job_runs_total", "opensky/states-all"), 1.0, "{text}");
    assert_eq!(value(&text, "skyboard_responses_total", "opensky/states-all"), 1.0, "{text}");
}
