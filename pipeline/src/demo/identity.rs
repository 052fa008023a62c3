//! Who flies a simulated flight: registration, ICAO 24-bit address, ATC callsign. Group airlines
//! often fly alphanumeric callsigns (DLH8MN for LH1234), which must never be read back as a
//! flight number; the ICAO flight number (DLH400) is a separate thing.

use super::schedule::{DemoWorld, FlightInstance};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Unknown for some foreign aircraft, as in real feeds.
    pub registration: Option<String>,
    /// Lower-case hex, six digits.
    pub icao24: String,
    /// ICAO airline designator (`DLH`), when the airline has one.
    pub airline_icao: Option<String>,
    /// ICAO flight number (`DLH400`).
    pub flight_icao: Option<String>,
    /// What the transponder sends: `DLH400` or `DLH8MN`.
    pub callsign: Option<String>,
    /// ISO 3166-1 alpha-2 of the registration, and the country's name as OpenSky writes it.
    pub flag: &'static str,
    pub country_name: &'static str,
}

/// Registration prefix, its 24-bit address block (start, size), flag and country name.
fn register(carrier: &str) -> Option<(&'static str, u32, u32, &'static str, &'static str)> {
    Some(match carrier {
        "LH" | "EW" | "EN" | "4Y" | "CL" | "DE" => ("D-A", 0x3C_0000, 0x4_0000, "DE", "Germany"),
        "LX" | "WK" => ("HB-J", 0x4B_0000, 0x8000, "CH", "Switzerland"),
        "OS" => ("OE-L", 0x44_0000, 0x8000, "AT", "Austria"),
        "SN" => ("OO-S", 0x44_8000, 0x8000, "BE", "Belgium"),
        "UA" | "AA" | "DL" => ("N", 0xA0_0000, 0xE_0000, "US", "United States"),
        _ => return None,
    })
}

pub fn identity(world: &DemoWorld, f: &FlightInstance<'_>, h: u64) -> Identity {
    let s = f.service;
    let airline_icao = world.reference().airline(&s.carrier).and_then(|a| a.icao.clone());
    let letters =
        |h: u64, n: usize| -> String { (0..n).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect() };
    let (registration, icao24, flag, country_name) = match register(&s.carrier) {
        Some((prefix, base, size, flag, name)) => {
            let registration = if prefix == "N" {
                format!("N{}{}", 100 + h % 900, letters(h >> 12, 2))
            } else {
                format!("{prefix}{}", letters(h, if prefix.len() == 3 { 3 } else { 2 }))
            };
            (Some(registration), base + (h >> 20) as u32 % size, flag, name)
        }
        // Other airlines: an address in a block of its own; half of them with no registration.
        None => {
            let registration = (!h.is_multiple_of(2)).then(|| format!("G-{}", letters(h >> 3, 4)));
            (registration, 0x40_0000 + (h >> 20) as u32 % 0x4_0000, "GB", "United Kingdom")
        }
    };
    let flight_icao = airline_icao.as_ref().map(|icao| format!("{icao}{}", s.number));
    // About a third of group flights use an alphanumeric ATC callsign.
    let callsign = match (&airline_icao, register(&s.carrier)) {
        (Some(icao), Some(_)) if (h >> 40).is_multiple_of(3) => {
            Some(format!("{icao}{}{}", 1 + (h >> 42) % 9, letters(h >> 46, 2)))
        }
        _ => flight_icao.clone(),
    };
    Identity { registration, icao24: format!("{icao24:06x}"), airline_icao, flight_icao, callsign, flag, country_name }
}
