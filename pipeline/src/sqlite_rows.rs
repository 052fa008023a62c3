//! rusqlite on sqlx's SQLite connection ([`with_connection`]; the map's read uses it too), and
//! many rows written through one prepared single-row statement, bound and stepped row by row
//! with rusqlite on the very connection (and transaction) sqlx holds.
//!
//! Why not sqlx here: sqlx's SQLite driver runs every statement on a worker thread behind a
//! channel, so ten thousand single-row inserts cost ten thousand hand-overs; binding the rows of
//! a multi-row `VALUES` costs as much again in owned values; and one bound JSON array expanded by
//! `json_each` (what this replaced) has SQLite parse the text once and extract every column of
//! every row from it, a quarter of `ingest-file`'s time (perf). A prepared statement bound in
//! place is SQLite's own fast path (<https://sqlite.org/c3ref/bind_blob.html>). sqlx lends the
//! handle for exactly this (`SqliteConnection::lock_handle`), and its transaction stays the one
//! the rows are written in. Values are bound exactly as sqlx would bind them (times as RFC 3339
//! with `+00:00`, dates as `YYYY-MM-DD`, booleans as 1/0), so rows written either way compare
//! equal.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Null;

/// Runs `work` with rusqlite on the connection of `conn` (inside its transaction, if one is
/// open). The SQLite calls run on this thread: on a multi-threaded runtime the worker hands its
/// other tasks over first (`block_in_place`), as sqlx's own worker thread would keep them free.
pub(crate) async fn with_connection<T>(
    conn: &mut sqlx::SqliteConnection,
    work: impl FnOnce(&rusqlite::Connection) -> Result<T, String>,
) -> Result<T, String> {
    let mut handle = conn.lock_handle().await.map_err(|e| e.to_string())?;
    let raw = handle.as_raw_handle();
    // SAFETY: `handle` keeps sqlx's worker off the connection until it drops, after `conn`;
    // a connection made `from_handle` never closes the handle. sqlx-sqlite and rusqlite link
    // the same libsqlite3-sys (see Cargo.toml), so the pointer's type is the same.
    let conn = unsafe { rusqlite::Connection::from_handle(raw.as_ptr()) }.map_err(|e| e.to_string())?;
    let run = || work(&conn);
    let done = match tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor()) {
        Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(run),
        _ => run(),
    };
    drop(conn);
    drop(handle);
    done
}

/// The rows of one statement: `row()` starts a row, the value methods bind its parameters in
/// order, the next `row()` (or [`finish`](Self::finish)) executes it. The first error stops the
/// rest and is what `finish` returns.
pub(crate) struct SqliteRows<'c> {
    conn: &'c rusqlite::Connection,
    stmt: rusqlite::Statement<'c>,
    next: usize,
    pending: bool,
    changes: u64,
    inserted: Inserted,
    error: Option<rusqlite::Error>,
}

/// The rowids the rows were given, while each row added one and each followed the last.
#[derive(Clone, Copy, Default)]
struct Inserted {
    first: Option<i64>,
    last: i64,
    consecutive: bool,
}

/// What a statement's rows came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    /// Rows SQLite reports changed (inserted, or updated by an upsert).
    pub changes: u64,
    /// The rowids of the rows, when every row added one and each the next after the last.
    pub rowids: Option<std::ops::RangeInclusive<i64>>,
}

impl<'c> SqliteRows<'c> {
    pub fn new(conn: &'c rusqlite::Connection, sql: &str) -> Result<Self, String> {
        let stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
        Ok(Self {
            conn,
            stmt,
            next: 1,
            pending: false,
            changes: 0,
            inserted: Inserted { consecutive: true, ..Inserted::default() },
            error: None,
        })
    }

