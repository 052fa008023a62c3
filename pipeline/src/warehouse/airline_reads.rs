//! The airline view's and the place lists' reads of both warehouses: an airline's day, the
//! search box's airlines, and a country's or a city's airports with their day.
//! A macro expanded once per backend (into a private module `airline_reads` of the expansion
//! site, whose `Warehouse` methods delegate to it), like `drilldown`; the figures of the day are
//! [`AirlineDay::new`](crate::model::AirlineDay::new)'s.

/// A busy airline's day: Lufthansa operates some 1,000 legs, American some 6,000.
pub const AIRLINE_DAY_LIMIT: u32 = 8_000;
/// Places a list holds at most (the United States have some 1,500 with an ICAO or IATA code).
pub const PLACES_LIMIT: u32 = 2_000;
/// Airports of a list whose day is counted (those the warehouse holds legs of; more than a
/// pipeline fetches boards for).
pub const PLACES_COUNTED: usize = 100;

/// Implements the airline reads for `$ty` in a module `airline_reads` of the expansion site.
macro_rules! airline_reads_impl {
    (warehouse: $ty:ty) => {
        mod airline_reads {
            use super::super::airline_reads::{AIRLINE_DAY_LIMIT, PLACES_COUNTED, PLACES_LIMIT};
            use super::super::sql::{self, decode_airline, decode_airport, decode_board_row};
            // The backend's type and `err`.
            use super::*;
            use crate::model::{AirlineDay, AirlineLeg, PlaceFilter, PlaceTraffic};
            use crate::warehouse::WarehouseError;
            use chrono::NaiveDate;
            use sqlx::Row;

            pub(super) async fn airline_day(
                w: &$ty,
                code: &str,
                day: NaiveDate,
            ) -> Result<Option<AirlineDay>, WarehouseError> {
                let by_code = format!("{} WHERE code = ?", sql::AIRLINE_SELECT);
                let row =
                    sqlx::query(sqlx::AssertSqlSafe(by_code)).bind(code).fetch_optional(&w.pool).await.map_err(err)?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let airline = decode_airline!(&row, err);
                let mut zones = std::collections::HashMap::new();
                for r in
                    sqlx::query(sql::AIRLINE_ORIGIN_ZONES).bind(code).bind(day).fetch_all(&w.pool).await.map_err(err)?
                {
                    let origin: String = r.try_get("code").map_err(err)?;
                    let tz: String = r.try_get("tz").map_err(err)?;
                    let tz: chrono_tz::Tz = tz.parse().map_err(|_| err(format!("unknown time zone {tz:?}")))?;
                    zones.insert(origin, tz);
                }
                let rows = sqlx::query(sql::AIRLINE_LEGS)
                    .bind(code)
                    .bind(day)
                    .bind(i64::from(AIRLINE_DAY_LIMIT))
                    .fetch_all(&w.pool)
                    .await
                    .map_err(err)?;
                let mut legs = Vec::with_capacity(rows.len());
                for r in &rows {
                    let row = decode_board_row!(r, err);
                    let origin_tz = zones.get(&row.key.origin).copied();
                    legs.push(AirlineLeg { row, origin_tz });
                }
                Ok(Some(AirlineDay::new(airline, day, legs)))
            }

            pub(super) async fn places(
                w: &$ty,
                filter: &PlaceFilter,
                day: NaiveDate,
            ) -> Result<Vec<PlaceTraffic>, WarehouseError> {
                let query = match filter {
                    PlaceFilter::Country(code) => sqlx::query(sql::PLACES_IN_COUNTRY).bind(code.trim().to_uppercase()),
                    PlaceFilter::City(name) => sqlx::query(sql::PLACES_IN_CITY).bind(name.trim().to_lowercase()),
                };
                let rows = query.bind(i64::from(PLACES_LIMIT)).fetch_all(&w.pool).await.map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                let mut counted = 0;
                for r in &rows {
                    let airport = decode_airport!(r, err);
                    let has_legs: i64 = r.try_get("has_legs").map_err(err)?;
                    // The day as the airport page counts it, for those with legs at all.
                    let stats = if has_legs != 0 && counted < PLACES_COUNTED {
                        counted += 1;
                        w.airport_stats(airport.code(), day).await?
                    } else {
                        None
                    };
                    let (departures, arrivals) = match stats {
                        Some(s) => (Some(s.departures), Some(s.arrivals)),
                        None => (None, None),
                    };
                    out.push(PlaceTraffic { airport, departures, arrivals });
                }
                // Those with flights that day first, the busiest first; then by code.
                out.sort_by(|a, b| {
                    b.legs()
                        .cmp(&a.legs())
                        .then(b.departures.is_some().cmp(&a.departures.is_some()))
                        .then_with(|| a.airport.code().cmp(b.airport.code()))
                });
                Ok(out)
            }

            pub(super) async fn find_airlines(
                w: &$ty,
                text: &str,
                limit: u32,
            ) -> Result<Vec<crate::model::Airline>, WarehouseError> {
                // A designator has two characters at least; one letter would name hundreds.
                let Some((exact, _, name_prefix, contains)) = super::super::drilldown_rules::airport_search(text)
                    .filter(|s| limit > 0 && s.0.chars().count() >= 2)
                else {
                    return Ok(Vec::new());
                };
                let rows = sqlx::query(sql::FIND_AIRLINES)
                    .bind(&exact)
                    .bind(&exact)
                    .bind(&name_prefix)
                    .bind(&contains)
                    .bind(i64::from(limit))
                    .fetch_all(&w.pool)
                    .await
                    .map_err(err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    out.push(decode_airline!(r, err));
                }
                Ok(out)
            }
        }
    };
}

pub(super) use airline_reads_impl;
