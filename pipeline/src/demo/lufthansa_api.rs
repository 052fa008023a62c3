//! The Lufthansa Open API flight-status format, as documented (developer.lufthansa.com, "Flight
//! Status Response"): `…TimeLocal` / `…TimeUTC` blocks, `TimeStatus`, `FlightStatus`, a single
//! object where one flight is returned, 404 with `ProcessingErrors` for an empty window.

use super::schedule::{DemoWorld, FlightInstance, Service};
use super::state::{Phase, progress_at};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

pub const DEMO_TOKEN_LIFETIME_SECS: u64 = 21_600;
/// The real API answers at most 50 flights a page, whatever `limit` asks for.
const MAX_PAGE: usize = 50;

pub struct BoardQuery<'a> {
    pub airport: &'a str,
    pub departures: bool,
    pub from_local: NaiveDateTime,
    pub limit: usize,
    pub offset: usize,
    pub self_url: &'a str,
}

/// The HTTP status and body for a departures/arrivals request.
pub fn board_response(world: &DemoWorld, q: &BoardQuery<'_>, now: DateTime<Utc>) -> (u16, Value) {
    let Some(airport) = world.reference().airport(q.airport) else {
        return not_found("Airport not found");
    };
    let Some(from) = crate::clean::local_to_utc(airport.tz, q.from_local) else {
        return not_found("Invalid date");
    };
    let flights = world.flights_at(q.airport, q.departures, from, from + Duration::hours(4));
    if flights.is_empty() || q.offset >= flights.len() {
        return not_found("Flight not found");
    }
    let limit = q.limit.clamp(1, 100).min(MAX_PAGE);
    let page: Vec<Value> = flights.iter().skip(q.offset).take(limit).map(|f| flight_json(world, f, now)).collect();
    let total = flights.len();
    let flight_node = if page.len() == 1 { page.into_iter().next().unwrap_or_default() } else { Value::Array(page) };
    let mut links = vec![link(q.self_url, q.offset, limit, "self")];
    if q.offset + limit < total {
        links.push(link(q.self_url, q.offset + limit, limit, "next"));
    }
    if q.offset > 0 {
        links.push(link(q.self_url, q.offset.saturating_sub(limit), limit, "previous"));
    }
    links.push(link(q.self_url, 0, limit, "first"));
    links.push(link(q.self_url, (total - 1) / limit * limit, limit, "last"));
    (
        200,
        json!({"FlightStatusResource": {
            "Flights": {"Flight": flight_node},
            "Meta": {"@Version": "1.0.0", "Link": links, "TotalCount": total}
        }}),
    )
}

/// The HTTP status and body for a flight-number request (`LH400` on an origin-local date): one
/// flight is a single object, as the real API sends it.
pub fn flight_number_response(
    world: &DemoWorld,
    flight_number: &str,
    date: chrono::NaiveDate,
    self_url: &str,
    now: DateTime<Utc>,
) -> (u16, Value) {
    let designator = flight_number.trim().to_ascii_uppercase();
    let (Some(carrier), Some(number)) = (designator.get(..2), designator.get(2..)) else {
        return not_found("Flight not found");
    };
    let is = |c: &str, n: &str| {
        c == carrier && !number.is_empty() && number.trim_start_matches('0') == n.trim_start_matches('0')
    };
    // A codeshare number finds the operated flight, as on the real API.
    let Some(service) = world
        .services()
        .iter()
        .find(|s| is(&s.carrier, &s.number))
        .or_else(|| world.services().iter().find(|s| s.codeshares.iter().any(|m| is(&m.carrier, &m.number))))
    else {
        return not_found("Flight not found");
    };
    let Some(f) = world.instance(service, date) else {
        return not_found("Flight not found");
    };
    (
        200,
        json!({"FlightStatusResource": {
            "Flights": {"Flight": flight_json(world, &f, now)},
            "Meta": {"@Version": "1.0.0", "Link": [link(self_url, 0, 20, "self")], "TotalCount": 1}
        }}),
    )
}

fn link(base: &str, offset: usize, limit: usize, rel: &str) -> Value {
    let path = base.split('?').next().unwrap_or(base);
    json!({"@Href": format!("{path}?limit={limit}&offset={offset}"), "@Rel": rel})
}

pub fn not_found(description: &str) -> (u16, Value) {
    (
        404,
        json!({"ProcessingErrors": {"ProcessingError": {
            "@RetryIndicator": false,
            "Type": "ResourceNotFound",
            "Code": "NOT_FOUND",
            "Description": description,
            "InfoURL": "https://developer.lufthansa.com/docs/read/api_basics/Error_Messages"
        }}}),
    )
}

