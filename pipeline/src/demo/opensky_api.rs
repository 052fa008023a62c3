//! OpenSky `/states/all` as documented (apis.md §3.1): `{"time": t, "states": [[17 fields], …]}`,
//! `states` null when nothing matches; `lamin/lomin/lamax/lomax` select a box; times have a
//! ten-second resolution; callsigns are padded to eight characters.

use super::airborne::{GeoBox, aircraft_at};
use super::geo::round;
use super::schedule::DemoWorld;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The body for a `/states/all` request, or `None` when the box parameters are unreadable
/// (the real API answers 400).
pub fn states(world: &DemoWorld, params: &HashMap<String, String>, now: DateTime<Utc>) -> Option<Value> {
    let num = |k: &str| params.get(k).map(|v| v.parse::<f64>().ok());
    let bbox = match (num("lamin"), num("lomin"), num("lamax"), num("lomax")) {
        (None, None, None, None) => None,
        (Some(Some(south)), Some(Some(west)), Some(Some(north)), Some(Some(east))) => {
            Some(GeoBox { south, west, north, east })
        }
        _ => return None,
    };
    let time = now.timestamp() - now.timestamp() % 10;
    let mut rows = Vec::new();
    for a in aircraft_at(world, now) {
        if bbox.is_some_and(|b| !b.contains(a.lat, a.lon)) {
            continue;
        }
        let id = &a.progress.identity;
        let callsign = id.callsign.as_ref().map(|c| format!("{c:<8}"));
        let address = i64::from_str_radix(&id.icao24, 16).unwrap_or(0);
        let contact = time - address % 5;
        let squawk = format!("{:04o}", 0o1000 + address % 0o6000);
        // On the ground (just landed): no altitude, track or vertical rate.
        let f = a.fix.as_ref();
        let row = json!([
            id.icao24,
            callsign,
            id.country_name,
            contact,
            contact,
            round(a.lon, 4),
            round(a.lat, 4),
            f.map(|f| round(f.altitude_m, 2)),
            f.is_none(),
            f.map_or(0.0, |f| round(f.ground_speed_kmh / 3.6, 2)),
            f.map(|f| round(f.heading, 2)),
            f.map(|f| round(f.vertical_rate_ms, 2)),
            null,
            f.map(|f| round(f.altitude_m + 150.0, 2)),
            squawk,
            false,
            0
        ]);
        rows.push(row);
    }
    Some(json!({"time": time, "states": if rows.is_empty() { Value::Null } else { Value::Array(rows) }}))
}
