//! The cleaners against fixtures written by us in the shapes and quirks of real recorded answers
//! (`tests/fixtures/real_shapes/README.md` says which quirk each carries and where it was seen):
//! one test per drifted type of issue 17 item 7, through the same split and clean the pipeline
//! runs. `tests/ingest_real_shapes.rs` at the workspace root runs the same files through
//! `skyboard ingest-file`.

use chrono::{DateTime, TimeZone, Utc};
use pipeline::clean::dispatch::{self, CleanRow};
use pipeline::clean::lufthansa::SplitBody;
use pipeline::clean::{RecordContext, Rejection};
use pipeline::model::{Airport, FlightLeg, Position};
use pipeline::reference::Reference;

mod support;

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/real_shapes/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// Every record's rows, and the rejections, of one fixture.
fn clean(
    source: &str,
    endpoint: &str,
    path: &str,
    fetched_at: i64,
    reference: &Reference,
) -> (Vec<CleanRow>, Vec<Rejection>) {
    let ctx = RecordContext {
        source: source.into(),
        endpoint: endpoint.into(),
        lake_key: format!("raw/{path}"),
        fetched_at: Utc.timestamp_opt(fetched_at, 0).unwrap(),
    };
    let records = match dispatch::split(source, endpoint, 200, &fixture(path)) {
        Ok(SplitBody::Records(r)) => r,
        Ok(SplitBody::Empty) => Vec::new(),
        Err(e) => return (Vec::new(), vec![e]),
    };
    let (mut rows, mut rejections) = (Vec::new(), Vec::new());
    for r in &records {
        match dispatch::clean(r, &ctx, reference) {
            Ok(mut more) => rows.append(&mut more),
            Err(e) => rejections.push(e),
        }
    }
    (rows, rejections)
}

fn legs(rows: &[CleanRow]) -> Vec<&FlightLeg> {
    rows.iter().filter_map(|r| if let CleanRow::Flight(f) = r { Some(&**f) } else { None }).collect()
}

fn codeshares(rows: &[CleanRow]) -> Vec<String> {
    let mut out: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            if let CleanRow::Codeshare(c) = r { Some(format!("{}{}", c.mkt_carrier, c.mkt_number)) } else { None }
        })
        .collect();
    out.sort();
    out
}

