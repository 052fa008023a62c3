//! SQLite's reads for the world map: the latest positions and the candidate legs of their flight
//! numbers, read with rusqlite on the very connection (and transaction) sqlx holds.
//!
//! Why not sqlx here: sqlx's SQLite driver steps statements on a worker thread and sends every row
//! through a channel as owned values, which for the map's 20,000 rows of 18 values costs several
//! times the query (~60 ms); aggregating them into one JSON text in SQL instead spends as long
//! formatting floats. rusqlite reads the columns in place, on a handle sqlx lends for exactly this
//! (`SqliteConnection::lock_handle`). Binds are spelled the way sqlx's chrono encoding writes
//! them, so the comparisons meet the stored text.

use super::WarehouseError;
use super::drilldown_sql::map_columns;
use super::map_legs::{CandidateLeg, CandidateLegs, CandidateWindow, not_on_the_map};
use crate::model::text::CleanText;
use crate::model::{FlightStatus, Position};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::ValueRef;

/// `drilldown_sql::MAP_LATEST` but unordered (the rows are sorted here, which costs less than
/// SQLite's sorter carrying every column) and by a scan of the table (`+` keeps the planner off
/// `positions_observed`): the table holds one row per aircraft, most of them recent while a
/// pipeline runs, and a row looked up through the index costs several skipped by the scan.
const LATEST: &str = concat!("SELECT ", map_columns!(), " FROM positions WHERE +observed_at >= ?");

/// `drilldown_sql::MAP_LEGS` for the positions' distinct flight numbers, bound as one JSON array
/// (read back by `json_each`): SQLite's own subquery over the 20,000 positions builds a list
/// first that costs more than the legs. Every column comes from `flights_designator`. Binds: the
/// designators, the first and last local date, the earliest and latest scheduled departure.
const CANDIDATE_LEGS: &str = "SELECT f.designator, f.sched_dep_utc, f.origin, f.status FROM flights f
 WHERE f.designator IN (SELECT value FROM json_each(?))
   AND f.dep_local_date >= ? AND f.dep_local_date <= ?
   AND f.sched_dep_utc >= ? AND f.sched_dep_utc <= ?";

/// The map's two reads in the caller's transaction: the latest positions observed at or after
/// `since` (by aircraft), and the candidate legs of their flight numbers.
pub(super) async fn map_reads(
    tx: &mut sqlx::SqliteConnection,
    since: DateTime<Utc>,
    err: fn(String) -> WarehouseError,
) -> Result<(Vec<Position>, CandidateLegs), WarehouseError> {
    crate::sqlite_rows::with_connection(tx, |conn| read(conn, since).map_err(|e| format!("map positions: {e}")))
        .await
        .map_err(err)
}

fn read(conn: &rusqlite::Connection, since: DateTime<Utc>) -> Result<(Vec<Position>, CandidateLegs), String> {
    let positions = latest(conn, since)?;
    let mut legs = CandidateLegs::default();
    let flying = positions.iter().filter(|p| p.flight_iata.is_some()).map(|p| p.observed_at);
    if let Some(window) = CandidateWindow::around(flying) {
        let designators: foldhash::HashSet<&str> = positions.iter().filter_map(|p| p.flight_iata.as_deref()).collect();
        candidates(conn, &designators.into_iter().collect::<Vec<_>>(), window, &mut legs)?;
    }
    Ok((positions, legs))
}

fn latest(conn: &rusqlite::Connection, since: DateTime<Utc>) -> Result<Vec<Position>, String> {
    let mut stmt = conn.prepare(LATEST).map_err(|e| e.to_string())?;
    let mut rows = stmt.query([time(since)]).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(|e| e.to_string())? {
        let icao24 = text(r, 0)?.unwrap_or_default();
        let observed_at = time_at(r, 12).map_err(|e| format!("position {icao24}: observed_at {e}"))?;
        out.push(Position {
            callsign: text(r, 1)?.cleaned(),
            flight_iata: text(r, 2)?.cleaned(),
            origin: text(r, 3)?.cleaned(),
            destination: text(r, 4)?.cleaned(),
            lat: r.get(5).map_err(|e| e.to_string())?,
            lon: r.get(6).map_err(|e| e.to_string())?,
            altitude_m: r.get(7).map_err(|e| e.to_string())?,
            ground_speed_kmh: r.get(8).map_err(|e| e.to_string())?,
            heading: r.get(9).map_err(|e| e.to_string())?,
            on_ground: r.get::<_, Option<i64>>(10).map_err(|e| e.to_string())?.map(|v| v != 0),
            source: text(r, 11)?.unwrap_or_default().cleaned(),
            icao24,
            observed_at,
            ..not_on_the_map()
        });
    }
    Ok(by_aircraft(out))
}

