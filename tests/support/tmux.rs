//! Drives the real binary in a detached tmux session, as a user at a terminal would.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
    pub dir: tempfile::TempDir,
}

impl Tmux {
    pub fn start(name: &str, extra_args: &str) -> Self {
        Self::start_sized(name, extra_args, 80, 24)
    }

    /// Runs skyboard with `extra_args` in a detached tmux session of this size.
    pub fn start_sized(name: &str, extra_args: &str, width: u16, height: u16) -> Self {
        Self::start_in(tempfile::tempdir().unwrap(), name, extra_args, width, height)
    }

    /// As [`Tmux::start_sized`], with a data directory (`DIR/data`) prepared beforehand.
    pub fn start_in(dir: tempfile::TempDir, name: &str, extra_args: &str, width: u16, height: u16) -> Self {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()),
            "tmux is required for this test (apt-get install tmux; scripts/test.sh does it)"
        );
        let socket = format!("skyboard-test-{}-{name}", std::process::id());
        launch(&socket, dir.path(), extra_args, width, height);
        Self { socket, dir }
    }

    /// Ends the session (whatever runs in it) and starts skyboard again in the same directory:
    /// the data directory, and what it keeps, stay. The new session has a server of its own (a
    /// server still shutting down would refuse it).
    pub fn restart(&mut self, extra_args: &str, width: u16, height: u16) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
        self.socket.push_str("-again");
        launch(&self.socket, self.dir.path(), extra_args, width, height);
    }

    pub fn capture(&self) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &str) {
        Command::new("tmux").args(["-L", &self.socket, "send-keys", "-t", "t", keys]).status().unwrap();
    }

    pub fn display(&self, fmt: &str) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "display", "-p", "-t", "t", fmt]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn wait_for(&self, what: impl Fn(&str) -> bool, timeout: Duration) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if what(&self.capture()) {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    pub fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }

    /// The skyboard process in the pane (the pane runs bash, whose child it is).
    pub fn skyboard_pid(&self) -> Option<u32> {
        let pane = self.display("#{pane_pid}");
        let out = Command::new("pgrep").args(["-P", &pane, "-f", "skyboard"]).output().ok()?;
        String::from_utf8_lossy(&out.stdout).lines().next()?.trim().parse().ok()
    }

    /// Copies everything the program writes to the terminal from now on into `file`.
    pub fn record_output(&self, file: &str) {
        let path = self.dir.path().join(file);
        let cmd = format!("cat >> {}", path.display());
        let ok = Command::new("tmux").args(["-L", &self.socket, "pipe-pane", "-o", "-t", "t", &cmd]).status().unwrap();
        assert!(ok.success());
    }

    pub fn data_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// After the program ended: the shell printed its exit code, the screen and tty are back.
    pub fn assert_restored(&self, expected_exit: &str) {
        let done = self.wait_for(|s| s.contains("EXIT:"), Duration::from_secs(20));
        assert!(done.is_some(), "program did not exit:\n{}", self.capture());
        assert!(
            self.capture().contains(&format!("EXIT:{expected_exit}")),
            "{}\nstderr: {}",
            self.capture(),
            self.file("stderr")
        );
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(self.display("#{alternate_on}"), "0", "still on the alternate screen");
        assert_eq!(self.display("#{cursor_flag}"), "1", "cursor hidden");
        assert_eq!(self.file("before"), self.file("after"), "terminal modes (stty) not restored");
    }

    /// Waits (up to 15 s) until the screen shows `what`; fails the test with the screen if not.
    pub fn step(&self, what: &str, done: impl Fn(&str) -> bool) {
        const WAIT: Duration = Duration::from_secs(15);
        assert!(self.wait_for(&done, WAIT).is_some(), "{what}: not on screen within {WAIT:?}:\n{}", self.capture());
    }

    pub fn board_rows(screen: &str) -> usize {
        screen.lines().filter(|l| l.len() > 12 && l.as_bytes()[2] == b':' && l.as_bytes()[5] == b' ').count()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

/// Runs skyboard with `--data-dir DIR/data` and `extra_args` in a detached tmux session.
fn launch(socket: &str, dir: &std::path::Path, extra_args: &str, width: u16, height: u16) {
    let bin = env!("CARGO_BIN_EXE_skyboard");
    let d = dir.display();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    // stty before and after, so raw mode left behind is caught, not just the screen state.
    let script = format!(
        "stty -g > {d}/before; XDG_CONFIG_HOME=/nonexistent {bin} --data-dir {d}/data {extra_args} 2>{d}/stderr; echo EXIT:$? ; stty -g > {d}/after; sleep 60"
    );
    let ok = Command::new("tmux")
        .args(["-L", socket, "new-session", "-d", "-x", &width.to_string(), "-y", &height.to_string(), "-s", "t"])
        .args(["env", "TERM=xterm-256color", "bash", "--norc", "--noprofile", "-c", &script])
        .status()
        .unwrap();
    assert!(ok.success());
}
