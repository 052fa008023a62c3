//! `skyboard demo serve`: the simulator alone on a fixed loopback port, for curl or a second
//! skyboard pointed at it with `LH_BASE_URL`, `AIRLABS_BASE_URL` and `OPENSKY_BASE_URL`.

use crate::config::{Config, SourceMode};
use crate::modes::shutdown_signal;
use color_eyre::eyre::{Result, WrapErr};
use pipeline::demo::{ChaosSettings, DemoCredentials, DemoServer, DemoWorld};
use std::process::ExitCode;

pub async fn run(config: &Config, port: u16) -> Result<ExitCode> {
    crate::logging::to_stderr(&config.log_level);
    let clock = config.demo.clock(SourceMode::Demo);
    let chaos = if config.demo.chaos { ChaosSettings::on() } else { ChaosSettings::OFF };
    let credentials = DemoCredentials::default();
    let world = DemoWorld::embedded(config.demo.seed);
    let server = DemoServer::spawn_with_chaos(world, clock.clone(), credentials.clone(), port, chaos)
        .await
        .wrap_err_with(|| format!("cannot listen on 127.0.0.1:{port}"))?;
    // The demo keys are public constants, not secrets: printing them is what makes curl easy.
    println!(
        "skyboard demo world (seed {}, speed {}x{}) at {}",
        config.demo.seed,
        config.demo.speed,
        if config.demo.chaos { ", chaos" } else { "" },
        clock.now().format("%Y-%m-%d %H:%M UTC")
    );
    println!(
        "  Lufthansa  {}  (client_id {}, client_secret {})",
        server.lufthansa_base_url(),
        credentials.client_id.expose(),
        credentials.client_secret.expose()
    );
    println!("  AirLabs    {}  (api_key {})", server.airlabs_base_url(), credentials.airlabs_key.expose());
    println!("  OpenSky    {}  (anonymous, or OAuth2 at {})", server.opensky_base_url(), server.opensky_token_url());
    println!(
        "e.g. curl '{}/flights?api_key={}&bbox=46,5,54,15'",
        server.airlabs_base_url(),
        credentials.airlabs_key.expose()
    );
    println!("Ctrl-C stops it.");
    let signal = shutdown_signal().await;
    tracing::info!("{signal}: demo server stops");
    Ok(ExitCode::SUCCESS)
}
