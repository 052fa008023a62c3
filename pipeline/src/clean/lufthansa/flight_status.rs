use crate::clean::{RecordContext, Rejection, as_list, local_to_utc, parse_local_minutes, parse_utc_minutes, text};
use crate::model::{FlightKey, FlightLeg, FlightStatus};
use crate::reference::Reference;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

/// One `FlightStatusResource.Flights.Flight` record to a flight leg.
///
/// Identity is the operating carrier's flight (the marketing carrier when no operating carrier is
/// given), the origin and the scheduled departure date in the origin's local time. UTC times come
/// from the `…TimeUTC` blocks; a record with only local times is converted with the airport's zone.
pub fn clean_flight_status(record: &Value, ctx: &RecordContext, reference: &Reference) -> Result<FlightLeg, Rejection> {
    if !record.is_object() {
        return Err(Rejection::new("flight record is not an object"));
    }
    let carrier_block =
        if record.get("OperatingCarrier").is_some() { "/OperatingCarrier" } else { "/MarketingCarrier" };
    // MarketingCarrier may itself be a list; the first entry is the flight's own number.
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

    let dep_tz = reference.airport(&origin).map(|a| a.tz);
    let arr_tz = reference.airport(&destination).map(|a| a.tz);
    let sched_dep = instant(record, "/Departure", "Scheduled", dep_tz)
        .ok_or_else(|| Rejection::new("missing or unreadable scheduled departure time"))?;
    let dep_local_date = local_date(record, "/Departure/ScheduledTimeLocal/DateTime")
        .or_else(|| dep_tz.map(|tz| sched_dep.with_timezone(&tz).date_naive()))
        .ok_or_else(|| Rejection::new(format!("no local departure date and no time zone for {origin}")))?;

    let key = FlightKey { carrier, number, origin, dep_local_date };
    let act_dep = instant(record, "/Departure", "Actual", dep_tz);
    let act_arr = instant(record, "/Arrival", "Actual", arr_tz);
    let flight_code = text(record, "/FlightStatus/Code").map(|c| c.to_ascii_uppercase());
    let dep_code = text(record, "/Departure/TimeStatus/Code");
    let arr_code = text(record, "/Arrival/TimeStatus/Code");
    let status = map_status(flight_code.as_deref(), act_dep.is_some(), act_arr.is_some());
    let source_status =
        [&flight_code, &dep_code, &arr_code].iter().map(|c| c.as_deref().unwrap_or("-")).collect::<Vec<_>>().join("/");

    Ok(FlightLeg {
        destination,
        sched_dep,
        est_dep: instant(record, "/Departure", "Estimated", dep_tz),
        act_dep,
        sched_arr: instant(record, "/Arrival", "Scheduled", arr_tz),
        est_arr: instant(record, "/Arrival", "Estimated", arr_tz),
        act_arr,
        dep_terminal: text(record, "/Departure/Terminal/Name"),
        dep_gate: text(record, "/Departure/Terminal/Gate"),
        arr_terminal: text(record, "/Arrival/Terminal/Name"),
        arr_gate: text(record, "/Arrival/Terminal/Gate"),
        status,
        source_status: Some(source_status),
        aircraft_type: text(record, "/Equipment/AircraftCode"),
        registration: text(record, "/Equipment/AircraftRegistration"),
        source: ctx.source.clone(),
        observed_at: ctx.fetched_at,
        lake_key: ctx.lake_key.clone(),
        key,
    })
}

/// The marketing flight numbers that are not the operating one (codeshares), as `XX1234`.
pub fn codeshares(record: &Value) -> Vec<String> {
    as_list(record.get("MarketingCarrier"))
        .into_iter()
        .filter_map(|c| {
            Some(format!("{}{}", text(c, "/AirlineID")?, normalize_flight_number(&text(c, "/FlightNumber")?)?))
        })
        .collect()
}

fn valid_carrier(c: &str) -> bool {
    (2..=3).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_alphanumeric())
}

fn airport_code(record: &Value, path: &str) -> Option<String> {
    text(record, path)
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
}

/// `"0841"` → `841`, `"1234A"` → `1234A`; anything else (empty, zero, letters first) is invalid.
pub fn normalize_flight_number(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let digits_end = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (digits, suffix) = raw.split_at(digits_end);
    if digits.is_empty() || digits.len() > 5 || suffix.len() > 1 || !suffix.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (n > 0).then(|| format!("{n}{suffix}"))
}

/// `Scheduled`/`Estimated`/`Actual` time of one end: the UTC block first, else the local block
/// converted with the airport's zone.
fn instant(record: &Value, end: &str, which: &str, tz: Option<chrono_tz::Tz>) -> Option<DateTime<Utc>> {
    if let Some(t) = text(record, &format!("{end}/{which}TimeUTC/DateTime")).and_then(|s| parse_utc_minutes(&s)) {
        return Some(t);
    }
    let local = text(record, &format!("{end}/{which}TimeLocal/DateTime")).and_then(|s| parse_local_minutes(&s))?;
    local_to_utc(tz?, local)
}

fn local_date(record: &Value, path: &str) -> Option<NaiveDate> {
    text(record, path).and_then(|s| parse_local_minutes(&s)).map(|t| t.date())
}

fn map_status(flight_code: Option<&str>, departed: bool, landed: bool) -> FlightStatus {
    match flight_code {
        Some("CD") => FlightStatus::Cancelled,
        Some("DV" | "RT") => FlightStatus::Diverted,
        Some("LD") => FlightStatus::Landed,
        Some("DP") if landed => FlightStatus::Landed,
        Some("DP") => FlightStatus::Departed,
        None | Some("NA" | "NO" | "") => {
            if landed {
                FlightStatus::Landed
            } else if departed {
                FlightStatus::Departed
            } else {
                FlightStatus::Scheduled
            }
        }
        Some(_) => FlightStatus::Unknown,
    }
}

#[cfg(test)]
mod tests;
