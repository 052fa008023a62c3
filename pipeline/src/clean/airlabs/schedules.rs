//! AirLabs `/schedules` rows: one flight at one airport's board. Times come as
//! `"YYYY-MM-DD HH:MM"` local and `…_utc`; a row whose `cs_flight_iata` is set is a codeshare
//! marketed under `flight_iata` and operated as `cs_flight_iata`: it names the operating leg,
//! it is not a leg of its own.

use crate::clean::lufthansa::normalize_flight_number;
use crate::clean::{RecordContext, Rejection, local_to_utc, parse_local_minutes, text};
use crate::model::text::clip;
use crate::model::{FlightKey, FlightLeg, FlightStatus};
use crate::reference::Reference;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

/// What one schedules row says.
#[derive(Debug, Clone, PartialEq)]
pub enum ScheduleRow {
    /// The operating flight.
    Leg(Box<FlightLeg>),
    /// A marketing number of the operating leg `leg` (`mkt_carrier`, `mkt_number`).
    Codeshare { leg: FlightKey, mkt_carrier: String, mkt_number: String },
}

fn designator(record: &Value, carrier_key: &str, number_key: &str, iata_key: &str) -> Option<(String, String)> {
    let carrier = text(record, carrier_key).map(|c| c.to_ascii_uppercase()).filter(|c| c.len() == 2 && c.is_ascii());
    let number = text(record, number_key).and_then(|n| normalize_flight_number(&n));
    match (carrier, number) {
        (Some(c), Some(n)) => Some((c, n)),
        _ => {
            let full = text(record, iata_key)?.to_ascii_uppercase();
            if !super::is_flight_designator(&full) {
                return None;
            }
            Some((full[..2].to_string(), normalize_flight_number(&full[2..])?))
        }
    }
}

fn utc_time(record: &Value, key: &str, tz: Option<chrono_tz::Tz>) -> Option<DateTime<Utc>> {
    if let Some(t) = text(record, &format!("/{key}_utc")).and_then(|s| parse_local_minutes(&s)) {
        return Some(t.and_utc());
    }
    let local: NaiveDateTime = text(record, &format!("/{key}")).and_then(|s| parse_local_minutes(&s))?;
    local_to_utc(tz?, local)
}

