//! What can go wrong in a run, typed: the stage it happened in and whose fault it is — a
//! source's (the run goes on) or ours (a store, or the cleaner: the run failed and the next one
//! retries). `Display` gives the message as the store or the source worded it.

/// The stages a response goes through, and the pipeline's upkeep around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// A call to a source.
    Fetch,
    /// Filing the answer in the lake.
    Lake,
    /// Staging the answer's entry and records.
    Stage,
    /// Staging again what the lake holds and staging missed (`heal.rs`).
    Heal,
    /// Reading staging beyond the cleaner's checkpoint, and cleaning it.
    Clean,
    /// The warehouse transaction, and moving the checkpoint after it.
    Load,
    /// Retention: cleaned staging records, warehouse history, lake objects.
    Prune,
    /// Reading lake objects back (replay, healing).
    Replay,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fetch => "fetch",
            Self::Lake => "lake",
            Self::Stage => "stage",
            Self::Heal => "heal",
            Self::Clean => "clean",
            Self::Load => "load",
            Self::Prune => "prune",
            Self::Replay => "replay",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The three stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StoreKind {
    Lake,
    Staging,
    Warehouse,
}

impl StoreKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lake => "lake",
            Self::Staging => "staging",
            Self::Warehouse => "warehouse",
        }
    }
}

/// Whose failure it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The source failed or answered with an error (the answer, if any, is in the lake).
    Source,
    /// A store refused or could not be reached.
    Store(StoreKind),
    /// The cleaner's own thread died (a panic while cleaning).
    Cleaner,
}

impl Fault {
    /// The metrics label: `lake`, `staging`, `warehouse`, `cleaner` or `source`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Source => "source",
            Self::Store(store) => store.as_str(),
            Self::Cleaner => "cleaner",
        }
    }
}

/// One failure of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineError {
    pub stage: Stage,
    pub fault: Fault,
    pub message: String,
}

impl PipelineError {
    /// A source's failure at `stage`.
    pub fn by_source(stage: Stage, message: impl Into<String>) -> Self {
        Self { stage, fault: Fault::Source, message: message.into() }
    }

    /// A failed operation of `store` at `stage`.
    pub fn store(stage: Stage, store: StoreKind, error: impl std::fmt::Display) -> Self {
        Self { stage, fault: Fault::Store(store), message: error.to_string() }
    }

    pub fn lake(stage: Stage, error: impl std::fmt::Display) -> Self {
        Self::store(stage, StoreKind::Lake, error)
    }

    pub fn staging(stage: Stage, error: impl std::fmt::Display) -> Self {
        Self::store(stage, StoreKind::Staging, error)
    }

    pub fn warehouse(stage: Stage, error: impl std::fmt::Display) -> Self {
        Self::store(stage, StoreKind::Warehouse, error)
    }

    /// The cleaner's thread failed (`cleaner: …`).
    pub fn cleaner(error: impl std::fmt::Display) -> Self {
        Self { stage: Stage::Clean, fault: Fault::Cleaner, message: format!("cleaner: {error}") }
    }

    /// Ours (a store or the cleaner): the run failed. A source's failure is not.
    pub fn is_ours(&self) -> bool {
        !matches!(self.fault, Fault::Source)
    }

    /// The store that failed, if one did.
    pub fn store_kind(&self) -> Option<StoreKind> {
        match self.fault {
            Fault::Store(store) => Some(store),
            _ => None,
        }
    }
}

impl std::fmt::Display for PipelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PipelineError {}
