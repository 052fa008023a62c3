//! Who flies a simulated flight: registration, ICAO 24-bit address, ATC callsign. Group airlines
//! often fly alphanumeric callsigns (DLH8MN for LH1234), which must never be read back as a
//! flight number; the ICAO flight number (DLH400) is a separate thing.

use super::carriers::is_group;
use super::registry::register;
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

/// Carriers that often fly alphanumeric ATC callsigns.
const ALPHANUMERIC_CALLSIGNS: [&str; 13] =
    ["LH", "EW", "EN", "4Y", "CL", "DE", "LX", "WK", "OS", "SN", "UA", "AA", "DL"];

pub fn identity(world: &DemoWorld, f: &FlightInstance<'_>, h: u64) -> Identity {
    let s = f.service;
    let airline = world.reference().airline(&s.carrier);
    let airline_icao = airline.and_then(|a| a.icao.clone());
    // An airline's aircraft carry its country's marks.
    let register = airline.and_then(|a| a.country.as_deref()).and_then(register);
    let (registration, icao24, flag, country_name) = match register {
        Some(reg) => {
            // Some foreign aircraft come without a registration, as in real feeds.
            let known = is_group(&s.carrier) || !(h >> 60).is_multiple_of(4);
            let (base, size) = reg.block;
            (known.then(|| reg.registration(h)), base + (h >> 20) as u32 % size, reg.flag, reg.country_name)
        }
        // A country without a register here: an address in a block of its own, no registration.
        None => (None, 0x50_0000 + (h >> 20) as u32 % 0x1000, "", ""),
    };
    let flight_icao = airline_icao.as_ref().map(|icao| format!("{icao}{}", s.number));
    let letters =
        |h: u64, n: usize| -> String { (0..n).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect() };
    // About a third of these carriers' flights use an alphanumeric ATC callsign.
    let callsign = match &airline_icao {
        Some(icao) if ALPHANUMERIC_CALLSIGNS.contains(&s.carrier.as_str()) && (h >> 40).is_multiple_of(3) => {
            Some(format!("{icao}{}{}", 1 + (h >> 42) % 9, letters(h >> 46, 2)))
        }
        _ => flight_icao.clone(),
    };
    Identity { registration, icao24: format!("{icao24:06x}"), airline_icao, flight_icao, callsign, flag, country_name }
}
