//! The upserts of places inside a load (airports, airlines, countries, cities, aircraft types),
//! for both dialects: expanded by `warehouse_impl!` with the site's `CHUNK`, `err` and upsert
//! texts.

macro_rules! place_upserts_impl {
    (database: $db:ty, connection: $conn:ty) => {
        async fn upsert_reference(
            tx: &mut $conn,
            airports: &[&Airport],
            airlines: &[&Airline],
        ) -> Result<(), WarehouseError> {
            for chunk in airports.chunks(CHUNK) {
                let mut qb = QueryBuilder::<$db>::new(sql::AIRPORT_INSERT);
                qb.push_values(chunk, |mut b, a| bind_airport!(b, a));
                qb.push(AIRPORT_UPSERT);
                qb.build().execute(&mut *tx).await.map_err(err)?;
            }
            for chunk in airlines.chunks(CHUNK) {
                let mut qb = QueryBuilder::<$db>::new(sql::AIRLINE_INSERT);
                qb.push_values(chunk, |mut b, a| bind_airline!(b, a));
                qb.push(AIRLINE_UPSERT);
                qb.build().execute(&mut *tx).await.map_err(err)?;
            }
            Ok(())
        }

        /// Countries, cities and aircraft types: the newest name wins; a missing detail keeps the old.
        async fn upsert_places(tx: &mut $conn, batch: &LoadBatch) -> Result<(), WarehouseError> {
            for chunk in batch.countries.chunks(CHUNK) {
                let mut qb = QueryBuilder::<$db>::new(sql::COUNTRY_INSERT);
                qb.push_values(chunk, |mut b, c| {
                    b.push_bind(c.code.clone()).push_bind(c.name.clone());
                });
                qb.push(COUNTRY_UPSERT);
                qb.build().execute(&mut *tx).await.map_err(err)?;
            }
            for chunk in batch.cities.chunks(CHUNK) {
                let mut qb = QueryBuilder::<$db>::new(sql::CITY_INSERT);
                qb.push_values(chunk, |mut b, c| {
                    b.push_bind(c.code.clone()).push_bind(c.name.clone()).push_bind(c.country.clone());
                });
                qb.push(CITY_UPSERT);
                qb.build().execute(&mut *tx).await.map_err(err)?;
            }
            for chunk in batch.aircraft.chunks(CHUNK) {
                let mut qb = QueryBuilder::<$db>::new(sql::AIRCRAFT_INSERT);
                qb.push_values(chunk, |mut b, a| {
                    b.push_bind(a.code.clone()).push_bind(a.icao.clone()).push_bind(a.name.clone());
                });
                qb.push(AIRCRAFT_UPSERT);
                qb.build().execute(&mut *tx).await.map_err(err)?;
            }
            Ok(())
        }
    };
}

pub(super) use place_upserts_impl;
