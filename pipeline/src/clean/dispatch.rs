//! Which splitter and cleaner handle a response, by source and endpoint: the one place that
//! knows every raw record type.

use super::airlabs::{
    ScheduleRow, clean_airlabs_airline, clean_airlabs_airport, clean_airlabs_flight, clean_airlabs_flight_json,
    clean_airlabs_schedule, split_airlabs_raw,
};
use super::lufthansa::{
    LegFormat, SplitBody, clean_customer_flight_information, clean_flight_status, clean_reference_aircraft,
    clean_reference_airline, clean_reference_airport, clean_reference_city, clean_reference_country, leg_codeshares,
    split_resource,
};
use super::opensky::{clean_state, split_states};
use super::{RecordContext, Rejection};
use crate::model::{AircraftType, Airline, Airport, City, Codeshare, Country, FlightLeg, Position};
use crate::reference::Reference;
use serde_json::Value;
use serde_json::value::RawValue;

/// A cleaned record, ready for the warehouse.
#[derive(Debug, Clone, PartialEq)]
pub enum CleanRow {
    Flight(Box<FlightLeg>),
    Airport(Airport),
    Airline(Airline),
    Country(Country),
    City(City),
    Aircraft(AircraftType),
    Position(Box<Position>),
    Codeshare(Codeshare),
}

impl CleanRow {
    pub fn natural_key(&self) -> String {
        match self {
            Self::Flight(f) => f.key.natural_key(),
            Self::Airport(a) => a.code().to_string(),
            Self::Airline(a) => a.code().to_string(),
            Self::Country(c) => c.code.clone(),
            Self::City(c) => c.code.clone(),
            Self::Aircraft(a) => a.code.clone(),
            Self::Position(p) => p.icao24.clone(),
            Self::Codeshare(c) => format!("{}+{}{}", c.leg.natural_key(), c.mkt_carrier, c.mkt_number),
        }
    }
}

/// The record types skyboard reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordKind {
    LufthansaLeg(LegFormat),
    LufthansaAirport,
    LufthansaCity,
    LufthansaCountry,
    LufthansaAirline,
    LufthansaAircraft,
    AirlabsFlight,
    AirlabsSchedule,
    AirlabsAirport,
    AirlabsAirline,
    OpenskyState,
}

/// Every `(source, endpoint)` skyboard can clean, with its record type.
const ENDPOINTS: &[(&str, &str, RecordKind)] = {
    use LegFormat::{CustomerFlightInformation as Cfi, FlightStatus as Fs};
    use RecordKind::*;
    &[
        ("lufthansa", "flightstatus-departures", LufthansaLeg(Fs)),
        ("lufthansa", "flightstatus-arrivals", LufthansaLeg(Fs)),
        ("lufthansa", "flightstatus-flight", LufthansaLeg(Fs)),
        ("lufthansa", "customerflightinformation-departures", LufthansaLeg(Cfi)),
        ("lufthansa", "customerflightinformation-arrivals", LufthansaLeg(Cfi)),
        ("lufthansa", "customerflightinformation-flight", LufthansaLeg(Cfi)),
        ("lufthansa", "references-airports", LufthansaAirport),
        ("lufthansa", "references-cities", LufthansaCity),
        ("lufthansa", "references-countries", LufthansaCountry),
        ("lufthansa", "references-airlines", LufthansaAirline),
        ("lufthansa", "references-aircraft", LufthansaAircraft),
        ("airlabs", "flights", AirlabsFlight),
        ("airlabs", "schedules", AirlabsSchedule),
        ("airlabs", "airports", AirlabsAirport),
        ("airlabs", "airlines", AirlabsAirline),
        ("opensky", "states-all", OpenskyState),
    ]
};

fn kind(source: &str, endpoint: &str) -> Option<RecordKind> {
    ENDPOINTS.iter().find(|(s, e, _)| *s == source && *e == endpoint).map(|(_, _, k)| *k)
}

/// The endpoints skyboard can clean, as `source/endpoint`.
pub fn known_endpoints() -> impl Iterator<Item = String> {
    ENDPOINTS.iter().map(|(s, e, _)| format!("{s}/{e}"))
}

/// Can skyboard clean what `source` answers on `endpoint`?
pub fn is_known(source: &str, endpoint: &str) -> bool {
    kind(source, endpoint).is_some()
}

