use super::LakeKey;
use crate::model::RawResponse;
use chrono::{DateTime, Utc};
use flate2::{Compression, read::GzDecoder, write::GzEncoder};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

/// What the lake records beside every object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LakeMetadata {
    pub source: String,
    pub endpoint: String,
    /// The request URL with secrets removed.
    pub url: String,
    pub http_status: u16,
    pub fetched_at: DateTime<Utc>,
    /// SHA-256 of the uncompressed body.
    pub sha256: String,
    /// Records in the body, when the source's splitter could tell.
    pub record_count: Option<u64>,
}

/// A raw response ready to be written: key, metadata and the gzip-compressed body.
#[derive(Debug, Clone)]
pub struct LakeObject {
    pub key: String,
    pub metadata: LakeMetadata,
    pub gzipped_body: Vec<u8>,
}

impl LakeMetadata {
    /// The response as it was fetched, from its metadata and body; an error for a source
    /// skyboard does not know (naming it).
    pub fn into_response(self, body: Vec<u8>) -> Result<crate::model::RawResponse, String> {
        let source =
            self.source.parse::<crate::model::Source>().map_err(|_| format!("unknown source {:?}", self.source))?;
        Ok(crate::model::RawResponse {
            source,
            endpoint: self.endpoint,
            url: self.url,
            http_status: self.http_status,
            fetched_at: self.fetched_at,
            body,
        })
    }
}

impl LakeObject {
    pub fn from_response(raw: &RawResponse, record_count: Option<u64>) -> Self {
        Self::with_digest(raw, Self::digest(&raw.body), record_count)
    }

    /// The hex SHA-256 of a body, as the metadata and the key name it.
    pub fn digest(body: &[u8]) -> String {
        hex::encode(Sha256::digest(body))
    }

    /// [`from_response`](Self::from_response) for a body whose [`digest`](Self::digest) is known.
    pub fn with_digest(raw: &RawResponse, sha: String, record_count: Option<u64>) -> Self {
        let key = LakeKey::for_response(raw, &sha).0;
        Self {
            key,
            metadata: LakeMetadata {
                source: raw.source.as_str().to_string(),
                endpoint: raw.endpoint.clone(),
                url: raw.url.clone(),
                http_status: raw.http_status,
                fetched_at: raw.fetched_at,
                sha256: sha,
                record_count,
            },
            gzipped_body: gzip(&raw.body),
        }
    }
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::with_capacity(data.len() / 4 + 64), Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

pub fn gunzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() * 4);
    GzDecoder::new(data).read_to_end(&mut out)?;
    Ok(out)
}
