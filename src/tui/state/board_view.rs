//! The board's selection, scroll position and text filter.

use crate::tui::render::status_text;
use pipeline::model::{Board, BoardKind, BoardRow};

/// `/`: rows whose flight number, codeshares, airport, city, gate or status contain the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub text: String,
    /// The filter line has the keyboard.
    pub editing: bool,
}

impl Filter {
    /// Indices of the rows that pass, in board order.
    pub fn apply(&self, board: &Board, kind: BoardKind) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        board
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| needle.is_empty() || matches(r, kind, &needle))
            .map(|(i, _)| i)
            .collect()
    }
}

fn matches(r: &BoardRow, kind: BoardKind, needle: &str) -> bool {
    let compact: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
    let designator = format!("{}{}", r.key.carrier, r.key.number).to_lowercase();
    designator.contains(&compact)
        || r.codeshares.iter().any(|c| c.replace(' ', "").to_lowercase().contains(&compact))
        || r.other_airport.to_lowercase().contains(needle)
        || r.other_city.as_deref().is_some_and(|c| c.to_lowercase().contains(needle))
        || r.gate.as_deref().is_some_and(|g| g.to_lowercase() == needle)
        || status_text(r, kind).to_lowercase().contains(needle)
}

/// Which board row is selected and which is the first on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardView {
    /// Index into the filtered rows.
    pub selected: usize,
    /// Index (into the filtered rows) of the first row on screen.
    pub first: usize,
    /// Rows that fit on screen.
    pub page: usize,
    pub filter: Filter,
}

impl Default for BoardView {
    fn default() -> Self {
        // 80×24: a title, a header and a status bar around the rows.
        Self { selected: 0, first: 0, page: 21, filter: Filter::default() }
    }
}

impl BoardView {
    pub fn reset_selection(&mut self) {
        self.selected = 0;
        self.first = 0;
    }

    /// Moves the selection and scrolls just enough to keep it on screen.
    pub fn move_by(&mut self, by: isize, rows: usize) -> bool {
        let before = (self.selected, self.first);
        self.selected = self.selected.saturating_add_signed(by).min(rows.saturating_sub(1));
        self.follow_selection(rows);
        before != (self.selected, self.first)
    }

    pub fn resize(&mut self, page: usize, rows: usize) -> bool {
        let before = self.clone();
        self.page = page.max(1);
        self.follow_selection(rows);
        before != *self
    }

    /// After new data: keep the selection within the rows.
    pub fn clamp(&mut self, rows: usize) {
        self.selected = self.selected.min(rows.saturating_sub(1));
        self.follow_selection(rows);
    }

    fn follow_selection(&mut self, rows: usize) {
        if self.selected < self.first {
            self.first = self.selected;
        } else if self.selected >= self.first + self.page {
            self.first = self.selected + 1 - self.page;
        }
        self.first = self.first.min(rows.saturating_sub(self.page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_scrolls_the_page_only_at_its_edges() {
        let mut v = BoardView { page: 10, ..Default::default() };
        assert!(v.move_by(5, 50));
        assert_eq!((v.selected, v.first), (5, 0));
        v.move_by(7, 50);
        assert_eq!((v.selected, v.first), (12, 3));
        v.move_by(-4, 50);
        assert_eq!((v.selected, v.first), (8, 3), "moving up inside the page does not scroll");
        v.move_by(1000, 50);
        assert_eq!((v.selected, v.first), (49, 40));
        assert!(!v.move_by(1, 50));
        v.clamp(5);
        assert_eq!((v.selected, v.first), (4, 0));
    }
}
