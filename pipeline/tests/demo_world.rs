//! The demo world over HTTP: the same seed and clock give the same bytes, bad keys get the real
//! APIs' error answers, and at `--demo-speed 60` a minute of running moves the boards on.

mod support;

use chrono::Duration;
use pipeline::clock::{Clock, FixedClock, SharedClock};
use pipeline::demo::{DemoCredentials, DemoServer, DemoWorld};
use pipeline::model::BoardKind;
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, PipelineSettings};
use pipeline::warehouse::{BoardWindow, Warehouse};
use std::sync::Arc;

async fn lufthansa_token(http: &reqwest::Client, demo: &DemoServer) -> String {
    let d = DemoCredentials::default();
    let body: serde_json::Value = http
        .post(format!("{}/oauth/token", demo.lufthansa_base_url()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", d.client_id.expose()),
            ("client_secret", d.client_secret.expose()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["access_token"].as_str().unwrap().to_string()
}

/// Every data endpoint's answer, as bytes.
async fn answers(demo: &DemoServer) -> Vec<(String, u16, Vec<u8>)> {
    let http = reqwest::Client::new();
    let token = lufthansa_token(&http, demo).await;
    let key = DemoCredentials::default().airlabs_key;
    let lh = demo.lufthansa_base_url();
    let al = demo.airlabs_base_url();
    let lh_flight = DemoWorld::embedded(42)
        .services()
        .iter()
        .find(|s| s.carrier == "LH" && s.origin == "FRA")
        .map(|s| format!("LH{}", s.number))
        .unwrap();
    let urls = [
        format!("{lh}/operations/flightstatus/departures/FRA/2026-11-27T11:00?limit=50&offset=0"),
        format!("{lh}/operations/flightstatus/arrivals/MUC/2026-11-27T09:00?limit=50&offset=50"),
        format!("{lh}/operations/flightstatus/{lh_flight}/2026-11-27"),
        format!("{al}/flights?api_key={}&bbox=46,5,54,15", key.expose()),
        format!("{al}/schedules?api_key={}&dep_iata=FRA", key.expose()),
        format!("{}/states/all?lamin=46&lomin=5&lamax=54&lomax=15", demo.opensky_base_url()),
    ];
    let mut out = Vec::new();
    for url in urls {
        // Lufthansa wants its token; AirLabs takes the key in the query; OpenSky is anonymous.
        let request = http.get(&url);
        let request = if url.contains("/lufthansa/") { request.bearer_auth(&token) } else { request };
        let r = request.send().await.unwrap();
        let status = r.status().as_u16();
        out.push((url.split('/').skip(3).collect::<Vec<_>>().join("/"), status, r.bytes().await.unwrap().to_vec()));
    }
    out
}

#[tokio::test]
async fn the_same_seed_and_clock_give_byte_identical_answers() {
    let clock = support::fixed_clock();
    let a = DemoServer::spawn(DemoWorld::embedded(42), clock.clone(), DemoCredentials::default(), 0).await.unwrap();
    let b = DemoServer::spawn(DemoWorld::embedded(42), clock.clone(), DemoCredentials::default(), 0).await.unwrap();
    let other = DemoServer::spawn(DemoWorld::embedded(7), clock.clone(), DemoCredentials::default(), 0).await.unwrap();
    let (first, second, third) = (answers(&a).await, answers(&b).await, answers(&other).await);
    for ((path, status, body), (_, status_b, body_b)) in first.iter().zip(&second) {
        assert_eq!(*status, 200, "{path}: {}", String::from_utf8_lossy(body));
        assert!(body.len() > 100, "{path} answered almost nothing");
        assert_eq!((status, body), (status_b, body_b), "{path} differs between two servers with one seed");
    }
    let differing = first.iter().zip(&third).filter(|(x, y)| x.2 != y.2).count();
    assert!(differing >= 4, "another seed is another world ({differing} answers differ)");
}

#[tokio::test]
async fn bad_keys_get_the_real_error_answers() {
    let demo = support::demo(support::fixed_clock()).await;
    let http = reqwest::Client::new();
    let r =
        http.get(format!("{}/flights?api_key=wrong&bbox=46,5,54,15", demo.airlabs_base_url())).send().await.unwrap();
    assert_eq!(r.status(), 200, "AirLabs reports errors in the body");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unknown_api_key");
    let r = http
        .get(format!("{}/operations/flightstatus/departures/FRA/2026-11-27T10:00", demo.lufthansa_base_url()))
        .bearer_auth("stolen")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = http.get(format!("{}/states/all", demo.opensky_base_url())).bearer_auth("stolen").send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = http.get(format!("{}/states/all", demo.opensky_base_url())).send().await.unwrap();
    assert_eq!(r.status(), 200, "OpenSky serves anonymous callers");
    let body: serde_json::Value = r.json().await.unwrap();
    let states = body["states"].as_array().unwrap();
    assert!(states.len() > 300, "{} aircraft world-wide", states.len());
    assert!(states.iter().all(|s| s.as_array().unwrap().len() == 17));
}

/// `--demo-speed 60` runs the world an hour a minute: one minute of running later, the board's
/// statuses and times have moved.
#[tokio::test]
async fn at_demo_speed_60_a_minute_changes_the_board() {
    // The speed itself: a scaled clock runs sixty times faster than the wall clock.
    let start = support::fixed_clock().now();
    let scaled = pipeline::clock::ScaledClock::new(start, 60.0);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let moved = (scaled.now() - start).num_milliseconds();
    assert!((17_000..40_000).contains(&moved), "0.3 s at 60x is ~18 simulated seconds, got {moved} ms");

    // What a minute at that speed does to the board: the world and the pipeline an hour later.
    let clock = Arc::new(FixedClock::new(start));
    let shared: SharedClock = clock.clone();
    let demo = support::demo(shared.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let (stores, warehouse) = support::embedded_stores(dir.path()).await;
    let settings = PipelineSettings { airports: vec!["FRA".into()], ..PipelineSettings::default() };
    let pipeline = Pipeline::new(
        stores,
        Some(support::demo_client(&demo, shared.clone())),
        Reference::embedded(),
        shared,
        settings,
    );
    pipeline.prepare().await.unwrap();
    let board = || async {
        let b = warehouse.board("FRA", BoardKind::Departures, BoardWindow::around(start)).await.unwrap().unwrap();
        b.rows
            .iter()
            .map(|r| (format!("{}{}", r.key.carrier, r.key.number), (r.status, r.estimated, r.actual)))
            .collect::<std::collections::HashMap<_, _>>()
    };
    assert!(!pipeline.run_cycle().await.failed());
    let before = board().await;
    clock.advance(Duration::minutes(60));
    assert!(!pipeline.run_cycle().await.failed());
    let after = board().await;
    let status_changes = before.iter().filter(|(k, v)| after.get(*k).is_some_and(|a| a.0 != v.0)).count();
    let time_changes = before.iter().filter(|(k, v)| after.get(*k).is_some_and(|a| (a.1, a.2) != (v.1, v.2))).count();
    assert!(status_changes >= 5, "{status_changes} statuses changed in a simulated hour");
    assert!(time_changes >= 5, "{time_changes} estimated/actual times changed in a simulated hour");
}
