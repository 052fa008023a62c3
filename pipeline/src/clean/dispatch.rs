//! Which splitter and cleaner handle a response, by source and endpoint: the one place that
//! knows every raw record type.

use super::airlabs::{
    ScheduleRow, clean_airlabs_airline, clean_airlabs_airport, clean_airlabs_flight, clean_airlabs_schedule,
    split_airlabs,
};
use super::lufthansa::{
    SplitBody, clean_flight_status, clean_reference_airline, clean_reference_airport, split_resource,
};
use super::opensky::{clean_state, split_states};
use super::{RecordContext, Rejection};
use crate::model::{Airline, Airport, Codeshare, FlightLeg, Position};
use crate::reference::Reference;
use serde_json::Value;

/// A cleaned record, ready for the warehouse.
#[derive(Debug, Clone, PartialEq)]
pub enum CleanRow {
    Flight(Box<FlightLeg>),
    Airport(Airport),
    Airline(Airline),
    Position(Box<Position>),
    Codeshare(Codeshare),
}

impl CleanRow {
    pub fn natural_key(&self) -> String {
        match self {
            Self::Flight(f) => f.key.natural_key(),
            Self::Airport(a) => a.iata.clone(),
            Self::Airline(a) => a.iata.clone(),
            Self::Position(p) => p.icao24.clone(),
            Self::Codeshare(c) => format!("{}+{}{}", c.leg.natural_key(), c.mkt_carrier, c.mkt_number),
        }
    }
}

/// `(root, container, item)` of each Lufthansa list endpoint.
fn lufthansa_shape(endpoint: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match endpoint {
        "flightstatus-departures" | "flightstatus-arrivals" | "flightstatus-flight" => {
            ("FlightStatusResource", "Flights", "Flight")
        }
        "references-airports" => ("AirportResource", "Airports", "Airport"),
        "references-airlines" => ("AirlineResource", "Airlines", "Airline"),
        _ => return None,
    })
}

/// The endpoints skyboard can clean, as `source/endpoint`.
pub const KNOWN_ENDPOINTS: &[&str] = &[
    "lufthansa/flightstatus-departures",
    "lufthansa/flightstatus-arrivals",
    "lufthansa/flightstatus-flight",
    "lufthansa/references-airports",
    "lufthansa/references-airlines",
    "airlabs/flights",
    "airlabs/schedules",
    "airlabs/airports",
    "airlabs/airlines",
    "opensky/states-all",
];

/// Splits a response body into records.
pub fn split(source: &str, endpoint: &str, http_status: u16, body: &[u8]) -> Result<SplitBody, Rejection> {
    match (source, lufthansa_shape(endpoint)) {
        ("lufthansa", Some((root, container, item))) => split_resource(http_status, body, root, container, item),
        ("opensky", _) if endpoint == "states-all" => split_states(http_status, body),
        ("airlabs", _) if KNOWN_ENDPOINTS.contains(&format!("airlabs/{endpoint}").as_str()) => {
            split_airlabs(http_status, body)
        }
        _ => Err(Rejection::new(format!("no splitter for {source} {endpoint}"))),
    }
}

/// Cleans one staged record.
pub fn clean(record: &Value, ctx: &RecordContext, reference: &Reference) -> Result<CleanRow, Rejection> {
    match (ctx.source.as_str(), ctx.endpoint.as_str()) {
        ("lufthansa", "flightstatus-departures" | "flightstatus-arrivals" | "flightstatus-flight") => {
            clean_flight_status(record, ctx, reference).map(|f| CleanRow::Flight(Box::new(f)))
        }
        ("lufthansa", "references-airports") => clean_reference_airport(record).map(CleanRow::Airport),
        ("lufthansa", "references-airlines") => clean_reference_airline(record).map(CleanRow::Airline),
        ("airlabs", "flights") => clean_airlabs_flight(record, ctx, reference).map(|p| CleanRow::Position(Box::new(p))),
        ("airlabs", "schedules") => clean_airlabs_schedule(record, ctx, reference).map(|row| match row {
            ScheduleRow::Leg(leg) => CleanRow::Flight(leg),
            ScheduleRow::Codeshare { leg, mkt_carrier, mkt_number } => {
                CleanRow::Codeshare(Codeshare { leg, mkt_carrier, mkt_number, source: ctx.source.clone() })
            }
        }),
        ("airlabs", "airports") => clean_airlabs_airport(record, reference).map(CleanRow::Airport),
        ("airlabs", "airlines") => clean_airlabs_airline(record).map(CleanRow::Airline),
        ("opensky", "states-all") => clean_state(record, ctx, reference).map(|p| CleanRow::Position(Box::new(p))),
        (source, endpoint) => Err(Rejection::new(format!("no cleaner for {source} {endpoint}"))),
    }
}
