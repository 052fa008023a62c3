//! The counts that tie the warehouse to what a test did, beside "no duplicate": one fetch run
//! per lake object, every staged record loaded once, every reported rejection stored once.

use super::duplicates::{LOADED_RECORDS, assert_no_duplicates_sqlite};
use pipeline::runner::Stores;
use pipeline::warehouse::{SqliteWarehouse, Table, Warehouse};
use std::collections::BTreeSet;

/// What else the test knows, beside "no duplicate".
#[derive(Clone, Copy)]
pub struct Known {
    /// Every lake object was filed by a fetch of this process (so each has its fetch run).
    pub fetched_all: bool,
    /// The rejections the cycles reported, in all.
    pub rejects_reported: Option<u64>,
}

/// No duplicate where one could be (see `support::duplicates`), and the counts that tie the
/// tables to what happened: one fetch run per lake object and one lake object per fetch run,
/// every staged record loaded once, and (when the test counted them) every rejection the cycles
/// reported stored once.
pub async fn assert_no_duplicates(warehouse: &SqliteWarehouse, stores: &Stores, known: Known) {
    let mut conn = warehouse.pool().acquire().await.unwrap();
    assert_no_duplicates_sqlite(&mut conn).await;
    let loaded: i64 = sqlx::query_scalar(LOADED_RECORDS).fetch_one(&mut *conn).await.unwrap();
    let staged =
        stores.staging.read_after(0, 1_000_000).await.unwrap().iter().filter(|r| r.ordinal >= 0).count() as i64;
    assert_eq!(loaded, staged, "the responses' runs name each staged record once, loaded or rejected");
    if let Some(reported) = known.rejects_reported {
        assert_eq!(warehouse.count(Table::Rejects).await.unwrap(), reported as i64, "each reported rejection, once");
    }
    if !known.fetched_all {
        return;
    }
    let runs: Vec<String> = sqlx::query_scalar(
        "SELECT lake_key FROM pipeline_runs WHERE stage = 'fetch' AND lake_key IS NOT NULL ORDER BY lake_key",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let lake: BTreeSet<String> = stores.lake.list("raw/").await.unwrap().into_iter().collect();
    assert_eq!(runs.len(), lake.len(), "one fetch run per lake object: {runs:?}");
    assert_eq!(runs.into_iter().collect::<BTreeSet<_>>(), lake, "the fetch runs name the lake's objects");
}
