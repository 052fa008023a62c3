//! The demo world: a deterministic simulation of airline schedules and flight progress, served
//! over loopback HTTP in the real APIs' formats, so the real clients and the whole pipeline run
//! without keys or network.

mod airlabs_dump;
mod geo;
mod hash;
mod lufthansa_api;
mod schedule;
mod server;
mod state;

pub use airlabs_dump::airlabs_flights_dump;
pub use geo::great_circle_km;
pub use lufthansa_api::DEMO_TOKEN_LIFETIME_SECS;
pub use schedule::{DemoWorld, FlightInstance, Service, WorldSettings};
pub use server::{DemoCredentials, DemoServer};
pub use state::{FlightProgress, progress_at};

/// The Lufthansa-group hubs the demo world is centred on.
pub const HUBS: [&str; 5] = ["FRA", "MUC", "ZRH", "VIE", "BRU"];
