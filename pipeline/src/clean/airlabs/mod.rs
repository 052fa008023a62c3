//! AirLabs v9 records: `/flights` (positions), `/schedules` (boards), `/airports`, `/airlines`.
//! Envelope `{"request":…,"response":[…]}`; errors `{"error":{"message","code"}}`, even with 200.

mod flights;
mod one_pass;
mod reference;
mod schedules;
mod split;

pub use flights::{
    AirlabsFlight, clean_airlabs_flight, clean_airlabs_flight_json, clean_airlabs_flight_record, is_flight_designator,
};
pub use reference::{clean_airlabs_airline, clean_airlabs_airport};
pub use schedules::{ScheduleRow, clean_airlabs_schedule};
pub use split::{clean_airlabs_flights_body, split_airlabs, split_airlabs_raw};
