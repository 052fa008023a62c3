//! The front end's only data source: the warehouse, polled cheaply for a change.

use super::state::BoardSnapshot;
use pipeline::clock::SharedClock;
use pipeline::model::BoardKind;
use pipeline::warehouse::{BoardWindow, Warehouse};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// How often the warehouse's change counter is read.
const POLL: Duration = Duration::from_secs(1);
/// Boards are re-read at least this often even without new data (flights age off them).
const REFRESH: Duration = Duration::from_secs(30);

/// Sends a snapshot of the selected airport's boards whenever the warehouse changes, the
/// airport changes, or `REFRESH` has passed. Ends when the receiver is gone.
pub async fn run(
    warehouse: Arc<dyn Warehouse>,
    clock: SharedClock,
    mut airport: watch::Receiver<String>,
    tx: mpsc::Sender<BoardSnapshot>,
) {
    let mut last: Option<(String, i64)> = None;
    let mut last_load = Instant::now();
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            changed = airport.changed() => if changed.is_err() { return },
        }
        let code = airport.borrow().clone();
        let freshness = match warehouse.freshness().await {
            Ok(f) => f,
            Err(e) => {
                tracing::warn!("board feed: {e}");
                continue;
            }
        };
        let key = (code.clone(), freshness.version);
        if last.as_ref() == Some(&key) && last_load.elapsed() < REFRESH {
            continue;
        }
        let window = BoardWindow::around(clock.now());
        let (departures, arrivals) = tokio::join!(
            warehouse.board(&code, BoardKind::Departures, window),
            warehouse.board(&code, BoardKind::Arrivals, window)
        );
        // Only on a change (or the refresh), so an idle board asks nothing more than the counter.
        let sources = warehouse.source_health().await.unwrap_or_else(|e| {
            tracing::warn!("board feed: {e}");
            Vec::new()
        });
        let (departures, arrivals) = match (departures, arrivals) {
            (Ok(d), Ok(a)) => (d, a),
            (Err(e), _) | (_, Err(e)) => {
                tracing::warn!("board feed: {e}");
                continue;
            }
        };
        last = Some(key);
        last_load = Instant::now();
        if tx.send(BoardSnapshot { airport: code, departures, arrivals, freshness, sources }).await.is_err() {
            return;
        }
    }
}
