use crate::model::RawResponse;
use sha2::{Digest, Sha256};

/// The lake key of a raw response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LakeKey(pub String);

impl LakeKey {
    pub fn for_response(raw: &RawResponse, sha256_hex: &str) -> Self {
        let t = raw.fetched_at;
        Self(format!(
            "raw/{}/{}/dt={}/hour={}/{}.json.gz",
            raw.source.as_str(),
            safe_segment(&raw.endpoint),
            t.format("%Y-%m-%d"),
            t.format("%H"),
            batch_id(raw, sha256_hex)
        ))
    }
}

/// A batch id that sorts by fetch time and is unique per (time, URL, body): the same response
/// stored twice gets the same id, so the lake never holds it twice and never overwrites.
pub fn batch_id(raw: &RawResponse, body_sha256_hex: &str) -> String {
    let mut h = Sha256::new();
    h.update(raw.url.as_bytes());
    h.update([0]);
    h.update(body_sha256_hex.as_bytes());
    let digest = hex::encode(h.finalize());
    format!("{}-{}", raw.fetched_at.format("%Y%m%dT%H%M%S%.3fZ"), &digest[..16])
}

fn safe_segment(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}
