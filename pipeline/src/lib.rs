//! skyboard's data pipeline.
//!
//! Data flows one way: `sources` fetch raw responses, the `lake` keeps every one of them,
//! `staging` splits them into one document per record, `clean` turns records into typed rows or
//! reasoned rejections (pure code, no I/O), and the `warehouse` upserts the rows by natural key.
//! `runner` drives one cycle or a long-running service; `demo` is a loopback simulator that
//! serves the real APIs' formats so the whole path runs without keys.

pub mod clean;
pub mod clock;
pub mod demo;
pub mod lake;
pub mod model;
pub mod reference;
pub mod runner;
pub mod secret;
pub mod sources;
mod sqlite_rows;
pub mod staging;
pub mod tls;
pub mod warehouse;
