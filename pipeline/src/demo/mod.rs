//! The demo world: a deterministic simulation of airline schedules and flight progress, served
//! over loopback HTTP in the real APIs' formats, so the real clients and the whole pipeline run
//! without keys or network.

mod airborne;
mod airlabs_api;
mod airlabs_dump;
mod carriers;
mod chaos;
mod codeshare;
mod frequency;
mod geo;
mod hash;
mod identity;
mod lufthansa_api;
mod opensky_api;
#[cfg(test)]
mod realism;
mod registry;
mod schedule;
mod server;
mod state;
mod track;

pub use airborne::{Aircraft, GeoBox, aircraft_at};
pub use airlabs_dump::airlabs_flights_dump;
pub use chaos::{ChaosSettings, Served};
pub use geo::great_circle_km;
pub use identity::Identity;
pub use lufthansa_api::DEMO_TOKEN_LIFETIME_SECS;
pub use schedule::{DemoWorld, FlightInstance, Marketing, Service, WorldSettings};
pub use server::{DemoCredentials, DemoServer};
pub use state::{FlightProgress, Phase, progress_at};
pub use track::{Fix, Leg};

/// The Lufthansa-group hubs the demo world is centred on.
pub const HUBS: [&str; 5] = ["FRA", "MUC", "ZRH", "VIE", "BRU"];
