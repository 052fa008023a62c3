use super::identity::{airport_code, codeshares_of, normalize_flight_number, valid_carrier};
use super::registration::with_nationality_dash;
use super::status_codes::map_status;
use crate::clean::{RecordContext, Rejection, local_to_utc, parse_local_minutes, parse_utc_minutes, text};
use crate::model::{Codeshare, FlightKey, FlightLeg};
use crate::reference::Reference;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

/// The two Lufthansa leg formats. They carry the same facts under different names
/// (apis.md §1.5, quirk 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegFormat {
    /// `FlightStatusResource`: `ScheduledTimeLocal/UTC{DateTime}`, `TimeStatus`, `FlightStatus`,
    /// `MarketingCarrier` (one or many).
    FlightStatus,
    /// `FlightInformation` (customer flight information): `Scheduled{Date,Time}` in local time,
    /// `Status{Code,Description}` at both levels, `MarketingCarrierList.MarketingCarrier`.
    CustomerFlightInformation,
}

impl LegFormat {
    fn flight_status_path(self) -> &'static str {
        match self {
            Self::FlightStatus => "/FlightStatus/Code",
            Self::CustomerFlightInformation => "/Status/Code",
        }
    }

    fn end_status(self, end: &str) -> String {
        match self {
            Self::FlightStatus => format!("{end}/TimeStatus/Code"),
            Self::CustomerFlightInformation => format!("{end}/Status/Code"),
        }
    }

    fn marketing_path(self) -> &'static str {
        match self {
            Self::FlightStatus => "/MarketingCarrier",
            Self::CustomerFlightInformation => "/MarketingCarrierList/MarketingCarrier",
        }
    }

    /// The local wall time of `which` (`Scheduled`, `Estimated`, `Actual`) at `end`.
    fn local_time(self, record: &Value, end: &str, which: &str) -> Option<NaiveDateTime> {
        match self {
            Self::FlightStatus => {
                text(record, &format!("{end}/{which}TimeLocal/DateTime")).and_then(|s| parse_local_minutes(&s))
            }
            Self::CustomerFlightInformation => {
                let node = record.pointer(&format!("{end}/{which}"))?;
                text(node, "/DateTime")
                    .and_then(|s| parse_local_minutes(&s))
                    .or_else(|| parse_local_minutes(&format!("{}T{}", text(node, "/Date")?, text(node, "/Time")?)))
            }
        }
    }

    /// The UTC instant of `which` at `end` when the record gives one directly.
    fn utc_time(self, record: &Value, end: &str, which: &str) -> Option<DateTime<Utc>> {
        let path = match self {
            Self::FlightStatus => format!("{end}/{which}TimeUTC/DateTime"),
            Self::CustomerFlightInformation => format!("{end}/{which}/DateTime"),
        };
        text(record, &path).and_then(|s| parse_utc_minutes(&s))
    }

    /// An instant: the UTC form first, else the local form converted with the airport's zone.
    fn instant(self, record: &Value, end: &str, which: &str, tz: Option<chrono_tz::Tz>) -> Option<DateTime<Utc>> {
        self.utc_time(record, end, which).or_else(|| local_to_utc(tz?, self.local_time(record, end, which)?))
    }

    /// Whether a time at `end` is given only as local wall time: it needs the place's zone.
    fn needs_zone(self, record: &Value, end: &str) -> bool {
        ["Scheduled", "Estimated", "Actual"]
            .iter()
            .any(|w| self.utc_time(record, end, w).is_none() && self.local_time(record, end, w).is_some())
    }
}

/// The time zone of the place `code`, from the reference data (the shipped assets, then what the
/// pipeline fetched); when the record's times at that end need it and no reference knows it,
/// the true reason.
fn zone(
    format: LegFormat,
    record: &Value,
    end: &str,
    code: &str,
    reference: &Reference,
) -> Result<Option<chrono_tz::Tz>, Rejection> {
    match reference.airport(code) {
        Some(a) => Ok(Some(a.tz)),
        None if format.needs_zone(record, end) => {
            Err(Rejection::new(format!("unknown location {code}: no time zone in the reference data")))
        }
        None => Ok(None),
    }
}

/// One `FlightStatusResource.Flights.Flight` record to a flight leg.
pub fn clean_flight_status(record: &Value, ctx: &RecordContext, reference: &Reference) -> Result<FlightLeg, Rejection> {
    clean_leg(LegFormat::FlightStatus, record, ctx, reference)
}

/// One `FlightInformation.Flights.Flight` record (customer flight information) to a flight leg.
pub fn clean_customer_flight_information(
    record: &Value,
    ctx: &RecordContext,
    reference: &Reference,
) -> Result<FlightLeg, Rejection> {
    clean_leg(LegFormat::CustomerFlightInformation, record, ctx, reference)
}

