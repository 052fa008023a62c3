//! One-shot subcommands.

pub mod doctor;
pub mod export;
pub mod ingest_file;
pub mod migrate;
