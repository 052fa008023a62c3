//! AirLabs v9 as documented (apis.md §2): `/flights` (live positions, `bbox` and `airline_iata`
//! filters) and `/schedules` (an airport's board, `dep_iata` or `arr_iata`), inside the
//! `{"request":…,"response":[…],"terms":…}` envelope; errors as `{"error":{"message","code"}}`
//! with HTTP 200, as the real API answers.

use super::airborne::{GeoBox, aircraft_at};
use super::geo::round;
use super::schedule::{DemoWorld, FlightInstance};
use super::state::{Phase, progress_at};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

const TERMS: &str = "Reselling data 'As Is' without AirLabs.Co permission is strictly prohibited. Full terms on https://airlabs.co/. Contact sales@airlabs.co";
/// Rows of an airport board (the paid limit; free keys get 50).
const BOARD_ROWS: usize = 1000;

pub fn error(code: &str, message: &str) -> Value {
    json!({"error": {"message": message, "code": code}})
}

fn envelope(method: &str, params: &HashMap<String, String>, response: Vec<Value>) -> Value {
    // In a fixed order (a HashMap's differs from one process to the next): the same request
    // gives the same bytes, so a repeated run files the same lake objects.
    let sorted: std::collections::BTreeMap<&String, &String> = params.iter().collect();
    let shown: Map<String, Value> =
        sorted.into_iter().filter(|(k, _)| k.as_str() != "api_key").map(|(k, v)| (k.clone(), json!(v))).collect();
    json!({
        "request": {
            "lang": "en", "currency": "EUR", "time": 1, "id": "demo", "server": "demo", "host": "airlabs.co",
            "pid": 1, "key": {"id": 1, "api_key": "demo", "type": "demo", "expired": null, "registered": null,
                "limits_by_hour": 2500, "limits_by_minute": 250, "limits_by_month": 100000, "usage": 0},
            "params": shown, "version": 9, "method": method, "client": {}
        },
        "response": response,
        "terms": TERMS
    })
}

/// `/flights`: every aircraft in the sky (or in `bbox`, or of `airline_iata`).
pub fn flights(world: &DemoWorld, params: &HashMap<String, String>, now: DateTime<Utc>) -> Value {
    let bbox = match params.get("bbox").map(|b| parse_box(b)) {
        Some(None) => return error("wrong_params", "bbox must be SWlat,SWlng,NElat,NElng"),
        Some(Some(b)) => Some(b),
        None => None,
    };
    let airline = params.get("airline_iata").map(|a| a.to_ascii_uppercase());
    let mut rows = Vec::new();
    for a in aircraft_at(world, now) {
        if bbox.is_some_and(|b| !b.contains(a.lat, a.lon)) {
            continue;
        }
        let s = a.flight.service;
        if airline.as_deref().is_some_and(|x| x != s.carrier) {
            continue;
        }
        let id = &a.progress.identity;
        let destination = a.progress.bound_for(&a.flight).to_string();
        let icao_of = |code: &str| world.reference().airport(code).and_then(|x| x.icao.clone());
        let mut r = Map::new();
        r.insert("hex".into(), json!(id.icao24));
        if let Some(reg) = &id.registration {
            r.insert("reg_number".into(), json!(reg));
        }
        if !id.flag.is_empty() {
            r.insert("flag".into(), json!(id.flag));
        }
        r.insert("lat".into(), json!(round(a.lat, 6)));
        r.insert("lng".into(), json!(round(a.lon, 6)));
        let (alt, dir, speed, v_speed) = match &a.fix {
            Some(f) => (
                f.altitude_m.round(),
                round(f.heading, 1),
                f.ground_speed_kmh.round(),
                round(f.vertical_rate_ms * 3.6, 1),
            ),
            None => (0.0, 0.0, 0.0, 0.0),
        };
        r.insert("alt".into(), json!(alt as i64));
        r.insert("dir".into(), json!(dir));
        r.insert("speed".into(), json!(speed as i64));
        r.insert("v_speed".into(), json!(v_speed));
        r.insert("flight_number".into(), json!(s.number));
        if let Some(fi) = &id.flight_icao {
            r.insert("flight_icao".into(), json!(fi));
        }
        r.insert("flight_iata".into(), json!(format!("{}{}", s.carrier, s.number)));
        r.insert("dep_icao".into(), json!(icao_of(&s.origin)));
        r.insert("dep_iata".into(), json!(s.origin));
        r.insert("arr_icao".into(), json!(icao_of(&destination)));
        r.insert("arr_iata".into(), json!(destination));
        if let Some(ai) = &id.airline_icao {
            r.insert("airline_icao".into(), json!(ai));
        }
        r.insert("airline_iata".into(), json!(s.carrier));
        if let Some(t) = &s.aircraft {
            r.insert("aircraft_icao".into(), json!(t));
        }
        // The last signal a few seconds back.
        r.insert("updated".into(), json!(now.timestamp() - i64::from_str_radix(&id.icao24, 16).unwrap_or(0) % 7));
        r.insert("status".into(), json!(if a.fix.is_some() { "en-route" } else { "landed" }));
        r.insert("type".into(), json!("adsb"));
        rows.push(Value::Object(r));
    }
    envelope("flights", params, rows)
}

