//! Rendering the whole map into a `TestBackend`.

use super::*;
use pipeline::model::FlightStatus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const HND: (f64, f64) = (35.5494, 139.7798);
const SFO: (f64, f64) = (37.6189, -122.3750);

/// Aircraft everywhere, some with bad positions, labels in several scripts.
fn fleet() -> Vec<MapAircraft> {
    let mut planes: Vec<MapAircraft> = (0..400)
        .map(|i| {
            let f = f64::from(i);
            MapAircraft {
                lat: (f * 37.3) % 170.0 - 85.0,
                lon: (f * 91.7) % 360.0 - 180.0,
                heading: (i % 5 != 0).then_some(f * 13.0),
                altitude_m: (i % 7 != 0).then_some(f * 31.0),
                on_ground: (i % 3 == 0).then_some(i % 2 == 0),
                status: Some(FlightStatus::ALL[i as usize % FlightStatus::ALL.len()]),
                label: Some(["LH400", "Zürich ✈", "東京 NH7", "tab\there"][i as usize % 4].into()),
            }
        })
        .collect();
    for (lat, lon) in [
        (f64::NAN, 0.0),
        (0.0, f64::NAN),
        (f64::INFINITY, 1.0),
        (1.0, f64::NEG_INFINITY),
        (91.0, 0.0),
        (0.0, 181.0),
        (-1e300, 1e300),
        (90.0, 180.0),
        (-90.0, -180.0),
    ] {
        planes.push(MapAircraft::at(lat, lon));
    }
    planes
}

fn airports() -> Vec<MapAirport> {
    let a = |lat, lon, code: &str| MapAirport { lat, lon, code: code.into() };
    vec![
        a(50.0333, 8.5706, "FRA"),
        a(51.47, -0.45, "LHR"),
        a(49.01, 2.55, "CDG"),
        a(47.46, 8.55, "ZRH"),
        a(47.46, 8.55, "ZÜR"),
        a(f64::NAN, 8.0, "BAD"),
        a(40.64, -73.78, "JFK"),
        a(35.55, 139.78, "東京"),
        a(0.0, 0.0, ""),
    ]
}

fn draw(
    w: u16,
    h: u16,
    area: Option<Rect>,
    viewport: &Viewport,
    layers: &MapLayers<'_>,
    marker: MapMarker,
    theme: Theme,
) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            render_map(f, area.unwrap_or(f.area()), viewport, layers, marker, theme);
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

fn symbols_in(buf: &Buffer, area: Rect) -> impl Iterator<Item = (u16, u16, &str)> {
    area.positions().map(move |p| (p.x, p.y, buf[p].symbol()))
}

const MARKERS: [MapMarker; 3] = [MapMarker::HalfBlock, MapMarker::Braille, MapMarker::Ascii];

#[test]
fn every_size_every_marker_without_panic() {
    let planes = fleet();
    let ports = airports();
    let route = great_circle(HND, SFO, 50);
    let trail = [(10.0, 10.0), (f64::NAN, 11.0), (12.0, 12.0), (13.0, 400.0), (95.0, 0.0), (14.0, 14.0)];
    let viewports = [
        Viewport::world(),
        Viewport::europe(),
        Viewport::around(50.03, 8.57).zoomed(0.01),
        Viewport { center_lon: 180.0, center_lat: 60.0, lon_span: 60.0 },
        Viewport { center_lon: 10.0, center_lat: -85.0, lon_span: 360.0 },
        Viewport { center_lon: f64::NAN, center_lat: f64::INFINITY, lon_span: f64::NEG_INFINITY },
    ];
    let mut n = 0;
    for w in (0..=300).step_by(7) {
        for h in (0..=100).step_by(7) {
            for marker in MARKERS {
                let viewport = &viewports[n % viewports.len()];
                let layers = MapLayers {
                    aircraft: &planes,
                    airports: &ports,
                    selected: Some(n % (planes.len() + 3)),
                    route: Some(&route),
                    trail: Some(&trail),
                    color_by: if n % 2 == 0 { ColorBy::Altitude } else { ColorBy::Status },
                    borders: n % 2 == 1,
                };
                let theme = if n % 3 != 0 { Theme::DARK } else { Theme::MONO };
                let buf = draw(w, h, None, viewport, &layers, marker, theme);
                if marker == MapMarker::Ascii {
                    assert!(
                        symbols_in(&buf, buf.area)
                            .all(|(_, _, s)| s.bytes().all(|b| b.is_ascii_graphic() || b == b' '))
                    );
                }
                n += 1;
            }
        }
    }
    // 1×1 and areas partly or wholly outside the frame.
    let layers = MapLayers { aircraft: &planes, airports: &ports, selected: Some(3), ..MapLayers::default() };
    for marker in MARKERS {
        for area in [
            Rect::new(0, 0, 1, 1),
            Rect::new(5, 5, 300, 100),
            Rect::new(100, 100, 10, 10),
            Rect::new(u16::MAX, u16::MAX, u16::MAX, u16::MAX),
        ] {
            draw(20, 10, Some(area), &Viewport::world(), &layers, marker, Theme::DARK);
        }
        draw(1, 1, None, &Viewport::world(), &layers, marker, Theme::DARK);
    }
}

