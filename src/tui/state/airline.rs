//! The airline view: `LH` or `Lufthansa` in search opens the airline's legs of the day shown
//! across the airports skyboard knows, with its on-time share, average delay, cancellations
//! and busiest routes; rows select and open like a board's.

use chrono::NaiveDate;
use pipeline::model::AirlineDay;

/// An airline's day as the feed delivers it.
#[derive(Debug, Clone, PartialEq)]
pub struct AirlineSnapshot {
    /// The airline's key (IATA, else ICAO code).
    pub code: String,
    /// The local departure date asked for; `None`: today.
    pub day: Option<NaiveDate>,
    /// `None` if the warehouse does not know the airline.
    pub data: Option<AirlineDay>,
}
