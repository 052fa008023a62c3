//! The real HTTP clients against wiremock fakes of the outside APIs, with payloads in their
//! documented formats: tokens, paging, 404, throttling, retries, timeouts, malformed bodies and
//! AirLabs error envelopes.

mod support;

use pipeline::model::{BoardKind, RawResponse};
use pipeline::secret::Secret;
use pipeline::sources::SourceError;
use pipeline::sources::airlabs::{AirlabsClient, AirlabsQuery};
use pipeline::sources::lufthansa::{BoardRequest, next_offset};
use pipeline::sources::opensky::{BoundingBox, OpenskyClient};
use std::time::Duration;
use wiremock::matchers::{header, method, path, path_regex, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::lufthansa_fake::{board_page, clock, fast_retry, http, lufthansa, token};

fn fra_request() -> BoardRequest {
    BoardRequest {
        kind: BoardKind::Departures,
        airport: "FRA".into(),
        from_local: chrono::NaiveDate::from_ymd_opt(2024, 9, 24).unwrap().and_hms_opt(6, 0, 0).unwrap(),
    }
}

const BOARD_PATH: &str = "/operations/flightstatus/departures/FRA/2024-09-24T06:00";

/// The FRA departures window answers `status` with `body`: the first `times` calls, or every call.
async fn board_answers(server: &MockServer, status: u16, body: impl AsRef<str>, times: Option<u64>) {
    let mock = Mock::given(method("GET"))
        .and(path(BOARD_PATH))
        .respond_with(ResponseTemplate::new(status).set_body_string(body.as_ref()));
    match times {
        Some(n) => mock.up_to_n_times(n).mount(server).await,
        None => mock.mount(server).await,
    }
}

#[tokio::test]
async fn lufthansa_token_is_cached_then_refreshed_when_it_expires() {
    let server = MockServer::start().await;
    // expires_in 2 s: used for 1 s (half its life), then fetched again.
    token(&server, 2, 2).await;
    Mock::given(method("GET"))
        .and(path(BOARD_PATH))
        .and(header("authorization", "Bearer tok-abc"))
        .respond_with(ResponseTemplate::new(200).set_body_string(board_page(0, 1, 1)))
        .expect(3)
        .mount(&server)
        .await;
    let client = lufthansa(&server);
    let mut earlier = Vec::new();
    for _ in 0..2 {
        assert_eq!(client.fetch_board_page(&fra_request(), 0, &mut earlier).await.unwrap().http_status, 200);
    }
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.fetch_board_page(&fra_request(), 0, &mut earlier).await.unwrap();
    assert!(earlier.is_empty());
}

#[tokio::test]
async fn lufthansa_refreshes_the_token_once_on_401() {
    let server = MockServer::start().await;
    token(&server, 3600, 2).await;
    board_answers(&server, 401, r#"{"Error":"Not Authorized"}"#, Some(1)).await;
    board_answers(&server, 200, board_page(0, 1, 1), None).await;
    let mut earlier = Vec::new();
    let raw = lufthansa(&server).fetch_board_page(&fra_request(), 0, &mut earlier).await.unwrap();
    assert_eq!(raw.http_status, 200);
    assert_eq!(earlier.iter().map(|r| r.http_status).collect::<Vec<_>>(), [401], "the 401 is kept for the lake");
}

#[tokio::test]
async fn lufthansa_pages_through_three_pages_and_404_is_an_empty_window() {
    let server = MockServer::start().await;
    token(&server, 3600, 1).await;
    for (offset, n) in [(0, 50), (50, 50), (100, 20)] {
        Mock::given(method("GET"))
            .and(path(BOARD_PATH))
            .and(query_param("offset", offset.to_string()))
            .and(query_param("limit", "50"))
            .respond_with(ResponseTemplate::new(200).set_body_string(board_page(offset, n, 120)))
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path_regex("/operations/flightstatus/arrivals/.*"))
        .respond_with(ResponseTemplate::new(404).set_body_string(
            r#"{"ProcessingErrors":{"ProcessingError":{"@RetryIndicator":false,"Type":"ResourceNotFound","Code":"NOT_FOUND","Description":"No flights found"}}}"#,
        ))
        .mount(&server)
        .await;
    let client = lufthansa(&server);
    let (mut offset, mut pages, mut flights) = (Some(0), 0, 0);
    while let Some(o) = offset {
        let raw = client.fetch_board_page(&fra_request(), o, &mut Vec::new()).await.unwrap();
        pages += 1;
        if let Ok(pipeline::clean::lufthansa::SplitBody::Records(r)) =
            pipeline::clean::dispatch::split("lufthansa", "flightstatus-departures", raw.http_status, &raw.body)
        {
            flights += r.len();
        }
        offset = next_offset(&raw.body, o);
    }
    assert_eq!((pages, flights), (3, 120));
    let arrivals = BoardRequest { kind: BoardKind::Arrivals, ..fra_request() };
    let raw = client.fetch_board_page(&arrivals, 0, &mut Vec::new()).await.unwrap();
    assert_eq!(raw.http_status, 404);
    assert!(matches!(
        pipeline::clean::dispatch::split("lufthansa", "flightstatus-arrivals", 404, &raw.body),
        Ok(pipeline::clean::lufthansa::SplitBody::Empty)
    ));
}

#[tokio::test]
async fn lufthansa_403_per_second_waits_and_retries() {
    let server = MockServer::start().await;
    token(&server, 3600, 1).await;
    board_answers(&server, 403, r#"{"Error":"Account Over Queries Per Second Limit"}"#, Some(1)).await;
    board_answers(&server, 200, board_page(0, 1, 1), None).await;
    let started = std::time::Instant::now();
    let mut earlier = Vec::new();
    let raw = lufthansa(&server).fetch_board_page(&fra_request(), 0, &mut earlier).await.unwrap();
    assert_eq!(raw.http_status, 200);
    assert_eq!(earlier.len(), 1);
    assert!(started.elapsed() >= Duration::from_millis(950), "waited about a second");
}

#[tokio::test]
async fn lufthansa_403_over_rate_limit_backs_off_until_the_next_hour() {
    let server = MockServer::start().await;
    token(&server, 3600, 1).await;
    Mock::given(method("GET"))
        .and(path(BOARD_PATH))
        .respond_with(ResponseTemplate::new(403).set_body_string(r#"{"Error":"Account Over Rate Limit"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = lufthansa(&server);
    let mut earlier = Vec::new();
    let e = client.fetch_board_page(&fra_request(), 0, &mut earlier).await.unwrap_err();
    // The fixed clock is 10:00:00 UTC: a whole hour to the next one.
    assert!(matches!(e, SourceError::RateLimited { retry_in, .. } if retry_in == Duration::from_secs(3600)), "{e}");
    assert_eq!(earlier.len(), 1, "the 403 answer is kept for the lake");
    // The next call is refused by the client itself; the mock's `expect(1)` checks no call went out.
    assert!(matches!(
        client.fetch_board_page(&fra_request(), 0, &mut Vec::new()).await,
        Err(SourceError::RateLimited { .. })
    ));
    assert_eq!(client.limiter().remaining_this_hour().await, 0);
}

#[tokio::test]
async fn server_errors_are_retried_then_succeed() {
    let server = MockServer::start().await;
    token(&server, 3600, 1).await;
    board_answers(&server, 503, "<html>Service Unavailable</html>", Some(2)).await;
    board_answers(&server, 200, board_page(0, 1, 1), None).await;
    let mut earlier = Vec::new();
    let raw = lufthansa(&server).fetch_board_page(&fra_request(), 0, &mut earlier).await.unwrap();
    assert_eq!(raw.http_status, 200);
    assert_eq!(earlier.iter().map(|r| r.http_status).collect::<Vec<_>>(), [503, 503]);
    assert_eq!(earlier[0].body, b"<html>Service Unavailable</html>", "kept as received");
}

#[tokio::test]
async fn a_timeout_is_retried_then_reported() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/flights"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(r#"{"response":[]}"#).set_delay(Duration::from_secs(3)),
        )
        .expect(3)
        .mount(&server)
        .await;
    let client =
        AirlabsClient::new(http(Duration::from_millis(200)), &server.uri(), Secret::new("al-key-789"), clock())
            .with_retry(fast_retry());
    let e = client.fetch(&AirlabsQuery::FlightsOfAirline("LH".into()), &mut Vec::new()).await.unwrap_err();
    let text = e.to_string();
    assert!(text.contains("timed out"), "{text}");
    assert!(!text.contains("al-key-789"), "{text}");
}

#[tokio::test]
async fn airlabs_key_is_sent_but_never_shown_and_errors_are_typed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/flights"))
        .and(query_param("api_key", "al-key-789"))
        .and(query_param("airline_iata", "LH"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"request":{"method":"flights","version":9,"key":{"type":"free","limits_by_month":1000}},"response":[{"hex":"3C6702","lat":50.0,"lng":8.5,"updated":1727172000,"flight_icao":"DLH8MN"}]}"#,
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/schedules"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"error":{"message":"Month limit exceeded","code":"month_limit_exceeded"}}"#),
        )
        .mount(&server)
        .await;
    let client = AirlabsClient::new(http(Duration::from_secs(5)), &server.uri(), Secret::new("al-key-789"), clock());
    let raw = client.fetch(&AirlabsQuery::FlightsOfAirline("LH".into()), &mut Vec::new()).await.unwrap();
    assert!(raw.url.contains("airline_iata=LH") && !raw.url.contains("al-key-789"), "{}", raw.url);
    let mut earlier: Vec<RawResponse> = Vec::new();
    let e = client.fetch(&AirlabsQuery::Departures("FRA".into()), &mut earlier).await.unwrap_err();
    assert!(matches!(&e, SourceError::Api { code, .. } if code == "month_limit_exceeded"), "{e}");
    assert_eq!(earlier.len(), 1, "the error answer is kept for the lake");
    assert!(!format!("{e} {e:?} {:?}", earlier[0].url).contains("al-key-789"));
}

#[tokio::test]
async fn opensky_anonymous_with_a_box_and_a_daily_budget() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/states/all"))
        .and(query_param("lamin", "45"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"time":1727172000,"states":[["4240ec","UTA394  ","United Kingdom",1727171990,1727171995,21.9943,54.9052,8404.86,false,225.19,84.89,9.1,null,8397.24,"7674",false,0]]}"#,
        ))
        .mount(&server)
        .await;
    let client = OpenskyClient::new(http(Duration::from_secs(5)), &server.uri(), None, clock());
    let bbox = BoundingBox { lamin: 45.0, lomin: 5.0, lamax: 50.0, lomax: 10.0 };
    let raw = client.fetch_states(Some(&bbox), &mut Vec::new()).await.unwrap();
    assert_eq!(raw.http_status, 200);
    assert_eq!(client.credits_left().await, 399, "a 25 square-degree box costs one credit");
    for _ in 0..99 {
        client.fetch_states(None, &mut Vec::new()).await.unwrap();
    }
    assert!(matches!(client.fetch_states(None, &mut Vec::new()).await, Err(SourceError::RateLimited { .. })));
}

