//! The S3 lake's put: one conditional PUT (`If-None-Match: *`) where the server does conditional
//! writes (s3s-fs does: 412 once the key exists), HEAD then PUT where it answers 501 (a wiremock
//! fake), remembered for the client's life. The local lake's durability is tested beside its code
//! (`lake::local_dir`, `lake::durable`).

mod support;

use aws_sdk_s3::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_s3::config::{ConfigBag, Intercept, RuntimeComponents};
use chrono::TimeZone;
use pipeline::lake::{Lake, LakeObject, S3Lake, S3Location};
use pipeline::model::{RawResponse, Source};
use std::sync::{Arc, Mutex};
use support::{S3_ACCESS_KEY, S3_SECRET_KEY, spawn_s3, unique};
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every request the SDK sends: method and whether it carried `If-None-Match`.
#[derive(Debug, Clone, Default)]
struct Requests(Arc<Mutex<Vec<(String, bool)>>>);

impl Requests {
    fn take(&self) -> Vec<(String, bool)> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl Intercept for Requests {
    fn name(&self) -> &'static str {
        "request-recorder"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_s3::error::BoxError> {
        let request = context.request();
        let conditional = request.headers().get("if-none-match") == Some("*");
        self.0.lock().unwrap().push((request.method().to_string(), conditional));
        Ok(())
    }
}

/// An S3 lake at `endpoint` whose requests are recorded.
fn recorded_lake(endpoint: &str, bucket: &str) -> (S3Lake, Requests) {
    let requests = Requests::default();
    let creds = aws_sdk_s3::config::Credentials::new(S3_ACCESS_KEY, S3_SECRET_KEY, None, None, "static");
    let conf = aws_sdk_s3::config::Builder::new()
        .behavior_version(aws_sdk_s3::config::BehaviorVersion::latest())
        .region(aws_sdk_s3::config::Region::new("us-east-1"))
        .credentials_provider(creds)
        .endpoint_url(endpoint)
        .force_path_style(true)
        .interceptor(requests.clone())
        .build();
    let location = S3Location { bucket: bucket.to_string(), prefix: "p".into() };
    (S3Lake::with_client(aws_sdk_s3::Client::from_conf(conf), location), requests)
}

fn object(body: &str) -> LakeObject {
    let raw = RawResponse {
        source: Source::Lufthansa,
        endpoint: "flightstatus-departures".into(),
        url: "https://api.lufthansa.com/v1/x".into(),
        http_status: 200,
        fetched_at: chrono::Utc.with_ymd_and_hms(2026, 11, 27, 9, 5, 1).unwrap(),
        body: body.as_bytes().to_vec(),
    };
    LakeObject::from_response(&raw, Some(1))
}

fn puts(conditional: bool) -> (String, bool) {
    ("PUT".to_string(), conditional)
}

fn head() -> (String, bool) {
    ("HEAD".to_string(), false)
}

#[tokio::test]
async fn a_second_put_of_a_key_is_one_conditional_put_that_succeeds_without_overwriting() {
    let s3_dir = tempfile::tempdir().unwrap();
    let addr = spawn_s3(s3_dir.path()).await;
    let bucket = unique("cond").replace('_', "-");
    let (lake, requests) = recorded_lake(&format!("http://{addr}"), &bucket);
    lake.ensure_bucket().await.unwrap();
    let first = object("{\"a\":1}");
    requests.take();

    assert_eq!(lake.put(&first).await.unwrap(), first.key);
    assert_eq!(requests.take(), vec![puts(true)], "one conditional PUT, no HEAD");
    let etag = |lake: &S3Lake| {
        let client = lake.client().clone();
        let (bucket, key) = (bucket.clone(), format!("p/{}", first.key));
        async move { client.head_object().bucket(bucket).key(key).send().await.unwrap().e_tag().map(str::to_string) }
    };
    let before = etag(&lake).await;
    assert!(before.is_some());
    requests.take();

    // The same key with other bytes (which the key's hash rules out in practice) shows that the
    // second put does not write: a plain PUT would replace the object.
    let impostor = LakeObject { gzipped_body: pipeline::lake::gzip(b"{\"a\":2}"), ..first.clone() };
    assert_eq!(lake.put(&impostor).await.unwrap(), first.key, "an existing key is a success");
    assert_eq!(requests.take(), vec![puts(true)], "the 412 is taken as done: no HEAD, no second PUT");
    assert_eq!(etag(&lake).await, before, "the object is untouched");
    let (meta, body) = lake.get(&first.key).await.unwrap();
    assert_eq!((meta, body), (first.metadata.clone(), b"{\"a\":1}".to_vec()));
    assert_eq!(lake.list("raw/").await.unwrap(), vec![first.key.clone()]);
}

/// The XML error body S3 sends with a status.
fn s3_error(status: u16, code: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("content-type", "application/xml").set_body_string(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{code}</Message></Error>"
    ))
}

/// A fake S3 server: a conditional PUT gets `conditional`, a HEAD 404, a plain PUT 200.
async fn fake_s3(conditional: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(header("if-none-match", "*"))
        .respond_with(conditional)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("HEAD")).respond_with(ResponseTemplate::new(404)).mount(&server).await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).insert_header("etag", "\"e\""))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_server_without_conditional_writes_gets_head_then_put_remembered_for_the_client() {
    let server = fake_s3(s3_error(501, "NotImplemented")).await;
    let (lake, requests) = recorded_lake(&server.uri(), "lake");

    let first = object("{\"a\":1}");
    assert_eq!(lake.put(&first).await.unwrap(), first.key);
    assert_eq!(requests.take(), vec![puts(true), head(), puts(false)], "tried once, then HEAD + PUT");

    // Later puts, from a clone too, go straight to HEAD + PUT.
    for (lake, body) in [(&lake, "{\"a\":2}"), (&lake.clone(), "{\"a\":3}")] {
        let other = object(body);
        assert_eq!(lake.put(&other).await.unwrap(), other.key);
        assert_eq!(requests.take(), vec![head(), puts(false)]);
    }
}

#[tokio::test]
async fn a_conflicting_conditional_put_is_settled_with_head_then_put_and_not_remembered() {
    let server = fake_s3(s3_error(409, "ConditionalRequestConflict")).await;
    let (lake, requests) = recorded_lake(&server.uri(), "lake");
    for body in ["{\"a\":1}", "{\"a\":2}"] {
        let obj = object(body);
        assert_eq!(lake.put(&obj).await.unwrap(), obj.key);
        assert_eq!(requests.take(), vec![puts(true), head(), puts(false)], "the server does conditional writes");
    }
}

#[tokio::test]
async fn other_refusals_of_a_conditional_put_are_errors() {
    let server = fake_s3(s3_error(403, "AccessDenied")).await;
    let (lake, requests) = recorded_lake(&server.uri(), "lake");
    let err = lake.put(&object("{\"a\":1}")).await.unwrap_err().to_string();
    assert!(err.contains("lake write"), "{err}");
    assert_eq!(requests.take(), vec![puts(true)], "no fallback write after a real error");
}
