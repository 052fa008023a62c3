//! On the default configuration the positions are the world's: one demo cycle loads aircraft over
//! at least five continents, and `skyboard config` says each source's box and refresh interval.

use std::collections::BTreeMap;
use std::process::{Command, Output};

fn skyboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skyboard"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-skyboard-test")
        .env_remove("LH_CLIENT_ID")
        .env_remove("LH_CLIENT_SECRET")
        .env_remove("RUST_LOG")
        .env_remove("SKYBOARD_WAREHOUSE")
        .env_remove("SKYBOARD_STAGING")
        .env_remove("SKYBOARD_LAKE")
        .output()
        .unwrap()
}

/// A coarse continent of a position (over the sea: the nearest landmass's box, or none).
fn continent(lat: f64, lon: f64) -> Option<&'static str> {
    Some(match (lat, lon) {
        (35.0..=72.0, -25.0..=45.0) => "Europe",
        (-35.0..=35.0, -20.0..=52.0) => "Africa",
        (5.0..=75.0, 45.0..=180.0) => "Asia",
        (-50.0..=5.0, 95.0..=180.0) => "Oceania",
        (15.0..=75.0, -170.0..=-50.0) => "North America",
        (-56.0..=15.0, -95.0..=-30.0) => "South America",
        _ => return None,
    })
}

#[test]
fn one_demo_cycle_loads_the_worlds_aircraft() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    // The demo world held at one evening (UTC), so the sky is the same on every run.
    let once = skyboard(&["--pipeline-only", "--once", "--data-dir", d, "--demo-at", "2026-12-02T18:00:00Z"]);
    assert!(once.status.success(), "{}", String::from_utf8_lossy(&once.stderr));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let positions: Vec<(f64, f64)> = rt.block_on(async {
        let wh =
            pipeline::warehouse::SqliteWarehouse::open_read_only(&dir.path().join("warehouse.sqlite")).await.unwrap();
        sqlx::query_as("SELECT lat, lon FROM positions").fetch_all(wh.pool()).await.unwrap()
    });
    let mut by_continent: BTreeMap<&str, usize> = BTreeMap::new();
    for &(lat, lon) in &positions {
        if let Some(c) = continent(lat, lon) {
            *by_continent.entry(c).or_default() += 1;
        }
    }
    assert!(positions.len() >= 250, "{} aircraft: {by_continent:?}", positions.len());
    let populated = by_continent.len();
    assert!(populated >= 5, "aircraft over {populated} continents: {by_continent:?}");
}

#[test]
fn config_shows_each_sources_box_and_refresh_interval() {
    let out = skyboard(&["config"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let table: toml::Table = text.parse().unwrap();
    let positions = table["positions"].as_table().unwrap_or_else(|| panic!("no [positions] in\n{text}"));
    for source in ["opensky", "airlabs"] {
        let s = positions[source].as_table().unwrap_or_else(|| panic!("no [positions.{source}] in\n{text}"));
        assert_eq!(s["box"].as_str(), Some("world"), "{source}: the default box is the world\n{text}");
        let every = s["refresh_secs"].as_integer().unwrap_or_else(|| panic!("{source}: no refresh_secs\n{text}"));
        assert!(every >= 10, "{source}: {every} s");
    }

    // A box of one's own, for one source.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("skyboard.toml");
    std::fs::write(&file, "[opensky]\nbox = [46.0, 5.0, 54.0, 15.0]\n").unwrap();
    let out = skyboard(&["--config", file.to_str().unwrap(), "config"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table: toml::Table = String::from_utf8(out.stdout).unwrap().parse().unwrap();
    let opensky = table["positions"]["opensky"].as_table().unwrap();
    assert_eq!(opensky["box"].as_str(), Some("46°N…54°N, 5°E…15°E"));
    assert_eq!(table["positions"]["airlabs"]["box"].as_str(), Some("world"));

    // A box that is no box is a configuration error naming the key.
    std::fs::write(&file, "[airlabs]\nbox = [54.0, 5.0, 46.0, 15.0]\n").unwrap();
    let out = skyboard(&["--config", file.to_str().unwrap(), "config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("airlabs.box"), "{}", String::from_utf8_lossy(&out.stderr));
}
