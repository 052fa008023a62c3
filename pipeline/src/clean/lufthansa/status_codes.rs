//! Lufthansa flight-level status codes to the one status model.

use crate::model::FlightStatus;

/// `FlightStatus.Code` (flight status) or `Status.Code` (customer flight information) to a
/// status. Codes that describe timeliness rather than progress (`OT`, `DL`, `FE`, `NI`, `NO`,
/// `NA`) and a missing code fall back to what the actual times say.
pub fn map_status(flight_code: Option<&str>, departed: bool, landed: bool) -> FlightStatus {
    let by_times = || {
        if landed {
            FlightStatus::Landed
        } else if departed {
            FlightStatus::Departed
        } else {
            FlightStatus::Scheduled
        }
    };
    match flight_code {
        Some("CD") => FlightStatus::Cancelled,
        Some("DV" | "RT") => FlightStatus::Diverted,
        Some("LD") => FlightStatus::Landed,
        Some("DP") if landed => FlightStatus::Landed,
        Some("DP") => FlightStatus::Departed,
        None | Some("" | "NA" | "NO" | "OT" | "DL" | "FE" | "NI") => by_times(),
        Some(_) => FlightStatus::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(map_status(Some("CD"), false, false), FlightStatus::Cancelled);
        assert_eq!(map_status(Some("DV"), true, false), FlightStatus::Diverted);
        assert_eq!(map_status(Some("DP"), true, true), FlightStatus::Landed);
        assert_eq!(map_status(Some("DL"), true, false), FlightStatus::Departed, "a timeliness code");
        assert_eq!(map_status(None, false, false), FlightStatus::Scheduled);
        assert_eq!(map_status(Some("ZZ"), false, false), FlightStatus::Unknown);
    }
}
