//! The fault matrix: one pipeline cycle under each fault, then recovery once it clears. For every
//! fault: no panic, every answer that arrived is in the lake (the fault's own body included), no
//! partial or duplicate rows, and the next cycle after the fault loads everything. The README's
//! "Fault matrix" table names these tests.
//!
//! "No duplicates" is checked where a duplicate can happen (`support::duplicates`: runs,
//! rejections, position and status history, codeshares, on the rows' logical identity), after
//! the fault and again after the recovery, and after the recovery with the counts the test
//! knows: the healed answer's legs, statuses and codeshares, one fetch run per lake object and
//! one lake object per fetch run, every staged record loaded once (or, where staging failed, at
//! least once), every rejection the cycles reported stored once.

mod support;

use pipeline::clock::FixedClock;
use pipeline::lake::{S3Lake, S3Location};
use pipeline::reference::Reference;
use pipeline::runner::{CycleReport, Pipeline, PipelineSettings, Stage, StoreKind, Stores};
use pipeline::warehouse::{SqliteWarehouse, Table, Warehouse};
use std::sync::Arc;
use std::time::Duration;
use support::duplicates::assert_no_duplicates_sqlite;
use support::faults::{FullDisk, PrivateMongo};
use support::lufthansa_fake::{FLIGHT, board_page, fast_retry, http, lufthansa, token_any};
use support::run_ties::{Known, assert_no_duplicates};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// FRA's departure windows; arrivals get wiremock's 404 (an empty window).
const DEPARTURES: &str = "^/operations/flightstatus/departures/FRA/";

/// The answer once a fault clears: three legs (AC 1…3, FRA→YYZ, scheduled), each also sold as
/// an LH and a UA flight: 3 flights, 3 statuses, 6 codeshares.
fn healed_page() -> String {
    let flights: Vec<String> = (1..=3)
        .map(|i| {
            FLIGHT.replace("NUM", &i.to_string()).replace(
                r#""OperatingCarrier""#,
                &format!(
                    r#""MarketingCarrier":[{{"AirlineID":"LH","FlightNumber":"{}"}},{{"AirlineID":"UA","FlightNumber":"{}"}}],"OperatingCarrier""#,
                    6700 + i,
                    8800 + i
                ),
            )
        })
        .collect();
    format!(
        r#"{{"FlightStatusResource":{{"Flights":{{"Flight":[{}]}},"Meta":{{"@Version":"1.0.0","TotalCount":3}}}}}}"#,
        flights.join(",")
    )
}

struct Rig {
    server: MockServer,
    pipeline: Pipeline,
    stores: Stores,
    warehouse: Arc<SqliteWarehouse>,
    clock: Arc<FixedClock>,
    /// Lake objects after the last cycle (the lake never loses one).
    lake_objects: usize,
    /// Rejections the cycles reported, in all.
    rejects_reported: u64,
    _dir: tempfile::TempDir,
}

impl Rig {
    async fn new() -> Self {
        Self::with(|stores| stores, None).await
    }

    /// A rig whose stores `adapt` may replace, and whose client may have its own timeout.
    async fn with(adapt: impl FnOnce(Stores) -> Stores, timeout: Option<Duration>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let server = MockServer::start().await;
        token_any(&server).await;
        let (stores, warehouse) = support::embedded_stores(dir.path()).await;
        let stores = adapt(stores);
        let clock = support::fixed_clock();
        let client = match timeout {
            Some(t) => pipeline::sources::lufthansa::LufthansaClient::new(
                http(t),
                &server.uri(),
                pipeline::sources::lufthansa::LufthansaCredentials {
                    client_id: pipeline::secret::Secret::new("lh-id-123"),
                    client_secret: pipeline::secret::Secret::new("lh-secret-456"),
                },
                clock.clone(),
            )
            .with_limits(pipeline::sources::RateLimits { per_second: 50, per_hour: 1000 }, fast_retry()),
            None => lufthansa(&server),
        };
        let settings = PipelineSettings { airports: vec!["FRA".into()], ..Default::default() };
        let pipeline = Pipeline::new(stores.clone(), Some(client), Reference::embedded(), clock.clone(), settings);
        pipeline.prepare().await.unwrap();
        Self { server, pipeline, stores, warehouse, clock, lake_objects: 0, rejects_reported: 0, _dir: dir }
    }

