//! The binary as a user runs it: headless cycles, configuration errors, `skyboard config`.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::headless::http_get;

fn skyboard(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_skyboard"));
    cmd.args(args).env_remove("LH_CLIENT_ID").env_remove("LH_CLIENT_SECRET").env_remove("RUST_LOG");
    // Keep the user's own configuration out of the tests.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-skyboard-test");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn flights(dir: &Path) -> (i64, i64) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let wh = pipeline::warehouse::SqliteWarehouse::open_read_only(&dir.join("warehouse.sqlite")).await.unwrap();
        let (n, d): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT carrier || '|' || flight_number || '|' || origin || '|' || dep_local_date) FROM flights",
        )
        .fetch_one(wh.pool())
        .await
        .unwrap();
        (n, d)
    })
}

#[test]
fn once_fills_the_warehouse_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let first = skyboard(&["--pipeline-only", "--once", "--data-dir", d], &[]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let (n1, distinct1) = flights(dir.path());
    assert!(n1 >= 100, "{n1} flights");
    assert_eq!(n1, distinct1);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        stderr.contains("batch") && stderr.contains("source=lufthansa") && stderr.contains("cycle done"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "no colour codes when stderr is not a terminal");

    let second = skyboard(&["--once", "--data-dir", d], &[]);
    assert!(second.status.success());
    let (n2, distinct2) = flights(dir.path());
    assert_eq!(n2, distinct2, "no duplicate legs");
    // The second run may see a few flights enter the horizon as time passes, never duplicates.
    assert!(n2 >= n1 && n2 - n1 < 30, "{n1} then {n2}");
}

#[test]
fn a_config_syntax_error_names_file_and_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "airport = \"MUC\"\n[pipeline\ninterval_secs = 5\n").unwrap();
    let out = skyboard(&["--config", file.to_str().unwrap(), "config"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(file.to_str().unwrap()) && err.contains("line 2"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace") && !err.contains("Location:"), "{err}");
}

#[test]
fn an_unknown_config_key_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "airport = \"MUC\"\n\n[demo]\nsed = 4\n").unwrap();
    let out = skyboard(&["--config", file.to_str().unwrap(), "--pipeline-only", "--once"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 4") && err.contains("sed"), "{err}");
}

#[test]
fn an_unknown_airport_is_a_config_error() {
    let out = skyboard(&["--airport", "XQZ", "config"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"XQZ\" is not a known IATA airport code"));
}

#[test]
fn config_prints_the_effective_settings_with_secrets_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        "airport = \"muc\"\n[pipeline]\ninterval_secs = 45\n[lufthansa]\nclient_id = \"file-id-7731\"\n",
    )
    .unwrap();
    let out = skyboard(
        &["--config", file.to_str().unwrap(), "--data-dir", "/tmp/sky-x", "config"],
        &[
            ("LH_CLIENT_SECRET", "s3cr3t-value-991"),
            ("SKYBOARD_DEMO_SEED", "9"),
            ("SKYBOARD_WAREHOUSE", "mysql://sky:db-pass-4417@db.example:3306/skyboard"),
        ],
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("s3cr3t-value-991") && !text.contains("file-id-7731") && !text.contains("db-pass-4417"),
        "{text}"
    );
    assert!(text.contains("warehouse = \"mysql://sky:%3Credacted%3E@db.example:3306/skyboard\""), "{text}");
    assert!(text.contains("client_secret = \"<redacted>\""), "{text}");
    assert!(
        text.contains("airport = \"MUC\"") && text.contains("interval_secs = 45") && text.contains("seed = 9"),
        "{text}"
    );
    assert!(text.contains("data_dir = \"/tmp/sky-x\"") && text.contains("sources = \"live\""), "{text}");
}

