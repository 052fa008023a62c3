//! Coastlines and country borders as lines, from Natural Earth (`assets/natural-earth`, public
//! domain; its README says how the files were made). Each scale is decoded once, on first use;
//! every line keeps its bounding box, so a view draws only the lines it touches.
//!
//! The decoder is our own (a dozen lines) because the format is our own: i16 hundredths of a
//! degree, the most compact form the map needs.

use ratatui::style::Color;
use ratatui::widgets::canvas::{Line, Painter, Shape};
use std::sync::LazyLock;

/// What an outline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    /// Where land meets the sea (and the large lakes).
    Coast,
    /// Where two countries meet.
    Borders,
}

/// How detailed an outline is: Natural Earth's 1:110m or 1:50m scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Coarse,
    Fine,
}

/// Canvas pixels per degree of longitude from which the 1:50m outlines are worth drawing (below,
/// their detail falls inside single pixels and only costs time).
const FINE_PX_PER_DEG: f64 = 1.5;

impl Detail {
    /// The detail for a view drawing `px_per_deg` canvas pixels per degree of longitude.
    pub fn for_scale(px_per_deg: f64) -> Self {
        if px_per_deg >= FINE_PX_PER_DEG { Self::Fine } else { Self::Coarse }
    }
}

/// One polyline, `(lon, lat)` in degrees, with its bounding box.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub points: Vec<(f64, f64)>,
    pub lon: [f64; 2],
    pub lat: [f64; 2],
}

/// The outlines of one kind at one detail.
#[derive(Debug, Default)]
pub struct Outlines {
    pub lines: Vec<Outline>,
}

static COAST_110M: LazyLock<Outlines> =
    LazyLock::new(|| Outlines::decode(include_bytes!("../../../../assets/natural-earth/coast-110m.bin")));
static COAST_50M: LazyLock<Outlines> =
    LazyLock::new(|| Outlines::decode(include_bytes!("../../../../assets/natural-earth/coast-50m.bin")));
static BORDERS_110M: LazyLock<Outlines> =
    LazyLock::new(|| Outlines::decode(include_bytes!("../../../../assets/natural-earth/borders-110m.bin")));
static BORDERS_50M: LazyLock<Outlines> =
    LazyLock::new(|| Outlines::decode(include_bytes!("../../../../assets/natural-earth/borders-50m.bin")));

/// The shipped outlines of a kind at a detail.
pub fn outlines(kind: OutlineKind, detail: Detail) -> &'static Outlines {
    match (kind, detail) {
        (OutlineKind::Coast, Detail::Coarse) => &COAST_110M,
        (OutlineKind::Coast, Detail::Fine) => &COAST_50M,
        (OutlineKind::Borders, Detail::Coarse) => &BORDERS_110M,
        (OutlineKind::Borders, Detail::Fine) => &BORDERS_50M,
    }
}

impl Outlines {
    /// Decodes the asset format (see the README); a malformed file gives the lines before the
    /// fault (a test checks the shipped files decode whole).
    pub fn decode(bytes: &[u8]) -> Self {
        let mut lines = Vec::new();
        let Some(rest) = bytes.strip_prefix(b"SKYL") else { return Self { lines } };
        let mut reader = Reader(rest);
        let count = reader.u32().unwrap_or(0);
        for _ in 0..count {
            let Some(n) = reader.u32() else { break };
            let mut points = Vec::with_capacity(n.min(1 << 20) as usize);
            for _ in 0..n {
                let (Some(lon), Some(lat)) = (reader.i16(), reader.i16()) else { return Self { lines } };
                points.push((f64::from(lon) / 100.0, f64::from(lat) / 100.0));
            }
            let lon = bounds(points.iter().map(|p| p.0));
            let lat = bounds(points.iter().map(|p| p.1));
            lines.push(Outline { points, lon, lat });
        }
        Self { lines }
    }

    /// Points in all lines.
    pub fn points(&self) -> usize {
        self.lines.iter().map(|l| l.points.len()).sum()
    }
}

fn bounds(values: impl Iterator<Item = f64>) -> [f64; 2] {
    values.fold([f64::INFINITY, f64::NEG_INFINITY], |[lo, hi], v| [lo.min(v), hi.max(v)])
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    fn i16(&mut self) -> Option<i16> {
        self.take().map(i16::from_le_bytes)
    }
}

/// Outlines as a canvas shape: each line that touches the canvas's bounds, moved east by `shift`
/// degrees (a view past the antimeridian draws the world a second time, shifted by a turn).
pub struct OutlineShape<'a> {
    pub outlines: &'a Outlines,
    pub shift: f64,
    pub color: Color,
}

impl Shape for OutlineShape<'_> {
    fn draw(&self, painter: &mut Painter<'_, '_>) {
        let (&[left, right], &[bottom, top]) = painter.bounds();
        let shift = self.shift;
        for line in &self.outlines.lines {
            if line.lon[1] + shift < left || line.lon[0] + shift > right || line.lat[1] < bottom || line.lat[0] > top {
                continue;
            }
            for w in line.points.windows(2) {
                let ((x1, y1), (x2, y2)) = (w[0], w[1]);
                Line { x1: x1 + shift, y1, x2: x2 + shift, y2, color: self.color }.draw(painter);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_outlines_decode_whole() {
        for (kind, detail, min_lines, min_points) in [
            (OutlineKind::Coast, Detail::Coarse, 100, 5_000),
            (OutlineKind::Coast, Detail::Fine, 1_000, 50_000),
            (OutlineKind::Borders, Detail::Coarse, 100, 2_000),
            (OutlineKind::Borders, Detail::Fine, 150, 15_000),
        ] {
            let o = outlines(kind, detail);
            assert!(o.lines.len() >= min_lines && o.points() >= min_points, "{kind:?} {detail:?}");
            for line in &o.lines {
                assert!(line.points.len() >= 2);
                assert!(
                    line.points
                        .iter()
                        .all(|&(lon, lat)| (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
                );
                // No segment jumps across the map (a polygon cut at the antimeridian is no line).
                assert!(line.points.windows(2).all(|w| (w[0].0 - w[1].0).abs() < 30.0), "{kind:?} {detail:?}");
            }
        }
    }

    #[test]
    fn a_malformed_file_gives_what_came_before_the_fault() {
        assert!(Outlines::decode(b"").lines.is_empty());
        assert!(Outlines::decode(b"XXXX\x01\0\0\0").lines.is_empty());
        // Two lines announced, the second cut short.
        let mut bytes = b"SKYL\x02\0\0\0\x02\0\0\0".to_vec();
        for v in [100i16, 200, 300, 400] {
            bytes.extend(v.to_le_bytes());
        }
        bytes.extend(b"\x05\0\0\0\x01\0");
        let o = Outlines::decode(&bytes);
        assert_eq!(o.lines, vec![Outline { points: vec![(1.0, 2.0), (3.0, 4.0)], lon: [1.0, 3.0], lat: [2.0, 4.0] }]);
    }

    #[test]
    fn italy_is_in_the_fine_coast() {
        // A point on the heel of Italy's boot (Santa Maria di Leuca, 39.8°N 18.36°E) lies within
        // 0.1° of a line of the 1:50m coast.
        let near = outlines(OutlineKind::Coast, Detail::Fine)
            .lines
            .iter()
            .flat_map(|l| &l.points)
            .any(|&(lon, lat)| (lon - 18.36).abs() < 0.1 && (lat - 39.8).abs() < 0.1);
        assert!(near);
    }
}
