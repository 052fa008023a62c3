//! What the SQLite and MySQL warehouses share: every query and upsert except the few that differ
//! by dialect. A macro rather than generic code, because sqlx's bounds over two databases would
//! be longer than the code they share. The expansion site provides `CHUNK`, `err`, the upsert
//! texts (`AIRPORT_UPSERT`, `AIRLINE_UPSERT`, `COUNTRY_UPSERT`, `CITY_UPSERT`, `AIRCRAFT_UPSERT`,
//! `FLIGHT_UPSERT`, `POSITION_UPSERT`), the
//! statements (`FLIGHT_INSERT`, `FLIGHT_SELECT`), `MIGRATOR`, and the bulk writers of the large
//! tables, which differ by dialect (`upsert_flights`, `upsert_latest_positions`,
//! `insert_position_history`, `insert_status_history`). The upserts of places are
//! [`place_upserts_impl`](super::place_upserts::place_upserts_impl); the drill-down reads are implemented by
//! [`drilldown_impl`](super::drilldown::drilldown_impl), retention by
//! [`prune_impl`](super::prune::prune_impl) (with the site's `prune_sql`) and the load by
//! [`load_impl`](super::load_writes::load_impl), all expanded here too.

/// Implements [`Warehouse`](super::Warehouse) for `$ty` on database `$db`: the shared methods,
/// plus the dialect-specific ones passed in `specific`.
macro_rules! warehouse_impl {
    (
        warehouse: $ty:ty,
        database: $db:ty,
        connection: $conn:ty,
        insert_ignore: $ignore:literal,
        run_upsert: $run_upsert:expr,
        specific: { $($specific:tt)* }
    ) => {
        super::place_upserts::place_upserts_impl! { database: $db, connection: $conn }

        super::drilldown::drilldown_impl! { warehouse: $ty }
        super::airline_reads::airline_reads_impl! { warehouse: $ty }
        super::prune::prune_impl! { warehouse: $ty }
        super::load_writes::load_impl! { warehouse: $ty, database: $db, insert_ignore: $ignore, run_upsert: $run_upsert }

        impl $ty {
            /// A board's rows with their codeshares: `sql` and `codeshare_sql` take the window's
            /// binds for `airport`, then `also` (a route's destination) if given; `sql` the limit.
            async fn board_rows(
                &self,
                sql: &'static str,
                codeshare_sql: &'static str,
                airport: &str,
                also: Option<&str>,
                w: BoardWindow,
            ) -> Result<Vec<crate::model::BoardRow>, WarehouseError> {
                let mut query = bind_board_window!(sqlx::query(sql), airport, w);
                if let Some(also) = also {
                    query = query.bind(also);
                }
                let rows = query.bind(i64::from(w.limit)).fetch_all(&self.pool).await.map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(decode_board_row!(r, err));
                }
                let mut query = bind_board_window!(sqlx::query(codeshare_sql), airport, w);
                if let Some(also) = also {
                    query = query.bind(also);
                }
                let codeshares = query.fetch_all(&self.pool).await.map_err(err)?;
                let mut by_leg: std::collections::HashMap<crate::model::FlightKey, Vec<String>> =
                    std::collections::HashMap::new();
                for c in &codeshares {
                    let key = crate::model::FlightKey {
                        carrier: c.try_get("carrier").map_err(err)?,
                        number: c.try_get("flight_number").map_err(err)?,
                        origin: c.try_get("origin").map_err(err)?,
                        dep_local_date: c.try_get("dep_local_date").map_err(err)?,
                    };
                    let carrier: String = c.try_get("mkt_carrier").map_err(err)?;
                    let number: String = c.try_get("mkt_number").map_err(err)?;
                    let shown = crate::model::text::sanitize(&format!("{carrier} {number}"));
                    by_leg.entry(key).or_default().push(shown);
                }
                for row in &mut out {
                    if let Some(list) = by_leg.remove(&row.key) {
                        row.codeshares = list;
                    }
                }
                Ok(out)
            }
        }

        #[async_trait::async_trait]
        impl Warehouse for $ty {
            $($specific)*

            async fn seed_reference(&self, reference: &Reference) -> Result<(), WarehouseError> {
                let airports: Vec<&Airport> = reference.airports().collect();
                let seeded: Option<String> = sqlx::query_scalar(sql::SEED_EDITION)
                    .bind(sql::SEED_NAME)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(err)?;
                if seeded.as_deref() == Some(reference.edition()) {
                    return Ok(());
                }
                let airlines: Vec<&Airline> = reference.airlines().collect();
                let mut tx = self.pool.begin().await.map_err(err)?;
                upsert_reference(&mut tx, &airports, &airlines).await?;
                sqlx::query(sql::SEED_EDITION_DELETE).bind(sql::SEED_NAME).execute(&mut *tx).await.map_err(err)?;
                sqlx::query(sql::SEED_EDITION_INSERT)
                    .bind(sql::SEED_NAME)
                    .bind(reference.edition())
                    .execute(&mut *tx)
                    .await
                    .map_err(err)?;
                tx.commit().await.map_err(err)
            }

            async fn claim_leadership(&self, holder: &str) -> Result<i64, WarehouseError> {
                let mut tx = self.pool.begin().await.map_err(err)?;
                sqlx::query(sql::EPOCH_BUMP).bind(holder).execute(&mut *tx).await.map_err(err)?;
                let epoch: i64 = sqlx::query_scalar(sql::EPOCH_READ).fetch_one(&mut *tx).await.map_err(err)?;
                tx.commit().await.map_err(err)?;
                Ok(epoch)
            }

            async fn load(&self, batch: &LoadBatch) -> Result<LoadStats, WarehouseError> {
                self.load_batch(batch).await
            }

            async fn airport(&self, iata: &str) -> Result<Option<Airport>, WarehouseError> {
                let sql = format!("{} WHERE code = ?", sql::AIRPORT_SELECT);
                let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(iata).fetch_optional(&self.pool).await.map_err(err)?;
                Ok(match row {
                    Some(r) => Some(decode_airport!(&r, err)),
                    None => None,
                })
            }

            async fn board(&self, airport: &str, kind: BoardKind, w: BoardWindow) -> Result<Option<Board>, WarehouseError> {
                let Some(ap) = self.airport(airport).await? else {
                    return Ok(None);
                };
                let (sql, codeshare_sql) = match kind {
                    BoardKind::Departures => (sql::BOARD_DEPARTURES, sql::BOARD_DEPARTURES_CODESHARES),
                    BoardKind::Arrivals => (sql::BOARD_ARRIVALS, sql::BOARD_ARRIVALS_CODESHARES),
                };
                let rows = self.board_rows(sql, codeshare_sql, airport, None, w).await?;
                Ok(Some(Board { airport: ap, kind, rows }))
            }

            async fn route(&self, from: &str, to: &str, w: BoardWindow) -> Result<Option<[Board; 2]>, WarehouseError> {
                let (Some(origin), Some(destination)) = (self.airport(from).await?, self.airport(to).await?) else {
                    return Ok(None);
                };
                let departures = self.board_rows(sql::ROUTE_DEPARTURES, sql::ROUTE_CODESHARES, from, Some(to), w).await?;
                let arrivals = self.board_rows(sql::ROUTE_ARRIVALS, sql::ROUTE_CODESHARES, from, Some(to), w).await?;
                Ok(Some([
                    Board { airport: origin, kind: BoardKind::Departures, rows: departures },
                    Board { airport: destination, kind: BoardKind::Arrivals, rows: arrivals },
                ]))
            }

            async fn freshness(&self) -> Result<DataFreshness, WarehouseError> {
                let row = sqlx::query(
                    "SELECT (SELECT COALESCE(MAX(id), 0) FROM pipeline_runs) AS version,
                            (SELECT MAX(observed_at) FROM flights) AS newest",
                )
                .fetch_one(&self.pool)
                .await
                .map_err(err)?;
                Ok(DataFreshness {
                    version: row.try_get("version").map_err(err)?,
                    newest_observation: row.try_get::<Option<DateTime<Utc>>, _>("newest").map_err(err)?,
                })
            }

            async fn source_health(&self) -> Result<Vec<crate::model::SourceHealth>, WarehouseError> {
                let mut out = Vec::new();
                for source in ["lufthansa", "airlabs", "opensky"] {
                    // Newest first along the (source, finished_at) index: a few rows read each.
                    let newest = |ok: bool| {
                        sqlx::query(
                            "SELECT finished_at, error FROM pipeline_runs
                             WHERE source = ? AND stage = 'fetch' AND ok = ? ORDER BY finished_at DESC LIMIT 1",
                        )
                        .bind(source)
                        .bind(ok)
                        .fetch_optional(&self.pool)
                    };
                    let ok = newest(true).await.map_err(err)?;
                    let failed = newest(false).await.map_err(err)?;
                    if ok.is_none() && failed.is_none() {
                        continue;
                    }
                    let time = |r: &Option<_>| -> Result<Option<DateTime<Utc>>, WarehouseError> {
                        r.as_ref().map(|r: &_| Row::try_get(r, "finished_at")).transpose().map_err(err)
                    };
                    out.push(crate::model::SourceHealth {
                        source: source.to_string(),
                        last_ok: time(&ok)?,
                        last_error: time(&failed)?,
                        error: failed.as_ref().map(|r| Row::try_get(r, "error")).transpose().map_err(err)?.flatten(),
                    });
                }
                Ok(out)
            }

            async fn count(&self, table: Table) -> Result<i64, WarehouseError> {
                sqlx::query_scalar(table.count_sql()).fetch_one(&self.pool).await.map_err(err)
            }

            async fn export_flights(&self, airport: Option<&str>) -> Result<Vec<FlightLeg>, WarehouseError> {
                let sql = format!(
                    "{} WHERE (? IS NULL OR origin = ? OR destination = ?) ORDER BY {}",
                    sql::FLIGHT_SELECT.as_str(),
                    sql::FLIGHT_KEY.join(", ")
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(airport)
                    .bind(airport)
                    .bind(airport)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(decode_flight!(r, err));
                }
                Ok(out)
            }

            async fn fetched_airports(&self) -> Result<Vec<Airport>, WarehouseError> {
                let sql = format!("{} WHERE fetched = 1 ORDER BY code", sql::AIRPORT_SELECT);
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await.map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(decode_airport!(r, err));
                }
                Ok(out)
            }

            async fn export_airports(&self) -> Result<Vec<Airport>, WarehouseError> {
                let sql = format!("{} ORDER BY code", sql::AIRPORT_SELECT);
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await.map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(decode_airport!(r, err));
                }
                Ok(out)
            }

            async fn export_airlines(&self) -> Result<Vec<Airline>, WarehouseError> {
                let sql = format!("{} ORDER BY code", sql::AIRLINE_SELECT);
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await.map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(decode_airline!(r, err));
                }
                Ok(out)
            }

            async fn export_positions(&self) -> Result<Vec<Position>, WarehouseError> {
                let sql = format!("{} ORDER BY icao24", sql::POSITION_SELECT);
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await.map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(decode_position!(r, err));
                }
                Ok(out)
            }


            async fn position_for_flight(&self, m: &crate::warehouse::PositionMatch) -> Result<Option<Position>, WarehouseError> {
            let sql = format!("{}{}", sql::POSITION_SELECT, sql::POSITION_FOR_FLIGHT);
            let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(&m.flight_iata)
                .bind(m.callsign.as_deref().unwrap_or(""))
                .bind(m.now - m.max_age)
                .bind(m.not_before)
                .bind(m.registration.as_deref())
                .bind(m.registration.as_deref())
                .fetch_optional(&self.pool)
                .await
                .map_err(err)?;
            Ok(match row {
                Some(r) => Some(decode_position!(&r, err)),
                None => None,
            })
        }

            async fn airport_stats(
                &self,
                iata: &str,
                day: chrono::NaiveDate,
            ) -> Result<Option<crate::model::AirportStats>, WarehouseError> {
                drill::airport_stats(self, iata, day).await
            }

            async fn flight_detail(
                &self,
                key: &crate::model::FlightKey,
                now: DateTime<Utc>,
            ) -> Result<Option<crate::model::FlightDetail>, WarehouseError> {
                drill::flight_detail(self, key, now).await
            }

            async fn map_positions(
                &self,
                now: DateTime<Utc>,
                max_age: chrono::Duration,
            ) -> Result<Vec<crate::model::MapAircraftRow>, WarehouseError> {
                drill::map_positions(self, now, max_age).await
            }

            async fn position_trail(
                &self,
                icao24: &str,
                since: DateTime<Utc>,
            ) -> Result<Vec<Position>, WarehouseError> {
                drill::position_trail(self, icao24, since).await
            }

            async fn find_flights(
                &self,
                text: &str,
                now: DateTime<Utc>,
                limit: u32,
            ) -> Result<Vec<crate::model::FlightMatch>, WarehouseError> {
                drill::find_flights(self, text, now, limit).await
            }

            async fn find_airports(&self, text: &str, limit: u32) -> Result<Vec<Airport>, WarehouseError> {
                drill::find_airports(self, text, limit).await
            }

            async fn find_airlines(&self, text: &str, limit: u32) -> Result<Vec<Airline>, WarehouseError> {
                airline_reads::find_airlines(self, text, limit).await
            }

            async fn places(
                &self,
                filter: &crate::model::PlaceFilter,
                day: chrono::NaiveDate,
            ) -> Result<Vec<crate::model::PlaceTraffic>, WarehouseError> {
                airline_reads::places(self, filter, day).await
            }

            async fn airline_day(
                &self,
                code: &str,
                day: chrono::NaiveDate,
            ) -> Result<Option<crate::model::AirlineDay>, WarehouseError> {
                airline_reads::airline_day(self, code, day).await
            }

            async fn flight_for_position(
                &self,
                position: &Position,
            ) -> Result<Option<crate::model::FlightKey>, WarehouseError> {
                drill::flight_for_position(self, position).await
            }

            async fn prune_history(
                &self,
                table: super::HistoryTable,
                before: DateTime<Utc>,
                limit: u32,
                fence: Option<i64>,
            ) -> Result<u64, WarehouseError> {
                prune_rows::prune(self, table, before, limit, fence).await
            }

        fn latest_schema_version(&self) -> i64 {
                MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
            }

            async fn check_writable(&self) -> Result<(), WarehouseError> {
                let mut tx = self.pool.begin().await.map_err(err)?;
                sqlx::query("INSERT INTO pipeline_runs (started_at, finished_at, source, endpoint, stage, ok) VALUES (?, ?, 'doctor', 'probe', 'probe', 1)")
                    .bind(Utc::now())
                    .bind(Utc::now())
                    .execute(&mut *tx)
                    .await
                    .map_err(err)?;
                tx.rollback().await.map_err(err)
            }

        }
    };
}

pub(super) use warehouse_impl;
