//! SQL shared by the SQLite and MySQL warehouses: column lists, the merge rule of every flight
//! column and the board queries (plain `?` placeholders work on both). Binding and decoding rows
//! in these column orders: `sql_rows.rs`.

/// How an upsert treats a column when the flight already exists and the new observation is at
/// least as new as the stored one. (An older observation changes nothing at all.)
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Take the new value.
    Replace,
    /// Take the new value unless it is NULL (a source that does not know a gate does not erase it).
    KeepIfNull,
}

pub const FLIGHT_KEY: [&str; 4] = ["carrier", "flight_number", "origin", "dep_local_date"];

/// Every non-key flight column, in bind order, with its merge rule. `observed_at` stays last:
/// MySQL evaluates assignments left to right, and the others compare against the old value.
pub const FLIGHT_COLUMNS: [(&str, Merge); 18] = [
    ("destination", Merge::Replace),
    ("sched_dep_utc", Merge::Replace),
    ("est_dep_utc", Merge::KeepIfNull),
    ("act_dep_utc", Merge::KeepIfNull),
    ("sched_arr_utc", Merge::KeepIfNull),
    ("est_arr_utc", Merge::KeepIfNull),
    ("act_arr_utc", Merge::KeepIfNull),
    ("dep_terminal", Merge::KeepIfNull),
    ("dep_gate", Merge::KeepIfNull),
    ("arr_terminal", Merge::KeepIfNull),
    ("arr_gate", Merge::KeepIfNull),
    ("status", Merge::Replace),
    ("source_status", Merge::KeepIfNull),
    ("aircraft_type", Merge::KeepIfNull),
    ("registration", Merge::KeepIfNull),
    ("source", Merge::Replace),
    ("lake_key", Merge::Replace),
    ("observed_at", Merge::Replace),
];

/// `INSERT INTO flights (…every column…) ` and `SELECT …every column… FROM flights`, built once.
pub static FLIGHT_INSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(flight_insert_head);
pub static FLIGHT_SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(flight_select);

pub fn flight_insert_head() -> String {
    let cols: Vec<&str> = FLIGHT_KEY.iter().copied().chain(FLIGHT_COLUMNS.iter().map(|(c, _)| *c)).collect();
    format!("INSERT INTO flights ({}) ", cols.join(", "))
}

/// SQLite: `ON CONFLICT … DO UPDATE … WHERE excluded.observed_at >= flights.observed_at`.
pub fn flight_upsert_sqlite() -> String {
    let sets: Vec<String> = FLIGHT_COLUMNS
        .iter()
        .map(|(c, m)| match m {
            Merge::Replace => format!("{c} = excluded.{c}"),
            Merge::KeepIfNull => format!("{c} = COALESCE(excluded.{c}, flights.{c})"),
        })
        .collect();
    format!(
        " ON CONFLICT({}) DO UPDATE SET {} WHERE excluded.observed_at >= flights.observed_at",
        FLIGHT_KEY.join(", "),
        sets.join(", ")
    )
}

/// MySQL and MariaDB: `ON DUPLICATE KEY UPDATE` with `VALUES()` (MariaDB has no `AS new` alias).
pub fn flight_upsert_mysql() -> String {
    let newer = "VALUES(observed_at) >= observed_at";
    let sets: Vec<String> = FLIGHT_COLUMNS
        .iter()
        .map(|(c, m)| match m {
            Merge::Replace => format!("{c} = IF({newer}, VALUES({c}), {c})"),
            Merge::KeepIfNull => format!("{c} = IF({newer}, COALESCE(VALUES({c}), {c}), {c})"),
        })
        .collect();
    format!(" ON DUPLICATE KEY UPDATE {}", sets.join(", "))
}

/// The shipped reference data's row in `reference_seed`: it holds the edition (a digest of the
/// data, `Reference::edition`) the warehouse was seeded with; another edition is upserted once.
pub const SEED_NAME: &str = "assets";
pub const SEED_EDITION: &str = "SELECT edition FROM reference_seed WHERE name = ?";
pub const SEED_EDITION_DELETE: &str = "DELETE FROM reference_seed WHERE name = ?";
pub const SEED_EDITION_INSERT: &str = "INSERT INTO reference_seed (name, edition) VALUES (?, ?)";

