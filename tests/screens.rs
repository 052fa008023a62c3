//! Every screen, driven by keys as a user would, from a fixture warehouse and a fixed clock:
//! the navigation (search → airport → arrivals → flight → map → back), insta snapshots of
//! each screen at 80×24 and 120×40 with their colours (the buffer's styles are in the snapshot;
//! the only snapshot format of the screens), and every screen at every size.

mod support;

use crossterm::event::KeyCode;
use pipeline::model::BoardKind;
use pipeline::warehouse::Warehouse;
use ratatui::{Terminal, backend::TestBackend};
use skyboard::tui::render::{MapMarker, render_with};
use skyboard::tui::state::{Action, AppState, Region, Screen, update};
use skyboard::tui::theme::Theme;
use support::fixture_warehouse::{fixture_warehouse, lh2001_key};
use support::noon;
use support::screen_driver::{draw, press, settle, start, text, type_text};

#[tokio::test]
async fn search_airport_arrivals_flight_map_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let warehouse = fixture_warehouse(dir.path()).await;
    let w = warehouse.as_ref();
    let mut state = start(w, 80, 24).await;
    assert!(text(&state, 80, 24).contains("LH 2001"), "FRA departures first");

    // `:`, type "mun": Maturin (code MUN) first, then Munich (a city starting so, with flights);
    // "munich" puts Munich first; Tab completes to its code; Enter goes.
    press(&mut state, KeyCode::Char(':'));
    type_text(&mut state, "mun");
    settle(w, &mut state).await;
    let screen = text(&state, 80, 24);
    let lines: Vec<&str> = screen.lines().filter(|l| l.contains("│MU")).collect();
    assert!(lines.len() >= 2 && lines[0].contains("MUN ") && lines[1].contains("MUC "), "completions:\n{screen}");
    type_text(&mut state, "ich");
    settle(w, &mut state).await;
    press(&mut state, KeyCode::Tab);
    settle(w, &mut state).await;
    assert_eq!(state.search.as_ref().unwrap().input, "MUC");
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!((state.screen, state.airport.as_str()), (Screen::Airport, "MUC"));
    let screen = text(&state, 80, 24);
    assert!(screen.contains("MUC / EDDM") && screen.contains("Today"), "airport page:\n{screen}");
    let stats = state.stats.as_ref().expect("statistics loaded");
    assert!(stats.departures >= 10 && stats.arrivals >= 10, "{stats:?}");

    // `a`: MUC's arrivals; LH 2001 from Frankfurt is on it; select it and open it.
    press(&mut state, KeyCode::Char('a'));
    assert_eq!((state.screen, state.kind), (Screen::Board, BoardKind::Arrivals));
    let rows = state.visible_rows();
    let board = state.board().unwrap();
    let at = rows.iter().position(|&i| board.rows[i].key == lh2001_key()).expect("LH 2001 arrives at MUC");
    for _ in 0..at {
        press(&mut state, KeyCode::Down);
    }
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!(state.screen, Screen::Flight);
    let detail = state.detail.as_ref().expect("flight detail loaded");
    assert_eq!(detail.leg.key, lh2001_key());
    assert_eq!(detail.codeshares.len(), 2);
    assert!(detail.status_history.len() >= 3, "{:?}", detail.status_history);
    assert_eq!(detail.position.as_ref().map(|p| p.icao24.as_str()), Some("3c6601"));
    let screen = text(&state, 80, 24);
    assert!(screen.contains("Frankfurt") && screen.contains("D-AINZ") && screen.contains("Status history"), "{screen}");

    // `m`: the map, fitted to the route, with the aircraft selected.
    press(&mut state, KeyCode::Char('m'));
    settle(w, &mut state).await;
    assert_eq!((state.screen, state.map.region), (Screen::Map, Region::Custom));
    assert!(state.map.route.is_some());
    assert_eq!(state.map.selected.as_deref(), Some("3c6601"));
    let screen = text(&state, 80, 24);
    assert!(screen.contains("LH2001") && screen.contains("9,450 m"), "the map's info line:\n{screen}");

    // Enter on the selected aircraft opens its flight again, found through its flight number.
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    assert_eq!(state.screen, Screen::Flight);

    // Esc walks back: flight → map → flight → arrivals → airport → FRA board.
    let mut trail = Vec::new();
    while !state.history.is_empty() {
        press(&mut state, KeyCode::Esc);
        trail.push(state.screen);
    }
    assert_eq!(trail, [Screen::Map, Screen::Flight, Screen::Board, Screen::Airport, Screen::Board]);
    press(&mut state, KeyCode::Char('q'));
    assert!(state.quit);
}

