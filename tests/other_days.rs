//! Other days on the boards (#20 item 1): `[` and `]` step the board a local day back or forward,
//! `t` returns to today, the title names the day whenever it is not today, a past day shows
//! every leg the warehouse recorded for it (departed, landed and cancelled ones, with their
//! actual times) and nothing of the days around it, and a day with nothing says so. Driven by
//! keys from the fixture warehouse (plus legs of the days before and after), snapshots at 80×24
//! and 120×40 in colour and with `NO_COLOR`; and in a real terminal on the demo pipeline.

mod support;

use chrono::Duration;
use crossterm::event::KeyCode;
use pipeline::model::{FlightLeg, FlightStatus};
use pipeline::warehouse::{LoadBatch, Warehouse};
use skyboard::tui::render::MapMarker;
use skyboard::tui::state::{AppState, Screen};
use skyboard::tui::theme::Theme;
use support::fixture_warehouse::{fixture_warehouse, leg};
use support::screen_driver::{draw_with, press, settle, start, text};
use support::tmux::Tmux;

/// Minutes from noon UTC on 2026-11-27 (the fixture's now) to `hh:mm` UTC on 2026-11-`day`.
fn utc(day: i64, hh: i64, mm: i64) -> i64 {
    (day - 27) * 1440 + (hh - 12) * 60 + mm
}

fn flown(mut l: FlightLeg, late: i64) -> FlightLeg {
    l.act_dep = Some(l.sched_dep + Duration::minutes(late));
    l.act_arr = l.sched_arr.map(|t| t + Duration::minutes(late));
    l
}

/// Legs around Thursday 2026-11-26 in Frankfurt (UTC+1): the local day runs from 25 Nov 23:00
/// to 26 Nov 23:00 UTC.
fn around_thursday() -> Vec<FlightLeg> {
    use FlightStatus::*;
    vec![
        // Wednesday 23:50 local: the day before.
        flown(leg(("LH", "90"), "FRA", "MUC", utc(25, 22, 50), utc(25, 23, 45), Landed), 0),
        // Thursday 00:00 local: the first minute of the day.
        flown(leg(("LH", "100"), "FRA", "MUC", utc(25, 23, 0), utc(25, 23, 55), Landed), 12),
        leg(("LH", "102"), "FRA", "HAM", utc(26, 12, 0), utc(26, 13, 0), Cancelled),
        flown(leg(("LH", "104"), "FRA", "LHR", utc(26, 22, 59), utc(27, 0, 30), Landed), 5),
        // Friday 00:10 local: the day after.
        flown(leg(("LH", "106"), "FRA", "MUC", utc(26, 23, 10), utc(27, 0, 5), Landed), 0),
        // Saturday, ahead of the fixture's now.
        leg(("LH", "110"), "FRA", "MUC", utc(28, 7, 0), utc(28, 8, 0), Scheduled),
    ]
}

async fn warehouse(dir: &std::path::Path) -> std::sync::Arc<dyn Warehouse> {
    let w = fixture_warehouse(dir).await;
    w.load(&LoadBatch { flights: around_thursday(), ..LoadBatch::default() }).await.unwrap();
    w
}

fn flights_on_board(state: &AppState) -> Vec<String> {
    let board = state.board().expect("the board is loaded");
    board.rows.iter().map(|r| format!("{}{}", r.key.carrier, r.key.number)).collect()
}