    /// Every departures window answers with `fault`.
    async fn fault(&self, fault: ResponseTemplate) {
        Mock::given(method("GET")).and(path_regex(DEPARTURES)).respond_with(fault).mount(&self.server).await;
    }

    /// The fault clears: every departures window has the same three flights ([`healed_page`]).
    async fn heal(&self) {
        self.server.reset().await;
        token_any(&self.server).await;
        self.fault(ResponseTemplate::new(200).set_body_string(healed_page())).await;
    }

    /// One cycle; afterwards every answer that arrived is in the lake: the lake keeps one
    /// object per distinct (URL, body), so it holds at least one object per URL answered in
    /// this cycle, and it never shrinks.
    async fn cycle(&mut self) -> CycleReport {
        let report = self.pipeline.run_cycle().await;
        self.rejects_reported += report.rejects;
        let objects = self.stores.lake.list("raw/").await.map(|k| k.len()).unwrap_or(self.lake_objects);
        assert!(objects >= self.lake_objects, "the lake lost objects: {objects} < {}", self.lake_objects);
        self.lake_objects = objects;
        report
    }

    async fn flights(&self) -> i64 {
        self.warehouse.count(Table::Flights).await.unwrap()
    }

    async fn count(&self, table: Table) -> i64 {
        self.warehouse.count(table).await.unwrap()
    }

    /// No duplicate, and every count the rig knows (once the fault has cleared: while it lasts,
    /// run records and rejections may wait for the next load).
    async fn assert_no_duplicates(&self) {
        let known = Known { fetched_all: true, rejects_reported: Some(self.rejects_reported) };
        assert_no_duplicates(&self.warehouse, &self.stores, known).await;
    }

    /// The fault's body is in the lake exactly as received.
    async fn assert_lake_has(&self, body: &[u8]) {
        for key in self.stores.lake.list("raw/lufthansa/").await.unwrap() {
            if self.stores.lake.get(&key).await.unwrap().1 == body {
                return;
            }
        }
        panic!("{:?} is not in the lake", String::from_utf8_lossy(&body[..body.len().min(60)]));
    }

    /// After the fault: no duplicate; a clean cycle loads the three flights with their statuses
    /// and codeshares, and another adds nothing.
    async fn assert_recovers(&mut self) {
        let mut conn = self.warehouse.pool().acquire().await.unwrap();
        assert_no_duplicates_sqlite(&mut conn).await;
        drop(conn);
        self.heal().await;
        let report = self.cycle().await;
        assert!(report.source_errors.is_empty() && report.store_errors.is_empty(), "{}", report.summary());
        self.assert_healed_rows(&report.summary()).await;
        self.cycle().await;
        self.assert_healed_rows("the cycle after").await;
        self.assert_no_duplicates().await;
        self.assert_lake_has(healed_page().as_bytes()).await;
    }

    /// The healed answer's rows, exactly: 3 legs, one status each, 6 codeshares, no positions.
    async fn assert_healed_rows(&self, context: &str) {
        let counts = [
            self.count(Table::Flights).await,
            self.count(Table::StatusHistory).await,
            self.count(Table::Codeshares).await,
            self.count(Table::PositionHistory).await,
        ];
        assert_eq!(counts, [3, 3, 6, 0], "flights, statuses, codeshares, position history: {context}");
    }
}

#[tokio::test]
async fn api_5xx_answers_are_kept_retried_and_reported() {
    let mut rig = Rig::new().await;
    rig.fault(ResponseTemplate::new(503).set_body_string("<html>Service Unavailable</html>")).await;
    let report = rig.cycle().await;
    assert!(!report.source_errors.is_empty(), "{}", report.summary());
    assert!(report.failed_attempts > 0, "the retried answers are counted: {}", report.summary());
    assert_eq!(rig.flights().await, 0);
    rig.assert_lake_has(b"<html>Service Unavailable</html>").await;
    rig.assert_recovers().await;
}

#[tokio::test]
async fn a_timeout_is_retried_reported_and_stores_nothing_partial() {
    let mut rig = Rig::with(|s| s, Some(Duration::from_millis(300))).await;
    rig.fault(ResponseTemplate::new(200).set_body_string(board_page(0, 3, 3)).set_delay(Duration::from_secs(2))).await;
    let report = rig.cycle().await;
    assert!(report.source_errors.iter().any(|e| e.message.contains("timed out")), "{}", report.summary());
    assert_eq!(rig.flights().await, 0);
    rig.assert_recovers().await;
}

