use super::FlightStatus;
use chrono::{DateTime, NaiveDate, Utc};

/// The identity of one flight leg: operating carrier, flight number, origin and the scheduled
/// departure date in the origin's local time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlightKey {
    /// IATA airline designator of the operating carrier (e.g. `LH`).
    pub carrier: String,
    /// Flight number without the carrier and without leading zeros (e.g. `400`, `1234A`).
    pub number: String,
    /// IATA code of the origin airport.
    pub origin: String,
    pub dep_local_date: NaiveDate,
}

impl FlightKey {
    /// A stable text form, used as the natural key in staging.
    pub fn natural_key(&self) -> String {
        format!("{}|{}|{}|{}", self.carrier, self.number, self.origin, self.dep_local_date)
    }

    pub fn flight_designator(&self) -> String {
        format!("{}{}", self.carrier, self.number)
    }
}

/// One flight leg as the warehouse stores it. Every time is UTC; a missing value is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct FlightLeg {
    pub key: FlightKey,
    pub destination: String,
    pub sched_dep: DateTime<Utc>,
    pub est_dep: Option<DateTime<Utc>>,
    pub act_dep: Option<DateTime<Utc>>,
    pub sched_arr: Option<DateTime<Utc>>,
    pub est_arr: Option<DateTime<Utc>>,
    pub act_arr: Option<DateTime<Utc>>,
    pub dep_terminal: Option<String>,
    pub dep_gate: Option<String>,
    pub arr_terminal: Option<String>,
    pub arr_gate: Option<String>,
    pub status: FlightStatus,
    /// The source's own status codes, e.g. `DP/DL/OT` for Lufthansa (flight/departure/arrival).
    pub source_status: Option<String>,
    pub aircraft_type: Option<String>,
    pub registration: Option<String>,
    /// Which source said this (`lufthansa`, `airlabs`, ...).
    pub source: String,
    /// When the source said it (the fetch time of the raw response).
    pub observed_at: DateTime<Utc>,
    /// The lake object this row came from.
    pub lake_key: String,
}

impl FlightLeg {
    /// Minutes late leaving (negative when early): actual, else estimated, against the schedule.
    /// `None` while neither is known, never a guessed zero.
    pub fn dep_delay_minutes(&self) -> Option<i64> {
        self.act_dep.or(self.est_dep).map(|t| (t - self.sched_dep).num_minutes())
    }

    /// Minutes late arriving (negative when early), when a schedule and a later time are known.
    pub fn arr_delay_minutes(&self) -> Option<i64> {
        Some((self.act_arr.or(self.est_arr)? - self.sched_arr?).num_minutes())
    }
}

/// A marketing flight number (`mkt_carrier` + `mkt_number`) of the leg `leg`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Codeshare {
    pub leg: FlightKey,
    pub mkt_carrier: String,
    pub mkt_number: String,
    pub source: String,
}
