//! The event loop: terminal events, data snapshots, pipeline health and the clock, folded into
//! the state; a frame is drawn only when something visible changed.

use super::keys::action_for;
use super::render::{render, visible_rows};
use super::state::{Action, AppState, BoardSnapshot, PipelineHealth, update};
use super::terminal::TerminalGuard;
use super::theme::Theme;
use crossterm::event::{Event, EventStream};
use crossterm::{execute, terminal};
use futures::StreamExt;
use pipeline::clock::SharedClock;
use pipeline::runner::CycleReport;
use pipeline::warehouse::Warehouse;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

pub struct TuiContext {
    pub warehouse: Arc<dyn Warehouse>,
    pub clock: SharedClock,
    pub airport: String,
    pub source_label: String,
    pub theme: Theme,
    /// The pipeline's cycle reports, when it runs in this process.
    pub reports: Option<watch::Receiver<Option<CycleReport>>>,
    /// Test hook: panic this long after the first frame.
    pub panic_after: Option<Duration>,
}

/// Runs the front end until the user quits or `shutdown` resolves.
pub async fn run(ctx: TuiContext, shutdown: impl std::future::Future<Output = &'static str>) -> std::io::Result<()> {
    let mut guard = TerminalGuard::enter()?;
    let (airport_tx, airport_rx) = watch::channel(ctx.airport.clone());
    let (data_tx, mut data_rx) = mpsc::channel::<BoardSnapshot>(4);
    let feed = tokio::spawn(super::feed::run(ctx.warehouse.clone(), ctx.clock.clone(), airport_rx, data_tx));
    let mut state = AppState::new(&ctx.airport, &ctx.source_label, ctx.clock.now());
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut reports = ctx.reports;
    let panic_at = ctx.panic_after.map(|d| tokio::time::Instant::now() + d);
    tokio::pin!(shutdown);
    let mut dirty = true;
    let result = loop {
        if dirty {
            if let Err(e) = draw(&mut guard, &state, ctx.theme) {
                break Err(e);
            }
            dirty = false;
        }
        if panic_at.is_some_and(|t| tokio::time::Instant::now() >= t) {
            panic!("test panic requested with --panic-after-ms");
        }
        let page = visible_rows(guard.terminal.size().map(|s| s.height).unwrap_or(24)) as isize;
        let action = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(key))) => action_for(key, page),
                Some(Ok(Event::Resize(..))) => {
                    dirty = true;
                    None
                }
                Some(Ok(_)) => None,
                Some(Err(e)) => break Err(e),
                None => Some(Action::Quit),
            },
            Some(snapshot) = data_rx.recv() => Some(Action::Data(Box::new(snapshot))),
            changed = async { match reports.as_mut() { Some(r) => r.changed().await, None => std::future::pending().await } } => {
                match changed {
                    Ok(()) => reports.as_ref().and_then(|r| r.borrow().as_ref().map(PipelineHealth::from_report)).map(Action::Health),
                    Err(_) => { reports = None; None }
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
        if state.quit {
            break Ok(());
        }
        if let Some(code) = Some(state.airport.clone()).filter(|a| *a != *airport_tx.borrow()) {
            let _ = airport_tx.send(code);
        }
    };
    feed.abort();
    drop(guard);
    result
}

/// One frame inside a synchronized update, so a slow link never shows half a frame.
fn draw(guard: &mut TerminalGuard, state: &AppState, theme: Theme) -> std::io::Result<()> {
    execute!(guard.terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
    let drawn = guard.terminal.draw(|frame| render(frame, state, theme)).map(|_| ());
    execute!(guard.terminal.backend_mut(), terminal::EndSynchronizedUpdate)?;
    drawn
}
