//! The bodies of skyboard's fuzz targets. Each `fuzz_targets/<name>.rs` is one line that hands
//! libFuzzer's input to the function of the same name here, so the seeds (and any crash input)
//! can also be replayed by a plain `cargo test` (see the tests at the bottom), without nightly.
//!
//! Every target must never panic; where an invariant is cheap to check, it is asserted too.

use arbitrary::Unstructured;
use chrono::{DateTime, TimeZone, Utc};
use pipeline::clean::dispatch::{self, CleanRow};
use pipeline::clean::lufthansa::SplitBody;
use pipeline::clean::{RecordContext, Rejection};
use pipeline::model::text::{is_plain, sanitize, sanitize_opt};
use pipeline::reference::Reference;
use serde_json::Value;
use serde_json::value::RawValue;
use std::sync::OnceLock;

/// Every `(source, endpoint)` skyboard cleans, in `known_endpoints()` order.
pub fn endpoints() -> &'static [(String, String)] {
    static ALL: OnceLock<Vec<(String, String)>> = OnceLock::new();
    ALL.get_or_init(|| {
        dispatch::known_endpoints()
            .map(|p| {
                let (s, e) = p.split_once('/').expect("source/endpoint");
                (s.to_string(), e.to_string())
            })
            .collect()
    })
}

/// The endpoints of one source.
pub fn endpoints_of(source: &str) -> Vec<(String, String)> {
    endpoints().iter().filter(|(s, _)| s == source).cloned().collect()
}

/// Fetch times the second input byte picks from: those of the seeds (so their records are
/// within the cleaners' time windows), plus edges.
const CLOCKS: &[i64] = &[
    1_727_164_800,   // 2024-09-24T08:00Z: Lufthansa flight status seed
    1_659_088_800,   // 2022-07-29T10:00Z: Lufthansa customer flight information seed
    1_749_118_800,   // 2025-06-05: AirLabs /flights seed
    1_787_292_000,   // 2026-08-21T06:00Z: AirLabs /schedules seed
    1_499_105_370,   // 2017-07-03: OpenSky seed
    1_795_773_600,   // 2026-11-27T10:00Z
    0,               // the UNIX epoch
    253_402_300_799, // 9999-12-31T23:59:59Z
];

/// The endpoint, fetch time and HTTP status an input picks, and the body that follows.
pub type Header<'e, 'a> = (&'e (String, String), DateTime<Utc>, u16, &'a [u8]);

/// `(endpoint, fetch time, HTTP status)` from the input's first two bytes, and the rest.
/// Byte 0 picks the endpoint (modulo the list); byte 1's low nibble the clock, its high nibble
/// the status: 0xE_ is 404, 0xF_ is 503, anything else 200.
pub fn header<'a, 'e>(list: &'e [(String, String)], data: &'a [u8]) -> Option<Header<'e, 'a>> {
    let [e, c, body @ ..] = data else { return None };
    let endpoint = &list[usize::from(*e) % list.len()];
    let clock = CLOCKS[usize::from(c & 0x0f) % CLOCKS.len()];
    let status = match c >> 4 {
        0xe => 404,
        0xf => 503,
        _ => 200,
    };
    Some((endpoint, Utc.timestamp_opt(clock, 0).unwrap(), status, body))
}

pub fn context(source: &str, endpoint: &str, fetched_at: DateTime<Utc>) -> RecordContext {
    RecordContext {
        source: source.to_string(),
        endpoint: endpoint.to_string(),
        lake_key: format!("raw/{source}/{endpoint}/fuzz.json.gz"),
        fetched_at,
    }
}

/// A rejection, compared as the property tests compare them: by the record it names.
fn key_of(r: Result<Vec<CleanRow>, Rejection>) -> Result<Vec<CleanRow>, Option<String>> {
    r.map_err(|e| e.natural_key)
}

/// Cleans one staged record both ways (from its text, as the runner does, and from the value
/// parsed from that same text) and checks that they agree and that the rows are sound.
fn clean_record(raw: &RawValue, ctx: &RecordContext) {
    let reference = Reference::embedded();
    let from_text = dispatch::clean(raw, ctx, reference);
    if let Ok(rows) = &from_text {
        check_rows(rows, ctx);
    }
    let again = dispatch::clean(raw, ctx, reference);
    assert_eq!(from_text, again, "cleaning the same record twice differs");
    // Only comparable where the value parses: the text path reports malformed JSON itself.
    if let Ok(value) = serde_json::from_str::<Value>(raw.get()) {
        let from_value = dispatch::clean_value(&value, ctx, reference);
        assert_eq!(
            key_of(from_text),
            key_of(from_value),
            "clean (text) and clean_value (parsed) disagree on {}",
            raw.get()
        );
    }
}