#[tokio::test]
async fn the_board_filter_and_the_map_keys() {
    let dir = tempfile::tempdir().unwrap();
    let warehouse = fixture_warehouse(dir.path()).await;
    let w = warehouse.as_ref();
    let mut state = start(w, 120, 40).await;
    press(&mut state, KeyCode::Char('/'));
    type_text(&mut state, "munich");
    let screen = text(&state, 120, 40);
    assert!(screen.contains("LH 2001") && screen.contains("LH 2004") && !screen.contains("UA 933"), "{screen}");
    assert!(screen.contains("2 of"), "{screen}");
    press(&mut state, KeyCode::Enter);
    press(&mut state, KeyCode::Esc);
    assert!(state.board.filter.text.is_empty(), "Esc clears a confirmed filter");

    press(&mut state, KeyCode::Char('m'));
    settle(w, &mut state).await;
    assert_eq!(state.screen, Screen::Map);
    assert!(state.map.rows.len() >= 60, "{} aircraft", state.map.rows.len());
    press(&mut state, KeyCode::Char('2'));
    assert_eq!(state.map.region, Region::Europe);
    press(&mut state, KeyCode::Tab);
    let first = state.map.selected.clone().expect("Tab selects an aircraft on screen");
    press(&mut state, KeyCode::Tab);
    assert_ne!(state.map.selected.as_ref(), Some(&first));
    press(&mut state, KeyCode::Char('f'));
    assert!(state.map.follow);
    press(&mut state, KeyCode::Char('t'));
    settle(w, &mut state).await;
    assert!(state.map.trails);
    let before = state.map.viewport;
    press(&mut state, KeyCode::Char('+'));
    assert!(state.map.viewport.lon_span < before.lon_span);
    press(&mut state, KeyCode::Left);
    assert!(!state.map.follow, "panning by hand stops following");
}

/// Each screen of the tour, as (name, state).
async fn screens(w: &dyn Warehouse, width: u16, height: u16) -> Vec<(&'static str, AppState, MapMarker)> {
    let mut out = Vec::new();
    let mut state = start(w, width, height).await;
    out.push(("departures", state.clone(), MapMarker::HalfBlock));
    press(&mut state, KeyCode::Char('a'));
    out.push(("arrivals", state.clone(), MapMarker::HalfBlock));
    press(&mut state, KeyCode::Char('d'));
    press(&mut state, KeyCode::Char('/'));
    type_text(&mut state, "mu");
    out.push(("filter", state.clone(), MapMarker::HalfBlock));
    press(&mut state, KeyCode::Esc);
    press(&mut state, KeyCode::Esc);
    press(&mut state, KeyCode::Char('g'));
    type_text(&mut state, "mu");
    settle(w, &mut state).await;
    out.push(("search", state.clone(), MapMarker::HalfBlock));
    press(&mut state, KeyCode::Esc);
    press(&mut state, KeyCode::Char('i'));
    settle(w, &mut state).await;
    out.push(("airport", state.clone(), MapMarker::HalfBlock));
    out.push(("airport_braille", state.clone(), MapMarker::Braille));
    out.push(("airport_ascii", state.clone(), MapMarker::Ascii));
    press(&mut state, KeyCode::Esc);
    press(&mut state, KeyCode::Enter);
    settle(w, &mut state).await;
    out.push(("flight", state.clone(), MapMarker::HalfBlock));
    press(&mut state, KeyCode::Char('m'));
    settle(w, &mut state).await;
    out.push(("flight_map", state.clone(), MapMarker::HalfBlock));
    press(&mut state, KeyCode::Char('1'));
    out.push(("world_map", state.clone(), MapMarker::HalfBlock));
    out.push(("world_map_braille", state.clone(), MapMarker::Braille));
    out.push(("world_map_ascii", state.clone(), MapMarker::Ascii));
    press(&mut state, KeyCode::Char('2'));
    out.push(("europe_map", state.clone(), MapMarker::HalfBlock));
    out.push(("europe_map_braille", state.clone(), MapMarker::Braille));
    out.push(("europe_map_ascii", state.clone(), MapMarker::Ascii));
    press(&mut state, KeyCode::Char('b'));
    out.push(("europe_map_borders", state.clone(), MapMarker::Braille));
    press(&mut state, KeyCode::Char('b'));
    press(&mut state, KeyCode::Char('1'));
    press(&mut state, KeyCode::Char('?'));
    out.push(("help", state.clone(), MapMarker::HalfBlock));
    out
}