#[tokio::test]
async fn a_truncated_body_is_kept_in_the_lake_and_rejected_whole() {
    let mut rig = Rig::new().await;
    let whole = board_page(0, 3, 3);
    let truncated = &whole[..whole.len() / 2];
    rig.fault(ResponseTemplate::new(200).set_body_string(truncated)).await;
    let report = rig.cycle().await;
    assert!(report.bad_responses > 0, "{}", report.summary());
    assert_eq!(rig.flights().await, 0, "nothing half-parsed reaches the warehouse");
    let reasons: Vec<String> =
        sqlx::query_scalar("SELECT reason FROM rejects").fetch_all(rig.warehouse.pool()).await.unwrap();
    assert!(reasons.iter().any(|r| r.starts_with("malformed JSON")), "{reasons:?}");
    rig.assert_lake_has(truncated.as_bytes()).await;
    rig.assert_recovers().await;
}

#[tokio::test]
async fn a_wrong_content_type_is_kept_and_rejected_with_a_reason() {
    let mut rig = Rig::new().await;
    rig.fault(
        ResponseTemplate::new(200)
            .insert_header("content-type", "text/html")
            .set_body_string("<html><body>Scheduled maintenance</body></html>"),
    )
    .await;
    let report = rig.cycle().await;
    assert!(report.bad_responses > 0, "{}", report.summary());
    assert_eq!(rig.flights().await, 0);
    let rejects = rig.warehouse.count(Table::Rejects).await.unwrap();
    assert!(rejects > 0, "the answers are rejected on record");
    rig.assert_lake_has(b"<html><body>Scheduled maintenance</body></html>").await;
    rig.assert_recovers().await;
}

#[tokio::test]
async fn a_huge_body_is_refused_at_the_limit_and_the_cycle_goes_on() {
    let mut rig = Rig::new().await;
    let huge = vec![b' '; pipeline::sources::MAX_BODY_BYTES + 1];
    rig.fault(ResponseTemplate::new(200).set_body_bytes(huge)).await;
    let report = rig.cycle().await;
    assert!(report.source_errors.iter().any(|e| e.message.contains("larger than")), "{}", report.summary());
    assert_eq!(rig.flights().await, 0);
    rig.assert_recovers().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_answering_errors_stops_the_batch_before_staging_until_it_heals() {
    // An S3 endpoint that answers every request with 500 InternalError (as S3 does when it has
    // a bad moment); later a real S3 server (s3s-fs) takes over the same address.
    let addr = support::free_addr();
    let failing = MockServer::builder().listener(std::net::TcpListener::bind(addr).unwrap()).start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(500).insert_header("content-type", "application/xml").set_body_string(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>",
        ))
        .mount(&failing)
        .await;
    let bucket = support::unique("faulty").replace('_', "-");
    let lake = Arc::new(S3Lake::with_client(
        support::s3_client(addr),
        S3Location { bucket: bucket.clone(), prefix: String::new() },
    ));
    let lake_for_stores = lake.clone();
    let mut rig = Rig::with(move |s| Stores { lake: lake_for_stores, ..s }, None).await;
    rig.heal().await;
    let report = rig.cycle().await;
    assert!(report.failed(), "{}", report.summary());
    assert!(
        report.store_errors.iter().any(|e| e.store_kind() == Some(StoreKind::Lake) && e.stage == Stage::Lake),
        "a typed lake failure: {:?}",
        report.store_errors
    );
    assert!(report.store_errors.iter().any(|e| e.message.contains("lake write")), "{:?}", report.store_errors);
    assert_eq!(report.records_staged, 0, "nothing is staged that the lake does not hold");
    assert_eq!(rig.flights().await, 0);
    let failed_runs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pipeline_runs WHERE stage = 'lake' AND ok = 0")
        .fetch_one(rig.warehouse.pool())
        .await
        .unwrap();
    assert!(failed_runs > 0, "the failures are on record");
    drop(failing);
    // The address is free once the fake's last connection has closed.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::net::TcpListener::bind(addr).is_err() {
        assert!(std::time::Instant::now() < deadline, "{addr} stayed busy");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let s3_dir = tempfile::tempdir().unwrap();
    support::spawn_s3_at(s3_dir.path(), addr).await;
    lake.ensure_bucket().await.unwrap();
    rig.lake_objects = 0;
    rig.assert_recovers().await;
}

