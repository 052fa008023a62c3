//! Killed with SIGKILL and run again, `ingest-file`, `--once` and `pipeline replay` each leave
//! the warehouse an uninterrupted run leaves — every table, `pipeline_runs` and `rejects`
//! included, no row missing and none twice. The process is stopped at a crash point
//! (`SKYBOARD_CRASH_POINT`, see `pipeline/src/runner/crash_point.rs`): after a response is in the
//! lake but not staged (`filed`), staged but not loaded (`staged`), and after the warehouse
//! committed but before the cleaner's checkpoint moved (`loaded`) — the three gaps a real crash
//! could fall into — then killed there.
//!
//! Compared: every column but surrogate ids and the instance that wrote a run (the second run
//! is another process); for `ingest-file` and replay also the wall-clock times of the handling
//! (`started_at`/`finished_at` of runs, `rejected_at`), which differ from any run to the next.
//! `--once` runs on a demo world held still (`--demo-at`), so its times are compared too.

mod support;

use sqlx::{Connection, SqliteConnection};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DEMO_AT: &str = "2026-12-02T09:30:00Z";

/// `skyboard --data-dir DIR ARGS…` run to its end; panics unless it succeeded.
fn run(dir: &Path, args: &[&str]) {
    let (status, out, err) = support::headless::run_skyboard(dir, args, &[]);
    assert!(status.success(), "skyboard {args:?} failed:\n{out}\n{err}");
}

/// `skyboard --data-dir DIR ARGS…` stopped at `point` and killed there with SIGKILL.
fn run_killed_at(dir: &Path, args: &[&str], point: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_skyboard"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .env("SKYBOARD_CRASH_POINT", point)
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let name = point.split(':').next().unwrap();
    let started = Instant::now();
    let mut log = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) if line.contains(&format!("crash point {name} reached")) => break,
            Ok(line) => log.push(line),
            Err(_) => {
                if let Some(status) = child.try_wait().unwrap() {
                    panic!("skyboard {args:?} ended ({status}) before reaching {point}:\n{}", log.join("\n"));
                }
            }
        }
        assert!(started.elapsed() < Duration::from_secs(120), "{point} not reached:\n{}", log.join("\n"));
    }
    // SIGKILL: no destructor, no flush, no release of anything.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed");
}

/// The columns of `table` that an interrupted run must reproduce.
async fn compared_columns(conn: &mut SqliteConnection, table: &str, with_times: bool) -> String {
    let mut skip = vec!["id", "instance"];
    if !with_times {
        skip.extend(["started_at", "finished_at", "rejected_at"]);
    }
    let names: Vec<String> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")))
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    names.into_iter().filter(|n| !skip.contains(&n.as_str())).collect::<Vec<_>>().join(", ")
}

/// Asserts that the warehouses in `a` and `b` hold the same rows, as many of each.
async fn assert_same_warehouse(a: &Path, b: &Path, with_times: bool, what: &str) {
    let url = format!("sqlite://{}", a.join("warehouse.sqlite").display());
    let mut conn = SqliteConnection::connect(&url).await.unwrap();
    let attach = format!("ATTACH DATABASE '{}' AS b", b.join("warehouse.sqlite").display());
    sqlx::query(sqlx::AssertSqlSafe(attach)).execute(&mut conn).await.unwrap();
    let mut total = 0;
    for table in [
        "flights",
        "flight_codeshares",
        "flight_status_history",
        "positions",
        "position_history",
        "airports",
        "airlines",
        "rejects",
        "pipeline_runs",
    ] {
        let cols = compared_columns(&mut conn, table, with_times).await;
        // As multisets: each distinct row with how often it occurs, both ways.
        let grouped = |db: &str| format!("SELECT {cols}, COUNT(*) AS n FROM {db}.{table} GROUP BY {cols}");
        let sql = format!(
            "SELECT (SELECT COUNT(*) FROM ({} EXCEPT {})) + (SELECT COUNT(*) FROM ({} EXCEPT {})),
                    (SELECT COUNT(*) FROM main.{table})",
            grouped("main"),
            grouped("b"),
            grouped("b"),
            grouped("main")
        );
        let (differ, rows): (i64, i64) = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_one(&mut conn).await.unwrap();
        assert_eq!(differ, 0, "{what}: {table} differs from the uninterrupted run");
        total += rows;
    }
    let runs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM main.pipeline_runs").fetch_one(&mut conn).await.unwrap();
    assert!(runs > 0 && total > runs, "{what}: the warehouse holds something");
}

/// A file of four AirLabs `/flights` responses (one of them `invalid request`, rejected whole).
fn responses_file(dir: &Path) -> String {
    let at = 1_764_667_800; // 2025-12-02T09:30:00Z
    let bodies = [
        pipeline::demo::airlabs_flights_dump(300, 1, at),
        pipeline::demo::airlabs_flights_dump(300, 2, at + 60),
        "invalid request".to_string(),
        pipeline::demo::airlabs_flights_dump(300, 3, at + 120),
    ];
    let path = dir.join("responses.json");
    std::fs::write(&path, serde_json::json!({ "responses": bodies }).to_string()).unwrap();
    path.display().to_string()
}

fn ingest_args(file: &str) -> Vec<&str> {
    vec!["ingest-file", "--source", "airlabs", "--endpoint", "flights", "--fetched-at", "2025-12-02T09:35:00Z", file]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_file_killed_anywhere_and_run_again_gives_the_same_warehouse() {
    let files = tempfile::tempdir().unwrap();
    let file = responses_file(files.path());
    let whole = tempfile::tempdir().unwrap();
    run(whole.path(), &ingest_args(&file));
    for point in ["filed:2", "staged:3", "loaded:1", "loaded:4"] {
        let dir = tempfile::tempdir().unwrap();
        run_killed_at(dir.path(), &ingest_args(&file), point);
        run(dir.path(), &ingest_args(&file));
        assert_same_warehouse(dir.path(), whole.path(), false, &format!("ingest-file killed at {point}")).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn once_killed_anywhere_and_run_again_gives_the_same_warehouse() {
    // The simulator's port is in every URL, and so in every lake key: the same port each run.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port().to_string();
    let once = ["--once", "--demo-at", DEMO_AT, "--demo-port", &port];
    let whole = tempfile::tempdir().unwrap();
    run(whole.path(), &once);
    for point in ["filed:3", "staged:5", "loaded:2"] {
        let dir = tempfile::tempdir().unwrap();
        run_killed_at(dir.path(), &once, point);
        run(dir.path(), &once);
        assert_same_warehouse(dir.path(), whole.path(), true, &format!("--once killed at {point}")).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replay_killed_anywhere_and_run_again_gives_the_same_warehouse() {
    let files = tempfile::tempdir().unwrap();
    let file = responses_file(files.path());
    let replay = ["pipeline", "replay", "--since", "2025-12-01"];
    let whole = tempfile::tempdir().unwrap();
    run(whole.path(), &ingest_args(&file));
    run(whole.path(), &replay);
    for point in ["loaded:1", "loaded:3"] {
        let dir = tempfile::tempdir().unwrap();
        run(dir.path(), &ingest_args(&file));
        run_killed_at(dir.path(), &replay, point);
        run(dir.path(), &replay);
        assert_same_warehouse(dir.path(), whole.path(), false, &format!("replay killed at {point}")).await;
    }
}
