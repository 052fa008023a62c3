//! Real test services: an in-process S3 server (s3s-fs), the MongoDB-wire server and MariaDB
//! that scripts/test.sh starts (their URLs in SKYBOARD_TEST_MONGO_URL / SKYBOARD_TEST_MYSQL_URL).
//! Every test gets its own bucket and databases and drops them at the end.
#![allow(dead_code)]

pub mod duplicates;
pub mod faults;
pub mod lufthansa_fake;
pub mod run_ties;
pub mod sqlite_compare;

use chrono::{TimeZone, Utc};
use pipeline::clock::{FixedClock, SharedClock};
use pipeline::demo::{DemoCredentials, DemoServer, DemoWorld};
use pipeline::lake::{S3Lake, S3Location};
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, PipelineSettings, Stores};
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::{HttpSettings, build_http_client};
use pipeline::staging::{EmbeddedStaging, MongoStaging};
use pipeline::warehouse::{MySqlWarehouse, SqliteWarehouse};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

pub const S3_ACCESS_KEY: &str = "skyboard-test";
pub const S3_SECRET_KEY: &str = "skyboard-test-secret";

pub fn mysql_base() -> String {
    std::env::var("SKYBOARD_TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into())
}

pub fn mongo_base() -> String {
    std::env::var("SKYBOARD_TEST_MONGO_URL").unwrap_or_else(|_| {
        panic!("SKYBOARD_TEST_MONGO_URL is not set: run scripts/test.sh, which starts a MongoDB-wire server")
    })
}

/// A name unique to this test process and call: `skyboard_t_<pid>_<n>_<tag>`.
pub fn unique(tag: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!("skyboard_t_{}_{}_{tag}", std::process::id(), N.fetch_add(1, Ordering::SeqCst))
}

/// `mongodb://host:port/?directConnection=true` + database → `mongodb://host:port/db?…`.
pub fn mongo_url(db: &str) -> String {
    let base = mongo_base();
    let (head, query) = base.split_once('?').unwrap_or((&base, ""));
    let head = head.trim_end_matches('/');
    if query.is_empty() { format!("{head}/{db}?directConnection=true") } else { format!("{head}/{db}?{query}") }
}

pub fn mysql_url(db: &str) -> String {
    format!("{}/{db}", mysql_base().trim_end_matches('/'))
}

/// An S3 server on a loopback port, storing in `root`, checking SigV4 signatures.
pub async fn spawn_s3(root: &std::path::Path) -> std::net::SocketAddr {
    spawn_s3_at(root, "127.0.0.1:0".parse().unwrap()).await
}

/// A loopback address where nothing listens (yet).
pub fn free_addr() -> std::net::SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap()
}

/// An S3 server at `addr` (port 0 for any free port).
pub async fn spawn_s3_at(root: &std::path::Path, addr: std::net::SocketAddr) -> std::net::SocketAddr {
    std::fs::create_dir_all(root).unwrap();
    let fs = s3s_fs::FileSystem::new(root).unwrap();
    let mut builder = s3s::service::S3ServiceBuilder::new(fs);
    builder.set_auth(s3s::auth::SimpleAuth::from_single(S3_ACCESS_KEY, S3_SECRET_KEY));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let http = hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
        loop {
            let Ok((sock, _)) = listener.accept().await else { continue };
            let conn = http.serve_connection(hyper_util::rt::TokioIo::new(sock), service.clone()).into_owned();
            tokio::spawn(async move {
                let _ = conn.await;
            });
        }
    });
    addr
}

/// An S3 client for the test server (static credentials, path style).
pub fn s3_client(addr: std::net::SocketAddr) -> aws_sdk_s3::Client {
    let creds = aws_sdk_s3::config::Credentials::new(S3_ACCESS_KEY, S3_SECRET_KEY, None, None, "static");
    let conf = aws_sdk_s3::config::Builder::new()
        .behavior_version(aws_sdk_s3::config::BehaviorVersion::latest())
        .region(aws_sdk_s3::config::Region::new("us-east-1"))
        .credentials_provider(creds)
        .endpoint_url(format!("http://{addr}"))
        .force_path_style(true)
        .build();
    aws_sdk_s3::Client::from_conf(conf)
}

pub fn fixed_clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()))
}

pub fn demo_client(demo: &DemoServer, clock: SharedClock) -> LufthansaClient {
    let d = DemoCredentials::default();
    LufthansaClient::new(
        build_http_client(&HttpSettings::default()).unwrap(),
        &demo.lufthansa_base_url(),
        LufthansaCredentials { client_id: d.client_id, client_secret: d.client_secret },
        clock,
    )
}