/// The leader's fence (`leader_epoch`): a new leader bumps the epoch; a load proves it is still
/// the leader's by touching the row with its epoch, as its transaction's first statement.
pub const EPOCH_BUMP: &str = "UPDATE leader_epoch SET epoch = epoch + 1, holder = ? WHERE id = 1";
pub const EPOCH_READ: &str = "SELECT epoch FROM leader_epoch WHERE id = 1";
pub const EPOCH_FENCE: &str = "UPDATE leader_epoch SET loads = loads + 1 WHERE id = 1 AND epoch = ?";

/// Marks airports as fetched by the pipeline; the codes follow, then `)`.
pub const MARK_FETCHED: &str = "UPDATE airports SET fetched = 1 WHERE code IN (";

pub const AIRPORT_INSERT: &str =
    "INSERT INTO airports (code, iata, icao, name, city, country, lat, lon, tz, elevation_ft) ";
pub const AIRLINE_INSERT: &str = "INSERT INTO airlines (code, iata, icao, name, callsign, country, active) ";
pub const COUNTRY_INSERT: &str = "INSERT INTO countries (code, name) ";
pub const CITY_INSERT: &str = "INSERT INTO cities (code, name, country) ";
pub const AIRCRAFT_INSERT: &str = "INSERT INTO aircraft (code, icao, name) ";
pub const RUN_INSERT: &str = "INSERT INTO pipeline_runs (started_at, finished_at, source, endpoint, stage, lake_key, records, rejects, loaded, ok, error, instance, run_key) ";
pub const RUN_UPSERT_SQLITE: &str = " ON CONFLICT(run_key) DO UPDATE SET finished_at = excluded.finished_at,
  records = excluded.records, rejects = excluded.rejects, loaded = excluded.loaded, ok = excluded.ok, error = excluded.error, instance = excluded.instance";
pub const RUN_UPSERT_MYSQL: &str =
    " ON DUPLICATE KEY UPDATE finished_at = VALUES(finished_at), records = VALUES(records),
  rejects = VALUES(rejects), loaded = VALUES(loaded), ok = VALUES(ok), error = VALUES(error), instance = VALUES(instance)";
pub const REJECT_COLUMNS: &str = "(source, endpoint, lake_key, ordinal, natural_key, reason, rejected_at) ";

/// A board's window over `flights f`, for departures (`dep`) or arrivals (`arr`). Its five binds,
/// in order: airport, window start, window end, gone before, cancelled before (see `bind_board_window!`).
macro_rules! board_window {
    (dep) => {
        " WHERE f.origin = ? AND f.sched_dep_utc >= ? AND f.sched_dep_utc < ?
   AND (f.act_dep_utc IS NULL OR f.act_dep_utc >= ?)
   AND NOT (f.status = 'cancelled' AND f.sched_dep_utc < ?)"
    };
    (arr) => {
        " WHERE f.destination = ? AND f.sched_arr_utc >= ? AND f.sched_arr_utc < ?
   AND (f.act_arr_utc IS NULL OR f.act_arr_utc >= ?)
   AND NOT (f.status = 'cancelled' AND f.sched_arr_utc < ?)"
    };
}

/// Binds `board_window!`'s five parameters for `airport` and a `BoardWindow`.
macro_rules! bind_board_window {
    ($query:expr, $airport:expr, $w:expr) => {
        $query.bind($airport).bind($w.from).bind($w.to).bind($w.gone_before).bind($w.cancelled_before)
    };
}

/// The legs of a board, joined to codeshares by leg (`$also`: more conditions on them).
macro_rules! codeshares_of_board {
    ($side:tt, $also:literal) => {
        concat!(
            "SELECT c.carrier, c.flight_number, c.origin, c.dep_local_date, c.mkt_carrier, c.mkt_number
 FROM flight_codeshares c JOIN flights f ON f.carrier = c.carrier AND f.flight_number = c.flight_number
   AND f.origin = c.origin AND f.dep_local_date = c.dep_local_date",
            board_window!($side),
            $also,
            " ORDER BY c.mkt_carrier, c.mkt_number"
        )
    };
}