/// `/schedules`: an airport's departures (`dep_iata`) or arrivals (`arr_iata`), from two hours
/// back to ten hours ahead.
pub fn schedules(world: &DemoWorld, params: &HashMap<String, String>, now: DateTime<Utc>) -> Value {
    let (airport, departures) = match (params.get("dep_iata"), params.get("arr_iata")) {
        (Some(a), _) => (a.to_ascii_uppercase(), true),
        (None, Some(a)) => (a.to_ascii_uppercase(), false),
        _ => return error("wrong_params", "dep_iata, arr_iata, airline_iata or their ICAO forms are required"),
    };
    if world.reference().airport(&airport).is_none() {
        return error("not_found", "Airport not found");
    }
    let flights = world.flights_at(&airport, departures, now - Duration::hours(2), now + Duration::hours(10));
    let rows = flights.iter().flat_map(|f| schedule_rows(world, f, now)).take(BOARD_ROWS).collect();
    envelope("schedules", params, rows)
}

/// A flight's rows: the operated flight, then one row per codeshare, marketed under
/// `airline_iata`/`flight_iata` and naming the operated flight in `cs_…` (as AirLabs lists them).
fn schedule_rows(world: &DemoWorld, f: &FlightInstance<'_>, now: DateTime<Utc>) -> Vec<Value> {
    let s = f.service;
    let operated = schedule_row(world, f, now);
    let mut rows = Vec::with_capacity(1 + s.codeshares.len());
    for m in &s.codeshares {
        let mut r = operated.clone();
        let icao = world.reference().airline(&m.carrier).and_then(|a| a.icao.clone());
        r["airline_iata"] = json!(m.carrier);
        r["airline_icao"] = json!(icao);
        r["flight_iata"] = json!(format!("{}{}", m.carrier, m.number));
        r["flight_icao"] = json!(icao.map(|i| format!("{i}{}", m.number)));
        r["flight_number"] = json!(m.number);
        r["cs_airline_iata"] = json!(s.carrier);
        r["cs_flight_number"] = json!(s.number);
        r["cs_flight_iata"] = json!(format!("{}{}", s.carrier, s.number));
        rows.push(r);
    }
    rows.insert(0, operated);
    rows
}

