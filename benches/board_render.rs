//! Rendering a board of 200 rows into a terminal buffer (what every redraw costs before the diff
//! goes out), at 80×24, 120×40 and 200×60. Target: under 1 ms.
//!
//! And what an idle front end costs (`idle_second`): each second the feed reads the warehouse's
//! change counter (SQLite) and the state takes a clock tick; every 30 s the feed reloads both
//! boards. An idle viewer's share of a core is about `tick + reload / 30` per second: the
//! figure `tests/walkthrough.rs` used to measure with a wall clock (target: under 1%, 10 ms).
//! How often each happens is tested on a paused clock (`tests/idle_feed.rs`).

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use pipeline::model::{Board, BoardKind, BoardRow, DataFreshness, FlightStatus};
use pipeline::reference::Reference;
use ratatui::{Terminal, backend::TestBackend};
use skyboard::tui::render::render;
use skyboard::tui::state::{AppState, BoardSnapshot};
use skyboard::tui::theme::Theme;

/// FRA's departures: 200 rows with every status, delays, gates and missing values.
fn state() -> AppState {
    let noon = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let reference = Reference::embedded();
    let destinations: Vec<&str> = reference.airports().map(pipeline::model::Airport::code).take(60).collect();
    let statuses = [
        FlightStatus::Scheduled,
        FlightStatus::Boarding,
        FlightStatus::Departed,
        FlightStatus::Cancelled,
        FlightStatus::Diverted,
        FlightStatus::Unknown,
    ];
    let rows = (0..200)
        .map(|i: i64| {
            let scheduled = noon + Duration::minutes(i * 3 - 60);
            let other = destinations[i as usize % destinations.len()];
            BoardRow {
                key: pipeline::model::FlightKey {
                    carrier: ["LH", "LX", "OS", "UA", "EN"][i as usize % 5].into(),
                    number: (100 + i * 7).to_string(),
                    origin: "FRA".into(),
                    dep_local_date: scheduled.date_naive(),
                },
                codeshares: if i % 4 == 0 { vec![format!("UA {}", 9000 + i)] } else { Vec::new() },
                airline: Some("Lufthansa".into()),
                other_airport: other.into(),
                other_city: reference.airport(other).and_then(|a| a.city.clone()),
                scheduled,
                estimated: (i % 3 != 0).then(|| scheduled + Duration::minutes(i % 40)),
                actual: (i % 7 == 0).then(|| scheduled + Duration::minutes(2)),
                terminal: (i % 4 != 0).then(|| "1".into()),
                gate: (i % 5 != 0).then(|| format!("A{}", i % 60)),
                status: statuses[i as usize % statuses.len()],
            }
        })
        .collect();
    let airport = reference.airport("FRA").unwrap().clone();
    let mut state = AppState::new("FRA", "DEMO", noon);
    state.snapshot = Some(BoardSnapshot {
        day: None,
        airport: "FRA".into(),
        departures: Some(Board { airport, kind: BoardKind::Departures, rows }),
        arrivals: None,
        freshness: DataFreshness { version: 1, newest_observation: Some(noon) },
        sources: Vec::new(),
    });
    state
}

fn board_render(c: &mut Criterion) {
    let state = state();
    let mut group = c.benchmark_group("board_render_200_rows");
    for (w, h) in [(80u16, 24u16), (120, 40), (200, 60)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        group.bench_function(format!("{w}x{h}"), |b| {
            b.iter(|| terminal.draw(|f| render(f, &state, Theme::DARK)).unwrap().area)
        });
    }
    group.finish();
}

fn idle_second(c: &mut Criterion) {
    use pipeline::warehouse::{BoardWindow, SqliteWarehouse, Warehouse};
    use skyboard::tui::state::{Action, update};
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let warehouse = rt.block_on(async {
        let w = SqliteWarehouse::open(&dir.path().join("warehouse.sqlite")).await.unwrap();
        w.migrate().await.unwrap();
        w.seed_reference(Reference::embedded()).await.unwrap();
        w
    });
    let mut state = state();
    let noon = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let mut second = 0;
    let mut group = c.benchmark_group("idle_second");
    group.bench_function("change_counter_and_tick", |b| {
        b.iter(|| {
            second += 1;
            let version = rt.block_on(warehouse.freshness()).unwrap().version;
            (version, update(&mut state, Action::Tick(noon + Duration::seconds(second))))
        })
    });
    group.bench_function("board_reload", |b| {
        b.iter(|| {
            rt.block_on(async {
                let window = BoardWindow::around(noon);
                let f = warehouse.freshness().await.unwrap();
                let d = warehouse.board("FRA", BoardKind::Departures, window).await.unwrap();
                let a = warehouse.board("FRA", BoardKind::Arrivals, window).await.unwrap();
                let s = warehouse.source_health().await.unwrap();
                (f.version, d.is_some(), a.is_some(), s.len())
            })
        })
    });
    group.finish();
}

criterion_group!(benches, board_render, idle_second);
criterion_main!(benches);
