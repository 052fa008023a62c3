//! Lufthansa Open API records.

mod flight_status;
mod split;

pub use flight_status::{clean_flight_status, codeshares, normalize_flight_number};
pub use split::{SplitBody, split_flight_status};
