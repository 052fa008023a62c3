//! The demo world against the real one (issue 17, item 8): the FRA departures board the demo's
//! Lufthansa and AirLabs endpoints serve, read through the real cleaners, carries codeshares on
//! most group flights; the trunk routes shuttle; registrations carry their nationality marks;
//! no carrier flies that has ceased.

use super::carriers::{NOT_FLYING, flies, is_group};
use super::lufthansa_api::{BoardQuery, board_response};
use super::registry::register;
use super::schedule::DemoWorld;
use super::state::progress_at;
use crate::clean::dispatch::{CleanRow, clean, split};
use crate::clean::lufthansa::SplitBody;
use crate::clean::{RecordContext, as_list};
use crate::model::{Codeshare, FlightLeg};
use crate::reference::Reference;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::collections::{BTreeSet, HashMap};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 5, 0, 0).unwrap()
}

/// Every FRA departure of the day as the demo's Lufthansa endpoint pages them (four-hour windows,
/// 50 a page), split and cleaned by the real pipeline code; also the raw flight records.
fn lufthansa_fra_departures(world: &DemoWorld) -> (Vec<FlightLeg>, Vec<Codeshare>, Vec<serde_json::Value>) {
    let ctx = RecordContext::for_test("lufthansa", "flightstatus-departures", now());
    let (mut legs, mut codeshares, mut raw) = (Vec::new(), Vec::new(), Vec::new());
    for window in 0..6 {
        let from_local = day().and_hms_opt(window * 4, 0, 0).unwrap();
        for page in 0.. {
            let q = BoardQuery {
                airport: "FRA",
                departures: true,
                from_local,
                limit: 50,
                offset: page * 50,
                self_url: "https://api.lufthansa.com/v1/operations/flightstatus/departures/FRA/x",
            };
            let (status, body) = board_response(world, &q, now());
            raw.extend(as_list(body.pointer("/FlightStatusResource/Flights/Flight")).into_iter().cloned());
            let split = split("lufthansa", "flightstatus-departures", status, body.to_string().as_bytes()).unwrap();
            let SplitBody::Records(records) = split else { break };
            for record in &records {
                for row in clean(record, &ctx, Reference::embedded()).unwrap() {
                    match row {
                        CleanRow::Flight(leg) => legs.push(*leg),
                        CleanRow::Codeshare(c) => codeshares.push(c),
                        other => panic!("unexpected row {other:?}"),
                    }
                }
            }
            if records.len() < 50 {
                break;
            }
        }
    }
    (legs, codeshares, raw)
}

#[test]
fn the_fra_departures_board_shows_codeshares_on_most_group_flights() {
    let world = DemoWorld::embedded(42);
    let (legs, codeshares, raw) = lufthansa_fra_departures(&world);
    let expected = world.flights_at("FRA", true, now() - Duration::hours(6), now() + Duration::hours(30));
    assert!(legs.len() > 300, "FRA departures served over the day: {}", legs.len());
    assert!(legs.len() <= expected.len());
    let mut shared: HashMap<String, usize> = HashMap::new();
    for c in &codeshares {
        *shared.entry(c.leg.natural_key()).or_default() += 1;
    }
    let group: Vec<&FlightLeg> = legs.iter().filter(|l| is_group(&l.key.carrier)).collect();
    let with = group.iter().filter(|l| shared.contains_key(&l.key.natural_key())).count();
    let share = with as f64 / group.len() as f64;
    println!("FRA: {} group departures, {with} with codeshares ({:.0}%)", group.len(), share * 100.0);
    assert!(share > 0.5, "codeshares on {with} of {} group departures", group.len());
    // Partners' flights at Frankfurt are sold as LH four-digit numbers.
    let partner_lh = codeshares.iter().filter(|c| !is_group(&c.leg.carrier) && c.mkt_carrier == "LH").count();
    assert!(partner_lh > 0, "no LH codeshare on a partner flight");
    assert!(
        codeshares
            .iter()
            .filter(|c| c.mkt_carrier == "LH")
            .all(|c| c.mkt_number.parse::<u32>().is_ok_and(|n| (6000..=9999).contains(&n))),
        "LH codeshares are LH6xxx–LH9xxx"
    );
    // The real API's shape: one marketing carrier is an object (the operator itself), several a list.
    for f in &raw {
        match &f["MarketingCarrier"] {
            serde_json::Value::Array(list) => assert!(list.len() >= 2 && list[0] == f["OperatingCarrier"], "{f}"),
            one => assert_eq!(one, &f["OperatingCarrier"], "{f}"),
        }
    }
}