    fn execute(&mut self) {
        if !std::mem::take(&mut self.pending) || self.error.is_some() {
            return;
        }
        match self.stmt.raw_execute() {
            Ok(n) => {
                self.changes += n as u64;
                let id = self.conn.last_insert_rowid();
                let i = &mut self.inserted;
                i.consecutive &= n == 1 && i.first.is_none_or(|_| id == i.last + 1);
                i.first.get_or_insert(id);
                i.last = id;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Starts the next row (executing the one before).
    pub fn row(&mut self) -> &mut Self {
        self.execute();
        self.next = 1;
        self.pending = true;
        self
    }

    fn bind(&mut self, value: impl rusqlite::ToSql) -> &mut Self {
        if self.error.is_none()
            && let Err(e) = self.stmt.raw_bind_parameter(self.next, value)
        {
            self.error = Some(e);
        }
        self.next += 1;
        self
    }

    pub fn text(&mut self, v: &str) -> &mut Self {
        self.bind(v)
    }

    pub fn opt_text(&mut self, v: Option<&str>) -> &mut Self {
        self.bind(v)
    }

    pub fn int(&mut self, v: i64) -> &mut Self {
        self.bind(v)
    }

    /// Not-a-number and infinities become NULL, as SQLite stores them.
    pub fn num(&mut self, v: f64) -> &mut Self {
        if v.is_finite() { self.bind(v) } else { self.bind(Null) }
    }

    pub fn opt_num(&mut self, v: Option<f64>) -> &mut Self {
        match v {
            Some(v) => self.num(v),
            None => self.bind(Null),
        }
    }

    pub fn opt_bool(&mut self, v: Option<bool>) -> &mut Self {
        self.bind(v.map(i64::from))
    }

    pub fn time(&mut self, v: DateTime<Utc>) -> &mut Self {
        self.bind(v.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }

    pub fn opt_time(&mut self, v: Option<DateTime<Utc>>) -> &mut Self {
        self.bind(v.map(|v| v.to_rfc3339_opts(SecondsFormat::AutoSi, false)))
    }

    pub fn date(&mut self, v: NaiveDate) -> &mut Self {
        self.bind(v.format("%F").to_string())
    }

    /// Executes the last row; what the rows came to, or the first error.
    pub fn finish(mut self) -> Result<Written, String> {
        self.execute();
        if let Some(e) = self.error {
            return Err(e.to_string());
        }
        let i = self.inserted;
        let rowids = match i.first {
            Some(first) if i.consecutive => Some(first..=i.last),
            _ => None,
        };
        Ok(Written { changes: self.changes, rowids })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn table() -> rusqlite::Connection {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT UNIQUE, n REAL, b INTEGER, at TEXT)",
        )
        .unwrap();
        conn
    }

    #[test]
    fn binds_values_as_sqlx_writes_them_and_counts_rows() {
        let conn = table();
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
        let mut rows = SqliteRows::new(&conn, "INSERT OR IGNORE INTO t (k, n, b, at) VALUES (?, ?, ?, ?)").unwrap();
        rows.row().text("a").num(1.5).opt_bool(Some(true)).time(at);
        rows.row().text("b").num(f64::NAN).opt_bool(None).opt_time(None);
        let written = rows.finish().unwrap();
        assert_eq!(written, Written { changes: 2, rowids: Some(1..=2) });
        let got: (f64, i64, String) = conn
            .query_row("SELECT n, b, at FROM t WHERE k = 'a'", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        assert_eq!(got, (1.5, 1, "2026-11-27T10:00:00+00:00".to_string()));
        let nulls: (Option<f64>, Option<i64>) =
            conn.query_row("SELECT n, b FROM t WHERE k = 'b'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(nulls, (None, None), "NaN and a missing value are NULL");

        // A row ignored breaks the run of rowids; the rows added are still counted.
        let mut rows = SqliteRows::new(&conn, "INSERT OR IGNORE INTO t (k) VALUES (?)").unwrap();
        rows.row().text("a");
        rows.row().text("c");
        assert_eq!(rows.finish().unwrap(), Written { changes: 1, rowids: None });
        let none = SqliteRows::new(&conn, "INSERT INTO t (k) VALUES (?)").unwrap();
        assert_eq!(none.finish().unwrap(), Written { changes: 0, rowids: None });
    }

    #[test]
    fn the_first_error_is_returned_and_stops_the_rest() {
        let conn = table();
        let mut rows = SqliteRows::new(&conn, "INSERT INTO t (k) VALUES (?)").unwrap();
        rows.row().text("a");
        rows.row().text("a");
        rows.row().text("b");
        let e = rows.finish().unwrap_err();
        assert!(e.contains("UNIQUE"), "{e}");
        let n: i64 = conn.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "nothing after the failed row ran");
    }
}