#[tokio::test]
async fn every_screen_at_80x24_and_120x40() {
    let dir = tempfile::tempdir().unwrap();
    let warehouse = fixture_warehouse(dir.path()).await;
    for (width, height) in [(80, 24), (120, 40)] {
        for (name, state, marker) in screens(warehouse.as_ref(), width, height).await {
            let terminal = draw(&state, width, height, marker);
            // The buffer's Debug form: the text, then every change of colour and modifier.
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), format!("{:?}", terminal.backend().buffer()));
        }
    }
}

#[tokio::test]
async fn the_ascii_map_is_pure_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let warehouse = fixture_warehouse(dir.path()).await;
    for (name, state, _) in screens(warehouse.as_ref(), 120, 40).await {
        if !name.contains("map") {
            continue;
        }
        let terminal = draw(&state, 120, 40, MapMarker::Ascii);
        let buffer = terminal.backend().buffer();
        // The map's area (between the title and the info line) holds ASCII only.
        for y in 1..38 {
            for x in 0..120 {
                let symbol = buffer[(x, y)].symbol();
                assert!(symbol.is_ascii(), "{name}: {symbol:?} at {x},{y}");
            }
        }
    }
}

/// Every screen state for the size sweep, as (name, state): the tour's screens ([`screens`]),
/// the loading screen (no data yet), both boards with every status the board shows (also
/// scrolled to the end, and with a failing source in the status bar), the map of Europe with an
/// aircraft selected, followed and its trail drawn, and the help overlay over the map.
async fn every_screen(w: &dyn Warehouse) -> Vec<(String, AppState, MapMarker)> {
    let mut states: Vec<(String, AppState)> = Vec::new();
    for (name, state, marker) in screens(w, 80, 24).await {
        // The tour's map screens in other markers are added below, once for every map.
        if marker == MapMarker::HalfBlock {
            states.push((name.to_string(), state));
        }
    }
    states.push(("loading".into(), AppState::new("FRA", "DEMO", noon())));
    let every_status = support::loaded_state();
    states.push(("every_status_departures".into(), every_status.clone()));
    let mut arrivals = every_status.clone();
    update(&mut arrivals, Action::ShowBoard(BoardKind::Arrivals));
    states.push(("every_status_arrivals".into(), arrivals));
    let mut scrolled = every_status.clone();
    update(&mut scrolled, Action::ScrollBottom);
    states.push(("every_status_scrolled".into(), scrolled));
    let mut failing = every_status;
    if let Some(snapshot) = failing.snapshot.as_mut() {
        snapshot.sources = vec![pipeline::model::SourceHealth {
            source: "airlabs".into(),
            last_ok: Some(noon() - chrono::Duration::minutes(4)),
            last_error: Some(noon()),
            error: Some("HTTP 503".into()),
        }];
    }
    states.push(("failing_source".into(), failing));
    let mut map = start(w, 80, 24).await;
    press(&mut map, KeyCode::Char('m'));
    settle(w, &mut map).await;
    press(&mut map, KeyCode::Char('2'));
    press(&mut map, KeyCode::Tab);
    press(&mut map, KeyCode::Char('f'));
    press(&mut map, KeyCode::Char('t'));
    settle(w, &mut map).await;
    assert!(map.map.trails && map.map.selected.is_some(), "the map with a selected aircraft and its trail");
    states.push(("europe_map_trail".into(), map.clone()));
    press(&mut map, KeyCode::Char('?'));
    states.push(("help_over_map".into(), map));
    // Screens that draw a map (the map, and the airport's and the flight's pages), in every
    // marker; the boards draw none.
    let mut out = Vec::new();
    for (name, state) in states {
        if state.screen == Screen::Board {
            out.push((name, state, MapMarker::HalfBlock));
        } else {
            for (marker, tag) in
                [(MapMarker::HalfBlock, "half"), (MapMarker::Braille, "braille"), (MapMarker::Ascii, "ascii")]
            {
                out.push((format!("{name}_{tag}"), state.clone(), marker));
            }
        }
    }
    out
}

/// The terminal sizes of the sweep, each once: every width 1..=300 at heights 1, 7, 8 (the
/// smallest drawn), 24 and 40; every height 1..=100 at widths 1, 39, 40 (the smallest drawn), 80
/// and 300; every size around the smallest drawn one (widths 36..=44 × heights 1..=12); and a
/// grid over the whole range (widths 1, 20, 39 … 286, 300 × heights 1, 12, 23 … 89, 100), the
/// four corners (1×1, 300×1, 1×100, 300×100) included. 2,164 sizes: the whole 300×100 range
/// (30,000 sizes, every screen, both themes) would take many minutes, and a panic depends on the
/// width or the height crossing a threshold of a layout, which the full lines of each find.
fn sweep_sizes() -> std::collections::BTreeSet<(u16, u16)> {
    let mut sizes = std::collections::BTreeSet::new();
    for height in [1, 7, 8, 24, 40] {
        sizes.extend((1..=300).map(|width| (width, height)));
    }
    for width in [1, 39, 40, 80, 300] {
        sizes.extend((1..=100).map(|height| (width, height)));
    }
    for width in 36..=44 {
        sizes.extend((1..=12).map(|height| (width, height)));
    }
    for width in (1..=300).step_by(19).chain([300]) {
        sizes.extend((1..=100).step_by(11).chain([100]).map(|height| (width, height)));
    }
    sizes
}