#[test]
fn airlabs_schedules_list_codeshare_rows_that_name_the_operated_flight() {
    let world = DemoWorld::embedded(42);
    let params: HashMap<String, String> = [("dep_iata".to_string(), "FRA".to_string())].into();
    let body = super::airlabs_api::schedules(&world, &params, now() + Duration::hours(4)).to_string();
    let ctx = RecordContext::for_test("airlabs", "schedules", now());
    let Ok(SplitBody::Records(records)) = split("airlabs", "schedules", 200, body.as_bytes()) else {
        panic!("no rows")
    };
    let (mut legs, mut codeshares) = (BTreeSet::new(), Vec::new());
    for r in &records {
        for row in clean(r, &ctx, Reference::embedded()).unwrap() {
            match row {
                CleanRow::Flight(l) => _ = legs.insert(l.key.natural_key()),
                CleanRow::Codeshare(c) => codeshares.push(c),
                other => panic!("{other:?}"),
            }
        }
    }
    assert!(codeshares.len() > legs.len() / 2, "{} codeshares on {} flights", codeshares.len(), legs.len());
    for c in &codeshares {
        assert!(
            legs.contains(&c.leg.natural_key()),
            "codeshare {}{} of a flight not on the board",
            c.mkt_carrier,
            c.mkt_number
        );
    }
}

#[test]
fn fra_muc_flies_several_times_a_day() {
    let world = DemoWorld::embedded(42);
    let tz = chrono_tz::Europe::Berlin;
    let from = tz.from_local_datetime(&day().and_hms_opt(0, 0, 0).unwrap()).unwrap().with_timezone(&Utc);
    for (a, b) in [("FRA", "MUC"), ("MUC", "FRA")] {
        let n = world
            .flights_at(a, true, from, from + Duration::days(1))
            .iter()
            .filter(|f| f.service.destination == b)
            .count();
        println!("{a}-{b}: {n} a day");
        assert!(n >= 5, "{a}-{b} flies {n} times a day");
    }
    let (legs, _, _) = lufthansa_fra_departures(&world);
    assert!(legs.iter().filter(|l| l.destination == "MUC").count() >= 5, "FRA–MUC on the served board");
    // The busiest destinations from FRA are the trunk routes, not Belgrade or Palma.
    let mut by_destination: HashMap<&str, usize> = HashMap::new();
    for l in &legs {
        *by_destination.entry(l.destination.as_str()).or_default() += 1;
    }
    let mut top: Vec<(&str, usize)> = by_destination.into_iter().collect();
    top.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    assert!(top.iter().take(3).any(|t| t.0 == "MUC"), "busiest from FRA: {:?}", &top[..5]);
    assert!(top.iter().take(5).all(|t| t.1 >= 5 && !["BEG", "MAD", "PMI"].contains(&t.0)), "{:?}", &top[..5]);
}

