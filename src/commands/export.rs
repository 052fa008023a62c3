//! `skyboard export`: warehouse rows to stdout as CSV or JSON, times in UTC (ISO 8601).

use crate::cli::{ExportFormat, ExportWhat};
use crate::config::Config;
use chrono::{DateTime, SecondsFormat, Utc};
use color_eyre::eyre::{Result, WrapErr};
use pipeline::model::{Airline, Airport, FlightLeg, Position};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn iso_opt(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(iso)
}

#[derive(Serialize)]
struct FlightRow {
    carrier: String,
    flight_number: String,
    origin: String,
    dep_local_date: String,
    destination: String,
    sched_dep_utc: String,
    est_dep_utc: Option<String>,
    act_dep_utc: Option<String>,
    sched_arr_utc: Option<String>,
    est_arr_utc: Option<String>,
    act_arr_utc: Option<String>,
    dep_terminal: Option<String>,
    dep_gate: Option<String>,
    arr_terminal: Option<String>,
    arr_gate: Option<String>,
    status: &'static str,
    source_status: Option<String>,
    aircraft_type: Option<String>,
    registration: Option<String>,
    source: String,
    observed_at: String,
    lake_key: String,
}

impl From<FlightLeg> for FlightRow {
    fn from(f: FlightLeg) -> Self {
        Self {
            carrier: f.key.carrier,
            flight_number: f.key.number,
            origin: f.key.origin,
            dep_local_date: f.key.dep_local_date.to_string(),
            destination: f.destination,
            sched_dep_utc: iso(f.sched_dep),
            est_dep_utc: iso_opt(f.est_dep),
            act_dep_utc: iso_opt(f.act_dep),
            sched_arr_utc: iso_opt(f.sched_arr),
            est_arr_utc: iso_opt(f.est_arr),
            act_arr_utc: iso_opt(f.act_arr),
            dep_terminal: f.dep_terminal,
            dep_gate: f.dep_gate,
            arr_terminal: f.arr_terminal,
            arr_gate: f.arr_gate,
            status: f.status.as_str(),
            source_status: f.source_status,
            aircraft_type: f.aircraft_type,
            registration: f.registration,
            source: f.source,
            observed_at: iso(f.observed_at),
            lake_key: f.lake_key,
        }
    }
}

#[derive(Serialize)]
struct PositionRow {
    icao24: String,
    callsign: Option<String>,
    flight_iata: Option<String>,
    registration: Option<String>,
    aircraft_type: Option<String>,
    origin: Option<String>,
    destination: Option<String>,
    lat: f64,
    lon: f64,
    altitude_m: Option<f64>,
    ground_speed_kmh: Option<f64>,
    heading: Option<f64>,
    vertical_rate_ms: Option<f64>,
    on_ground: Option<bool>,
    squawk: Option<String>,
    source: String,
    observed_at: String,
}

impl From<Position> for PositionRow {
    fn from(p: Position) -> Self {
        Self {
            icao24: p.icao24,
            callsign: p.callsign,
            flight_iata: p.flight_iata,
            registration: p.registration,
            aircraft_type: p.aircraft_type,
            origin: p.origin,
            destination: p.destination,
            lat: p.lat,
            lon: p.lon,
            altitude_m: p.altitude_m,
            ground_speed_kmh: p.ground_speed_kmh,
            heading: p.heading,
            vertical_rate_ms: p.vertical_rate_ms,
            on_ground: p.on_ground,
            squawk: p.squawk,
            source: p.source,
            observed_at: iso(p.observed_at),
        }
    }
}

#[derive(Serialize)]
struct AirportRow {
    /// IATA code, else ICAO code: the warehouse's key.
    code: String,
    iata: Option<String>,
    icao: Option<String>,
    name: String,
    city: Option<String>,
    country: String,
    lat: f64,
    lon: f64,
    tz: &'static str,
    elevation_ft: Option<f64>,
}

impl From<Airport> for AirportRow {
    fn from(a: Airport) -> Self {
        Self {
            code: a.code().to_string(),
            iata: a.iata,
            icao: a.icao,
            name: a.name,
            city: a.city,
            country: a.country,
            lat: a.lat,
            lon: a.lon,
            tz: a.tz.name(),
            elevation_ft: a.elevation_ft,
        }
    }
}

#[derive(Serialize)]
struct AirlineRow {
    /// IATA code, else ICAO code: the warehouse's key.
    code: String,
    iata: Option<String>,
    icao: Option<String>,
    name: String,
    callsign: Option<String>,
    country: Option<String>,
    active: bool,
}

impl From<Airline> for AirlineRow {
    fn from(a: Airline) -> Self {
        Self {
            code: a.code().to_string(),
            iata: a.iata,
            icao: a.icao,
            name: a.name,
            callsign: a.callsign,
            country: a.country,
            active: a.active,
        }
    }
}

fn write<T: Serialize>(rows: Vec<T>, format: ExportFormat) -> std::io::Result<()> {
    let out = std::io::stdout().lock();
    match format {
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            for r in rows {
                w.serialize(r).map_err(csv_io)?;
            }
            w.flush()
        }
        ExportFormat::Json => {
            let mut out = std::io::BufWriter::new(out);
            serde_json::to_writer_pretty(&mut out, &rows).map_err(json_io)?;
            writeln!(out)?;
            out.flush()
        }
    }
}

/// The writer's own I/O error when there is one (a closed pipe stays a closed pipe).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => std::io::Error::new(io.kind(), e),
        _ => std::io::Error::other(e),
    }
}

fn json_io(e: serde_json::Error) -> std::io::Error {
    match e.io_error_kind() {
        Some(kind) => std::io::Error::new(kind, e),
        None => std::io::Error::other(e),
    }
}

pub async fn run(config: &Config, what: ExportWhat, airport: Option<&str>, format: ExportFormat) -> Result<ExitCode> {
    let warehouse =
        pipeline::warehouse::open(config.stores.warehouse.expose()).await.wrap_err("cannot open the warehouse")?;
    let airport = airport.map(|a| a.trim().to_ascii_uppercase());
    let written = match what {
        ExportWhat::Flights => write(
            warehouse.export_flights(airport.as_deref()).await?.into_iter().map(FlightRow::from).collect(),
            format,
        ),
        ExportWhat::Positions => {
            write(warehouse.export_positions().await?.into_iter().map(PositionRow::from).collect(), format)
        }
        ExportWhat::Airports => {
            write(warehouse.export_airports().await?.into_iter().map(AirportRow::from).collect(), format)
        }
        ExportWhat::Airlines => {
            write(warehouse.export_airlines().await?.into_iter().map(AirlineRow::from).collect(), format)
        }
    };
    match written {
        // `skyboard export … | head` closes the pipe early: that is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|_| ExitCode::SUCCESS).wrap_err("cannot write the export"),
    }
}