/// `positions` in `icao24` order. Sorting 20,000 strings was a third of the whole read: the order
/// of indices is sorted by the first eight bytes as one integer (the whole of a 6-character ICAO
/// address), comparing the strings only on a tie, and each ~400-byte position moved once.
fn by_aircraft(positions: Vec<Position>) -> Vec<Position> {
    if positions.is_sorted_by(|a, b| a.icao24 <= b.icao24) {
        return positions;
    }
    let mut order: Vec<(u64, u32)> = positions.iter().enumerate().map(|(i, p)| (prefix(&p.icao24), i as u32)).collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| positions[a.1 as usize].icao24.cmp(&positions[b.1 as usize].icao24))
    });
    let mut slots: Vec<Option<Position>> = positions.into_iter().map(Some).collect();
    order.into_iter().filter_map(|(_, i)| slots[i as usize].take()).collect()
}

/// The first eight bytes of `text`, zero-padded, as a big-endian integer: ordered as the texts are
/// (a tie says only that they share those bytes).
fn prefix(text: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = text.len().min(8);
    bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

fn candidates(
    conn: &rusqlite::Connection,
    designators: &[&str],
    window: CandidateWindow,
    legs: &mut CandidateLegs,
) -> Result<(), String> {
    let mut stmt = conn.prepare(CANDIDATE_LEGS).map_err(|e| e.to_string())?;
    let designators = serde_json::to_string(designators).map_err(|e| e.to_string())?;
    let binds =
        [designators, date(window.first_day), date(window.last_day), time(window.sched_from), time(window.sched_until)];
    let mut rows = stmt.query(binds).map_err(|e| e.to_string())?;
    while let Some(r) = rows.next().map_err(|e| e.to_string())? {
        let designator = text(r, 0)?.unwrap_or_default();
        let sched_dep = time_at(r, 1).map_err(|e| format!("leg {designator}: sched_dep_utc {e}"))?;
        let origin = text(r, 2)?.unwrap_or_default();
        let status = FlightStatus::parse(text_ref(r, 3)?.unwrap_or_default());
        legs.add(designator, CandidateLeg { sched_dep, origin, status });
    }
    Ok(())
}

/// A text column (`None` for NULL); an error names the column's type if it is not text.
fn text(r: &rusqlite::Row<'_>, i: usize) -> Result<Option<String>, String> {
    Ok(text_ref(r, i)?.map(str::to_string))
}

/// A text column in place.
fn text_ref<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<Option<&'r str>, String> {
    match r.get_ref(i).map_err(|e| e.to_string())? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(t) => std::str::from_utf8(t).map(Some).map_err(|e| format!("column {i}: {e}")),
        other => Err(format!("column {i}: {:?} where text was expected", other.data_type())),
    }
}

/// A time column, parsed in place.
fn time_at(r: &rusqlite::Row<'_>, i: usize) -> Result<DateTime<Utc>, String> {
    let text = text_ref(r, i)?.unwrap_or_default();
    parse_time(text).map_err(|e| format!("{text:?}: {e}"))
}

/// A time as sqlx's chrono encoding stores it (`2026-11-27T12:00:00+00:00`).
fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// A date as sqlx's chrono encoding stores it.
fn date(d: NaiveDate) -> String {
    d.format("%F").to_string()
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn positions_come_in_aircraft_order() {
        let position = |icao24: &str| Position { icao24: icao24.into(), ..not_on_the_map() };
        // Ties in the first eight bytes, shorter and longer texts, and non-ASCII.
        let codes = ["3c6444", "abcdefgh2", "", "abcdefgh1", "3c6", "abcdefgh", "a00001", "ä", "3c64"];
        let sorted: Vec<String> =
            by_aircraft(codes.iter().map(|c| position(c)).collect()).into_iter().map(|p| p.icao24).collect();
        let mut expected: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        expected.sort();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn binds_are_spelled_as_sqlx_stores_them() {
        let t = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
        assert_eq!(time(t), "2026-11-27T12:00:00+00:00");
        assert_eq!(time(t + chrono::Duration::milliseconds(250)), "2026-11-27T12:00:00.250+00:00");
        assert_eq!(parse_time(&time(t)), Ok(t));
        assert_eq!(date(t.date_naive()), "2026-11-27");
    }
}
