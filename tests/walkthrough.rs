//! A new user's first minute, in a real terminal (tmux, 80×24, the demo pipeline behind it):
//! start, find MUC, open its arrivals, open a flight, show it on the map, quit — and the
//! terminal is left as it was. Also: a `--viewer` front end on a shared warehouse, idle, writes
//! (almost) nothing to the terminal. (How much work an idle front end does is counted on a paused
//! clock in `tests/idle_feed.rs`; its CPU cost is the `idle_second` benchmark: a share of a core
//! measured with a wall clock would flake on a loaded machine.)

mod support;

use std::process::Command;
use std::time::{Duration, Instant};
use support::tmux::Tmux;

#[test]
fn find_muc_open_its_arrivals_a_flight_and_the_map_then_quit() {
    let t = Tmux::start("walk", "");
    t.step("FRA departures", |s| s.contains("Departures") && Tmux::board_rows(s) >= 10);
    t.keys(":");
    t.step("the search box", |s| s.contains("Go to airport or flight"));
    t.keys("MUC");
    // The board behind the box may name Munich too: wait for the box's own answer.
    t.step("MUC among the completions", |s| {
        s.contains("› MUC")
            && !s.contains("searching …")
            && s.lines().any(|l| l.contains("MUC  ") && l.contains("Munich"))
    });
    t.keys("Enter");
    t.step("MUC's airport page", |s| s.contains("MUC / EDDM") && s.contains("Today") && s.contains("Surroundings"));
    t.keys("a");
    t.step("MUC's arrivals", |s| s.contains("Origin") && Tmux::board_rows(s) >= 3);
    t.keys("Enter");
    t.step("a flight page", |s| s.contains("Status history") && s.contains("Departure") && s.contains("Arrival"));
    t.keys("m");
    t.step("the flight on the map", |s| s.lines().next().is_some_and(|l| l.contains("Map")));
    t.keys("Escape");
    t.step("back on the flight page", |s| s.contains("Status history"));
    t.keys("q");
    t.assert_restored("0");
}

#[test]
fn an_idle_viewer_redraws_nothing_but_the_clock() {
    // One pipeline cycle fills a warehouse; the viewer then only reads it.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let filled = Command::new(env!("CARGO_BIN_EXE_skyboard"))
        .args(["--once", "--data-dir"])
        .arg(&data)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap();
    assert!(filled.status.success(), "{}", String::from_utf8_lossy(&filled.stderr));
    let t = Tmux::start_in(dir, "idle", "--viewer", 80, 24);
    t.step("the viewer's board", |s| s.contains("Departures") && Tmux::board_rows(s) >= 10);
    std::thread::sleep(Duration::from_secs(2));
    t.record_output("idle-output");
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(20));
    let elapsed = started.elapsed();
    let written = t.file("idle-output").len();
    eprintln!("idle viewer over {elapsed:?}: {written} bytes to the terminal");
    // The clock and the data's age show minutes: in less than a minute at most one of each turns
    // over (about 150 bytes each). A loaded machine may make the 20 s longer: then the bound
    // grows with the minutes that did pass, so it never depends on the machine's speed.
    let minutes = elapsed.as_secs() as usize / 60 + 1;
    assert!(written < 300 * minutes, "{written} bytes written in {elapsed:?} while idle");
    t.keys("q");
    t.assert_restored("0");
}
