//! Drives the real binary in tmux, as a user at a terminal would, and checks that every way out
//! (q, Ctrl-C, SIGTERM, a panic) leaves the terminal as it was: cooked mode, cursor shown, main
//! screen back. Needs `tmux` (scripts/test.sh installs it).

use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    _dir: tempfile::TempDir,
}

impl Tmux {
    fn start(name: &str, extra_args: &str) -> Self {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()),
            "tmux is required for this test (apt-get install tmux; scripts/test.sh does it)"
        );
        let dir = tempfile::tempdir().unwrap();
        let socket = format!("skyboard-test-{}-{name}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_skyboard");
        let d = dir.path().display();
        // stty before and after, so raw mode left behind is caught, not just the screen state.
        let script = format!(
            "stty -g > {d}/before; XDG_CONFIG_HOME=/nonexistent {bin} --data-dir {d}/data {extra_args} 2>{d}/stderr; echo EXIT:$? ; stty -g > {d}/after; sleep 60"
        );
        let ok = Command::new("tmux")
            .args(["-L", &socket, "new-session", "-d", "-x", "80", "-y", "24", "-s", "t"])
            .args(["env", "TERM=xterm-256color", "bash", "--norc", "--noprofile", "-c", &script])
            .status()
            .unwrap();
        assert!(ok.success());
        Self { socket, _dir: dir }
    }

    fn capture(&self) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &str) {
        Command::new("tmux").args(["-L", &self.socket, "send-keys", "-t", "t", keys]).status().unwrap();
    }

    fn display(&self, fmt: &str) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "display", "-p", "-t", "t", fmt]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn wait_for(&self, what: impl Fn(&str) -> bool, timeout: Duration) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if what(&self.capture()) {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self._dir.path().join(name)).unwrap_or_default()
    }

    /// After the program ended: the shell printed its exit code, the screen and tty are back.
    fn assert_restored(&self, expected_exit: &str) {
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

    fn board_rows(screen: &str) -> usize {
        screen.lines().filter(|l| l.len() > 12 && l.as_bytes()[2] == b':' && l.as_bytes()[5] == b' ').count()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

#[test]
fn q_quits_cleanly_after_showing_a_full_board_within_ten_seconds() {
    let t = Tmux::start("q", "");
    let took = t.wait_for(|s| Tmux::board_rows(s) >= 20 && s.contains("Departures"), Duration::from_secs(10));
    assert!(took.is_some(), "no FRA board with 20 rows within 10 s:\n{}", t.capture());
    assert!(t.capture().contains("FRA"));
    t.keys("q");
    t.assert_restored("0");
}

#[test]
fn ctrl_c_quits_cleanly() {
    let t = Tmux::start("ctrlc", "");
    assert!(t.wait_for(|s| s.contains("Departures"), Duration::from_secs(10)).is_some(), "{}", t.capture());
    t.keys("C-c");
    t.assert_restored("0");
}

#[test]
fn sigterm_quits_cleanly() {
    let t = Tmux::start("term", "");
    assert!(t.wait_for(|s| s.contains("Departures"), Duration::from_secs(10)).is_some(), "{}", t.capture());
    let pid = t.display("#{pane_pid}");
    // The pane runs bash, whose child is skyboard.
    let status = Command::new("pkill").args(["-TERM", "-P", &pid, "-f", "skyboard"]).status().unwrap();
    assert!(status.success(), "no skyboard process under pane {pid}");
    t.assert_restored("0");
}

#[test]
fn a_panic_restores_the_terminal_before_reporting() {
    let t = Tmux::start("panic", "--panic-after-ms 1500");
    assert!(t.wait_for(|s| s.contains("Departures"), Duration::from_secs(10)).is_some(), "{}", t.capture());
    t.assert_restored("101");
    assert!(t.file("stderr").contains("test panic requested"), "{}", t.file("stderr"));
}
