//! AirLabs v9 records: `/flights` (positions), `/schedules` (boards), `/airports`, `/airlines`.
//! Envelope `{"request":…,"response":[…]}`; errors `{"error":{"message","code"}}`, even with 200.

mod flights;
mod reference;
mod schedules;
mod split;

pub use flights::{clean_airlabs_flight, iata_from_numeric_callsign, is_flight_designator};
pub use reference::{clean_airlabs_airline, clean_airlabs_airport};
pub use schedules::{ScheduleRow, clean_airlabs_schedule};
pub use split::split_airlabs;
