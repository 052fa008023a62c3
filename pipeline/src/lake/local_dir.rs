use super::durable::{create_dir_all_durable, write_atomic};
use super::{Lake, LakeError, LakeMetadata, LakeObject, gunzip};
use async_trait::async_trait;
use std::path::{Path, PathBuf};

/// The lake as a local directory: `{root}/{key}` holds the gzip body, `{root}/{key}.meta.json`
/// the metadata. Both are written to a temporary name, fsynced, renamed and their directory
/// fsynced (see `durable`), the metadata first: a crash or a power cut never leaves a half-written
/// object under its real key, nor an object without its metadata.
#[derive(Debug, Clone)]
pub struct LocalDirLake {
    root: PathBuf,
}

impl LocalDirLake {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, key: &str) -> Result<PathBuf, String> {
        if key.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..") || key.starts_with('/') {
            return Err(format!("invalid key {key:?}"));
        }
        Ok(self.root.join(key))
    }
}

#[async_trait]
impl Lake for LocalDirLake {
    async fn put(&self, object: &LakeObject) -> Result<String, LakeError> {
        let key = object.key.clone();
        let err = |message: String| LakeError::Write { key: key.clone(), message };
        let path = self.path(&key).map_err(err)?;
        let meta = serde_json::to_vec_pretty(&object.metadata).map_err(|e| err(e.to_string()))?;
        let body = object.gzipped_body.clone();
        tokio::task::spawn_blocking(move || -> std::io::Result<()> {
            if path.exists() {
                return Ok(()); // immutable: the same key always holds the same bytes
            }
            if let Some(dir) = path.parent() {
                create_dir_all_durable(dir)?;
            }
            // The metadata is durable before the object's name appears: once the object exists,
            // `put` skips it, so an object without metadata would stay unreadable for good.
            let meta_path = PathBuf::from(format!("{}.meta.json", path.display()));
            write_atomic(&meta_path, &meta)?;
            write_atomic(&path, &body)
        })
        .await
        .map_err(|e| err(e.to_string()))?
        .map_err(|e| err(e.to_string()))?;
        Ok(key)
    }

