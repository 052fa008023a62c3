//! SQLite's read of the map's latest positions: the rows aggregated into one JSON array by SQLite
//! and parsed here. Handing 20,000 rows of 18 values one by one from sqlx's SQLite worker costs
//! several times the query itself; one text value costs a copy. (The MySQL wire protocol
//! decodes rows in place: `mysql.rs` reads them as rows.)

use super::WarehouseError;
use crate::model::Position;
use crate::model::text::CleanText;
use chrono::{DateTime, Utc};

/// `MAP_LATEST`'s rows as one JSON array of arrays, in `POSITION_SELECT` column order.
const MAP_LATEST_JSON: &str = "SELECT json_group_array(json_array(icao24, callsign, flight_iata, registration,
        aircraft_type, origin, destination, lat, lon, altitude_m, ground_speed_kmh, heading, vertical_rate,
        on_ground, squawk, source, lake_key, observed_at))
 FROM positions WHERE observed_at >= ?";

/// One position as `json_array` wrote it.
#[derive(serde::Deserialize)]
struct PositionJson(
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    f64,
    f64,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    Option<String>,
    String,
    String,
    String,
);

impl PositionJson {
    fn into_position(self) -> Result<Position, String> {
        let observed_at = DateTime::parse_from_rfc3339(&self.17)
            .map_err(|e| format!("position {}: observed_at {:?}: {e}", self.0, self.17))?
            .with_timezone(&Utc);
        Ok(Position {
            icao24: self.0,
            callsign: self.1.cleaned(),
            flight_iata: self.2.cleaned(),
            registration: self.3.cleaned(),
            aircraft_type: self.4.cleaned(),
            origin: self.5.cleaned(),
            destination: self.6.cleaned(),
            lat: self.7,
            lon: self.8,
            altitude_m: self.9,
            ground_speed_kmh: self.10,
            heading: self.11,
            vertical_rate_ms: self.12,
            on_ground: self.13.map(|v| v != 0),
            squawk: self.14.cleaned(),
            source: self.15.cleaned(),
            lake_key: self.16,
            observed_at,
        })
    }
}

/// The latest positions observed at or after `since`, by aircraft.
pub(super) async fn map_latest(
    tx: &mut sqlx::SqliteConnection,
    since: DateTime<Utc>,
    err: fn(String) -> WarehouseError,
) -> Result<Vec<Position>, WarehouseError> {
    let json: String =
        sqlx::query_scalar(MAP_LATEST_JSON).bind(since).fetch_one(&mut *tx).await.map_err(|e| err(e.to_string()))?;
    let rows: Vec<PositionJson> = serde_json::from_str(&json).map_err(|e| err(e.to_string()))?;
    let mut out = rows.into_iter().map(PositionJson::into_position).collect::<Result<Vec<_>, _>>().map_err(err)?;
    out.sort_unstable_by(|a, b| a.icao24.cmp(&b.icao24));
    Ok(out)
}