/// `split`, then `clean` every record, for the endpoint the input's header picks in `list`.
pub fn split_and_clean_in(list: &[(String, String)], data: &[u8]) {
    let Some(((source, endpoint), fetched_at, status, body)) = header(list, data) else { return };
    let Ok(split) = dispatch::split(source, endpoint, status, body) else { return };
    let ctx = context(source, endpoint, fetched_at);
    if let SplitBody::Records(records) = split {
        for raw in &records {
            clean_record(raw, &ctx);
        }
    }
}

/// Target `split_and_clean`: any endpoint, any body.
pub fn split_and_clean(data: &[u8]) {
    split_and_clean_in(endpoints(), data)
}

/// Target `lufthansa_records`: the Lufthansa endpoints only.
pub fn lufthansa_records(data: &[u8]) {
    static L: OnceLock<Vec<(String, String)>> = OnceLock::new();
    split_and_clean_in(L.get_or_init(|| endpoints_of("lufthansa")), data)
}

/// Target `opensky_states`: `/states/all`.
pub fn opensky_states(data: &[u8]) {
    static L: OnceLock<Vec<(String, String)>> = OnceLock::new();
    split_and_clean_in(L.get_or_init(|| endpoints_of("opensky")), data)
}

/// Target `airlabs_records`: the AirLabs endpoints; for `/flights` also the one-pass cleaner
/// of a whole body, which must give what splitting and cleaning record by record gives.
pub fn airlabs_records(data: &[u8]) {
    static L: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let list = L.get_or_init(|| endpoints_of("airlabs"));
    split_and_clean_in(list, data);
    let Some(((source, endpoint), fetched_at, status, body)) = header(list, data) else { return };
    if endpoint != "flights" {
        return;
    }
    use pipeline::clean::airlabs::{clean_airlabs_flights_body, split_airlabs_raw};
    let ctx = context(source, endpoint, fetched_at);
    let reference = Reference::embedded();
    let fast = clean_airlabs_flights_body(status, body, &ctx);
    if let Ok(results) = &fast {
        for p in results.iter().flatten() {
            check_rows(&[CleanRow::Position(Box::new(p.clone()))], &ctx);
        }
    }
    // What the runner does: split into raw records, clean each from its text.
    let by_record = split_airlabs_raw(status, body).map(|split| match split {
        SplitBody::Empty => Vec::new(),
        SplitBody::Records(records) => records.iter().map(|r| dispatch::clean(r, &ctx, reference)).collect(),
    });
    match (&fast, &by_record) {
        (Ok(f), Ok(g)) => {
            assert_eq!(f.len(), g.len(), "one-pass and record-by-record count differently");
            for (a, b) in f.iter().zip(g) {
                let b = b.as_ref().ok().map(|rows| match rows.as_slice() {
                    [CleanRow::Position(p)] => p.as_ref(),
                    other => panic!("a /flights record gave {other:?}"),
                });
                assert_eq!(a.as_ref().ok(), b, "one-pass and record-by-record disagree");
            }
        }
        (Err(_), Err(_)) => {}
        _ => panic!("one-pass {fast:?} vs record-by-record {by_record:?}"),
    }
}

