//! The leader lock: one pipeline writes to a warehouse at a time, others stand by.
//! MySQL/MariaDB: a named `GET_LOCK` held by one dedicated connection (the server frees it the
//! moment that connection dies). SQLite: an exclusive `flock` on a file beside the database
//! (the kernel frees it the moment the process dies).

use super::WarehouseError;
use async_trait::async_trait;
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection};
use sqlx::{ConnectOptions, Connection};
use std::path::PathBuf;

#[async_trait]
pub trait LeaderLock: Send + Sync + std::fmt::Debug {
    /// Tries once to take the lock; `false` while another instance holds it.
    async fn try_acquire(&mut self) -> Result<bool, WarehouseError>;
    /// Whether the lock is still ours. `false` once the connection holding it is gone: the
    /// server has freed it, and another instance may already lead.
    async fn still_held(&mut self) -> bool;
    /// Gives the lock up.
    async fn release(&mut self);
    /// `GET_LOCK('skyboard-leader:db')`, `flock /path` — for log lines.
    fn describe(&self) -> String;
}

const LOCK_PREFIX: &str = "skyboard-leader:";

/// `GET_LOCK` on its own connection. The lock name includes the database name, so pipelines
/// on different databases of one server do not exclude each other.
#[derive(Debug)]
pub struct MySqlLeaderLock {
    options: MySqlConnectOptions,
    conn: Option<MySqlConnection>,
    database: String,
}

impl MySqlLeaderLock {
    pub fn new(options: MySqlConnectOptions) -> Self {
        let database = options.get_database().unwrap_or_default().to_string();
        Self { options, conn: None, database }
    }

    fn name(&self) -> String {
        format!("{LOCK_PREFIX}{}", self.database)
    }
}

#[async_trait]
impl LeaderLock for MySqlLeaderLock {
    async fn try_acquire(&mut self) -> Result<bool, WarehouseError> {
        let err = |e: sqlx::Error| WarehouseError { backend: "mysql", message: format!("leader lock: {e}") };
        if self.conn.is_none() {
            self.conn = Some(self.options.connect().await.map_err(err)?);
        }
        let name = self.name();
        let Some(conn) = self.conn.as_mut() else {
            return Ok(false);
        };
        let got: Option<i64> = match sqlx::query_scalar("SELECT GET_LOCK(?, 0)").bind(&name).fetch_one(&mut *conn).await
        {
            Ok(v) => v,
            Err(e) => {
                self.conn = None;
                return Err(err(e));
            }
        };
        Ok(got == Some(1))
    }

    async fn still_held(&mut self) -> bool {
        let name = self.name();
        let Some(conn) = self.conn.as_mut() else {
            return false;
        };
        let held: Result<Option<i64>, _> =
            sqlx::query_scalar("SELECT IS_USED_LOCK(?) = CONNECTION_ID()").bind(&name).fetch_one(&mut *conn).await;
        match held {
            Ok(Some(1)) => true,
            _ => {
                // The connection is broken or the lock is someone else's: never use it again.
                self.conn = None;
                false
            }
        }
    }

    async fn release(&mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = conn.close().await;
        }
    }

    fn describe(&self) -> String {
        format!("GET_LOCK('{}')", self.name())
    }
}

/// An exclusive lock on `{warehouse}.leader.lock`.
#[derive(Debug)]
pub struct FileLeaderLock {
    path: PathBuf,
    file: Option<std::fs::File>,
}

impl FileLeaderLock {
    pub fn new(path: PathBuf) -> Self {
        Self { path, file: None }
    }
}

#[async_trait]
impl LeaderLock for FileLeaderLock {
    async fn try_acquire(&mut self) -> Result<bool, WarehouseError> {
        if self.file.is_some() {
            return Ok(true);
        }
        let err = |e: std::io::Error| WarehouseError {
            backend: "sqlite",
            message: format!("leader lock {}: {e}", self.path.display()),
        };
        let file =
            std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&self.path).map_err(err)?;
        match file.try_lock() {
            Ok(()) => {
                self.file = Some(file);
                Ok(true)
            }
            Err(std::fs::TryLockError::WouldBlock) => Ok(false),
            Err(std::fs::TryLockError::Error(e)) => Err(err(e)),
        }
    }

    async fn still_held(&mut self) -> bool {
        self.file.is_some()
    }

    async fn release(&mut self) {
        if let Some(file) = self.file.take() {
            let _ = file.unlock();
        }
    }

    fn describe(&self) -> String {
        format!("flock {}", self.path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_file_lock_holder_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("warehouse.sqlite.leader.lock");
        let mut first = FileLeaderLock::new(path.clone());
        let mut second = FileLeaderLock::new(path);
        assert!(first.try_acquire().await.unwrap());
        assert!(!second.try_acquire().await.unwrap(), "the second instance stands by");
        assert!(first.still_held().await);
        assert!(!second.still_held().await);
        first.release().await;
        assert!(second.try_acquire().await.unwrap(), "the standby takes over once the leader lets go");
    }
}
