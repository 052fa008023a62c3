use crate::model::{Airline, text::sanitize};

/// Parses OpenFlights `airlines.dat` (`id,name,alias,iata,icao,callsign,country,active`, `\N` for
/// null, no header). An airline needs a two-character IATA code or a three-letter ICAO code (most
/// operators have only the latter: cargo, business jets, air forces); others are skipped, and
/// malformed lines too.
pub fn parse_airlines(dat: &str) -> Vec<Airline> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(dat.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            let field = |i: usize| r.get(i).map(str::trim).filter(|s| !s.is_empty() && *s != "\\N" && *s != "-");
            let iata = field(3).filter(|c| c.len() == 2 && c.chars().all(|c| c.is_ascii_alphanumeric()));
            let icao = field(4).filter(|c| c.len() == 3 && c.chars().all(|c| c.is_ascii_alphabetic()));
            if iata.is_none() && icao.is_none() {
                return None;
            }
            Some(Airline {
                iata: iata.map(str::to_ascii_uppercase),
                icao: icao.map(str::to_ascii_uppercase),
                name: sanitize(field(1)?),
                callsign: field(5).map(sanitize),
                country: field(6).map(sanitize),
                active: field(7) == Some("Y"),
            })
        })
        .collect()
}