#[tokio::test]
async fn brackets_step_the_board_a_local_day_and_t_returns_to_today() {
    let dir = tempfile::tempdir().unwrap();
    let w = warehouse(dir.path()).await;
    let w = w.as_ref();
    let mut state = start(w, 80, 24).await;
    let today = flights_on_board(&state);
    assert!(today.contains(&"LH2004".to_string()) && !text(&state, 80, 24).contains("2026-11-27"), "{today:?}");

    press(&mut state, KeyCode::Char('['));
    settle(w, &mut state).await;
    assert_eq!(state.day_shown(), Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()));
    assert_eq!(flights_on_board(&state), ["LH100", "LH102", "LH104"], "exactly Thursday's legs, gone ones too");
    let screen = text(&state, 80, 24);
    assert!(screen.lines().next().unwrap().contains("Thu 2026-11-26"), "{screen}");
    assert!(screen.contains("Cancelled"), "the cancelled leg shows:\n{screen}");
    // The actual time is the one shown beside the schedule (00:12 local for LH 100).
    assert!(screen.lines().any(|l| l.contains("LH 100") && l.contains("00:00") && l.contains("00:12")), "{screen}");

    // Arrivals of the same day: LH 90 landed at MUC on Wednesday night, nothing of it at FRA.
    press(&mut state, KeyCode::Char('a'));
    settle(w, &mut state).await;
    assert!(text(&state, 80, 24).contains("No arrivals recorded at FRA on Thu 2026-11-26."));
    press(&mut state, KeyCode::Char('d'));

    // Two days forward: Saturday, ahead of now; one more: a day nothing is known of yet.
    press(&mut state, KeyCode::Char(']'));
    press(&mut state, KeyCode::Char(']'));
    settle(w, &mut state).await;
    assert_eq!(flights_on_board(&state), ["LH110"]);
    assert!(text(&state, 80, 24).lines().next().unwrap().contains("Sat 2026-11-28"));
    press(&mut state, KeyCode::Char(']'));
    settle(w, &mut state).await;
    assert!(text(&state, 80, 24).contains("No departures known yet at FRA for Sun 2026-11-29."));
    // Back three days, past today: one more is Wednesday, with its one late leg.
    for _ in 0..4 {
        press(&mut state, KeyCode::Char('['));
    }
    settle(w, &mut state).await;
    assert_eq!(flights_on_board(&state), ["LH90"]);

    // The airport page's numbers are of the day shown.
    press(&mut state, KeyCode::Char('i'));
    settle(w, &mut state).await;
    assert_eq!(state.screen, Screen::Airport);
    let stats = state.stats.as_ref().expect("statistics of Wednesday");
    assert_eq!((stats.day.to_string().as_str(), stats.departures), ("2026-11-25", 1));
    assert!(text(&state, 80, 24).contains("Wed 2026-11-25"));

    press(&mut state, KeyCode::Char('t'));
    settle(w, &mut state).await;
    assert_eq!(state.day_shown(), None);
    press(&mut state, KeyCode::Char('d'));
    assert_eq!(flights_on_board(&state), today, "t: today's live board again");
    assert!(!text(&state, 80, 24).lines().next().unwrap().contains("2026-"));
}

#[tokio::test]
async fn a_past_day_at_80x24_and_120x40_in_colour_and_without() {
    let dir = tempfile::tempdir().unwrap();
    let w = warehouse(dir.path()).await;
    for (width, height) in [(80, 24), (120, 40)] {
        let mut state = start(w.as_ref(), width, height).await;
        press(&mut state, KeyCode::Char('['));
        settle(w.as_ref(), &mut state).await;
        for (theme, name) in [(Theme::DARK, "colour"), (Theme::MONO, "no_color")] {
            let terminal = draw_with(&state, width, height, MapMarker::HalfBlock, theme);
            insta::assert_snapshot!(
                format!("past_day_{name}_{width}x{height}"),
                format!("{:?}", terminal.backend().buffer())
            );
        }
    }
}

fn title(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

#[test]
fn in_a_terminal_brackets_and_t_move_the_title_s_date_and_date_opens_on_a_day() {
    // The demo world held at 09:00 UTC on Wednesday 2 December (10:00 in Frankfurt).
    let t = Tmux::start("days", "--demo-at 2026-12-02T09:00:00Z");
    t.step("FRA departures", |s| s.contains("Departures") && Tmux::board_rows(s) >= 5);
    assert!(!title(&t.capture()).contains("2026-"), "today: no date in the title");
    t.keys("[");
    t.step("Tuesday's board", |s| {
        title(s).contains("Tue 2026-12-01") && (Tmux::board_rows(s) >= 1 || s.contains("No departures recorded"))
    });
    t.keys("]");
    t.keys("]");
    t.step("Thursday's board", |s| title(s).contains("Thu 2026-12-03"));
    t.keys("t");
    t.step("today again", |s| !title(s).contains("2026-") && Tmux::board_rows(s) >= 5);
    t.keys("q");
    t.assert_restored("0");

    let t = Tmux::start("date", "--demo-at 2026-12-02T09:00:00Z --date 2026-11-30");
    t.step("Monday's board from --date", |s| title(s).contains("Mon 2026-11-30"));
    t.keys("]");
    t.step("Tuesday", |s| title(s).contains("Tue 2026-12-01"));
    t.keys("q");
    t.assert_restored("0");
}