/// Field names the cleaners read (and a few envelope keys), for structured documents.
#[rustfmt::skip]
const KEYS: &[&str] = &[
    "FlightStatusResource", "FlightInformation", "AirportResource", "Flights", "Flight", "Airports", "Airport",
    "ProcessingErrors", "Departure", "Arrival", "AirportCode", "ScheduledTimeLocal", "ScheduledTimeUTC",
    "EstimatedTimeLocal", "EstimatedTimeUTC", "ActualTimeLocal", "ActualTimeUTC", "DateTime", "Scheduled",
    "Estimated", "Actual", "Date", "Time", "TimeStatus", "Status", "Code", "Terminal", "Name", "Gate",
    "MarketingCarrier", "MarketingCarrierList", "OperatingCarrier", "AirlineID", "FlightNumber", "Equipment",
    "AircraftCode", "AircraftRegistration", "FlightStatus", "Names", "@LanguageCode", "$", "Position", "Coordinate",
    "Latitude", "Longitude", "TimeZoneId", "CountryCode", "CityCode", "AirlineID_ICAO", "hex", "reg_number", "lat",
    "lng", "alt", "dir", "speed", "v_speed", "squawk", "flight_icao", "flight_iata", "dep_iata", "arr_iata",
    "aircraft_icao", "updated", "status", "airline_iata", "flight_number", "cs_airline_iata", "cs_flight_number",
    "cs_flight_iata", "dep_time", "dep_time_utc", "dep_estimated", "dep_estimated_utc", "dep_actual",
    "dep_actual_utc", "arr_time", "arr_time_utc", "arr_estimated", "arr_estimated_utc", "arr_actual",
    "arr_actual_utc", "dep_terminal", "dep_gate", "arr_terminal", "arr_gate", "iata_code", "icao_code", "name",
    "city", "country_code", "timezone", "response", "error", "message", "code", "states", "time",
];

/// Strings the cleaners parse: codes, times in every form they read, zones, status words.
#[rustfmt::skip]
const STRINGS: &[&str] = &[
    "FRA", "JFK", "HND", "fra", "LH", "ac", "4Y", "DLH", "DLH400", "DLH0400", "DLH8MN", "GEC8441", "LH400", "LH1234A",
    "0841", "1234A", "00000", "99999", "3c6702", "4240EC", "2024-09-24T08:00Z", "2024-09-24T10:00",
    "2024-09-24T10:00:30", "2024-09-24T08:00:30+02:00", "2026-10-25 02:30", "2026-03-29 02:30", "2026-08-21 05:58",
    "2022-07-29", "11:35", "0000-01-01T00:00Z", "9999-12-31T23:59Z", "+262142-12-31T23:59", "-0001-01-01T00:00",
    "Europe/Berlin", "America/New_York", "UTC", "en", "EN", "DP", "CD", "DL", "NA", "scheduled", "landed", "active",
    "en-route", "cancelled", "diverted", "\u{1b}[31m", "\u{1b}]0;x\u{7}", "\u{9b}2J", "\u{202e}", "\t", " ", "",
    "€", "ÉÉ", "東京1", "NaN", "inf", "1e400", "-0", " 48.35 ",
];

#[rustfmt::skip]
const NUMBERS: &[f64] = &[
    0.0, -0.0, 1.0, -1.0, 90.0, -90.0, 180.0, -180.0, 360.0, 1e15, -1e15, 1e300, 1_499_105_360.0, 1_749_118_794.0,
    1_787_291_880.0, 9.2e18, -9.2e18, 1.5, 0.5, 841.0,
];