    async fn get(&self, key: &str) -> Result<(LakeMetadata, Vec<u8>), LakeError> {
        let err = |message: String| LakeError::Read { key: key.to_string(), message };
        let path = self.path(key).map_err(err)?;
        tokio::task::spawn_blocking(move || -> Result<(LakeMetadata, Vec<u8>), String> {
            let meta = std::fs::read(format!("{}.meta.json", path.display())).map_err(|e| e.to_string())?;
            let meta: LakeMetadata = serde_json::from_slice(&meta).map_err(|e| e.to_string())?;
            let body = gunzip(&std::fs::read(&path).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
            Ok((meta, body))
        })
        .await
        .map_err(|e| err(e.to_string()))?
        .map_err(err)
    }

    async fn list(&self, prefix: &str) -> Result<Vec<String>, LakeError> {
        let root = self.root.clone();
        let prefix_owned = prefix.to_string();
        tokio::task::spawn_blocking(move || {
            let mut keys = Vec::new();
            walk(&root, &root, &mut keys)?;
            keys.retain(|k| k.starts_with(&prefix_owned));
            keys.sort();
            Ok(keys)
        })
        .await
        .map_err(|e| LakeError::List { prefix: prefix.to_string(), message: e.to_string() })?
        .map_err(|e: std::io::Error| LakeError::List { prefix: prefix.to_string(), message: e.to_string() })
    }

    async fn prune_before(&self, before: chrono::NaiveDate, limit: usize) -> Result<u64, LakeError> {
        let root = self.root.clone();
        let fail = |message: String| LakeError::Prune { location: self.root.display().to_string(), message };
        let pruned = tokio::task::spawn_blocking(move || super::prune_local(&root, before, limit));
        pruned.await.map_err(|e| fail(e.to_string()))?.map_err(|e| fail(e.to_string()))
    }

    async fn prepare(&self) -> Result<(), LakeError> {
        create_dir_all_durable(&self.root)
            .map_err(|e| LakeError::Write { key: self.root.display().to_string(), message: e.to_string() })
    }

    async fn check_writable(&self) -> Result<(), LakeError> {
        let dir = self.root.join("doctor");
        let probe = dir.join(format!("probe-{}", std::process::id()));
        let fail = |e: std::io::Error| LakeError::Write { key: probe.display().to_string(), message: e.to_string() };
        std::fs::create_dir_all(&dir).map_err(fail)?;
        std::fs::write(&probe, b"skyboard doctor").map_err(fail)?;
        std::fs::remove_file(&probe).map_err(fail)
    }

    fn describe(&self) -> String {
        format!("dir:{}", self.root.display())
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        // Only objects count: not their `.meta.json`, not a temp file a crash left behind
        // (`.{name}.{pid}-{n}.tmp`, or `{stem}.tmp{pid}` from before).
        if entry.file_type()?.is_dir() {
            walk(root, &path, out)?;
        } else if let Some(name) = path.to_str().filter(|p| p.ends_with(".json.gz"))
            && let Ok(rel) = Path::new(name).strip_prefix(root)
        {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::durable::temp_path;
    use super::*;
    use crate::model::{RawResponse, Source};
    use chrono::TimeZone;

    fn raw(body: &str) -> RawResponse {
        RawResponse {
            source: Source::Lufthansa,
            endpoint: "flightstatus-departures".into(),
            url: "http://127.0.0.1/v1/x".into(),
            http_status: 200,
            fetched_at: chrono::Utc.with_ymd_and_hms(2026, 11, 27, 9, 5, 1).unwrap(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[tokio::test]
    async fn round_trip_and_immutability() {
        let dir = tempfile::tempdir().unwrap();
        let lake = LocalDirLake::new(dir.path());
        let obj = LakeObject::from_response(&raw("{\"a\":1}"), Some(1));
        let key = lake.put(&obj).await.unwrap();
        assert!(
            key.starts_with("raw/lufthansa/flightstatus-departures/dt=2026-11-27/hour=09/20261127T090501.000Z-"),
            "{key}"
        );
        assert!(key.ends_with(".json.gz"));
        assert_eq!(lake.put(&obj).await.unwrap(), key, "same response, same key");
        let other = LakeObject::from_response(&raw("{\"a\":2}"), Some(1));
        assert_ne!(lake.put(&other).await.unwrap(), key, "different body, different key");
        let (meta, body) = lake.get(&key).await.unwrap();
        assert_eq!(body, b"{\"a\":1}");
        assert_eq!(meta.record_count, Some(1));
        assert_eq!(meta.sha256.len(), 64);
        assert_eq!(lake.list("raw/lufthansa/").await.unwrap().len(), 2);
        assert!(lake.list("raw/airlabs/").await.unwrap().is_empty());
    }

    /// Every file under `dir` whose name is neither an object nor its metadata (temp files).
    fn strays(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                if path.is_dir() {
                    stack.push(path);
                } else if !(name.ends_with(".json.gz") || name.ends_with(".json.gz.meta.json")) {
                    out.push(path);
                }
            }
        }
        out
    }

    #[tokio::test]
    async fn a_put_leaves_the_object_and_its_metadata_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let lake = LocalDirLake::new(dir.path().join("lake"));
        lake.prepare().await.unwrap();
        let obj = LakeObject::from_response(&raw("{\"a\":1}"), Some(1));
        let key = lake.put(&obj).await.unwrap();
        let path = dir.path().join("lake").join(&key);
        assert_eq!(std::fs::read(&path).unwrap(), obj.gzipped_body);
        let meta: LakeMetadata =
            serde_json::from_slice(&std::fs::read(format!("{}.meta.json", path.display())).unwrap()).unwrap();
        assert_eq!(meta, obj.metadata);
        assert_eq!(strays(dir.path()), Vec::<PathBuf>::new());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_puts_of_one_key_in_one_process_all_succeed_and_leave_one_intact_object() {
        // A body that gzip cannot shrink much, so that the writes take long enough to overlap.
        let mut rng = fastrand::Rng::with_seed(7);
        let body: String = (0..1 << 20).map(|_| rng.alphanumeric()).collect();
        let obj = std::sync::Arc::new(LakeObject::from_response(&raw(&body), Some(1)));
        for round in 0..40 {
            let dir = tempfile::tempdir().unwrap();
            let lake = std::sync::Arc::new(LocalDirLake::new(dir.path()));
            let start = std::sync::Arc::new(tokio::sync::Barrier::new(8));
            let puts: Vec<_> = (0..8)
                .map(|_| {
                    let (lake, obj, start) = (lake.clone(), obj.clone(), start.clone());
                    tokio::spawn(async move {
                        start.wait().await;
                        lake.put(&obj).await
                    })
                })
                .collect();
            for put in puts {
                assert_eq!(put.await.unwrap().unwrap(), obj.key, "round {round}");
            }
            let (meta, read) = lake.get(&obj.key).await.unwrap();
            assert!(read == body.as_bytes(), "round {round}: the object is intact");
            assert_eq!(meta, obj.metadata);
            assert_eq!(lake.list("raw/").await.unwrap(), vec![obj.key.clone()]);
            assert_eq!(strays(dir.path()), Vec::<PathBuf>::new(), "round {round}");
        }
    }

    #[tokio::test]
    async fn a_temp_file_left_by_a_crash_is_not_listed_and_does_not_block_the_put() {
        let dir = tempfile::tempdir().unwrap();
        let lake = LocalDirLake::new(dir.path());
        let obj = LakeObject::from_response(&raw("{\"a\":1}"), Some(1));
        let path = dir.path().join(&obj.key);
        let parent = path.parent().unwrap();
        std::fs::create_dir_all(parent).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // What a crash between write and rename leaves: today's temp name, the old scheme's names,
        // and a metadata file whose object never arrived.
        for stray in [temp_path(&path), path.with_extension("tmp4242"), parent.join(format!("{name}.meta.json"))] {
            std::fs::write(&stray, b"partial").unwrap();
        }
        assert!(lake.list("raw/").await.unwrap().is_empty());
        lake.put(&obj).await.unwrap();
        assert_eq!(lake.list("raw/").await.unwrap(), vec![obj.key.clone()]);
        let (meta, body) = lake.get(&obj.key).await.unwrap();
        assert_eq!((meta, body), (obj.metadata.clone(), b"{\"a\":1}".to_vec()));
    }

    #[tokio::test]
    async fn refuses_keys_that_escape_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let lake = LocalDirLake::new(dir.path());
        assert!(lake.get("../etc/passwd").await.is_err());
    }
}
