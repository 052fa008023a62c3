//! The one write of both warehouses: a [`LoadBatch`](super::LoadBatch) in one transaction,
//! fenced by the writer's leader epoch. A macro expanded by `warehouse_impl!` into an inherent
//! `load_batch` of the backend, which `Warehouse::load` calls; the site provides `CHUNK`, `err`,
//! the bulk writers of the large tables (`upsert_flights`, `insert_status_history`,
//! `upsert_latest_positions`, `insert_position_history`, which differ by dialect) and the
//! upserts of places (`place_upserts_impl!`).

/// Implements `load_batch` for `$ty` on database `$db`.
macro_rules! load_impl {
    (warehouse: $ty:ty, database: $db:ty, insert_ignore: $ignore:literal, run_upsert: $run_upsert:expr) => {
        impl $ty {
            /// One warehouse transaction: everything `batch` holds, fenced by its leader epoch.
            async fn load_batch(&self, batch: &LoadBatch) -> Result<LoadStats, WarehouseError> {
                let mut stats = LoadStats::default();
                let mut tx = self.pool.begin().await.map_err(err)?;
                if let Some(epoch) = batch.fence {
                    // First statement: the row lock orders this load with a successor's bump.
                    let held = sqlx::query(sql::EPOCH_FENCE).bind(epoch).execute(&mut *tx).await.map_err(err)?;
                    if held.rows_affected() != 1 {
                        return Err(err(format!(
                            "fenced: this instance's leader epoch {epoch} is over (another instance leads); nothing written"
                        )));
                    }
                }
                let airports: Vec<&Airport> = batch.airports.iter().collect();
                let airlines: Vec<&Airline> = batch.airlines.iter().collect();
                upsert_reference(&mut tx, &airports, &airlines).await?;
                for chunk in batch.airports.chunks(CHUNK) {
                    // What the pipeline fetched, for the cleaners of a starting pipeline.
                    let mut qb = QueryBuilder::<$db>::new(sql::MARK_FETCHED);
                    let mut codes = qb.separated(", ");
                    for a in chunk {
                        codes.push_bind(a.code().to_string());
                    }
                    qb.push(")");
                    qb.build().execute(&mut *tx).await.map_err(err)?;
                }
                upsert_places(&mut tx, batch).await?;
                stats.flights_written += upsert_flights(&mut tx, &batch.flights).await?;
                insert_status_history(&mut tx, &batch.flights).await?;
                // Newest first per aircraft, so one statement never carries an aircraft twice.
                let mut latest: std::collections::BTreeMap<&str, &Position> = std::collections::BTreeMap::new();
                for p in &batch.positions {
                    let e = latest.entry(p.icao24.as_str()).or_insert(p);
                    if p.observed_at > e.observed_at {
                        *e = p;
                    }
                }
                let latest: Vec<&Position> = latest.into_values().collect();
                stats.positions_written += upsert_latest_positions(&mut tx, &latest).await?;
                insert_position_history(&mut tx, &batch.positions).await?;
                for chunk in batch.codeshares.chunks(CHUNK) {
                    let mut qb = QueryBuilder::<$db>::new(concat!($ignore, " flight_codeshares "));
                    qb.push(sql::CODESHARE_COLUMNS);
                    qb.push_values(chunk, |mut b, c| bind_codeshare!(b, c));
                    qb.build().execute(&mut *tx).await.map_err(err)?;
                }
                for chunk in batch.rejects.chunks(CHUNK) {
                    let mut qb = QueryBuilder::<$db>::new(concat!($ignore, " rejects "));
                    qb.push(sql::REJECT_COLUMNS);
                    qb.push_values(chunk, |mut b, r| bind_reject!(b, r));
                    stats.rejects_written += qb.build().execute(&mut *tx).await.map_err(err)?.rows_affected();
                }
                for chunk in batch.runs.chunks(CHUNK) {
                    let mut qb = QueryBuilder::<$db>::new(sql::RUN_INSERT);
                    qb.push_values(chunk, |mut b, r| bind_run!(b, r));
                    qb.push($run_upsert);
                    qb.build().execute(&mut *tx).await.map_err(err)?;
                }
                tx.commit().await.map_err(err)?;
                Ok(stats)
            }
        }
    };
}

pub(super) use load_impl;
