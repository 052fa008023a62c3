//! Retention in the warehouse: history older than a cutoff is deleted in small batches, each
//! batch one short statement in its own transaction (fenced by the leader epoch), so the boards' readers and the loads never
//! wait long behind it. Only the history tables are pruned, never `flights` or the latest
//! `positions`:
//!
//! - `position_history` by `observed_at` (index `position_history_observed`);
//! - `flight_status_history` by the leg's `dep_local_date` (its primary key's first column): a
//!   leg's status history goes whole, never half of it;
//! - `pipeline_runs` by `finished_at` (index `pipeline_runs_finished`), always keeping the newest
//!   run, whose id is the boards' data version.
//!
//! Like `drilldown`, a macro expanded once per backend (into a private module `prune_rows` of the
//! expansion site); the expansion site provides `err` and `prune_sql`, one of the modules below.

/// The tables retention prunes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryTable {
    PositionHistory,
    StatusHistory,
    PipelineRuns,
}

impl HistoryTable {
    pub const ALL: [HistoryTable; 3] = [Self::PositionHistory, Self::StatusHistory, Self::PipelineRuns];

    /// The table's name (as in [`Table::name`](super::Table::name)).
    pub fn name(self) -> &'static str {
        match self {
            Self::PositionHistory => "position_history",
            Self::StatusHistory => "flight_status_history",
            Self::PipelineRuns => "pipeline_runs",
        }
    }
}

/// The newest run's id, which pruning never deletes.
pub(super) const NEWEST_RUN: &str = "SELECT COALESCE(MAX(id), 0) FROM pipeline_runs";

/// SQLite has no `DELETE … LIMIT` (unless compiled with it): the batch is chosen by a subquery.
pub(super) mod sqlite {
    pub const POSITION_HISTORY: &str = "DELETE FROM position_history WHERE rowid IN
 (SELECT rowid FROM position_history WHERE observed_at < ? LIMIT ?)";
    /// `WITHOUT ROWID`: the batch is chosen by its primary key.
    pub const STATUS_HISTORY: &str = "DELETE FROM flight_status_history
 WHERE (dep_local_date, carrier, flight_number, origin, status, source_status, source) IN
 (SELECT dep_local_date, carrier, flight_number, origin, status, source_status, source
  FROM flight_status_history WHERE dep_local_date < ? ORDER BY dep_local_date LIMIT ?)";
    pub const PIPELINE_RUNS: &str = "DELETE FROM pipeline_runs WHERE id IN
 (SELECT id FROM pipeline_runs WHERE finished_at < ? AND id < ? LIMIT ?)";
}

/// MySQL and MariaDB: `DELETE … ORDER BY … LIMIT` along the index.
pub(super) mod mysql {
    pub const POSITION_HISTORY: &str =
        "DELETE FROM position_history WHERE observed_at < ? ORDER BY observed_at LIMIT ?";
    pub const STATUS_HISTORY: &str =
        "DELETE FROM flight_status_history WHERE dep_local_date < ? ORDER BY dep_local_date LIMIT ?";
    pub const PIPELINE_RUNS: &str =
        "DELETE FROM pipeline_runs WHERE finished_at < ? AND id < ? ORDER BY finished_at LIMIT ?";
}

/// Implements the pruning of `$ty` in a module `prune_rows` of the expansion site.
macro_rules! prune_impl {
    (warehouse: $ty:ty) => {
        mod prune_rows {
            // The backend's type, `err` and `prune_sql`.
            use super::*;
            use crate::warehouse::WarehouseError;
            use crate::warehouse::prune::{HistoryTable, NEWEST_RUN};
            use chrono::{DateTime, Utc};

            pub(super) async fn prune(
                w: &$ty,
                table: HistoryTable,
                before: DateTime<Utc>,
                limit: u32,
                fence: Option<i64>,
            ) -> Result<u64, WarehouseError> {
                let limit = i64::from(limit.max(1));
                let mut tx = w.pool.begin().await.map_err(err)?;
                if let Some(epoch) = fence {
                    // As in a load: the row lock orders this batch with a successor's claim.
                    let held = sqlx::query(crate::warehouse::sql::EPOCH_FENCE)
                        .bind(epoch)
                        .execute(&mut *tx)
                        .await
                        .map_err(err)?;
                    if held.rows_affected() != 1 {
                        return Err(err(format!(
                            "fenced: this instance's leader epoch {epoch} is over (another instance leads); nothing pruned"
                        )));
                    }
                }
                let done = match table {
                    HistoryTable::PositionHistory => {
                        sqlx::query(prune_sql::POSITION_HISTORY).bind(before).bind(limit).execute(&mut *tx).await
                    }
                    HistoryTable::StatusHistory => {
                        sqlx::query(prune_sql::STATUS_HISTORY)
                            .bind(before.date_naive())
                            .bind(limit)
                            .execute(&mut *tx)
                            .await
                    }
                    HistoryTable::PipelineRuns => {
                        let newest: i64 = sqlx::query_scalar(NEWEST_RUN).fetch_one(&mut *tx).await.map_err(err)?;
                        sqlx::query(prune_sql::PIPELINE_RUNS)
                            .bind(before)
                            .bind(newest)
                            .bind(limit)
                            .execute(&mut *tx)
                            .await
                    }
                };
                let deleted = done.map_err(err)?.rows_affected();
                tx.commit().await.map_err(err)?;
                Ok(deleted)
            }
        }
    };
}

pub(super) use prune_impl;
