//! `--metrics-addr`: a headless demo pipeline is scraped over HTTP, and the counters are checked
//! against what the run left behind: lake objects, staged records, warehouse rows and rejects.

mod support;

use pipeline::runner::{CLEANER_JOB, Endpoint, EventHub, PipelineError, PipelineEvent, Run, Stage};
use skyboard::tui::render::pipeline_problems;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::collections::BTreeMap;
use std::time::Duration;
use support::headless::{Headless, http_get, lake_keys};

/// `name{labels} value` lines → value by `name{labels}` (comments and `# EOF` left out).
fn parse(text: &str) -> BTreeMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            Some((name.to_string(), value.parse().ok()?))
        })
        .collect()
}

/// Sum of every series of `metric` whose labels contain `filter`.
fn sum(m: &BTreeMap<String, f64>, metric: &str, filter: &str) -> f64 {
    m.iter()
        .filter(|(k, _)| (k.starts_with(&format!("{metric}{{")) || k.as_str() == metric) && k.contains(filter))
        .map(|(_, v)| v)
        .sum()
}

async fn scrape(addr: &str, path: &str) -> (u16, String) {
    let port: u16 = addr.rsplit(':').next().unwrap().parse().unwrap();
    let path = path.to_string();
    let (status, body) = tokio::task::spawn_blocking(move || http_get(port, &path)).await.unwrap().expect("an answer");
    (status.split(' ').nth(1).unwrap().parse().unwrap(), body)
}

async fn count(conn: &mut sqlx::SqliteConnection, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(conn).await.unwrap()
}

