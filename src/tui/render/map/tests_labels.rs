//! Airport codes on the airport pages' surroundings maps: placed by size, never over one another
//! or over an aircraft, left out where they do not fit.

use super::*;
use crate::tui::feed::map_airports_of;
use crate::tui::render::airport_surroundings;
use pipeline::reference::Reference;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A busy sky: `n` aircraft spread over the view around (lat, lon), the same on every run.
fn traffic(lat: f64, lon: f64, n: usize) -> Vec<MapAircraft> {
    let mut seed: u64 = 0x5eed_1234;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            let mut a = MapAircraft::at(lat + (next() - 0.5) * 5.0, lon + (next() - 0.5) * 9.0);
            a.heading = Some(next() * 360.0);
            a
        })
        .collect()
}

#[test]
fn labels_never_overlap_and_never_cover_an_aircraft() {
    let reference = Reference::embedded();
    let airports = map_airports_of(reference.airports().cloned());
    for code in ["FRA", "MUC", "ZRH", "VIE", "BRU"] {
        let home = reference.airport(code).unwrap();
        let viewport = Viewport::around(home.lat, home.lon);
        let aircraft = traffic(home.lat, home.lon, 60);
        let layers = MapLayers { aircraft: &aircraft, airports: &airports, ..MapLayers::default() };
        for (width, height) in [(80, 24), (120, 40)] {
            for marker in [MapMarker::HalfBlock, MapMarker::Ascii] {
                let area = airport_surroundings(Rect::new(0, 0, width, height));
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                let mut drawn = DrawnMap::default();
                terminal.draw(|f| drawn = render_map(f, area, &viewport, &layers, marker, Theme::DARK)).unwrap();
                let buf = terminal.backend().buffer();
                let at = format!("{code} at {width}x{height} {marker:?}");
                assert!(drawn.labels.len() >= 3, "{at}: only {} labels", drawn.labels.len());
                for (i, a) in drawn.labels.iter().enumerate() {
                    assert!(area.contains(a.as_position()) && a.right() <= area.right(), "{at}: {a:?} outside");
                    for b in &drawn.labels[i + 1..] {
                        // Not even touching: a blank cell between two codes on a row.
                        let widened = Rect { x: a.x.saturating_sub(1), width: a.width + 2, ..*a };
                        assert!(!widened.intersects(*b), "{at}: labels {a:?} and {b:?} overlap or touch");
                    }
                    for plane in &aircraft {
                        if let Some((x, y)) = viewport.cell_of(area, plane.lat, plane.lon) {
                            assert!(!a.contains((x, y).into()), "{at}: label {a:?} covers the aircraft at {x},{y}");
                        }
                    }
                    // What the label holds is a code, as drawn: letters or digits, nothing over it.
                    let text: String = a.positions().map(|p| buf[p].symbol()).collect();
                    assert!(text.chars().all(|c| c.is_ascii_alphanumeric()), "{at}: {text:?}");
                }
                // The home airport has a code on screen: it is among the largest.
                let home_shown = drawn.labels.iter().any(|r| {
                    let text: String = r.positions().map(|p| buf[p].symbol()).collect();
                    text == code
                });
                assert!(home_shown, "{at}: {code} has no label");
            }
        }
    }
}
