//! One-shot subcommands.

pub mod doctor;
pub mod migrate;
