//! AirLabs v9 records: `/flights` (positions), `/schedules` (boards), `/airports`, `/airlines`.
//! Envelope `{"request":…,"response":[…]}`; errors `{"error":{"message","code"}}`, even with 200.

mod flights;
mod split;

pub use flights::clean_airlabs_flight;
pub use split::split_airlabs;