#[test]
fn ascii_map_is_printable_ascii_in_every_cell() {
    let planes = fleet();
    let ports = airports();
    let route = great_circle(HND, SFO, 80);
    let trail = great_circle((47.46, 8.55), (40.64, -73.78), 20);
    for (viewport, selected) in [(Viewport::world(), 1), (Viewport::europe(), 2), (Viewport::around(47.4, 8.6), 3)] {
        let layers = MapLayers {
            aircraft: &planes,
            airports: &ports,
            selected: Some(selected),
            route: Some(&route),
            trail: Some(&trail),
            color_by: ColorBy::Status,
            borders: true,
        };
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        // Whatever was on screen before must not show through.
        terminal
            .draw(|f| f.render_widget(ratatui::widgets::Paragraph::new("█▀▄ é ✈ ".repeat(1000)), f.area()))
            .unwrap();
        terminal
            .draw(|f| {
                render_map(f, f.area(), &viewport, &layers, MapMarker::Ascii, Theme::DARK);
            })
            .unwrap();
        let buf = terminal.backend().buffer();
        for (x, y, s) in symbols_in(buf, buf.area) {
            assert!(s.len() == 1 && (s.as_bytes()[0].is_ascii_graphic() || s == " "), "({x}, {y}): {s:?}");
        }
        let text: String = symbols_in(buf, buf.area).map(|(_, _, s)| s).collect();
        assert!(text.contains('.'), "coastlines");
        assert!(text.contains('*') || text.contains(':'), "route or trail: {viewport:?}\n{}", terminal.backend());
    }
}

#[test]
fn aircraft_land_in_their_cells_with_glyph_and_colour() {
    let area = Rect::new(0, 0, 200, 60);
    let v = Viewport::world();
    let mut east = MapAircraft::at(0.0, 0.0);
    east.heading = Some(90.0);
    east.altitude_m = Some(11_000.0);
    let mut ground = MapAircraft::at(36.0 - 0.1, 90.0 + 0.1);
    ground.on_ground = Some(true);
    let planes = [east, ground];
    let layers = MapLayers { aircraft: &planes, ..MapLayers::default() };
    let buf = draw(200, 60, None, &v, &layers, MapMarker::HalfBlock, Theme::DARK);
    assert_eq!(v.cell_of(area, 0.0, 0.0), Some((100, 30)));
    assert_eq!(buf[(100, 30)].symbol(), "→");
    assert_eq!(buf[(100, 30)].fg, Color::LightCyan);
    assert_eq!(buf[(100, 30)].bg, Color::Reset);
    assert_eq!(buf[(150, 20)].symbol(), "•");
    assert_eq!(buf[(150, 20)].fg, Color::LightMagenta);
    let ascii = draw(200, 60, None, &v, &layers, MapMarker::Ascii, Theme::DARK);
    assert_eq!(ascii[(100, 30)].symbol(), ">");
    assert_eq!(ascii[(150, 20)].symbol(), "+");
}

#[test]
fn selected_aircraft_is_on_top_with_its_label() {
    let v = Viewport::world();
    let mut planes = vec![MapAircraft::at(0.0, 0.0), MapAircraft::at(0.0, 0.0), MapAircraft::at(0.0, 179.0)];
    planes[0].label = Some("LH400".into());
    planes[0].heading = Some(0.0);
    planes[2].label = Some("NZ1".into());
    let layers = MapLayers { aircraft: &planes, selected: Some(0), ..MapLayers::default() };
    for theme in [Theme::DARK, Theme::MONO] {
        let buf = draw(200, 60, None, &v, &layers, MapMarker::HalfBlock, theme);
        assert_eq!(buf[(100, 30)].symbol(), "↑", "drawn over aircraft 1");
        assert!(buf[(100, 30)].modifier.contains(Modifier::REVERSED | Modifier::BOLD));
        let label: String = (102..107).map(|x| buf[(x, 30)].symbol()).collect();
        assert_eq!(label, "LH400");
        let unselected: String = (201 - 5..200).map(|x| buf[(x, 30)].symbol()).collect();
        assert!(!unselected.contains("NZ"), "only the selected aircraft has a label");
    }
    // At the right edge the label goes left of the aircraft.
    let layers = MapLayers { aircraft: &planes, selected: Some(2), ..MapLayers::default() };
    let buf = draw(200, 60, None, &v, &layers, MapMarker::Ascii, Theme::DARK);
    assert_eq!(buf[(199, 30)].symbol(), "+");
    let label: String = (195..198).map(|x| buf[(x, 30)].symbol()).collect();
    assert_eq!(label, "NZ1");
    // A label longer than the room on the left is cut, and never covers the aircraft.
    planes[2].label = Some("X".repeat(500));
    let layers = MapLayers { aircraft: &planes, selected: Some(2), ..MapLayers::default() };
    let buf = draw(200, 60, None, &v, &layers, MapMarker::Ascii, Theme::DARK);
    let row: String = (0..200).map(|x| buf[(x, 30)].symbol()).collect();
    assert_eq!(row, format!("{} +", "X".repeat(198)));
}

