//! AirLabs `/flights` answers in the documented v9 format, built from the demo world's routes:
//! the envelope, keys omitted when unknown, alphanumeric ATC callsigns that differ from the IATA
//! flight number, numbers sent as strings now and then, negative fractional `v_speed`, and a
//! share of broken records (bad hex, no position, no time) that the cleaner must reject.

use super::hash::stable_hash;
use crate::reference::Reference;
use serde_json::{Map, Value, json};

/// A `/flights` answer with `n` records whose `updated` times lie in the minute before `now_unix`.
pub fn airlabs_flights_dump(n: usize, seed: u64, now_unix: i64) -> String {
    let routes = Reference::embedded_routes();
    let reference = Reference::embedded();
    let seed = seed.to_string();
    let mut records = Vec::with_capacity(n);
    for i in 0..n {
        let h = stable_hash(&[&seed, &i.to_string()]);
        let route = &routes[(h % routes.len() as u64) as usize];
        let airline = reference.airline(&route.airline);
        let mut r = Map::new();
        let kind = (h >> 8) % 100;
        // ~2% broken records of three kinds.
        if kind != 0 {
            r.insert("hex".into(), json!(format!("{:06X}", (h >> 16) & 0xff_ffff)));
        }
        let lat = ((h >> 20) % 17_000) as f64 / 100.0 - 85.0;
        let lon = ((h >> 34) % 36_000) as f64 / 100.0 - 180.0;
        if kind != 1 {
            r.insert("lat".into(), if kind % 7 == 3 { json!(lat.to_string()) } else { json!(lat) });
            r.insert("lng".into(), json!(lon));
        }
        if kind != 2 {
            r.insert("updated".into(), json!(now_unix - ((h >> 40) % 60) as i64));
        }
        r.insert("alt".into(), json!(((h >> 12) % 12_500) as i64));
        r.insert("dir".into(), json!(((h >> 24) % 3600) as f64 / 10.0));
        r.insert("speed".into(), json!(((h >> 28) % 950) as i64));
        r.insert("v_speed".into(), json!(((h >> 30) % 400) as f64 / 10.0 - 20.0));
        r.insert(
            "status".into(),
            json!(if kind < 90 {
                "en-route"
            } else if kind < 97 {
                "landed"
            } else {
                "scheduled"
            }),
        );
        r.insert("flag".into(), json!(airline.and_then(|a| a.country.clone()).unwrap_or_else(|| "DE".into())));
        r.insert("dep_iata".into(), json!(route.origin));
        if kind % 10 != 4 {
            r.insert("arr_iata".into(), json!(route.destination));
        }
        if let Some(t) = route.equipment.first() {
            r.insert("aircraft_icao".into(), json!(t));
        }
        let number = 1 + (h >> 44) % 4_999;
        let icao = airline.and_then(|a| a.icao.clone());
        match (icao, kind % 4) {
            // An alphanumeric ATC callsign (DLH8MN style) with the IATA number beside it.
            (Some(icao), 0) => {
                let tail: String = (0..2).map(|k| char::from(b'A' + ((h >> (k * 5 + 3)) % 26) as u8)).collect();
                r.insert("flight_icao".into(), json!(format!("{icao}{}{tail}", number % 10)));
                r.insert("flight_iata".into(), json!(format!("{}{number}", route.airline)));
            }
            // An alphanumeric callsign and no IATA number: it must stay a callsign.
            (Some(icao), 1) => {
                r.insert("flight_icao".into(), json!(format!("{icao}{}K", number % 100)));
            }
            (Some(icao), _) => {
                r.insert("flight_icao".into(), json!(format!("{icao}{number}")));
                r.insert("flight_iata".into(), json!(format!("{}{number}", route.airline)));
                r.insert("flight_number".into(), json!(number.to_string()));
            }
            (None, _) => {}
        }
        records.push(Value::Object(r));
    }
    json!({
        "request": {"method": "flights", "version": 9, "key": {"type": "free", "limits_by_minute": 250, "limits_by_hour": 2500, "limits_by_month": 1000}},
        "response": records,
        "terms": "Unauthorized access is prohibited and punishable by law. Reselling data 'As Is' without AirLabs.Co permission is strictly prohibited."
    })
    .to_string()
}
