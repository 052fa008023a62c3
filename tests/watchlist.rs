//! My flights (#20 item 5): `w` watches the selected leg or the flight page's, `W` lists the
//! watched flights (status, countdown, gate), the list survives a restart, and a watched
//! flight's change of status, gate or delay (15 minutes or more) shows in the status bar and
//! rings the bell; `skyboard watch` prints the changes and exits 0 on landing, 3 on
//! cancellation. By keys on the fixture warehouse, with snapshots at 80×24 and 120×40 in colour
//! and with `NO_COLOR`; in a real terminal and on the command line against the demo at speed.

mod support;

use crossterm::event::KeyCode;
use pipeline::model::{FlightKey, FlightStatus};
use pipeline::warehouse::{LoadBatch, Warehouse};
use skyboard::tui::render::MapMarker;
use skyboard::tui::state::{AppState, Screen};
use skyboard::tui::theme::Theme;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::fixture_warehouse::{fixture_warehouse, leg};
use support::screen_driver::{draw_with, press, settle, start, text};
use support::tmux::Tmux;

/// LH 2004 FRA→MUC at 13:30 UTC on the fixture's day (the board's third row).
fn lh2004() -> FlightKey {
    leg(("LH", "2004"), "FRA", "MUC", 90, 145, FlightStatus::Scheduled).key
}

async fn select(w: &dyn Warehouse, state: &mut AppState, key: &FlightKey) {
    settle(w, state).await;
    let rows = state.visible_rows();
    let board = state.board().unwrap();
    let at = rows.iter().position(|&i| board.rows[i].key == *key).expect("the leg is on the board");
    for _ in 0..at {
        press(state, KeyCode::Down);
    }
}

#[tokio::test]
async fn w_watches_a_row_w_lists_it_and_its_change_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let w = fixture_warehouse(dir.path()).await;
    let w = w.as_ref();
    let mut state = start(w, 80, 24).await;
    press(&mut state, KeyCode::Char('W'));
    assert_eq!(state.screen, Screen::Watchlist);
    assert!(text(&state, 80, 24).contains("No flights watched yet"), "an empty list says how to fill it");
    press(&mut state, KeyCode::Esc);

    select(w, &mut state, &lh2004()).await;
    press(&mut state, KeyCode::Char('w'));
    assert_eq!(state.watching.flights, vec![lh2004()]);
    assert!(text(&state, 80, 24).contains("watching LH 2004 · W lists your flights"));
    // The flight page's `w` watches its leg too.
    press(&mut state, KeyCode::Up);
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!(state.screen, Screen::Flight);
    let page_leg = state.flight.clone().unwrap();
    press(&mut state, KeyCode::Char('w'));
    assert_eq!(state.watching.flights, vec![lh2004(), page_leg.clone()]);

    press(&mut state, KeyCode::Char('W'));
    settle(w, &mut state).await;
    let screen = text(&state, 80, 24);
    assert!(screen.lines().next().unwrap().contains("Watchlist"), "{screen}");
    let row = screen.lines().find(|l| l.contains("LH 2004")).expect("LH 2004 listed");
    assert!(row.contains("FRA → MUC") && row.contains("Scheduled"), "{row}");
    assert!(row.contains("departs in 1h30m"), "the countdown from noon: {row}");

    // LH 2004 boards at another gate, 20 minutes late: the status bar says so, the bell is due.
    let mut boarding = leg(("LH", "2004"), "FRA", "MUC", 90, 145, FlightStatus::Boarding);
    boarding.est_dep = Some(boarding.sched_dep + chrono::Duration::minutes(20));
    boarding.dep_gate = Some("A26".into());
    boarding.observed_at = support::noon();
    w.load(&LoadBatch { flights: vec![boarding], ..LoadBatch::default() }).await.unwrap();
    settle(w, &mut state).await;
    let alerts: Vec<String> = state.watching.outbox.iter().map(|a| format!("{}: {}", a.flight, a.text)).collect();
    assert_eq!(alerts, ["LH 2004: Scheduled → Boarding, gate — → A26, delay +0 min → +20 min"]);
    let status_bar = text(&state, 80, 24).lines().last().unwrap().to_string();
    assert!(status_bar.contains("LH 2004") && status_bar.contains("Scheduled → Boarding"), "{status_bar}");
    settle(w, &mut state).await;
    assert_eq!(state.watching.outbox.len(), 1, "the same data again alerts nothing new");

    // Enter opens the flight page; `w` on the list stops watching.
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!(state.flight.as_ref(), Some(&lh2004()));
    press(&mut state, KeyCode::Esc);
    press(&mut state, KeyCode::Char('w'));
    assert_eq!(state.watching.flights, vec![page_leg]);
}

