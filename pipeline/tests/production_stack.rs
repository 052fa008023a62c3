//! The production stack on real servers: S3 (s3s-fs, in process), a MongoDB-wire server and
//! MariaDB, against the embedded stack, through the same pipeline code.

mod support;

use pipeline::clock::{Clock, SharedClock};
use pipeline::lake::{Lake, S3Lake, S3Location};
use pipeline::model::{RawResponse, Source};
use pipeline::runner::Stores;
use pipeline::staging::Staging;
use pipeline::warehouse::{Table, Warehouse};
use support::*;

/// The natural keys of the flights among staged records (cleaned as the cleaner would).
fn flight_keys(staged: &[pipeline::staging::StagedRecord]) -> std::collections::BTreeSet<String> {
    use pipeline::clean::{CleanRow, RecordContext, dispatch};
    staged
        .iter()
        .filter(|r| r.ordinal >= 0)
        .filter_map(|r| {
            let ctx = RecordContext {
                source: r.batch.source.clone(),
                endpoint: r.batch.endpoint.clone(),
                lake_key: r.batch.lake_key.clone(),
                fetched_at: r.batch.fetched_at,
            };
            dispatch::clean(&r.doc, &ctx, pipeline::reference::Reference::embedded()).ok()
        })
        .flatten()
        .filter_map(|row| match row {
            CleanRow::Flight(leg) => Some(leg.key.natural_key()),
            _ => None,
        })
        .collect()
}

/// A Lufthansa `/references/airports` answer (documented shape) with names that break naive code.
const AIRPORTS_WITH_NAMES: &str = r#"{"AirportResource":{"Airports":{"Airport":[
 {"AirportCode":"ORD","Position":{"Coordinate":{"Latitude":41.9786,"Longitude":-87.9048}},"CityCode":"CHI","CountryCode":"US",
  "LocationType":"Airport","Names":{"Name":{"@LanguageCode":"en","$":"Chicago O'Hare International"}},"UtcOffset":-6,"TimeZoneId":"America/Chicago"},
 {"AirportCode":"ZRH","Position":{"Coordinate":{"Latitude":47.4647,"Longitude":8.5492}},"CityCode":"ZRH","CountryCode":"CH",
  "LocationType":"Airport","Names":{"Name":[{"@LanguageCode":"de","$":"Zürich Flughafen"},{"@LanguageCode":"en","$":"Zürich Flughafen – Kloten"}]},"UtcOffset":"1.0","TimeZoneId":"Europe/Zurich"},
 {"AirportCode":"HND","Position":{"Coordinate":{"Latitude":35.5523,"Longitude":139.78}},"CityCode":"TYO","CountryCode":"JP",
  "LocationType":"Airport","Names":{"Name":{"@LanguageCode":"en","$":"東京国際空港 (羽田)"}},"UtcOffset":9,"TimeZoneId":"Asia/Tokyo"},
 {"AirportCode":"ATH","Position":{"Coordinate":{"Latitude":37.9364,"Longitude":23.9445}},"CityCode":"ATH","CountryCode":"GR",
  "LocationType":"Airport","Names":{"Name":{"@LanguageCode":"en","$":"Αθήνα «Ελευθέριος Βενιζέλος»"}},"UtcOffset":2,"TimeZoneId":"Europe/Athens"},
 {"AirportCode":"SVO","Position":{"Coordinate":{"Latitude":55.9726,"Longitude":37.4146}},"CityCode":"MOW","CountryCode":"RU",
  "LocationType":"Airport","Names":{"Name":{"@LanguageCode":"en","$":"Москва Шереметьево 🛫 \"A\"\\B"}},"UtcOffset":3,"TimeZoneId":"Europe/Moscow"}
]},"Meta":{"@Version":"1.0.0","TotalCount":5}}}"#;

const AIRLINES_WITH_NAMES: &str = r#"{"AirlineResource":{"Airlines":{"Airline":[
 {"AirlineID":"EI","AirlineID_ICAO":"EIN","Names":{"Name":{"@LanguageCode":"en","$":"Aer Lingus' Éire"}}},
 {"AirlineID":"CA","AirlineID_ICAO":"CCA","Names":{"Name":{"@LanguageCode":"en","$":"中国国际航空"}}}
]}}}"#;

