//! The scheduler: a job whose source hangs delays only itself — the board jobs keep their own
//! timers, the cleaner loads what they stage — and a shutdown waits for the hung answer's job
//! without starting anything new.
//!
//! The hang is the test's own, not a delay: the fake OpenSky holds its answer until the test
//! lets go, so "the boards ran while OpenSky hung" holds on any machine, however slow, and no
//! wall-clock bound decides the outcome (the deadlines only stop a test that would hang).

use chrono::{TimeZone, Utc};
use pipeline::clock::{FixedClock, SharedClock};
use pipeline::demo::{DemoCredentials, DemoServer, DemoWorld};
use pipeline::lake::LocalDirLake;
use pipeline::reference::Reference;
use pipeline::runner::{CLEANER_JOB, Pipeline, PipelineSettings, SchedulerSettings, Stores};
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::opensky::OpenskyClient;
use pipeline::sources::{HttpSettings, RateLimits, RetryPolicy, build_http_client};
use pipeline::staging::EmbeddedStaging;
use pipeline::warehouse::{SqliteWarehouse, Table, Warehouse};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// `name{job="…"} value` from the exposition.
fn value(text: &str, name: &str, job: &str) -> f64 {
    let prefix = format!("{name}{{job=\"{job}\"}} ");
    text.lines().find_map(|l| l.strip_prefix(&prefix)).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// An HTTP API that answers every request with `body`, but only once the test lets go
/// (`release`); `requests` counts the requests it holds or held.
struct HungApi {
    uri: String,
    requests: Arc<AtomicUsize>,
    release: tokio::sync::watch::Sender<bool>,
}

async fn hung_api(body: &'static str) -> HungApi {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let (release, released) = tokio::sync::watch::channel(false);
    let counter = requests.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (counter, mut released) = (counter.clone(), released.clone());
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let _ = released.wait_for(|go| *go).await;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    HungApi { uri, requests, release }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_source_delays_only_its_own_job() {
    let clock: SharedClock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()));
    let creds = DemoCredentials::default();
    let demo = DemoServer::spawn(DemoWorld::embedded(3), clock.clone(), creds.clone(), 0).await.unwrap();
    // OpenSky answers only when the test lets it (the client's timeout is far beyond the test).
    let opensky_api = hung_api(r#"{"time":1795780800,"states":null}"#).await;
    let http = build_http_client(&HttpSettings {
        connect_timeout: Duration::from_secs(10),
        total_timeout: Duration::from_secs(3_600),
    })
    .unwrap();
    let lufthansa = LufthansaClient::new(
        http.clone(),
        &demo.lufthansa_base_url(),
        LufthansaCredentials { client_id: creds.client_id, client_secret: creds.client_secret },
        clock.clone(),
    )
    .with_limits(RateLimits { per_second: 1_000, per_hour: 1_000_000 }, RetryPolicy::default());
    let opensky = OpenskyClient::new(http, &opensky_api.uri, None, clock.clone());

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
    // The metrics the pipeline's events move.
    let metrics = pipeline.metrics().clone();
    let scheduler =
        SchedulerSettings { concurrency: 2, clean_interval: Duration::from_millis(500), ..Default::default() };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let service = tokio::spawn(pipeline::runner::run_scheduled(pipeline.clone(), scheduler, stopped));

    // While OpenSky hangs, every board job runs again and again and the cleaner loads flights.
    let start = Instant::now();
    let deadline = Duration::from_secs(180);
    loop {
        let text = metrics.encode();
        let board_runs: f64 = ["FRA", "MUC"]
            .iter()
            .flat_map(|a| ["departures", "arrivals"].map(|k| format!("lufthansa/flightstatus-{k}/{a}")))
            .map(|job| value(&text, "skyboard_job_runs_total", &job))
            .fold(f64::INFINITY, f64::min);
        let opensky_asked = opensky_api.requests.load(Ordering::SeqCst) > 0;
        if opensky_asked && board_runs >= 3.0 && value(&text, "skyboard_records_loaded_total", CLEANER_JOB) > 0.0 {
            assert_eq!(value(&text, "skyboard_job_runs_total", "opensky/states-all"), 0.0, "OpenSky is still hung");
            break;
        }
        assert!(
            start.elapsed() < deadline,
            "the boards did not run three times while OpenSky hung (asked: {opensky_asked}):\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(warehouse.count(Table::Flights).await.unwrap() > 50);
    assert_eq!(opensky_api.requests.load(Ordering::SeqCst), 1, "one OpenSky request, still unanswered");

    // Shutdown: nothing new starts; the scheduler waits for the hung answer, which the test
    // gives only now, and files it.
    let mut service = service;
    let _ = stop.send(true);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!service.is_finished(), "the scheduler stopped without waiting for OpenSky's answer");
    opensky_api.release.send(true).unwrap();
    tokio::time::timeout(deadline, &mut service).await.expect("the scheduler stops").unwrap();
    let text = metrics.encode();
    assert_eq!(value(&text, "skyboard_job_runs_total", "opensky/states-all"), 1.0, "{text}");
    assert_eq!(value(&text, "skyboard_responses_total", "opensky/states-all"), 1.0, "{text}");
    assert_eq!(opensky_api.requests.load(Ordering::SeqCst), 1, "nothing new started after the stop");
}
