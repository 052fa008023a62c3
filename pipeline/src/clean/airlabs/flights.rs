use crate::clean::scalar::{Scalar, number_of, text_ref, upper_of};
use crate::clean::{RecordContext, Rejection};
use crate::model::Position;
use crate::model::text::clip;
use serde::Deserialize;
use serde_json::Value;

/// One AirLabs `/flights` record as documented (apis.md §2.2). Every field may be missing or
/// carry a number as a string; unknown fields are ignored. Strings borrow from the input.
#[derive(Debug, Default, Deserialize)]
pub struct AirlabsFlight<'a> {
    #[serde(borrow, default)]
    hex: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    reg_number: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    lat: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    lng: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    alt: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    dir: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    speed: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    v_speed: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    squawk: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    flight_icao: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    flight_iata: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    airline_iata: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    flight_number: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    dep_iata: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    arr_iata: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    aircraft_icao: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    updated: Option<Scalar<'a>>,
    #[serde(borrow, default)]
    status: Option<Scalar<'a>>,
}

impl<'a> AirlabsFlight<'a> {
    /// Reads a record from a parsed JSON value (zero-copy: strings borrow from `value`).
    pub fn from_value(value: &'a Value) -> Result<Self, Rejection> {
        if !value.is_object() {
            return Err(Rejection::new("flight record is not an object"));
        }
        Self::deserialize(value).map_err(|e| Rejection::new(format!("unreadable flight record: {e}")))
    }

    /// Reads a record from its JSON text.
    pub fn from_json(json: &'a str) -> Result<Self, Rejection> {
        if !json.trim_start().starts_with('{') {
            return Err(Rejection::new("flight record is not an object"));
        }
        serde_json::from_str(json).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => Rejection::new(format!("unreadable flight record: {e}")),
            _ => Rejection::new(format!("malformed JSON: {e}")),
        })
    }
}

/// One AirLabs `/flights` record from its JSON text to a position: read straight into an
/// [`AirlabsFlight`] when it can be; a record that is JSON but does not read as one (a key given
/// twice) is read through a parsed value, so it gives what [`clean_airlabs_flight`] gives.
pub fn clean_airlabs_flight_json(json: &str, ctx: &RecordContext) -> Result<Position, Rejection> {
    match AirlabsFlight::from_json(json) {
        Ok(flight) => clean_airlabs_flight_record(&flight, ctx),
        Err(e) => match serde_json::from_str::<Value>(json) {
            Ok(value) => clean_airlabs_flight(&value, ctx),
            Err(_) => Err(e),
        },
    }
}

/// One AirLabs `/flights` record (a parsed JSON value) to a position.
pub fn clean_airlabs_flight(record: &Value, ctx: &RecordContext) -> Result<Position, Rejection> {
    clean_airlabs_flight_record(&AirlabsFlight::from_value(record)?, ctx)
}

/// One typed AirLabs `/flights` record to a position. `alt` is metres, `speed` and `v_speed`
/// km/h, `updated` a UNIX time.
pub fn clean_airlabs_flight_record(record: &AirlabsFlight<'_>, ctx: &RecordContext) -> Result<Position, Rejection> {
    let icao24 = text_ref(&record.hex)
        .map(|h| h.to_ascii_lowercase())
        .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(|| Rejection::new("missing or invalid hex (ICAO 24-bit address)"))?;
    let reject = |why: &str| Rejection { reason: format!("{icao24}: {why}"), natural_key: Some(icao24.clone()) };
    let lat =
        number_of(&record.lat).filter(|v| (-90.0..=90.0).contains(v)).ok_or_else(|| reject("no valid latitude"))?;
    let lon =
        number_of(&record.lng).filter(|v| (-180.0..=180.0).contains(v)).ok_or_else(|| reject("no valid longitude"))?;
    let updated = number_of(&record.updated).ok_or_else(|| reject("no update time"))?;
    let observed_at = chrono::DateTime::from_timestamp(updated as i64, 0)
        .filter(|t| (*t - ctx.fetched_at).num_days().abs() < 2)
        .ok_or_else(|| reject("update time is not within two days of the fetch"))?;
    let callsign = upper_of(&record.flight_icao).filter(|c| c.len() <= 8);
    // The IATA flight number only from fields that say so: `flight_iata`, or the record's own
    // `airline_iata` and `flight_number`. Never from the callsign through an airline-code table
    // (CAP342, a Civil Air Patrol callsign, is no airline "C2"'s flight 342); the flight page
    // finds the leg of an ICAO callsign in the warehouse instead.
    let flight_iata = upper_of(&record.flight_iata).filter(|f| is_flight_designator(f)).or_else(|| {
        let airline = upper_of(&record.airline_iata).filter(|a| a.len() == 2)?;
        let number = crate::clean::lufthansa::normalize_flight_number(&text_ref(&record.flight_number)?)?;
        Some(format!("{airline}{number}")).filter(|f| is_flight_designator(f))
    });
    let airport =
        |v: &Option<Scalar<'_>>| upper_of(v).filter(|c| c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()));
    let status = text_ref(&record.status);
    Ok(Position {
        callsign,
        flight_iata,
        registration: text_ref(&record.reg_number).map(|r| clip(&r, 16)),
        aircraft_type: text_ref(&record.aircraft_icao).map(|r| clip(&r, 8)),
        origin: airport(&record.dep_iata),
        destination: airport(&record.arr_iata),
        lat,
        lon,
        altitude_m: number_of(&record.alt),
        ground_speed_kmh: number_of(&record.speed).filter(|s| *s >= 0.0),
        heading: number_of(&record.dir).map(|d| d.rem_euclid(360.0)),
        vertical_rate_ms: number_of(&record.v_speed).map(|v| v / 3.6),
        on_ground: status.as_deref().map(|s| s == "landed" || s == "scheduled"),
        squawk: text_ref(&record.squawk).map(|s| clip(&s, 8)),
        source: ctx.source.clone(),
        observed_at,
        lake_key: ctx.lake_key.clone(),
        icao24,
    })
}