pub fn clean_airlabs_schedule(
    record: &Value,
    ctx: &RecordContext,
    reference: &Reference,
) -> Result<ScheduleRow, Rejection> {
    if !record.is_object() {
        return Err(Rejection::new("schedule record is not an object"));
    }
    let airport = |p: &str| {
        text(record, p)
            .map(|c| c.to_ascii_uppercase())
            .filter(|c| c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()))
    };
    let origin = airport("/dep_iata").ok_or_else(|| Rejection::new("missing or invalid dep_iata"))?;
    let destination = airport("/arr_iata").ok_or_else(|| Rejection::new("missing or invalid arr_iata"))?;
    let marketing = designator(record, "/airline_iata", "/flight_number", "/flight_iata")
        .ok_or_else(|| Rejection::new("missing or invalid flight designator"))?;
    let operating = designator(record, "/cs_airline_iata", "/cs_flight_number", "/cs_flight_iata");
    // AirLabs times are local wall time (`dep_time_utc` beside them on paid plans): a place no
    // reference knows cannot be read.
    let zone = |code: &str, keys: [&str; 3]| match reference.airport(code) {
        Some(a) => Ok(Some(a.tz)),
        None if keys
            .iter()
            .any(|k| text(record, &format!("/{k}")).is_some() && text(record, &format!("/{k}_utc")).is_none()) =>
        {
            Err(Rejection::new(format!("unknown location {code}: no time zone in the reference data")))
        }
        None => Ok(None),
    };
    let dep_tz = zone(&origin, ["dep_time", "dep_estimated", "dep_actual"])?;
    let arr_tz = zone(&destination, ["arr_time", "arr_estimated", "arr_actual"])?;
    let sched_dep =
        utc_time(record, "dep_time", dep_tz).ok_or_else(|| Rejection::new("missing or unreadable dep_time"))?;
    let dep_local_date = text(record, "/dep_time")
        .and_then(|s| parse_local_minutes(&s))
        .map(|t| t.date())
        .or_else(|| dep_tz.map(|tz| sched_dep.with_timezone(&tz).date_naive()))
        .ok_or_else(|| Rejection::new(format!("no local departure date and no time zone for {origin}")))?;
    let (carrier, number) = operating.clone().unwrap_or_else(|| marketing.clone());
    let key = FlightKey { carrier, number, origin, dep_local_date };
    if operating.is_some() {
        return Ok(ScheduleRow::Codeshare { leg: key, mkt_carrier: marketing.0, mkt_number: marketing.1 });
    }
    let act_dep = utc_time(record, "dep_actual", dep_tz);
    let act_arr = utc_time(record, "arr_actual", arr_tz);
    let raw_status = text(record, "/status");
    let status = match raw_status.as_deref() {
        Some("cancelled") => FlightStatus::Cancelled,
        Some("diverted") => FlightStatus::Diverted,
        Some("landed") => FlightStatus::Landed,
        Some("active" | "en-route") => FlightStatus::EnRoute,
        Some("scheduled") | None if act_arr.is_some() => FlightStatus::Landed,
        Some("scheduled") | None if act_dep.is_some() => FlightStatus::Departed,
        Some("scheduled") | None => FlightStatus::Scheduled,
        Some(_) => FlightStatus::Unknown,
    };
    let clip_opt = |s: Option<String>, n: usize| s.map(|v| clip(&v, n));
    Ok(ScheduleRow::Leg(Box::new(FlightLeg {
        destination,
        sched_dep,
        est_dep: utc_time(record, "dep_estimated", dep_tz),
        act_dep,
        sched_arr: utc_time(record, "arr_time", arr_tz),
        est_arr: utc_time(record, "arr_estimated", arr_tz),
        act_arr,
        dep_terminal: clip_opt(text(record, "/dep_terminal"), 32),
        dep_gate: clip_opt(text(record, "/dep_gate"), 32),
        arr_terminal: clip_opt(text(record, "/arr_terminal"), 32),
        arr_gate: clip_opt(text(record, "/arr_gate"), 32),
        status,
        source_status: clip_opt(raw_status, 32),
        aircraft_type: clip_opt(text(record, "/aircraft_icao"), 8),
        registration: None,
        source: ctx.source.clone(),
        observed_at: ctx.fetched_at,
        lake_key: ctx.lake_key.clone(),
        key,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn ctx() -> RecordContext {
        RecordContext {
            source: "airlabs".into(),
            endpoint: "schedules".into(),
            lake_key: "raw/airlabs/schedules/x.json.gz".into(),
            fetched_at: Utc.with_ymd_and_hms(2026, 8, 21, 6, 0, 0).unwrap(),
        }
    }

    #[test]
    fn documented_row() {
        // apis.md §2.3: UA2017 SEA→EWR, dep +44, arr +22.
        let r = json!({"airline_iata":"UA","flight_iata":"UA2017","flight_number":"2017","dep_iata":"SEA","arr_iata":"EWR",
          "dep_time":"2026-08-20 22:58","dep_time_utc":"2026-08-21 05:58","dep_time_ts":1787291880,
          "dep_estimated":"2026-08-20 23:42","dep_estimated_utc":"2026-08-21 06:42","dep_estimated_ts":1787294520,
          "arr_time":"2026-08-21 07:10","arr_time_utc":"2026-08-21 11:10","arr_time_ts":1787310600,
          "arr_estimated":"2026-08-21 07:32","arr_estimated_utc":"2026-08-21 11:32","arr_estimated_ts":1787311920,
          "dep_delayed":44,"arr_delayed":22,"status":"active","cs_flight_iata":null});
        let ScheduleRow::Leg(leg) = clean_airlabs_schedule(&r, &ctx(), Reference::embedded()).unwrap() else {
            panic!("a leg")
        };
        assert_eq!(leg.key.natural_key(), "UA|2017|SEA|2026-08-20", "the local departure date, not the UTC one");
        assert_eq!(leg.sched_dep.to_rfc3339(), "2026-08-21T05:58:00+00:00");
        assert_eq!(leg.est_dep.map(|t| (t - leg.sched_dep).num_minutes()), Some(44));
        assert_eq!(
            leg.est_arr.zip(leg.sched_arr).map(|(e, s)| (e - s).num_minutes()),
            Some(22),
            "arrival delay is its own"
        );
        assert_eq!(leg.status, FlightStatus::EnRoute);
        assert_eq!(leg.source_status.as_deref(), Some("active"));
    }

    #[test]
    fn a_codeshare_row_names_the_operating_leg() {
        let r = json!({"airline_iata":"AC","flight_iata":"AC9401","flight_number":"9401","dep_iata":"NCE","arr_iata":"MUC",
          "dep_time":"2026-07-29 08:55","arr_time":"2026-07-29 10:15","status":"scheduled",
          "cs_airline_iata":"EN","cs_flight_number":"2271","cs_flight_iata":"EN2271"});
        match clean_airlabs_schedule(&r, &ctx(), Reference::embedded()).unwrap() {
            ScheduleRow::Codeshare { leg, mkt_carrier, mkt_number } => {
                assert_eq!(leg.natural_key(), "EN|2271|NCE|2026-07-29");
                assert_eq!((mkt_carrier.as_str(), mkt_number.as_str()), ("AC", "9401"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn local_only_times_and_rejections() {
        let r = json!({"flight_iata":"LH400","dep_iata":"FRA","arr_iata":"JFK","dep_time":"2026-10-25 23:30","arr_time":"2026-10-26 02:10"});
        let ScheduleRow::Leg(leg) = clean_airlabs_schedule(&r, &ctx(), Reference::embedded()).unwrap() else {
            panic!()
        };
        assert_eq!(leg.sched_dep.to_rfc3339(), "2026-10-25T22:30:00+00:00");
        assert_eq!(leg.status, FlightStatus::Scheduled);
        for (bad, why) in [
            (json!({"flight_iata":"LH400","dep_iata":"FRA","arr_iata":"JFK"}), "dep_time"),
            (
                json!({"flight_iata":"L€400","dep_iata":"FRA","arr_iata":"JFK","dep_time":"2026-10-25 23:30"}),
                "designator",
            ),
            (json!({"flight_iata":"LH400","arr_iata":"JFK","dep_time":"2026-10-25 23:30"}), "dep_iata"),
        ] {
            let e = clean_airlabs_schedule(&bad, &ctx(), Reference::embedded()).unwrap_err();
            assert!(e.reason.contains(why), "{bad}: {}", e.reason);
        }
    }
}
