//! Logs go to stderr when headless and to a file while the terminal front end is on screen.

use std::path::{Path, PathBuf};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

fn filter(level: &str) -> EnvFilter {
    EnvFilter::try_from_default_env().or_else(|_| EnvFilter::try_new(level)).unwrap_or_else(|_| EnvFilter::new("info"))
}

/// Human-readable lines on stderr.
pub fn to_stderr(level: &str) {
    to_stderr_as(level, crate::cli::LogFormat::Text);
}

/// Lines on stderr: readable text, or one JSON object a line (timestamp, level, fields, message)
/// for log shippers.
pub fn to_stderr_as(level: &str, format: crate::cli::LogFormat) {
    use std::io::IsTerminal;
    match format {
        crate::cli::LogFormat::Json => {
            let _ = tracing_subscriber::fmt()
                .json()
                .flatten_event(true)
                .with_current_span(false)
                .with_env_filter(filter(level))
                .with_writer(std::io::stderr)
                .try_init();
        }
        crate::cli::LogFormat::Text => {
            let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter(level))
                .with_writer(std::io::stderr)
                .with_ansi(ansi)
                .with_target(false)
                .try_init();
        }
    }
}

/// Lines appended to `{data_dir}/logs/skyboard.log`; keep the guard alive until exit so the
/// last lines are flushed.
pub fn to_file(data_dir: &Path, level: &str) -> std::io::Result<(WorkerGuard, PathBuf)> {
    let dir = data_dir.join("logs");
    std::fs::create_dir_all(&dir)?;
    let appender = tracing_appender::rolling::never(&dir, "skyboard.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let _ = tracing_subscriber::fmt().with_env_filter(filter(level)).with_writer(writer).with_ansi(false).try_init();
    Ok((guard, dir.join("skyboard.log")))
}