fn positions(rows: &[CleanRow]) -> Vec<&Position> {
    rows.iter().filter_map(|r| if let CleanRow::Position(p) = r { Some(&**p) } else { None }).collect()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn reasons(rejections: &[Rejection]) -> Vec<&str> {
    let mut r: Vec<&str> = rejections.iter().map(|r| r.reason.as_str()).collect();
    r.sort();
    r
}

const LH_2017: i64 = 1_505_368_800; // 2017-09-14T06:00Z
const LH_2024: i64 = 1_727_157_600; // 2024-09-24T06:00Z
const LH_2025: i64 = 1_742_277_600; // 2025-03-18T06:00Z
const AIRLABS: i64 = 1_758_700_800; // 2025-09-24T08:00Z

/// Older answers: `Flight` one object, `FlightNumber` 106 and `AircraftCode` 321 as numbers,
/// `Terminal.Name` a number, `Meta.Link` one object, `\/` escapes.
#[test]
fn lufthansa_numbers_as_numbers_and_one_flight_as_an_object() {
    let (rows, rejected) = clean(
        "lufthansa",
        "flightstatus-departures",
        "lufthansa/flightstatus_flight_object_old.json",
        LH_2017,
        Reference::embedded(),
    );
    assert!(rejected.is_empty(), "{rejected:?}");
    let [leg] = legs(&rows)[..] else { panic!("one leg: {rows:?}") };
    assert_eq!((leg.key.carrier.as_str(), leg.key.number.as_str(), leg.key.origin.as_str()), ("LH", "106", "FRA"));
    assert_eq!(leg.destination, "MUC");
    assert_eq!(leg.sched_dep, utc("2017-09-14T05:15:00Z"));
    assert_eq!(leg.act_dep, Some(utc("2017-09-14T05:31:00Z")));
    assert_eq!(leg.est_arr, Some(utc("2017-09-14T06:22:00Z")));
    assert_eq!(leg.aircraft_type.as_deref(), Some("321"), "a number read as the type's text");
    assert_eq!(leg.dep_terminal.as_deref(), Some("1"), "a numeric terminal read as text");
}

/// Newer answers: `Flight` a one-element list, `MarketingCarrier` a list, "017" and "02061"
/// zero-padded, `AircraftCode` "32A", `AircraftRegistration` present.
#[test]
fn lufthansa_zero_padded_numbers_codeshare_lists_and_registrations() {
    let (rows, rejected) = clean(
        "lufthansa",
        "flightstatus-departures",
        "lufthansa/flightstatus_flight_list_new.json",
        LH_2025,
        Reference::embedded(),
    );
    assert!(rejected.is_empty(), "{rejected:?}");
    let [leg] = legs(&rows)[..] else { panic!("one leg: {rows:?}") };
    assert_eq!((leg.key.carrier.as_str(), leg.key.number.as_str()), ("LH", "17"), "\"017\" is flight 17");
    assert_eq!(leg.sched_dep, utc("2025-03-18T05:00:00Z"));
    assert_eq!(leg.est_dep, Some(utc("2025-03-18T05:12:00Z")));
    assert_eq!(leg.aircraft_type.as_deref(), Some("32A"));
    assert_eq!(leg.registration.as_deref(), Some("D-AIUW"), "the nationality mark's dash, which Lufthansa leaves out");
    assert_eq!(codeshares(&rows), ["AC9487", "SQ2061", "UA9071"], "the flight's own number is no codeshare");
}

/// `MarketingCarrier` absent: the leg stands on its operating carrier; a record without any
/// carrier is rejected for that.
#[test]
fn lufthansa_marketing_carrier_absent() {
    let (rows, rejected) = clean(
        "lufthansa",
        "flightstatus-departures",
        "lufthansa/flightstatus_no_marketing_carrier.json",
        LH_2024,
        Reference::embedded(),
    );
    let [leg] = legs(&rows)[..] else { panic!("one leg: {rows:?}") };
    assert_eq!(format!("{}{}", leg.key.carrier, leg.key.number), "EN8834");
    assert!(codeshares(&rows).is_empty());
    assert_eq!(reasons(&rejected), ["missing or invalid carrier code"]);
}

/// Customer flight information: `Date` + `Time` local only, `MarketingCarrierList` a list or one
/// object, `Terminal.Name` text, arrival the next day at EZE (UTC−3).
#[test]
fn lufthansa_customer_flight_information_lists_and_objects() {
    let (rows, rejected) = clean(
        "lufthansa",
        "customerflightinformation-departures",
        "lufthansa/customerflightinformation_marketing_list.json",
        LH_2025,
        Reference::embedded(),
    );
    assert!(rejected.is_empty(), "{rejected:?}");
    let [leg] = legs(&rows)[..] else { panic!("one leg") };
    assert_eq!((leg.sched_dep, leg.sched_arr), (utc("2025-03-18T20:50:00Z"), Some(utc("2025-03-19T10:15:00Z"))));
    assert_eq!(leg.act_arr, Some(utc("2025-03-19T10:02:00Z")));
    assert_eq!(leg.arr_terminal.as_deref(), Some("A"));
    assert_eq!(codeshares(&rows), ["AR7511", "LA5893", "UA9164"]);

    let (rows, _) = clean(
        "lufthansa",
        "customerflightinformation-arrivals",
        "lufthansa/customerflightinformation_marketing_object.json",
        LH_2025,
        Reference::embedded(),
    );
    let [leg] = legs(&rows)[..] else { panic!("one leg") };
    assert_eq!((leg.key.origin.as_str(), leg.destination.as_str()), ("ICN", "MUC"));
    assert_eq!(codeshares(&rows), ["OZ6773"], "one object is one codeshare");
    assert_eq!(leg.arr_terminal, None);

    let (rows, _) = clean(
        "lufthansa",
        "customerflightinformation-flight",
        "lufthansa/customerflightinformation_multi_leg.json",
        LH_2025,
        Reference::embedded(),
    );
    let origins: Vec<&str> = legs(&rows).iter().map(|l| l.key.origin.as_str()).collect();
    assert_eq!(origins, ["PVG", "ICN"], "a list of legs of one flight number");
}

/// `UtcOffset` 1, 9.5, "+01:00" and "2.0" (stale): only `TimeZoneId` counts; a 14-language name
/// list with Cyrillic, Hangul and Han gives the English name; coordinates as strings.
#[test]
fn lufthansa_reference_airports_offsets_and_languages() {
    let (rows, rejected) = clean(
        "lufthansa",
        "references-airports",
        "lufthansa/references_airports_utcoffset_variants.json",
        LH_2025,
        Reference::embedded(),
    );
    assert!(rejected.is_empty(), "{rejected:?}");
    let airports: Vec<&Airport> =
        rows.iter().filter_map(|r| if let CleanRow::Airport(a) = r { Some(a) } else { None }).collect();
    assert_eq!(airports.len(), 6);
    let by = |code: &str| airports.iter().find(|a| a.code() == code).copied().unwrap_or_else(|| panic!("{code}"));
    assert_eq!(by("MUC").name, "Munich International", "the English name, not the first");
    assert_eq!(by("ADL").tz, chrono_tz::Australia::Adelaide, "9.5 h offset: the zone, not the number");
    assert_eq!(by("QFB").tz, chrono_tz::Europe::Berlin);
    assert_eq!(by("ZRH").lat, 47.4647, "a coordinate given as a string");
}

/// Lufthansa Express Rail: legs from stations. QKL and QDU are in the shipped places; QFB only in
/// what Lufthansa's own reference list says; ZVR nowhere, and its leg says so.
#[test]
fn lufthansa_rail_legs_use_every_reference_and_name_what_is_missing() {
    let embedded = Reference::embedded();
    let (rows, rejected) =
        clean("lufthansa", "flightstatus-departures", "lufthansa/flightstatus_rail_leg.json", LH_2024, embedded);
    let times: Vec<(String, DateTime<Utc>, Option<DateTime<Utc>>)> =
        legs(&rows).iter().map(|l| (format!("{}>{}", l.key.origin, l.destination), l.sched_dep, l.sched_arr)).collect();
    assert_eq!(
        times,
        [
            ("QKL>FRA".to_string(), utc("2024-09-24T04:04:00Z"), Some(utc("2024-09-24T05:06:00Z"))),
            ("FRA>QDU".to_string(), utc("2024-09-24T06:09:00Z"), Some(utc("2024-09-24T07:34:00Z"))),
        ]
    );
    assert_eq!(
        reasons(&rejected),
        [
            "unknown location QFB: no time zone in the reference data",
            "unknown location ZVR: no time zone in the reference data"
        ]
    );

    // The pipeline fetched Lufthansa's airports: QFB's zone comes from there.
    let (refs, _) = clean(
        "lufthansa",
        "references-airports",
        "lufthansa/references_airports_utcoffset_variants.json",
        LH_2024,
        embedded,
    );
    let fetched = refs.into_iter().filter_map(|r| if let CleanRow::Airport(a) = r { Some(a) } else { None });
    let with_fetched = Reference::with_fetched(embedded, fetched);
    let (rows, rejected) =
        clean("lufthansa", "flightstatus-departures", "lufthansa/flightstatus_rail_leg.json", LH_2024, &with_fetched);
    let qfb = legs(&rows).into_iter().find(|l| l.key.origin == "QFB").expect("the QFB leg");
    assert_eq!((qfb.sched_dep, qfb.sched_arr), (utc("2024-09-24T03:49:00Z"), Some(utc("2024-09-24T05:53:00Z"))));
    assert_eq!(reasons(&rejected), ["unknown location ZVR: no time zone in the reference data"]);
}

/// Gateway and processing errors are rejections in the API's words; a 404 "not found" is empty.
#[test]
fn lufthansa_error_bodies() {
    let body = fixture("lufthansa/error_gateway.json");
    let e = dispatch::split("lufthansa", "flightstatus-departures", 403, &body).unwrap_err();
    assert!(e.reason.contains("Account Over Queries Per Second Limit"), "{}", e.reason);
    let body = fixture("lufthansa/processing_errors_404.json");
    assert!(matches!(dispatch::split("lufthansa", "flightstatus-departures", 404, &body), Ok(SplitBody::Empty)));
    let body = fixture("lufthansa/processing_errors_400_string_code.json");
    let e = dispatch::split("lufthansa", "flightstatus-departures", 400, &body).unwrap_err();
    assert!(e.reason.contains("Invalid date"), "{}", e.reason);
}

/// AirLabs keys left out rather than null, negative `alt`, `flag` "UK", no `v_speed`/`squawk`,
/// and callsigns without `flight_iata`: a flight number only from the record's own fields.
#[test]
fn airlabs_optional_keys_and_flight_numbers_from_the_record_only() {
    let (rows, rejected) =
        clean("airlabs", "flights", "airlabs/flights_optional_keys_missing.json", AIRLABS, Reference::embedded());
    assert_eq!(reasons(&rejected), ["3c6dd4: no valid latitude"]);
    let ps = positions(&rows);
    assert_eq!(ps.len(), 9);
    let by_callsign = |cs: &str| ps.iter().find(|p| p.callsign.as_deref() == Some(cs)).copied();
    for cs in ["CAP342", "RCH635", "VJT711"] {
        let p = by_callsign(cs).unwrap_or_else(|| panic!("{cs} kept as a callsign"));
        assert_eq!(p.flight_iata, None, "{cs}: no flight number from an airline table");
    }
    let mut numbers: Vec<&str> = ps.iter().filter_map(|p| p.flight_iata.as_deref()).collect();
    numbers.sort();
    assert_eq!(
        numbers,
        ["EW9461", "KL1774", "LA8070", "LH1136", "U28471"],
        "flight_iata, else airline_iata + flight_number"
    );
    let rolling = ps.iter().find(|p| p.icao24 == "485f37").expect("485f37");
    assert_eq!((rolling.altitude_m, rolling.on_ground), (Some(-3.0), Some(true)), "negative alt kept");
    let quiet = ps.iter().find(|p| p.icao24 == "440da1").expect("440da1");
    assert_eq!((quiet.vertical_rate_ms, quiet.squawk.as_deref()), (None, None));
    assert!(ps.iter().all(|p| p.icao24.chars().all(|c| !c.is_ascii_uppercase())), "hex lower-cased");
}

/// The record list saved alone (the original project's form) is records; an indexed object is
/// named; `/flight`'s one-object answer is one record.
#[test]
fn airlabs_saved_shapes() {
    let (rows, rejected) =
        clean("airlabs", "flights", "airlabs/flights_bare_list.json", AIRLABS, Reference::embedded());
    assert_eq!((positions(&rows).len(), rejected.len()), (3, 0));
    let (rows, rejected) =
        clean("airlabs", "flights", "airlabs/flights_indexed_object.json", AIRLABS, Reference::embedded());
    assert!(rows.is_empty());
    assert!(reasons(&rejected)[0].starts_with("an object keyed \"0\"…\"1\""), "{rejected:?}");
    let (rows, rejected) =
        clean("airlabs", "flights", "airlabs/flight_single_object.json", AIRLABS, Reference::embedded());
    assert_eq!((positions(&rows).len(), rejected.len()), (1, 0));
    assert_eq!(positions(&rows)[0].flight_iata.as_deref(), Some("LH504"));
    let (_, rejected) = clean("airlabs", "flights", "airlabs/error_envelope.json", AIRLABS, Reference::embedded());
    assert_eq!(
        reasons(&rejected),
        ["AirLabs error month_limit_exceeded: Monthly request limit reached for this API key"]
    );
}

/// An `/airlines` answer where most operators have only an ICAO code keeps at least 95% of them:
/// rejected are only those with no code at all or no name.
#[test]
fn airlabs_airlines_with_only_an_icao_code_are_kept() {
    let (rows, rejected) =
        clean("airlabs", "airlines", "airlabs/airlines_mostly_icao_only.json", AIRLABS, Reference::embedded());
    let kept = rows.iter().filter(|r| matches!(r, CleanRow::Airline(_))).count();
    let total = kept + rejected.len();
    assert_eq!(total, 60);
    assert!(kept * 100 >= total * 95, "{kept} of {total} kept");
    assert_eq!(reasons(&rejected), ["XYZ: no name", "no iata_code and no icao_code", "no iata_code and no icao_code"]);
    let codes: Vec<&str> =
        rows.iter().filter_map(|r| if let CleanRow::Airline(a) = r { Some(a.code()) } else { None }).collect();
    assert!(codes.contains(&"GEC") || codes.contains(&"LH"), "{codes:?}");
    let icao_only = rows.iter().filter(|r| matches!(r, CleanRow::Airline(a) if a.iata.is_none())).count();
    assert!(icao_only >= 45, "{icao_only} ICAO-only operators kept");
}

/// `/airports` entries with only an ICAO code are kept, zones from `timezone` or the assets.
#[test]
fn airlabs_airports_with_only_an_icao_code_are_kept() {
    let (rows, rejected) =
        clean("airlabs", "airports", "airlabs/airports_icao_only.json", AIRLABS, Reference::embedded());
    let airports: Vec<&Airport> =
        rows.iter().filter_map(|r| if let CleanRow::Airport(a) = r { Some(a) } else { None }).collect();
    let mut codes: Vec<&str> = airports.iter().map(|a| a.code()).collect();
    codes.sort();
    assert!(codes.contains(&"EDFE") && codes.contains(&"EDFZ"), "{codes:?}");
    assert!(airports.iter().filter(|a| a.iata.is_none()).count() >= 3, "{codes:?}");
    assert_eq!(rejected.len(), 8 - airports.len());
    assert!(rejected.iter().any(|r| r.reason.contains("EDZK") && r.reason.contains("no time zone")), "{rejected:?}");
}

/// OpenSky: the 13-field state vectors of the early API beside today's 17 and 18 fields,
/// callsigns padded with spaces or empty or null, integer altitudes, null positions.
#[test]
fn opensky_state_vector_lengths_and_callsigns() {
    let (rows, rejected) =
        clean("opensky", "states-all", "opensky/states_2017_13_fields.json", 1_487_066_400, Reference::embedded());
    assert_eq!((positions(&rows).len(), reasons(&rejected)), (2, vec!["3c4dc4: no valid latitude"]));
    let (rows, rejected) =
        clean("opensky", "states-all", "opensky/states_18_fields.json", 1_643_647_800, Reference::embedded());
    assert_eq!((positions(&rows).len(), rejected.len()), (3, 0));
    let (rows, rejected) = clean(
        "opensky",
        "states-all",
        "opensky/states_padded_and_empty_callsigns.json",
        AIRLABS,
        Reference::embedded(),
    );
    assert_eq!((positions(&rows).len(), rejected.len()), (4, 1));
    let callsigns: Vec<Option<&str>> = positions(&rows).iter().map(|p| p.callsign.as_deref()).collect();
    assert!(callsigns.contains(&Some("DLH4AB")), "padding trimmed: {callsigns:?}");
    assert_eq!(callsigns.iter().filter(|c| c.is_none()).count(), 2, "empty and null callsigns are none: {callsigns:?}");
    assert!(positions(&rows).iter().all(|p| p.flight_iata.is_none()), "a callsign names no flight by itself");
    assert!(positions(&rows).iter().any(|p| p.altitude_m.is_some_and(|a| a.fract() == 0.0)), "integer altitudes");
    let (rows, rejected) = clean("opensky", "states-all", "opensky/states_null.json", AIRLABS, Reference::embedded());
    assert!(rows.is_empty() && rejected.is_empty(), "states: null holds nothing");
}

/// The pipeline's own path: Lufthansa's airport list and the rail legs staged together and
/// cleaned in one chunk; the leg from QFB (a station the assets know without a zone) is read
/// with the zone the list gives, before the list reaches the warehouse.
#[tokio::test]
async fn a_fetched_zone_serves_the_legs_of_the_same_chunk() {
    use pipeline::model::{RawResponse, Source, fetch_time};
    use pipeline::runner::{Pipeline, PipelineSettings};
    let dir = tempfile::tempdir().unwrap();
    let (stores, warehouse) = support::embedded_stores(dir.path()).await;
    stores.lake.prepare().await.unwrap();
    let clock = support::fixed_clock();
    let p = Pipeline::new(stores, None, Reference::embedded(), clock.clone(), PipelineSettings::default());
    p.prepare().await.unwrap();
    let raw = |endpoint: &str, path: &str| RawResponse {
        source: Source::Lufthansa,
        endpoint: endpoint.into(),
        url: format!("file:///{path}"),
        http_status: 200,
        fetched_at: fetch_time(Utc.timestamp_opt(LH_2024, 0).unwrap()),
        body: fixture(path),
    };
    let now = Utc.timestamp_opt(LH_2024, 0).unwrap();
    p.ingest(&raw("references-airports", "lufthansa/references_airports_utcoffset_variants.json"), now).await;
    p.ingest(&raw("flightstatus-departures", "lufthansa/flightstatus_rail_leg.json"), now).await;
    let report = p.clean_staged().await;
    assert!(report.store_errors.is_empty(), "{:?}", report.store_errors);
    use pipeline::warehouse::Warehouse;
    let legs = warehouse.export_flights(None).await.unwrap();
    let qfb = legs.iter().find(|l| l.key.origin == "QFB").expect("the QFB leg, with the zone Lufthansa gave");
    assert_eq!(qfb.sched_dep, utc("2024-09-24T03:49:00Z"));
    assert_eq!(legs.len(), 3, "QKL, QDU and QFB; ZVR is rejected");
}
