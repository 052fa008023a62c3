//! One-shot subcommands.

pub mod demo_serve;
pub mod doctor;
pub mod export;
pub mod ingest_file;
pub mod manual;
pub mod migrate;
pub mod pipeline_ops;
pub mod watch;
