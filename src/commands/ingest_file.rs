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
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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

    let mut failed = false;
    let (mut total_records, mut total_loaded, mut total_rejected) = (0, 0, 0);
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
        let raw = RawResponse {
            source,
            endpoint: endpoint.to_string(),
            url: format!("file://{}", path.display()),
            http_status: 200,
            fetched_at: fetch_time(when),
            body,
        };
        let (outcome, report) = pipeline.ingest_and_clean(&raw, clock.now()).await;
        if let Some(IngestFailure::Store(e) | IngestFailure::Source(e)) = &outcome.failure {
            eprintln!("{}: {e}", file.display());
            failed = true;
            continue;
        }
        if !report.store_errors.is_empty() {
            eprintln!("{}: {}", file.display(), report.store_errors.join("; "));
            failed = true;
            continue;
        }
        let rejected = report.rejects + u64::from(outcome.rejected);
        println!(
            "{}: {} records, {} loaded, {} rejected{}",
            file.display(),
            outcome.records,
            report.records_cleaned,
            rejected,
            if outcome.rejected { " (the whole response)" } else { "" }
        );
        let mut reasons: Vec<_> = report.reject_reasons.iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(a.1));
        for (reason, n) in reasons.iter().take(8) {
            println!("  {n:>7} × {reason}");
        }
        total_records += outcome.records;
        total_loaded += report.records_cleaned;
        total_rejected += rejected;
    }
    if files.len() > 1 {
        println!("total: {total_records} records, {total_loaded} loaded, {total_rejected} rejected");
    }
    stores.staging.close().await;
    if failed { Err(eyre!("some files could not be ingested")) } else { Ok(ExitCode::SUCCESS) }
}
