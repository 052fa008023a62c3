//! What every cleaned row must be, whatever the input: display-safe, sanitized text; plain codes;
//! the invariants the fuzz targets assert on what the cleaners make.

use pipeline::clean::RecordContext;
use pipeline::clean::dispatch::CleanRow;
use pipeline::model::text::{is_plain, sanitize};

/// Text that is safe to store and print: no C0/C1 control, DEL or ESC, no bidi override.
pub(crate) fn assert_display_safe(s: &str, what: &str) {
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
