use super::ReferenceError;
use crate::model::{Airport, text::sanitize};
use serde::Deserialize;

/// One line, borrowed from the record it is read into (no copy of the text but what is kept).
#[derive(Deserialize)]
struct Row<'a> {
    icao: &'a str,
    iata: &'a str,
    name: &'a str,
    city: &'a str,
    country: &'a str,
    elevation: Option<f64>,
    lat: f64,
    lon: f64,
    tz: &'a str,
}

/// Parses airportsdata's `airports.csv` (header `icao,iata,name,city,subd,country,elevation,lat,lon,tz,lid`).
/// Rows without an IATA code are skipped.
pub fn parse_airports(csv_text: &str) -> Result<Vec<Airport>, ReferenceError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let parse_error = |e: csv::Error| ReferenceError::Parse {
        line: e.position().map(|p| p.line()).unwrap_or(0),
        message: e.to_string(),
    };
    let headers = reader.headers().map_err(parse_error)?.clone();
    let mut record = csv::StringRecord::new();
    let mut out = Vec::with_capacity(csv_text.len() / 100);
    while reader.read_record(&mut record).map_err(parse_error)? {
        let row: Row<'_> = record.deserialize(Some(&headers)).map_err(parse_error)?;
        if row.iata.trim().is_empty() {
            continue;
        }
        let tz = row.tz.parse().map_err(|_| ReferenceError::Parse {
            line: 0,
            message: format!("airport {}: unknown time zone {:?}", row.iata, row.tz),
        })?;
        let city = sanitize(row.city);
        out.push(Airport {
            iata: Some(row.iata.trim().to_string()),
            icao: Some(row.icao.trim()).filter(|s| !s.is_empty()).map(str::to_string),
            name: sanitize(row.name),
            city: Some(city).filter(|s| !s.is_empty()),
            country: row.country.to_string(),
            lat: row.lat,
            lon: row.lon,
            tz,
            elevation_ft: row.elevation,
        });
    }
    Ok(out)
}