#[tokio::test]
async fn the_watchlist_at_80x24_and_120x40_in_colour_and_without() {
    let dir = tempfile::tempdir().unwrap();
    let w = fixture_warehouse(dir.path()).await;
    for (width, height) in [(80, 24), (120, 40)] {
        let mut state = start(w.as_ref(), width, height).await;
        select(w.as_ref(), &mut state, &lh2004()).await;
        press(&mut state, KeyCode::Char('w'));
        press(&mut state, KeyCode::Home);
        press(&mut state, KeyCode::Char('w'));
        press(&mut state, KeyCode::Char('W'));
        settle(w.as_ref(), &mut state).await;
        for (theme, name) in [(Theme::DARK, "colour"), (Theme::MONO, "no_color")] {
            let terminal = draw_with(&state, width, height, MapMarker::HalfBlock, theme);
            insta::assert_snapshot!(
                format!("watchlist_{name}_{width}x{height}"),
                format!("{:?}", terminal.backend().buffer())
            );
        }
    }
}

// --- Against the demo ---------------------------------------------------------------------

const T0: &str = "2026-12-02T09:00:00Z";

/// Frankfurt's boards only, fetched every second (the demo key's plan pays for it).
fn fast_config(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("skyboard.toml");
    std::fs::write(&path, "airport = \"FRA\"\nairports = [\"FRA\"]\n[pipeline]\ninterval_secs = 1\n").unwrap();
    path
}

/// A leg of the demo's FRA departures at `T0` that `pick` chooses (the first to depart), from
/// one pipeline cycle exported as JSON.
struct DemoLeg {
    /// `QS644`: what is typed.
    flight: String,
    /// `QS 644`: what the screens and lines show.
    shown: String,
    /// Its local departure date.
    date: String,
}

fn demo_leg(pick: impl Fn(&serde_json::Value) -> bool) -> DemoLeg {
    let dir = tempfile::tempdir().unwrap();
    let config = fast_config(dir.path());
    let data = dir.path().join("data");
    let base = ["--config", config.to_str().unwrap(), "--demo-at", T0];
    let (status, _, err) = support::headless::run_skyboard(&data, &[&base[..], &["--once"]].concat(), &[]);
    assert!(status.success(), "{err}");
    let args = [&base[..], &["export", "flights", "--airport", "FRA", "--format", "json"]].concat();
    let (status, out, err) = support::headless::run_skyboard(&data, &args, &[]);
    assert!(status.success(), "{err}");
    let mut flights: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    flights.sort_by_key(|f| f["sched_dep_utc"].as_str().unwrap_or_default().to_string());
    let f = flights.iter().find(|f| pick(f)).unwrap_or_else(|| panic!("no such leg among {} at FRA", flights.len()));
    let (carrier, number) = (f["carrier"].as_str().unwrap(), f["flight_number"].as_str().unwrap());
    DemoLeg {
        flight: format!("{carrier}{number}"),
        shown: format!("{carrier} {number}"),
        date: f["dep_local_date"].as_str().unwrap().into(),
    }
}

fn minutes_after_t0(f: &serde_json::Value, field: &str) -> Option<i64> {
    let t0 = chrono::DateTime::parse_from_rfc3339(T0).unwrap();
    let t = chrono::DateTime::parse_from_rfc3339(f[field].as_str()?).ok()?;
    Some((t - t0).num_minutes())
}