fn raw(endpoint: &str, body: &str, clock: &dyn Clock) -> RawResponse {
    RawResponse {
        source: Source::Lufthansa,
        endpoint: endpoint.into(),
        url: format!(
            "https://api.lufthansa.com/v1/mds-references/{}?lang=EN&limit=100&offset=0",
            endpoint.trim_start_matches("references-")
        ),
        http_status: 200,
        fetched_at: pipeline::model::fetch_time(clock.now()),
        body: body.as_bytes().to_vec(),
    }
}

async fn counts(w: &dyn Warehouse) -> Vec<(Table, i64)> {
    let mut out = Vec::new();
    for t in Table::ALL {
        out.push((t, w.count(t).await.unwrap()));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_cycle_gives_identical_rows_on_both_stacks() {
    let World { clock, shared, demo, dir: _dir, embedded, sqlite } = World::start().await;
    let prod = ProductionStack::start().await;

    let mut lake_keys = Vec::new();
    for stores in [embedded.clone(), prod.stores.clone()] {
        let p = pipeline_on(stores.clone(), demo_client(&demo, shared.clone()), shared.clone());
        p.prepare().await.unwrap();
        let report = p.run_cycle().await;
        assert!(!report.failed() && report.source_errors.is_empty(), "{report:?}");
        for (endpoint, body) in
            [("references-airports", AIRPORTS_WITH_NAMES), ("references-airlines", AIRLINES_WITH_NAMES)]
        {
            let outcome = p.ingest(&raw(endpoint, body, clock.as_ref()), clock.now()).await;
            assert_eq!(outcome.failure, None);
        }
        assert!(p.clean_staged().await.store_errors.is_empty());
        lake_keys.push(stores.lake.list("raw/").await.unwrap());
    }

    assert!(!lake_keys[0].is_empty());
    assert_eq!(lake_keys[0], lake_keys[1], "same lake layout on both backends");
    let (a, b) = (sqlite.as_ref() as &dyn Warehouse, prod.warehouse.as_ref() as &dyn Warehouse);
    let flights = a.export_flights(None).await.unwrap();
    assert!(flights.len() >= 100, "{} flights", flights.len());
    assert_eq!(flights, b.export_flights(None).await.unwrap(), "flights differ");
    assert_eq!(a.export_airports().await.unwrap(), b.export_airports().await.unwrap(), "airports differ");
    assert_eq!(a.export_airlines().await.unwrap(), b.export_airlines().await.unwrap(), "airlines differ");
    assert_eq!(counts(a).await, counts(b).await);

    // Apostrophes, accents and non-Latin scripts round-trip through all three stores.
    let hnd = b.airport("HND").await.unwrap().unwrap();
    assert_eq!(hnd.name, "東京国際空港 (羽田)");
    assert_eq!(hnd.city.as_deref(), Some("Tokyo"), "the cleaner never erases a known city");
    assert_eq!(b.airport("ORD").await.unwrap().unwrap().name, "Chicago O'Hare International");
    assert_eq!(b.airport("ZRH").await.unwrap().unwrap().name, "Zürich Flughafen – Kloten");
    assert_eq!(b.airport("ATH").await.unwrap().unwrap().name, "Αθήνα «Ελευθέριος Βενιζέλος»");
    assert_eq!(b.airport("SVO").await.unwrap().unwrap().name, "Москва Шереметьево 🛫 \"A\"\\B");
    let airlines = b.export_airlines().await.unwrap();
    assert!(airlines.iter().any(|a| a.iata.as_deref() == Some("EI") && a.name == "Aer Lingus' Éire"));
    assert!(airlines.iter().any(|a| a.iata.as_deref() == Some("CA") && a.name == "中国国际航空"));
    // … and the lake and staging hold exactly what was received.
    // (The cycle's daily reference refresh filed the demo's 404 under the same endpoint.)
    let mut ingested = None;
    for key in lake_keys[1].iter().filter(|k| k.contains("references-airports")) {
        let (meta, body) = prod.lake.get(key).await.unwrap();
        if body == AIRPORTS_WITH_NAMES.as_bytes() {
            ingested = Some(meta);
        }
    }
    let meta = ingested.expect("the airports answer is in the lake exactly as received");
    assert_eq!(meta.record_count, Some(5));
    let staged = prod.staging.read_after(0, 100_000).await.unwrap();
    let svo = staged.iter().find(|r| r.value().get("AirportCode").and_then(|c| c.as_str()) == Some("SVO")).unwrap();
    assert_eq!(svo.value().pointer("/Names/Name/$").and_then(|v| v.as_str()), Some("Москва Шереметьево 🛫 \"A\"\\B"));

    prod.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replaying_a_raw_batch_twice_changes_no_row_count() {
    let World { clock, shared, demo, dir: _dir, embedded, .. } = World::start().await;
    let prod = ProductionStack::start().await;
    for stores in [embedded, prod.stores.clone()] {
        let p = pipeline_on(stores.clone(), demo_client(&demo, shared.clone()), shared.clone());
        p.prepare().await.unwrap();
        assert!(!p.run_cycle().await.failed());
        let airports = raw("references-airports", AIRPORTS_WITH_NAMES, clock.as_ref());
        p.ingest(&airports, clock.now()).await;
        p.clean_staged().await;
        let before = counts(stores.warehouse.as_ref()).await;
        let lake_before = stores.lake.list("raw/").await.unwrap().len();

        // The same raw batches again: from the lake, through staging, into the warehouse.
        for key in stores.lake.list("raw/").await.unwrap() {
            let (meta, body) = stores.lake.get(&key).await.unwrap();
            let again = RawResponse {
                source: Source::Lufthansa,
                endpoint: meta.endpoint,
                url: meta.url,
                http_status: meta.http_status,
                fetched_at: meta.fetched_at,
                body,
            };
            assert_eq!(
                p.ingest(&again, clock.now()).await.lake_key.as_deref(),
                Some(key.as_str()),
                "same key, not a copy"
            );
        }
        assert!(p.clean_staged().await.store_errors.is_empty());
        assert_eq!(
            counts(stores.warehouse.as_ref()).await,
            before,
            "replay changed a row count ({})",
            stores.warehouse.describe()
        );
        assert_eq!(stores.lake.list("raw/").await.unwrap().len(), lake_before);

        // Re-cleaning everything staged (as after a cleaning fix) changes no data table either.
        stores.staging.reset_checkpoint(pipeline::runner::CLEANER, 0).await.unwrap();
        assert!(p.clean_staged().await.store_errors.is_empty());
        let after = counts(stores.warehouse.as_ref()).await;
        for ((t, b), (_, a)) in before.iter().zip(&after) {
            if *t != Table::PipelineRuns {
                assert_eq!(a, b, "{t:?} changed on re-clean");
            }
        }

        // Retention: everything is cleaned, so a cut-off after the fetch time empties staging.
        let staged = stores.staging.read_after(0, 1_000_000).await.unwrap().len() as u64;
        let cutoff = clock.now() + chrono::Duration::days(1);
        assert_eq!(stores.staging.prune(cutoff, pipeline::runner::CLEANER).await.unwrap(), staged);
        assert!(stores.staging.read_after(0, 10).await.unwrap().is_empty());
    }
    prod.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_lake_write_stops_the_batch_before_staging_and_the_next_cycle_retries() {
    let clock = fixed_clock();
    let shared: SharedClock = clock.clone();
    let demo = demo(shared.clone()).await;
    let prod = ProductionStack::start().await;
    // An S3 server that is down: every lake write fails.
    let down = free_addr();
    let broken_lake = std::sync::Arc::new(S3Lake::with_client(
        s3_client(down),
        S3Location { bucket: unique("later").replace('_', "-"), prefix: String::new() },
    ));
    let stores = Stores { lake: broken_lake.clone(), ..prod.stores.clone() };
    let p = pipeline_on(stores, demo_client(&demo, shared.clone()), shared.clone());
    p.prepare().await.unwrap();

    let report = p.run_cycle().await;
    assert!(report.failed(), "a lake failure fails the cycle");
    assert!(report.store_errors.iter().all(|e| e.message.contains("lake write")), "{:?}", report.store_errors);
    assert_eq!(report.records_staged, 0);
    // Of the failed fetches only their entries (their run records) reached staging.
    let staged = prod.staging.read_after(0, 10_000).await.unwrap();
    assert!(!staged.is_empty());
    assert!(
        staged.iter().all(|r| r.ordinal == -1 && r.batch.lake_key.starts_with("unfiled/lufthansa/")),
        "no record reached staging: {:?}",
        staged.iter().map(|r| &r.batch.lake_key).collect::<Vec<_>>()
    );
    assert_eq!(prod.warehouse.count(Table::Flights).await.unwrap(), 0);
    let failed_runs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pipeline_runs WHERE stage = 'lake' AND ok = 0")
        .fetch_one(prod.warehouse.pool())
        .await
        .unwrap();
    assert!(failed_runs > 0, "the failures are on record");

    // The store comes back: the next cycle fetches again and everything lands.
    let s3_dir = tempfile::tempdir().unwrap();
    spawn_s3_at(s3_dir.path(), down).await;
    broken_lake.ensure_bucket().await.unwrap();
    let report = p.run_cycle().await;
    assert!(!report.failed(), "{report:?}");
    assert!(prod.warehouse.count(Table::Flights).await.unwrap() >= 100);
    assert_eq!(broken_lake.list("raw/").await.unwrap().len() as u64, report.responses);
    let mut c = prod.warehouse.pool().acquire().await.unwrap();
    support::duplicates::assert_no_duplicates_mysql(&mut c).await;
    drop(c);
    prod.cleanup().await;
}

/// Makes the warehouse refuse one flight in the middle of a batch (a trigger), so a load fails
/// half-way through its transaction.
async fn poison(mysql: Option<&sqlx::MySqlPool>, sqlite: Option<&sqlx::SqlitePool>, number: &str) {
    let mysql_trigger = format!(
        "CREATE TRIGGER poison BEFORE INSERT ON flights FOR EACH ROW BEGIN IF NEW.flight_number = '{number}' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END"
    );
    let sqlite_trigger = format!(
        "CREATE TRIGGER poison BEFORE INSERT ON flights WHEN NEW.flight_number = '{number}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    );
    if let Some(pool) = mysql {
        sqlx::query(sqlx::AssertSqlSafe(mysql_trigger)).execute(pool).await.unwrap();
    }
    if let Some(pool) = sqlite {
        sqlx::query(sqlx::AssertSqlSafe(sqlite_trigger)).execute(pool).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_warehouse_transaction_leaves_no_partial_batch_and_is_retried() {
    let World { shared, demo, dir: _dir, embedded, sqlite, .. } = World::start().await;
    let prod = ProductionStack::start().await;
    for (stores, mysql, lite) in [
        (embedded, None, Some(sqlite.pool().clone())),
        (prod.stores.clone(), Some(prod.warehouse.pool().clone()), None),
    ] {
        let p = pipeline_on(stores.clone(), demo_client(&demo, shared.clone()), shared.clone());
        p.prepare().await.unwrap();
        // Fetch and stage only; pick a flight in the middle of what the cleaner will load.
        let fetched = p.fetch_only().await;
        assert!(fetched.records_staged > 100, "{fetched:?}");
        let staged = stores.staging.read_after(0, 100_000).await.unwrap();
        let keys: Vec<String> = flight_keys(&staged).into_iter().collect();
        let middle = &keys[keys.len() / 2];
        let number = middle.split('|').nth(1).unwrap().to_string();
        poison(mysql.as_ref(), lite.as_ref(), &number).await;

        let report = p.clean_staged().await;
        assert!(report.store_errors.iter().any(|e| e.message.contains("injected failure")), "{report:?}");
        assert_eq!(
            stores.warehouse.count(Table::Flights).await.unwrap(),
            0,
            "no partial batch ({})",
            stores.warehouse.describe()
        );
        assert_eq!(
            stores.staging.checkpoint(pipeline::runner::CLEANER).await.unwrap(),
            0,
            "the checkpoint did not move"
        );

        // The fault clears; the next drain loads every staged record (nothing was lost).
        let drop = "DROP TRIGGER poison";
        if let Some(pool) = &mysql {
            sqlx::query(drop).execute(pool).await.unwrap();
        }
        if let Some(pool) = &lite {
            sqlx::query(drop).execute(pool).await.unwrap();
        }
        let report = p.clean_staged().await;
        assert!(report.store_errors.is_empty(), "{report:?}");
        assert_eq!(stores.warehouse.count(Table::Flights).await.unwrap() as usize, keys.len());
    }
    let mut c = prod.warehouse.pool().acquire().await.unwrap();
    support::duplicates::assert_no_duplicates_mysql(&mut c).await;
    drop(c);
    prod.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_the_s3_lake_goes_past_a_thousand_keys() {
    use pipeline::lake::LakeObject;
    let s3_dir = tempfile::tempdir().unwrap();
    let addr = spawn_s3(s3_dir.path()).await;
    let lake = S3Lake::with_client(
        s3_client(addr),
        S3Location { bucket: unique("many").replace('_', "-"), prefix: "p".into() },
    );
    lake.ensure_bucket().await.unwrap();
    let clock = fixed_clock();
    let mut puts = Vec::new();
    for i in 0..1_050 {
        let raw = RawResponse {
            source: Source::Lufthansa,
            endpoint: "flightstatus-departures".into(),
            url: format!("https://api.lufthansa.com/v1/x?offset={i}"),
            http_status: 200,
            fetched_at: clock.now(),
            body: format!("{{\"n\":{i}}}").into_bytes(),
        };
        puts.push(LakeObject::from_response(&raw, Some(1)));
    }
    let lake = std::sync::Arc::new(lake);
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in puts.chunks(105) {
        let (lake, chunk) = (lake.clone(), chunk.to_vec());
        tasks.spawn(async move {
            for o in &chunk {
                lake.put(o).await.unwrap();
            }
        });
    }
    tasks.join_all().await;
    let keys = lake.list("raw/lufthansa/").await.unwrap();
    assert_eq!(keys.len(), 1_050);
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn board_queries_are_served_by_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, sqlite) = embedded_stores(dir.path()).await;
    sqlite.migrate().await.unwrap();
    let prod = ProductionStack::start().await;
    // Real data, so the optimiser has something to choose for.
    let clock = fixed_clock();
    let shared: SharedClock = clock.clone();
    let demo = demo(shared.clone()).await;
    let p = pipeline_on(prod.stores.clone(), demo_client(&demo, shared.clone()), shared.clone());
    p.prepare().await.unwrap();
    assert!(!p.run_cycle().await.failed());
    sqlx::query("ANALYZE TABLE flights").execute(prod.warehouse.pool()).await.unwrap();
    let now = clock.now();
    for (sql, index) in [
        (pipeline::warehouse::sql::BOARD_DEPARTURES, "flights_departures"),
        (pipeline::warehouse::sql::BOARD_ARRIVALS, "flights_arrivals"),
    ] {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
            .bind("FRA")
            .bind(now - chrono::Duration::hours(6))
            .bind(now + chrono::Duration::hours(12))
            .bind(now - chrono::Duration::minutes(20))
            .bind(now - chrono::Duration::minutes(20))
            .bind(200_i64)
            .fetch_all(sqlite.pool())
            .await
            .unwrap();
        let plan: Vec<String> = rows.iter().map(|r| sqlx::Row::get::<String, _>(r, "detail")).collect();
        assert!(plan.iter().any(|d| d.contains(&format!("USING INDEX {index}"))), "sqlite: {plan:?}");

        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN {sql}")))
            .bind("FRA")
            .bind(now - chrono::Duration::hours(6))
            .bind(now + chrono::Duration::hours(12))
            .bind(now - chrono::Duration::minutes(20))
            .bind(now - chrono::Duration::minutes(20))
            .bind(200_i64)
            .fetch_all(prod.warehouse.pool())
            .await
            .unwrap();
        let keys: Vec<Option<String>> = rows
            .iter()
            .map(|r| {
                sqlx::Row::try_get::<Option<String>, _>(r, "key")
                    .or_else(|_| {
                        sqlx::Row::try_get::<Option<Vec<u8>>, _>(r, "key")
                            .map(|k| k.map(|b| String::from_utf8_lossy(&b).into_owned()))
                    })
                    .unwrap_or(None)
            })
            .collect();
        assert!(keys.iter().any(|k| k.as_deref() == Some(index)), "mysql: {keys:?}");
    }
    prod.cleanup().await;
}