fn flight_json(world: &DemoWorld, f: &FlightInstance<'_>, now: DateTime<Utc>) -> Value {
    let s = f.service;
    let p = progress_at(world, f, now);
    let tz_of = |code: &str| world.reference().airport(code).map(|a| a.tz).unwrap_or(chrono_tz::UTC);
    let (dep_tz, arr_tz) = (tz_of(&s.origin), tz_of(&s.destination));
    let code = |delay: i64| match delay {
        ..0 => ("FE", "Flight Early"),
        0..5 => ("OT", "Flight On Time"),
        _ => ("DL", "Flight Delayed"),
    };

    let mut dep = Map::new();
    dep.insert("AirportCode".into(), json!(s.origin));
    times(&mut dep, "Scheduled", f.sched_dep, dep_tz);
    let mut arr = Map::new();
    arr.insert("AirportCode".into(), json!(s.destination));
    times(&mut arr, "Scheduled", f.sched_arr, arr_tz);
    // Estimates move as the flight nears; actual times once they happened.
    let (dep_time, dep_delay) = if p.departed {
        (p.act_dep, p.dep_delay)
    } else {
        (f.sched_dep + Duration::minutes(p.est_dep_delay), p.est_dep_delay)
    };
    let (arr_time, arr_delay) = if p.landed {
        (p.act_arr, p.arr_delay)
    } else {
        (f.sched_arr + Duration::minutes(p.est_arr_delay), p.est_arr_delay)
    };
    let (dep_status, arr_status) = if p.cancelled || !p.estimates_known {
        (("NO", "No status"), ("NO", "No status"))
    } else if p.diverted_to.is_some() && p.phase == Phase::Diverted {
        (code(dep_delay), ("NI", "Next Information"))
    } else {
        (code(dep_delay), code(arr_delay))
    };
    if p.departed {
        times(&mut dep, "Actual", dep_time, dep_tz);
    } else if p.estimates_known {
        times(&mut dep, "Estimated", dep_time, dep_tz);
    }
    if p.landed && p.diverted_to.is_none() {
        times(&mut arr, "Actual", arr_time, arr_tz);
    } else if p.estimates_known && p.phase != Phase::Diverted {
        times(&mut arr, "Estimated", arr_time, arr_tz);
    }
    dep.insert("TimeStatus".into(), json!({"Code": dep_status.0, "Definition": dep_status.1}));
    arr.insert("TimeStatus".into(), json!({"Code": arr_status.0, "Definition": arr_status.1}));
    dep.insert("Terminal".into(), json!({"Name": p.dep_terminal, "Gate": p.dep_gate}));
    // Arrival gates are announced late; until then only the terminal is known.
    if p.estimates_known {
        arr.insert("Terminal".into(), json!({"Name": p.arr_terminal, "Gate": p.arr_gate}));
    } else {
        arr.insert("Terminal".into(), json!({"Name": p.arr_terminal}));
    }
    let flight_status = match p.phase {
        Phase::Cancelled => ("CD", "Flight Cancelled"),
        Phase::Diverted => ("DV", "Flight Diverted"),
        Phase::Landed => ("LD", "Flight Landed"),
        Phase::Departed | Phase::EnRoute => ("DP", "Flight Departed"),
        Phase::Scheduled | Phase::Boarding => ("NA", "No status"),
    };
    let mut equipment = Map::new();
    if let Some(t) = &s.aircraft {
        equipment.insert("AircraftCode".into(), json!(t));
    }
    // Lufthansa writes registrations without the dash: DAIKM.
    if let Some(r) = &p.identity.registration {
        equipment.insert("AircraftRegistration".into(), json!(r.replace('-', "")));
    }
    let carrier = json!({"AirlineID": s.carrier, "FlightNumber": s.number});
    json!({
        "Departure": dep,
        "Arrival": arr,
        "MarketingCarrier": marketing_carriers(s),
        "OperatingCarrier": carrier,
        "Equipment": equipment,
        "FlightStatus": {"Code": flight_status.0, "Definition": flight_status.1},
        "ServiceType": "Passenger"
    })
}

/// The flight's marketing numbers, its own first: a single object when it is sold under its own
/// number only, a list when it has codeshares (as the real API answers, in both formats:
/// `MarketingCarrier` of flight status, `MarketingCarrierList.MarketingCarrier` of customer
/// flight information).
pub fn marketing_carriers(s: &Service) -> Value {
    let own = json!({"AirlineID": s.carrier, "FlightNumber": s.number});
    if s.codeshares.is_empty() {
        return own;
    }
    let mut list = vec![own];
    list.extend(s.codeshares.iter().map(|m| json!({"AirlineID": m.carrier, "FlightNumber": m.number})));
    Value::Array(list)
}

fn times(block: &mut Map<String, Value>, which: &str, t: DateTime<Utc>, tz: Tz) {
    block.insert(
        format!("{which}TimeLocal"),
        json!({"DateTime": t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()}),
    );
    block.insert(format!("{which}TimeUTC"), json!({"DateTime": t.format("%Y-%m-%dT%H:%MZ").to_string()}));
}
