//! Time as a dependency: domain code never reads the wall clock directly.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

/// A source of "now". Production uses [`SystemClock`]; tests use [`FixedClock`]; the demo can
/// run faster than real time with [`ScaledClock`].
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

pub type SharedClock = Arc<dyn Clock>;

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until told to move.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A [`FixedClock`] that also moves a millisecond at every reading, so no two events read the
/// same instant (tests that need every fetch time distinct, as on a real machine).
#[derive(Debug)]
pub struct TickingClock {
    pub base: FixedClock,
    ticks: std::sync::atomic::AtomicI64,
}

impl TickingClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self { base: FixedClock::new(at), ticks: std::sync::atomic::AtomicI64::new(0) }
    }
}

impl Clock for TickingClock {
    fn now(&self) -> DateTime<Utc> {
        let tick = self.ticks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.base.now() + chrono::Duration::milliseconds(tick)
    }
}

/// Real time, sped up by `speed` from a starting instant (the demo's `--demo-speed`).
#[derive(Debug)]
pub struct ScaledClock {
    origin: DateTime<Utc>,
    started: std::time::Instant,
    speed: f64,
}

impl ScaledClock {
    pub fn new(origin: DateTime<Utc>, speed: f64) -> Self {
        Self { origin, started: std::time::Instant::now(), speed: speed.max(0.0) }
    }
}

impl Clock for ScaledClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = self.started.elapsed().as_secs_f64() * self.speed;
        self.origin + chrono::Duration::milliseconds((elapsed * 1000.0) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
        let c = FixedClock::new(t0);
        assert_eq!(c.now(), t0);
        c.advance(chrono::Duration::minutes(5));
        assert_eq!(c.now(), t0 + chrono::Duration::minutes(5));
    }

    #[test]
    fn scaled_clock_runs_faster() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
        let c = ScaledClock::new(t0, 1000.0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(c.now() - t0 >= chrono::Duration::seconds(10));
    }
}
