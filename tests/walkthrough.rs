//! A new user's first minute, in a real terminal (tmux, 80×24, the demo pipeline behind it):
//! start, find MUC, open its arrivals, open a flight, show it on the map, quit — and the
//! terminal is left as it was. Also: a `--viewer` front end on a shared warehouse, idle, uses
//! under 1% of a core and writes (almost) nothing to the terminal.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};
use support::tmux::Tmux;

const WAIT: Duration = Duration::from_secs(15);

fn step(t: &Tmux, what: &str, done: impl Fn(&str) -> bool) {
    assert!(t.wait_for(&done, WAIT).is_some(), "{what}: not on screen within {WAIT:?}:\n{}", t.capture());
}

#[test]
fn find_muc_open_its_arrivals_a_flight_and_the_map_then_quit() {
    let t = Tmux::start("walk", "");
    step(&t, "FRA departures", |s| s.contains("Departures") && Tmux::board_rows(s) >= 10);
    t.keys(":");
    step(&t, "the search box", |s| s.contains("Go to airport or flight"));
    t.keys("MUC");
    step(&t, "MUC among the completions", |s| s.contains("Munich") && s.contains("MUC"));
    t.keys("Enter");
    step(&t, "MUC's airport page", |s| s.contains("MUC / EDDM") && s.contains("Today") && s.contains("Surroundings"));
    t.keys("a");
    step(&t, "MUC's arrivals", |s| s.contains("Origin") && Tmux::board_rows(s) >= 3);
    t.keys("Enter");
    step(&t, "a flight page", |s| s.contains("Status history") && s.contains("Departure") && s.contains("Arrival"));
    t.keys("m");
    step(&t, "the flight on the map", |s| s.lines().next().is_some_and(|l| l.contains("Map")));
    t.keys("Escape");
    step(&t, "back on the flight page", |s| s.contains("Status history"));
    t.keys("q");
    t.assert_restored("0");
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat.rsplit_once(')').unwrap().1.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn an_idle_viewer_uses_under_one_percent_of_a_core_and_redraws_nothing_but_the_clock() {
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
    step(&t, "the viewer's board", |s| s.contains("Departures") && Tmux::board_rows(s) >= 10);
    let pid = t.skyboard_pid().expect("the skyboard process");
    std::thread::sleep(Duration::from_secs(2));
    t.record_output("idle-output");
    let (ticks_before, started) = (cpu_ticks(pid), Instant::now());
    std::thread::sleep(Duration::from_secs(20));
    let ticks = cpu_ticks(pid) - ticks_before;
    let elapsed = started.elapsed().as_secs_f64();
    // Clock ticks are 1/100 s on Linux (sysconf(_SC_CLK_TCK)).
    let cpu_percent = ticks as f64 / 100.0 / elapsed * 100.0;
    let written = t.file("idle-output").len();
    eprintln!("idle viewer over {elapsed:.1} s: {cpu_percent:.2}% of a core, {written} bytes to the terminal");
    assert!(cpu_percent < 1.0, "{cpu_percent:.2}% of a core while idle");
    // The clock and the data's age show minutes: in 20 s at most one of each turns over.
    assert!(written < 300, "{written} bytes written while idle");
    t.keys("q");
    t.assert_restored("0");
}
