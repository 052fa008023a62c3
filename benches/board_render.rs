//! Rendering a board of 200 rows into a terminal buffer (what every redraw costs before the diff
//! goes out), at 80×24, 120×40 and 200×60. Target: under 1 ms.

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
            b.iter(|| terminal.draw(|f| render(f, &state, Theme { color: true })).unwrap().area)
        });
    }
    group.finish();
}

criterion_group!(benches, board_render);
criterion_main!(benches);
