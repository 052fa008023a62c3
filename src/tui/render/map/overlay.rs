//! Airports with their codes and the selected aircraft with its label, written straight into the
//! frame buffer (the other aircraft: [`super::density`]).

use super::density::AircraftCells;
use super::glyph::{MapMarker, heading_glyph};
use super::layers::{MapAircraft, MapAirport, valid_position};
use super::palette::Palette;
use super::viewport::Projection;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

/// Airport codes are shown when at most this many degrees of longitude are in view.
pub const AIRPORT_LABEL_SPAN: f64 = 30.0;
/// At most this many characters of an airport code are shown.
const AIRPORT_LABEL_MAX: usize = 4;

/// Airport markers where no aircraft is, then (zoomed in) their codes, right of the marker, else
/// left of it, else above or below it, where a code covers no other code, no marker and no aircraft; a code that
/// fits nowhere is left out. Earlier airports win the space: pass the important ones first.
/// Returns where the codes went.
pub(super) fn draw_airports(
    buf: &mut Buffer,
    proj: &Projection,
    airports: &[MapAirport],
    aircraft: &AircraftCells,
    marker: MapMarker,
    palette: Palette,
) -> Vec<Rect> {
    let area = proj.area;
    let visible =
        || airports.iter().filter(|a| valid_position(a.lat, a.lon)).filter_map(|a| Some((a, proj.cell(a.lat, a.lon)?)));
    let symbol = marker.airport();
    let style = palette.airport();
    for (_, (x, y)) in visible() {
        if !aircraft.occupied(x, y) {
            put(buf, x, y, symbol, style);
        }
    }
    let mut labels = Vec::new();
    if proj.lon_span > AIRPORT_LABEL_SPAN || area.is_empty() {
        return labels;
    }
    // Cells taken by markers and codes placed so far; `coded`: by codes alone, which keep a blank
    // cell between them so that neighbouring codes read as two.
    let index = |x: u16, y: u16| usize::from(y - area.y) * usize::from(area.width) + usize::from(x - area.x);
    let mut taken = vec![false; usize::from(area.width) * usize::from(area.height)];
    let mut coded = taken.clone();
    for (_, (x, y)) in visible() {
        taken[index(x, y)] = true;
    }
    let style = palette.airport_label();
    for (airport, (x, y)) in visible() {
        let code = truncate(&airport.code, AIRPORT_LABEL_MAX);
        let width = text_width(code, marker.is_ascii()) as u16;
        if width == 0 {
            continue;
        }
        // Right of the marker, else left of it, else above or below it, starting at it.
        let fits = |start: u16| start >= area.left() && start.saturating_add(width) <= area.right();
        let candidates = [
            x.checked_add(1).map(|s| (s, y)),
            x.checked_sub(width).map(|s| (s, y)),
            y.checked_sub(1).filter(|&row| row >= area.top()).map(|row| (x, row)),
            Some(y + 1).filter(|&row| row < area.bottom()).map(|row| (x, row)),
        ];
        let free = |(start, row): (u16, u16)| {
            let apart = start.saturating_sub(1).max(area.left())..(start + width + 1).min(area.right());
            fits(start)
                && (start..start + width).all(|cx| !taken[index(cx, row)] && !aircraft.occupied(cx, row))
                && apart.clone().all(|cx| !coded[index(cx, row)])
        };
        let Some((start, y)) = candidates.into_iter().flatten().find(|&c| free(c)) else { continue };
        for cx in start..start + width {
            taken[index(cx, y)] = true;
            coded[index(cx, y)] = true;
        }
        put_text(buf, area, start, y, code, style, marker.is_ascii());
        labels.push(Rect::new(start, y, width, 1));
    }
    labels
}

/// The selected aircraft, highlighted, with its label right of it (or left, when there is more
/// room there), clipped to the area.
pub(super) fn draw_selected(buf: &mut Buffer, proj: &Projection, a: &MapAircraft, marker: MapMarker, palette: Palette) {
    if !valid_position(a.lat, a.lon) {
        return;
    }
    let Some((x, y)) = proj.cell(a.lat, a.lon) else { return };
    let ascii = marker.is_ascii();
    put(buf, x, y, heading_glyph(a.heading, ascii), palette.selected(a));
    let Some(label) = a.label.as_deref() else { return };
    let area = proj.area;
    let width = text_width(label, ascii);
    let room_right = area.right().saturating_sub(x.saturating_add(2));
    let room_left = x.saturating_sub(area.x).saturating_sub(1);
    let style = palette.selected_label();
    if usize::from(room_right) >= width || room_right >= room_left {
        put_text(buf, area, x.saturating_add(2), y, label, style, ascii);
    } else {
        // Ends one cell left of the aircraft; a label longer than the room is cut at its end.
        let left = Rect { width: room_left, ..area };
        put_text(buf, left, x - 1 - width.min(usize::from(room_left)) as u16, y, label, style, ascii);
    }
}

/// One symbol in a cell that it owns entirely (any background left by the canvas is cleared).
#[inline]
fn put(buf: &mut Buffer, x: u16, y: u16, symbol: &str, style: Style) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.reset();
        cell.set_symbol(symbol).set_style(style);
    }
}

/// Text from (x, y) rightwards, clipped to `clip`. In ASCII, every other character becomes `?`.
fn put_text(buf: &mut Buffer, clip: Rect, x: u16, y: u16, text: &str, style: Style, ascii: bool) {
    if !(clip.left()..clip.right()).contains(&x) || !(clip.top()..clip.bottom()).contains(&y) {
        return;
    }
    let room = clip.right() - x;
    if ascii {
        for (i, c) in (0..room).zip(text.chars()) {
            let c = if c.is_ascii_graphic() || c == ' ' { c } else { '?' };
            if let Some(cell) = buf.cell_mut((x + i, y)) {
                cell.reset();
                cell.set_char(c).set_style(style);
            }
        }
    } else {
        let width = text_width(text, false).min(usize::from(room)) as u16;
        for i in 0..width {
            if let Some(cell) = buf.cell_mut((x + i, y)) {
                cell.reset();
            }
        }
        buf.set_stringn(x, y, text, usize::from(room), style);
    }
}

/// Columns a text takes: one per character in ASCII (each becomes one character), else its
/// display width.
fn text_width(text: &str, ascii: bool) -> usize {
    if ascii { text.chars().count() } else { Span::raw(text).width() }
}

/// At most `max` characters of `s`.
fn truncate(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_whole_characters() {
        assert_eq!(truncate("FRA", 4), "FRA");
        assert_eq!(truncate("EDDFX", 4), "EDDF");
        assert_eq!(truncate("ÄÖÜßé", 2), "ÄÖ");
        assert_eq!(truncate("", 4), "");
    }

    #[test]
    fn text_is_clipped_to_the_area() {
        let area = Rect::new(2, 1, 6, 2);
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 4));
        put_text(&mut buf, area, 5, 1, "Zürich", Style::new(), true);
        put_text(&mut buf, area, 4, 2, "東京羽田", Style::new(), false);
        put_text(&mut buf, area, 8, 1, "outside", Style::new(), false);
        put_text(&mut buf, area, 3, 3, "below", Style::new(), true);
        assert_eq!(buf, Buffer::with_lines(["          ", "     Z?r  ", "    東京  ", "          "]));
    }
}
