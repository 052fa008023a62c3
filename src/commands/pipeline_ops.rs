//! `skyboard pipeline replay|reprocess`: lake objects again through staging and the warehouse,
//! or staging again through the cleaner. Idempotent; a progress bar when stderr is a terminal.

use crate::cli::PipelineCommand;
use crate::config::Config;
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use indicatif::{ProgressBar, ProgressStyle};
use pipeline::clock::{SharedClock, SystemClock};
use pipeline::model::Source;
use pipeline::reference::Reference;
use pipeline::runner::{CycleReport, Pipeline, ReplayRange, open_stores, parse_time_arg};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

pub async fn run(config: &Config, command: &PipelineCommand) -> Result<ExitCode> {
    let clock: SharedClock = Arc::new(SystemClock);
    let stores =
        open_stores(&config.store_config()).await.wrap_err("cannot open the stores (try `skyboard doctor`)")?;
    let pipeline =
        Pipeline::new(stores.clone(), None, Reference::embedded(), clock.clone(), config.pipeline_settings());
    pipeline.prepare().await?;
    let Some(mut lock) = pipeline::runner::lead_once(&pipeline).await? else {
        stores.staging.close().await;
        bail!("a pipeline instance leads this warehouse: stop it first (replay and reprocess do not write beside it)");
    };
    let result = match command {
        PipelineCommand::Replay { since, until, source } => {
            let range = ReplayRange {
                since: parse_time_arg(since).map_err(|e| eyre!("--since: {e}"))?,
                until: match until {
                    Some(t) => parse_time_arg(t).map_err(|e| eyre!("--until: {e}"))?,
                    None => clock.now(),
                },
                source: source.as_deref().map(str::parse::<Source>).transpose().map_err(|e| eyre!("--source: {e}"))?,
            };
            replay(&pipeline, &range).await
        }
        PipelineCommand::Reprocess => {
            let total = pipeline.staged_records().await?;
            eprintln!("re-cleaning {total} staged records");
            let bar = progress_bar(total, "{bar:40} {pos}/{len} records  {per_sec}  eta {eta}");
            let report = pipeline.reprocess(|done| bar.set_position(done)).await;
            bar.finish_and_clear();
            summarize("reprocess", &report)
        }
    };
    lock.release().await;
    stores.staging.close().await;
    result
}

async fn replay(pipeline: &Pipeline, range: &ReplayRange) -> Result<ExitCode> {
    let keys = pipeline.replay_keys(range).await?;
    eprintln!("replaying {} lake objects fetched from {} until {}", keys.len(), range.since, range.until);
    let bar = progress_bar(keys.len() as u64, "{bar:40} {pos}/{len} objects  {per_sec}  eta {eta}  {msg}");
    let mut report = CycleReport::default();
    for key in &keys {
        if !pipeline.replay_object(key, &mut report).await {
            bar.abandon();
            eprintln!("stopped at {key}");
            return summarize("replay", &report);
        }
        bar.set_message(format!("{} records", report.records_cleaned));
        bar.inc(1);
    }
    bar.finish_and_clear();
    summarize("replay", &report)
}

/// A bar on stderr when it is a terminal; nothing otherwise (logs and pipes stay clean).
fn progress_bar(len: u64, template: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    bar
}

fn summarize(what: &str, report: &CycleReport) -> Result<ExitCode> {
    println!(
        "{what}: {} objects, {} records cleaned, {} rejected, {} flight rows written",
        report.responses, report.records_cleaned, report.rejects, report.flights_written
    );
    for e in report.store_errors.iter().chain(&report.source_errors) {
        eprintln!("  {e}");
    }
    Ok(if report.store_errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