/// An arbitrary JSON document, biased towards the names and values the cleaners look for.
pub fn arbitrary_value(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Value> {
    let kind = if depth == 0 { u.int_in_range(0..=5)? } else { u.int_in_range(0..=7)? };
    Ok(match kind {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(*u.choose(NUMBERS)?),
        3 => match u.int_in_range(0..=2)? {
            0 => Value::from(u.arbitrary::<i64>()?),
            1 => Value::from(u.arbitrary::<u64>()?),
            _ => serde_json::Number::from_f64(u.arbitrary()?).map_or(Value::Null, Value::Number),
        },
        4 => Value::String(u.choose(STRINGS)?.to_string()),
        5 => Value::String(u.arbitrary::<String>()?),
        6 => {
            let n = u.int_in_range(0..=18)?;
            Value::Array((0..n).map(|_| arbitrary_value(u, depth - 1)).collect::<arbitrary::Result<_>>()?)
        }
        _ => {
            let n = u.int_in_range(0..=8)?;
            let mut map = serde_json::Map::new();
            for _ in 0..n {
                let key = if u.ratio(7, 8)? { u.choose(KEYS)?.to_string() } else { u.arbitrary::<String>()? };
                map.insert(key, arbitrary_value(u, depth - 1)?);
            }
            Value::Object(map)
        }
    })
}

/// Target `clean_value_json`: a structured document cleaned as one record of any endpoint,
/// from the value and from its text; and, wrapped in each endpoint's envelope, split and cleaned.
pub fn clean_value_json(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let (Ok(e), Ok(c)) = (u.arbitrary::<u8>(), u.arbitrary::<u8>()) else { return };
    let Ok(doc) = arbitrary_value(&mut u, 5) else { return };
    let Some(((source, endpoint), fetched_at, _, _)) = header(endpoints(), &[e, c]) else { return };
    let ctx = context(source, endpoint, fetched_at);
    let reference = Reference::embedded();
    // Through text and back, so both paths read the very same numbers (serde_json's default
    // float parsing is not always correctly rounded).
    let text = serde_json::to_string(&doc).expect("a Value always serializes");
    let raw = RawValue::from_string(text).expect("serialized JSON is JSON");
    let value: Value = serde_json::from_str(raw.get()).expect("serialized JSON parses");
    let from_value = dispatch::clean_value(&value, &ctx, reference);
    if let Ok(rows) = &from_value {
        check_rows(rows, &ctx);
    }
    clean_record(&raw, &ctx);
    // The same document as the single record of a response.
    let wrapped = match source.as_str() {
        "airlabs" => serde_json::json!({ "response": [value] }),
        "opensky" => serde_json::json!({ "time": 1, "states": [value] }),
        _ => {
            let (root, container, item) = lufthansa_shape(endpoint);
            let mut v = serde_json::Map::new();
            v.insert(item.into(), value);
            let mut c = serde_json::Map::new();
            c.insert(container.into(), Value::Object(v));
            let mut r = serde_json::Map::new();
            r.insert(root.into(), Value::Object(c));
            Value::Object(r)
        }
    };
    let mut body = vec![e, c & 0x0f];
    body.extend(serde_json::to_vec(&wrapped).expect("serializes"));
    split_and_clean(&body);
}

/// `(root, container, item)` of a Lufthansa list resource, as the splitter expects it.
fn lufthansa_shape(endpoint: &str) -> (&'static str, &'static str, &'static str) {
    match endpoint {
        e if e.starts_with("flightstatus") => ("FlightStatusResource", "Flights", "Flight"),
        e if e.starts_with("customerflightinformation") => ("FlightInformation", "Flights", "Flight"),
        "references-airports" => ("AirportResource", "Airports", "Airport"),
        "references-cities" => ("CityResource", "Cities", "City"),
        "references-countries" => ("CountryResource", "Countries", "Country"),
        "references-airlines" => ("AirlineResource", "Airlines", "Airline"),
        _ => ("AircraftResource", "AircraftSummaries", "AircraftSummary"),
    }
}

/// Text that is safe to store and print: no C0/C1 control, DEL or ESC, no bidi override.
fn assert_display_safe(s: &str, what: &str) {
    for c in s.chars() {
        assert!(
            !matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{200e}' | '\u{200f}'),
            "{what} holds {c:?}: {s:?}"
        );
    }
}

/// A text field of a cleaned row: display-safe, and already what `sanitize` makes of it (clipping
/// a long value to its column's width leaves no trailing space either).
fn assert_clean_text(s: &str, what: &str) {
    assert_display_safe(s, what);
    assert_eq!(sanitize(s), s, "{what} is not sanitized");
}

/// A code (IATA, ICAO, flight number, ...): printable ASCII with no surrounding space.
fn assert_code(s: &str, what: &str) {
    assert!(!s.is_empty() && is_plain(s), "{what} is not a plain code: {s:?}");
}

fn assert_opt<T>(v: &Option<T>, f: impl Fn(&T)) {
    if let Some(v) = v {
        f(v)
    }
}

/// Invariants of every cleaned row.
pub fn check_rows(rows: &[CleanRow], ctx: &RecordContext) {
    use pipeline::model::FlightKey;
    let key = |k: &FlightKey| {
        assert_code(&k.carrier, "carrier");
        assert_code(&k.number, "flight number");
        assert_code(&k.origin, "origin");
    };
    for row in rows {
        assert!(!row.natural_key().is_empty(), "empty natural key: {row:?}");
        match row {
            CleanRow::Flight(f) => {
                key(&f.key);
                assert_code(&f.destination, "destination");
                for (v, what) in [
                    (&f.dep_terminal, "dep_terminal"),
                    (&f.dep_gate, "dep_gate"),
                    (&f.arr_terminal, "arr_terminal"),
                    (&f.arr_gate, "arr_gate"),
                    (&f.source_status, "source_status"),
                    (&f.aircraft_type, "aircraft_type"),
                    (&f.registration, "registration"),
                ] {
                    assert_opt(v, |s| assert_clean_text(s, what));
                }
                assert_eq!(f.observed_at, ctx.fetched_at);
            }
            CleanRow::Codeshare(c) => {
                key(&c.leg);
                assert_code(&c.mkt_carrier, "mkt_carrier");
                assert_code(&c.mkt_number, "mkt_number");
            }
            CleanRow::Position(p) => {
                assert_code(&p.icao24, "icao24");
                assert!(p.icao24.len() == 6 && p.icao24.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')));
                assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon), "{p:?}");
                for v in [p.altitude_m, p.ground_speed_kmh, p.vertical_rate_ms] {
                    assert!(v.is_none_or(f64::is_finite), "{p:?}");
                }
                assert!(p.heading.is_none_or(|h| (0.0..=360.0).contains(&h)), "{p:?}");
                assert!((p.observed_at - ctx.fetched_at).num_days().abs() < 2, "{p:?}");
                assert_opt(&p.origin, |s| assert_code(s, "origin"));
                assert_opt(&p.destination, |s| assert_code(s, "destination"));
                assert_opt(&p.flight_iata, |s| assert_code(s, "flight_iata"));
                for (v, what) in [
                    (&p.callsign, "callsign"),
                    (&p.registration, "registration"),
                    (&p.aircraft_type, "aircraft_type"),
                    (&p.squawk, "squawk"),
                ] {
                    assert_opt(v, |s| assert_clean_text(s, what));
                }
            }
            CleanRow::Airport(a) => {
                assert_code(a.code(), "airport code");
                assert_opt(&a.iata, |s| assert_code(s, "iata"));
                assert_clean_text(&a.name, "airport name");
                assert_clean_text(&a.country, "country");
                assert_opt(&a.icao, |s| assert_clean_text(s, "icao"));
                assert_opt(&a.city, |s| assert_clean_text(s, "city"));
                assert!(a.lat.is_finite() && a.lon.is_finite());
            }
            CleanRow::Airline(a) => {
                assert_code(a.code(), "airline code");
                assert_opt(&a.iata, |s| assert_code(s, "iata"));
                assert_clean_text(&a.name, "airline name");
                assert_opt(&a.icao, |s| assert_clean_text(s, "icao"));
                assert_opt(&a.country, |s| assert_clean_text(s, "country"));
            }
            CleanRow::Country(c) => {
                assert_code(&c.code, "country code");
                assert_clean_text(&c.name, "country name");
            }
            CleanRow::City(c) => {
                assert_code(&c.code, "city code");
                assert_clean_text(&c.name, "city name");
                assert_opt(&c.country, |s| assert_code(s, "city country"));
            }
            CleanRow::Aircraft(a) => {
                assert_code(&a.code, "aircraft code");
                assert_clean_text(&a.name, "aircraft name");
            }
        }
    }
}

