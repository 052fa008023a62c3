//! What the drill-down screens read: an airport's day, a flight's detail page, the world map
//! and the search box.

use super::{Airport, FlightKey, FlightLeg, FlightStatus, Position};
use chrono::{DateTime, NaiveDate, Utc};

/// One airport's local calendar day: `[local midnight, next local midnight)` in its time zone.
#[derive(Debug, Clone, PartialEq)]
pub struct AirportStats {
    /// IATA code.
    pub airport: String,
    /// The airport's local date.
    pub day: NaiveDate,
    /// Legs scheduled to depart that local day.
    pub departures: u32,
    /// Legs scheduled to arrive that local day (by the scheduled arrival, else the departure).
    pub arrivals: u32,
    /// Cancelled legs among the departures and the arrivals.
    pub cancelled: u32,
    /// Departures with a known delay (actual, else estimated, against the schedule) of under
    /// 15 minutes, as a percentage of the departures with a known delay; `None` if none is known.
    pub on_time_pct: Option<f64>,
    /// Mean departure delay over the departures with a known delay (early counts as 0).
    pub avg_delay_minutes: Option<f64>,
    /// (IATA, city name, departures that day): the top 5, ties by IATA.
    pub busiest_destinations: Vec<(String, Option<String>, u32)>,
    /// The day's legs by local hour (of the scheduled departure or arrival): index 0 is 00:00–01:00.
    /// On the day the clocks go back, the repeated hour holds both.
    pub by_hour: [HourTraffic; 24],
    /// Departures and arrivals together by status, in [`FlightStatus::ALL`]'s order, those
    /// with none left out.
    pub by_status: Vec<(FlightStatus, u32)>,
}

/// One local hour of an airport's day, for its chart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HourTraffic {
    pub departures: u32,
    /// Departures 15 minutes late or more (actual, else estimated).
    pub delayed_departures: u32,
    pub arrivals: u32,
    pub delayed_arrivals: u32,
}

/// A status the warehouse saw a leg in, the first time it saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub observed_at: DateTime<Utc>,
    pub status: FlightStatus,
    /// The source's own code (`DP/DL/OT`).
    pub source_status: Option<String>,
    pub source: String,
}

/// Everything the flight detail page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FlightDetail {
    pub leg: FlightLeg,
    /// Marketing (carrier, number) pairs, sorted.
    pub codeshares: Vec<(String, String)>,
    pub origin: Option<Airport>,
    pub destination: Option<Airport>,
    /// Oldest first: the first time each (status, source status, source) was seen.
    pub status_history: Vec<StatusChange>,
    /// Matched by flight number or callsign (never by aircraft alone), as boards match it.
    pub position: Option<Position>,
}

/// One aircraft on the world map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapAircraftRow {
    pub position: Position,
    /// The status of the leg the position's flight number names, if one is near in time.
    pub status: Option<FlightStatus>,
}

/// A search hit: one flight leg.
#[derive(Debug, Clone, PartialEq)]
pub struct FlightMatch {
    pub key: FlightKey,
    pub destination: String,
    pub sched_dep: DateTime<Utc>,
    pub status: FlightStatus,
}