/// `(root, container, item)` of a Lufthansa list resource.
fn lufthansa_shape(kind: RecordKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        RecordKind::LufthansaLeg(LegFormat::FlightStatus) => ("FlightStatusResource", "Flights", "Flight"),
        RecordKind::LufthansaLeg(LegFormat::CustomerFlightInformation) => ("FlightInformation", "Flights", "Flight"),
        RecordKind::LufthansaAirport => ("AirportResource", "Airports", "Airport"),
        RecordKind::LufthansaCity => ("CityResource", "Cities", "City"),
        RecordKind::LufthansaCountry => ("CountryResource", "Countries", "Country"),
        RecordKind::LufthansaAirline => ("AirlineResource", "Airlines", "Airline"),
        _ => ("AircraftResource", "AircraftSummaries", "AircraftSummary"),
    }
}

/// Splits a response body into records, each kept as its JSON text (what staging stores).
pub fn split(
    source: &str,
    endpoint: &str,
    http_status: u16,
    body: &[u8],
) -> Result<SplitBody<Box<RawValue>>, Rejection> {
    match kind(source, endpoint) {
        Some(RecordKind::OpenskyState) => split_states(http_status, body)?.into_raw(),
        Some(
            RecordKind::AirlabsFlight
            | RecordKind::AirlabsSchedule
            | RecordKind::AirlabsAirport
            | RecordKind::AirlabsAirline,
        ) => split_airlabs_raw(http_status, body),
        Some(k) => {
            let (root, container, item) = lufthansa_shape(k);
            split_resource(http_status, body, root, container, item)?.into_raw()
        }
        None => Err(Rejection::new(format!("no splitter for {source} {endpoint}"))),
    }
}

/// Cleans one staged record (its JSON text) into its rows: usually one; a Lufthansa leg adds
/// one row per codeshare. AirLabs `/flights`, the high-volume record, is read straight into a
/// typed record; the others through a parsed value.
pub fn clean(record: &RawValue, ctx: &RecordContext, reference: &Reference) -> Result<Vec<CleanRow>, Rejection> {
    match kind(&ctx.source, &ctx.endpoint) {
        Some(RecordKind::AirlabsFlight) => {
            Ok(vec![CleanRow::Position(Box::new(clean_airlabs_flight_json(record.get(), ctx)?))])
        }
        _ => {
            let value: Value = serde_json::from_str(record.get())
                .map_err(|e| Rejection::new(format!("malformed JSON in staging: {e}")))?;
            clean_value(&value, ctx, reference)
        }
    }
}

