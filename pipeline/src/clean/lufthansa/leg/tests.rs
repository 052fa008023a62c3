use super::*;
use crate::clean::lufthansa::{SplitBody, split_flight_status};
use crate::model::FlightStatus;
use chrono::TimeZone;
use serde_json::json;

const DOCUMENTED: &str = include_str!("../../../../tests/fixtures/lufthansa/departures_fra_documented.json");

fn ctx() -> RecordContext {
    RecordContext {
        source: "lufthansa".into(),
        endpoint: "flightstatus-departures".into(),
        lake_key: "raw/lufthansa/flightstatus-departures/dt=2024-09-24/hour=08/b1.json.gz".into(),
        fetched_at: Utc.with_ymd_and_hms(2024, 9, 24, 8, 30, 0).unwrap(),
    }
}

fn records() -> Vec<Value> {
    match split_flight_status(200, DOCUMENTED.as_bytes()).unwrap() {
        SplitBody::Records(r) => r,
        SplitBody::Empty => panic!("documented payload has flights"),
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn documented_departure_with_actual_and_estimate() {
    let leg = clean_flight_status(&records()[0], &ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.key.natural_key(), "AC|841|FRA|2024-09-24");
    assert_eq!(leg.destination, "YYZ");
    assert_eq!(leg.sched_dep, utc("2024-09-24T08:00:00Z"));
    assert_eq!(leg.act_dep, Some(utc("2024-09-24T08:17:00Z")));
    assert_eq!(leg.est_dep, None);
    assert_eq!(leg.sched_arr, Some(utc("2024-09-24T16:50:00Z")));
    assert_eq!(leg.est_arr, Some(utc("2024-09-24T17:07:00Z")));
    assert_eq!(leg.act_arr, None);
    assert_eq!((leg.dep_terminal.as_deref(), leg.dep_gate.as_deref()), (Some("1"), Some("B44")));
    assert_eq!((leg.arr_terminal.as_deref(), leg.arr_gate.as_deref()), (Some("1"), None));
    assert_eq!(leg.status, FlightStatus::Departed);
    assert_eq!(leg.source_status.as_deref(), Some("DP/DL/DL"));
    assert_eq!(leg.aircraft_type.as_deref(), Some("333"));
    assert_eq!(leg.registration.as_deref(), Some("C-GEGC"), "Lufthansa drops the dash; it goes back");
    assert_eq!(leg.observed_at, ctx().fetched_at);
}

#[test]
fn documented_cancelled_flight_has_no_invented_times() {
    let leg = clean_flight_status(&records()[1], &ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.status, FlightStatus::Cancelled);
    assert_eq!((leg.est_dep, leg.act_dep, leg.est_arr, leg.act_arr), (None, None, None, None));
    assert_eq!(leg.registration, None);
    assert_eq!(leg.arr_terminal, None);
}

#[test]
fn local_only_times_use_the_airport_zone() {
    let r = json!({
        "Departure": {"AirportCode": "FRA", "ScheduledTimeLocal": {"DateTime": "2026-10-25T23:30"}},
        "Arrival": {"AirportCode": "JFK", "ScheduledTimeLocal": {"DateTime": "2026-10-26T02:10"}},
        "OperatingCarrier": {"AirlineID": "LH", "FlightNumber": 400}
    });
    let leg = clean_flight_status(&r, &ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.sched_dep, utc("2026-10-25T22:30:00Z"));
    assert_eq!(leg.key.dep_local_date.to_string(), "2026-10-25");
    // New York is still on EDT (-4) on 26 October.
    assert_eq!(leg.sched_arr, Some(utc("2026-10-26T06:10:00Z")));
    assert_eq!(leg.key.number, "400");
}

#[test]
fn overnight_flight_keeps_its_departure_date() {
    // FRA 23:55 local on the 24th is 21:55Z; the local date is the key, not the UTC date.
    let r = json!({
        "Departure": {"AirportCode": "FRA", "ScheduledTimeLocal": {"DateTime": "2024-09-25T00:30"}, "ScheduledTimeUTC": {"DateTime": "2024-09-24T22:30Z"}},
        "Arrival": {"AirportCode": "SIN", "ScheduledTimeUTC": {"DateTime": "2024-09-25T10:40Z"}},
        "OperatingCarrier": {"AirlineID": "SQ", "FlightNumber": "0025"}
    });
    let leg = clean_flight_status(&r, &ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.key.natural_key(), "SQ|25|FRA|2024-09-25");
}

#[test]
fn quirks_numbers_as_numbers_and_text_nodes() {
    let r = json!({
        "Departure": {"AirportCode": {"$": "MUC"}, "ScheduledTimeUTC": {"DateTime": "2024-09-24T05:00Z"}, "Terminal": {"Name": 2.0, "Gate": "K03"}},
        "Arrival": {"AirportCode": "NCE"},
        "MarketingCarrier": [{"AirlineID": "LH", "FlightNumber": "02271"}, {"AirlineID": "AC", "FlightNumber": "9401"}],
        "FlightStatus": {"Definition": "No status"}
    });
    let leg = clean_flight_status(&r, &ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.key.natural_key(), "LH|2271|MUC|2024-09-24");
    assert_eq!(leg.dep_terminal.as_deref(), Some("2"));
    assert_eq!(leg.status, FlightStatus::Scheduled);
    let cs = leg_codeshares(LegFormat::FlightStatus, &r, &leg.key, "lufthansa");
    let cs: Vec<String> = cs.iter().map(|c| format!("{}{}", c.mkt_carrier, c.mkt_number)).collect();
    assert_eq!(cs, ["AC9401"], "the first marketing entry is the leg itself");
}

#[test]
fn rejections_say_why() {
    let cases = [
        (json!("invalid request"), "not an object"),
        (json!({"Departure": {"AirportCode": "FRA"}}), "carrier"),
        (json!({"OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "LH4"}}), "flight number"),
        (
            json!({"OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "4"}, "Departure": {"AirportCode": "F\u{1b}A"}}),
            "departure airport",
        ),
        (
            json!({"OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "4"}, "Departure": {"AirportCode": "FRA"}, "Arrival": {"AirportCode": "JFK"}}),
            "scheduled departure",
        ),
        (
            json!({"OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "4"}, "Departure": {"AirportCode": "ZZZ", "ScheduledTimeLocal": {"DateTime": "00:01"}}, "Arrival": {"AirportCode": "JFK"}}),
            "scheduled departure",
        ),
        (
            json!({"OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "4"}, "Departure": {"AirportCode": "QQQ", "ScheduledTimeUTC": {"DateTime": "2024-01-01T10:00Z"}}, "Arrival": {"AirportCode": "JFK"}}),
            "time zone",
        ),
    ];
    for (record, why) in cases {
        let err = clean_flight_status(&record, &ctx(), Reference::embedded()).unwrap_err();
        assert!(err.reason.contains(why), "{record}: {} (wanted {why})", err.reason);
    }
}

#[test]
fn hostile_text_is_stripped() {
    let r = json!({
        "Departure": {"AirportCode": "FRA", "ScheduledTimeUTC": {"DateTime": "2024-09-24T05:00Z"}, "Terminal": {"Gate": "A1\u{1b}]0;owned\u{7}"}},
        "Arrival": {"AirportCode": "JFK"},
        "OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "400"},
        "Equipment": {"AircraftRegistration": "\u{1b}[2JDAIXB"}
    });
    let leg = clean_flight_status(&r, &ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.dep_gate.as_deref(), Some("A1"));
    assert_eq!(leg.registration.as_deref(), Some("D-AIXB"));
}

#[test]
fn cleaning_is_idempotent() {
    for r in records() {
        let a = clean_flight_status(&r, &ctx(), Reference::embedded());
        let b = clean_flight_status(&r, &ctx(), Reference::embedded());
        assert_eq!(a, b);
    }
}

#[test]
fn across_the_date_line_arrival_local_time_is_earlier_but_the_instant_later() {
    // AKL 19:30 NZDT (+13) on 10 March is 06:30Z; HNL (-10, no DST) 05:15 the same date is 15:15Z.
    let r = json!({
        "Departure": {"AirportCode": "AKL", "ScheduledTimeLocal": {"DateTime": "2026-03-10T19:30"}},
        "Arrival": {"AirportCode": "HNL", "ScheduledTimeLocal": {"DateTime": "2026-03-10T05:15"}},
        "OperatingCarrier": {"AirlineID": "NZ", "FlightNumber": "10"}
    });
    let leg = clean_flight_status(&r, &ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.sched_dep, utc("2026-03-10T06:30:00Z"));
    assert_eq!(leg.sched_arr, Some(utc("2026-03-10T15:15:00Z")));
    assert!(leg.sched_arr.unwrap() > leg.sched_dep);
    assert_eq!(leg.key.natural_key(), "NZ|10|AKL|2026-03-10");
}

/// The real 2022 customer-flight-information answer for LH717 (apis.md §1.6 b): `Flight` is one
/// object, times are local `Date` + `Time` only, one codeshare as an object.
const CFI_LH717: &str = include_str!("../../../../tests/fixtures/lufthansa/customerflightinformation_lh717.json");

fn cfi_ctx() -> RecordContext {
    RecordContext { endpoint: "customerflightinformation-flight".into(), ..ctx() }
}

#[test]
fn customer_flight_information_local_times_and_codeshare() {
    let SplitBody::Records(records) =
        crate::clean::lufthansa::split_resource(200, CFI_LH717.as_bytes(), "FlightInformation", "Flights", "Flight")
            .unwrap()
    else {
        panic!("one record")
    };
    assert_eq!(records.len(), 1);
    let leg = clean_customer_flight_information(&records[0], &cfi_ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.key.natural_key(), "LH|717|HND|2022-07-29");
    assert_eq!(leg.destination, "FRA");
    // HND is UTC+9 all year; FRA is CEST (+2) in July.
    assert_eq!(leg.sched_dep, utc("2022-07-29T02:35:00Z"));
    assert_eq!(leg.act_dep, Some(utc("2022-07-29T03:27:00Z")));
    assert_eq!(leg.sched_arr, Some(utc("2022-07-29T17:15:00Z")));
    assert_eq!(leg.est_arr, Some(utc("2022-07-29T17:53:00Z")));
    assert_eq!(leg.act_arr, Some(utc("2022-07-29T17:53:00Z")));
    assert_eq!((leg.dep_terminal.as_deref(), leg.dep_gate.as_deref()), (Some("3"), Some("107B")));
    assert_eq!(leg.status, FlightStatus::Landed, "DL is timeliness; the actual arrival says landed");
    assert_eq!(leg.source_status.as_deref(), Some("DL/DP/DL"));
    assert_eq!(leg.aircraft_type.as_deref(), Some("74H"));
    assert_eq!(leg.dep_delay_minutes(), Some(52));
    let cs = leg_codeshares(LegFormat::CustomerFlightInformation, &records[0], &leg.key, "lufthansa");
    assert_eq!(cs.len(), 1);
    assert_eq!((cs[0].mkt_carrier.as_str(), cs[0].mkt_number.as_str()), ("NH", "5853"));
}

#[test]
fn customer_flight_information_without_operating_carrier_and_with_a_codeshare_list() {
    let r = json!({
        "Departure": {"AirportCode": "FRA", "Scheduled": {"Date": "2026-10-25", "Time": "23:30"}, "Status": {"Code": "OT"}},
        "Arrival": {"AirportCode": "JFK", "Scheduled": {"Date": "2026-10-26", "Time": "02:10"}},
        "MarketingCarrierList": {"MarketingCarrier": [
            {"AirlineID": "LH", "FlightNumber": "400"}, {"AirlineID": "UA", "FlightNumber": "08840"}, {"AirlineID": "AC", "FlightNumber": 9000}]},
        "Status": {"Code": "CD", "Description": "Flight Cancelled"}
    });
    let leg = clean_customer_flight_information(&r, &cfi_ctx(), Reference::embedded()).unwrap();
    assert_eq!(leg.key.natural_key(), "LH|400|FRA|2026-10-25");
    assert_eq!(leg.sched_dep, utc("2026-10-25T22:30:00Z"), "23:30 on the last Sunday of October is CET (+1)");
    assert_eq!(leg.sched_arr, Some(utc("2026-10-26T06:10:00Z")));
    assert_eq!(leg.status, FlightStatus::Cancelled);
    assert_eq!(leg.act_dep, None, "no sentinel for what is not known");
    let cs = leg_codeshares(LegFormat::CustomerFlightInformation, &r, &leg.key, "lufthansa");
    let cs: Vec<String> = cs.iter().map(|c| format!("{}{}", c.mkt_carrier, c.mkt_number)).collect();
    assert_eq!(cs, ["UA8840", "AC9000"]);
}

#[test]
fn customer_flight_information_rejections() {
    for (r, why) in [
        (json!("invalid request"), "not an object"),
        (
            json!({"Departure": {"AirportCode": "HND"}, "Arrival": {"AirportCode": "FRA"}, "OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "717"}}),
            "scheduled departure",
        ),
        (
            json!({"Departure": {"AirportCode": "QQQ", "Scheduled": {"Date": "2022-07-29", "Time": "11:35"}}, "Arrival": {"AirportCode": "FRA"},
               "OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "717"}}),
            "unknown location QQQ: no time zone",
        ),
        (
            json!({"Departure": {"AirportCode": "HND", "Scheduled": {"Date": "1900-01-01", "Time": "25:61"}}, "Arrival": {"AirportCode": "FRA"},
               "OperatingCarrier": {"AirlineID": "LH", "FlightNumber": "717"}}),
            "scheduled departure",
        ),
    ] {
        let e = clean_customer_flight_information(&r, &cfi_ctx(), Reference::embedded()).unwrap_err();
        assert!(e.reason.contains(why), "{r}: {}", e.reason);
    }
}
