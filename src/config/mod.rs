//! Effective configuration: defaults, then the TOML file, then the environment and flags.

mod file;
mod paths;

pub use file::{ConfigError, FileConfig};
pub use paths::{default_config_file, default_data_dir};

use crate::cli::Cli;
use pipeline::reference::Reference;
use pipeline::secret::Secret;
use serde::Serialize;
use std::path::PathBuf;

/// Which sources feed the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceMode {
    /// The built-in simulator on loopback (no keys configured).
    Demo,
    /// The real APIs (keys configured).
    Live,
}

impl SourceMode {
    pub fn label(self) -> &'static str {
        match self {
            Self::Demo => "DEMO",
            Self::Live => "LIVE",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// The file that was read, if any.
    pub config_file: Option<PathBuf>,
    pub data_dir: PathBuf,
    pub airport: String,
    /// Airports whose boards the pipeline fetches (the selected airport first).
    pub airports: Vec<String>,
    pub log_level: String,
    pub sources: SourceMode,
    pub pipeline: PipelineConfig,
    pub demo: DemoConfig,
    pub lufthansa: LufthansaConfig,
}

#[derive(Debug, Clone, Serialize)]
pub struct PipelineConfig {
    pub interval_secs: u64,
    pub horizon_back_hours: i64,
    pub horizon_ahead_hours: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoConfig {
    pub seed: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LufthansaConfig {
    pub base_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Secret>,
}

pub const LUFTHANSA_BASE_URL: &str = "https://api.lufthansa.com/v1";

impl Config {
    /// Builds the effective configuration from the command line, the environment and the file.
    pub fn load(cli: &Cli) -> Result<Self, ConfigError> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let (config_file, file) = match &cli.config {
            Some(path) => (Some(path.clone()), FileConfig::read(path)?),
            None => match default_config_file().filter(|p| p.is_file()) {
                Some(path) => {
                    let parsed = FileConfig::read(&path)?;
                    (Some(path), parsed)
                }
                None => (None, FileConfig::default()),
            },
        };
        let pipeline_file = file.pipeline.unwrap_or_default();
        let lh_file = file.lufthansa.unwrap_or_default();

        let airport = cli.airport.clone().or(file.airport).unwrap_or_else(|| "FRA".into()).trim().to_ascii_uppercase();
        validate_airport(&airport, config_file.as_deref(), "airport")?;
        let mut airports =
            file.airports.unwrap_or_else(|| pipeline::demo::HUBS.iter().map(|s| s.to_string()).collect());
        for a in &mut airports {
            *a = a.trim().to_ascii_uppercase();
            validate_airport(a, config_file.as_deref(), "airports")?;
        }
        airports.retain(|a| a != &airport);
        airports.insert(0, airport.clone());

        let client_id = env("LH_CLIENT_ID").map(Secret::new).or(lh_file.client_id.map(Secret::new));
        let client_secret = env("LH_CLIENT_SECRET").map(Secret::new).or(lh_file.client_secret.map(Secret::new));
        let sources = if client_id.is_some() && client_secret.is_some() { SourceMode::Live } else { SourceMode::Demo };

        let data_dir =
            cli.data_dir.clone().or(file.data_dir).or_else(default_data_dir).ok_or_else(|| ConfigError::Invalid {
                path: None,
                message: "no data directory: set --data-dir, SKYBOARD_DATA_DIR, XDG_DATA_HOME or HOME".into(),
            })?;
        let interval_secs = cli.interval_secs.or(pipeline_file.interval_secs).unwrap_or(60).max(1);
        Ok(Self {
            config_file,
            data_dir,
            airport,
            airports,
            log_level: cli.log_level.clone().or(file.log_level).unwrap_or_else(|| "info".into()),
            sources,
            pipeline: PipelineConfig {
                interval_secs,
                horizon_back_hours: pipeline_file.horizon_back_hours.unwrap_or(2).clamp(0, 24),
                horizon_ahead_hours: pipeline_file.horizon_ahead_hours.unwrap_or(8).clamp(1, 120),
            },
            demo: DemoConfig { seed: cli.demo_seed.or(file.demo.and_then(|d| d.seed)).unwrap_or(42) },
            lufthansa: LufthansaConfig {
                base_url: env("LH_BASE_URL").or(lh_file.base_url).unwrap_or_else(|| LUFTHANSA_BASE_URL.into()),
                client_id,
                client_secret,
            },
        })
    }

    /// The configuration as TOML, every secret redacted.
    pub fn to_toml(&self) -> Result<String, ConfigError> {
        toml::to_string_pretty(self).map_err(|e| ConfigError::Invalid { path: None, message: e.to_string() })
    }

    pub fn pipeline_settings(&self) -> pipeline::runner::PipelineSettings {
        pipeline::runner::PipelineSettings {
            airports: self.airports.clone(),
            horizon_back: chrono::Duration::hours(self.pipeline.horizon_back_hours),
            horizon_ahead: chrono::Duration::hours(self.pipeline.horizon_ahead_hours),
            interval: std::time::Duration::from_secs(self.pipeline.interval_secs),
        }
    }
}

fn validate_airport(code: &str, path: Option<&std::path::Path>, what: &str) -> Result<(), ConfigError> {
    if Reference::embedded().airport(code).is_some() {
        return Ok(());
    }
    Err(ConfigError::Invalid {
        path: path.map(|p| p.to_path_buf()),
        message: format!("{what}: {code:?} is not a known IATA airport code"),
    })
}