#[tokio::test]
async fn malformed_json_is_kept_in_the_lake_rejected_in_cleaning_and_the_cycle_goes_on() {
    let server = MockServer::start().await;
    token(&server, 3600, 1).await;
    let truncated = r#"{"FlightStatusResource":{"Flights":{"Flight":[{"Departure":{"AirportCode":"FRA""#;
    Mock::given(method("GET"))
        .and(path_regex("^/operations/flightstatus/departures/FRA/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(truncated))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/operations/flightstatus/departures/FRA/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(board_page(0, 3, 3)))
        .mount(&server)
        .await;
    // Arrivals: wiremock's own 404 for everything else, an empty window.
    let dir = tempfile::tempdir().unwrap();
    let (stores, warehouse) = support::embedded_stores(dir.path()).await;
    let settings = pipeline::runner::PipelineSettings { airports: vec!["FRA".into()], ..Default::default() };
    let p = pipeline::runner::Pipeline::new(
        stores.clone(),
        Some(lufthansa(&server)),
        pipeline::reference::Reference::embedded(),
        clock(),
        settings,
    );
    p.prepare().await.unwrap();
    let report = p.run_cycle().await;
    assert!(!report.failed(), "{}", report.summary());
    assert!(report.responses >= 6, "every window was fetched: {}", report.summary());

    // The broken answer is in the lake exactly as received.
    let mut found = false;
    for key in stores.lake.list("raw/lufthansa/flightstatus-departures").await.unwrap() {
        let (_, body) = stores.lake.get(&key).await.unwrap();
        found |= body == truncated.as_bytes();
    }
    assert!(found, "the truncated body is kept in the lake");
    // It was rejected with a reason; the good windows were loaded.
    let reasons: Vec<String> =
        sqlx::query_scalar("SELECT reason FROM rejects").fetch_all(warehouse.pool()).await.unwrap();
    assert!(reasons.iter().any(|r| r.starts_with("malformed JSON")), "{reasons:?}");
    let flights = pipeline::warehouse::Warehouse::count(&*warehouse, pipeline::warehouse::Table::Flights).await;
    assert_eq!(flights.unwrap(), 3);
}

#[tokio::test]
async fn reference_lists_are_paged_loaded_and_fetched_once_a_day() {
    let server = MockServer::start().await;
    token(&server, 3600, 1).await;
    let country = |code: &str, name: &str| {
        format!(r#"{{"CountryCode":"{code}","Names":{{"Name":{{"@LanguageCode":"EN","$":"{name}"}}}}}}"#)
    };
    for (offset, items) in
        [(0, vec![country("DE", "Germany"), country("CH", "Switzerland")]), (2, vec![country("AT", "Austria")])]
    {
        Mock::given(method("GET"))
            .and(path("/mds-references/countries"))
            .and(query_param("offset", offset.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_string(format!(
                r#"{{"CountryResource":{{"Countries":{{"Country":[{}]}},"Meta":{{"@Version":"1.0.0","TotalCount":3}}}}}}"#,
                items.join(",")
            )))
            .expect(1)
            .mount(&server)
            .await;
    }
    let dir = tempfile::tempdir().unwrap();
    let (stores, warehouse) = support::embedded_stores(dir.path()).await;
    let settings = pipeline::runner::PipelineSettings { airports: vec!["FRA".into()], ..Default::default() };
    let p = pipeline::runner::Pipeline::new(
        stores,
        Some(lufthansa(&server)),
        pipeline::reference::Reference::embedded(),
        clock(),
        settings,
    );
    p.prepare().await.unwrap();
    for _ in 0..2 {
        let report = p.run_cycle().await;
        assert!(!report.failed(), "{}", report.summary());
    }
    let countries: Vec<String> =
        sqlx::query_scalar("SELECT name FROM countries ORDER BY code").fetch_all(warehouse.pool()).await.unwrap();
    assert_eq!(countries, ["Austria", "Switzerland", "Germany"]);
}
