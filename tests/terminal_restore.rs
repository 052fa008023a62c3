//! Drives the real binary in tmux, as a user at a terminal would, and checks that every way out
//! (q, Ctrl-C, SIGTERM, a panic) leaves the terminal as it was: cooked mode, cursor shown, main
//! screen back. Needs `tmux` (scripts/test.sh installs it).

mod support;

use std::process::Command;
use std::time::Duration;
use support::tmux::Tmux;

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
