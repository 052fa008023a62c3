//! Everything the front end shows, and the only function that changes it.

use chrono::{DateTime, Utc};
use pipeline::model::{Board, BoardKind, DataFreshness};

/// The latest boards for the selected airport, as the data feed delivers them.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardSnapshot {
    pub airport: String,
    pub departures: Option<Board>,
    pub arrivals: Option<Board>,
    pub freshness: DataFreshness,
    /// Each source's newest fetch, good and bad, from the runs table.
    pub sources: Vec<pipeline::model::SourceHealth>,
}

/// What the status bar says about the pipeline's last cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PipelineHealth {
    pub cycles: u64,
    pub last_failed: bool,
    pub last_source_errors: usize,
    pub last_store_errors: usize,
    /// Answers that had to be asked again, and answers rejected whole (both kept in the lake).
    pub last_failed_attempts: u64,
    pub last_bad_responses: u64,
}

impl PipelineHealth {
    /// What the status bar shows of the newest pipeline cycle.
    pub fn from_report(r: &pipeline::runner::CycleReport) -> Self {
        Self {
            cycles: 0,
            last_failed: r.failed(),
            last_source_errors: r.source_errors.len(),
            last_store_errors: r.store_errors.len(),
            last_failed_attempts: r.failed_attempts,
            last_bad_responses: r.bad_responses,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub airport: String,
    pub kind: BoardKind,
    pub snapshot: Option<BoardSnapshot>,
    /// Index of the first board row on screen.
    pub scroll: usize,
    pub show_help: bool,
    /// `DEMO` or `LIVE`.
    pub source_label: String,
    pub now: DateTime<Utc>,
    pub health: PipelineHealth,
    pub quit: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    ToggleBoard,
    ShowBoard(BoardKind),
    Scroll(isize),
    ScrollTop,
    ScrollBottom,
    ToggleHelp,
    CloseOverlay,
    Tick(DateTime<Utc>),
    Data(Box<BoardSnapshot>),
    Health(PipelineHealth),
}

impl AppState {
    pub fn new(airport: &str, source_label: &str, now: DateTime<Utc>) -> Self {
        Self {
            airport: airport.to_string(),
            kind: BoardKind::Departures,
            snapshot: None,
            scroll: 0,
            show_help: false,
            source_label: source_label.to_string(),
            now,
            health: PipelineHealth::default(),
            quit: false,
        }
    }

    /// Everything on screen that moves with the clock alone: the minute, the data's age and
    /// the failing sources' ages.
    fn clock_texts(&self) -> Vec<String> {
        let mut texts = vec![(self.now.timestamp().div_euclid(60)).to_string()];
        if let Some(snapshot) = &self.snapshot {
            texts.extend(snapshot.freshness.newest_observation.map(|t| age(self.now, t)));
            texts.extend(
                snapshot.sources.iter().filter(|s| s.failing()).filter_map(|s| s.last_ok).map(|t| age(self.now, t)),
            );
        }
        texts
    }

    /// The board on screen, if its data has arrived.
    pub fn board(&self) -> Option<&Board> {
        let snap = self.snapshot.as_ref().filter(|s| s.airport == self.airport)?;
        match self.kind {
            BoardKind::Departures => snap.departures.as_ref(),
            BoardKind::Arrivals => snap.arrivals.as_ref(),
        }
    }

    fn row_count(&self) -> usize {
        self.board().map_or(0, |b| b.rows.len())
    }
}

/// Applies one action. Returns whether anything visible changed.
pub fn update(state: &mut AppState, action: Action) -> bool {
    match action {
        Action::Quit => {
            state.quit = true;
            false
        }
        Action::ToggleBoard => {
            state.kind = state.kind.toggle();
            state.scroll = 0;
            true
        }
        Action::ShowBoard(kind) => {
            if state.kind == kind {
                return false;
            }
            state.kind = kind;
            state.scroll = 0;
            true
        }
        Action::Scroll(by) => {
            let max = state.row_count().saturating_sub(1);
            let next = state.scroll.saturating_add_signed(by).min(max);
            std::mem::replace(&mut state.scroll, next) != next
        }
        Action::ScrollTop => std::mem::replace(&mut state.scroll, 0) != 0,
        Action::ScrollBottom => {
            let last = state.row_count().saturating_sub(1);
            std::mem::replace(&mut state.scroll, last) != last
        }
        Action::ToggleHelp => {
            state.show_help = !state.show_help;
            true
        }
        Action::CloseOverlay => std::mem::replace(&mut state.show_help, false),
        Action::Tick(now) => {
            // Redraw only when a text on screen moved: the clock and the ages show minutes, so
            // an idle screen changes once a minute.
            let before = state.clock_texts();
            state.now = now;
            state.clock_texts() != before
        }
        Action::Data(snapshot) => {
            if state.snapshot.as_ref() == Some(snapshot.as_ref()) {
                return false;
            }
            state.snapshot = Some(*snapshot);
            state.scroll = state.scroll.min(state.row_count().saturating_sub(1));
            true
        }
        Action::Health(h) => std::mem::replace(&mut state.health, h) != h,
    }
}

/// `<1m`, `4m`, `2h05m`, `3d`: an age as the status bar shows it. Minutes at most, so an idle
/// screen changes once a minute rather than every second.
pub fn age(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let s = (now - then).num_seconds().max(0);
    match s {
        0..60 => "<1m".to_string(),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d", s / 86400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn toggling_and_scrolling() {
        let mut s = AppState::new("FRA", "DEMO", Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap());
        assert!(update(&mut s, Action::ToggleBoard));
        assert_eq!(s.kind, BoardKind::Arrivals);
        assert!(!update(&mut s, Action::Scroll(5)), "nothing to scroll without rows");
        assert!(update(&mut s, Action::ToggleHelp));
        assert!(update(&mut s, Action::CloseOverlay));
        update(&mut s, Action::Quit);
        assert!(s.quit);
    }
}
