//! The `[retention]` section: how many days of warehouse history and local lake are kept.
//! Each key is a number of days, or `0` / `"off"` to keep everything.

use super::ConfigError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Days as written in the file: `7`, `0` or `"off"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DaysFile {
    Days(u32),
    Text(String),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionFile {
    pub position_history_days: Option<DaysFile>,
    pub status_history_days: Option<DaysFile>,
    pub runs_days: Option<DaysFile>,
    pub lake_days: Option<DaysFile>,
}

/// The effective retention; 0 means off (kept for ever).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionConfig {
    pub position_history_days: u32,
    pub status_history_days: u32,
    pub runs_days: u32,
    pub lake_days: u32,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        let days = |d: Option<chrono::Duration>| d.map_or(0, |d| u32::try_from(d.num_days()).unwrap_or(u32::MAX));
        let r = pipeline::runner::Retention::default();
        Self {
            position_history_days: days(r.position_history),
            status_history_days: days(r.status_history),
            runs_days: days(r.runs),
            lake_days: days(r.lake),
        }
    }
}

impl RetentionConfig {
    pub fn from_file(file: RetentionFile, path: Option<&Path>) -> Result<Self, ConfigError> {
        let d = Self::default();
        let pick = |key: &str, v: Option<DaysFile>, default: u32| -> Result<u32, ConfigError> {
            match v {
                None => Ok(default),
                Some(DaysFile::Days(n)) => Ok(n),
                Some(DaysFile::Text(t)) if t.trim().eq_ignore_ascii_case("off") => Ok(0),
                Some(DaysFile::Text(t)) => Err(ConfigError::Invalid {
                    path: path.map(Path::to_path_buf),
                    message: format!("retention.{key}: {t:?} is neither a number of days nor \"off\""),
                }),
            }
        };
        Ok(Self {
            position_history_days: pick("position_history_days", file.position_history_days, d.position_history_days)?,
            status_history_days: pick("status_history_days", file.status_history_days, d.status_history_days)?,
            runs_days: pick("runs_days", file.runs_days, d.runs_days)?,
            lake_days: pick("lake_days", file.lake_days, d.lake_days)?,
        })
    }

    /// As the pipeline applies it.
    pub fn settings(&self) -> pipeline::runner::Retention {
        let keep = |days: u32| (days > 0).then(|| chrono::Duration::days(i64::from(days)));
        pipeline::runner::Retention {
            position_history: keep(self.position_history_days),
            status_history: keep(self.status_history_days),
            runs: keep(self.runs_days),
            lake: keep(self.lake_days),
            ..pipeline::runner::Retention::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;

    fn parse(text: &str) -> Result<RetentionConfig, ConfigError> {
        let file = FileConfig::parse(text, Path::new("c.toml"))?;
        RetentionConfig::from_file(file.retention.unwrap_or_default(), Some(Path::new("c.toml")))
    }

    #[test]
    fn defaults_keep_a_week_of_positions_and_a_month_of_the_rest() {
        let r = parse("").unwrap();
        assert_eq!(
            r,
            RetentionConfig { position_history_days: 7, status_history_days: 30, runs_days: 30, lake_days: 30 }
        );
        let s = r.settings();
        assert_eq!(s.position_history, Some(chrono::Duration::days(7)));
        assert_eq!(s.lake, Some(chrono::Duration::days(30)));
    }

    #[test]
    fn days_zero_and_off() {
        let r = parse("[retention]\nposition_history_days = 2\nstatus_history_days = 0\nruns_days = \"off\"\nlake_days = \"OFF\"\n")
            .unwrap();
        assert_eq!(r.position_history_days, 2);
        let s = r.settings();
        assert_eq!(s.position_history, Some(chrono::Duration::days(2)));
        assert_eq!((s.status_history, s.runs, s.lake), (None, None, None));
        assert!(!s.is_off());
    }

    #[test]
    fn a_wrong_value_or_key_is_an_error() {
        let err = parse("[retention]\nlake_days = \"forever\"\n").unwrap_err().to_string();
        assert!(err.contains("retention.lake_days") && err.contains("forever"), "{err}");
        let err = parse("[retention]\nlake_day = 3\n").unwrap_err().to_string();
        assert!(err.contains("lake_day"), "{err}");
        assert!(parse("[retention]\nlake_days = -1\n").is_err());
    }
}
