//! A wiremock fake of the Lufthansa Open API in its documented format: the token endpoint and
//! flight status boards, with a client that retries quickly.

use pipeline::clock::SharedClock;
use pipeline::secret::Secret;
use pipeline::sources::lufthansa::{LufthansaClient, LufthansaCredentials};
use pipeline::sources::{HttpSettings, RateLimits, RetryPolicy, build_http_client};
use std::time::Duration;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const FLIGHT: &str = r#"{"Departure":{"AirportCode":"FRA","ScheduledTimeLocal":{"DateTime":"2024-09-24T10:00"},"ScheduledTimeUTC":{"DateTime":"2024-09-24T08:00Z"}},"Arrival":{"AirportCode":"YYZ","ScheduledTimeUTC":{"DateTime":"2024-09-24T16:50Z"}},"OperatingCarrier":{"AirlineID":"AC","FlightNumber":"NUM"},"FlightStatus":{"Code":"NA"}}"#;

pub fn clock() -> SharedClock {
    super::fixed_clock()
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy { retries: 2, base_delay: Duration::from_millis(20), max_delay: Duration::from_millis(50) }
}

pub fn http(total: Duration) -> reqwest::Client {
    build_http_client(&HttpSettings { connect_timeout: Duration::from_secs(2), total_timeout: total }).unwrap()
}

pub fn lufthansa(server: &MockServer) -> LufthansaClient {
    LufthansaClient::new(
        http(Duration::from_secs(5)),
        &server.uri(),
        LufthansaCredentials { client_id: Secret::new("lh-id-123"), client_secret: Secret::new("lh-secret-456") },
        clock(),
    )
    .with_limits(RateLimits { per_second: 50, per_hour: 1000 }, fast_retry())
}

pub async fn token(server: &MockServer, expires_in: u64, times: u64) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_secret=lh-secret-456"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"access_token":"tok-abc","token_type":"bearer","expires_in":{expires_in}}}"#
        )))
        .expect(times)
        .mount(server)
        .await;
}

/// A page of a departures board: `n` flights numbered from `first`, `total` in `Meta.TotalCount`.
pub fn board_page(first: usize, n: usize, total: usize) -> String {
    let flights: Vec<String> = (first..first + n).map(|i| FLIGHT.replace("NUM", &(i + 1).to_string())).collect();
    format!(
        r#"{{"FlightStatusResource":{{"Flights":{{"Flight":[{}]}},"Meta":{{"@Version":"1.0.0","TotalCount":{total}}}}}}}"#,
        flights.join(",")
    )
}

/// The token endpoint, answering whenever asked (the client caches the token).
pub async fn token_any(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"access_token":"tok-abc","token_type":"bearer","expires_in":3600}"#),
        )
        .mount(server)
        .await;
}
