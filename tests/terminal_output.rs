//! What reaches the terminal: ratatui sends only the cells that changed, so a board update that
//! changes one row costs well under a kilobyte over SSH, and drawing an unchanged state sends no
//! cell at all.

mod support;

use pipeline::model::FlightStatus;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use skyboard::tui::render::render;
use skyboard::tui::state::AppState;
use skyboard::tui::theme::Theme;
use support::wire::Wire;

type Term = Terminal<CrosstermBackend<Wire>>;

/// Bytes written to the terminal by drawing `state` (after whatever was drawn before).
fn bytes_for(term: &mut Term, wire: &Wire, state: &AppState) -> usize {
    wire.clear();
    term.draw(|f| render(f, state, Theme::DARK)).unwrap();
    wire.byte_count()
}

#[test]
fn one_changed_row_costs_under_a_kilobyte_and_no_change_costs_nothing() {
    for (width, height) in [(80, 24), (120, 40)] {
        let wire = Wire::default();
        let mut term = wire.terminal(width, height);
        let before = support::loaded_state();
        let first = bytes_for(&mut term, &wire, &before);
        assert!(first > 1_000, "the first frame draws the whole screen ({first} bytes)");
        // (The app does not even draw an unchanged state; if it did, only the cursor and style
        // housekeeping would go out, no cell.)
        let idle = bytes_for(&mut term, &wire, &before);
        assert!(idle < 32, "an unchanged state sent {idle} bytes at {width}×{height}");

        // One flight starts boarding at another gate, 10 minutes late.
        let mut after = before.clone();
        let snapshot = after.snapshot.as_mut().unwrap();
        let row = &mut snapshot.departures.as_mut().unwrap().rows[5];
        row.status = FlightStatus::Boarding;
        row.gate = Some("B44".into());
        row.estimated = Some(row.scheduled + chrono::Duration::minutes(10));
        snapshot.freshness.version += 1;
        let update = bytes_for(&mut term, &wire, &after);
        eprintln!("{width}×{height}: first frame {first} bytes, one row changed {update} bytes");
        assert!(update > 0 && update < 1024, "one row changed: {update} bytes at {width}×{height}");
    }
}
