//! `skyboard ingest-file`: saved raw responses through lake, staging and warehouse, with the
//! count of loaded and rejected records per file.

use crate::config::Config;
use chrono::{DateTime, Utc};
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use pipeline::clean::dispatch;
use pipeline::clock::{SharedClock, SystemClock};
use pipeline::model::{RawResponse, Source, fetch_time};
use pipeline::reference::Reference;
use pipeline::runner::{IngestFailure, Pipeline, open_stores};
use pipeline::sources::saved_file::{SavedFile, saved_responses};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// What the responses of one run came to.
#[derive(Default)]
struct Totals {
    responses: u64,
    records: u64,
    loaded: u64,
    rejected: u64,
}

/// Files one response and prints its line: records, loaded, rejected (and the reasons). `false`
/// when a store failed.
async fn ingest_one(
    pipeline: &Pipeline,
    clock: &SharedClock,
    name: &str,
    raw: &RawResponse,
    leading: bool,
    totals: &mut Totals,
) -> bool {
    let (outcome, report) = if leading {
        pipeline.ingest_and_clean(raw, clock.now()).await
    } else {
        (pipeline.ingest(raw, clock.now()).await, Default::default())
    };
    match &outcome.failure {
        Some(IngestFailure::Store(e)) => {
            eprintln!("{name}: {e}");
            return false;
        }
        Some(IngestFailure::Source(e)) => {
            eprintln!("{name}: {e}");
            return false;
        }
        None => {}
    }
    if !report.store_errors.is_empty() {
        let errors: Vec<String> = report.store_errors.iter().map(|e| e.to_string()).collect();
        eprintln!("{name}: {}", errors.join("; "));
        return false;
    }
    // The whole-response rejection is among the drain's rejects when it loaded the response.
    let rejected = if leading { report.rejects } else { u64::from(outcome.rejection.is_some()) };
    let whole = match &outcome.rejection {
        Some(reason) => format!(" (the whole response: {reason})"),
        None => String::new(),
    };
    if leading {
        println!("{name}: {} records, {} loaded, {rejected} rejected{whole}", outcome.records, report.records_cleaned);
    } else {
        println!("{name}: {} records staged for the running pipeline to load{whole}", outcome.records);
    }
    let mut reasons: Vec<_> = report.reject_reasons.iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(a.1));
    for (reason, n) in reasons.iter().take(8) {
        println!("  {n:>7} × {reason}");
    }
    totals.responses += 1;
    totals.records += outcome.records;
    totals.loaded += report.records_cleaned;
    totals.rejected += rejected;
    true
}

fn parse_source(s: &str) -> Result<Source> {
    Ok(match s {
        "lufthansa" => Source::Lufthansa,
        "airlabs" => Source::Airlabs,
        "opensky" => Source::Opensky,
        other => bail!("unknown source {other:?} (lufthansa, airlabs or opensky)"),
    })
}

pub async fn run(
    config: &Config,
    source: &str,
    endpoint: &str,
    fetched_at: Option<&str>,
    files: &[PathBuf],
) -> Result<ExitCode> {
    let source = parse_source(source)?;
    if !dispatch::is_known(&source.to_string(), endpoint) {
        let known: Vec<String> = dispatch::known_endpoints().collect();
        bail!("skyboard cannot clean {source}/{endpoint}; it knows: {}", known.join(", "));
    }
    let fixed_time = match fetched_at {
        Some(t) => {
            Some(DateTime::parse_from_rfc3339(t).wrap_err_with(|| format!("--fetched-at {t:?}"))?.with_timezone(&Utc))
        }
        None => None,
    };
    let clock: SharedClock = Arc::new(SystemClock);
    let stores =
        open_stores(&config.store_config()).await.wrap_err("cannot open the stores (try `skyboard doctor`)")?;
    stores.lake.prepare().await?;
    let pipeline =
        Pipeline::new(stores.clone(), None, Reference::embedded(), clock.clone(), config.pipeline_settings());
    pipeline.prepare().await?;
    // Leading, it loads what it files; beside a running leader it only files (lake and
    // staging), and the leader's cleaner loads the records.
    let mut lock = pipeline::runner::lead_once(&pipeline).await?;
    if lock.is_none() {
        eprintln!("a pipeline instance leads this warehouse: the responses are filed and staged for it to load");
    }
    let leading = lock.is_some();

    let mut failed = false;
    let mut totals = Totals::default();
    for file in files {
        let body = std::fs::read(file).wrap_err_with(|| format!("cannot read {}", file.display()))?;
        let when = match fixed_time {
            Some(t) => t,
            None => std::fs::metadata(file)
                .and_then(|m| m.modified())
                .map(DateTime::<Utc>::from)
                .unwrap_or_else(|_| clock.now()),
        };
        let path = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        let raw = |url: String, body: Vec<u8>| RawResponse {
            source,
            endpoint: endpoint.to_string(),
            url,
            http_status: 200,
            fetched_at: fetch_time(when),
            body,
        };
        match saved_responses(source, &body) {
            SavedFile::One => {
                let name = file.display().to_string();
                let response = raw(format!("file://{}", path.display()), body);
                failed |= !ingest_one(&pipeline, &clock, &name, &response, leading, &mut totals).await;
            }
            // Each response of the list is its own lake object (the URL names its place in the
            // file), reported on its own line.
            SavedFile::Many(bodies) => {
                println!("{}: a list of {} responses", file.display(), bodies.len());
                for (i, body) in bodies.into_iter().enumerate() {
                    let name = format!("{}#{}", file.display(), i + 1);
                    let response = raw(format!("file://{}#{}", path.display(), i + 1), body);
                    failed |= !ingest_one(&pipeline, &clock, &name, &response, leading, &mut totals).await;
                }
            }
        }
    }
    if totals.responses > 1 {
        println!(
            "total: {} responses, {} records, {} loaded, {} rejected",
            totals.responses, totals.records, totals.loaded, totals.rejected
        );
    }
    if let Some(lock) = lock.as_mut() {
        lock.release().await;
    }
    stores.staging.close().await;
    if failed { Err(eyre!("some files could not be ingested")) } else { Ok(ExitCode::SUCCESS) }
}
