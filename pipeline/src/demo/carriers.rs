//! Which carriers fly in the demo world, and who belongs with whom: the Lufthansa group, its Star
//! Alliance partners, and the carriers of the 2017 OpenFlights routes that no longer fly.

use crate::reference::Reference;

/// Carriers of the Lufthansa group: they fly their hubs' short-haul routes several times a day.
pub const GROUP: [&str; 9] = ["LH", "LX", "OS", "SN", "EW", "EN", "4Y", "WK", "CL"];

/// Star Alliance members outside the group whose flights the group markets and who market the
/// group's flights (2024 membership).
pub const STAR_PARTNERS: [&str; 21] = [
    "A3", "AC", "AI", "AV", "BR", "CA", "CM", "ET", "LO", "MS", "NH", "NZ", "OU", "OZ", "SA", "SK", "SQ", "TG", "TK",
    "TP", "UA",
];

/// Carriers that `airlines.dat` still marks active but that fly none of the routes the 2017
/// OpenFlights data gives them today: ceased, merged away, or shut out of the hubs' airspace.
/// `airlines.dat` is a snapshot of its own (its `active` column is years old), so the list is
/// kept by hand; AZ is not on it: Alitalia ceased in 2021, but ITA Airways flies as AZ.
pub const NOT_FLYING: [(&str, &str); 31] = [
    ("3L", "Intersky, ceased 2015"),
    ("4T", "Belair, ceased 2012"),
    ("4U", "Germanwings, flight operations folded into Eurowings in 2020"),
    ("9W", "Jet Airways, ceased 2019"),
    ("AB", "Air Berlin, ceased 2017"),
    ("AP", "Air One, folded into Alitalia in 2014"),
    ("B2", "Belavia, banned from EU airspace since 2021"),
    ("BE", "Flybe, ceased 2020 (its 2022 successor in 2023)"),
    ("BM", "bmi regional, ceased 2019"),
    ("CY", "Cyprus Airways of these routes, ceased 2015 (today's CY flies none of them)"),
    ("DN", "Senegal Airlines, ceased 2016"),
    ("F7", "Flybaboo / Darwin Airline, ceased 2017"),
    ("HG", "Niki, ceased 2017"),
    ("IG", "Meridiana / Air Italy, ceased 2020"),
    ("JA", "B&H Airlines of these routes, ceased 2015 (JA is JetSMART's code now)"),
    ("JP", "Adria Airways, ceased 2019"),
    ("K2", "Eurolot, ceased 2015"),
    ("LT", "Air Lituanica, ceased 2015"),
    ("MT", "Thomas Cook Airlines, ceased 2019"),
    ("OV", "Estonian Air, ceased 2015"),
    ("PS", "Ukraine International, grounded since 2022 (Ukrainian airspace closed)"),
    ("S7", "S7 Airlines, banned from EU and Swiss airspace since 2022"),
    ("ST", "Germania, ceased 2019"),
    ("SU", "Aeroflot, banned from EU and Swiss airspace since 2022"),
    ("SX", "SkyWork, ceased 2018"),
    ("U6", "Ural Airlines, banned from EU and Swiss airspace since 2022"),
    ("UN", "Transaero, ceased 2015"),
    ("US", "US Airways, merged into American Airlines in 2015"),
    ("YM", "Montenegro Airlines, ceased 2020"),
    ("YQ", "Polet Airlines, ceased 2014"),
    ("ZB", "Monarch Airlines, ceased 2017"),
];

/// Closed airports and where their flights went: Berlin Tegel and Schönefeld closed in 2020
/// when BER opened.
pub const MOVED_AIRPORTS: [(&str, &str); 2] = [("TXL", "BER"), ("SXF", "BER")];

pub fn is_group(carrier: &str) -> bool {
    GROUP.contains(&carrier)
}

pub fn is_star_partner(carrier: &str) -> bool {
    STAR_PARTNERS.contains(&carrier)
}

/// Does `carrier` fly today: known to the reference, active there, and not on [`NOT_FLYING`]?
pub fn flies(reference: &Reference, carrier: &str) -> bool {
    reference.airline(carrier).is_some_and(|a| a.active) && !NOT_FLYING.iter().any(|(c, _)| *c == carrier)
}

/// Where flights to a closed airport land today.
pub fn current_airport(code: &str) -> &str {
    MOVED_AIRPORTS.iter().find(|(old, _)| *old == code).map_or(code, |(_, new)| new)
}

/// The group carrier whose hub `airport` is: its flights carry the partners' flights' codes there.
pub fn hub_carrier(airport: &str) -> Option<&'static str> {
    Some(match airport {
        "FRA" | "MUC" => "LH",
        "ZRH" => "LX",
        "VIE" => "OS",
        "BRU" => "SN",
        _ => return None,
    })
}
