use crate::config::{Config, SourceMode};
use color_eyre::eyre::{Result, WrapErr};
use pipeline::clock::SharedClock;
use pipeline::demo::{ChaosSettings, DemoCredentials, DemoServer, DemoWorld};
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, Stores, open_stores};
use pipeline::sources::airlabs::AirlabsClient;
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::oauth::ClientCredentials;
use pipeline::sources::opensky::OpenskyClient;
use pipeline::sources::{HttpSettings, build_http_client};
use std::sync::Arc;

/// The simulator's Lufthansa plan.
const DEMO_LUFTHANSA_LIMITS: pipeline::sources::RateLimits =
    pipeline::sources::RateLimits { per_second: 50, per_hour: 100_000 };

/// A pipeline and, in demo mode, the simulator it talks to (kept alive as long as the pipeline).
pub struct BuiltPipeline {
    pub pipeline: Arc<Pipeline>,
    pub demo: Option<DemoServer>,
    pub stores: Stores,
}

impl BuiltPipeline {
    /// Closes store connections (the MongoDB driver wants this before the runtime ends).
    pub async fn close(&self) {
        self.stores.staging.close().await;
    }
}

/// Opens the configured stores and the sources the configuration selects.
pub async fn build_pipeline(config: &Config, clock: SharedClock) -> Result<BuiltPipeline> {
    let dir = &config.data_dir;
    std::fs::create_dir_all(dir).wrap_err_with(|| format!("cannot create the data directory {}", dir.display()))?;
    let stores =
        open_stores(&config.store_config()).await.wrap_err("cannot open the stores (try `skyboard doctor`)")?;
    let http = build_http_client(&HttpSettings::default()).wrap_err("cannot build the HTTP client")?;

    let live = config.sources == SourceMode::Live;
    let (demo, lufthansa, airlabs, opensky) = if live {
        let lh = config
            .lufthansa
            .credentials()
            .map(|c| LufthansaClient::new(http.clone(), &config.lufthansa.base_url, c, clock.clone()))
            .map(|c| c.with_limits(config.lufthansa.limits(), pipeline::sources::RetryPolicy::default()));
        let airlabs = config
            .airlabs
            .api_key
            .clone()
            .map(|key| AirlabsClient::new(http.clone(), &config.airlabs.base_url, key, clock.clone()));
        let opensky = config.opensky.enabled.then(|| {
            let credentials = config.opensky.credentials().map(|c| (c, config.opensky.token_url.clone()));
            OpenskyClient::new(http.clone(), &config.opensky.base_url, credentials, clock.clone())
        });
        (None, lh, airlabs, opensky)
    } else {
        // The simulator serves all three APIs; the real clients talk to it.
        let creds = DemoCredentials::default();
        let world = DemoWorld::embedded(config.demo.seed);
        let chaos = if config.demo.chaos { ChaosSettings::on() } else { ChaosSettings::OFF };
        let server = DemoServer::spawn_with_chaos(world, clock.clone(), creds.clone(), config.demo.port, chaos)
            .await
            .wrap_err("cannot start the demo simulator")?;
        let credentials =
            LufthansaCredentials { client_id: creds.client_id.clone(), client_secret: creds.client_secret.clone() };
        // The demo key's plan is generous, so the boards follow `--interval-secs` even at speed.
        let lh = LufthansaClient::new(http.clone(), &server.lufthansa_base_url(), credentials, clock.clone())
            .with_limits(DEMO_LUFTHANSA_LIMITS, pipeline::sources::RetryPolicy::default());
        let airlabs = AirlabsClient::new(http.clone(), &server.airlabs_base_url(), creds.airlabs_key, clock.clone());
        let opensky_credentials =
            ClientCredentials { client_id: creds.opensky_client_id, client_secret: creds.opensky_client_secret };
        let opensky = OpenskyClient::new(
            http.clone(),
            &server.opensky_base_url(),
            Some((opensky_credentials, server.opensky_token_url())),
            clock.clone(),
        )
        .with_daily_credits(crate::config::DEMO_OPENSKY_DAILY_CREDITS);
        (Some(server), Some(lh), Some(airlabs), Some(opensky))
    };
    let pipeline = Pipeline::new(stores.clone(), lufthansa, Reference::embedded(), clock, config.pipeline_settings())
        .with_position_sources(airlabs, opensky);
    stores.lake.prepare().await.wrap_err("cannot prepare the lake")?;
    pipeline.prepare().await.wrap_err("cannot prepare the warehouse")?;
    Ok(BuiltPipeline { pipeline: Arc::new(pipeline), demo, stores })
}
