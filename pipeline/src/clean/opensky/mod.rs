//! OpenSky Network `/states/all`: `{"time": t, "states": [[…17 or 18 fields…], …]}`, `states`
//! null when nothing matched. Fields by index (docs/free/rest.rst): 0 icao24, 1 callsign (padded),
//! 2 origin country, 3 time_position, 4 last_contact, 5 lon, 6 lat, 7 baro altitude (m),
//! 8 on_ground, 9 velocity (m/s), 10 true track, 11 vertical rate (m/s), 12 sensors,
//! 13 geo altitude (m), 14 squawk, 15 spi, 16 position source, 17 category (extended only).

use super::body_shape::{describe, parse_json_body, unexpected};
use super::lufthansa::SplitBody;
use super::{RecordContext, Rejection};
use crate::model::Position;
use crate::model::text::clip;
use serde_json::Value;

/// Splits a `/states/all` answer into its state vectors. Empty only when `states` is `null` or an
/// empty list (what OpenSky sends when nothing matched); an error body or any other shape rejects
/// the whole response, naming what it is.
pub fn split_states(http_status: u16, body: &[u8]) -> Result<SplitBody, Rejection> {
    if http_status == 404 {
        return Ok(SplitBody::Empty);
    }
    let mut v = parse_json_body(body)
        .map_err(|e| if http_status == 200 { e } else { Rejection::new(format!("HTTP {http_status}: {e}")) })?;
    if let Some(e) = v.get("error").or_else(|| v.get("message")) {
        let message = crate::clean::text(&v, "/message").or_else(|| crate::clean::text(e, "")).unwrap_or_default();
        return Err(Rejection::new(format!("OpenSky error: {message}")));
    }
    if http_status != 200 {
        return Err(Rejection::new(format!("HTTP {http_status} is not a states answer")));
    }
    match v.get_mut("states").map(Value::take) {
        Some(Value::Array(a)) if !a.is_empty() => Ok(SplitBody::Records(a)),
        Some(Value::Array(_) | Value::Null) => Ok(SplitBody::Empty),
        Some(other) => Err(Rejection::new(format!("`states` is {}, not a list of state vectors", describe(&other)))),
        None => Err(unexpected(&v, "an OpenSky answer (`{\"time\": …, \"states\": […]}`)")),
    }
}

fn num(state: &[Value], i: usize) -> Option<f64> {
    state.get(i).and_then(Value::as_f64).filter(|f| f.is_finite())
}

fn text(state: &[Value], i: usize) -> Option<String> {
    state.get(i).and_then(Value::as_str).map(crate::model::text::sanitize).filter(|s| !s.is_empty())
}

/// One state vector to a position.
pub fn clean_state(record: &Value, ctx: &RecordContext) -> Result<Position, Rejection> {
    let Some(state) = record.as_array() else {
        return Err(Rejection::new("state vector is not an array"));
    };
    // 17 fields today (18 with `category`); the 2017 API sent 13, up to `sensors`.
    if state.len() < 13 {
        return Err(Rejection::new(format!("state vector has {} fields, at least 13 expected", state.len())));
    }
    let icao24 = text(state, 0)
        .map(|h| h.to_ascii_lowercase())
        .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(|| Rejection::new("missing or invalid icao24"))?;
    let reject = |why: &str| Rejection { reason: format!("{icao24}: {why}"), natural_key: Some(icao24.clone()) };
    let lat = num(state, 6).filter(|v| (-90.0..=90.0).contains(v)).ok_or_else(|| reject("no valid latitude"))?;
    let lon = num(state, 5).filter(|v| (-180.0..=180.0).contains(v)).ok_or_else(|| reject("no valid longitude"))?;
    let when = num(state, 3).or_else(|| num(state, 4)).ok_or_else(|| reject("no position time"))?;
    let observed_at = chrono::DateTime::from_timestamp(when as i64, 0)
        .filter(|t| (*t - ctx.fetched_at).num_days().abs() < 2)
        .ok_or_else(|| reject("position time is not within two days of the fetch"))?;
    let callsign = text(state, 1).map(|c| c.to_ascii_uppercase()).filter(|c| c.len() <= 8);
    Ok(Position {
        // A state vector names no flight: the flight page finds the callsign's leg in the warehouse.
        flight_iata: None,
        callsign,
        registration: None,
        aircraft_type: None,
        origin: None,
        destination: None,
        lat,
        lon,
        altitude_m: num(state, 7).or_else(|| num(state, 13)),
        ground_speed_kmh: num(state, 9).filter(|v| *v >= 0.0).map(|v| v * 3.6),
        heading: num(state, 10).map(|d| d.rem_euclid(360.0)),
        vertical_rate_ms: num(state, 11),
        on_ground: state.get(8).and_then(Value::as_bool),
        squawk: text(state, 14).map(|s| clip(&s, 8)),
        source: ctx.source.clone(),
        observed_at,
        lake_key: ctx.lake_key.clone(),
        icao24,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn ctx() -> RecordContext {
        RecordContext {
            source: "opensky".into(),
            endpoint: "states-all".into(),
            lake_key: "raw/opensky/states-all/x.json.gz".into(),
            fetched_at: Utc.timestamp_opt(1_499_105_370, 0).unwrap(),
        }
    }

    #[test]
    fn documented_row() {
        // The forum example of a /states/all row (apis.md §3.1).
        let body = br#"{"time":1499105370,"states":[["4240ec","UTA394  ","United Kingdom",1499105360,1499105360,21.9943,54.9052,8404.86,false,225.19,84.89,9.1,null,8397.24,"7674",false,false,0]]}"#;
        let SplitBody::Records(rows) = split_states(200, body).unwrap() else { panic!("records") };
        let p = clean_state(&rows[0], &ctx()).unwrap();
        assert_eq!(p.icao24, "4240ec");
        assert_eq!(p.callsign.as_deref(), Some("UTA394"), "padding trimmed");
        assert_eq!(p.flight_iata, None, "a callsign names no flight by itself");
        assert_eq!((p.lat, p.lon), (54.9052, 21.9943));
        assert_eq!(p.altitude_m, Some(8404.86));
        assert!((p.ground_speed_kmh.unwrap() - 810.684).abs() < 1e-6);
        assert_eq!(p.vertical_rate_ms, Some(9.1));
        assert_eq!(p.on_ground, Some(false));
        assert_eq!(p.squawk.as_deref(), Some("7674"));
        assert_eq!(p.observed_at.timestamp(), 1_499_105_360);
    }

    #[test]
    fn empty_and_broken() {
        assert_eq!(split_states(200, br#"{"time":1,"states":null}"#).unwrap(), SplitBody::Empty);
        assert!(split_states(200, b"{\"time\":1,\"states\":[[").is_err());
        let short = serde_json::json!(["4240ec", "X"]);
        assert!(clean_state(&short, &ctx()).unwrap_err().reason.contains("at least 13 expected"));
        let no_pos = serde_json::json!([
            "4240ec", "DLH8MN  ", "Germany", null, 1499105360, null, null, null, true, 0, 0, null, null, null, null,
            false, 0
        ]);
        let e = clean_state(&no_pos, &ctx()).unwrap_err();
        assert!(e.reason.contains("latitude"), "{}", e.reason);
        let alnum = serde_json::json!([
            "3c6702", "DLH8MN  ", "Germany", 1499105360, 1499105360, 8.5, 50.0, 1000.0, false, 100.0, 90.0, 0.0, null,
            1000.0, null, false, 0
        ]);
        assert_eq!(clean_state(&alnum, &ctx()).unwrap().flight_iata, None);
    }
}
