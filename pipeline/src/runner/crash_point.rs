//! Fault injection for the crash tests: with `SKYBOARD_CRASH_POINT=<point>[:<n>]` in the
//! environment, the process stops the `n`th time (default: the first) it reaches `point`, says
//! `crash point <point> reached` on stderr, and waits there to be killed (SIGKILL), so a test can
//! kill it between two steps that a real crash could separate. Without the variable a point is
//! one relaxed atomic load.
//!
//! The points, in the order a response meets them:
//! - `filed`: the lake holds the response; staging does not yet.
//! - `staged`: staging holds its records; the warehouse does not yet.
//! - `loaded`: the warehouse committed a chunk; the cleaner's checkpoint has not moved past it.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// A place between two steps that a crash could separate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CrashPoint {
    Filed,
    Staged,
    Loaded,
}

impl CrashPoint {
    fn name(self) -> &'static str {
        match self {
            Self::Filed => "filed",
            Self::Staged => "staged",
            Self::Loaded => "loaded",
        }
    }
}

/// The armed point and on which arrival it stops.
fn armed() -> Option<&'static (String, u64)> {
    static ARMED: OnceLock<Option<(String, u64)>> = OnceLock::new();
    ARMED
        .get_or_init(|| {
            let spec = std::env::var("SKYBOARD_CRASH_POINT").ok()?;
            let (name, n) = spec.split_once(':').unwrap_or((&spec, "1"));
            Some((name.to_string(), n.parse().unwrap_or(1)))
        })
        .as_ref()
}

/// Marks that the process reached `point`; stops here if the environment asks to.
pub(super) fn reached(point: CrashPoint) {
    static ARRIVALS: AtomicU64 = AtomicU64::new(0);
    let Some((name, n)) = armed() else {
        return;
    };
    if name != point.name() || ARRIVALS.fetch_add(1, Ordering::SeqCst) + 1 != *n {
        return;
    }
    eprintln!("crash point {name} reached");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
