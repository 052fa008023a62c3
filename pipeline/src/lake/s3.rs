use super::{Lake, LakeError, LakeMetadata, LakeObject, gunzip};
use async_trait::async_trait;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::http::HttpResponse;
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_s3::operation::put_object::builders::PutObjectFluentBuilder;
use aws_sdk_s3::primitives::ByteStream;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Where an S3 lake lives and how to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    pub bucket: String,
    /// Key prefix without leading or trailing slashes (may be empty).
    pub prefix: String,
}

impl S3Location {
    /// Parses `s3://bucket/optional/prefix`.
    pub fn parse(url: &str) -> Option<Self> {
        let rest = url.strip_prefix("s3://")?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.len() < 3 {
            return None;
        }
        Some(Self { bucket: bucket.to_string(), prefix: prefix.trim_matches('/').to_string() })
    }
}

/// Settings beyond the standard AWS chain (credentials, region and `AWS_ENDPOINT_URL` come from
/// the environment and `~/.aws` as usual).
#[derive(Debug, Clone, Default)]
pub struct S3Settings {
    /// A custom endpoint (MinIO, Ceph, R2, a test server).
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// Path-style addressing (`http://host/bucket/key`), which MinIO and most test servers need.
    pub path_style: bool,
}

/// The lake in an S3 bucket. Objects are gzip JSON with the lake metadata as user metadata (one
/// object per response: the metadata is written with it, in the same PUT).
///
/// A put is one conditional PUT (`If-None-Match: *`): the server writes the object only if the
/// key is free, and answers 412 if it is taken, which is success here (a key hashes its bytes).
/// A server that answers 501 to the condition gets HEAD then PUT instead, for the rest of the
/// client's life. A server that ignores the header overwrites the object with the same bytes.
#[derive(Debug, Clone)]
pub struct S3Lake {
    client: Client,
    location: S3Location,
    /// Set once the server refused `If-None-Match` as not implemented; shared by clones.
    no_conditional_put: Arc<AtomicBool>,
}

/// What a refused conditional PUT means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// 412: the key already holds an object, so the same bytes.
    Exists,
    /// 409 `ConditionalRequestConflict`: another write of the key is in flight; it may still
    /// fail, so this is settled with HEAD + PUT rather than taken as done.
    Conflict,
    /// 501 `NotImplemented`: the server does not do conditional writes.
    Unsupported,
    /// Anything else: a real error.
    Failed,
}

/// Maps a conditional PUT's error answer (HTTP status, S3 error code) to what it means.
fn classify_refusal(status: Option<u16>, code: Option<&str>) -> Refusal {
    match (status, code) {
        (Some(412), _) | (_, Some("PreconditionFailed")) => Refusal::Exists,
        (_, Some("ConditionalRequestConflict")) => Refusal::Conflict,
        (Some(501), _) | (_, Some("NotImplemented")) => Refusal::Unsupported,
        _ => Refusal::Failed,
    }
}

fn refusal<E: ProvideErrorMetadata>(e: &SdkError<E, HttpResponse>) -> Refusal {
    let status = e.raw_response().map(|r| r.status().as_u16());
    classify_refusal(status, e.as_service_error().and_then(ProvideErrorMetadata::code))
}

impl S3Lake {
    /// A client from the standard AWS configuration chain plus `settings`.
    pub async fn connect(location: S3Location, settings: &S3Settings) -> Self {
        crate::tls::install_crypto_provider();
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
        if let Some(region) = &settings.region {
            loader = loader.region(aws_sdk_s3::config::Region::new(region.clone()));
        }
        if let Some(endpoint) = &settings.endpoint {
            loader = loader.endpoint_url(endpoint);
        }
        let sdk = loader.load().await;
        let mut conf = aws_sdk_s3::config::Builder::from(&sdk).force_path_style(settings.path_style);
        if sdk.region().is_none() {
            conf = conf.region(aws_sdk_s3::config::Region::new("us-east-1"));
        }
        Self::with_client(Client::from_conf(conf.build()), location)
    }

