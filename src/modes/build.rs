use crate::config::{Config, SourceMode};
use color_eyre::eyre::{Result, WrapErr};
use pipeline::clock::SharedClock;
use pipeline::demo::{DemoCredentials, DemoServer, DemoWorld};
use pipeline::lake::LocalDirLake;
use pipeline::reference::Reference;
use pipeline::runner::{Pipeline, Stores};
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::{HttpSettings, build_http_client};
use pipeline::staging::EmbeddedStaging;
use pipeline::warehouse::SqliteWarehouse;
use std::sync::Arc;

/// A pipeline and, in demo mode, the simulator it talks to (kept alive as long as the pipeline).
pub struct BuiltPipeline {
    pub pipeline: Arc<Pipeline>,
    pub demo: Option<DemoServer>,
    pub warehouse: Arc<SqliteWarehouse>,
}

/// Opens the stores in the data directory and the sources the configuration selects.
pub async fn build_pipeline(config: &Config, clock: SharedClock) -> Result<BuiltPipeline> {
    let dir = &config.data_dir;
    std::fs::create_dir_all(dir).wrap_err_with(|| format!("cannot create the data directory {}", dir.display()))?;
    let lake = Arc::new(LocalDirLake::new(dir.join("lake")));
    let staging =
        Arc::new(EmbeddedStaging::open(&dir.join("staging.sqlite")).await.wrap_err("cannot open the staging store")?);
    let warehouse =
        Arc::new(SqliteWarehouse::open(&dir.join("warehouse.sqlite")).await.wrap_err("cannot open the warehouse")?);
    let http = build_http_client(&HttpSettings::default()).wrap_err("cannot build the HTTP client")?;

    let (demo, base_url, credentials) = match config.sources {
        SourceMode::Live => {
            let credentials = LufthansaCredentials {
                client_id: config.lufthansa.client_id.clone().unwrap_or_default(),
                client_secret: config.lufthansa.client_secret.clone().unwrap_or_default(),
            };
            (None, config.lufthansa.base_url.clone(), credentials)
        }
        SourceMode::Demo => {
            let creds = DemoCredentials::default();
            let world = DemoWorld::embedded(config.demo.seed);
            let server = DemoServer::spawn(world, clock.clone(), creds.clone(), 0)
                .await
                .wrap_err("cannot start the demo simulator")?;
            let url = server.lufthansa_base_url();
            (Some(server), url, LufthansaCredentials { client_id: creds.client_id, client_secret: creds.client_secret })
        }
    };
    let lufthansa = LufthansaClient::new(http, &base_url, credentials, clock.clone());
    let stores = Stores { lake, staging, warehouse: warehouse.clone() };
    let pipeline = Pipeline::new(stores, Some(lufthansa), Reference::embedded(), clock, config.pipeline_settings());
    pipeline.prepare().await.wrap_err("cannot prepare the warehouse")?;
    Ok(BuiltPipeline { pipeline: Arc::new(pipeline), demo, warehouse })
}
