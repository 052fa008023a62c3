//! Which aircraft a mouse click means.

use super::layers::{MapAircraft, valid_position};
use super::viewport::{Projection, Viewport};
use ratatui::layout::Rect;

/// How far from a click (in columns; a row counts as two, cells being twice as tall as wide) an
/// aircraft may be and still be picked.
pub const PICK_RADIUS: u32 = 3;

/// The index of the aircraft drawn nearest to the screen cell `cell` (absolute, like the mouse
/// event's column and row), within [`PICK_RADIUS`]. `None` when the click is outside `area` or no
/// drawn aircraft is that close. Between equally near ones, the one drawn on top (the later one)
/// wins.
pub fn nearest_aircraft(viewport: &Viewport, area: Rect, aircraft: &[MapAircraft], cell: (u16, u16)) -> Option<usize> {
    let (cx, cy) = cell;
    if !(area.left()..area.right()).contains(&cx) || !(area.top()..area.bottom()).contains(&cy) {
        return None;
    }
    let proj = Projection::new(viewport, area);
    let limit = PICK_RADIUS * PICK_RADIUS;
    let mut best: Option<(u32, usize)> = None;
    for (i, a) in aircraft.iter().enumerate() {
        if !valid_position(a.lat, a.lon) {
            continue;
        }
        let Some((x, y)) = proj.cell(a.lat, a.lon) else { continue };
        let dx = u32::from(x.abs_diff(cx));
        let dy = 2 * u32::from(y.abs_diff(cy));
        let d2 = dx * dx + dy * dy;
        if d2 <= limit && best.is_none_or(|(b, _)| d2 <= b) {
            best = Some((d2, i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = Rect { x: 0, y: 1, width: 200, height: 60 };

    fn fleet() -> Vec<MapAircraft> {
        vec![
            MapAircraft::at(50.03, 8.57),   // FRA
            MapAircraft::at(40.64, -73.78), // JFK
            MapAircraft::at(f64::NAN, 0.0), // never drawn
            MapAircraft::at(51.47, -0.45),  // LHR
            MapAircraft::at(50.03, 8.57),   // FRA again, drawn on top of the first
            MapAircraft::at(95.0, 8.57),    // out of range
        ]
    }

    #[test]
    fn picks_the_aircraft_under_or_near_the_click() {
        let v = Viewport::world();
        let planes = fleet();
        let jfk = v.cell_of(AREA, 40.64, -73.78).unwrap();
        assert_eq!(nearest_aircraft(&v, AREA, &planes, jfk), Some(1));
        assert_eq!(nearest_aircraft(&v, AREA, &planes, (jfk.0 + 2, jfk.1 + 1)), Some(1));
        let fra = v.cell_of(AREA, 50.03, 8.57).unwrap();
        assert_eq!(nearest_aircraft(&v, AREA, &planes, fra), Some(4), "the one drawn on top");
        let lhr = v.cell_of(AREA, 51.47, -0.45).unwrap();
        assert_eq!(nearest_aircraft(&v, AREA, &planes, lhr), Some(3));
    }

    #[test]
    fn nothing_near_nothing_picked() {
        let v = Viewport::world();
        let planes = fleet();
        let jfk = v.cell_of(AREA, 40.64, -73.78).unwrap();
        assert_eq!(nearest_aircraft(&v, AREA, &planes, (jfk.0 + 4, jfk.1)), None);
        assert_eq!(nearest_aircraft(&v, AREA, &planes, (jfk.0, jfk.1 + 2)), None);
        assert_eq!(nearest_aircraft(&v, AREA, &planes, (100, 0)), None, "above the area");
        assert_eq!(nearest_aircraft(&v, AREA, &planes, (200, 30)), None, "right of the area");
        assert_eq!(nearest_aircraft(&v, AREA, &[], (100, 30)), None);
        assert_eq!(nearest_aircraft(&v, Rect::default(), &planes, (0, 0)), None);
        assert_eq!(nearest_aircraft(&Viewport::around(-33.9, 151.2), AREA, &planes, (100, 30)), None);
    }
}
