//! SQL shared by the SQLite and MySQL warehouses: column lists, the merge rule of every flight
//! column, the board queries (plain `?` placeholders work on both), and row binding/decoding
//! macros (macros, because sqlx's generic bounds over two databases are longer than the code).

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
/// in order: airport, window start, window end, linger start twice (see `bind_board_window!`).
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
        $query
            .bind($airport)
            .bind($w.now - $w.lookback)
            .bind($w.now + $w.ahead)
            .bind($w.now - $w.linger)
            .bind($w.now - $w.linger)
    };
}

/// The legs of a board, joined to codeshares by leg.
macro_rules! codeshares_of_board {
    ($side:tt) => {
        concat!(
            "SELECT c.carrier, c.flight_number, c.origin, c.dep_local_date, c.mkt_carrier, c.mkt_number
 FROM flight_codeshares c JOIN flights f ON f.carrier = c.carrier AND f.flight_number = c.flight_number
   AND f.origin = c.origin AND f.dep_local_date = c.dep_local_date",
            board_window!($side),
            " ORDER BY c.mkt_carrier, c.mkt_number"
        )
    };
}

pub const BOARD_DEPARTURES: &str = concat!(
    "SELECT f.carrier, f.flight_number, f.origin, f.dep_local_date, al.name AS airline,
        f.destination AS other, a.city AS other_city,
        f.sched_dep_utc AS scheduled, f.est_dep_utc AS estimated, f.act_dep_utc AS actual,
        f.dep_terminal AS terminal, f.dep_gate AS gate, f.status
 FROM flights f LEFT JOIN airports a ON a.iata = f.destination LEFT JOIN airlines al ON al.iata = f.carrier",
    board_window!(dep),
    " ORDER BY f.sched_dep_utc, f.carrier, f.flight_number LIMIT ?"
);

pub const BOARD_ARRIVALS: &str = concat!(
    "SELECT f.carrier, f.flight_number, f.origin, f.dep_local_date, al.name AS airline,
        f.origin AS other, a.city AS other_city,
        f.sched_arr_utc AS scheduled, f.est_arr_utc AS estimated, f.act_arr_utc AS actual,
        f.arr_terminal AS terminal, f.arr_gate AS gate, f.status
 FROM flights f LEFT JOIN airports a ON a.iata = f.origin LEFT JOIN airlines al ON al.iata = f.carrier",
    board_window!(arr),
    " ORDER BY f.sched_arr_utc, f.carrier, f.flight_number LIMIT ?"
);

/// The codeshares of the legs a departures board shows (same window, same binds but the limit).
pub const BOARD_DEPARTURES_CODESHARES: &str = codeshares_of_board!(dep);
pub const BOARD_ARRIVALS_CODESHARES: &str = codeshares_of_board!(arr);

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

/// Binds one flight in `FLIGHT_KEY` + `FLIGHT_COLUMNS` order.
macro_rules! bind_flight {
    ($b:expr, $f:expr) => {{
        let f = $f;
        $b.push_bind(f.key.carrier.clone())
            .push_bind(f.key.number.clone())
            .push_bind(f.key.origin.clone())
            .push_bind(f.key.dep_local_date)
            .push_bind(f.destination.clone())
            .push_bind(f.sched_dep)
            .push_bind(f.est_dep)
            .push_bind(f.act_dep)
            .push_bind(f.sched_arr)
            .push_bind(f.est_arr)
            .push_bind(f.act_arr)
            .push_bind(f.dep_terminal.clone())
            .push_bind(f.dep_gate.clone())
            .push_bind(f.arr_terminal.clone())
            .push_bind(f.arr_gate.clone())
            .push_bind(f.status.as_str())
            .push_bind(f.source_status.clone())
            .push_bind(f.aircraft_type.clone())
            .push_bind(f.registration.clone())
            .push_bind(f.source.clone())
            .push_bind(f.lake_key.clone())
            .push_bind(f.observed_at);
    }};
}

macro_rules! bind_airport {
    ($b:expr, $a:expr) => {{
        let a = $a;
        $b.push_bind(a.code().to_string())
            .push_bind(a.iata.clone())
            .push_bind(a.icao.clone())
            .push_bind(a.name.clone())
            .push_bind(a.city.clone())
            .push_bind(a.country.clone())
            .push_bind(a.lat)
            .push_bind(a.lon)
            .push_bind(a.tz.name())
            .push_bind(a.elevation_ft);
    }};
}

macro_rules! bind_airline {
    ($b:expr, $a:expr) => {{
        let a = $a;
        $b.push_bind(a.code().to_string())
            .push_bind(a.iata.clone())
            .push_bind(a.icao.clone())
            .push_bind(a.name.clone())
            .push_bind(a.callsign.clone())
            .push_bind(a.country.clone())
            .push_bind(a.active);
    }};
}

