use super::{BatchInfo, NewRecord, Staged, StagedRecord, Staging, StagingError};
use crate::sqlite_rows::{SqliteRows, with_connection};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::value::RawValue;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::path::{Path, PathBuf};

const BACKEND: &str = "embedded";
/// Rows the SQLite worker may hand over at once.
const ROW_BUFFER: usize = 4_096;

/// The embedded document store: a SQLite file in the data directory holding JSON documents.
#[derive(Debug, Clone)]
pub struct EmbeddedStaging {
    pool: SqlitePool,
    path: PathBuf,
}

fn err(e: impl std::fmt::Display) -> StagingError {
    StagingError { backend: BACKEND, message: e.to_string() }
}

/// The selected records as one JSON array of `[seq, batch_id, …, doc]` (see `decode_records`).
const AS_ONE_ARRAY: &str = "SELECT json_group_array(json_array(seq, batch_id, lake_key, source, endpoint, fetched_at,
    ordinal, natural_key, json(doc)))";

/// The staged records with their batch's columns, for `AS_ONE_ARRAY … FROM (…)`.
fn records_where(condition: &str, order: &str) -> String {
    format!(
        "{AS_ONE_ARRAY} FROM (SELECT {RECORD_COLUMNS} FROM records r JOIN batches b ON b.id = r.batch \
         WHERE {condition} ORDER BY {order})"
    )
}

/// Staged rows read as one JSON array (`json_group_array(json_array(…))`): one hand-over from the
/// SQLite worker instead of one per row.
fn decode_records(all: Option<&str>) -> Result<Vec<StagedRecord>, StagingError> {
    type Row = (i64, String, String, String, String, String, i64, Option<String>, Box<RawValue>);
    let rows: Vec<Row> = serde_json::from_str(all.unwrap_or("[]")).map_err(err)?;
    let mut out: Vec<StagedRecord> = Vec::with_capacity(rows.len());
    for (seq, batch_id, lake_key, source, endpoint, fetched_at, ordinal, natural_key, doc) in rows {
        // Records of one batch are adjacent: share the batch rather than parse it again.
        let batch = match out.last() {
            Some(prev) if prev.batch.batch_id == batch_id && prev.batch.lake_key == lake_key => prev.batch.clone(),
            _ => BatchInfo { batch_id, lake_key, source, endpoint, fetched_at: parse_time(&fetched_at)? },
        };
        out.push(StagedRecord { seq, batch, ordinal, natural_key, doc });
    }
    Ok(out)
}

/// A fetch time as sqlx writes it (`2026-11-27T10:00:00+00:00`), or as SQLite's own functions do.
fn parse_time(text: &str) -> Result<DateTime<Utc>, StagingError> {
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z"))
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| err(format!("fetched_at {text:?}: {e}")))
}

/// The layout: a response's batch once (`batches`), its records by seq with their batch's id.
/// Each record used to repeat its batch's five columns, with two more indexes (the natural key,
/// which nothing read, and the fetch time): staging ten thousand records wrote about twice the
/// bytes and half again the B-tree entries, a third of `ingest-file`'s time (measured).
const LAYOUT: [&str; 4] = [
    "CREATE TABLE IF NOT EXISTS batches (
        id INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL,
        lake_key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        fetched_at TEXT NOT NULL
    )",
    "CREATE INDEX IF NOT EXISTS batches_fetched_at ON batches (fetched_at)",
    "CREATE TABLE IF NOT EXISTS records (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        batch INTEGER NOT NULL REFERENCES batches (id),
        ordinal INTEGER NOT NULL,
        natural_key TEXT,
        doc TEXT NOT NULL,
        UNIQUE (batch, ordinal)
    )",
    "CREATE TABLE IF NOT EXISTS checkpoints (consumer TEXT PRIMARY KEY, seq INTEGER NOT NULL)",
];

