use super::{BatchInfo, NewRecord, Staged, StagedRecord, Staging, StagingError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use mongodb::bson::{self, Bson, Document, doc};
use mongodb::options::{ClientOptions, IndexOptions};
use mongodb::{Client, Collection, IndexModel};

const BACKEND: &str = "mongodb";
const RECORDS: &str = "staging_records";
const CHECKPOINTS: &str = "staging_checkpoints";
const COUNTERS: &str = "staging_counters";

fn err(e: impl std::fmt::Display) -> StagingError {
    StagingError { backend: BACKEND, message: e.to_string() }
}

/// A reserved block of seqs whose records are not written yet is treated as abandoned (its
/// stager died) after this long, and the cleaner reads past it.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(120);

/// Staging in MongoDB: one document per raw record in `staging_records`, ordered by a `seq`
/// handed out in blocks from `staging_counters`; checkpoints in `staging_checkpoints`.
///
/// Several stagers (fetch jobs, pipeline instances) insert at once, so a later block can become
/// visible before an earlier one. The counter document therefore lists the blocks reserved and
/// not yet written (`open`), set in the same atomic update that reserves them; a stager removes
/// its block once its insert has ended. Readers see records only up to the first open block, so
/// the cleaner's checkpoint never passes a seq that may still appear.
#[derive(Debug, Clone)]
pub struct MongoStaging {
    client: Client,
    records: Collection<Document>,
    checkpoints: Collection<Document>,
    counters: Collection<Document>,
    shown: String,
    /// Tests only: a pause between reserving seqs and inserting the records. The MongoDB-wire
    /// test server serialises requests, so without it concurrent stagers never interleave there.
    reserve_to_insert_pause: Option<std::time::Duration>,
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
            reserve_to_insert_pause: None,
        };
        staging.ensure_indexes().await?;
        staging.ensure_counter().await?;
        Ok(staging)
    }

    /// Tests: pause this long between reserving seqs and inserting (see the field).
    #[doc(hidden)]
    pub fn with_reserve_to_insert_pause(mut self, pause: std::time::Duration) -> Self {
        self.reserve_to_insert_pause = Some(pause);
        self
    }

    /// Creates the sequence counter once, when staging is prepared: concurrent first stagers
    /// upserting it raced (one of them found no counter).
    async fn ensure_counter(&self) -> Result<(), StagingError> {
        let created = self
            .counters
            .update_one(doc! {"_id": RECORDS}, doc! {"$setOnInsert": {"seq": 0_i64, "open": []}})
            .upsert(true)
            .await;
        match created {
            Ok(_) => Ok(()),
            // Another instance created it at the same moment.
            Err(e) if matches!(*e.kind, mongodb::error::ErrorKind::Write(mongodb::error::WriteFailure::WriteError(ref w)) if w.code == 11000) => {
                Ok(())
            }
            Err(e) => Err(err(e)),
        }
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

    /// Reserves `n` sequence numbers and lists them as open; returns the first. A compare-and-set
    /// on the counter (retried when another stager reserved in between), so the block and its
    /// `open` entry appear in one atomic update.
    async fn reserve(&self, n: i64) -> Result<i64, StagingError> {
        for _ in 0..1_000 {
            let counter = self
                .counters
                .find_one(doc! {"_id": RECORDS})
                .await
                .map_err(err)?
                .ok_or_else(|| err("the sequence counter is missing (staging was not prepared)"))?;
            let seq = get_i64(&counter, "seq")?;
            let block = doc! {"first": seq + 1, "last": seq + n, "at": bson::DateTime::now()};
            let done = self
                .counters
                .update_one(
                    doc! {"_id": RECORDS, "seq": seq},
                    doc! {"$set": {"seq": seq + n}, "$push": {"open": block}},
                )
                .await
                .map_err(err)?;
            if done.modified_count == 1 {
                return Ok(seq + 1);
            }
        }
        Err(err("could not reserve sequence numbers: the counter kept changing"))
    }

    /// Marks the block starting at `first` as written (or given up): readers may pass it.
    async fn release(&self, first: i64) -> Result<(), StagingError> {
        self.counters
            .update_one(doc! {"_id": RECORDS}, doc! {"$pull": {"open": {"first": first}}})
            .await
            .map_err(err)?;
        Ok(())
    }

    /// The highest seq a reader may pass: every block up to it is written (or abandoned). Read
    /// *before* the records, so a block closed in between cannot be passed unread.
    async fn visible_horizon(&self) -> Result<i64, StagingError> {
        let Some(counter) = self.counters.find_one(doc! {"_id": RECORDS}).await.map_err(err)? else {
            return Ok(0);
        };
        let reserved = get_i64(&counter, "seq")?;
        let now = bson::DateTime::now().timestamp_millis();
        let mut horizon = reserved;
        for block in counter.get_array("open").map(|a| a.as_slice()).unwrap_or_default() {
            let Some(block) = block.as_document() else { continue };
            let first = get_i64(block, "first")?;
            let at = block.get_datetime("at").map(|t| t.timestamp_millis()).unwrap_or(0);
            if now - at > ABANDONED_AFTER.as_millis() as i64 {
                tracing::warn!(first, "staging: a reserved block was never written; reading past it");
                continue;
            }
            horizon = horizon.min(first - 1);
        }
        Ok(horizon)
    }

    /// Inserts a batch's records under the seqs from `first` (unordered: a record already
    /// staged is refused, the rest go in).
    async fn insert_block(&self, batch: &BatchInfo, records: &[NewRecord], first: i64) -> Result<Staged, StagingError> {
        if let Some(pause) = self.reserve_to_insert_pause {
            tokio::time::sleep(pause).await;
        }
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
                    "ordinal": r.ordinal,
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
        let inserted = self.insert_block(batch, records, first).await;
        // Written, refused or failed: the block is no longer pending either way. Should this
        // fail too, readers pass the block once it counts as abandoned.
        if let Err(e) = self.release(first).await {
            tracing::warn!("staging: {e}");
        }
        inserted
    }

    async fn read_after(&self, after: i64, limit: usize) -> Result<Vec<StagedRecord>, StagingError> {
        let horizon = self.visible_horizon().await?;
        if horizon <= after {
            return Ok(Vec::new());
        }
        let cursor = self
            .records
            .find(doc! {"seq": {"$gt": after, "$lte": horizon}})
            .sort(doc! {"seq": 1})
            .limit(limit as i64)
            .await
            .map_err(err)?;
        let docs: Vec<Document> = cursor.try_collect().await.map_err(err)?;
        docs.into_iter().map(from_doc).collect()
    }

    async fn lake_keys_since(&self, since: DateTime<Utc>) -> Result<std::collections::HashSet<String>, StagingError> {
        let keys =
            self.records.distinct("lake_key", doc! {"fetched_at": {"$gte": to_bson_time(since)}}).await.map_err(err)?;
        Ok(keys.into_iter().filter_map(|k| k.as_str().map(str::to_string)).collect())
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