macro_rules! bind_run {
    ($b:expr, $r:expr) => {{
        let r = $r;
        $b.push_bind(r.started_at)
            .push_bind(r.finished_at)
            .push_bind(r.source.clone())
            .push_bind(r.endpoint.clone())
            .push_bind(r.stage.clone())
            .push_bind(r.lake_key.clone())
            .push_bind(r.records)
            .push_bind(r.rejects)
            .push_bind(r.loaded)
            .push_bind(r.error.is_none())
            .push_bind(r.error.clone())
            .push_bind(r.instance.clone())
            .push_bind(r.key.clone());
    }};
}

macro_rules! bind_reject {
    ($b:expr, $r:expr) => {{
        let r = $r;
        $b.push_bind(r.source.clone())
            .push_bind(r.endpoint.clone())
            .push_bind(r.lake_key.clone())
            .push_bind(r.ordinal)
            .push_bind(r.natural_key.clone())
            .push_bind(r.reason.clone())
            .push_bind(r.rejected_at);
    }};
}

macro_rules! bind_position {
    ($b:expr, $p:expr) => {{
        let p = $p;
        $b.push_bind(p.icao24.clone())
            .push_bind(p.callsign.clone())
            .push_bind(p.flight_iata.clone())
            .push_bind(p.registration.clone())
            .push_bind(p.aircraft_type.clone())
            .push_bind(p.origin.clone())
            .push_bind(p.destination.clone())
            .push_bind(p.lat)
            .push_bind(p.lon)
            .push_bind(p.altitude_m)
            .push_bind(p.ground_speed_kmh)
            .push_bind(p.heading)
            .push_bind(p.vertical_rate_ms)
            .push_bind(p.on_ground)
            .push_bind(p.squawk.clone())
            .push_bind(p.source.clone())
            .push_bind(p.lake_key.clone())
            .push_bind(p.observed_at);
    }};
}

macro_rules! bind_codeshare {
    ($b:expr, $c:expr) => {{
        let c = $c;
        $b.push_bind(c.leg.carrier.clone())
            .push_bind(c.leg.number.clone())
            .push_bind(c.leg.origin.clone())
            .push_bind(c.leg.dep_local_date)
            .push_bind(c.mkt_carrier.clone())
            .push_bind(c.mkt_number.clone())
            .push_bind(c.source.clone());
    }};
}

macro_rules! bind_history {
    ($b:expr, $p:expr) => {{
        let p = $p;
        $b.push_bind(p.icao24.clone())
            .push_bind(p.observed_at)
            .push_bind(p.lat)
            .push_bind(p.lon)
            .push_bind(p.altitude_m)
            .push_bind(p.ground_speed_kmh)
            .push_bind(p.heading)
            .push_bind(p.source.clone());
    }};
}

macro_rules! decode_position {
    ($r:expr, $err:expr) => {{
        let r = $r;
        crate::model::Position {
            icao24: r.try_get("icao24").map_err($err)?,
            callsign: crate::model::text::CleanText::cleaned(r.try_get("callsign").map_err($err)?),
            flight_iata: crate::model::text::CleanText::cleaned(r.try_get("flight_iata").map_err($err)?),
            registration: crate::model::text::CleanText::cleaned(r.try_get("registration").map_err($err)?),
            aircraft_type: crate::model::text::CleanText::cleaned(r.try_get("aircraft_type").map_err($err)?),
            origin: crate::model::text::CleanText::cleaned(r.try_get("origin").map_err($err)?),
            destination: crate::model::text::CleanText::cleaned(r.try_get("destination").map_err($err)?),
            lat: r.try_get("lat").map_err($err)?,
            lon: r.try_get("lon").map_err($err)?,
            altitude_m: r.try_get("altitude_m").map_err($err)?,
            ground_speed_kmh: r.try_get("ground_speed_kmh").map_err($err)?,
            heading: r.try_get("heading").map_err($err)?,
            vertical_rate_ms: r.try_get("vertical_rate").map_err($err)?,
            on_ground: r.try_get("on_ground").map_err($err)?,
            squawk: crate::model::text::CleanText::cleaned(r.try_get("squawk").map_err($err)?),
            source: crate::model::text::CleanText::cleaned(r.try_get("source").map_err($err)?),
            lake_key: r.try_get("lake_key").map_err($err)?,
            observed_at: r.try_get("observed_at").map_err($err)?,
        }
    }};
}

/// Decodes an airport row (`AIRPORT_SELECT` columns).
macro_rules! decode_airport {
    ($r:expr, $err:expr) => {{
        let r = $r;
        let tz: String = r.try_get("tz").map_err($err)?;
        crate::model::Airport {
            iata: crate::model::text::CleanText::cleaned(r.try_get("iata").map_err($err)?),
            icao: crate::model::text::CleanText::cleaned(r.try_get("icao").map_err($err)?),
            name: crate::model::text::CleanText::cleaned(r.try_get("name").map_err($err)?),
            city: crate::model::text::CleanText::cleaned(r.try_get("city").map_err($err)?),
            country: crate::model::text::CleanText::cleaned(r.try_get("country").map_err($err)?),
            lat: r.try_get("lat").map_err($err)?,
            lon: r.try_get("lon").map_err($err)?,
            tz: tz.parse().map_err(|_| $err(format!("unknown time zone {tz:?}")))?,
            elevation_ft: r.try_get("elevation_ft").map_err($err)?,
        }
    }};
}

