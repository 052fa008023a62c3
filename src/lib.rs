//! The skyboard application: command line, configuration, modes and the terminal front end.
//! The data pipeline lives in the `pipeline` crate; this crate only reads its warehouse.

pub mod cli;
pub mod commands;
pub mod config;
pub mod logging;
pub mod modes;
pub mod tui;
pub mod watch;