/// A board row's columns from `flights f`: the departure side's times, terminal, gate and the
/// destination (`dep`), or the arrival side's and the origin (`arr`).
macro_rules! board_select {
    (dep) => {
        "SELECT f.carrier, f.flight_number, f.origin, f.dep_local_date, al.name AS airline,
        f.destination AS other, a.city AS other_city,
        f.sched_dep_utc AS scheduled, f.est_dep_utc AS estimated, f.act_dep_utc AS actual,
        f.dep_terminal AS terminal, f.dep_gate AS gate, f.status
 FROM flights f LEFT JOIN airports a ON a.iata = f.destination LEFT JOIN airlines al ON al.iata = f.carrier"
    };
    (arr) => {
        "SELECT f.carrier, f.flight_number, f.origin, f.dep_local_date, al.name AS airline,
        f.origin AS other, a.city AS other_city,
        f.sched_arr_utc AS scheduled, f.est_arr_utc AS estimated, f.act_arr_utc AS actual,
        f.arr_terminal AS terminal, f.arr_gate AS gate, f.status
 FROM flights f LEFT JOIN airports a ON a.iata = f.origin LEFT JOIN airlines al ON al.iata = f.carrier"
    };
}

pub const BOARD_DEPARTURES: &str =
    concat!(board_select!(dep), board_window!(dep), " ORDER BY f.sched_dep_utc, f.carrier, f.flight_number LIMIT ?");

pub const BOARD_ARRIVALS: &str =
    concat!(board_select!(arr), board_window!(arr), " ORDER BY f.sched_arr_utc, f.carrier, f.flight_number LIMIT ?");

/// The codeshares of the legs a departures board shows (same window, same binds but the limit).
pub const BOARD_DEPARTURES_CODESHARES: &str = codeshares_of_board!(dep, "");
pub const BOARD_ARRIVALS_CODESHARES: &str = codeshares_of_board!(arr, "");

/// A route: the legs from one airport to another scheduled to depart in the window, by their
/// departure (binds: the departures window's five, the destination, the limit).
pub const ROUTE_DEPARTURES: &str = concat!(
    board_select!(dep),
    board_window!(dep),
    " AND f.destination = ? ORDER BY f.sched_dep_utc, f.carrier, f.flight_number LIMIT ?"
);

/// The same legs as [`ROUTE_DEPARTURES`], by their arrival (same binds); as on an airport's
/// arrivals board, a leg without a scheduled arrival is not on it.
pub const ROUTE_ARRIVALS: &str = concat!(
    board_select!(arr),
    board_window!(dep),
    " AND f.destination = ? AND f.sched_arr_utc IS NOT NULL ORDER BY f.sched_arr_utc, f.carrier, f.flight_number LIMIT ?"
);

/// The codeshares of a route's legs (binds: the window's five, the destination).
pub const ROUTE_CODESHARES: &str = codeshares_of_board!(dep, " AND f.destination = ?");

/// An airline's legs of one local departure date, by their departure (binds: the carrier
/// code, the date, the limit).
pub const AIRLINE_LEGS: &str = concat!(
    board_select!(dep),
    " WHERE f.carrier = ? AND f.dep_local_date = ? ORDER BY f.sched_dep_utc, f.flight_number, f.origin LIMIT ?"
);

/// The zones of the origins of an airline's legs of one date (binds: the carrier code, the date).
pub const AIRLINE_ORIGIN_ZONES: &str =
    "SELECT DISTINCT a.code, a.tz FROM flights f JOIN airports a ON a.code = f.origin
 WHERE f.carrier = ? AND f.dep_local_date = ?";

/// Airlines by code or name: exact IATA or ICAO code (0), name prefix (1), name containing the
/// text (2); within a rank those with legs first, then active ones, then by code. Binds: the
/// upper-cased text twice, the lower-cased prefix pattern, the contains pattern, the limit.
pub const FIND_AIRLINES: &str = "SELECT iata, icao, name, callsign, country, active FROM (
   SELECT code, iata, icao, name, callsign, country, active,
     CASE WHEN iata = ? OR icao = ? THEN 0
          WHEN LOWER(name) LIKE ? ESCAPE '!' THEN 1
          WHEN LOWER(name) LIKE ? ESCAPE '!' THEN 2
     END AS match_rank,
     EXISTS (SELECT 1 FROM flights f WHERE f.carrier = airlines.code) AS has_flights
   FROM airlines
 ) m WHERE match_rank IS NOT NULL ORDER BY match_rank, has_flights DESC, active DESC, code LIMIT ?";