/// Creates the layout, or moves a staging file of the first layout (each record with its batch's
/// columns) into it in one transaction, every seq and the seq counter kept: a record staged
/// after the move never takes a seq at or below the cleaner's checkpoint.
async fn migrate_layout(pool: &SqlitePool) -> Result<(), StagingError> {
    // Immediate: the check reads before the DDL writes, and two processes opening the file at
    // once must not both read the first layout (the second waits for the first's commit).
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(err)?;
    let first_layout: bool =
        sqlx::query_scalar("SELECT COUNT(*) > 0 FROM pragma_table_info('records') WHERE name = 'lake_key'")
            .fetch_one(&mut *tx)
            .await
            .map_err(err)?;
    if first_layout {
        for step in [
            "ALTER TABLE records RENAME TO records_first_layout",
            "DROP INDEX IF EXISTS records_natural_key",
            "DROP INDEX IF EXISTS records_fetched_at",
        ] {
            sqlx::query(step).execute(&mut *tx).await.map_err(err)?;
        }
    }
    for ddl in LAYOUT {
        sqlx::query(ddl).execute(&mut *tx).await.map_err(err)?;
    }
    if first_layout {
        for step in [
            "INSERT INTO batches (batch_id, lake_key, source, endpoint, fetched_at)
             SELECT MIN(batch_id), lake_key, MIN(source), MIN(endpoint), MIN(fetched_at)
             FROM records_first_layout GROUP BY lake_key ORDER BY MIN(seq)",
            "INSERT INTO records (seq, batch, ordinal, natural_key, doc)
             SELECT r.seq, b.id, r.ordinal, r.natural_key, r.doc
             FROM records_first_layout r JOIN batches b ON b.lake_key = r.lake_key ORDER BY r.seq",
            "DELETE FROM sqlite_sequence WHERE name = 'records'",
            "UPDATE sqlite_sequence SET name = 'records' WHERE name = 'records_first_layout'",
            "DROP TABLE records_first_layout",
        ] {
            sqlx::query(step).execute(&mut *tx).await.map_err(err)?;
        }
    }
    tx.commit().await.map_err(err)
}

/// The columns of a staged record, its batch's among them (`r` the record, `b` its batch).
const RECORD_COLUMNS: &str = "r.seq AS seq, b.batch_id AS batch_id, b.lake_key AS lake_key, b.source AS source,
    b.endpoint AS endpoint, b.fetched_at AS fetched_at, r.ordinal AS ordinal, r.natural_key AS natural_key, r.doc AS doc";

impl EmbeddedStaging {
    /// Upserts a checkpoint; `new_value` is one of two literal SQL expressions.
    async fn write_checkpoint(&self, consumer: &str, seq: i64, new_value: &'static str) -> Result<(), StagingError> {
        let sql = format!(
            "INSERT INTO checkpoints (consumer, seq) VALUES (?, ?) ON CONFLICT(consumer) DO UPDATE SET seq = {new_value}"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(consumer).bind(seq).execute(&self.pool).await.map_err(err)?;
        Ok(())
    }

    pub async fn open(path: &Path) -> Result<Self, StagingError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            // A drain reads thousands of rows; buffer them rather than hand them over one by one.
            .row_buffer_size(ROW_BUFFER)
            .pragma("wal_autocheckpoint", "16384")
            .busy_timeout(std::time::Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await.map_err(err)?;
        migrate_layout(&pool).await?;
        Ok(Self { pool, path: path.to_path_buf() })
    }
}

#[async_trait]
impl Staging for EmbeddedStaging {
    async fn stage(&self, batch: &BatchInfo, records: &[NewRecord]) -> Result<Staged, StagingError> {
        // One prepared statement bound row by row (see `sqlite_rows`), in one transaction: the
        // batch is staged whole or not at all.
        const BATCH: &str = "INSERT INTO batches (batch_id, lake_key, source, endpoint, fetched_at)
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (lake_key) DO NOTHING";
        const INSERT: &str = "INSERT OR IGNORE INTO records (batch, ordinal, natural_key, doc) VALUES (?, ?, ?, ?)";
        let mut tx = self.pool.begin().await.map_err(err)?;
        sqlx::query(BATCH)
            .bind(&batch.batch_id)
            .bind(&batch.lake_key)
            .bind(&batch.source)
            .bind(&batch.endpoint)
            .bind(batch.fetched_at)
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM batches WHERE lake_key = ?")
            .bind(&batch.lake_key)
            .fetch_one(&mut *tx)
            .await
            .map_err(err)?;
        let written = with_connection(&mut tx, |conn| {
            let mut rows = SqliteRows::new(conn, INSERT)?;
            for r in records {
                rows.row().int(id).int(r.ordinal).opt_text(r.natural_key.as_deref()).text(r.doc.get());
            }
            rows.finish()
        })
        .await
        .map_err(err)?;
        tx.commit().await.map_err(err)?;
        // Under SQLite's single writer, the transaction's rows took consecutive seqs unless one
        // was already staged (ignored).
        let all = written.changes == records.len() as u64;
        Ok(Staged { added: written.changes, seqs: written.rowids.filter(|_| all) })
    }

