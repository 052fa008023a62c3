//! What an idle front end asks of the warehouse, counted on tokio's paused clock: no wall clock
//! and no CPU figure decide the outcome, so it is the same on any machine, however loaded. Over
//! ten idle minutes the feed reads the change counter once a second and reloads the boards every
//! 30 s, and asks for nothing else. (That an idle screen is redrawn only when a minute turns is
//! `tests/boards.rs::an_idle_screen_asks_for_a_redraw_only_when_a_minute_turns`; what one idle
//! second costs in CPU is the `idle_second` benchmark in `benches/board_render.rs`.)

mod support;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use pipeline::model::{
    Airline, AirlineDay, Airport, AirportStats, Board, BoardKind, DataFreshness, FlightDetail, FlightKey, FlightLeg,
    FlightMatch, MapAircraftRow, Position, SourceHealth,
};
use pipeline::reference::Reference;
use pipeline::warehouse::{
    BoardWindow, HistoryTable, LeaderLock, LoadBatch, LoadStats, PositionMatch, Table, Warehouse, WarehouseError,
};
use skyboard::tui::state::{Action, AppState};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// A warehouse in memory whose data never changes: it answers the board screen's reads at once
/// (no I/O, so the paused clock only moves when every task waits for a timer) and counts them;
/// any other read fails the test.
#[derive(Debug, Default)]
struct Unchanging {
    calls: Mutex<BTreeMap<&'static str, u32>>,
}

impl Unchanging {
    fn note(&self, what: &'static str) {
        *self.calls.lock().unwrap().entry(what).or_default() += 1;
    }

    fn calls(&self) -> BTreeMap<&'static str, u32> {
        self.calls.lock().unwrap().clone()
    }
}

fn not_idle(what: &str) -> ! {
    panic!("an idle board screen does not call Warehouse::{what}")
}

