//! Drives `skyboard --pipeline-only` as a separate process, as an operator or a supervisor would:
//! start it, read its JSON log lines, signal it, and look at what it left in its data directory.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// MariaDB that scripts/test.sh started (or the machine's).
pub fn mysql_base() -> String {
    std::env::var("SKYBOARD_TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into())
}

/// A name unique to this test process and call.
pub fn unique(tag: &str) -> String {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    format!("skyboard_t_{}_{}_{tag}", std::process::id(), N.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
}

/// One headless pipeline process with its stderr collected line by line.
pub struct Headless {
    pub child: Child,
    pub data_dir: PathBuf,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Headless {
    /// `skyboard --pipeline-only --log-format json --data-dir DIR ARGS…` with `env` set, in demo
    /// mode unless `env` says otherwise.
    pub fn spawn(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_skyboard"));
        cmd.args(["--pipeline-only", "--log-format", "json", "--data-dir"])
            .arg(data_dir)
            .args(args)
            .env("XDG_CONFIG_HOME", "/nonexistent")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("skyboard starts");
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Self { child, data_dir: data_dir.to_path_buf(), lines }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// Waits for a log line containing `needle`; panics with the log after `timeout`.
    pub fn wait_for_line(&self, needle: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Some(line) = self.log().into_iter().find(|l| l.contains(needle)) {
                return line;
            }
            assert!(
                start.elapsed() < timeout,
                "no log line with {needle:?} within {timeout:?}:\n{}",
                self.log().join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Log lines containing `needle`.
    pub fn count_lines(&self, needle: &str) -> usize {
        self.log().iter().filter(|l| l.contains(needle)).count()
    }

    /// The instance name it announced (`host:pid`).
    pub fn instance(&self) -> String {
        let line = self.wait_for_line("instance ", Duration::from_secs(60));
        let at = line.find("instance ").unwrap() + "instance ".len();
        line[at..].split(['"', ' ']).next().unwrap().to_string()
    }

    pub fn signal(&self, signal: &str) {
        let ok = Command::new("kill").args([&format!("-{signal}"), &self.pid().to_string()]).status().unwrap();
        assert!(ok.success(), "kill -{signal}");
    }

    /// Waits for the process to end; panics after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < timeout, "still running after {timeout:?}:\n{}", self.log().join("\n"));
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Headless {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `skyboard ARGS…` to the end; its exit status and stdout.
pub fn run_skyboard(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (ExitStatus, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_skyboard"));
    cmd.arg("--data-dir").arg(data_dir).args(args).env("XDG_CONFIG_HOME", "/nonexistent").env_remove("RUST_LOG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (out.status, String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Every lake object under `data_dir/lake`, as keys relative to the lake root.
pub fn lake_keys(data_dir: &Path) -> Vec<String> {
    let root = data_dir.join("lake");
    let mut keys = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.to_string_lossy().ends_with(".json.gz") {
                keys.push(p.strip_prefix(&root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    keys.sort();
    keys
}

/// The lake keys the warehouse has a fetch run record for.
pub const FETCH_RUN_KEYS: &str = "SELECT lake_key FROM pipeline_runs WHERE stage = 'fetch' AND lake_key IS NOT NULL";

/// Every lake object under `data_dir` has a fetch run record among `runs`.
pub fn assert_every_lake_object_has_a_run(data_dir: &Path, runs: &std::collections::BTreeSet<String>) {
    let lake = lake_keys(data_dir);
    let missing: Vec<&String> = lake.iter().filter(|k| !runs.contains(*k)).collect();
    assert!(missing.is_empty(), "{} of {} lake objects have no run record: {missing:?}", missing.len(), lake.len());
}

/// Polls `check` until it returns `Some`, for up to `timeout`.
pub async fn eventually<T, F, Fut>(timeout: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(start.elapsed() < timeout, "{what}: not within {timeout:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `GET path` on 127.0.0.1:port over plain HTTP/1.1: the status line and the body.
pub fn http_get(port: u16, path: &str) -> Option<(String, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(20))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_string(), body.to_string()))
}