fn schedule_row(world: &DemoWorld, f: &FlightInstance<'_>, now: DateTime<Utc>) -> Value {
    let s = f.service;
    let p = progress_at(world, f, now);
    let tz_of = |code: &str| world.reference().airport(code).map(|a| a.tz).unwrap_or(chrono_tz::UTC);
    let icao_of = |code: &str| world.reference().airport(code).and_then(|x| x.icao.clone());
    let mut r = Map::new();
    r.insert("airline_iata".into(), json!(s.carrier));
    r.insert("airline_icao".into(), json!(p.identity.airline_icao));
    r.insert("flight_iata".into(), json!(format!("{}{}", s.carrier, s.number)));
    r.insert("flight_icao".into(), json!(p.identity.flight_icao));
    r.insert("flight_number".into(), json!(s.number));
    r.insert("dep_iata".into(), json!(s.origin));
    r.insert("dep_icao".into(), json!(icao_of(&s.origin)));
    r.insert("dep_terminal".into(), json!(p.dep_terminal));
    r.insert("dep_gate".into(), json!(p.dep_gate));
    let (dep_tz, arr_tz) = (tz_of(&s.origin), tz_of(&s.destination));
    times(&mut r, "dep_time", Some(f.sched_dep), dep_tz);
    let est_dep = f.sched_dep + Duration::minutes(p.est_dep_delay);
    let est_arr = f.sched_arr + Duration::minutes(p.est_arr_delay);
    times(&mut r, "dep_estimated", (p.estimates_known && !p.departed).then_some(est_dep), dep_tz);
    times(&mut r, "dep_actual", p.departed.then_some(p.act_dep), dep_tz);
    r.insert("arr_iata".into(), json!(s.destination));
    r.insert("arr_icao".into(), json!(icao_of(&s.destination)));
    r.insert("arr_terminal".into(), json!(p.arr_terminal));
    r.insert("arr_gate".into(), json!(p.estimates_known.then_some(&p.arr_gate)));
    r.insert("arr_baggage".into(), Value::Null);
    times(&mut r, "arr_time", Some(f.sched_arr), arr_tz);
    times(&mut r, "arr_estimated", (p.estimates_known && !p.landed).then_some(est_arr), arr_tz);
    times(&mut r, "arr_actual", (p.landed && p.diverted_to.is_none()).then_some(p.act_arr), arr_tz);
    r.insert("cs_airline_iata".into(), Value::Null);
    r.insert("cs_flight_number".into(), Value::Null);
    r.insert("cs_flight_iata".into(), Value::Null);
    let status = match p.phase {
        Phase::Cancelled => "cancelled",
        Phase::Landed => "landed",
        Phase::Diverted => "diverted",
        Phase::EnRoute => "active",
        Phase::Scheduled | Phase::Boarding | Phase::Departed => "scheduled",
    };
    r.insert("status".into(), json!(status));
    r.insert("duration".into(), json!(s.block_minutes));
    let delayed = |d: i64| if p.estimates_known && d > 0 { json!(d) } else { Value::Null };
    r.insert("delayed".into(), delayed(p.est_dep_delay));
    r.insert("dep_delayed".into(), delayed(if p.departed { p.dep_delay } else { p.est_dep_delay }));
    r.insert("arr_delayed".into(), delayed(if p.landed { p.arr_delay } else { p.est_arr_delay }));
    if let Some(t) = &s.aircraft {
        r.insert("aircraft_icao".into(), json!(t));
    }
    Value::Object(r)
}

/// `name` (local), `name_utc` and `name_ts`, or nothing when `t` is unknown.
fn times(r: &mut Map<String, Value>, name: &str, t: Option<DateTime<Utc>>, tz: Tz) {
    let Some(t) = t else { return };
    r.insert(name.into(), json!(t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()));
    r.insert(format!("{name}_utc"), json!(t.format("%Y-%m-%d %H:%M").to_string()));
    r.insert(format!("{name}_ts"), json!(t.timestamp()));
}

fn parse_box(b: &str) -> Option<GeoBox> {
    let v: Vec<f64> = b.split(',').map(|x| x.trim().parse().ok()).collect::<Option<_>>()?;
    let [south, west, north, east] = v[..] else { return None };
    (south <= north).then_some(GeoBox { south, west, north, east })
}
