//! "No duplicates" where a duplicate can happen: the warehouse tables that a double load could
//! grow (`pipeline_runs`, `rejects`, `position_history`, `flight_status_history`,
//! `flight_codeshares`), each checked on the *logical* identity of a row, which the schema's own
//! keys do not enforce. (`flights` and `positions` need no check: their unique keys are their
//! logical identity, so a duplicate there cannot be stored.)
//!
//! What a double load leaves behind, and the check that sees it:
//! - a run record sent again after a load that had in fact committed (the runner keeps the
//!   pending runs of a load it thinks failed): a run without a lake key (a failed fetch, a drain
//!   load) twice, identical to the second. `UNIQUE (lake_key, stage)` does not apply to NULL.
//! - one response filed under two lake keys (a key spelled twice, with and without a prefix, or
//!   a respelled path): its run and its rejections twice, under two keys that end in the same
//!   batch file name. The batch id names the fetch time, the URL and the body
//!   (`lake::key::batch_id`), so two such rows are one fetch, not two.
//! - one observation, status or codeshare stored under a second spelling of its key (a time
//!   written `T…+00:00` once and `… +00:00` once, a date with a time, a code in lower case): the
//!   primary key takes both; the check compares the normalised key.
//! - the same staged records loaded twice (the checkpoint not moved after a commit): every row is
//!   keyed by what it came from, the run of a response by its staged batch, so nothing may
//!   repeat; and the records the responses' runs say were loaded or rejected add up to what was
//!   staged: [`LOADED_RECORDS`], compared by the tests that know the staged records.
//!
//! Shared by the pipeline's tests and the binary's (`tests/support/mod.rs` includes this file),
//! on SQLite and MySQL/MariaDB alike: the SQL is portable between them.

/// One check: the SQL counts the groups of rows that are one logical row.
pub struct Check {
    pub table: &'static str,
    pub what: &'static str,
    pub sql: &'static str,
}

/// The last 45 characters of a lake key are its batch file name:
/// `<YYYYMMDDTHHMMSS.fffZ>-<16 hex>.json.gz` (`LakeKey::for_response`).
pub const CHECKS: &[Check] = &[
    Check {
        table: "pipeline_runs",
        what: "one run without a lake key recorded twice",
        sql: "SELECT COUNT(*) FROM (SELECT 1 FROM pipeline_runs WHERE lake_key IS NULL
              GROUP BY source, endpoint, stage, started_at, finished_at, records, rejects, loaded, ok,
                       COALESCE(error, ''), COALESCE(instance, '')
              HAVING COUNT(*) > 1) AS d",
    },
    Check {
        table: "pipeline_runs",
        what: "one batch's run under two lake keys",
        sql: "SELECT COUNT(*) FROM (SELECT 1 FROM pipeline_runs WHERE lake_key IS NOT NULL
              GROUP BY source, endpoint, stage, SUBSTR(lake_key, -45) HAVING COUNT(*) > 1) AS d",
    },
    Check {
        table: "rejects",
        what: "one record of one batch rejected twice (under two lake keys)",
        sql: "SELECT COUNT(*) FROM (SELECT 1 FROM rejects
              GROUP BY source, endpoint, SUBSTR(lake_key, -45), ordinal HAVING COUNT(*) > 1) AS d",
    },
    Check {
        table: "position_history",
        what: "one observation of an aircraft twice (same source, place and second)",
        sql: "SELECT COUNT(*) FROM (SELECT 1 FROM position_history
              GROUP BY LOWER(icao24), source, lat, lon, REPLACE(SUBSTR(observed_at, 1, 19), 'T', ' ')
              HAVING COUNT(*) > 1) AS d",
    },
    Check {
        table: "flight_status_history",
        what: "one status of one leg from one source twice",
        sql: "SELECT COUNT(*) FROM (SELECT 1 FROM flight_status_history
              GROUP BY UPPER(carrier), UPPER(flight_number), UPPER(origin), SUBSTR(dep_local_date, 1, 10),
                       status, source_status, source
              HAVING COUNT(*) > 1) AS d",
    },
    Check {
        table: "flight_codeshares",
        what: "one marketing flight of one leg twice",
        sql: "SELECT COUNT(*) FROM (SELECT 1 FROM flight_codeshares
              GROUP BY UPPER(carrier), UPPER(flight_number), UPPER(origin), SUBSTR(dep_local_date, 1, 10),
                       UPPER(mkt_carrier), UPPER(mkt_number)
              HAVING COUNT(*) > 1) AS d",
    },
];

/// The records the responses' runs say were loaded or rejected, in all (a run's `rejects` counts
/// its whole-response rejection too, which is no record: taken off). A response counted under two
/// runs counts twice here.
pub const LOADED_RECORDS: &str = "SELECT CAST(COALESCE(SUM(loaded + rejects), 0)
         - (SELECT COUNT(*) FROM rejects WHERE ordinal = -1) AS SIGNED) FROM pipeline_runs WHERE run_key IS NOT NULL";

fn report(found: Vec<(&Check, i64)>) {
    let lines: Vec<String> = found
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{}: {}: {n} duplicate group(s)\n  {}", c.table, c.what, c.sql))
        .collect();
    assert!(lines.is_empty(), "duplicates in the warehouse:\n{}", lines.join("\n"));
}

/// Runs every check on a SQLite warehouse; panics naming each that found a duplicate.
pub async fn assert_no_duplicates_sqlite(conn: &mut sqlx::SqliteConnection) {
    let mut found = Vec::new();
    for check in CHECKS {
        let n: i64 = sqlx::query_scalar(check.sql).fetch_one(&mut *conn).await.unwrap();
        found.push((check, n));
    }
    report(found);
}

/// Runs every check on a MySQL or MariaDB warehouse; panics naming each that found a duplicate.
pub async fn assert_no_duplicates_mysql(conn: &mut sqlx::MySqlConnection) {
    let mut found = Vec::new();
    for check in CHECKS {
        let n: i64 = sqlx::query_scalar(check.sql).fetch_one(&mut *conn).await.unwrap();
        found.push((check, n));
    }
    report(found);
}