#[test]
fn registrations_carry_their_nationality_mark() {
    let world = DemoWorld::embedded(42);
    let reference = world.reference();
    let from = now();
    let mut checked = 0;
    for hub in super::HUBS {
        for f in world.flights_at(hub, true, from, from + Duration::days(1)) {
            let country = reference.airline(&f.service.carrier).and_then(|a| a.country.clone()).unwrap_or_default();
            let registration = progress_at(&world, &f, from).identity.registration;
            // A country the demo has no register for flies without a registration (unknown,
            // shown as —), never with a made-up mark.
            let Some(reg) = register(&country) else {
                assert_eq!(registration, None, "{} ({country})", f.service.carrier);
                continue;
            };
            let Some(r) = registration else { continue };
            assert!(reg.matches(&r), "{} ({country}) flies {r}", f.service.carrier);
            if country == "Germany" {
                let b = r.as_bytes();
                assert!(b.len() == 6 && r.starts_with("D-") && b[2..].iter().all(u8::is_ascii_uppercase), "{r}");
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} registrations");
    // What the board shows: the Lufthansa endpoint sends them without the dash, as the real API
    // does (`DANKV`); cleaned, they are written as registered.
    let (legs, _, raw) = lufthansa_fra_departures(&world);
    assert!(raw.iter().any(|f| f["Equipment"]["AircraftRegistration"].as_str().is_some_and(|r| !r.contains('-'))));
    let mut seen = 0;
    for l in &legs {
        let Some(r) = &l.registration else { continue };
        let country = reference.airline(&l.key.carrier).and_then(|a| a.country.clone()).unwrap_or_default();
        let reg = register(&country).expect("register");
        assert!(reg.matches(r), "{} ({country}): {r} on the board", l.key.carrier);
        assert!(r.starts_with(reg.mark()));
        seen += 1;
    }
    assert!(seen > 200, "{seen} registrations on the board");
}

#[test]
fn no_inactive_carrier_flies() {
    let world = DemoWorld::embedded(42);
    let reference = world.reference();
    let carriers: BTreeSet<&str> = world.services().iter().map(|s| s.carrier.as_str()).collect();
    for c in &carriers {
        let airline = reference.airline(c).expect("known carrier");
        assert!(airline.active, "{c} ({}) is not active in airlines.dat", airline.name);
        assert!(!NOT_FLYING.iter().any(|(x, _)| x == c), "{c} ({}) no longer flies", airline.name);
    }
    // Nor does one sell flights.
    for s in world.services() {
        for m in &s.codeshares {
            assert!(flies(reference, &m.carrier), "{} sells {}{}", m.carrier, s.carrier, s.number);
        }
    }
    // The routes name carriers that are gone: US Airways, Air Berlin, Niki, Harmony Airways.
    let hubs: BTreeSet<&str> = super::HUBS.into_iter().collect();
    let dropped: BTreeSet<&str> = Reference::embedded_routes()
        .iter()
        .filter(|r| hubs.contains(r.origin.as_str()) || hubs.contains(r.destination.as_str()))
        .filter(|r| reference.airline(&r.airline).is_some() && !flies(reference, &r.airline))
        .map(|r| r.airline.as_str())
        .collect();
    println!("{} carriers of the hubs' routes dropped: {dropped:?}", dropped.len());
    for gone in ["US", "AB", "HG", "HQ"] {
        assert!(dropped.contains(gone) && !carriers.contains(gone), "{gone}");
    }
    assert!(carriers.contains("AZ"), "ITA Airways flies as AZ");
}

#[test]
fn a_codeshare_number_finds_the_operated_flight() {
    let world = DemoWorld::embedded(42);
    let s =
        world.services().iter().find(|s| s.origin == "FRA" && s.codeshares.len() >= 2).expect("a codeshared flight");
    let m = &s.codeshares[1];
    let (status, body) = super::lufthansa_api::flight_number_response(
        &world,
        &format!("{}{}", m.carrier, m.number),
        day(),
        "https://api.lufthansa.com/v1/operations/flightstatus/x/2026-11-27",
        now(),
    );
    assert_eq!(status, 200);
    let f = &body["FlightStatusResource"]["Flights"]["Flight"];
    assert_eq!(f["OperatingCarrier"]["FlightNumber"], s.number.as_str());
    assert_eq!(f["MarketingCarrier"][2]["FlightNumber"], m.number.as_str());
    assert_eq!(
        super::lufthansa_api::flight_number_response(&world, "€1", day(), "x", now()).0,
        404,
        "no panic on a split character"
    );
}