/// A departure from FRA 20 to 60 minutes after `T0`, at most 15 minutes late so far, in the
/// air two hours or less: it boards, leaves and lands within a couple of hours of `T0`.
fn soon_and_short(f: &serde_json::Value) -> bool {
    let dep = minutes_after_t0(f, "sched_dep_utc");
    let est = minutes_after_t0(f, "est_dep_utc").or(dep);
    let arr = minutes_after_t0(f, "sched_arr_utc");
    f["origin"] == "FRA"
        && f["status"] == "scheduled"
        && matches!((dep, est, arr), (Some(d), Some(e), Some(a)) if (20..=60).contains(&d) && e - d <= 15 && a - d <= 120)
}

#[test]
fn in_a_terminal_w_keeps_a_flight_across_a_restart_and_its_change_rings_the_bell() {
    let DemoLeg { flight, shown, .. } = demo_leg(soon_and_short);
    let number = shown.split(' ').nth(1).unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let config = fast_config(dir.path()).display().to_string();
    let mut t = Tmux::start_in(dir, "watch", &format!("--config {config} --demo-at {T0}"), 80, 24);
    t.step("FRA departures", |s| s.contains("Departures") && Tmux::board_rows(s) >= 5);
    t.keys(":");
    t.keys(&flight);
    t.step("the flight among the completions", |s| s.contains(&flight) && !s.contains("searching …"));
    t.keys("Enter");
    t.step("its flight page", |s| s.lines().next().is_some_and(|l| l.contains(&shown)));
    t.keys("w");
    let kept = || std::fs::read_to_string(t.data_dir().join("watchlist.json")).unwrap_or_default();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !kept().contains(&format!("\"{number}\"")) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(kept().contains(&format!("\"{number}\"")), "watchlist.json: {}", kept());
    t.keys("q");
    t.assert_restored("0");

    // Again, the world moving on from T0 two minutes a second: W lists the flight, and its
    // first change shows in the status bar with the bell in the terminal's output.
    t.restart(&format!("--config {config} --demo-at {T0} --demo-speed 120"), 80, 24);
    t.record_output("output");
    t.step("FRA departures", |s| s.contains("Departures") && Tmux::board_rows(s) >= 5);
    t.keys("W");
    t.step("the watchlist with the flight", |s| {
        s.lines().next().is_some_and(|l| l.contains("Watchlist"))
            && s.lines().any(|l| l.contains(&shown) && l.contains("FRA →"))
    });
    let alerted = t.wait_for(
        |s| s.lines().last().is_some_and(|l| l.contains(&shown) && l.contains(" → ")),
        Duration::from_secs(60),
    );
    assert!(alerted.is_some(), "no alert in the status bar:\n{}", t.capture());
    let deadline = Instant::now() + Duration::from_secs(5);
    while !t.file("output").contains('\x07') && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(t.file("output").contains('\x07'), "no BEL in the terminal output");
    t.keys("q");
    t.assert_restored("0");
}

/// `skyboard watch FLIGHT --date D` on the demo at speed: its exit status and stdout.
fn watch(flight: &str, date: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = fast_config(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_skyboard"))
        .args(["--data-dir", dir.path().join("data").to_str().unwrap(), "--config", config.to_str().unwrap()])
        .args(["--demo-at", T0, "--demo-speed", "600", "watch", flight, "--date", date])
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    (status, out)
}

#[test]
fn skyboard_watch_prints_the_changes_and_exits_0_when_the_flight_lands() {
    let DemoLeg { flight, shown, date } = demo_leg(soon_and_short);
    let (status, out) = watch(&flight, &date);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(status, Some(0), "{out}");
    assert!(lines.iter().all(|l| l.contains(&shown)), "one flight, named on every line:\n{out}");
    assert!(lines[0].contains("FRA → ") && lines[0].contains("Scheduled"), "first, where it stands:\n{out}");
    assert!(lines.iter().any(|l| l.contains("→ Departed") || l.contains("→ En route")), "its departure:\n{out}");
    assert!(lines.iter().any(|l| l.contains("→ Landed")) || out.contains("landed at"), "its landing:\n{out}");
}

#[test]
fn skyboard_watch_exits_3_when_the_flight_is_cancelled() {
    let DemoLeg { flight, date, .. } = demo_leg(|f| f["origin"] == "FRA" && f["status"] == "cancelled");
    let (status, out) = watch(&flight, &date);
    assert_eq!(status, Some(3), "{out}");
    assert!(out.lines().next().is_some_and(|l| l.contains("Cancelled")), "{out}");
}