/// An airport's columns and `has_legs` (1 when any leg departs from or arrives at it).
macro_rules! places_select {
    () => {
        "SELECT iata, icao, name, city, country, lat, lon, tz, elevation_ft,
   CASE WHEN EXISTS (SELECT 1 FROM flights f WHERE f.origin = airports.code)
          OR EXISTS (SELECT 1 FROM flights f WHERE f.destination = airports.code) THEN 1 ELSE 0 END AS has_legs
 FROM airports"
    };
}

/// The airports of a country (bind: the ISO code, the limit), each with whether the warehouse
/// holds any leg from or to it (two index probes).
pub const PLACES_IN_COUNTRY: &str = concat!(places_select!(), " WHERE country = ? ORDER BY code LIMIT ?");

/// The airports serving a city, case ignored (binds: the lower-cased name, the limit).
pub const PLACES_IN_CITY: &str = concat!(places_select!(), " WHERE LOWER(city) = ? ORDER BY code LIMIT ?");

pub const POSITION_INSERT: &str =
    "INSERT INTO positions (icao24, callsign, flight_iata, registration, aircraft_type, origin, destination,
  lat, lon, altitude_m, ground_speed_kmh, heading, vertical_rate, on_ground, squawk, source, lake_key, observed_at) ";
pub const POSITION_COLUMNS: [&str; 17] = [
    "callsign",
    "flight_iata",
    "registration",
    "aircraft_type",
    "origin",
    "destination",
    "lat",
    "lon",
    "altitude_m",
    "ground_speed_kmh",
    "heading",
    "vertical_rate",
    "on_ground",
    "squawk",
    "source",
    "lake_key",
    "observed_at",
];
pub const HISTORY_COLUMNS: &str = "(icao24, observed_at, lat, lon, altitude_m, ground_speed_kmh, heading, source) ";
pub const POSITION_SELECT: &str = "SELECT icao24, callsign, flight_iata, registration, aircraft_type, origin, destination, lat, lon,
  altitude_m, ground_speed_kmh, heading, vertical_rate, on_ground, squawk, source, lake_key, observed_at FROM positions";

/// Registrations compare without punctuation (`D-AIXB` = `DAIXB`): the sources disagree on it.
pub const POSITION_FOR_FLIGHT: &str = " WHERE (flight_iata = ? OR callsign = ?)
   AND observed_at >= ? AND observed_at >= ?
   AND (? IS NULL OR registration IS NULL OR REPLACE(registration, '-', '') = REPLACE(?, '-', ''))
 ORDER BY observed_at DESC LIMIT 1";

/// The latest position per aircraft: a newer observation replaces the row; an older one is ignored.
pub fn position_upsert_sqlite() -> String {
    let sets: Vec<String> = POSITION_COLUMNS.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    format!(" ON CONFLICT(icao24) DO UPDATE SET {} WHERE excluded.observed_at > positions.observed_at", sets.join(", "))
}

pub fn position_upsert_mysql() -> String {
    let newer = "VALUES(observed_at) > observed_at";
    let sets: Vec<String> = POSITION_COLUMNS.iter().map(|c| format!("{c} = IF({newer}, VALUES({c}), {c})")).collect();
    format!(" ON DUPLICATE KEY UPDATE {}", sets.join(", "))
}

pub const CODESHARE_COLUMNS: &str =
    "(carrier, flight_number, origin, dep_local_date, mkt_carrier, mkt_number, source) ";

pub const AIRPORT_SELECT: &str = "SELECT iata, icao, name, city, country, lat, lon, tz, elevation_ft FROM airports";
pub const AIRLINE_SELECT: &str = "SELECT iata, icao, name, callsign, country, active FROM airlines";

pub fn flight_select() -> String {
    let cols: Vec<&str> = FLIGHT_KEY.iter().copied().chain(FLIGHT_COLUMNS.iter().map(|(c, _)| *c)).collect();
    format!("SELECT {} FROM flights", cols.join(", "))
}

// The row macros live in `sql_rows.rs`; they are re-exported here, beside the column lists
// they follow.
pub(crate) use super::sql_rows::{
    bind_airline, bind_airport, bind_codeshare, bind_flight, bind_history, bind_position, bind_reject, bind_run,
    decode_airline, decode_airport, decode_board_row, decode_flight, decode_position,
};
pub(crate) use bind_board_window;
