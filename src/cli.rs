//! The command line. Every option can also come from the environment or the configuration file;
//! flags win over the environment, which wins over the file. Secrets are never flags: they come
//! from the environment or the configuration file only, so they never show in process listings.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "skyboard", version, about = "A live flight monitor for the terminal")]
pub struct Cli {
    /// Configuration file [default: $XDG_CONFIG_HOME/skyboard/config.toml, if it exists].
    #[arg(long, global = true, env = "SKYBOARD_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where the lake, staging and warehouse live [default: $XDG_DATA_HOME/skyboard].
    #[arg(long, global = true, env = "SKYBOARD_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The airport whose boards open first (IATA code).
    #[arg(long, env = "SKYBOARD_AIRPORT", value_name = "IATA")]
    pub airport: Option<String>,

    /// Open the boards on this local day of the airport (YYYY-MM-DD) instead of today's; `[`,
    /// `]` and `t` move from there.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,

    /// Run the pipeline without the terminal front end, until SIGINT or SIGTERM.
    #[arg(long)]
    pub pipeline_only: bool,

    /// Run one pipeline cycle and exit (non-zero if it failed). Implies --pipeline-only.
    #[arg(long)]
    pub once: bool,

    /// Seconds between fetches of each airport's boards (longer when the API key's hourly budget
    /// could not pay for them; the position sources follow their own budgets).
    #[arg(long, env = "SKYBOARD_INTERVAL_SECS", value_name = "SECS")]
    pub interval_secs: Option<u64>,

    /// Seed of the demo world (same seed, same world).
    #[arg(long, global = true, env = "SKYBOARD_DEMO_SEED", value_name = "N")]
    pub demo_seed: Option<u64>,

    /// Run the demo world this many times faster than real time (e.g. 60: an hour a minute).
    #[arg(long, global = true, env = "SKYBOARD_DEMO_SPEED", value_name = "N")]
    pub demo_speed: Option<f64>,

    /// Start the demo world at this instant (RFC 3339, e.g. 2026-12-02T09:00:00Z) and hold it
    /// still there (runs that can be repeated exactly, for screenshots and the crash tests),
    /// or with --demo-speed run on from it at that speed.
    #[arg(long, global = true, env = "SKYBOARD_DEMO_AT", value_name = "TIME")]
    pub demo_at: Option<String>,

    /// The loopback port the built-in demo simulator listens on (0, the default: any free one).
    #[arg(long, global = true, env = "SKYBOARD_DEMO_PORT", value_name = "PORT")]
    pub demo_port: Option<u16>,

    /// Make the demo simulator misbehave now and then (503s, stalls, truncated JSON).
    #[arg(long, global = true, env = "SKYBOARD_DEMO_CHAOS")]
    pub demo_chaos: bool,

    /// Log filter (e.g. `info`, `skyboard=debug`); RUST_LOG wins when set.
    #[arg(long, env = "SKYBOARD_LOG", value_name = "FILTER")]
    pub log_level: Option<String>,

    /// Headless log lines: `text` for people, `json` (one object a line) for log shippers.
    #[arg(long, global = true, env = "SKYBOARD_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Serve Prometheus metrics on http://ADDR/metrics and a health check on /healthz
    /// (headless only), e.g. 127.0.0.1:9184.
    #[arg(long, env = "SKYBOARD_METRICS_ADDR", value_name = "ADDR")]
    pub metrics_addr: Option<std::net::SocketAddr>,

    /// Fetch jobs running at the same time (headless).
    #[arg(long, env = "SKYBOARD_CONCURRENCY", value_name = "N", default_value_t = 4)]
    pub concurrency: usize,

    /// Run the front end alone against a shared warehouse (no pipeline, no writes): many users
    /// over SSH, one `--pipeline-only` writing.
    #[arg(long, env = "SKYBOARD_VIEWER", conflicts_with_all = ["pipeline_only", "once"])]
    pub viewer: bool,

    /// Draw the map with Braille dots (finer, needs a font that has them).
    #[arg(long, env = "SKYBOARD_BRAILLE", conflicts_with = "ascii")]
    pub braille: bool,

    /// Draw the map in plain ASCII (for terminals and fonts without block characters).
    #[arg(long, env = "SKYBOARD_ASCII")]
    pub ascii: bool,

