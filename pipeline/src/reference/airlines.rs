use crate::model::{Airline, text::sanitize};

/// Parses OpenFlights `airlines.dat` (`id,name,alias,iata,icao,callsign,country,active`, `\N` for
/// null, no header). Airlines without a two-character IATA code are skipped; malformed lines too.
pub fn parse_airlines(dat: &str) -> Vec<Airline> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(dat.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            let field = |i: usize| r.get(i).map(str::trim).filter(|s| !s.is_empty() && *s != "\\N" && *s != "-");
            let iata = field(3)?;
            if iata.len() != 2 || !iata.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            Some(Airline {
                iata: iata.to_ascii_uppercase(),
                icao: field(4).filter(|s| s.len() == 3).map(str::to_string),
                name: sanitize(field(1)?),
                callsign: field(5).map(sanitize),
                country: field(6).map(sanitize),
                active: field(7) == Some("Y"),
            })
        })
        .collect()
}
