//! Who writes the warehouse: the leader lock's holder does, each load fenced by the leader
//! epoch it claimed; a standby does not (its lake and staging writes go on: they are its own).

use super::pipeline::Pipeline;
use crate::warehouse::WarehouseError;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

/// The epoch of an unfenced writer (a lone writer such as a test).
const NO_FENCE: i64 = i64::MIN;

/// Whether this instance may write to the warehouse, and the epoch its loads carry.
#[derive(Debug)]
pub(super) struct Leadership {
    writer: AtomicBool,
    fence: AtomicI64,
}

impl Default for Leadership {
    fn default() -> Self {
        Self { writer: AtomicBool::new(true), fence: AtomicI64::new(NO_FENCE) }
    }
}

impl Pipeline {
    /// Allows or stops warehouse writes (the leader lock's holder writes; a standby does not).
    /// Lake and staging writes go on: they are this instance's own.
    pub fn set_writer(&self, writer: bool) {
        self.leadership.writer.store(writer, Ordering::SeqCst);
    }

    pub fn is_writer(&self) -> bool {
        self.leadership.writer.load(Ordering::SeqCst)
    }

    /// Takes the warehouse's leader epoch for this instance (after taking the leader lock):
    /// from now on its loads commit only while no other instance has claimed it since.
    pub async fn lead(&self) -> Result<i64, WarehouseError> {
        let epoch = self.stores.warehouse.claim_leadership(&self.settings.instance).await?;
        self.leadership.fence.store(epoch, Ordering::SeqCst);
        Ok(epoch)
    }

    /// The epoch loads carry, if this instance leads by one.
    pub(super) fn fence(&self) -> Option<i64> {
        Some(self.leadership.fence.load(Ordering::SeqCst)).filter(|e| *e != NO_FENCE)
    }
}