/// Target `sanitize`: the output is display-safe, trimmed, idempotent, and unchanged for
/// plain text.
pub fn sanitize_target(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let out = sanitize(&input);
    assert_display_safe(&out, "sanitize output");
    assert!(!out.contains('\u{1b}'));
    assert_eq!(out.trim(), out, "sanitize output is not trimmed");
    assert_eq!(sanitize(&out), out, "sanitize is not idempotent on {input:?}");
    if is_plain(&input) {
        assert_eq!(out, input, "plain text changed");
    }
    assert!(out.len() <= input.len() + input.len() / 2, "sanitize grew {input:?}");
    assert_eq!(sanitize_opt(Some(&input)), (!out.is_empty()).then(|| out.clone()));
}

/// Target `config_file`: any text as the TOML configuration file. Parsing and loading may fail
/// (with an error that formats), never panic. A file that parses is also loaded through
/// `Config::load` from a temporary file, and the result printed as TOML.
pub fn config_file(data: &[u8]) {
    use skyboard::config::{Config, FileConfig};
    let text = String::from_utf8_lossy(data);
    let path = std::path::Path::new("fuzz.toml");
    match FileConfig::parse(&text, path) {
        Err(e) => {
            let _ = e.to_string();
        }
        Ok(_) => {
            let (file, cli) = load_cli();
            std::fs::write(file, text.as_bytes()).expect("write the temporary config file");
            match Config::load(cli) {
                Ok(config) => {
                    assert_eq!(config.airports.first(), Some(&config.airport));
                    assert!(config.pipeline.interval_secs >= 1);
                    for area in [&config.positions.opensky, &config.positions.airlabs].map(|p| p.area) {
                        if let Some([s, w, n, e]) = area {
                            assert!(s < n && w < e, "{area:?}");
                        }
                    }
                    let _ = config.to_toml().expect("a loaded configuration prints as TOML");
                    let _ = format!("{config:?}");
                    let _ = config.pipeline_settings();
                    let _ = config.store_config();
                }
                Err(e) => {
                    let _ = e.to_string();
                }
            }
        }
    }
}

