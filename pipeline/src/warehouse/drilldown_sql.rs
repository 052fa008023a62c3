//! SQL of the drill-down reads (airport day, flight detail, world map, search) and of the status
//! history. Plain `?` placeholders work on both backends; the search, which computes with times,
//! differs by dialect and is built from one template per dialect (see [`sqlite`], [`mysql`]).
//!
//! Text matching: `LIKE … ESCAPE '!'` (the same on both: MySQL reads a backslash in a literal
//! as an escape of its own) with every pattern bound, its wildcards escaped by [`like_escape`].
//! Codes are stored upper-case and compared with upper-cased input, because MySQL's
//! `utf8mb4_bin` compares case-sensitively where SQLite's `LIKE` does not.

/// `observed_at` of the first time the warehouse saw a leg in each (status, source status,
/// source); a missing source status is stored as `''` so that it takes part in the key.
pub const STATUS_HISTORY_INSERT: &str = "INSERT INTO flight_status_history
  (carrier, flight_number, origin, dep_local_date, status, source_status, source, observed_at) ";
/// SQLite: an older observation of a known status (a replayed batch) moves its time back.
pub const STATUS_HISTORY_UPSERT_SQLITE: &str =
    " ON CONFLICT(dep_local_date, carrier, flight_number, origin, status, source_status, source)
  DO UPDATE SET observed_at = excluded.observed_at WHERE excluded.observed_at < flight_status_history.observed_at";
pub const STATUS_HISTORY_UPSERT_MYSQL: &str =
    " ON DUPLICATE KEY UPDATE observed_at = LEAST(observed_at, VALUES(observed_at))";

/// One leg by its key (`FLIGHT_SELECT` columns).
pub static FLIGHT_BY_KEY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{} WHERE carrier = ? AND flight_number = ? AND origin = ? AND dep_local_date = ?",
        super::sql::FLIGHT_SELECT.as_str()
    )
});

pub const CODESHARES_OF_LEG: &str = "SELECT mkt_carrier, mkt_number FROM flight_codeshares
 WHERE carrier = ? AND flight_number = ? AND origin = ? AND dep_local_date = ?
 ORDER BY mkt_carrier, mkt_number";

pub const STATUS_HISTORY_OF_LEG: &str = "SELECT observed_at, status, source_status, source FROM flight_status_history
 WHERE carrier = ? AND flight_number = ? AND origin = ? AND dep_local_date = ?
 ORDER BY observed_at, status, source_status, source";

pub const AIRLINE_ICAO: &str = "SELECT icao FROM airlines WHERE iata = ?";

/// The IATA designator of an ICAO airline code (an active airline first, when codes were reused).
pub const AIRLINE_BY_ICAO: &str = "SELECT iata FROM airlines WHERE icao = ? ORDER BY active DESC, iata LIMIT 1";

/// Departures of one airport in a UTC range, with their destination's city.
pub const DAY_DEPARTURES: &str = "SELECT f.destination, a.city AS destination_city, f.sched_dep_utc, f.est_dep_utc,
        f.act_dep_utc, f.status
 FROM flights f LEFT JOIN airports a ON a.iata = f.destination
 WHERE f.origin = ? AND f.sched_dep_utc >= ? AND f.sched_dep_utc < ?";

/// Arrivals of one airport in a UTC range: by the scheduled arrival, else the scheduled departure.
/// Two index ranges (destination, sched_arr_utc) rather than one `COALESCE`, which no index serves.
pub const DAY_ARRIVALS: &str = "SELECT sched_arr_utc, sched_dep_utc, est_arr_utc, act_arr_utc, status
 FROM flights
 WHERE destination = ?
   AND ((sched_arr_utc >= ? AND sched_arr_utc < ?)
        OR (sched_arr_utc IS NULL AND sched_dep_utc >= ? AND sched_dep_utc < ?))";

/// The newest points of an aircraft's track since a time (newest first; the caller reverses them).
pub const TRAIL: &str = "SELECT icao24, observed_at, lat, lon, altitude_m, ground_speed_kmh, heading, source
 FROM position_history WHERE icao24 = ? AND observed_at >= ?
 ORDER BY observed_at DESC LIMIT 500";