/// The codeshares of a cleaned leg: every marketing number other than the operating one.
pub fn leg_codeshares(format: LegFormat, record: &Value, leg: &FlightKey, source: &str) -> Vec<Codeshare> {
    codeshares_of(record.pointer(format.marketing_path()), leg, source)
}

/// One Lufthansa leg record, in either format, to a flight leg.
///
/// Identity is the operating carrier's flight (the marketing carrier when no operating carrier is
/// given), the origin and the scheduled departure date in the origin's local time. UTC times come
/// from the `…TimeUTC` blocks; a record with only local times is converted with the airport's zone.
fn clean_leg(
    format: LegFormat,
    record: &Value,
    ctx: &RecordContext,
    reference: &Reference,
) -> Result<FlightLeg, Rejection> {
    if !record.is_object() {
        return Err(Rejection::new("flight record is not an object"));
    }
    let carrier_block =
        if record.get("OperatingCarrier").is_some() { "/OperatingCarrier" } else { format.marketing_path() };
    // The marketing list may be a list; its first entry is the flight's own number.
    let carrier_node = match record.pointer(carrier_block) {
        Some(Value::Array(a)) => a.first(),
        other => other,
    };
    let carrier = carrier_node.and_then(|c| text(c, "/AirlineID")).map(|c| c.to_ascii_uppercase());
    let number = carrier_node.and_then(|c| text(c, "/FlightNumber"));
    let carrier =
        carrier.filter(|c| valid_carrier(c)).ok_or_else(|| Rejection::new("missing or invalid carrier code"))?;
    let number = number.as_deref().and_then(normalize_flight_number).ok_or_else(|| {
        Rejection::new(format!("missing or invalid flight number {:?}", number.as_deref().unwrap_or("")))
    })?;
    let origin = airport_code(record, "/Departure/AirportCode")
        .ok_or_else(|| Rejection::new("missing or invalid departure airport"))?;
    let destination = airport_code(record, "/Arrival/AirportCode")
        .ok_or_else(|| Rejection::new("missing or invalid arrival airport"))?;

    let dep_tz = zone(format, record, "/Departure", &origin, reference)?;
    let arr_tz = zone(format, record, "/Arrival", &destination, reference)?;
    let sched_dep = format
        .instant(record, "/Departure", "Scheduled", dep_tz)
        .ok_or_else(|| Rejection::new("missing or unreadable scheduled departure time"))?;
    let dep_local_date = format
        .local_time(record, "/Departure", "Scheduled")
        .map(|t| t.date())
        .or_else(|| dep_tz.map(|tz| sched_dep.with_timezone(&tz).date_naive()))
        .ok_or_else(|| Rejection::new(format!("no local departure date and no time zone for {origin}")))?;

    let key = FlightKey { carrier, number, origin, dep_local_date };
    let act_dep = format.instant(record, "/Departure", "Actual", dep_tz);
    let act_arr = format.instant(record, "/Arrival", "Actual", arr_tz);
    let flight_code = text(record, format.flight_status_path()).map(|c| c.to_ascii_uppercase());
    let dep_code = text(record, &format.end_status("/Departure"));
    let arr_code = text(record, &format.end_status("/Arrival"));
    let status = map_status(flight_code.as_deref(), act_dep.is_some(), act_arr.is_some());
    let source_status =
        [&flight_code, &dep_code, &arr_code].iter().map(|c| c.as_deref().unwrap_or("-")).collect::<Vec<_>>().join("/");

    Ok(FlightLeg {
        destination,
        sched_dep,
        est_dep: format.instant(record, "/Departure", "Estimated", dep_tz),
        act_dep,
        sched_arr: format.instant(record, "/Arrival", "Scheduled", arr_tz),
        est_arr: format.instant(record, "/Arrival", "Estimated", arr_tz),
        act_arr,
        dep_terminal: text(record, "/Departure/Terminal/Name"),
        dep_gate: text(record, "/Departure/Terminal/Gate"),
        arr_terminal: text(record, "/Arrival/Terminal/Name"),
        arr_gate: text(record, "/Arrival/Terminal/Gate"),
        status,
        source_status: Some(source_status),
        aircraft_type: text(record, "/Equipment/AircraftCode"),
        // Sent without its dash (`DAIXB`): written as registered (`D-AIXB`).
        registration: text(record, "/Equipment/AircraftRegistration").map(|r| with_nationality_dash(&r)),
        source: ctx.source.clone(),
        observed_at: ctx.fetched_at,
        lake_key: ctx.lake_key.clone(),
        key,
    })
}

#[cfg(test)]
mod tests;