#[test]
fn flags_win_over_the_environment_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "airport = \"ZRH\"\n").unwrap();
    let out =
        skyboard(&["--config", file.to_str().unwrap(), "--airport", "VIE", "config"], &[("SKYBOARD_AIRPORT", "BRU")]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("airport = \"VIE\""));
    let out = skyboard(&["--config", file.to_str().unwrap(), "config"], &[("SKYBOARD_AIRPORT", "BRU")]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("airport = \"BRU\""));
    let out = skyboard(&["--config", file.to_str().unwrap(), "config"], &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("airport = \"ZRH\""));
}

#[test]
fn doctor_passes_on_the_embedded_stack_after_migrate() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let before = skyboard(&["--data-dir", d, "doctor"], &[]);
    assert_eq!(before.status.code(), Some(1), "an unmigrated warehouse is a failure");
    assert!(String::from_utf8_lossy(&before.stdout).contains("run `skyboard migrate`"));
    let migrate = skyboard(&["--data-dir", d, "migrate"], &[]);
    assert!(migrate.status.success(), "{}", String::from_utf8_lossy(&migrate.stderr));
    let after = skyboard(&["--data-dir", d, "doctor"], &[]);
    let text = String::from_utf8_lossy(&after.stdout);
    assert!(after.status.success(), "{text}");
    assert!(text.contains("all 8 checks passed"), "{text}");
}

#[test]
fn doctor_against_a_stopped_database_says_which_check_failed_and_why() {
    // Nothing listens on this port: a stopped MariaDB, as the client sees it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("mysql://skyboard:hunter2-secret@127.0.0.1:{port}/skyboard");
    let out = skyboard(&["--data-dir", dir.path().to_str().unwrap(), "doctor"], &[("SKYBOARD_WAREHOUSE", &url)]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.starts_with("FAIL")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("warehouse") && line.contains("reachable") && line.contains("Connection refused"), "{text}");
    assert!(line.contains(&format!("127.0.0.1:{port}")), "names the server: {text}");
    assert!(text.contains("hint: is the database server running"), "{text}");
    assert!(!text.contains("hunter2-secret"), "no password in the output: {text}");
    assert!(text.contains("1 of 6 checks failed"), "{text}");
}

#[test]
fn the_readme_configuration_examples_are_valid() {
    let readme = include_str!("../README.md");
    let blocks: Vec<&str> = readme.split("```toml\n").skip(1).map(|b| b.split("```").next().unwrap()).collect();
    assert!(blocks.len() >= 2, "the README's toml blocks");
    for block in blocks {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, block).unwrap();
        let out = skyboard(&["--config", file.to_str().unwrap(), "config"], &[]);
        assert!(out.status.success(), "{block}\n{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn demo_serve_answers_curl_in_the_real_formats() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_skyboard"))
        .args(["demo", "serve", "--port", &port.to_string(), "--demo-chaos"])
        .env("XDG_CONFIG_HOME", "/nonexistent-skyboard-test")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let key = pipeline::demo::DemoCredentials::default().airlabs_key;
    // World-wide: at night over Europe the sky is nearly empty, but long-haul flights are up.
    let path = format!("/airlabs/v9/flights?api_key={}", key.expose());
    // With chaos on, an answer may be a 503 or cut short; ask until a whole one comes.
    let mut whole = None;
    for _ in 0..100 {
        match http_get(port, &path) {
            Some((status, body)) if status.contains(" 200 ") => {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&body) {
                    whole = Some(v);
                    break;
                }
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&format!("http://127.0.0.1:{port}/airlabs/v9")), "{stdout}");
    let body = whole.expect("a whole AirLabs answer from `skyboard demo serve`");
    let flights = body["response"].as_array().expect("the documented envelope");
    assert!(flights.len() > 20, "{} aircraft world-wide", flights.len());
    assert!(flights.iter().all(|f| f["hex"].as_str().is_some_and(|h| h.len() == 6) && f["lat"].is_number()));
}

#[test]
fn a_demo_speed_out_of_range_is_a_config_error() {
    let out = skyboard(&["--demo-speed", "0", "config"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("demo speed"));
}
