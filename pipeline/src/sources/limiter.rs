//! A client-side rate limiter: at most `per_second` calls in any one-second window, and at most
//! `per_hour` in any one-hour window. Over the per-second limit a caller waits; over the hourly
//! budget (or while the API told us to back off) the call is refused with the time to wait, so a
//! scheduler can move on instead of sleeping for an hour. Runs on tokio's clock, so tests drive it
//! with a paused clock.

use std::collections::VecDeque;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

const SECOND: Duration = Duration::from_secs(1);
const HOUR: Duration = Duration::from_secs(3600);

/// Call limits of one API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub per_second: u32,
    pub per_hour: u32,
}

impl RateLimits {
    /// The Lufthansa public plan: 5 calls/s and 1,000 calls/h (apis.md §1.3).
    pub const LUFTHANSA_PUBLIC: RateLimits = RateLimits { per_second: 5, per_hour: 1000 };
}

/// The call was not made: the hourly budget is spent or the API asked us to back off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("call budget exhausted; next call allowed in {}s", retry_in.as_secs())]
pub struct BudgetExhausted {
    pub retry_in: Duration,
}

#[derive(Debug, Default)]
struct Window {
    /// Start times of the calls of the last second and of the last hour.
    second: VecDeque<Instant>,
    hour: VecDeque<Instant>,
    blocked_until: Option<Instant>,
}

#[derive(Debug)]
pub struct RateLimiter {
    limits: RateLimits,
    window: Mutex<Window>,
}

impl RateLimiter {
    pub fn new(limits: RateLimits) -> Self {
        let limits = RateLimits { per_second: limits.per_second.max(1), per_hour: limits.per_hour.max(1) };
        Self { limits, window: Mutex::new(Window::default()) }
    }

    pub fn limits(&self) -> RateLimits {
        self.limits
    }

    /// Waits for a per-second slot and takes it, or refuses when the hourly budget is spent.
    pub async fn acquire(&self) -> Result<(), BudgetExhausted> {
        loop {
            let wait = {
                let mut w = self.window.lock().await;
                let now = Instant::now();
                while w.second.front().is_some_and(|t| now.duration_since(*t) >= SECOND) {
                    w.second.pop_front();
                }
                while w.hour.front().is_some_and(|t| now.duration_since(*t) >= HOUR) {
                    w.hour.pop_front();
                }
                if let Some(until) = w.blocked_until.filter(|u| *u > now) {
                    return Err(BudgetExhausted { retry_in: until - now });
                }
                if w.hour.len() >= self.limits.per_hour as usize {
                    let oldest = *w.hour.front().expect("a full window has a first call");
                    return Err(BudgetExhausted { retry_in: HOUR - now.duration_since(oldest) });
                }
                if w.second.len() < self.limits.per_second as usize {
                    w.second.push_back(now);
                    w.hour.push_back(now);
                    return Ok(());
                }
                SECOND - now.duration_since(*w.second.front().expect("a full window has a first call"))
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// Refuses every call for `pause` (the API said the longer-window quota is spent).
    pub async fn back_off(&self, pause: Duration) {
        let until = Instant::now() + pause;
        let mut w = self.window.lock().await;
        w.blocked_until = Some(w.blocked_until.map_or(until, |u| u.max(until)));
    }

    /// Calls left in the current hourly window (0 while backing off).
    pub async fn remaining_this_hour(&self) -> u32 {
        let w = self.window.lock().await;
        let now = Instant::now();
        if w.blocked_until.is_some_and(|u| u > now) {
            return 0;
        }
        let used = w.hour.iter().filter(|t| now.duration_since(**t) < HOUR).count() as u32;
        self.limits.per_hour.saturating_sub(used)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_100_keeps_to_5_per_second() {
        let limiter = Arc::new(RateLimiter::new(RateLimits::LUFTHANSA_PUBLIC));
        let start = Instant::now();
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let l = limiter.clone();
                tokio::spawn(async move {
                    l.acquire().await.unwrap();
                    Instant::now()
                })
            })
            .collect();
        let mut times = Vec::new();
        for t in tasks {
            times.push(t.await.unwrap());
        }
        times.sort();
        for pair in times.windows(6) {
            assert!(pair[5].duration_since(pair[0]) >= SECOND, "six calls within one second");
        }
        let took = times.last().unwrap().duration_since(start);
        assert!(took >= Duration::from_secs(19) && took < Duration::from_secs(21), "100 calls at 5/s: {took:?}");
        assert_eq!(limiter.remaining_this_hour().await, 900);
    }

    #[tokio::test(start_paused = true)]
    async fn the_hourly_budget_refuses_then_recovers() {
        let limiter = RateLimiter::new(RateLimits { per_second: 100, per_hour: 10 });
        for _ in 0..10 {
            limiter.acquire().await.unwrap();
        }
        let refused = limiter.acquire().await.unwrap_err();
        assert!(refused.retry_in > Duration::from_secs(3590) && refused.retry_in <= HOUR);
        tokio::time::advance(HOUR).await;
        limiter.acquire().await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn backing_off_refuses_until_the_pause_ends() {
        let limiter = RateLimiter::new(RateLimits::LUFTHANSA_PUBLIC);
        limiter.back_off(Duration::from_secs(600)).await;
        assert_eq!(limiter.acquire().await.unwrap_err().retry_in, Duration::from_secs(600));
        assert_eq!(limiter.remaining_this_hour().await, 0);
        tokio::time::advance(Duration::from_secs(600)).await;
        limiter.acquire().await.unwrap();
    }
}