    pub fn with_client(client: Client, location: S3Location) -> Self {
        Self { client, location, no_conditional_put: Arc::new(AtomicBool::new(false)) }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn location(&self) -> &S3Location {
        &self.location
    }

    fn full_key(&self, key: &str) -> String {
        if self.location.prefix.is_empty() { key.to_string() } else { format!("{}/{key}", self.location.prefix) }
    }

    /// The PUT of one lake object, without a condition.
    fn put_request(&self, object: &LakeObject, full: &str) -> PutObjectFluentBuilder {
        self.client
            .put_object()
            .bucket(&self.location.bucket)
            .key(full)
            .content_type("application/gzip")
            .set_metadata(Some(to_metadata(&object.metadata)))
            .body(ByteStream::from(object.gzipped_body.clone()))
    }

    /// The put for servers without conditional writes: HEAD, and PUT only if the key is free.
    async fn head_then_put(&self, object: &LakeObject, full: &str) -> Result<(), LakeError> {
        let fail = |e: &dyn std::error::Error| LakeError::Write { key: object.key.clone(), message: error_chain(e) };
        match self.client.head_object().bucket(&self.location.bucket).key(full).send().await {
            Ok(_) => return Ok(()),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => {}
            Err(e) => return Err(fail(&e)),
        }
        self.put_request(object, full).send().await.map(|_| ()).map_err(|e| fail(&e))
    }

    /// Creates the bucket if it does not exist (for `skyboard migrate` and tests).
    pub async fn ensure_bucket(&self) -> Result<(), LakeError> {
        let bucket = &self.location.bucket;
        if self.client.head_bucket().bucket(bucket).send().await.is_ok() {
            return Ok(());
        }
        self.client
            .create_bucket()
            .bucket(bucket)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| LakeError::Write { key: format!("s3://{bucket}"), message: error_chain(&e) })
    }
}

/// The SDK's errors say little in Display; the chain carries the service's message.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

fn to_metadata(m: &LakeMetadata) -> HashMap<String, String> {
    let mut out = HashMap::from([
        ("source".to_string(), m.source.clone()),
        ("endpoint".to_string(), m.endpoint.clone()),
        ("url".to_string(), m.url.clone()),
        ("http-status".to_string(), m.http_status.to_string()),
        ("fetched-at".to_string(), m.fetched_at.to_rfc3339()),
        ("sha256".to_string(), m.sha256.clone()),
    ]);
    if let Some(n) = m.record_count {
        out.insert("record-count".into(), n.to_string());
    }
    out
}

fn from_metadata(m: &HashMap<String, String>) -> Option<LakeMetadata> {
    Some(LakeMetadata {
        source: m.get("source")?.clone(),
        endpoint: m.get("endpoint")?.clone(),
        url: m.get("url")?.clone(),
        http_status: m.get("http-status")?.parse().ok()?,
        fetched_at: chrono::DateTime::parse_from_rfc3339(m.get("fetched-at")?).ok()?.with_timezone(&chrono::Utc),
        sha256: m.get("sha256")?.clone(),
        record_count: m.get("record-count").and_then(|n| n.parse().ok()),
    })
}

#[async_trait]
impl Lake for S3Lake {
    async fn put(&self, object: &LakeObject) -> Result<String, LakeError> {
        let full = self.full_key(&object.key);
        // Immutable: an existing key already holds these exact bytes (the key hashes them).
        if !self.no_conditional_put.load(Ordering::Relaxed) {
            let e = match self.put_request(object, &full).if_none_match("*").send().await {
                Ok(_) => return Ok(object.key.clone()),
                Err(e) => e,
            };
            match refusal(&e) {
                Refusal::Exists => return Ok(object.key.clone()),
                Refusal::Conflict => {} // settled below with HEAD + PUT, see `Refusal::Conflict`
                Refusal::Unsupported => {
                    if !self.no_conditional_put.swap(true, Ordering::Relaxed) {
                        tracing::info!(
                            lake = %self.describe(),
                            "the S3 server does not do conditional writes (If-None-Match); using HEAD then PUT"
                        );
                    }
                }
                Refusal::Failed => {
                    return Err(LakeError::Write { key: object.key.clone(), message: error_chain(&e) });
                }
            }
        }
        self.head_then_put(object, &full).await?;
        Ok(object.key.clone())
    }