#[tokio::test]
async fn a_full_disk_under_the_lake_stops_the_batch_and_nothing_is_half_written() {
    let mut rig = Rig::new().await;
    let lake_dir = rig._dir.path().join("lake");
    let disk = FullDisk::mount(&lake_dir);
    rig.heal().await;
    let report = rig.cycle().await;
    assert!(report.failed(), "{}", report.summary());
    assert!(
        report.store_errors.iter().any(|e| e.store_kind() == Some(StoreKind::Lake) && e.stage == Stage::Lake),
        "a typed lake failure: {:?}",
        report.store_errors
    );
    assert!(report.store_errors.iter().any(|e| e.message.contains("lake write")), "{:?}", report.store_errors);
    assert_eq!(report.records_staged, 0);
    assert_eq!(rig.flights().await, 0);
    let listed = rig.stores.lake.list("raw/").await.unwrap();
    assert!(listed.is_empty(), "no partial object is left behind: {listed:?}");
    disk.free();
    rig.assert_recovers().await;
    drop(disk);
}

#[tokio::test]
async fn clock_jumps_back_and_forward_lose_nothing_and_never_roll_data_back() {
    let mut rig = Rig::new().await;
    rig.heal().await;
    let t0 = pipeline::clock::Clock::now(rig.clock.as_ref());
    rig.cycle().await;
    rig.assert_healed_rows("the first cycle").await;
    let newest: String =
        sqlx::query_scalar("SELECT MAX(observed_at) FROM flights").fetch_one(rig.warehouse.pool()).await.unwrap();
    // Back three hours (an NTP step): the answers are kept, the older observation loses.
    rig.clock.set(t0 - chrono::Duration::hours(3));
    let report = rig.cycle().await;
    assert!(report.source_errors.is_empty() && report.store_errors.is_empty(), "{}", report.summary());
    let after: String =
        sqlx::query_scalar("SELECT MAX(observed_at) FROM flights").fetch_one(rig.warehouse.pool()).await.unwrap();
    assert_eq!(after, newest, "an observation stamped earlier does not overwrite a newer one");
    rig.assert_healed_rows("three hours back").await;
    // Forward a day: fine too, and still one row per leg.
    rig.clock.set(t0 + chrono::Duration::days(1));
    let report = rig.cycle().await;
    assert!(report.source_errors.is_empty() && report.store_errors.is_empty(), "{}", report.summary());
    rig.assert_healed_rows("a day later").await;
    rig.assert_no_duplicates().await;
    rig.assert_lake_has(healed_page().as_bytes()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staging_server_stopped_mid_batch_keeps_the_answers_in_the_lake_and_catches_up() {
    let data = tempfile::tempdir().unwrap();
    let port = support::free_addr().port();
    let mut mongo = PrivateMongo::start(port, data.path()).await;
    let staging = Arc::new(pipeline::staging::MongoStaging::connect(&mongo.url()).await.unwrap());
    let staging_for_stores = staging.clone();
    let mut rig = Rig::with(move |s| Stores { staging: staging_for_stores, ..s }, None).await;
    // Slow answers, so the server can be stopped while the batch is on its way to staging.
    rig.server.reset().await;
    token_any(&rig.server).await;
    rig.fault(ResponseTemplate::new(200).set_body_string(board_page(0, 3, 3)).set_delay(Duration::from_millis(400)))
        .await;
    let cycle = {
        let pipeline = &rig.pipeline;
        let kill_soon = async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            mongo.kill();
        };
        let (report, ()) = tokio::join!(pipeline.run_cycle(), kill_soon);
        report
    };
    rig.rejects_reported += cycle.rejects;
    assert!(cycle.failed(), "{}", cycle.summary());
    assert!(!cycle.store_errors.is_empty(), "{}", cycle.summary());
    // Every answer that arrived went to the lake first.
    rig.assert_lake_has(board_page(0, 3, 3).as_bytes()).await;
    let in_lake = pipeline::lake::Lake::list(rig.stores.lake.as_ref(), "raw/").await.unwrap().len();
    assert!(in_lake as u64 >= cycle.responses.min(1), "{in_lake} objects");
    assert_eq!(rig.flights().await, 0, "no partial batch in the warehouse");

    // The server comes back on its data: the next cycles stage and load everything, once.
    let dir = mongo.dir.clone();
    drop(mongo);
    let _mongo = PrivateMongo::start(port, &dir).await;
    rig.assert_recovers().await;
}
