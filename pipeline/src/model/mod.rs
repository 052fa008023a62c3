//! Domain types shared by every stage and by the front end.

mod aircraft_type;
mod airline;
mod airline_day;
mod airport;
mod board;
mod city;
mod country;
mod drilldown;
mod flight;
pub mod geo;
mod place_list;
mod position;
mod raw;
mod source_health;
mod status;
pub mod text;

pub use aircraft_type::AircraftType;
pub use airline::Airline;
pub use airline_day::{AirlineDay, AirlineLeg};
pub use airport::Airport;
pub use board::{Board, BoardKind, BoardRow, DataFreshness};
pub use city::City;
pub use country::Country;
pub use drilldown::{AirportStats, FlightDetail, FlightMatch, HourTraffic, MapAircraftRow, StatusChange};
pub use flight::{Codeshare, FlightKey, FlightLeg};
pub use place_list::{PlaceFilter, PlaceTraffic};
pub use position::Position;
pub use raw::{RawResponse, Source, fetch_time};
pub use source_health::SourceHealth;
pub use status::FlightStatus;
