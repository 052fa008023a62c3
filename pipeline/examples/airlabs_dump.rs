//! Writes a synthetic AirLabs `/flights` answer (documented v9 format) to stdout, for trying
//! `skyboard ingest-file` and for measuring it:
//!   cargo run --release -p skyboard-pipeline --example airlabs_dump -- 10000 > flights.json
//!   skyboard ingest-file --source airlabs --endpoint flights flights.json

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(7);
    print!("{}", pipeline::demo::airlabs_flights_dump(n, seed, chrono::Utc::now().timestamp()));
}
