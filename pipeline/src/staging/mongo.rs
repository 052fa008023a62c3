use super::{BatchInfo, NewRecord, Staged, StagedRecord, Staging, StagingError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use mongodb::bson::{self, Bson, Document, doc};
use mongodb::options::{ClientOptions, IndexOptions, ReturnDocument};
use mongodb::{Client, Collection, IndexModel};

const BACKEND: &str = "mongodb";
const RECORDS: &str = "staging_records";
const CHECKPOINTS: &str = "staging_checkpoints";
const COUNTERS: &str = "staging_counters";

fn err(e: impl std::fmt::Display) -> StagingError {
    StagingError { backend: BACKEND, message: e.to_string() }
}

/// Staging in MongoDB: one document per raw record in `staging_records`, ordered by a `seq`
/// handed out in blocks from `staging_counters`; checkpoints in `staging_checkpoints`.
#[derive(Debug, Clone)]
pub struct MongoStaging {
    client: Client,
    records: Collection<Document>,
    checkpoints: Collection<Document>,
    counters: Collection<Document>,
    shown: String,
}

/// `mongodb://user:secret@host/db?x` → `mongodb://user@host/db?x`.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => "<unparseable mongodb url>".into(),
    }
}

impl MongoStaging {
    /// Connects to the database the URL names (default `skyboard`) and makes the indexes.
    pub async fn connect(url: &str) -> Result<Self, StagingError> {
        crate::tls::install_crypto_provider();
        let shown = redact(url);
        let scrub = |e: mongodb::error::Error| err(e.to_string().replace(url, &shown));
        let mut options = ClientOptions::parse(url).await.map_err(scrub)?;
        options.app_name = Some("skyboard".into());
        options.server_selection_timeout.get_or_insert(std::time::Duration::from_secs(5));
        options.connect_timeout.get_or_insert(std::time::Duration::from_secs(5));
        let db_name = options.default_database.clone().unwrap_or_else(|| "skyboard".into());
        let client = Client::with_options(options).map_err(scrub)?;
        let db = client.database(&db_name);
        let staging = Self {
            records: db.collection(RECORDS),
            checkpoints: db.collection(CHECKPOINTS),
            counters: db.collection(COUNTERS),
            client,
            shown,
        };
        staging.ensure_indexes().await?;
        Ok(staging)
    }

    async fn ensure_indexes(&self) -> Result<(), StagingError> {
        let unique = |keys: Document, name: &str| {
            IndexModel::builder()
                .keys(keys)
                .options(IndexOptions::builder().unique(true).name(name.to_string()).build())
                .build()
        };
        let plain = |keys: Document, name: &str| {
            IndexModel::builder().keys(keys).options(IndexOptions::builder().name(name.to_string()).build()).build()
        };
        self.records
            .create_indexes([
                unique(doc! {"seq": 1}, "seq_unique"),
                unique(doc! {"lake_key": 1, "ordinal": 1}, "record_unique"),
                plain(doc! {"source": 1, "natural_key": 1}, "natural_key"),
                plain(doc! {"fetched_at": 1}, "fetched_at"),
            ])
            .await
            .map_err(err)?;
        Ok(())
    }

    pub async fn ping(&self) -> Result<(), StagingError> {
        self.records.client().database("admin").run_command(doc! {"ping": 1}).await.map(|_| ()).map_err(err)
    }

    /// Drops the whole database (tests clean up after themselves with this).
    pub async fn drop_database(&self) -> Result<(), StagingError> {
        let name = self.records.namespace().db;
        self.client.database(&name).drop().await.map_err(err)
    }

    /// Reserves `n` sequence numbers; returns the first.
    async fn reserve(&self, n: i64) -> Result<i64, StagingError> {
        let after = self
            .counters
            .find_one_and_update(doc! {"_id": RECORDS}, doc! {"$inc": {"seq": n}})
            .upsert(true)
            .return_document(ReturnDocument::After)
            .await
            .map_err(err)?
            .ok_or_else(|| err("the sequence counter vanished"))?;
        let end = after.get_i64("seq").or_else(|_| after.get_i32("seq").map(i64::from)).map_err(err)?;
        Ok(end - n + 1)
    }
}

fn to_bson_time(t: DateTime<Utc>) -> bson::DateTime {
    bson::DateTime::from_millis(t.timestamp_millis())
}

fn get_i64(d: &Document, key: &str) -> Result<i64, StagingError> {
    match d.get(key) {
        Some(Bson::Int64(v)) => Ok(*v),
        Some(Bson::Int32(v)) => Ok(i64::from(*v)),
        other => Err(err(format!("field {key}: expected an integer, found {other:?}"))),
    }
}

fn from_doc(d: Document) -> Result<StagedRecord, StagingError> {
    let text = |k: &str| d.get_str(k).map(str::to_string).map_err(err);
    let fetched_at = d.get_datetime("fetched_at").map_err(err)?.timestamp_millis();
    Ok(StagedRecord {
        seq: get_i64(&d, "seq")?,
        batch: BatchInfo {
            batch_id: text("batch_id")?,
            lake_key: text("lake_key")?,
            source: text("source")?,
            endpoint: text("endpoint")?,
            fetched_at: DateTime::from_timestamp_millis(fetched_at).ok_or_else(|| err("fetched_at out of range"))?,
        },
        ordinal: get_i64(&d, "ordinal")?,
        natural_key: d.get_str("natural_key").ok().map(str::to_string),
        doc: {
            let value: serde_json::Value = bson::from_bson(d.get("doc").cloned().unwrap_or(Bson::Null)).map_err(err)?;
            serde_json::value::to_raw_value(&value).map_err(err)?
        },
    })
}

