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

    out.extend(source_checks(config).await);
    out
}
/// One cheap authenticated call per configured API, with what is left of its budget.
async fn source_checks(config: &Config) -> Vec<Check> {
    use pipeline::sources::airlabs::{AirlabsClient, AirlabsQuery, interval_for_budget};
    use pipeline::sources::lufthansa::LufthansaClient;
    use pipeline::sources::opensky::{BoundingBox, OpenskyClient};
    if config.sources == SourceMode::Demo {
        return vec![Check::ok(
            "sources",
            "demo",
            "built-in simulator (no LH_CLIENT_ID/LH_CLIENT_SECRET, AIRLABS_API_KEY or OpenSky set)",
        )];
    }
    let clock: pipeline::clock::SharedClock = std::sync::Arc::new(pipeline::clock::SystemClock);
    let http = match pipeline::sources::build_http_client(&pipeline::sources::HttpSettings::default()) {
        Ok(h) => h,
        Err(e) => {
            return vec![Check::fail("sources", "http", e.to_string(), "the TLS setup of this machine is broken")];
        }
    };
    let mut out = Vec::new();
    if let Some(creds) = config.lufthansa.credentials() {
        let client = LufthansaClient::new(http.clone(), &config.lufthansa.base_url, creds, clock.clone());
        out.push(match client.fetch_reference_page("countries", 0, &mut Vec::new()).await {
            Ok(raw) if raw.http_status == 200 => Check::ok(
                "sources",
                "lufthansa",
                format!(
                    "token and one call OK; limits {}/s, {} calls left this hour",
                    client.limiter().limits().per_second,
                    client.limiter().remaining_this_hour().await
                ),
            ),
            Ok(raw) => Check::fail(
                "sources",
                "lufthansa",
                format!("HTTP {} from {}", raw.http_status, raw.url),
                "check the API plan at developer.lufthansa.com",
            ),
            Err(e) => Check::fail("sources", "lufthansa", e.to_string(), "check LH_CLIENT_ID and LH_CLIENT_SECRET"),
        });
    }
    if let Some(key) = config.airlabs.api_key.clone() {
        let client = AirlabsClient::new(http.clone(), &config.airlabs.base_url, key, clock.clone());
        let calls = pipeline::sources::airlabs::calls_per_run(config.airports.len());
        let interval = interval_for_budget(config.airlabs.monthly_calls, calls).as_secs();
        out.push(match client.fetch(&AirlabsQuery::FlightsOfAirline("LH".into()), &mut Vec::new()).await {
            Ok(raw) => {
                let plan: serde_json::Value = serde_json::from_slice(&raw.body).unwrap_or_default();
                let month = plan.pointer("/request/key/limits_by_month").and_then(|v| v.as_u64());
                Check::ok(
                    "sources",
                    "airlabs",
                    format!(
                        "key OK (one call used); plan {} calls/month, budget {} → every {} min; positions: {}",
                        month.map_or("unknown".into(), |m| m.to_string()),
                        config.airlabs.monthly_calls,
                        interval / 60,
                        config.positions.airlabs.shown,
                    ),
                )
            }
            Err(e) => {
                Check::fail("sources", "airlabs", e.to_string(), "check AIRLABS_API_KEY and the plan's monthly calls")
            }
        });
    }
    if config.opensky.enabled {
        let creds = config.opensky.credentials().map(|c| (c, config.opensky.token_url.clone()));
        let client = OpenskyClient::new(http, &config.opensky.base_url, creds, clock);
        let fra = BoundingBox { lamin: 49.5, lomin: 8.0, lamax: 50.5, lomax: 9.0 };
        out.push(match client.fetch_states(Some(&fra), &mut Vec::new()).await {
            Ok(raw) if raw.http_status == 200 => Check::ok(
                "sources",
                "opensky",
                format!(
                    "{} call OK; {} of {} daily credits left; positions: {} every {} s",
                    if config.opensky.client_id.is_some() { "authenticated" } else { "anonymous" },
                    client.credits_left().await,
                    client.daily_credits(),
                    config.positions.opensky.shown,
                    config.positions.opensky.refresh_secs.unwrap_or_default(),
                ),
            ),
            Ok(raw) => Check::fail(
                "sources",
                "opensky",
                format!("HTTP {} from {}", raw.http_status, raw.url),
                "check OPENSKY_CLIENT_ID/OPENSKY_CLIENT_SECRET or try later",
            ),
            Err(e) => Check::fail("sources", "opensky", e.to_string(), "check the OpenSky credentials or try later"),
        });
    }
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