/// Cleans one record from a parsed value; [`clean`] gives the same rows from the record's text.
pub fn clean_value(record: &Value, ctx: &RecordContext, reference: &Reference) -> Result<Vec<CleanRow>, Rejection> {
    let Some(kind) = kind(&ctx.source, &ctx.endpoint) else {
        return Err(Rejection::new(format!("no cleaner for {} {}", ctx.source, ctx.endpoint)));
    };
    let one = |row: CleanRow| vec![row];
    Ok(match kind {
        RecordKind::LufthansaLeg(format) => {
            let leg = match format {
                LegFormat::FlightStatus => clean_flight_status(record, ctx, reference)?,
                LegFormat::CustomerFlightInformation => clean_customer_flight_information(record, ctx, reference)?,
            };
            let codeshares = leg_codeshares(format, record, &leg.key, &ctx.source);
            let mut rows = Vec::with_capacity(1 + codeshares.len());
            rows.push(CleanRow::Flight(Box::new(leg)));
            rows.extend(codeshares.into_iter().map(CleanRow::Codeshare));
            rows
        }
        RecordKind::LufthansaAirport => one(CleanRow::Airport(clean_reference_airport(record)?)),
        RecordKind::LufthansaCity => one(CleanRow::City(clean_reference_city(record)?)),
        RecordKind::LufthansaCountry => one(CleanRow::Country(clean_reference_country(record)?)),
        RecordKind::LufthansaAirline => one(CleanRow::Airline(clean_reference_airline(record)?)),
        RecordKind::LufthansaAircraft => one(CleanRow::Aircraft(clean_reference_aircraft(record)?)),
        RecordKind::AirlabsFlight => one(CleanRow::Position(Box::new(clean_airlabs_flight(record, ctx)?))),
        RecordKind::AirlabsSchedule => one(match clean_airlabs_schedule(record, ctx, reference)? {
            ScheduleRow::Leg(leg) => CleanRow::Flight(leg),
            ScheduleRow::Codeshare { leg, mkt_carrier, mkt_number } => {
                CleanRow::Codeshare(Codeshare { leg, mkt_carrier, mkt_number, source: ctx.source.clone() })
            }
        }),
        RecordKind::AirlabsAirport => one(CleanRow::Airport(clean_airlabs_airport(record, reference)?)),
        RecordKind::AirlabsAirline => one(CleanRow::Airline(clean_airlabs_airline(record)?)),
        RecordKind::OpenskyState => one(CleanRow::Position(Box::new(clean_state(record, ctx)?))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn every_endpoint_has_a_splitter_and_a_cleaner() {
        for (source, endpoint, _) in ENDPOINTS {
            let ctx = RecordContext::for_test(source, endpoint, Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
            let e = clean_value(&Value::Null, &ctx, Reference::embedded()).unwrap_err();
            assert!(!e.reason.starts_with("no cleaner"), "{source}/{endpoint}: {e}");
            let e = clean(&RawValue::from_string("null".into()).unwrap(), &ctx, Reference::embedded()).unwrap_err();
            assert!(!e.reason.starts_with("no cleaner"), "{source}/{endpoint}: {e}");
            let e = split(source, endpoint, 200, b"{}").err().map(|e| e.reason).unwrap_or_default();
            assert!(!e.starts_with("no splitter"), "{source}/{endpoint}: {e}");
        }
        assert!(split("lufthansa", "nope", 200, b"{}").unwrap_err().reason.starts_with("no splitter"));
    }

    /// Found by the `split_and_clean` fuzz target: an AirLabs `/flights` record with a key given
    /// twice was rejected from its text ("duplicate field") but cleaned from its parsed value
    /// (the last one wins), so `clean` and `clean_value` disagreed.
    #[test]
    fn fuzz_airlabs_flight_with_a_repeated_key_cleans_alike_from_text_and_value() {
        let ctx = RecordContext::for_test("airlabs", "flights", Utc.timestamp_opt(1_749_118_800, 0).unwrap());
        let reference = Reference::embedded();
        // The fuzzer's (minimized) body.
        let body = br#"{"response":{"hex":"789280","updated":1,"updated":2}}"#;
        let SplitBody::Records(r) = split("airlabs", "flights", 200, body).unwrap() else { panic!("one record") };
        let value: Value = serde_json::from_str(r[0].get()).unwrap();
        let from_text = clean(&r[0], &ctx, reference).map_err(|e| e.natural_key);
        assert_eq!(from_text, clean_value(&value, &ctx, reference).map_err(|e| e.natural_key));
        assert_eq!(from_text, Err(Some("789280".into())), "rejected for its position, not its repeated key");
        // A good record whose time is repeated: the last one counts, as in every other record.
        let raw = RawValue::from_string(
            r#"{"hex":"789280","lat":26.1,"lng":122.4,"updated":1,"updated":1749118794}"#.to_string(),
        )
        .unwrap();
        let rows = clean(&raw, &ctx, reference).unwrap();
        assert_eq!(rows, clean_value(&serde_json::from_str(raw.get()).unwrap(), &ctx, reference).unwrap());
    }

    #[test]
    fn a_lufthansa_leg_with_codeshares_is_several_rows() {
        let body = br#"{"FlightStatusResource":{"Flights":{"Flight":{
            "Departure":{"AirportCode":"FRA","ScheduledTimeUTC":{"DateTime":"2024-09-24T08:00Z"}},
            "Arrival":{"AirportCode":"YYZ"},
            "MarketingCarrier":[{"AirlineID":"AC","FlightNumber":"841"},{"AirlineID":"LH","FlightNumber":"6790"}],
            "OperatingCarrier":{"AirlineID":"AC","FlightNumber":"841"}}}}}"#;
        let SplitBody::Records(r) = split("lufthansa", "flightstatus-departures", 200, body).unwrap() else {
            panic!("one flight")
        };
        let ctx = RecordContext::for_test(
            "lufthansa",
            "flightstatus-departures",
            Utc.with_ymd_and_hms(2024, 9, 24, 8, 0, 0).unwrap(),
        );
        let keys: Vec<String> =
            clean(&r[0], &ctx, Reference::embedded()).unwrap().iter().map(CleanRow::natural_key).collect();
        assert_eq!(keys, ["AC|841|FRA|2024-09-24", "AC|841|FRA|2024-09-24+LH6790"]);
    }
}
