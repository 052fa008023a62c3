//! The boards as the terminal shows them, from fixed data and a fixed clock: which legs a page
//! shows, the selection, colours and their absence, the status bar, redraws. (The boards'
//! snapshots are in `tests/screens.rs`, with their styles.)

mod support;

use pipeline::model::BoardRow;
use ratatui::{Terminal, backend::TestBackend};
use skyboard::tui::render::render;
use skyboard::tui::state::{Action, AppState, update};
use skyboard::tui::theme::Theme;

fn draw(state: &AppState, width: u16, height: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(f, state, theme)).unwrap();
    terminal
}

/// The screen's line for each row of `rows`: the line on which its flight (`LH 400`, followed by
/// anything but a digit) stands, if exactly one line shows it.
fn lines_of(text: &str, rows: &[BoardRow]) -> Vec<Result<usize, usize>> {
    let lines: Vec<&str> = text.lines().collect();
    rows.iter()
        .map(|row| {
            let flight = format!("{} {}", row.key.carrier, row.key.number);
            let on: Vec<usize> = (0..lines.len())
                .filter(|&y| {
                    lines[y]
                        .match_indices(&flight)
                        .any(|(at, _)| !lines[y][at + flight.len()..].starts_with(|c: char| c.is_ascii_digit()))
                })
                .collect();
            match on.as_slice() {
                [y] => Ok(*y),
                other => Err(other.len()),
            }
        })
        .collect()
}

#[test]
fn at_80x24_the_board_shows_the_first_21_legs_once_each_in_order() {
    let state = support::loaded_state();
    let text = draw(&state, 80, 24, Theme::DARK).backend().to_string();
    let rows = &state.board().unwrap().rows;
    let page = skyboard::tui::render::visible_rows(24);
    assert_eq!(page, 21);
    assert!(rows.len() > page, "the fixture has more legs than a page");
    // Every leg of the page once, on consecutive lines below the header, in the fixture's order;
    // none of the legs after it.
    let first = usize::from(skyboard::tui::render::BOARD_FIRST_ROW);
    let want: Vec<Result<usize, usize>> = (0..page).map(|i| Ok(first + i)).collect();
    assert_eq!(lines_of(&text, &rows[..page]), want, "{text}");
    assert!(lines_of(&text, &rows[page..]).iter().all(|l| *l == Err(0)), "{text}");
}

#[test]
fn the_selection_moves_inside_the_page_and_scrolls_at_its_edge() {
    let mut state = support::loaded_state();
    let rows_at_top = |state: &AppState| {
        let text = draw(state, 80, 24, Theme::DARK).backend().to_string();
        (text.contains("LH 400+1"), text.contains("LH 2371"))
    };
    update(&mut state, Action::Scroll(3));
    assert_eq!(rows_at_top(&state), (true, true), "row 3 is selected, the page has not moved");
    // 80×24 shows 21 rows: selecting row 23 scrolls the first three off.
    update(&mut state, Action::Scroll(20));
    assert_eq!(rows_at_top(&state), (false, true));
    update(&mut state, Action::ScrollBottom);
    let text = draw(&state, 80, 24, Theme::DARK).backend().to_string();
    assert!(text.contains("LH 1129"), "last row visible:\n{text}");
    let selected_line = text.lines().find(|l| l.contains("LH 1129")).unwrap();
    let buffer_row = text.lines().position(|l| l == selected_line).unwrap() as u16;
    let t = draw(&state, 80, 24, Theme::DARK);
    let cell = &t.backend().buffer()[(1, buffer_row)];
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED), "the selected row is in reverse video");
}

#[test]
fn no_color_uses_no_colours() {
    let t = draw(&support::loaded_state(), 80, 24, Theme::MONO);
    for cell in t.backend().buffer().content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
}

#[test]
fn colours_stay_within_the_16_colour_palette() {
    use ratatui::style::Color;
    let t = draw(&support::loaded_state(), 120, 40, Theme::DARK);
    for cell in t.backend().buffer().content() {
        for c in [cell.fg, cell.bg] {
            assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?} is outside the 16-colour palette");
        }
    }
}

#[test]
fn the_status_bar_names_a_failing_source_from_the_runs_table() {
    use pipeline::model::SourceHealth;
    let now = support::noon();
    let mut state = support::loaded_state();
    let health = |source: &str, ok_min: i64, error_min: Option<i64>| SourceHealth {
        source: source.into(),
        last_ok: Some(now - chrono::Duration::minutes(ok_min)),
        last_error: error_min.map(|m| now - chrono::Duration::minutes(m)),
        error: error_min.map(|_| "HTTP 503".into()),
    };
    if let Some(snapshot) = state.snapshot.as_mut() {
        // Lufthansa failed once and recovered; AirLabs has failed since 4 minutes.
        snapshot.sources = vec![health("lufthansa", 1, Some(3)), health("airlabs", 4, Some(0))];
    }
    let text = draw(&state, 120, 40, Theme::DARK).backend().to_string();
    let bar = text.lines().rev().find(|l| l.contains("q quit")).unwrap();
    assert!(bar.contains("airlabs failing, last ok 4m ago"), "{bar}");
    assert!(!bar.contains("lufthansa"), "{bar}");
}

#[test]
fn an_idle_screen_asks_for_a_redraw_only_when_a_minute_turns() {
    // Data 12 s old at 12:00:00. Ticking every second for three minutes, the screen changes
    // when the clock's minute turns (12:01, 12:02, 12:03) and when the data's age does
    // (12:00:48, 12:01:48, 12:02:48): six redraws, not 180.
    let mut state = support::loaded_state();
    let redraws =
        (1..=180).filter(|s| update(&mut state, Action::Tick(support::noon() + chrono::Duration::seconds(*s)))).count();
    assert_eq!(redraws, 6);
}