    /// Mouse input: the wheel scrolls and zooms, a click selects, a second click opens.
    #[arg(long, env = "SKYBOARD_MOUSE")]
    pub mouse: bool,

    /// Test hook: panic this many milliseconds after the first frame (checks terminal restore).
    #[arg(long, hide = true)]
    pub panic_after_ms: Option<u64>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the effective configuration (secrets redacted) and exit.
    #[command(after_help = "Example:\n  skyboard --airport MUC config")]
    Config,
    /// Create what the stores need (bucket, directories) and bring the warehouse schema up to date.
    #[command(after_help = "Example:\n  skyboard migrate && skyboard doctor")]
    Migrate,
    /// Check every configured store and source: one line per check, non-zero exit on a failure.
    #[command(after_help = "Example:\n  skyboard doctor && skyboard --pipeline-only")]
    Doctor,
    /// Run saved raw API responses through the whole pipeline (lake, staging, warehouse).
    #[command(after_help = "Example:\n  skyboard ingest-file --source airlabs --endpoint flights flights.json")]
    IngestFile {
        /// The API the files came from: lufthansa, airlabs or opensky.
        #[arg(long)]
        source: String,
        /// The endpoint, e.g. flightstatus-departures, references-airports, flights.
        #[arg(long)]
        endpoint: String,
        /// When the responses were fetched (RFC 3339) [default: each file's modification time].
        #[arg(long, value_name = "TIME")]
        fetched_at: Option<String>,
        /// Response bodies, exactly as the API sent them.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Operate on the pipeline's stores: replay lake objects, re-clean staging.
    #[command(subcommand, after_help = "Example:\n  skyboard pipeline replay --since 2026-12-01T00:00:00Z")]
    Pipeline(PipelineCommand),
    /// The demo simulator on its own.
    #[command(subcommand, after_help = "Example:\n  skyboard demo serve --port 8089")]
    Demo(DemoCommand),
    /// Warehouse rows to stdout (times in UTC, ISO 8601).
    #[command(after_help = "Example:\n  skyboard export flights --airport FRA --format json | head")]
    Export {
        #[arg(value_enum)]
        what: ExportWhat,
        /// Only flights from or to this airport (IATA).
        #[arg(long)]
        airport: Option<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
    /// Follow one flight: a line for each change of its status, gate or delay (15 minutes or
    /// more); exits 0 when it lands, 3 when it is cancelled, 1 if it never shows up.
    #[command(
        after_help = "Example:\n  skyboard watch LH400\n  skyboard watch \"LH 400\" --date 2026-12-02 && echo landed"
    )]
    Watch {
        /// The flight: carrier and number, `LH400` or `"LH 400"`.
        flight: String,
        /// The local departure date at its origin [default: the leg nearest to now].
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// Give up after this many seconds without the flight (the pipeline may still be fetching).
        #[arg(long, value_name = "SECS", default_value_t = 120)]
        wait_secs: u64,
    },
    /// Shell completions to stdout.
    #[command(after_help = "Example:\n  skyboard completions bash > /etc/bash_completion.d/skyboard")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff) to stdout.
    #[command(after_help = "Example:\n  skyboard man > skyboard.1 && man ./skyboard.1")]
    Man,
}

#[derive(Debug, Subcommand)]
pub enum PipelineCommand {
    /// Re-run lake objects fetched in [SINCE, UNTIL) through staging and the warehouse, oldest
    /// first (idempotent: replaying twice changes nothing).
    Replay {
        /// RFC 3339 time or a date (2026-11-27, midnight UTC).
        #[arg(long, value_name = "TIME")]
        since: String,
        /// RFC 3339 time or a date [default: now].
        #[arg(long, value_name = "TIME")]
        until: Option<String>,
        /// Only this source's objects (lufthansa, airlabs, opensky).
        #[arg(long)]
        source: Option<String>,
    },
    /// Re-clean every record staging holds into the warehouse (after a cleaning fix); idempotent.
    Reprocess,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Serve the simulated Lufthansa, AirLabs and OpenSky APIs on 127.0.0.1 until interrupted,
    /// for curl or a second skyboard (honours --demo-seed, --demo-speed, --demo-chaos).
    Serve {
        #[arg(long, default_value_t = 8089)]
        port: u16,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportWhat {
    Flights,
    Positions,
    Airports,
    Airlines,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}