/// Legs of one flight designator scheduled in a UTC range (through `flights_designator` by a
/// range of local dates). Binds: the designator, the dates, the times.
pub const LEGS_OF_DESIGNATOR: &str = "SELECT carrier, flight_number, origin, dep_local_date, sched_dep_utc FROM flights
 WHERE designator = ? AND dep_local_date >= ? AND dep_local_date <= ? AND sched_dep_utc >= ? AND sched_dep_utc <= ?";

/// Airports by code, city or name: exact code (0), city or name prefix (1), code prefix (2),
/// city or name containing the text (3); within a rank airports with departures first, then by
/// code (IATA, else ICAO). Binds: the upper-cased text twice, the lower-cased prefix pattern twice, the
/// escaped code prefix pattern twice, the lower-cased contains pattern twice, the limit.
pub const FIND_AIRPORTS: &str = "SELECT iata, icao, name, city, country, lat, lon, tz, elevation_ft FROM (
   SELECT code, iata, icao, name, city, country, lat, lon, tz, elevation_ft,
     CASE WHEN iata = ? OR icao = ? THEN 0
          WHEN LOWER(city) LIKE ? ESCAPE '!' OR LOWER(name) LIKE ? ESCAPE '!' THEN 1
          WHEN iata LIKE ? ESCAPE '!' OR icao LIKE ? ESCAPE '!' THEN 2
          WHEN LOWER(city) LIKE ? ESCAPE '!' OR LOWER(name) LIKE ? ESCAPE '!' THEN 3
     END AS match_rank,
     EXISTS (SELECT 1 FROM flights f WHERE f.origin = airports.iata) AS has_flights
   FROM airports
 ) m WHERE match_rank IS NOT NULL ORDER BY match_rank, has_flights DESC, code LIMIT ?";

/// Escapes `LIKE` wildcards (`%`, `_`) and the escape character itself for `ESCAPE '!'`.
pub fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '%' | '_' | '!') {
            out.push('!');
        }
        out.push(c);
    }
    out
}

/// The columns of a position the map shows (`Warehouse::map_positions`), in this order: not the
/// registration, aircraft type, vertical rate, squawk or lake key, which are a fifth of a row's
/// bytes and none of its picture.
macro_rules! map_columns {
    () => {
        "icao24, callsign, flight_iata, origin, destination, lat, lon, altitude_m, ground_speed_kmh, heading, \
         on_ground, source, observed_at"
    };
}
pub(super) use map_columns;

/// The map's latest positions observed at or after a bound time, by aircraft (MariaDB: in the
/// clustered key's order, a scan of the table, which holds one row per aircraft, most of them
/// recent while a pipeline runs: cheaper than the `positions_observed` range and a sort).
pub const MAP_LATEST: &str =
    concat!("SELECT ", map_columns!(), " FROM positions FORCE INDEX (PRIMARY) WHERE observed_at >= ? ORDER BY icao24");

/// The candidate legs of the map's positions on MariaDB, in one range read: every leg scheduled
/// within the positions' window (and departing within its local dates), from `flights_scheduled`
/// alone; the legs of flight numbers no position flies are dropped as they arrive. (Matching the
/// positions' flight numbers in SQL made the server materialize them first, which cost several
/// times the range.) Which leg is a position's is decided per position by
/// [`map_legs`](super::map_legs); every bound is bound, computed from the positions' times
/// (`map_legs::CandidateWindow`), so no time arithmetic in SQL. SQLite's read looks the flight
/// numbers up instead (`sqlite_map`). Binds: the earliest and latest scheduled departure, the
/// first and last local date.
pub const MAP_LEGS: &str = "SELECT f.designator, f.sched_dep_utc, f.origin, f.status FROM flights f
 WHERE f.sched_dep_utc >= ? AND f.sched_dep_utc <= ?
   AND f.dep_local_date >= ? AND f.dep_local_date <= ?";