/// `LH400`, `4Y1234`, `LH1234A`: a two-character airline designator and a number.
pub fn is_flight_designator(s: &str) -> bool {
    s.is_ascii()
        && s.len() > 2
        && s[..2].chars().all(|c| c.is_ascii_alphanumeric())
        && crate::clean::lufthansa::normalize_flight_number(&s[2..]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::airlabs::split_airlabs;
    use crate::clean::lufthansa::SplitBody;
    use chrono::{TimeZone, Utc};
    use serde_json::json;

    /// The documented free-plan `/flights` answer (apis.md §2.2), values as published.
    const DOCUMENTED: &str = r#"{"request":{"method":"flights","version":9,"key":{"type":"free","limits_by_minute":250,"limits_by_hour":2500,"limits_by_month":1000}},
 "response":[{"hex":"789280","reg_number":"B-KKD","flag":"HK","lat":26.068363,"lng":122.431139,"alt":12128,"dir":36.3,
   "speed":875,"v_speed":0,"flight_number":"626","flight_icao":"HKE626","flight_iata":"UO626","dep_icao":"VHHH","dep_iata":"HKG",
   "arr_icao":"RKSI","arr_iata":"ICN","airline_icao":"HKE","airline_iata":"UO","aircraft_icao":"A21N","updated":1749118794,
   "status":"en-route","type":"adsb"}]}"#;

    fn ctx() -> RecordContext {
        RecordContext {
            source: "airlabs".into(),
            endpoint: "flights".into(),
            lake_key: "raw/airlabs/flights/dt=2025-06-05/hour=10/b.json.gz".into(),
            fetched_at: Utc.timestamp_opt(1_749_118_800, 0).unwrap(),
        }
    }

    fn records(body: &str) -> Vec<Value> {
        match split_airlabs(200, body.as_bytes()).unwrap() {
            SplitBody::Records(r) => r,
            SplitBody::Empty => Vec::new(),
        }
    }

    #[test]
    fn documented_record() {
        let p = clean_airlabs_flight(&records(DOCUMENTED)[0], &ctx()).unwrap();
        assert_eq!(p.icao24, "789280");
        assert_eq!(p.callsign.as_deref(), Some("HKE626"));
        assert_eq!(p.flight_iata.as_deref(), Some("UO626"), "from flight_iata, as given");
        assert_eq!((p.origin.as_deref(), p.destination.as_deref()), (Some("HKG"), Some("ICN")));
        assert_eq!(p.altitude_m, Some(12128.0));
        assert_eq!(p.ground_speed_kmh, Some(875.0));
        assert_eq!(p.heading, Some(36.3));
        assert_eq!(p.vertical_rate_ms, Some(0.0));
        assert_eq!(p.on_ground, Some(false));
        assert_eq!(p.observed_at.timestamp(), 1_749_118_794);
    }

    #[test]
    fn no_flight_number_from_callsign_surgery() {
        let base = json!({"hex": "3C6702", "lat": 50.0, "lng": 8.5, "alt": 3000, "dir": 10, "speed": 500, "v_speed": -7.2, "updated": 1_749_118_790, "status": "en-route"});
        let with = |cs: &str, iata: Option<&str>| {
            let mut r = base.clone();
            r["flight_icao"] = json!(cs);
            if let Some(i) = iata {
                r["flight_iata"] = json!(i);
            }
            clean_airlabs_flight(&r, &ctx()).unwrap()
        };
        // The record's own airline and number say it.
        let mut own = base.clone();
        own["flight_icao"] = json!("DLH400");
        own["airline_iata"] = json!("LH");
        own["flight_number"] = json!("0400");
        assert_eq!(clean_airlabs_flight(&own, &ctx()).unwrap().flight_iata.as_deref(), Some("LH400"));
        own["flight_number"] = json!(400);
        assert_eq!(clean_airlabs_flight(&own, &ctx()).unwrap().flight_iata.as_deref(), Some("LH400"));
        own["airline_iata"] = json!(null);
        assert_eq!(clean_airlabs_flight(&own, &ctx()).unwrap().flight_iata, None, "a number without its airline");
        // No callsign gives a flight number by itself: alphanumeric ones, all-digit ones of an
        // airline, and the Civil Air Patrol, military and defunct-airline callsigns that an
        // ICAO→IATA airline table turned into "C2342", "MC635" and "CT342".
        for cs in
            ["DLH8MN", "DLH29H", "GEC8441", "DLH400", "DLH0400", "KQZ400", "CAP342", "RCH635", "CAT342", "REACH635"]
        {
            assert_eq!(with(cs, None).flight_iata, None, "{cs}");
        }
        assert_eq!(with("DLH8MN", Some("LH1727")).flight_iata.as_deref(), Some("LH1727"));
        let p = with("DLH8MN", None);
        assert_eq!(p.icao24, "3c6702");
        assert!((p.vertical_rate_ms.unwrap() + 2.0).abs() < 1e-9, "v_speed -7.2 km/h is -2 m/s");
    }

    #[test]
    fn quirks_and_rejections() {
        // Numbers as strings, missing optional keys.
        let r = json!({"hex": "abc123", "lat": "48.35", "lng": "11.78", "updated": "1749118790"});
        let p = clean_airlabs_flight(&r, &ctx()).unwrap();
        assert_eq!((p.lat, p.lon), (48.35, 11.78));
        assert_eq!((p.altitude_m, p.callsign.clone(), p.on_ground), (None, None, None));
        for (bad, why) in [
            (json!({"lat": 1, "lng": 2, "updated": 1_749_118_790}), "hex"),
            (json!({"hex": "xyz", "lat": 1, "lng": 2, "updated": 1_749_118_790}), "hex"),
            (json!({"hex": "abc123", "lat": 91, "lng": 2, "updated": 1_749_118_790}), "latitude"),
            (json!({"hex": "abc123", "lat": 1, "lng": 2}), "update time"),
            (json!({"hex": "abc123", "lat": 1, "lng": 2, "updated": 0}), "two days"),
            (json!(["not", "an", "object"]), "not an object"),
        ] {
            let e = clean_airlabs_flight(&bad, &ctx()).unwrap_err();
            assert!(e.reason.contains(why), "{bad}: {}", e.reason);
        }
    }

    #[test]
    fn multibyte_text_where_codes_belong_is_rejected_not_a_panic() {
        for odd in ["€12", "L€400", "ÉÉ", "東京1"] {
            assert!(!is_flight_designator(odd), "{odd}");
        }
        let r = json!({"hex": "abc123", "lat": 1, "lng": 2, "updated": 1_749_118_790, "flight_iata": "€12", "flight_icao": "DL€4"});
        let p = clean_airlabs_flight(&r, &ctx()).unwrap();
        assert_eq!(p.flight_iata, None);
    }

    #[test]
    fn error_envelopes_and_single_objects() {
        let e = split_airlabs(200, br#"{"error":{"message":"Unknown api_key","code":"unknown_api_key"}}"#).unwrap_err();
        assert_eq!(e.reason, "AirLabs error unknown_api_key: Unknown api_key");
        assert_eq!(split_airlabs(200, br#"{"response":[]}"#).unwrap(), SplitBody::Empty);
        assert!(
            matches!(split_airlabs(200, br#"{"response":{"hex":"a"}}"#).unwrap(), SplitBody::Records(r) if r.len() == 1)
        );
        assert!(split_airlabs(200, b"{\"response\":[{").is_err());
    }
}
