//! Coastlines are lines: walking every coast segment the data has in view, cell by cell, finds
//! no gap longer than one cell, in every marker, on the world, Europe and an airport's view. A
//! point of the line counts as drawn when a pixel within one pixel of it is (ratatui rounds a
//! segment's ends to pixels, so a drawn line may run a pixel beside the exact one).

use super::coast;
use super::viewport::Projection;
use super::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The longest run of blank cells met walking the coast in view, and the cells walked.
fn longest_gap(buf: &Buffer, proj: &Projection, marker: MapMarker) -> (usize, usize, Option<(f64, f64)>) {
    let detail = coast::detail(proj, marker);
    let [left, right] = proj.x_bounds();
    let [bottom, top] = proj.y_bounds();
    // Quarter-cell steps in degrees.
    let step = (proj.lon_span / f64::from(proj.area.width.max(1))) / 4.0;
    let pixel_lon = proj.lon_span / (f64::from(proj.area.width) * marker.pixels_per_cell());
    let pixel_lat = proj.lat_span / (f64::from(proj.area.height) * marker.pixels_per_cell_vertically());
    let drawn = |lat: f64, lon: f64| {
        [-1.0, 0.0, 1.0].iter().any(|dy| {
            [-1.0, 0.0, 1.0]
                .iter()
                .any(|dx| proj.cell(lat + dy * pixel_lat, lon + dx * pixel_lon).is_some_and(|c| buf[c].symbol() != " "))
        })
    };
    let (mut worst, mut walked, mut worst_at) = (0, 0, None);
    for line in &outlines(OutlineKind::Coast, detail).lines {
        let mut run = 0;
        let mut last_cell = None;
        for w in line.points.windows(2) {
            let ((lon1, lat1), (lon2, lat2)) = (w[0], w[1]);
            let n = ((lon2 - lon1).hypot(lat2 - lat1) / step).ceil().max(1.0) as usize;
            for i in 0..=n {
                let t = i as f64 / n as f64;
                let (lon, lat) = (lon1 + (lon2 - lon1) * t, lat1 + (lat2 - lat1) * t);
                // A margin of a cell inside the view: the canvas and the cell grid may round the
                // edges differently.
                let margin = step * 4.0;
                if lon < left + margin
                    || lon > right - margin
                    || lat < bottom + margin * 2.0
                    || lat > top - margin * 2.0
                {
                    run = 0;
                    last_cell = None;
                    continue;
                }
                let Some(cell) = proj.cell(lat, lon) else { continue };
                if last_cell == Some(cell) {
                    continue;
                }
                last_cell = Some(cell);
                walked += 1;
                if !drawn(lat, lon) {
                    run += 1;
                    if run > worst {
                        worst = run;
                        worst_at = Some((lat, lon));
                    }
                } else {
                    run = 0;
                }
            }
        }
    }
    (worst, walked, worst_at)
}

#[test]
fn coastlines_have_no_gaps() {
    // Hamburg: the North Sea and the Baltic in an airport's surroundings.
    let ham = (53.6304, 9.9882);
    let views = [
        ("world", Viewport::world()),
        ("europe", Viewport::europe()),
        ("airport", Viewport::around(ham.0, ham.1)),
        ("italy", Viewport { center_lon: 12.5, center_lat: 42.0, lon_span: 14.0 }),
    ];
    for (name, viewport) in views {
        for (width, height) in [(120, 40), (80, 24)] {
            for marker in [MapMarker::HalfBlock, MapMarker::Braille, MapMarker::Ascii] {
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                let layers = MapLayers::default();
                terminal
                    .draw(|f| {
                        render_map(f, f.area(), &viewport, &layers, marker, Theme::DARK);
                    })
                    .unwrap();
                let proj = Projection::new(&viewport, Rect::new(0, 0, width, height));
                let (gap, walked, at) = longest_gap(terminal.backend().buffer(), &proj, marker);
                let what = format!("{name} {width}x{height} {marker:?}");
                assert!(walked > 40, "{what}: only {walked} coast cells in view");
                assert!(gap <= 1, "{what}: a gap of {gap} cells in the coast near {at:?}");
            }
        }
    }
}

#[test]
fn the_zoomed_in_coast_uses_the_fine_outlines() {
    let europe = Projection::new(&Viewport::europe(), Rect::new(0, 0, 160, 50));
    assert_eq!(coast::detail(&europe, MapMarker::Braille), Detail::Fine);
    let world = Projection::new(&Viewport::world(), Rect::new(0, 0, 160, 50));
    assert_eq!(coast::detail(&world, MapMarker::HalfBlock), Detail::Coarse);
}

#[test]
fn borders_show_only_when_asked_for() {
    let viewport = Viewport::europe();
    let blank = |borders: bool| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let layers = MapLayers { borders, ..MapLayers::default() };
        terminal
            .draw(|f| {
                render_map(f, f.area(), &viewport, &layers, MapMarker::Ascii, Theme::DARK);
            })
            .unwrap();
        terminal.backend().buffer().content.iter().filter(|c| c.symbol() == "'").count()
    };
    assert_eq!(blank(false), 0);
    assert!(blank(true) > 30, "borders between Europe's countries");
}