macro_rules! decode_airline {
    ($r:expr, $err:expr) => {{
        let r = $r;
        crate::model::Airline {
            iata: crate::model::text::CleanText::cleaned(r.try_get("iata").map_err($err)?),
            icao: crate::model::text::CleanText::cleaned(r.try_get("icao").map_err($err)?),
            name: crate::model::text::CleanText::cleaned(r.try_get("name").map_err($err)?),
            callsign: crate::model::text::CleanText::cleaned(r.try_get("callsign").map_err($err)?),
            country: crate::model::text::CleanText::cleaned(r.try_get("country").map_err($err)?),
            active: r.try_get("active").map_err($err)?,
        }
    }};
}

macro_rules! decode_board_row {
    ($r:expr, $err:expr) => {{
        let r = $r;
        let status: String = r.try_get("status").map_err($err)?;
        crate::model::BoardRow {
            key: crate::model::FlightKey {
                carrier: crate::model::text::CleanText::cleaned(r.try_get("carrier").map_err($err)?),
                number: crate::model::text::CleanText::cleaned(r.try_get("flight_number").map_err($err)?),
                origin: crate::model::text::CleanText::cleaned(r.try_get("origin").map_err($err)?),
                dep_local_date: r.try_get("dep_local_date").map_err($err)?,
            },
            codeshares: Vec::new(),
            airline: crate::model::text::CleanText::cleaned(r.try_get("airline").map_err($err)?),
            other_airport: crate::model::text::CleanText::cleaned(r.try_get("other").map_err($err)?),
            other_city: crate::model::text::CleanText::cleaned(r.try_get("other_city").map_err($err)?),
            scheduled: r.try_get("scheduled").map_err($err)?,
            estimated: r.try_get("estimated").map_err($err)?,
            actual: r.try_get("actual").map_err($err)?,
            terminal: crate::model::text::CleanText::cleaned(r.try_get("terminal").map_err($err)?),
            gate: crate::model::text::CleanText::cleaned(r.try_get("gate").map_err($err)?),
            status: crate::model::FlightStatus::parse(&status),
        }
    }};
}

macro_rules! decode_flight {
    ($r:expr, $err:expr) => {{
        let r = $r;
        let status: String = r.try_get("status").map_err($err)?;
        crate::model::FlightLeg {
            key: crate::model::FlightKey {
                carrier: crate::model::text::CleanText::cleaned(r.try_get("carrier").map_err($err)?),
                number: crate::model::text::CleanText::cleaned(r.try_get("flight_number").map_err($err)?),
                origin: crate::model::text::CleanText::cleaned(r.try_get("origin").map_err($err)?),
                dep_local_date: r.try_get("dep_local_date").map_err($err)?,
            },
            destination: crate::model::text::CleanText::cleaned(r.try_get("destination").map_err($err)?),
            sched_dep: r.try_get("sched_dep_utc").map_err($err)?,
            est_dep: r.try_get("est_dep_utc").map_err($err)?,
            act_dep: r.try_get("act_dep_utc").map_err($err)?,
            sched_arr: r.try_get("sched_arr_utc").map_err($err)?,
            est_arr: r.try_get("est_arr_utc").map_err($err)?,
            act_arr: r.try_get("act_arr_utc").map_err($err)?,
            dep_terminal: crate::model::text::CleanText::cleaned(r.try_get("dep_terminal").map_err($err)?),
            dep_gate: crate::model::text::CleanText::cleaned(r.try_get("dep_gate").map_err($err)?),
            arr_terminal: crate::model::text::CleanText::cleaned(r.try_get("arr_terminal").map_err($err)?),
            arr_gate: crate::model::text::CleanText::cleaned(r.try_get("arr_gate").map_err($err)?),
            status: crate::model::FlightStatus::parse(&status),
            source_status: crate::model::text::CleanText::cleaned(r.try_get("source_status").map_err($err)?),
            aircraft_type: crate::model::text::CleanText::cleaned(r.try_get("aircraft_type").map_err($err)?),
            registration: crate::model::text::CleanText::cleaned(r.try_get("registration").map_err($err)?),
            source: crate::model::text::CleanText::cleaned(r.try_get("source").map_err($err)?),
            observed_at: r.try_get("observed_at").map_err($err)?,
            lake_key: r.try_get("lake_key").map_err($err)?,
        }
    }};
}

pub(crate) use {
    bind_airline, bind_airport, bind_board_window, bind_codeshare, bind_flight, bind_history, bind_position,
    bind_reject, bind_run, decode_airline, decode_airport, decode_board_row, decode_flight, decode_position,
};
