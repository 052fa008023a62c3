//! The drill-down reads of both warehouses: an airport's local day, a flight's detail page, the
//! world map, an aircraft's trail and the search box. Like `shared`, a macro expanded once per
//! backend (into a private module `drill` of the expansion site, whose `Warehouse` methods
//! delegate to it); the expansion site provides `err`, the dialect text `FIND_FLIGHTS` (from
//! [`drilldown_sql`](super::drilldown_sql)) and `map_reads`, its reads of the map's positions and their candidate legs. What needs no database is in
//! [`drilldown_rules`](super::drilldown_rules).

/// Implements the drill-down reads for `$ty` in a module `drill` of the expansion site.
macro_rules! drilldown_impl {
    (warehouse: $ty:ty) => {
        mod drill {
            use super::super::drilldown_rules::{self as drilldown, DayArrival, DayDeparture, FlightSearch};
            use super::super::drilldown_sql as dsql;
            use super::super::sql::{decode_airport, decode_flight};
            // The backend's type, `err`, `FIND_FLIGHTS` and `map_reads`.
            use super::*;
            use crate::model::{
                AirportStats, FlightDetail, FlightKey, FlightMatch, FlightStatus, MapAircraftRow, Position,
                StatusChange,
            };
            use crate::warehouse::{PositionMatch, Warehouse, WarehouseError};
            use chrono::{DateTime, NaiveDate, Utc};
            use sqlx::Row;

            fn count(n: i64) -> u32 {
                u32::try_from(n.max(0)).unwrap_or(u32::MAX)
            }

            pub(super) async fn airport_stats(
                w: &$ty,
                iata: &str,
                day: NaiveDate,
            ) -> Result<Option<AirportStats>, WarehouseError> {
                let Some(airport) = w.airport(iata).await? else {
                    return Ok(None);
                };
                let (from, until) = drilldown::local_day_utc(airport.tz, day)
                    .ok_or_else(|| err(format!("no local day {day} at {iata}")))?;
                let rows = sqlx::query(dsql::DAY_DEPARTURES)
                    .bind(&airport.iata)
                    .bind(from)
                    .bind(until)
                    .fetch_all(&w.pool)
                    .await
                    .map_err(err)?;
                let mut departures = Vec::with_capacity(rows.len());
                for r in &rows {
                    let status: String = r.try_get("status").map_err(err)?;
                    departures.push(DayDeparture {
                        destination: r.try_get("destination").map_err(err)?,
                        destination_city: r.try_get("destination_city").map_err(err)?,
                        sched_dep: r.try_get("sched_dep_utc").map_err(err)?,
                        est_dep: r.try_get("est_dep_utc").map_err(err)?,
                        act_dep: r.try_get("act_dep_utc").map_err(err)?,
                        status: FlightStatus::parse(&status),
                    });
                }
                let rows = sqlx::query(dsql::DAY_ARRIVALS)
                    .bind(&airport.iata)
                    .bind(from)
                    .bind(until)
                    .bind(from)
                    .bind(until)
                    .fetch_all(&w.pool)
                    .await
                    .map_err(err)?;
                let mut arrivals = Vec::with_capacity(rows.len());
                for r in &rows {
                    let status: String = r.try_get("status").map_err(err)?;
                    arrivals.push(DayArrival {
                        sched_arr: r.try_get("sched_arr_utc").map_err(err)?,
                        sched_dep: r.try_get("sched_dep_utc").map_err(err)?,
                        est_arr: r.try_get("est_arr_utc").map_err(err)?,
                        act_arr: r.try_get("act_arr_utc").map_err(err)?,
                        status: FlightStatus::parse(&status),
                    });
                }
                let cancelled = departures.iter().map(|d| d.status).chain(arrivals.iter().map(|a| a.status));
                let cancelled = cancelled.filter(|s| *s == FlightStatus::Cancelled).count();
                let (on_time_pct, avg_delay_minutes, busiest_destinations) =
                    drilldown::summarize_departures(&departures);
                Ok(Some(AirportStats {
                    airport: airport.code().to_string(),
                    day,
                    departures: count(departures.len() as i64),
                    arrivals: count(arrivals.len() as i64),
                    cancelled: count(cancelled as i64),
                    on_time_pct,
                    avg_delay_minutes,
                    busiest_destinations,
                    by_hour: drilldown::traffic_by_hour(airport.tz, &departures, &arrivals),
                    by_status: drilldown::by_status(&departures, &arrivals),
                }))
            }

            pub(super) async fn flight_detail(
                w: &$ty,
                key: &FlightKey,
                now: DateTime<Utc>,
            ) -> Result<Option<FlightDetail>, WarehouseError> {
                let by_key = |sql| {
                    sqlx::query(sql).bind(&key.carrier).bind(&key.number).bind(&key.origin).bind(key.dep_local_date)
                };
                let Some(row) = by_key(dsql::FLIGHT_BY_KEY.as_str()).fetch_optional(&w.pool).await.map_err(err)? else {
                    return Ok(None);
                };
                let leg = decode_flight!(&row, err);
                let mut codeshares = Vec::new();
                for r in by_key(dsql::CODESHARES_OF_LEG).fetch_all(&w.pool).await.map_err(err)? {
                    codeshares.push((
                        crate::model::text::CleanText::cleaned(r.try_get("mkt_carrier").map_err(err)?),
                        crate::model::text::CleanText::cleaned(r.try_get("mkt_number").map_err(err)?),
                    ));
                }
                codeshares.sort();
                let mut status_history = Vec::new();
                for r in by_key(dsql::STATUS_HISTORY_OF_LEG).fetch_all(&w.pool).await.map_err(err)? {
                    let status: String = r.try_get("status").map_err(err)?;
                    let source_status: String =
                        crate::model::text::CleanText::cleaned(r.try_get("source_status").map_err(err)?);
                    status_history.push(StatusChange {
                        observed_at: r.try_get("observed_at").map_err(err)?,
                        status: FlightStatus::parse(&status),
                        source_status: Some(source_status).filter(|s| !s.is_empty()),
                        source: crate::model::text::CleanText::cleaned(r.try_get("source").map_err(err)?),
                    });
                }
                let airline_icao: Option<String> = sqlx::query_scalar(dsql::AIRLINE_ICAO)
                    .bind(&leg.key.carrier)
                    .fetch_optional(&w.pool)
                    .await
                    .map_err(err)?
                    .flatten();
                let position =
                    w.position_for_flight(&PositionMatch::for_leg_with(&leg, airline_icao.as_deref(), now)).await?;
                Ok(Some(FlightDetail {
                    codeshares,
                    origin: w.airport(&leg.key.origin).await?,
                    destination: w.airport(&leg.destination).await?,
                    status_history,
                    position,
                    leg,
                }))
            }

            /// Two set-based reads in one snapshot, the latest positions and the candidate legs
            /// of their flight numbers (the dialect's `map_reads`), matched here (see `map_legs`):
            /// no per-position subquery.
            pub(super) async fn map_positions(
                w: &$ty,
                now: DateTime<Utc>,
                max_age: chrono::Duration,
            ) -> Result<Vec<MapAircraftRow>, WarehouseError> {
                let mut tx = w.pool.begin().await.map_err(err)?;
                let (positions, legs) = map_reads(&mut tx, now - max_age, |e| err(e)).await?;
                tx.commit().await.map_err(err)?;
                Ok(positions
                    .into_iter()
                    .map(|position| {
                        let status =
                            position.flight_iata.as_deref().and_then(|d| legs.status_for(d, position.observed_at));
                        MapAircraftRow { position, status }
                    })
                    .collect())
            }

            pub(super) async fn position_trail(
                w: &$ty,
                icao24: &str,
                since: DateTime<Utc>,
            ) -> Result<Vec<Position>, WarehouseError> {
                let rows = sqlx::query(dsql::TRAIL).bind(icao24).bind(since).fetch_all(&w.pool).await.map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows.iter().rev() {
                    out.push(Position {
                        icao24: r.try_get("icao24").map_err(err)?,
                        callsign: None,
                        flight_iata: None,
                        registration: None,
                        aircraft_type: None,
                        origin: None,
                        destination: None,
                        lat: r.try_get("lat").map_err(err)?,
                        lon: r.try_get("lon").map_err(err)?,
                        altitude_m: r.try_get("altitude_m").map_err(err)?,
                        ground_speed_kmh: r.try_get("ground_speed_kmh").map_err(err)?,
                        heading: r.try_get("heading").map_err(err)?,
                        vertical_rate_ms: None,
                        on_ground: None,
                        squawk: None,
                        source: r.try_get("source").map_err(err)?,
                        observed_at: r.try_get("observed_at").map_err(err)?,
                        lake_key: String::new(),
                    });
                }
                Ok(out)
            }

            pub(super) async fn find_flights(
                w: &$ty,
                text: &str,
                now: DateTime<Utc>,
                limit: u32,
            ) -> Result<Vec<FlightMatch>, WarehouseError> {
                let Some(s) = FlightSearch::new(text).filter(|_| limit > 0) else {
                    return Ok(Vec::new());
                };
                let rows = sqlx::query(FIND_FLIGHTS)
                    .bind(&s.text)
                    .bind(&s.high)
                    .bind(&s.prefix)
                    .bind(&s.icao)
                    .bind(&s.number)
                    .bind(&s.prefix)
                    .bind(now)
                    .bind(i64::from(limit))
                    .fetch_all(&w.pool)
                    .await
                    .map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    let status: String = r.try_get("status").map_err(err)?;
                    out.push(FlightMatch {
                        key: FlightKey {
                            carrier: r.try_get("carrier").map_err(err)?,
                            number: r.try_get("flight_number").map_err(err)?,
                            origin: r.try_get("origin").map_err(err)?,
                            dep_local_date: r.try_get("dep_local_date").map_err(err)?,
                        },
                        destination: r.try_get("destination").map_err(err)?,
                        sched_dep: r.try_get("sched_dep_utc").map_err(err)?,
                        status: FlightStatus::parse(&status),
                    });
                }
                Ok(out)
            }

            pub(super) async fn find_airports(
                w: &$ty,
                text: &str,
                limit: u32,
            ) -> Result<Vec<crate::model::Airport>, WarehouseError> {
                let Some((exact, code_prefix, name_prefix, contains)) =
                    drilldown::airport_search(text).filter(|_| limit > 0)
                else {
                    return Ok(Vec::new());
                };
                let rows = sqlx::query(dsql::FIND_AIRPORTS)
                    .bind(&exact)
                    .bind(&exact)
                    .bind(&name_prefix)
                    .bind(&name_prefix)
                    .bind(&code_prefix)
                    .bind(&code_prefix)
                    .bind(&contains)
                    .bind(&contains)
                    .bind(i64::from(limit))
                    .fetch_all(&w.pool)
                    .await
                    .map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(decode_airport!(r, err));
                }
                Ok(out)
            }

            pub(super) async fn flight_for_position(
                w: &$ty,
                position: &Position,
            ) -> Result<Option<FlightKey>, WarehouseError> {
                let mut designators: Vec<String> = position.flight_iata.iter().cloned().collect();
                if let Some((icao, number)) = position.callsign.as_deref().and_then(drilldown::numeric_callsign) {
                    let iata: Option<String> = sqlx::query_scalar(dsql::AIRLINE_BY_ICAO)
                        .bind(icao)
                        .fetch_optional(&w.pool)
                        .await
                        .map_err(err)?;
                    designators.extend(iata.map(|iata| format!("{iata}{number}")));
                }
                designators.dedup();
                let t = position.observed_at;
                for designator in &designators {
                    let (first_day, last_day) = drilldown::local_dates_near(t);
                    let rows = sqlx::query(dsql::LEGS_OF_DESIGNATOR)
                        .bind(designator)
                        .bind(first_day)
                        .bind(last_day)
                        .bind(t - drilldown::LEG_BEFORE_POSITION)
                        .bind(t + drilldown::LEG_AFTER_POSITION)
                        .fetch_all(&w.pool)
                        .await
                        .map_err(err)?;
                    let mut best: Option<(chrono::Duration, DateTime<Utc>, FlightKey)> = None;
                    for r in &rows {
                        let sched: DateTime<Utc> = r.try_get("sched_dep_utc").map_err(err)?;
                        let key = FlightKey {
                            carrier: r.try_get("carrier").map_err(err)?,
                            number: r.try_get("flight_number").map_err(err)?,
                            origin: r.try_get("origin").map_err(err)?,
                            dep_local_date: r.try_get("dep_local_date").map_err(err)?,
                        };
                        let candidate = ((sched - t).abs(), sched, key);
                        if best.as_ref().is_none_or(|b| candidate < *b) {
                            best = Some(candidate);
                        }
                    }
                    if let Some((_, _, key)) = best {
                        return Ok(Some(key));
                    }
                }
                Ok(None)
            }
        }
    };
}

pub(super) use drilldown_impl;
