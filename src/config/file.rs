use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The configuration file, as written by the user. Unknown keys are errors, so a typo never
/// goes unnoticed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub data_dir: Option<PathBuf>,
    pub airport: Option<String>,
    pub airports: Option<Vec<String>>,
    pub log_level: Option<String>,
    pub pipeline: Option<PipelineFile>,
    pub demo: Option<DemoFile>,
    pub lufthansa: Option<LufthansaFile>,
    pub airlabs: Option<AirlabsFile>,
    pub opensky: Option<OpenskyFile>,
    pub stores: Option<StoresFile>,
    pub s3: Option<S3File>,
    pub retention: Option<super::retention::RetentionFile>,
    pub alerts: Option<super::alerts::AlertsFile>,
    pub ui: Option<super::ui::UiFile>,
    pub keys: Option<super::ui::KeysFile>,
    /// The file's text, for the line numbers of errors found after parsing.
    #[serde(skip)]
    pub text: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoresFile {
    pub lake: Option<String>,
    pub staging: Option<String>,
    pub warehouse: Option<String>,
    pub staging_retention_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3File {
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub path_style: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineFile {
    pub interval_secs: Option<u64>,
    pub horizon_back_hours: Option<i64>,
    pub horizon_ahead_hours: Option<i64>,
    /// `[south, west, north, east]` in degrees: where positions are fetched by a source that
    /// names no box of its own (default: the world).
    pub positions_box: Option<[f64; 4]>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoFile {
    pub seed: Option<u64>,
    pub speed: Option<f64>,
    pub chaos: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LufthansaFile {
    pub base_url: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// The plan's limits (public plan: 5 calls a second, 1,000 an hour).
    pub calls_per_second: Option<u32>,
    pub calls_per_hour: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AirlabsFile {
    pub base_url: Option<String>,
    pub api_key: Option<String>,
    pub monthly_calls: Option<u32>,
    /// `[south, west, north, east]`: where `/flights` looks (default: the world).
    #[serde(rename = "box")]
    pub area: Option<[f64; 4]>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenskyFile {
    /// Anonymous positions with no key at all.
    pub enabled: Option<bool>,
    pub base_url: Option<String>,
    pub token_url: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// `[south, west, north, east]`: where `/states/all` looks (default: the world).
    #[serde(rename = "box")]
    pub area: Option<[f64; 4]>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {}: {message}", path.display())]
    Read { path: PathBuf, message: String },
    #[error("configuration file {}, line {line}, column {column}: {message}", path.display())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}{message}", path.as_ref().map(|p| format!("configuration file {}: ", p.display())).unwrap_or_default())]
    Invalid { path: Option<PathBuf>, message: String },
}

impl FileConfig {
    pub fn read(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::Read { path: path.to_path_buf(), message: e.to_string() })?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let mut file: Self = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            ConfigError::Syntax { path: path.to_path_buf(), line, column, message: e.message().trim().to_string() }
        })?;
        file.text = text.to_string();
        Ok(file)
    }
}

/// 1-based line and column of a byte offset.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_names_file_and_line() {
        let err = FileConfig::parse("airport = \"MUC\"\n\n[pipeline\ninterval_secs = 5\n", Path::new("/etc/sky.toml"))
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("configuration file /etc/sky.toml, line 3, column"), "{msg}");
    }

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let err =
            FileConfig::parse("airport = \"MUC\"\n[pipeline]\nintervall_secs = 5\n", Path::new("c.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 3, column 1") && msg.contains("intervall_secs"), "{msg}");
    }

    #[test]
    fn wrong_type_is_an_error() {
        let err = FileConfig::parse("[demo]\nseed = \"forty-two\"\n", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn full_file_parses() {
        let f = FileConfig::parse(
            "data_dir = \"/tmp/sky\"\nairport = \"zrh\"\nairports = [\"FRA\"]\nlog_level = \"debug\"\n[pipeline]\ninterval_secs = 30\nhorizon_back_hours = 1\nhorizon_ahead_hours = 6\n[demo]\nseed = 7\n[lufthansa]\nbase_url = \"http://x\"\nclient_id = \"id\"\nclient_secret = \"s\"\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(f.airport.as_deref(), Some("zrh"));
        assert_eq!(f.pipeline.unwrap().interval_secs, Some(30));
    }
}
