/// One airline route from OpenFlights `routes.dat`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub airline: String,
    pub origin: String,
    pub destination: String,
    /// `true` when the line says the route is a codeshare (operated by another carrier).
    pub codeshare: bool,
    pub stops: u8,
    /// IATA aircraft type codes, most common first.
    pub equipment: Vec<String>,
}

/// Parses `routes.dat` (`airline,airline_id,src,src_id,dst,dst_id,codeshare,stops,equipment`).
/// Lines that do not have IATA airline and airport codes are skipped.
pub fn parse_routes(dat: &str) -> Vec<Route> {
    dat.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() < 9 {
                return None;
            }
            let iata2 = |s: &str| s.len() == 2 && s.chars().all(|c| c.is_ascii_alphanumeric());
            let iata3 = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase());
            if !iata2(f[0]) || !iata3(f[2]) || !iata3(f[4]) {
                return None;
            }
            Some(Route {
                airline: f[0].to_string(),
                origin: f[2].to_string(),
                destination: f[4].to_string(),
                codeshare: f[6] == "Y",
                stops: f[7].parse().unwrap_or(0),
                equipment: f[8].split_whitespace().map(str::to_string).collect(),
            })
        })
        .collect()
}