/// Draws `state` at every size of `sizes` in both themes and checks each frame (see
/// [`every_screen_renders_at_every_size`]); the number of frames drawn.
fn sweep(name: &str, state: &AppState, marker: MapMarker, sizes: &std::collections::BTreeSet<(u16, u16)>) -> usize {
    let mut drawn = 0;
    for &(width, height) in sizes {
        for theme in [Theme::DARK, Theme::MONO] {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                terminal.draw(|f| render_with(f, state, theme, marker)).unwrap();
            }));
            assert!(ok.is_ok(), "{name} panicked at {width}×{height} (colour: {})", theme.color);
            let buffer = terminal.backend().buffer();
            let row = |y: u16| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>();
            if width < skyboard::tui::render::MIN_WIDTH || height < skyboard::tui::render::MIN_HEIGHT {
                assert_eq!(buffer[(0, 0)].symbol(), "t", "{name} at {width}×{height}: {:?}", row(0));
            } else {
                for y in [0, height - 1] {
                    assert!(!row(y).trim().is_empty(), "{name} at {width}×{height}: row {y} is blank");
                }
            }
            drawn += 1;
        }
    }
    drawn
}

/// Every screen the front end has, at every terminal size from 1×1 to 300×100 (the sweep of
/// [`sweep_sizes`]), in colour and with `NO_COLOR` (`Theme::MONO`, what `NO_COLOR`
/// selects): nothing panics (ratatui panics on a cell outside the buffer, so nothing is drawn
/// outside it either), below the smallest size the "terminal too small" message starts in the
/// top-left cell, and from it on the title row and the status bar are drawn.
///
/// The screens ([`every_screen`]): the departures and arrivals boards (the fixture warehouse's,
/// and one with every status, scrolled to the end too, and with a failing source), the board
/// filter, the search box, the airport page, the flight page, the flight on the map, the world
/// map, the map of Europe with an aircraft followed and its trail, the help overlay (over a board
/// and over the map) and the loading screen; every screen that draws a map (the map, the airport's
/// and the flight's pages) in each marker: half blocks, Braille and ASCII.
#[tokio::test]
async fn every_screen_renders_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let warehouse = fixture_warehouse(dir.path()).await;
    let screens = every_screen(warehouse.as_ref()).await;
    let sizes = sweep_sizes();
    assert_eq!(sizes.len(), 2_164);
    assert!([(1, 1), (300, 1), (1, 100), (300, 100)].iter().all(|s| sizes.contains(s)));
    // The screens shared out over the cores: each thread sweeps every size for its screens.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let drawn: usize = std::thread::scope(|scope| {
        let sizes = &sizes;
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let mine: Vec<_> = screens.iter().skip(t).step_by(threads).collect();
                scope.spawn(move || {
                    mine.iter().map(|(name, state, marker)| sweep(name, state, *marker, sizes)).sum::<usize>()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).sum()
    });
    eprintln!("{} screens × {} sizes × 2 themes = {drawn} frames", screens.len(), sizes.len());
    assert_eq!(drawn, screens.len() * sizes.len() * 2);
    assert!(screens.len() >= 30, "{} screens", screens.len());
}

/// The snapshots of states the tour does not reach, in the same styled form: both boards with
/// every status the board shows (`support::loaded_state`), the loading screen, and a terminal
/// too small to draw in.
#[test]
fn every_status_loading_and_too_small() {
    let every_status = support::loaded_state();
    let mut arrivals = every_status.clone();
    update(&mut arrivals, Action::ShowBoard(BoardKind::Arrivals));
    let loading = AppState::new("FRA", "LIVE", noon());
    for (name, state, width, height) in [
        ("every_status_departures_120x40", &every_status, 120, 40),
        ("every_status_arrivals_80x24", &arrivals, 80, 24),
        ("loading_80x24", &loading, 80, 24),
        ("too_small_30x6", &every_status, 30, 6),
    ] {
        let terminal = draw(state, width, height, MapMarker::HalfBlock);
        insta::assert_snapshot!(name, format!("{:?}", terminal.backend().buffer()));
    }
}
