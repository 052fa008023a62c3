//! Lufthansa Open API records.

mod identity;
mod leg;
mod reference;
mod registration;
mod split;
mod status_codes;

pub use identity::{carrier_and_number, normalize_flight_number};
pub use leg::{LegFormat, clean_customer_flight_information, clean_flight_status, leg_codeshares};
pub use reference::{
    clean_reference_aircraft, clean_reference_airline, clean_reference_airport, clean_reference_city,
    clean_reference_country,
};
pub use registration::with_nationality_dash;
pub use split::{SplitBody, split_flight_status, split_resource};