    async fn read_after(&self, after: i64, limit: usize) -> Result<Vec<StagedRecord>, StagingError> {
        let sql = records_where("r.seq > ?", "r.seq LIMIT ?");
        let all: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(after)
            .bind(limit as i64)
            .fetch_one(&self.pool)
            .await
            .map_err(err)?;
        let mut records = decode_records(all.as_deref())?;
        records.sort_by_key(|r| r.seq);
        Ok(records)
    }

    async fn lake_keys_since(&self, since: DateTime<Utc>) -> Result<std::collections::HashSet<String>, StagingError> {
        let keys: Vec<String> = sqlx::query_scalar("SELECT lake_key FROM batches WHERE fetched_at >= ?")
            .bind(since)
            .fetch_all(&self.pool)
            .await
            .map_err(err)?;
        Ok(keys.into_iter().collect())
    }

    async fn read_object(&self, lake_key: &str) -> Result<Vec<StagedRecord>, StagingError> {
        let sql = records_where("b.lake_key = ?", "r.ordinal");
        let all: Option<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(lake_key).fetch_one(&self.pool).await.map_err(err)?;
        let mut records = decode_records(all.as_deref())?;
        records.sort_by_key(|r| r.ordinal);
        Ok(records)
    }

    async fn count(&self) -> Result<u64, StagingError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records").fetch_one(&self.pool).await.map_err(err)?;
        Ok(n as u64)
    }

    async fn checkpoint(&self, consumer: &str) -> Result<i64, StagingError> {
        let seq: Option<i64> = sqlx::query_scalar("SELECT seq FROM checkpoints WHERE consumer = ?")
            .bind(consumer)
            .fetch_optional(&self.pool)
            .await
            .map_err(err)?;
        Ok(seq.unwrap_or(0))
    }

    async fn set_checkpoint(&self, consumer: &str, seq: i64) -> Result<(), StagingError> {
        self.write_checkpoint(consumer, seq, "MAX(checkpoints.seq, excluded.seq)").await
    }

    async fn reset_checkpoint(&self, consumer: &str, seq: i64) -> Result<(), StagingError> {
        self.write_checkpoint(consumer, seq, "excluded.seq").await
    }

    async fn check_writable(&self) -> Result<(), StagingError> {
        let mut tx = self.pool.begin().await.map_err(err)?;
        sqlx::query("INSERT INTO checkpoints (consumer, seq) VALUES ('doctor-probe', 0)")
            .execute(&mut *tx)
            .await
            .map_err(err)?;
        tx.rollback().await.map_err(err)
    }

    async fn prune(&self, before: DateTime<Utc>, consumer: &str) -> Result<u64, StagingError> {
        let done = self.checkpoint(consumer).await?;
        let mut tx = self.pool.begin().await.map_err(err)?;
        let r = sqlx::query(
            "DELETE FROM records WHERE seq <= ? AND batch IN (SELECT id FROM batches WHERE fetched_at < ?)",
        )
        .bind(done)
        .bind(before)
        .execute(&mut *tx)
        .await
        .map_err(err)?;
        // A batch goes with its last record (every staged batch has its entry record).
        sqlx::query(
            "DELETE FROM batches WHERE fetched_at < ? AND NOT EXISTS (SELECT 1 FROM records WHERE batch = batches.id)",
        )
        .bind(before)
        .execute(&mut *tx)
        .await
        .map_err(err)?;
        tx.commit().await.map_err(err)?;
        Ok(r.rows_affected())
    }