/// A per-process temporary config file and the command line that names it.
fn load_cli() -> (&'static std::path::Path, &'static skyboard::cli::Cli) {
    use clap::Parser;
    static CLI: OnceLock<(std::path::PathBuf, skyboard::cli::Cli)> = OnceLock::new();
    let (file, cli) = CLI.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("skyboard-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let file = dir.join("config.toml");
        // The environment must not override the file under test.
        for (k, _) in std::env::vars() {
            if ["SKYBOARD_", "LH_", "AIRLABS_", "OPENSKY_"].iter().any(|p| k.starts_with(p)) {
                // SAFETY: called once, before any other thread of this process reads the environment.
                unsafe { std::env::remove_var(k) };
            }
        }
        let cli = skyboard::cli::Cli::try_parse_from([
            "skyboard".as_ref(),
            "--config".as_ref(),
            file.as_os_str(),
            "--data-dir".as_ref(),
            dir.join("data").as_os_str(),
        ])
        .expect("the fuzz command line parses");
        (file, cli)
    });
    (file, cli)
}

/// A small deterministic generator (xorshift64*) for the mutations of the fixed corpus and the
/// timed run. Written here rather than taken from a crate: the fixed corpus must be the same
/// inputs on every machine, toolchain and dependency update, which a hand-written generator of
/// five lines guarantees and a library's `StdRng` does not promise; and it adds no dependency.
struct Mutator(u64);

impl Mutator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    /// One to four random edits of `input`: flip a bit, set a byte to an interesting value,
    /// insert or delete a run, truncate, duplicate a run, or splice in part of `other`.
    fn mutate(&mut self, input: &[u8], other: &[u8]) -> Vec<u8> {
        const INTERESTING: &[u8] = b"\0\x1b\x7f\xff\"{}[],:-.0123456789eE \\\xc2\x9b";
        let mut out = input.to_vec();
        for _ in 0..1 + self.below(4) {
            let at = self.below(out.len() + 1);
            match self.below(7) {
                0 if !out.is_empty() => {
                    let i = at.min(out.len() - 1);
                    out[i] ^= 1 << self.below(8);
                }
                1 if !out.is_empty() => {
                    let i = at.min(out.len() - 1);
                    out[i] = INTERESTING[self.below(INTERESTING.len())];
                }
                2 => {
                    let n = 1 + self.below(8);
                    let bytes: Vec<u8> = (0..n).map(|_| INTERESTING[self.below(INTERESTING.len())]).collect();
                    out.splice(at..at, bytes);
                }
                3 => {
                    let end = (at + 1 + self.below(16)).min(out.len());
                    out.drain(at.min(end)..end);
                }
                4 => out.truncate(at),
                5 if !out.is_empty() => {
                    let start = self.below(out.len());
                    let end = (start + 1 + self.below(64)).min(out.len());
                    let run = out[start..end].to_vec();
                    out.splice(at..at, run);
                }
                _ if !other.is_empty() => {
                    let start = self.below(other.len());
                    let end = (start + 1 + self.below(256)).min(other.len());
                    out.splice(at..at, other[start..end].iter().copied());
                }
                _ => {}
            }
        }
        out
    }
}

/// Where the seeds are: `seeds/` beside this crate's manifest, or `fuzz/seeds/` when this file
/// is compiled into the main workspace's tests.
pub fn seeds_dir() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if root.join("seeds").is_dir() { root.join("seeds") } else { root.join("fuzz").join("seeds") }
}

/// Mutations of the seeds in the fixed corpus of each target: as many for every target as its
/// inputs allow in about two seconds (at most) of a debug build on one core of the 2-core machine
/// (the structured JSON documents of `clean_value_json` are the slowest).
pub const FIXED_MUTATIONS: &[(&str, u64)] = &[
    ("split_and_clean", 10_000),
    ("lufthansa_records", 10_000),
    ("airlabs_records", 10_000),
    ("opensky_states", 10_000),
    ("clean_value_json", 3_000),
    ("sanitize", 100_000),
    ("config_file", 10_000),
];

