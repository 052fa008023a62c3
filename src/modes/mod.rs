//! The ways skyboard runs: headless pipeline, or pipeline plus the terminal front end.

mod build;
pub mod headless;
pub mod interactive;
mod signals;

pub use build::{BuiltPipeline, build_pipeline};
pub use signals::shutdown_signal;
