//! Rendering the world map with 20,000 aircraft into a terminal buffer (what every redraw costs
//! before the diff goes out). Targets: under 5 ms at 200×60, coastlines included; the world with
//! 10,000 aircraft (density where they share cells, arrows where alone) under 2 ms at 200×60.
//!
//! Groups: the full map per marker and size; 10,000 aircraft; the coastlines alone (no aircraft),
//! to see what the Natural Earth outlines cost; and a zoomed-in view with borders, airports, a
//! route and a trail.

use criterion::{Criterion, criterion_group, criterion_main};
use pipeline::model::FlightStatus;
use ratatui::{Terminal, backend::TestBackend};
use skyboard::tui::render::map::{
    ColorBy, MapAircraft, MapAirport, MapLayers, MapMarker, Viewport, great_circle, render_map,
};
use skyboard::tui::theme::Theme;

const AIRCRAFT: usize = 20_000;
const SEED: u64 = 0x5eed_b0a2d;

/// A 64-bit linear congruential generator (Knuth's MMIX constants): deterministic, no rand crate.
struct Lcg(u64);

impl Lcg {
    /// Uniform in 0..1.
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Aircraft spread over the globe (uniform in area, within ±75°), every altitude band, status
/// and heading, half of them labelled.
fn fleet(n: usize) -> Vec<MapAircraft> {
    let mut rng = Lcg(SEED);
    (0..n)
        .map(|i| {
            let lat = (rng.next() * 2.0 - 1.0).asin().to_degrees().clamp(-75.0, 75.0);
            let lon = rng.next() * 360.0 - 180.0;
            let on_ground = rng.next() < 0.1;
            MapAircraft {
                lat,
                lon,
                heading: (i % 10 != 0).then(|| rng.next() * 360.0),
                altitude_m: (i % 20 != 0).then(|| if on_ground { 0.0 } else { rng.next() * 12_500.0 }),
                on_ground: Some(on_ground),
                status: Some(FlightStatus::ALL[i % FlightStatus::ALL.len()]),
                label: (i % 2 == 0).then(|| format!("SKY{i}")),
            }
        })
        .collect()
}

fn airports() -> Vec<MapAirport> {
    let mut rng = Lcg(7);
    let mut airports: Vec<MapAirport> = [("FRA", 50.03, 8.57), ("MUC", 48.35, 11.79), ("ZRH", 47.46, 8.55)]
        .into_iter()
        .map(|(iata, lat, lon)| MapAirport { lat, lon, code: iata.into() })
        .collect();
    airports.extend((0..2000).map(|i| MapAirport {
        lat: rng.next() * 140.0 - 70.0,
        lon: rng.next() * 360.0 - 180.0,
        code: format!("{}{}{}", (b'A' + (i % 26) as u8) as char, (b'A' + (i / 26 % 26) as u8) as char, 'X'),
    }));
    airports
}

fn bench(c: &mut Criterion, group: &str, viewport: Viewport, layers: &MapLayers<'_>, cases: &[(MapMarker, u16, u16)]) {
    let mut group = c.benchmark_group(group);
    for &(marker, w, h) in cases {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        group.bench_function(format!("{marker:?}/{w}x{h}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| {
                        render_map(f, f.area(), &viewport, layers, marker, Theme::DARK);
                    })
                    .unwrap()
                    .area
            })
        });
    }
    group.finish();
}

const CASES: [(MapMarker, u16, u16); 5] = [
    (MapMarker::HalfBlock, 200, 60),
    (MapMarker::HalfBlock, 80, 24),
    (MapMarker::Braille, 200, 60),
    (MapMarker::Ascii, 200, 60),
    (MapMarker::HalfBlock, 300, 100),
];

fn map_render(c: &mut Criterion) {
    let aircraft = fleet(AIRCRAFT);
    let layers = MapLayers {
        aircraft: &aircraft,
        airports: &[],
        selected: Some(4),
        route: None,
        trail: None,
        color_by: ColorBy::Altitude,
        borders: false,
    };
    bench(c, "map_world_20k_aircraft", Viewport::world(), &layers, &CASES);

    let ten_thousand = fleet(10_000);
    let density = MapLayers { aircraft: &ten_thousand, ..layers };
    bench(c, "map_world_10k_density", Viewport::world(), &density, &CASES[..1]);

    let empty = MapLayers { aircraft: &[], ..layers };
    bench(c, "map_world_coastlines_only", Viewport::world(), &empty, &CASES[..4]);

    let airports = airports();
    let route = great_circle((50.03, 8.57), (40.64, -73.78), 64);
    let trail: Vec<(f64, f64)> = route.iter().take(20).copied().collect();
    let europe = MapLayers {
        aircraft: &aircraft,
        airports: &airports,
        selected: Some(0),
        route: Some(&route),
        trail: Some(&trail),
        color_by: ColorBy::Status,
        borders: true,
    };
    let zoomed = Viewport { center_lon: 5.0, center_lat: 50.0, lon_span: 25.0 };
    bench(c, "map_zoomed_airports_route", zoomed, &europe, &CASES[..4]);
}

criterion_group!(benches, map_render);
criterion_main!(benches);
