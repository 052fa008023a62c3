//! The characters the map is drawn with, per marker.

use ratatui::symbols::Marker;

/// How the map is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapMarker {
    /// Coastlines in half blocks (`▀▄█`): two "pixels" a cell, readable in any font.
    #[default]
    HalfBlock,
    /// Coastlines in braille dots: 2×4 pixels a cell, the finest detail.
    Braille,
    /// Printable ASCII only, in every cell (for terminals or logs without Unicode).
    Ascii,
}

impl MapMarker {
    pub fn is_ascii(self) -> bool {
        self == Self::Ascii
    }

    /// The canvas marker for coastlines.
    pub(super) fn coast(self) -> Marker {
        match self {
            Self::HalfBlock => Marker::HalfBlock,
            Self::Braille => Marker::Braille,
            Self::Ascii => Marker::Custom(ASCII_COAST),
        }
    }

    /// The canvas marker for country borders.
    pub(super) fn border(self) -> Marker {
        match self {
            Self::Ascii => Marker::Custom(ASCII_BORDER),
            other => other.coast(),
        }
    }

    /// The canvas marker for a route (`trail == false`) or trail.
    pub(super) fn line(self, trail: bool) -> Marker {
        match self {
            Self::Ascii if trail => Marker::Custom(ASCII_TRAIL),
            Self::Ascii => Marker::Custom(ASCII_ROUTE),
            other => other.coast(),
        }
    }

    /// Canvas pixels across one cell.
    pub(super) fn pixels_per_cell(self) -> f64 {
        match self {
            Self::Braille => 2.0,
            Self::HalfBlock | Self::Ascii => 1.0,
        }
    }

    /// Canvas pixels down one cell.
    pub(super) fn pixels_per_cell_vertically(self) -> f64 {
        match self {
            Self::Braille => 4.0,
            Self::HalfBlock => 2.0,
            Self::Ascii => 1.0,
        }
    }

    pub(super) fn airport(self) -> &'static str {
        if self.is_ascii() { "o" } else { "◦" }
    }
}

pub(super) const ASCII_COAST: char = '.';
pub(super) const ASCII_BORDER: char = '\'';
pub(super) const ASCII_ROUTE: char = '*';
pub(super) const ASCII_TRAIL: char = ':';

const UNICODE: [&str; 8] = ["↑", "↗", "→", "↘", "↓", "↙", "←", "↖"];
const ASCII: [&str; 8] = ["^", "/", ">", "\\", "v", "/", "<", "\\"];

/// The aircraft symbol for a heading in degrees (0 = north, clockwise), rounded to the nearest of
/// eight directions: `↑ ↗ → ↘ ↓ ↙ ← ↖`, or in ASCII `^ / > \ v / < \`. Any finite heading is
/// taken modulo 360. Without a (finite) heading: `•`, or `+` in ASCII.
pub fn heading_glyph(heading: Option<f64>, ascii: bool) -> &'static str {
    match heading.filter(|h| h.is_finite()) {
        Some(h) => {
            let sector = (h.rem_euclid(360.0) / 45.0).round() as usize % 8;
            if ascii { ASCII[sector] } else { UNICODE[sector] }
        }
        None if ascii => "+",
        None => "•",
    }
}

/// Density: the symbol for a cell holding `count` aircraft (two or more), shaded by how many:
/// `░` 2–3, `▒` 4–9, `▓` 10–24, `█` 25 or more; in ASCII the count `2`…`9`, then `#`.
pub fn density_glyph(count: u32, ascii: bool) -> &'static str {
    const DIGITS: [&str; 8] = ["2", "3", "4", "5", "6", "7", "8", "9"];
    match (ascii, count) {
        (true, 0..=9) => DIGITS[count.saturating_sub(2) as usize],
        (true, _) => "#",
        (false, 0..=3) => "░",
        (false, 4..=9) => "▒",
        (false, 10..=24) => "▓",
        (false, _) => "█",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_directions() {
        let cases = [
            (0.0, "↑", "^"),
            (45.0, "↗", "/"),
            (90.0, "→", ">"),
            (135.0, "↘", "\\"),
            (180.0, "↓", "v"),
            (225.0, "↙", "/"),
            (270.0, "←", "<"),
            (315.0, "↖", "\\"),
            (359.0, "↑", "^"),
            (360.0, "↑", "^"),
            (22.4, "↑", "^"),
            (22.6, "↗", "/"),
            (-90.0, "←", "<"),
            (450.0, "→", ">"),
        ];
        for (h, unicode, ascii) in cases {
            assert_eq!(heading_glyph(Some(h), false), unicode, "{h}°");
            assert_eq!(heading_glyph(Some(h), true), ascii, "{h}° in ASCII");
        }
    }

    #[test]
    fn density_shades_by_count() {
        let shades: Vec<&str> = [2, 3, 4, 9, 10, 24, 25, 10_000].iter().map(|&n| density_glyph(n, false)).collect();
        assert_eq!(shades, ["░", "░", "▒", "▒", "▓", "▓", "█", "█"]);
        let ascii: Vec<&str> = [2, 3, 9, 10, 10_000].iter().map(|&n| density_glyph(n, true)).collect();
        assert_eq!(ascii, ["2", "3", "9", "#", "#"]);
    }

    #[test]
    fn no_heading() {
        assert_eq!(heading_glyph(None, false), "•");
        assert_eq!(heading_glyph(None, true), "+");
        assert_eq!(heading_glyph(Some(f64::NAN), true), "+");
        assert_eq!(heading_glyph(Some(f64::INFINITY), false), "•");
    }

    #[test]
    fn ascii_glyphs_are_printable_ascii() {
        let all = (0..360).map(|h| heading_glyph(Some(f64::from(h)), true)).chain([heading_glyph(None, true)]);
        for g in all.chain([MapMarker::Ascii.airport()]) {
            assert!(g.chars().all(|c| c.is_ascii_graphic()), "{g:?}");
        }
        for c in [ASCII_COAST, ASCII_BORDER, ASCII_ROUTE, ASCII_TRAIL] {
            assert!(c.is_ascii_graphic());
        }
    }
}
