//! `skyboard doctor`: every configured backend and source, one line per check, a verdict and a
//! hint for each failure.

use crate::config::{Config, SourceMode};
use pipeline::runner::{open_lake, open_staging};
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub area: &'static str,
    pub what: &'static str,
    pub ok: bool,
    pub detail: String,
    pub hint: Option<String>,
}

impl Check {
    fn ok(area: &'static str, what: &'static str, detail: impl Into<String>) -> Self {
        Self { area, what, ok: true, detail: detail.into(), hint: None }
    }

    fn fail(area: &'static str, what: &'static str, detail: impl Into<String>, hint: impl Into<String>) -> Self {
        Self { area, what, ok: false, detail: detail.into(), hint: Some(hint.into()) }
    }

    pub fn line(&self) -> String {
        let verdict = if self.ok { " ok " } else { "FAIL" };
        let mut line = format!("{verdict}  {:<10} {:<14} {}", self.area, self.what, self.detail);
        if let Some(h) = &self.hint {
            line.push_str(&format!("\n      hint: {h}"));
        }
        line
    }
}

const TIMEOUT: Duration = Duration::from_secs(10);

async fn timed<T, E: std::fmt::Display>(f: impl std::future::Future<Output = Result<T, E>>) -> Result<T, String> {
    match tokio::time::timeout(TIMEOUT, f).await {
        Ok(r) => r.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer within {}s", TIMEOUT.as_secs())),
    }
}

/// Runs every check. Stops checking a store at its first failure (later checks would only repeat it).
pub async fn checks(config: &Config) -> Vec<Check> {
    let stores = config.store_config();
    let mut out = vec![Check::ok(
        "config",
        "loaded",
        match &config.config_file {
            Some(p) => format!("{} (sources: {})", p.display(), config.sources.label()),
            None => format!("defaults and environment (sources: {})", config.sources.label()),
        },
    )];

    match timed(open_lake(&stores)).await {
        Err(e) => out.push(Check::fail("lake", "configured", e, "set SKYBOARD_LAKE to a directory or s3://bucket/prefix")),
        Ok(lake) => match timed(lake.check_writable()).await {
            Ok(()) => out.push(Check::ok("lake", "writable", lake.describe())),
            Err(e) => out.push(Check::fail(
                "lake",
                "writable",
                format!("{}: {e}", lake.describe()),
                "check the bucket exists (`skyboard migrate` creates it), the endpoint (SKYBOARD_S3_ENDPOINT) and the AWS credentials",
            )),
        },
    }

    match timed(open_staging(&stores)).await {
        Err(e) => out.push(Check::fail(
            "staging",
            "reachable",
            format!("{}: {e}", config.stores.staging.redacted()),
            "is the MongoDB server running and SKYBOARD_STAGING right (mongodb://host:27017/db)?",
        )),
        Ok(staging) => {
            out.push(Check::ok("staging", "reachable", staging.describe()));
            match timed(staging.check_writable()).await {
                Ok(()) => out.push(Check::ok("staging", "writable", "probe written and removed")),
                Err(e) => {
                    out.push(Check::fail("staging", "writable", e, "the MongoDB user needs readWrite on the database"))
                }
            }
            staging.close().await;
        }
    }

    match timed(pipeline::warehouse::open(&stores.warehouse)).await {
        Err(e) => out.push(Check::fail(
            "warehouse",
            "reachable",
            format!("{}: {e}", config.stores.warehouse.redacted()),
            "is the database server running, and are host, port, user and password in SKYBOARD_WAREHOUSE right?",
        )),
        Ok(wh) => {
            out.push(Check::ok("warehouse", "reachable", wh.describe()));
            let latest = wh.latest_schema_version();
            let schema_ok = matches!(timed(wh.schema_version()).await, Ok(Some(v)) if v == latest);
            match timed(wh.schema_version()).await {
                Ok(Some(v)) if v == latest => {
                    out.push(Check::ok("warehouse", "schema", format!("version {v} (up to date)")))
                }
                Ok(Some(v)) if v > latest => out.push(Check::fail(
                    "warehouse",
                    "schema",
                    format!("version {v} is newer than this build knows ({latest})"),
                    "upgrade skyboard",
                )),
                Ok(v) => out.push(Check::fail(
                    "warehouse",
                    "schema",
                    format!("version {} of {latest}", v.unwrap_or(0)),
                    "run `skyboard migrate`",
                )),
                Err(e) => out.push(Check::fail("warehouse", "schema", e, "run `skyboard migrate`")),
            }
            // Without the schema there is nothing to write into; the schema line already says why.
            match if schema_ok { timed(wh.check_writable()).await } else { Ok(()) } {
                Ok(()) if !schema_ok => {}
                Ok(()) => out.push(Check::ok("warehouse", "writable", "probe row written and rolled back")),
                Err(e) => out.push(Check::fail(
                    "warehouse",
                    "writable",
                    e,
                    "the pipeline's user needs INSERT, UPDATE and DELETE (front ends only need SELECT)",
                )),
            }
        }
    }

    out.push(match config.sources {
        SourceMode::Demo => Check::ok("sources", "lufthansa", "demo simulator (no LH_CLIENT_ID/LH_CLIENT_SECRET set)"),
        SourceMode::Live => Check::ok("sources", "lufthansa", format!("keys set, {}", config.lufthansa.base_url)),
    });
    out
}

pub async fn run(config: &Config) -> ExitCode {
    let checks = checks(config).await;
    for c in &checks {
        println!("{}", c.line());
    }
    let failed = checks.iter().filter(|c| !c.ok).count();
    if failed == 0 {
        println!("all {} checks passed", checks.len());
        ExitCode::SUCCESS
    } else {
        println!("{failed} of {} checks failed", checks.len());
        ExitCode::FAILURE
    }
}