#[test]
fn without_colour_there_is_no_colour_at_all() {
    let planes = fleet();
    let ports = airports();
    let route = great_circle(HND, SFO, 80);
    for marker in MARKERS {
        let layers = MapLayers {
            aircraft: &planes,
            airports: &ports,
            selected: Some(7),
            route: Some(&route),
            trail: Some(&route),
            color_by: ColorBy::Status,
            borders: true,
        };
        let buf = draw(150, 50, None, &Viewport::world(), &layers, marker, Theme::MONO);
        assert!(buf.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset), "{marker:?}");
    }
}

#[test]
fn colours_are_from_the_16_colour_palette() {
    let planes = fleet();
    let ports = airports();
    let route = great_circle(HND, SFO, 80);
    for color_by in [ColorBy::Altitude, ColorBy::Status] {
        let layers = MapLayers {
            aircraft: &planes,
            airports: &ports,
            selected: Some(7),
            route: Some(&route),
            trail: None,
            color_by,
            borders: true,
        };
        let buf = draw(150, 50, None, &Viewport::world(), &layers, MapMarker::Braille, Theme::DARK);
        assert!(buf.content.iter().all(|c| !matches!(c.fg, Color::Rgb(..) | Color::Indexed(_))));
        assert!(buf.content.iter().all(|c| !matches!(c.bg, Color::Rgb(..) | Color::Indexed(_))));
    }
}

#[test]
fn coastlines_wrap_around_the_antimeridian() {
    // Kamchatka west of the date line, Alaska east of it.
    let v = Viewport { center_lon: 180.0, center_lat: 60.0, lon_span: 60.0 };
    let buf = draw(120, 40, None, &v, &MapLayers::default(), MapMarker::Ascii, Theme::DARK);
    let coast =
        |xs: std::ops::Range<u16>| symbols_in(&buf, buf.area).filter(|(x, _, s)| xs.contains(x) && *s == ".").count();
    assert!(coast(0..55) > 10, "west of the date line");
    assert!(coast(65..120) > 10, "east of the date line");
}

#[test]
fn a_route_across_the_date_line_stays_at_the_map_edges() {
    let route = great_circle(HND, SFO, 100);
    let layers = MapLayers { route: Some(&route), ..MapLayers::default() };
    let v = Viewport::world();
    let area = Rect::new(0, 0, 180, 50);
    let buf = draw(180, 50, None, &v, &layers, MapMarker::Ascii, Theme::DARK);
    let stars: Vec<u16> = symbols_in(&buf, area).filter(|(_, _, s)| *s == "*").map(|(x, _, _)| x).collect();
    assert!(stars.len() > 20);
    // 2° a column: Tokyo is at column 159, San Francisco at 28.
    assert!(stars.iter().all(|&x| x >= 158 || x <= 29), "{stars:?}");
    assert!(stars.iter().any(|&x| x >= 175) && stars.iter().any(|&x| x <= 5), "it reaches both edges");
    // Centred on the Pacific it is one continuous line in the middle: 120° over 180 columns, from
    // Tokyo at 220.2° W (column 14.7) to San Francisco at 122.4° W (column 161.4).
    let pacific = Viewport { center_lon: -170.0, center_lat: 30.0, lon_span: 120.0 };
    let buf = draw(180, 50, None, &pacific, &layers, MapMarker::Ascii, Theme::DARK);
    let mut stars: Vec<u16> = symbols_in(&buf, area).filter(|(_, _, s)| *s == "*").map(|(x, _, _)| x).collect();
    stars.sort_unstable();
    stars.dedup();
    let (first, last) = (stars[0], stars[stars.len() - 1]);
    assert!((14..=15).contains(&first) && (160..=162).contains(&last), "{stars:?}");
    assert_eq!(stars.len(), usize::from(last - first + 1), "no gap: {stars:?}");
}

#[test]
fn trail_and_airports() {
    let ports = airports();
    let trail = [(50.0, 0.0), (50.0, 5.0), (50.0, 10.0)];
    let layers = MapLayers { airports: &ports, trail: Some(&trail), ..MapLayers::default() };
    let zoomed = Viewport { center_lon: 5.0, center_lat: 49.0, lon_span: 24.0 };
    let buf = draw(120, 40, None, &zoomed, &layers, MapMarker::Ascii, Theme::DARK);
    let text: String = symbols_in(&buf, buf.area).map(|(_, _, s)| s).collect();
    assert!(text.contains(':'), "trail");
    for code in ["FRA", "LHR", "CDG", "ZRH"] {
        assert!(text.contains(&format!("o{code}")), "{code} labelled when zoomed in");
    }
    let world = draw(120, 40, None, &Viewport::world(), &layers, MapMarker::Ascii, Theme::DARK);
    let text: String = symbols_in(&world, world.area).map(|(_, _, s)| s).collect();
    assert!(text.contains('o') && !text.contains("FRA"), "no codes at world scale");
}
