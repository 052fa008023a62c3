//! The event loop: terminal events, data snapshots, pipeline health and the clock, folded into
//! the state; a frame is drawn only when something visible changed.

use super::keys::{action_for, action_for_mouse};
use super::render::{BOARD_FIRST_ROW, MapMarker, render_with};
use super::state::{Action, AppState, update};
use super::terminal::TerminalGuard;
use super::theme::Theme;
use crossterm::event::{Event, EventStream};
use crossterm::{execute, terminal};
use futures::StreamExt;
use pipeline::clock::SharedClock;
use pipeline::runner::PipelineStatus;
use pipeline::warehouse::Warehouse;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

pub struct TuiContext {
    pub warehouse: Arc<dyn Warehouse>,
    pub clock: SharedClock,
    pub airport: String,
    pub source_label: String,
    pub theme: Theme,
    /// How the map is drawn (`--braille`, `--ascii`).
    pub marker: MapMarker,
    /// Mouse input (`--mouse`); off by default so the terminal's own selection keeps working.
    pub mouse: bool,
    /// The day the boards open on; `None`: today.
    pub day: Option<chrono::NaiveDate>,
    /// The warehouse backend, for the status bar.
    pub backend: String,
    /// The pipeline's status as its events move it, when it runs in this process.
    pub status: Option<watch::Receiver<PipelineStatus>>,
    /// Test hook: panic this long after the first frame.
    pub panic_after: Option<Duration>,
    /// The watched flights, kept in the data directory.
    pub watchlist: crate::watch::Watchlist,
    /// How a watched flight's change reaches the user beyond the status bar.
    pub alerts: crate::config::AlertsConfig,
    /// Which key does what.
    pub keymap: super::keymap::Keymap,
    /// Said in the status bar at the start (e.g. a watchlist file that could not be read).
    pub notice: Option<String>,
}

/// Runs the front end until the user quits or `shutdown` resolves.
pub async fn run(ctx: TuiContext, shutdown: impl std::future::Future<Output = &'static str>) -> std::io::Result<()> {
    let mut guard = TerminalGuard::enter(ctx.mouse)?;
    let mut state = AppState::new(&ctx.airport, &ctx.source_label, ctx.clock.now());
    state.backend = ctx.backend.clone();
    state.day = ctx.day;
    state.watching = super::state::Watching::new(ctx.watchlist.flights.clone());
    let mut watchlist = ctx.watchlist;
    state.notice = ctx.notice;
    state.keymap = Arc::new(ctx.keymap);
    if let Ok(size) = guard.terminal.size() {
        update(&mut state, Action::Resize { width: size.width, height: size.height });
    }
    let (wants_tx, wants_rx) = watch::channel(state.wants());
    let (data_tx, mut data_rx) = mpsc::channel::<Action>(8);
    let feed = tokio::spawn(super::feed::run(ctx.warehouse.clone(), ctx.clock.clone(), wants_rx, data_tx));
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut status = ctx.status;
    let panic_at = ctx.panic_after.map(|d| tokio::time::Instant::now() + d);
    tokio::pin!(shutdown);
    let mut dirty = true;
    let result = loop {
        if dirty {
            if let Err(e) = draw(&mut guard, &state, ctx.theme, ctx.marker) {
                break Err(e);
            }
            dirty = false;
        }
        if panic_at.is_some_and(|t| tokio::time::Instant::now() >= t) {
            panic!("test panic requested with --panic-after-ms");
        }
        let action = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(key))) => action_for(&state, key),
                Some(Ok(Event::Mouse(mouse))) if ctx.mouse => action_for_mouse(&state, mouse, BOARD_FIRST_ROW),
                Some(Ok(Event::Resize(width, height))) => {
                    dirty = true;
                    Some(Action::Resize { width, height })
                }
                Some(Ok(_)) => None,
                Some(Err(e)) => break Err(e),
                None => Some(Action::Quit),
            },
            Some(data) = data_rx.recv() => Some(data),
            changed = async { match status.as_mut() { Some(s) => s.changed().await, None => std::future::pending().await } } => {
                match changed {
                    Ok(()) => status.as_ref().map(|s| Action::Health(*s.borrow())),
                    Err(_) => { status = None; None }
                }
            }
            _ = tick.tick() => Some(Action::Tick(ctx.clock.now())),
            signal = &mut shutdown => {
                tracing::info!("{signal}: leaving the front end");
                Some(Action::Quit)
            }
        };
        if let Some(action) = action {
            dirty |= update(&mut state, action);
        }
        if state.watching.flights != watchlist.flights {
            watchlist.flights = state.watching.flights.clone();
            if let Err(e) = watchlist.save() {
                tracing::warn!("cannot keep the watchlist in {}: {e}", watchlist.path().display());
                state.notice = Some(format!("cannot keep the watchlist: {e}"));
                dirty = true;
            }
        }
        // The bell (and a desktop notification when configured), beside the frame.
        let sequences: String = std::mem::take(&mut state.watching.outbox)
            .iter()
            .map(|alert| ctx.alerts.escape_sequence(&alert.flight, &alert.text))
            .collect();
        if !sequences.is_empty() {
            let out = guard.terminal.backend_mut();
            if let Err(e) = out.write_all(sequences.as_bytes()).and_then(|()| out.flush()) {
                break Err(e);
            }
        }
        if state.quit {
            break Ok(());
        }
        let wants = state.wants();
        if wants != *wants_tx.borrow() {
            let _ = wants_tx.send(wants);
        }
    };
    feed.abort();
    drop(guard);
    result
}

/// One frame inside a synchronized update, so a slow link never shows half a frame.
fn draw(guard: &mut TerminalGuard, state: &AppState, theme: Theme, marker: MapMarker) -> std::io::Result<()> {
    execute!(guard.terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
    let drawn = guard.terminal.draw(|frame| render_with(frame, state, theme, marker)).map(|_| ());
    execute!(guard.terminal.backend_mut(), terminal::EndSynchronizedUpdate)?;
    drawn
}