pub async fn demo(clock: SharedClock) -> DemoServer {
    DemoServer::spawn(DemoWorld::embedded(42), clock, DemoCredentials::default(), 0).await.unwrap()
}

/// The embedded stack in a directory.
pub async fn embedded_stores(dir: &std::path::Path) -> (Stores, Arc<SqliteWarehouse>) {
    let warehouse = Arc::new(SqliteWarehouse::open(&dir.join("warehouse.sqlite")).await.unwrap());
    let stores = Stores {
        lake: Arc::new(pipeline::lake::LocalDirLake::new(dir.join("lake"))),
        staging: Arc::new(EmbeddedStaging::open(&dir.join("staging.sqlite")).await.unwrap()),
        warehouse: warehouse.clone(),
    };
    (stores, warehouse)
}

/// The production stack: S3 (in-process server), MongoDB wire, MariaDB. Drop with `cleanup`.
pub struct ProductionStack {
    pub stores: Stores,
    pub lake: Arc<S3Lake>,
    pub staging: Arc<MongoStaging>,
    pub warehouse: Arc<MySqlWarehouse>,
    pub mysql_url: String,
    pub s3_addr: std::net::SocketAddr,
    pub bucket: String,
    _s3_dir: tempfile::TempDir,
}

impl ProductionStack {
    pub async fn start() -> Self {
        let s3_dir = tempfile::tempdir().unwrap();
        let s3_addr = spawn_s3(s3_dir.path()).await;
        let bucket = unique("lake").replace('_', "-");
        let lake = Arc::new(S3Lake::with_client(
            s3_client(s3_addr),
            S3Location { bucket: bucket.clone(), prefix: "skyboard".into() },
        ));
        lake.ensure_bucket().await.unwrap();
        let staging = Arc::new(MongoStaging::connect(&mongo_url(&unique("staging"))).await.unwrap());
        let mysql_url = mysql_url(&unique("wh"));
        let warehouse = Arc::new(MySqlWarehouse::connect(&mysql_url).await.unwrap());
        let stores = Stores { lake: lake.clone(), staging: staging.clone(), warehouse: warehouse.clone() };
        Self { stores, lake, staging, warehouse, mysql_url, s3_addr, bucket, _s3_dir: s3_dir }
    }

    pub async fn cleanup(self) {
        let _ = self.staging.drop_database().await;
        pipeline::staging::Staging::close(self.staging.as_ref()).await;
        self.warehouse.pool().close().await;
        MySqlWarehouse::drop_database(&self.mysql_url).await.unwrap();
    }
}

pub fn pipeline_on(stores: Stores, client: LufthansaClient, clock: SharedClock) -> Pipeline {
    Pipeline::new(stores, Some(client), Reference::embedded(), clock, PipelineSettings::default())
}

/// A fixed clock, the demo simulator running on it, and an embedded stack in a temporary
/// directory: what most pipeline tests start from.
pub struct World {
    pub clock: Arc<FixedClock>,
    pub shared: SharedClock,
    pub demo: DemoServer,
    pub dir: tempfile::TempDir,
    pub embedded: Stores,
    pub sqlite: Arc<SqliteWarehouse>,
}

impl World {
    pub async fn start() -> Self {
        let clock = fixed_clock();
        let shared: SharedClock = clock.clone();
        let demo = demo(shared.clone()).await;
        let dir = tempfile::tempdir().unwrap();
        let (embedded, sqlite) = embedded_stores(dir.path()).await;
        Self { clock, shared, demo, dir, embedded, sqlite }
    }
}

/// A position of `icao24` observed at `at` (an OpenSky state, en route over Frankfurt).
pub fn position(icao24: &str, at: chrono::DateTime<Utc>) -> pipeline::model::Position {
    pipeline::model::Position {
        icao24: icao24.into(),
        callsign: Some("DLH4".into()),
        flight_iata: None,
        registration: None,
        aircraft_type: None,
        origin: None,
        destination: None,
        lat: 50.0,
        lon: 8.5,
        altitude_m: Some(10_000.0),
        ground_speed_kmh: Some(800.0),
        heading: Some(90.0),
        vertical_rate_ms: None,
        on_ground: Some(false),
        squawk: None,
        source: "opensky".into(),
        observed_at: at,
        lake_key: "raw/opensky/states-all/x.json.gz".into(),
    }
}
