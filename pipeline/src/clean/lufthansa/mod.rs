//! Lufthansa Open API records.

mod flight_status;
mod reference;
mod split;

pub use flight_status::{clean_flight_status, codeshares, normalize_flight_number};
pub use reference::{clean_reference_airline, clean_reference_airport};
pub use split::{SplitBody, split_flight_status, split_resource};