#[async_trait]
impl Staging for MongoStaging {
    async fn stage(&self, batch: &BatchInfo, records: &[NewRecord]) -> Result<Staged, StagingError> {
        if records.is_empty() {
            return Ok(Staged::default());
        }
        let first = self.reserve(records.len() as i64).await?;
        let docs: Vec<Document> = records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                // serde, not extended JSON: a hostile `{"$date": …}` stays plain data.
                let value: serde_json::Value = serde_json::from_str(r.doc.get()).map_err(err)?;
                let body = bson::to_bson(&value).map_err(err)?;
                Ok(doc! {
                    "seq": first + i as i64,
                    "batch_id": &batch.batch_id,
                    "lake_key": &batch.lake_key,
                    "source": &batch.source,
                    "endpoint": &batch.endpoint,
                    "fetched_at": to_bson_time(batch.fetched_at),
                    "ordinal": i as i64,
                    "natural_key": r.natural_key.as_deref().map_or(Bson::Null, |k| Bson::String(k.to_string())),
                    "doc": body,
                })
            })
            .collect::<Result<_, StagingError>>()?;
        match self.records.insert_many(docs).ordered(false).await {
            Ok(r) => {
                let added = r.inserted_ids.len() as u64;
                let last = first + records.len() as i64 - 1;
                Ok(Staged { added, seqs: (added == records.len() as u64).then_some(first..=last) })
            }
            Err(e) => match *e.kind {
                // Re-staging a lake object: the duplicates are refused, the rest went in.
                mongodb::error::ErrorKind::InsertMany(ref failure)
                    if failure.write_errors.as_ref().is_some_and(|w| w.iter().all(|we| we.code == 11000))
                        && failure.write_concern_error.is_none() =>
                {
                    let refused = failure.write_errors.as_ref().map_or(0, Vec::len);
                    Ok(Staged { added: (records.len() - refused) as u64, seqs: None })
                }
                _ => Err(err(e)),
            },
        }
    }

    async fn read_after(&self, after: i64, limit: usize) -> Result<Vec<StagedRecord>, StagingError> {
        let cursor = self
            .records
            .find(doc! {"seq": {"$gt": after}})
            .sort(doc! {"seq": 1})
            .limit(limit as i64)
            .await
            .map_err(err)?;
        let docs: Vec<Document> = cursor.try_collect().await.map_err(err)?;
        docs.into_iter().map(from_doc).collect()
    }

    async fn read_object(&self, lake_key: &str) -> Result<Vec<StagedRecord>, StagingError> {
        let cursor = self.records.find(doc! {"lake_key": lake_key}).sort(doc! {"ordinal": 1}).await.map_err(err)?;
        let docs: Vec<Document> = cursor.try_collect().await.map_err(err)?;
        docs.into_iter().map(from_doc).collect()
    }

    async fn count(&self) -> Result<u64, StagingError> {
        self.records.count_documents(doc! {}).await.map_err(err)
    }

    async fn checkpoint(&self, consumer: &str) -> Result<i64, StagingError> {
        match self.checkpoints.find_one(doc! {"_id": consumer}).await.map_err(err)? {
            Some(d) => get_i64(&d, "seq"),
            None => Ok(0),
        }
    }

    async fn set_checkpoint(&self, consumer: &str, seq: i64) -> Result<(), StagingError> {
        self.checkpoints
            .update_one(doc! {"_id": consumer}, doc! {"$max": {"seq": seq}})
            .upsert(true)
            .await
            .map_err(err)?;
        Ok(())
    }

    async fn reset_checkpoint(&self, consumer: &str, seq: i64) -> Result<(), StagingError> {
        self.checkpoints
            .update_one(doc! {"_id": consumer}, doc! {"$set": {"seq": seq}})
            .upsert(true)
            .await
            .map_err(err)?;
        Ok(())
    }

    async fn check_writable(&self) -> Result<(), StagingError> {
        let id = format!("doctor-probe-{}", std::process::id());
        self.checkpoints.insert_one(doc! {"_id": &id, "seq": 0_i64}).await.map_err(err)?;
        self.checkpoints.delete_one(doc! {"_id": &id}).await.map_err(err)?;
        Ok(())
    }

    async fn prune(&self, before: DateTime<Utc>, consumer: &str) -> Result<u64, StagingError> {
        let done = self.checkpoint(consumer).await?;
        let r = self
            .records
            .delete_many(doc! {"fetched_at": {"$lt": to_bson_time(before)}, "seq": {"$lte": done}})
            .await
            .map_err(err)?;
        Ok(r.deleted_count)
    }

    async fn close(&self) {
        self.client.clone().shutdown().await;
    }

    fn describe(&self) -> String {
        self.shown.clone()
    }
}
