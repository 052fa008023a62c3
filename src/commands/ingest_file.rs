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
use pipeline::sources::saved_file::{self, Layout, SavedFile};
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
    raw: RawResponse,
    leading: bool,
    totals: &mut Totals,
) -> bool {
    let (outcome, report) = if leading {
        pipeline.ingest_and_clean_owned(raw, clock.now()).await
    } else {
        (pipeline.ingest(&raw, clock.now()).await, Default::default())
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

/// The responses of a listed file, parsed one at a time on a blocking thread: at most one waits
/// while the one before it is filed, so the memory is that of two responses, not the file's.
fn stream_responses(file: std::fs::File) -> tokio::sync::mpsc::Receiver<Result<Vec<u8>, String>> {
    let (send, receive) = tokio::sync::mpsc::channel(1);
    tokio::task::spawn_blocking(move || {
        let read = saved_file::each_response(file, |body| send.blocking_send(Ok(body)).is_ok());
        if let Err(e) = read {
            let _ = send.blocking_send(Err(e));
        }
    });
    receive
}

/// With `SKYBOARD_REPORT_PEAK_RSS` set, prints the process's peak resident memory (Linux
/// `VmHWM`) on stderr: the check that memory stays bounded by a response, not by the file.
fn report_peak_memory() {
    if std::env::var_os("SKYBOARD_REPORT_PEAK_RSS").is_none() {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        eprintln!("peak RSS: {}", line.trim_start_matches("VmHWM:").trim());
    }
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
        let open = || std::fs::File::open(file).wrap_err_with(|| format!("cannot read {}", file.display()));
        let read = || std::fs::read(file).wrap_err_with(|| format!("cannot read {}", file.display()));
        // The layout is read from a stream first, so a long list of responses is never held whole.
        let layout = saved_file::layout_of(source, open()?);
        let listed = match layout {
            Layout::One => None,
            Layout::Many(n) => {
                println!("{}: a list of {n} responses", file.display());
                Some(stream_responses(open()?))
            }
            Layout::Repeated => match saved_file::saved_responses(source, &read()?) {
                SavedFile::One => None,
                SavedFile::Many(bodies) => {
                    println!("{}: a list of {} responses", file.display(), bodies.len());
                    let (send, receive) = tokio::sync::mpsc::channel(bodies.len().max(1));
                    for body in bodies {
                        let _ = send.try_send(Ok(body));
                    }
                    Some(receive)
                }
            },
        };
        match listed {
            None => {
                let name = file.display().to_string();
                let response = raw(format!("file://{}", path.display()), read()?);
                failed |= !ingest_one(&pipeline, &clock, &name, response, leading, &mut totals).await;
            }
            // Each response of the list is its own lake object (the URL names its place in the
            // file), reported on its own line.
            Some(mut bodies) => {
                let mut i = 0;
                while let Some(body) = bodies.recv().await {
                    let body = body.map_err(|e| eyre!("{}: {e}", file.display()))?;
                    i += 1;
                    let name = format!("{}#{i}", file.display());
                    let response = raw(format!("file://{}#{i}", path.display()), body);
                    failed |= !ingest_one(&pipeline, &clock, &name, response, leading, &mut totals).await;
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
    report_peak_memory();
    if failed { Err(eyre!("some files could not be ingested")) } else { Ok(ExitCode::SUCCESS) }
}
