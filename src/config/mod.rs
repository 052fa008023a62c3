//! Effective configuration: defaults, then the TOML file, then the environment and flags.

mod alerts;
mod file;
mod paths;
mod positions;
mod retention;
mod stores;
mod ui;
mod validate;

use validate::{valid_box, validate_airport, validate_stores};

pub use alerts::{AlertsConfig, Notify};
pub use file::{ConfigError, FileConfig};
pub use paths::{default_config_file, default_data_dir};
pub use positions::{PositionsConfig, SourceArea};
pub use retention::RetentionConfig;
pub use stores::{StoreUrl, StoresConfig};
pub use ui::UiConfig;

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
    pub airlabs: AirlabsConfig,
    pub opensky: OpenskyConfig,
    /// Each position source's box and refresh interval (worked out; not a file section).
    pub positions: PositionsConfig,
    pub stores: StoresConfig,
    pub retention: RetentionConfig,
    pub alerts: AlertsConfig,
    pub ui: UiConfig,
    /// The keys of every command: the defaults with the file's `[keys]`.
    #[serde(serialize_with = "ui::keymap_as_table")]
    pub keys: crate::tui::keymap::Keymap,
}

#[derive(Debug, Clone, Serialize)]
pub struct PipelineConfig {
    pub interval_secs: u64,
    pub horizon_back_hours: i64,
    pub horizon_ahead_hours: i64,
    /// `[south, west, north, east]`: where a source with no box of its own fetches positions
    /// (absent: the world). See `[positions]` for what each source does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub positions_box: Option<[f64; 4]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoConfig {
    pub seed: u64,
    /// How many times faster than real time the demo world runs.
    pub speed: f64,
    /// Whether the simulator misbehaves now and then.
    pub chaos: bool,
    /// The simulator's loopback port (`--demo-port`; 0: any free one).
    pub port: u16,
    /// The instant the demo world stands still at (`--demo-at`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

impl DemoConfig {
    /// The clock the app runs on: real time, or the demo world's faster time.
    pub fn clock(&self, sources: SourceMode) -> pipeline::clock::SharedClock {
        if sources == SourceMode::Demo
            && let Some(at) = self.at
        {
            if self.speed == 1.0 {
                std::sync::Arc::new(pipeline::clock::FixedClock::new(at))
            } else {
                // From a known instant at speed: a moving world that starts the same each run.
                std::sync::Arc::new(pipeline::clock::ScaledClock::new(at, self.speed))
            }
        } else if sources == SourceMode::Demo && self.speed != 1.0 {
            std::sync::Arc::new(pipeline::clock::ScaledClock::new(chrono::Utc::now(), self.speed))
        } else {
            std::sync::Arc::new(pipeline::clock::SystemClock)
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LufthansaConfig {
    pub base_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Secret>,
    /// The client-side limiter: calls a second and an hour.
    pub calls_per_second: u32,
    pub calls_per_hour: u32,
}

/// The demo AirLabs key's monthly calls.
const DEMO_AIRLABS_MONTHLY_CALLS: u32 = 1_000_000;
/// The demo's OpenSky credits a day: it has no budget to keep, so the world every half minute.
pub const DEMO_OPENSKY_DAILY_CREDITS: u32 = 4 * 2 * 24 * 60;

pub const LUFTHANSA_BASE_URL: &str = "https://api.lufthansa.com/v1";

impl LufthansaConfig {
    pub fn limits(&self) -> pipeline::sources::RateLimits {
        pipeline::sources::RateLimits { per_second: self.calls_per_second, per_hour: self.calls_per_hour }
    }

    pub fn credentials(&self) -> Option<pipeline::sources::lufthansa::LufthansaCredentials> {
        Some(pipeline::sources::lufthansa::LufthansaCredentials {
            client_id: self.client_id.clone()?,
            client_secret: self.client_secret.clone()?,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AirlabsConfig {
    pub base_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<Secret>,
    /// The plan's monthly calls; the poll interval is derived from it.
    pub monthly_calls: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenskyConfig {
    /// Anonymous OpenSky positions (on by itself once credentials are set).
    pub enabled: bool,
    pub base_url: String,
    pub token_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Secret>,
}

impl OpenskyConfig {
    pub fn credentials(&self) -> Option<pipeline::sources::oauth::ClientCredentials> {
        Some(pipeline::sources::oauth::ClientCredentials {
            client_id: self.client_id.clone()?,
            client_secret: self.client_secret.clone()?,
        })
    }
}

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
        let al_file = file.airlabs.unwrap_or_default();
        let os_file = file.opensky.unwrap_or_default();
        let (al_area, os_area) = (al_file.area, os_file.area);
        let airlabs = AirlabsConfig {
            base_url: env("AIRLABS_BASE_URL")
                .or(al_file.base_url)
                .unwrap_or_else(|| pipeline::sources::airlabs::AIRLABS_BASE_URL.into()),
            api_key: env("AIRLABS_API_KEY").map(Secret::new).or(al_file.api_key.map(Secret::new)),
            monthly_calls: al_file.monthly_calls.unwrap_or(pipeline::sources::airlabs::FREE_MONTHLY_CALLS),
        };
        let os_id = env("OPENSKY_CLIENT_ID").map(Secret::new).or(os_file.client_id.map(Secret::new));
        let os_secret = env("OPENSKY_CLIENT_SECRET").map(Secret::new).or(os_file.client_secret.map(Secret::new));
        let opensky = OpenskyConfig {
            enabled: env("SKYBOARD_OPENSKY")
                .map(|v| matches!(v.as_str(), "1" | "true" | "yes"))
                .or(os_file.enabled)
                .unwrap_or(false)
                || (os_id.is_some() && os_secret.is_some()),
            base_url: env("OPENSKY_BASE_URL")
                .or(os_file.base_url)
                .unwrap_or_else(|| pipeline::sources::opensky::OPENSKY_BASE_URL.into()),
            token_url: env("OPENSKY_TOKEN_URL")
                .or(os_file.token_url)
                .unwrap_or_else(|| pipeline::sources::opensky::OPENSKY_TOKEN_URL.into()),
            client_id: os_id,
            client_secret: os_secret,
        };
        let lh_keys = client_id.is_some() && client_secret.is_some();
        let sources =
            if lh_keys || airlabs.api_key.is_some() || opensky.enabled { SourceMode::Live } else { SourceMode::Demo };

        let data_dir =
            cli.data_dir.clone().or(file.data_dir).or_else(default_data_dir).ok_or_else(|| ConfigError::Invalid {
                path: None,
                message: "no data directory: set --data-dir, SKYBOARD_DATA_DIR, XDG_DATA_HOME or HOME".into(),
            })?;
        let stores_file = file.stores.unwrap_or_default();
        let s3_file = file.s3.unwrap_or_default();
        let stores = StoresConfig {
            lake: StoreUrl(
                env("SKYBOARD_LAKE")
                    .or(stores_file.lake)
                    .unwrap_or_else(|| data_dir.join("lake").display().to_string()),
            ),
            staging: StoreUrl(env("SKYBOARD_STAGING").or(stores_file.staging).unwrap_or_else(|| "embedded".into())),
            warehouse: StoreUrl(
                env("SKYBOARD_WAREHOUSE")
                    .or(stores_file.warehouse)
                    .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("warehouse.sqlite").display())),
            ),
            staging_retention_days: stores_file.staging_retention_days.unwrap_or(30),
            s3_endpoint: env("SKYBOARD_S3_ENDPOINT").or(s3_file.endpoint),
            s3_region: env("SKYBOARD_S3_REGION").or(s3_file.region),
            s3_path_style: env("SKYBOARD_S3_PATH_STYLE")
                .map(|v| matches!(v.as_str(), "1" | "true" | "yes"))
                .or(s3_file.path_style)
                .unwrap_or(false),
        };
        validate_stores(&stores, config_file.as_deref())?;
        let retention = RetentionConfig::from_file(file.retention.unwrap_or_default(), config_file.as_deref())?;
        let alerts = AlertsConfig::from_file(file.alerts.unwrap_or_default());
        let (ui, keys) = UiConfig::from_file(
            file.ui.unwrap_or_default(),
            file.keys.unwrap_or_default(),
            config_file.as_deref(),
            &file.text,
        )?;
        let positions_box = valid_box(pipeline_file.positions_box, "pipeline.positions_box", config_file.as_deref())?;
        let opensky_box = valid_box(os_area, "opensky.box", config_file.as_deref())?.or(positions_box);
        let airlabs_box = valid_box(al_area, "airlabs.box", config_file.as_deref())?.or(positions_box);
        let interval_secs = cli.interval_secs.or(pipeline_file.interval_secs).unwrap_or(60).max(1);
        let demo = file.demo.unwrap_or_default();
        let speed = cli.demo_speed.or(demo.speed).unwrap_or(1.0);
        if !(speed.is_finite() && (0.1..=10_000.0).contains(&speed)) {
            return Err(ConfigError::Invalid {
                path: config_file.clone(),
                message: format!("demo speed {speed} is not between 0.1 and 10000"),
            });
        }
        let at = match cli.demo_at.as_deref() {
            Some(text) => Some(chrono::DateTime::parse_from_rfc3339(text).map(|t| t.to_utc()).map_err(|e| {
                ConfigError::Invalid { path: None, message: format!("--demo-at {text:?} is not an RFC 3339 time: {e}") }
            })?),
            None => None,
        };
        let demo = DemoConfig {
            seed: cli.demo_seed.or(demo.seed).unwrap_or(42),
            speed,
            chaos: cli.demo_chaos || demo.chaos.unwrap_or(false),
            port: cli.demo_port.unwrap_or(0),
            at,
        };
        let positions =
            PositionsConfig::resolve(sources, &airlabs, &opensky, airports.len(), [opensky_box, airlabs_box]);
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
                positions_box,
            },
            demo,
            lufthansa: LufthansaConfig {
                base_url: env("LH_BASE_URL").or(lh_file.base_url).unwrap_or_else(|| LUFTHANSA_BASE_URL.into()),
                client_id,
                client_secret,
                calls_per_second: lh_file.calls_per_second.unwrap_or(5).max(1),
                calls_per_hour: lh_file.calls_per_hour.unwrap_or(1000).max(1),
            },
            airlabs,
            opensky,
            positions,
            stores,
            retention,
            alerts,
            ui,
            keys,
        })
    }

    /// The stores as the pipeline opens them.
    pub fn store_config(&self) -> pipeline::runner::StoreConfig {
        pipeline::runner::StoreConfig {
            lake: self.stores.lake.expose().to_string(),
            s3: pipeline::lake::S3Settings {
                endpoint: self.stores.s3_endpoint.clone(),
                region: self.stores.s3_region.clone(),
                path_style: self.stores.s3_path_style,
            },
            staging: self.stores.staging.expose().to_string(),
            warehouse: self.stores.warehouse.expose().to_string(),
            data_dir: self.data_dir.clone(),
        }
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
            staging_retention: chrono::Duration::days(i64::from(self.stores.staging_retention_days.max(1))),
            opensky_box: self.positions.opensky.bounding_box(),
            airlabs_box: self.positions.airlabs.bounding_box(),
            // The demo key's plan is generous, so the demo shows positions every half minute.
            airlabs_monthly_calls: match self.sources {
                SourceMode::Demo => DEMO_AIRLABS_MONTHLY_CALLS,
                SourceMode::Live => self.airlabs.monthly_calls,
            },
            instance: pipeline::runner::default_instance_name(),
            retention: self.retention.settings(),
        }
    }
}
