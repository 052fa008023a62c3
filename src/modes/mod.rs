//! The ways skyboard runs: headless pipeline, pipeline plus the terminal front end, or the
//! front end alone on a shared warehouse.

mod build;
pub mod headless;
pub mod interactive;
mod signals;
pub mod viewer;

pub use build::{BuiltPipeline, build_pipeline};
pub use signals::shutdown_signal;

use crate::tui::render::MapMarker;
use crate::tui::theme::Theme;
use std::time::Duration;

/// How the front end looks and listens, from the command line and the environment.
#[derive(Debug, Clone, Copy)]
pub struct UiOptions {
    pub theme: Theme,
    pub marker: MapMarker,
    pub mouse: bool,
    /// The day the boards open on (`--date`); `None`: today.
    pub day: Option<chrono::NaiveDate>,
    /// Test hook: panic this long after the first frame.
    pub panic_after: Option<Duration>,
}

impl UiOptions {
    pub fn from_cli(cli: &crate::cli::Cli, config: &crate::config::Config) -> Self {
        let marker = if cli.ascii {
            MapMarker::Ascii
        } else if cli.braille {
            MapMarker::Braille
        } else {
            MapMarker::HalfBlock
        };
        Self {
            theme: Theme::from_env(config.ui.theme, &config.ui.colors),
            marker,
            mouse: cli.mouse,
            day: cli.date,
            panic_after: cli.panic_after_ms.map(Duration::from_millis),
        }
    }
}

/// `sqlite` or `mysql`: the warehouse backend as the status bar names it.
pub fn backend_name(warehouse: &dyn pipeline::warehouse::Warehouse) -> String {
    let described = warehouse.describe();
    if described.starts_with("sqlite") { "sqlite".into() } else { "mysql".into() }
}