/// The mutation count of `target` in the fixed corpus.
pub fn fixed_mutations(target: &str) -> u64 {
    FIXED_MUTATIONS.iter().find(|(t, _)| *t == target).map(|(_, n)| *n).expect("a known fuzz target")
}

/// Where a crashing input is written: outside the source tree, under the build's temporary
/// directory when cargo names one (integration tests), else the system's.
pub fn crash_dir(target: &str) -> std::path::PathBuf {
    let base = option_env!("CARGO_TARGET_TMPDIR").map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    base.join("skyboard-fuzz-crashes").join(target)
}

/// The inputs one run tried: the seeds, the mutations, and a digest of every input (FNV-1a), the
/// same on every machine for the fixed corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tried {
    pub seeds: u64,
    pub mutations: u64,
    pub digest: u64,
}

impl Tried {
    pub fn inputs(&self) -> u64 {
        self.seeds + self.mutations
    }
}

/// The seeds of `target`, in byte order (so the mutations are the same wherever they run).
fn seeds_of(target: &str) -> Vec<Vec<u8>> {
    let dir = seeds_dir().join(target);
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries.flatten().filter(|e| e.path().is_file()).filter_map(|e| std::fs::read(e.path()).ok()).collect()
        })
        .unwrap_or_default();
    assert!(!seeds.is_empty(), "no seeds for {target} in {}", dir.display());
    seeds.sort();
    seeds
}

