use super::ReferenceError;
use crate::model::{Airport, text::sanitize};
use serde::Deserialize;

#[derive(Deserialize)]
struct Row {
    icao: String,
    iata: String,
    name: String,
    city: String,
    country: String,
    elevation: Option<f64>,
    lat: f64,
    lon: f64,
    tz: String,
}

/// Parses airportsdata's `airports.csv` (header `icao,iata,name,city,subd,country,elevation,lat,lon,tz,lid`).
/// Rows without an IATA code are skipped.
pub fn parse_airports(csv_text: &str) -> Result<Vec<Airport>, ReferenceError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut out = Vec::new();
    for row in reader.deserialize::<Row>() {
        let row = row.map_err(|e| ReferenceError::Parse {
            line: e.position().map(|p| p.line()).unwrap_or(0),
            message: e.to_string(),
        })?;
        if row.iata.trim().is_empty() {
            continue;
        }
        let tz = row.tz.parse().map_err(|_| ReferenceError::Parse {
            line: 0,
            message: format!("airport {}: unknown time zone {:?}", row.iata, row.tz),
        })?;
        let city = sanitize(&row.city);
        out.push(Airport {
            iata: Some(row.iata.trim().to_string()),
            icao: Some(row.icao.trim().to_string()).filter(|s| !s.is_empty()),
            name: sanitize(&row.name),
            city: Some(city).filter(|s| !s.is_empty()),
            country: row.country,
            lat: row.lat,
            lon: row.lon,
            tz,
            elevation_ft: row.elevation,
        });
    }
    Ok(out)
}
