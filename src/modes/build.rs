use crate::config::{Config, SourceMode};
use color_eyre::eyre::{Result, WrapErr};
use pipeline::clock::SharedClock;
use pipeline::demo::{DemoCredentials, DemoServer, DemoWorld};
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, Stores, open_stores};
use pipeline::sources::airlabs::AirlabsClient;
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::opensky::OpenskyClient;
use pipeline::sources::{HttpSettings, build_http_client};
use std::sync::Arc;

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

    let (demo, lufthansa) = match config.sources {
        SourceMode::Live => {
            let lh = config
                .lufthansa
                .credentials()
                .map(|c| LufthansaClient::new(http.clone(), &config.lufthansa.base_url, c, clock.clone()))
                .map(|c| c.with_limits(config.lufthansa.limits(), pipeline::sources::RetryPolicy::default()));
            (None, lh)
        }
        SourceMode::Demo => {
            let creds = DemoCredentials::default();
            let world = DemoWorld::embedded(config.demo.seed);
            let server = DemoServer::spawn(world, clock.clone(), creds.clone(), 0)
                .await
                .wrap_err("cannot start the demo simulator")?;
            let credentials = LufthansaCredentials { client_id: creds.client_id, client_secret: creds.client_secret };
            let lh = LufthansaClient::new(http.clone(), &server.lufthansa_base_url(), credentials, clock.clone());
            (Some(server), Some(lh))
        }
    };
    let live = config.sources == SourceMode::Live;
    let airlabs = config
        .airlabs
        .api_key
        .clone()
        .filter(|_| live)
        .map(|key| AirlabsClient::new(http.clone(), &config.airlabs.base_url, key, clock.clone()));
    let opensky = (live && config.opensky.enabled).then(|| {
        let credentials = config.opensky.credentials().map(|c| (c, config.opensky.token_url.clone()));
        OpenskyClient::new(http.clone(), &config.opensky.base_url, credentials, clock.clone())
    });
    let pipeline = Pipeline::new(stores.clone(), lufthansa, Reference::embedded(), clock, config.pipeline_settings())
        .with_position_sources(airlabs, opensky);
    stores.lake.prepare().await.wrap_err("cannot prepare the lake")?;
    pipeline.prepare().await.wrap_err("cannot prepare the warehouse")?;
    Ok(BuiltPipeline { pipeline: Arc::new(pipeline), demo, stores })
}