    fn describe(&self) -> String {
        format!("embedded:{}", self.path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn raw(v: serde_json::Value) -> Box<serde_json::value::RawValue> {
        serde_json::value::to_raw_value(&v).unwrap()
    }

    #[tokio::test]
    async fn stage_is_idempotent_and_checkpointed() {
        let dir = tempfile::tempdir().unwrap();
        let s = EmbeddedStaging::open(&dir.path().join("staging.sqlite")).await.unwrap();
        let batch = BatchInfo {
            batch_id: "b1".into(),
            lake_key: "raw/x/b1.json.gz".into(),
            source: "lufthansa".into(),
            endpoint: "flightstatus-departures".into(),
            fetched_at: Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap(),
        };
        let recs = vec![
            NewRecord {
                ordinal: 0,
                natural_key: Some("LH|1|FRA|2026-11-27".into()),
                doc: raw(json!({"a": "Zürich O'Hare 東京"})),
            },
            NewRecord { ordinal: 1, natural_key: None, doc: raw(json!("invalid request")) },
        ];
        let first = s.stage(&batch, &recs).await.unwrap();
        assert_eq!(s.stage(&batch, &recs).await.unwrap(), Staged { added: 0, seqs: None }, "restaging adds nothing");
        let got = s.read_after(0, 10).await.unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(first, Staged { added: 2, seqs: Some(got[0].seq..=got[1].seq) });
        assert_eq!(got[1].seq, got[0].seq + 1);
        assert_eq!(got[0].value(), json!({"a": "Zürich O'Hare 東京"}));
        assert_eq!(got[0].batch, batch);
        assert_eq!(s.checkpoint("cleaner").await.unwrap(), 0);
        s.set_checkpoint("cleaner", got[1].seq).await.unwrap();
        s.set_checkpoint("cleaner", got[0].seq).await.unwrap();
        assert_eq!(s.checkpoint("cleaner").await.unwrap(), got[1].seq, "checkpoints never move back");
        assert!(s.read_after(got[1].seq, 10).await.unwrap().is_empty());

        // Retention deletes old records, but only those the consumer has processed.
        let later = BatchInfo { batch_id: "b2".into(), lake_key: "raw/x/b2.json.gz".into(), ..batch.clone() };
        s.stage(&later, &recs).await.unwrap();
        let cutoff = batch.fetched_at + chrono::Duration::days(1);
        assert_eq!(s.prune(cutoff, "cleaner").await.unwrap(), 2, "the processed records of b1 go");
        assert_eq!(s.read_after(0, 10).await.unwrap().len(), 2, "b2 is not processed yet and stays");
    }

    /// A staging file of the first layout (each record with its batch's columns) opens into the
    /// current one with every record, seq and checkpoint, and the seq counter past the highest
    /// seq ever given (here a pruned one), so no new record lands at or below the checkpoint.
    #[tokio::test]
    async fn a_first_layout_file_moves_into_the_current_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("staging.sqlite");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE records (seq INTEGER PRIMARY KEY AUTOINCREMENT, batch_id TEXT NOT NULL,
                   lake_key TEXT NOT NULL, source TEXT NOT NULL, endpoint TEXT NOT NULL, fetched_at TEXT NOT NULL,
                   ordinal INTEGER NOT NULL, natural_key TEXT, doc TEXT NOT NULL, UNIQUE (lake_key, ordinal));
                 CREATE INDEX records_natural_key ON records (source, natural_key);
                 CREATE INDEX records_fetched_at ON records (fetched_at);
                 CREATE TABLE checkpoints (consumer TEXT PRIMARY KEY, seq INTEGER NOT NULL);
                 INSERT INTO records (batch_id, lake_key, source, endpoint, fetched_at, ordinal, natural_key, doc) VALUES
                   ('b1', 'raw/b1.json.gz', 'airlabs', 'flights', '2026-11-27T10:00:00+00:00', -1, NULL, '{\"e\":1}'),
                   ('b1', 'raw/b1.json.gz', 'airlabs', 'flights', '2026-11-27T10:00:00+00:00', 0, 'k0', '{\"a\":0}'),
                   ('b2', 'raw/b2.json.gz', 'airlabs', 'flights', '2026-11-27T11:00:00+00:00', -1, NULL, '{\"e\":2}');
                 DELETE FROM records WHERE seq = 3;
                 INSERT INTO checkpoints VALUES ('cleaner', 3);",
            )
            .unwrap();
        }
        let s = EmbeddedStaging::open(&path).await.unwrap();
        let got = s.read_after(0, 10).await.unwrap();
        assert_eq!(got.iter().map(|r| (r.seq, r.ordinal)).collect::<Vec<_>>(), vec![(1, -1), (2, 0)]);
        assert_eq!(got[1].batch.lake_key, "raw/b1.json.gz");
        assert_eq!(got[1].natural_key.as_deref(), Some("k0"));
        assert_eq!(got[1].value(), json!({"a": 0}));
        assert_eq!(got[1].batch.fetched_at, Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
        assert_eq!(s.checkpoint("cleaner").await.unwrap(), 3);
        let next = BatchInfo { batch_id: "b3".into(), lake_key: "raw/b3.json.gz".into(), ..got[0].batch.clone() };
        let staged = s.stage(&next, &[NewRecord { ordinal: 0, natural_key: None, doc: raw(json!(1)) }]).await.unwrap();
        assert_eq!(staged.seqs, Some(4..=4), "past the highest seq ever given");
        drop(s);
        // Opening it again changes nothing.
        let s = EmbeddedStaging::open(&path).await.unwrap();
        assert_eq!(s.count().await.unwrap(), 3);
    }
}