/// The one consumer path: each event, published once, moves the metrics, the status bar's text
/// and the run's report together.
#[test]
fn one_event_moves_the_metrics_and_the_status_bar_together() {
    let hub = EventHub::new();
    let status = hub.status();
    assert!(pipeline_problems(&status.borrow()).is_empty());

    let failure = PipelineEvent::failed(PipelineError::warehouse(Stage::Load, "warehouse (mysql): gone"));
    hub.publish(CLEANER_JOB, &failure);
    let text = hub.metrics().encode();
    assert!(text.contains(r#"skyboard_store_errors_total{store="warehouse"} 1"#), "{text}");
    assert_eq!(pipeline_problems(&status.borrow()), ["1 store errors"]);

    // A stage emits into its run: the run's report adds it up beside the metrics and the status.
    let job = "lufthansa/flightstatus-departures/FRA";
    let mut run = Run::new(&hub, job);
    let at = Endpoint::new("lufthansa", "flightstatus-departures");
    run.emit(PipelineEvent::Fetched { at, http_status: 503, retried: true });
    assert_eq!((run.report().responses, run.report().failed_attempts), (1, 1));
    let text = hub.metrics().encode();
    assert!(text.contains(&format!(r#"skyboard_responses_total{{job="{job}"}} 1"#)), "{text}");
    assert_eq!(pipeline_problems(&status.borrow()), ["1 store errors", "1 retried"]);

    // The board job's run ends clean of errors but retried: still shown; the metrics count a run.
    let report = run.finish();
    assert!(!report.failed());
    let text = hub.metrics().encode();
    assert!(text.contains(&format!(r#"skyboard_job_runs_total{{job="{job}"}} 1"#)), "{text}");
    assert_eq!(pipeline_problems(&status.borrow()), ["1 store errors", "1 retried"]);
    // Its next run, clean, clears what it showed; the cleaner's failure stays.
    Run::new(&hub, job).finish();
    assert_eq!(pipeline_problems(&status.borrow()), ["1 store errors"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_add_up_to_what_the_run_did() {
    let dir = tempfile::tempdir().unwrap();
    // Boards once an hour: each job runs once while the test looks.
    let mut p = Headless::spawn(dir.path(), &["--interval-secs", "3600", "--metrics-addr", "127.0.0.1:0"], &[]);
    let line = p.wait_for_line("metrics on http://", Duration::from_secs(60));
    let at = line.find("http://").unwrap() + "http://".len();
    let addr = line[at..].split('/').next().unwrap().to_string();

    // Wait until every job has run once and the cleaner has caught up with staging, and two
    // scrapes in a row agree (nothing moving while the stores are read).
    let staging_url = dir.path().join("staging.sqlite");
    let warehouse_url = dir.path().join("warehouse.sqlite");
    let start = std::time::Instant::now();
    let (metrics, staged, lake, rejects_rows) = loop {
        assert!(start.elapsed() < Duration::from_secs(120), "the run never settled:\n{}", p.log().join("\n"));
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (_, before) = scrape(&addr, "/metrics").await;
        let m = parse(&before);
        let jobs = m.keys().filter(|k| k.starts_with("skyboard_job_runs_total{") && !k.contains("cleaner")).count();
        let fetched = sum(&m, "skyboard_records_fetched_total", "");
        let cleaned =
            sum(&m, "skyboard_records_loaded_total", "cleaner") + sum(&m, "skyboard_records_rejected_total", "cleaner");
        if jobs < 13 || fetched == 0.0 || cleaned < fetched {
            continue;
        }
        let mut s = SqliteConnectOptions::new().filename(&staging_url).read_only(true).connect().await.unwrap();
        // Records, not the responses' own entries (ordinal -1, see staging/response_entry.rs).
        let staged = count(&mut s, "SELECT COUNT(*) FROM records WHERE ordinal >= 0").await;
        s.close().await.unwrap();
        let mut w = SqliteConnectOptions::new().filename(&warehouse_url).read_only(true).connect().await.unwrap();
        let rejects_rows = count(&mut w, "SELECT COUNT(*) FROM rejects WHERE ordinal >= 0").await;
        w.close().await.unwrap();
        let lake = lake_keys(dir.path()).len();
        let (_, after) = scrape(&addr, "/metrics").await;
        if after == before {
            break (m, staged, lake, rejects_rows);
        }
    };

    // Every record a job staged is in staging, and the cleaner loaded or rejected each one.
    let fetched = sum(&metrics, "skyboard_records_fetched_total", "");
    assert_eq!(fetched as i64, staged, "records fetched vs staged");
    let loaded = sum(&metrics, "skyboard_records_loaded_total", "job=\"cleaner\"");
    let rejected = sum(&metrics, "skyboard_records_rejected_total", "job=\"cleaner\"");
    assert_eq!((loaded + rejected) as i64, staged, "cleaned + rejected vs staged");
    assert_eq!(rejected as i64, rejects_rows, "record rejections vs the rejects table");
    // Every answer a job received is one lake object.
    let responses = sum(&metrics, "skyboard_responses_total", "");
    assert_eq!(responses as usize, lake, "answers vs lake objects");
    // Each fetch job ran (the boards once an hour: once), each run with a duration observation
    // and a success time. (A slow machine may see AirLabs and OpenSky, every 29 s and 43 s on
    // the demo keys, run twice before the stores settle.)
    for job in ["lufthansa/flightstatus-departures/FRA", "opensky/states-all", "airlabs/flights+schedules"] {
        let label = format!("{{job=\"{job}\"}}");
        let runs = metrics[&format!("skyboard_job_runs_total{label}")];
        assert!(runs >= 1.0, "{job}");
        if job.starts_with("lufthansa") {
            assert_eq!(runs, 1.0, "{job}");
        }
        assert_eq!(metrics.get(&format!("skyboard_batch_duration_seconds_count{label}")), Some(&runs), "{job}");
        assert!(metrics[&format!("skyboard_job_last_success_timestamp_seconds{label}")] > 1.7e9, "{job}");
    }
    assert_eq!(sum(&metrics, "skyboard_job_errors_total", ""), 0.0);
    assert_eq!(metrics.get("skyboard_leader"), Some(&1.0));
    // The Lufthansa key's hourly budget went down by at least the calls the boards made.
    let board_answers = sum(&metrics, "skyboard_responses_total", "flightstatus");
    let left = metrics["skyboard_api_budget_remaining{source=\"lufthansa\"}"];
    assert!(left <= 100_000.0 - board_answers && left > 0.0, "budget left {left} after {board_answers} calls");

    let (status, body) = scrape(&addr, "/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));

    p.signal("TERM");
    assert!(p.wait_exit(Duration::from_secs(40)).success());
}