#[async_trait]
impl Warehouse for Unchanging {
    async fn migrate(&self) -> Result<(), WarehouseError> {
        not_idle("migrate")
    }
    async fn seed_reference(&self, _: &Reference) -> Result<(), WarehouseError> {
        not_idle("seed_reference")
    }
    async fn load(&self, _: &LoadBatch) -> Result<LoadStats, WarehouseError> {
        not_idle("load")
    }
    async fn claim_leadership(&self, _: &str) -> Result<i64, WarehouseError> {
        not_idle("claim_leadership")
    }
    async fn airport(&self, _: &str) -> Result<Option<Airport>, WarehouseError> {
        not_idle("airport")
    }
    async fn route(&self, _: &str, _: &str, _: BoardWindow) -> Result<Option<[Board; 2]>, WarehouseError> {
        Ok(None)
    }
    async fn board(&self, _: &str, kind: BoardKind, _: BoardWindow) -> Result<Option<Board>, WarehouseError> {
        self.note("board");
        Ok(Some(match kind {
            BoardKind::Departures => support::departures(),
            BoardKind::Arrivals => support::arrivals(),
        }))
    }
    async fn freshness(&self) -> Result<DataFreshness, WarehouseError> {
        self.note("freshness");
        Ok(DataFreshness { version: 7, newest_observation: Some(support::noon()) })
    }
    async fn source_health(&self) -> Result<Vec<SourceHealth>, WarehouseError> {
        self.note("source_health");
        Ok(Vec::new())
    }
    async fn count(&self, _: Table) -> Result<i64, WarehouseError> {
        not_idle("count")
    }
    async fn export_flights(&self, _: Option<&str>) -> Result<Vec<FlightLeg>, WarehouseError> {
        not_idle("export_flights")
    }
    async fn export_airports(&self) -> Result<Vec<Airport>, WarehouseError> {
        self.note("export_airports");
        Ok(Vec::new())
    }
    async fn fetched_airports(&self) -> Result<Vec<Airport>, WarehouseError> {
        not_idle("fetched_airports")
    }
    async fn export_airlines(&self) -> Result<Vec<Airline>, WarehouseError> {
        self.note("export_airlines");
        Ok(Vec::new())
    }
    async fn export_positions(&self) -> Result<Vec<Position>, WarehouseError> {
        not_idle("export_positions")
    }
    async fn position_for_flight(&self, _: &PositionMatch) -> Result<Option<Position>, WarehouseError> {
        not_idle("position_for_flight")
    }
    async fn airport_stats(&self, _: &str, _: NaiveDate) -> Result<Option<AirportStats>, WarehouseError> {
        not_idle("airport_stats")
    }
    async fn flight_detail(&self, _: &FlightKey, _: DateTime<Utc>) -> Result<Option<FlightDetail>, WarehouseError> {
        not_idle("flight_detail")
    }
    async fn map_positions(
        &self,
        _: DateTime<Utc>,
        _: chrono::Duration,
    ) -> Result<Vec<MapAircraftRow>, WarehouseError> {
        not_idle("map_positions")
    }
    async fn position_trail(&self, _: &str, _: DateTime<Utc>) -> Result<Vec<Position>, WarehouseError> {
        not_idle("position_trail")
    }
    async fn find_flights(&self, _: &str, _: DateTime<Utc>, _: u32) -> Result<Vec<FlightMatch>, WarehouseError> {
        not_idle("find_flights")
    }
    async fn find_airports(&self, _: &str, _: u32) -> Result<Vec<Airport>, WarehouseError> {
        not_idle("find_airports")
    }
    async fn find_airlines(&self, _: &str, _: u32) -> Result<Vec<Airline>, WarehouseError> {
        not_idle("find_airlines")
    }
    async fn airline_day(&self, _: &str, _: NaiveDate) -> Result<Option<AirlineDay>, WarehouseError> {
        not_idle("airline_day")
    }
    async fn places(
        &self,
        _: &pipeline::model::PlaceFilter,
        _: NaiveDate,
    ) -> Result<Vec<pipeline::model::PlaceTraffic>, WarehouseError> {
        not_idle("places")
    }
    async fn flight_for_position(&self, _: &Position) -> Result<Option<FlightKey>, WarehouseError> {
        not_idle("flight_for_position")
    }
    async fn schema_version(&self) -> Result<Option<i64>, WarehouseError> {
        not_idle("schema_version")
    }
    fn latest_schema_version(&self) -> i64 {
        not_idle("latest_schema_version")
    }
    fn leader_lock(&self) -> Box<dyn LeaderLock> {
        not_idle("leader_lock")
    }
    async fn prune_history(
        &self,
        _: HistoryTable,
        _: DateTime<Utc>,
        _: u32,
        _: Option<i64>,
    ) -> Result<u64, WarehouseError> {
        not_idle("prune_history")
    }
    async fn check_writable(&self) -> Result<(), WarehouseError> {
        not_idle("check_writable")
    }
    fn describe(&self) -> String {
        "unchanging (test)".into()
    }
}

#[tokio::test(start_paused = true)]
async fn an_idle_board_reads_the_change_counter_once_a_second_and_the_boards_every_30_s() {
    let warehouse = Arc::new(Unchanging::default());
    let clock: pipeline::clock::SharedClock = Arc::new(pipeline::clock::FixedClock::new(support::noon()));
    let state = AppState::new("FRA", "DEMO", support::noon());
    let (_wants_tx, wants) = watch::channel(state.wants());
    let (tx, mut rx) = mpsc::channel::<Action>(64);
    let feed = tokio::spawn(skyboard::tui::feed::run(warehouse.clone(), clock, wants, tx));
    // Ten minutes, and half a second: the feed's ticks fall on whole seconds from its start.
    tokio::time::sleep(Duration::from_millis(600_500)).await;
    feed.abort();
    let mut data = 0;
    let mut other = Vec::new();
    while let Ok(action) = rx.try_recv() {
        match action {
            Action::Data(_) => data += 1,
            Action::MapAirports(_) | Action::Operators(_) => {}
            a => other.push(format!("{a:?}")),
        }
    }
    // The boards at the start and every 30 s after it: 21 loads of both boards, each with its own
    // read of the change counter and of the sources' health; besides, one read of the counter a
    // tick: 601 ticks in 600.5 s (the first at once).
    let loads = 1 + 600 / 30;
    let want = BTreeMap::from([
        ("board", 2 * loads),
        ("export_airlines", 1),
        ("export_airports", 1),
        ("freshness", 601 + loads),
        ("source_health", loads),
    ]);
    assert_eq!(warehouse.calls(), want);
    assert_eq!(data, loads, "a board snapshot per load");
    assert!(other.is_empty(), "{other:?}");
}