/// Runs `f` on every seed of `target` once, then on mutations of the seeds (see [`Mutator`],
/// seeded by the target's name) while `more(mutations so far)` says so. A panic in the target
/// fails the run; the input that caused it is written to [`crash_dir`] first (never into the
/// source tree), so it can be replayed and kept as a seed.
fn run_mutations(target: &str, f: fn(&[u8]), mut more: impl FnMut(u64) -> bool) -> Tried {
    let seeds = seeds_of(target);
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    let mut run = |input: &[u8], n: u64| {
        for b in input.iter().chain(&[0xff]) {
            digest = (digest ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        if std::panic::catch_unwind(|| f(input)).is_err() {
            let out = crash_dir(target);
            let _ = std::fs::create_dir_all(&out);
            let file = out.join(format!("crash-{n}"));
            let _ = std::fs::write(&file, input);
            panic!("{target}: input {n} panicked; saved to {}", file.display());
        }
    };
    for (n, seed) in seeds.iter().enumerate() {
        run(seed, n as u64);
    }
    let name_seed =
        target.bytes().fold(0x5eed_0000_0000_0001_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let mut m = Mutator(name_seed | 1);
    let mut mutations = 0;
    while more(mutations) {
        let a = &seeds[m.below(seeds.len())];
        let b = &seeds[m.below(seeds.len())];
        let input = m.mutate(a, b);
        run(&input, seeds.len() as u64 + mutations);
        mutations += 1;
    }
    Tried { seeds: seeds.len() as u64, mutations, digest }
}

/// The fixed corpus of `target`, what `cargo test` runs: every seed, then
/// [`fixed_mutations`]`(target)` deterministic mutations of them. The same inputs on every
/// machine, however fast.
pub fn fixed_run(target: &str, f: fn(&[u8])) -> Tried {
    let n = fixed_mutations(target);
    run_mutations(target, f, |done| done < n)
}

/// A timed run of `target` without libFuzzer, for `scripts/fuzz.sh` (not `cargo test`): every
/// seed, then mutations until `budget` runs out; how many depends on the machine.
pub fn timed_run(target: &str, f: fn(&[u8]), budget: std::time::Duration) -> Tried {
    let started = std::time::Instant::now();
    run_mutations(target, f, |_| started.elapsed() < budget)
}

/// The crash inputs libFuzzer left in `fuzz/artifacts/<target>/` on this machine (not part of
/// the fixed corpus: they are not committed; a finding worth keeping becomes a seed).
pub fn saved_crashes(target: &str) -> Vec<std::path::PathBuf> {
    let dir = seeds_dir().with_file_name("artifacts").join(target);
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("crash-")))
        .collect();
    files.sort();
    files
}

/// A target's body: an input in, a panic if it finds a bug.
pub type Target = fn(&[u8]);

/// Every target: its name and its body.
pub const TARGETS: &[(&str, Target)] = &[
    ("split_and_clean", split_and_clean),
    ("lufthansa_records", lufthansa_records),
    ("airlabs_records", airlabs_records),
    ("opensky_states", opensky_states),
    ("clean_value_json", clean_value_json),
    ("sanitize", sanitize_target),
    ("config_file", config_file),
];

#[cfg(test)]
mod tests {
    //! The fixed corpus of every target (see [`fixed_run`](super::fixed_run)): in `cargo test`
    //! here and, through `tests/fuzz_short.rs`, in the main workspace's tests. Any crash input
    //! libFuzzer saved on this machine is replayed first (and not counted). The number of inputs
    //! per target is pinned below: it is the same on any machine; adding a seed changes it here.
    //! The timed run (`SKYBOARD_FUZZ_SECONDS` per target, default 3) is an ignored test that
    //! `scripts/fuzz.sh` runs when it cannot run libFuzzer.

    /// Inputs of each target's fixed corpus: its seeds in `fuzz/seeds/<target>/` plus its
    /// [`FIXED_MUTATIONS`](super::FIXED_MUTATIONS).
    const INPUTS: &[(&str, u64)] = &[
        ("split_and_clean", 18 + 10_000),
        ("lufthansa_records", 9 + 10_000),
        ("airlabs_records", 8 + 10_000),
        ("opensky_states", 2 + 10_000),
        ("clean_value_json", 24 + 3_000),
        ("sanitize", 11 + 100_000),
        ("config_file", 5 + 10_000),
    ];

    fn fuzz(target: &str, f: fn(&[u8])) {
        for file in super::saved_crashes(target) {
            eprintln!("{target}: replaying {}", file.display());
            f(&std::fs::read(&file).unwrap());
        }
        let tried = super::fixed_run(target, f);
        eprintln!(
            "{target}: {} inputs ({} seeds + {} mutations, digest {:016x}), no crash",
            tried.inputs(),
            tried.seeds,
            tried.mutations,
            tried.digest
        );
        let pinned = INPUTS.iter().find(|(t, _)| *t == target).map(|(_, n)| *n);
        assert_eq!(Some(tried.inputs()), pinned, "{target}: the fixed corpus's size");
    }

    #[test]
    fn every_target_has_a_pinned_corpus() {
        let names: Vec<&str> = super::TARGETS.iter().map(|(t, _)| *t).collect();
        assert_eq!(names, INPUTS.iter().map(|(t, _)| *t).collect::<Vec<_>>());
        assert_eq!(names, super::FIXED_MUTATIONS.iter().map(|(t, _)| *t).collect::<Vec<_>>());
    }

    #[test]
    fn split_and_clean_fixed_corpus() {
        fuzz("split_and_clean", super::split_and_clean);
    }

    #[test]
    fn lufthansa_records_fixed_corpus() {
        fuzz("lufthansa_records", super::lufthansa_records);
    }

    #[test]
    fn airlabs_records_fixed_corpus() {
        fuzz("airlabs_records", super::airlabs_records);
    }

    #[test]
    fn opensky_states_fixed_corpus() {
        fuzz("opensky_states", super::opensky_states);
    }

    #[test]
    fn clean_value_json_fixed_corpus() {
        fuzz("clean_value_json", super::clean_value_json);
    }

    #[test]
    fn sanitize_fixed_corpus() {
        fuzz("sanitize", super::sanitize_target);
    }

    #[test]
    fn config_file_fixed_corpus() {
        fuzz("config_file", super::config_file);
    }

    /// The timed run of every target, `SKYBOARD_FUZZ_SECONDS` (default 3) each: how many inputs
    /// it tries depends on the machine, so it is not part of `cargo test`; `scripts/fuzz.sh`
    /// runs it (`cargo test --lib -- --ignored`) where libFuzzer cannot run.
    #[test]
    #[ignore = "time-budgeted: scripts/fuzz.sh runs it"]
    fn timed_run_of_every_target() {
        let secs = std::env::var("SKYBOARD_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3.0_f64);
        let budget = std::time::Duration::from_secs_f64(secs.max(0.0));
        for (target, f) in super::TARGETS {
            let tried = super::timed_run(target, *f, budget);
            eprintln!("{target}: {} inputs in {secs} s, no crash", tried.inputs());
        }
    }
}