    /// A no-op: the bucket's lifecycle rule expires `raw/` (see the README's "Retention").
    async fn prune_before(&self, _before: chrono::NaiveDate, _limit: usize) -> Result<u64, LakeError> {
        Ok(0)
    }

    async fn get(&self, key: &str) -> Result<(LakeMetadata, Vec<u8>), LakeError> {
        let fail = |message: String| LakeError::Read { key: key.to_string(), message };
        let out = self
            .client
            .get_object()
            .bucket(&self.location.bucket)
            .key(self.full_key(key))
            .send()
            .await
            .map_err(|e| fail(error_chain(&e)))?;
        let meta = out.metadata().and_then(from_metadata).ok_or_else(|| fail("object has no lake metadata".into()))?;
        let bytes = out.body.collect().await.map_err(|e| fail(e.to_string()))?.into_bytes();
        let body = gunzip(&bytes).map_err(|e| fail(e.to_string()))?;
        Ok((meta, body))
    }

    async fn list(&self, prefix: &str) -> Result<Vec<String>, LakeError> {
        let fail = |message: String| LakeError::List { prefix: prefix.to_string(), message };
        let strip = if self.location.prefix.is_empty() { 0 } else { self.location.prefix.len() + 1 };
        let mut pages = self
            .client
            .list_objects_v2()
            .bucket(&self.location.bucket)
            .prefix(self.full_key(prefix))
            .into_paginator()
            .send();
        let mut keys = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| fail(error_chain(&e)))?;
            keys.extend(
                page.contents().iter().filter_map(|o| o.key()).filter_map(|k| k.get(strip..)).map(str::to_string),
            );
        }
        keys.sort();
        Ok(keys)
    }

    async fn prepare(&self) -> Result<(), LakeError> {
        self.ensure_bucket().await
    }

    async fn check_writable(&self) -> Result<(), LakeError> {
        let key = self.full_key(&format!("doctor/probe-{}", std::process::id()));
        let fail = |e: &dyn std::error::Error| LakeError::Write { key: key.clone(), message: error_chain(e) };
        self.client
            .put_object()
            .bucket(&self.location.bucket)
            .key(&key)
            .body(ByteStream::from_static(b"skyboard doctor"))
            .send()
            .await
            .map_err(|e| fail(&e))?;
        self.client.delete_object().bucket(&self.location.bucket).key(&key).send().await.map_err(|e| fail(&e))?;
        Ok(())
    }

    fn describe(&self) -> String {
        if self.location.prefix.is_empty() {
            format!("s3://{}", self.location.bucket)
        } else {
            format!("s3://{}/{}", self.location.bucket, self.location.prefix)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_conditional_put_means_exists_conflict_unsupported_or_failure() {
        assert_eq!(classify_refusal(Some(412), Some("PreconditionFailed")), Refusal::Exists);
        assert_eq!(classify_refusal(Some(412), None), Refusal::Exists, "a 412 without a body");
        assert_eq!(classify_refusal(Some(409), Some("ConditionalRequestConflict")), Refusal::Conflict);
        assert_eq!(classify_refusal(Some(501), Some("NotImplemented")), Refusal::Unsupported);
        assert_eq!(classify_refusal(Some(501), None), Refusal::Unsupported);
        assert_eq!(classify_refusal(Some(409), Some("BucketAlreadyExists")), Refusal::Failed);
        assert_eq!(classify_refusal(Some(403), Some("AccessDenied")), Refusal::Failed);
        assert_eq!(classify_refusal(Some(500), Some("InternalError")), Refusal::Failed);
        assert_eq!(classify_refusal(None, None), Refusal::Failed, "no answer at all (timeout, refused)");
    }

    #[test]
    fn parses_locations() {
        assert_eq!(
            S3Location::parse("s3://lake/raw/x/"),
            Some(S3Location { bucket: "lake".into(), prefix: "raw/x".into() })
        );
        assert_eq!(S3Location::parse("s3://lake"), Some(S3Location { bucket: "lake".into(), prefix: String::new() }));
        assert_eq!(S3Location::parse("s3://a"), None);
        assert_eq!(S3Location::parse("/tmp/lake"), None);
    }
}