/// `FIND_FLIGHTS` of a dialect: `$near` (`f`) is a dialect's `near_position!`, `$near_now` the
/// distance of `m.sched_dep_utc` from a bound time.
///
/// Legs by designator prefix (the range serves `flights_designator`, the `LIKE` states the
/// match), by ICAO airline code + number prefix, and by a position's callsign prefix through its
/// flight number; one row per leg (`UNION`), nearest to the time first. Binds: designator range
/// low and high, designator pattern, ICAO pattern, number pattern, callsign pattern, the time,
/// the limit.
macro_rules! find_flights {
    (near: $near:expr, near_now: $near_now:literal) => {
        concat!(
            "SELECT carrier, flight_number, origin, dep_local_date, destination, sched_dep_utc, status FROM (
   SELECT f.carrier, f.flight_number, f.origin, f.dep_local_date, f.destination, f.sched_dep_utc, f.status
   FROM flights f WHERE f.designator >= ? AND f.designator < ? AND f.designator LIKE ? ESCAPE '!'
   UNION
   SELECT f.carrier, f.flight_number, f.origin, f.dep_local_date, f.destination, f.sched_dep_utc, f.status
   FROM airlines a JOIN flights f ON f.carrier = a.iata
   WHERE a.icao LIKE ? ESCAPE '!' AND f.flight_number LIKE ? ESCAPE '!'
   UNION
   SELECT f.carrier, f.flight_number, f.origin, f.dep_local_date, f.destination, f.sched_dep_utc, f.status
   FROM positions p JOIN flights f ON ",
            $near,
            "
   WHERE p.callsign LIKE ? ESCAPE '!'
 ) m ORDER BY ",
            $near_now,
            ", m.sched_dep_utc, m.carrier, m.flight_number, m.origin LIMIT ?"
        )
    };
}

/// SQLite: times are RFC 3339 text (`…T10:00:00+00:00`), so bounds computed from a time are
/// written the same way, to compare as text and keep the index; distances in days (`julianday`).
pub mod sqlite {
    /// Legs `f` of position `p`'s flight number scheduled within −18 h…+6 h of its observation:
    /// through `flights_designator` by the local date (within two days of the observation's),
    /// then by the scheduled departure.
    macro_rules! near_position {
        () => {
            "f.designator = p.flight_iata
              AND f.dep_local_date >= date(p.observed_at, '-2 days')
              AND f.dep_local_date <= date(p.observed_at, '+1 day')
              AND f.sched_dep_utc >= strftime('%Y-%m-%dT%H:%M:%S+00:00', p.observed_at, '-18 hours')
              AND f.sched_dep_utc <= strftime('%Y-%m-%dT%H:%M:%S+00:00', p.observed_at, '+6 hours')"
        };
    }

    pub const FIND_FLIGHTS: &str =
        find_flights!(near: near_position!(), near_now: "ABS(julianday(m.sched_dep_utc) - julianday(?))");
}

/// MySQL and MariaDB: `DATETIME(6)` arithmetic. (MariaDB resolves no outer column in a derived
/// table, but does in a subquery's `ORDER BY`.)
pub mod mysql {
    /// As in [`sqlite`](super::sqlite).
    macro_rules! near_position {
        () => {
            "f.designator = p.flight_iata
            AND f.dep_local_date >= DATE(p.observed_at) - INTERVAL 2 DAY
            AND f.dep_local_date <= DATE(p.observed_at) + INTERVAL 1 DAY
            AND f.sched_dep_utc >= p.observed_at - INTERVAL 18 HOUR
            AND f.sched_dep_utc <= p.observed_at + INTERVAL 6 HOUR"
        };
    }

    pub const FIND_FLIGHTS: &str =
        find_flights!(near: near_position!(), near_now: "ABS(TIMESTAMPDIFF(MICROSECOND, ?, m.sched_dep_utc))");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escape("%' OR 1=1 --"), "!%' OR 1=1 --");
        assert_eq!(like_escape("a_b!c"), "a!_b!!c");
        assert_eq!(like_escape("LH4"), "LH4");
    }

    #[test]
    fn each_dialect_has_its_time_arithmetic() {
        assert!(sqlite::FIND_FLIGHTS.contains("julianday(m.sched_dep_utc)"));
        assert!(mysql::FIND_FLIGHTS.contains("INTERVAL 18 HOUR"));
        assert_eq!(MAP_LATEST.matches('?').count(), 1);
        assert_eq!(MAP_LEGS.matches('?').count(), 4);
        for sql in [sqlite::FIND_FLIGHTS, mysql::FIND_FLIGHTS] {
            assert_eq!(sql.matches('?').count(), 8, "{sql}");
        }
    }
}
