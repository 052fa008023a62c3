//! Everything the front end shows, and the only function that changes it.
//!
//! Screens form a stack: a board, an airport page, a flight page and the world map open on top
//! of each other and `Esc` goes back. Data arrives as actions from the feed, which loads what
//! [`AppState::wants`] names.

mod airline;
mod board_view;
mod map_view;
mod operators;
mod places;
mod route;
mod search;
mod update;
mod wants;
mod watching;

pub use airline::AirlineSnapshot;
pub use board_view::{BoardView, Filter};
pub use map_view::{MapAction, MapState, Region, fit_route};
pub use operators::Operators;
pub use places::{PlaceSnapshot, country_prefix, describe as describe_places};
pub use route::{Route, RouteSnapshot};
pub use search::{SearchHit, SearchState};
pub use update::update;
pub use wants::Wants;
pub use watching::{ALERT_TICKS, Alert, Watching};

use chrono::{DateTime, NaiveDate, Utc};
use pipeline::model::{
    AirportStats, Board, BoardKind, DataFreshness, FlightDetail, FlightKey, MapAircraftRow, Position,
};

/// The latest boards for the selected airport, as the data feed delivers them.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardSnapshot {
    pub airport: String,
    /// The local day the boards are of; `None`: the live boards around now.
    pub day: Option<NaiveDate>,
    pub departures: Option<Board>,
    pub arrivals: Option<Board>,
    pub freshness: DataFreshness,
    /// Each source's newest fetch, good and bad, from the runs table.
    pub sources: Vec<pipeline::model::SourceHealth>,
}

/// What the status bar says about the pipeline: kept by the pipeline from its events (each
/// job's latest run), or made from one report (`PipelineHealth::from_report`).
pub type PipelineHealth = pipeline::runner::PipelineStatus;

/// The screens, each opened on top of the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Departures or arrivals of the selected airport.
    Board,
    /// The selected airport: facts, the day's statistics, both boards and its surroundings.
    Airport,
    /// One flight leg.
    Flight,
    /// The world map.
    Map,
    /// The legs between two airports ([`Route`]), as a board.
    Route,
    /// An airline's legs of the day across the airports ([`AirlineSnapshot`]).
    Airline,
    /// The watched flights ([`Watching`]).
    Watchlist,
    /// A country's or a city's airports ([`PlaceSnapshot`]).
    Places,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub airport: String,
    /// The local day the boards show (`[`, `]`, `--date`); `None`: today, live.
    pub day: Option<NaiveDate>,
    pub kind: BoardKind,
    pub screen: Screen,
    /// Screens to go back to, newest last.
    pub history: Vec<Screen>,
    pub snapshot: Option<BoardSnapshot>,
    /// The selection on the board or route board on screen.
    pub board: BoardView,
    /// The route board's route, and its legs once loaded.
    pub route: Option<Route>,
    pub route_boards: Option<RouteSnapshot>,
    /// The airline view's airline (its key), and its day once loaded.
    pub airline: Option<String>,
    pub airline_day: Option<AirlineSnapshot>,
    /// The place list's filter, and its airports once loaded.
    pub places: Option<pipeline::model::PlaceFilter>,
    pub place_list: Option<PlaceSnapshot>,
    /// My flights: the watchlist, its legs and their alerts.
    pub watching: Watching,
    pub stats: Option<AirportStats>,
    /// The flight page's leg, and its details once loaded.
    pub flight: Option<FlightKey>,
    pub detail: Option<FlightDetail>,
    pub map: MapState,
    pub search: Option<SearchState>,
    pub show_help: bool,
    /// A one-line notice (e.g. "no flight known for this aircraft"), cleared by the next key.
    pub notice: Option<String>,
    /// `DEMO` or `LIVE`.
    pub source_label: String,
    /// The warehouse backend, e.g. `sqlite` or `mysql`.
    pub backend: String,
    pub now: DateTime<Utc>,
    pub health: PipelineHealth,
    /// Operator names by ICAO designator, for callsigns.
    pub operators: Operators,
    /// Which key does what (the defaults, or the configuration's `[keys]`).
    pub keymap: std::sync::Arc<crate::tui::keymap::Keymap>,
    pub quit: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    Back,
    ToggleBoard,
    ShowBoard(BoardKind),
    /// `[` / `]`: the boards of the day before / after the one shown.
    StepDay(i64),
    /// `t`: back to today's live boards.
    Today,
    /// `r` on a route board: the other way.
    ReverseRoute,
    /// Move the board's selection (rows; a page is the screen's height).
    Scroll(isize),
    ScrollTop,
    ScrollBottom,
    /// The terminal's size (board rows per page, the map's area).
    Resize {
        width: u16,
        height: u16,
    },
    /// Enter on the screen: open the selected flight, airport or aircraft.
    Open,
    OpenAirportPage,
    OpenMap,
    ToggleHelp,
    CloseOverlay,
    /// `/`: type a board filter.
    StartFilter,
    StartSearch,
    /// A character typed into the filter or the search box.
    Input(char),
    Backspace,
    /// Tab in the search box: complete to the selected result.
    Complete,
    /// Up/down in the search box.
    SearchSelect(isize),
    Map(MapAction),
    /// A click on a board row (index among the rows on screen).
    ClickRow(usize),
    Tick(DateTime<Utc>),
    Data(Box<BoardSnapshot>),
    RouteData(Box<RouteSnapshot>),
    AirlineData(Box<AirlineSnapshot>),
    PlacesData(Box<PlaceSnapshot>),
    /// `w`: watch the selected or shown flight, or stop watching it.
    ToggleWatch,
    /// `W`: the watchlist.
    OpenWatchlist,
    /// The watched legs as the warehouse holds them (`None`: not there).
    Watched(Vec<(FlightKey, Option<Box<FlightDetail>>)>),
    Stats(Box<AirportStats>),
    Detail(Box<FlightDetail>),
    /// The flight the page asked for does not exist (any more).
    DetailMissing(FlightKey),
    MapData(Vec<MapAircraftRow>),
    /// Airports to mark on the map (once, at start).
    MapAirports(Vec<crate::tui::render::map::MapAirport>),
    Operators(Operators),
    Trail {
        icao24: String,
        points: Vec<Position>,
    },
    SearchResults {
        query: String,
        hits: Vec<SearchHit>,
    },
    /// The flight the selected aircraft is flying, or `None` if none is known.
    FlightOfAircraft {
        icao24: String,
        flight: Option<FlightKey>,
    },
    Health(PipelineHealth),
}

impl AppState {
    pub fn new(airport: &str, source_label: &str, now: DateTime<Utc>) -> Self {
        Self {
            airport: airport.to_string(),
            day: None,
            kind: BoardKind::Departures,
            screen: Screen::Board,
            history: Vec::new(),
            snapshot: None,
            board: BoardView::default(),
            route: None,
            route_boards: None,
            airline: None,
            airline_day: None,
            places: None,
            place_list: None,
            watching: Watching::default(),
            stats: None,
            flight: None,
            detail: None,
            map: MapState::default(),
            search: None,
            show_help: false,
            notice: None,
            source_label: source_label.to_string(),
            backend: String::new(),
            now,
            health: PipelineHealth::default(),
            operators: Operators::default(),
            keymap: Default::default(),
            quit: false,
        }
    }

    /// Everything on screen that moves with the clock alone: the minute, the data's age and
    /// the sources' ages.
    fn clock_texts(&self) -> Vec<String> {
        let mut texts = vec![(self.now.timestamp().div_euclid(60)).to_string()];
        if let Some(snapshot) = &self.snapshot {
            texts.extend(snapshot.freshness.newest_observation.map(|t| age(self.now, t)));
            texts.extend(
                snapshot.sources.iter().flat_map(|s| [s.last_ok, s.last_error]).flatten().map(|t| age(self.now, t)),
            );
        }
        if let Some(p) = self.detail.as_ref().and_then(|d| d.position.as_ref()) {
            texts.push(age(self.now, p.observed_at));
        }
        texts
    }

    /// The board on screen (an airport's or a route's), if its data has arrived.
    pub fn board(&self) -> Option<&Board> {
        match self.screen {
            Screen::Route => self.route_board(self.kind),
            _ => self.board_of(self.kind),
        }
    }

    /// The route board's legs by departure or by arrival, if they have arrived.
    pub fn route_board(&self, kind: BoardKind) -> Option<&Board> {
        let snap = self
            .route_boards
            .as_ref()
            .filter(|s| Some(&s.route) == self.route.as_ref() && s.day == self.day_shown())?;
        let [departures, arrivals] = snap.boards.as_ref()?;
        Some(match kind {
            BoardKind::Departures => departures,
            BoardKind::Arrivals => arrivals,
        })
    }

    /// Whether the screen on top shows a board's rows (an airport's or a route's).
    pub fn on_a_board(&self) -> bool {
        matches!(self.screen, Screen::Board | Screen::Route)
    }

    pub fn board_of(&self, kind: BoardKind) -> Option<&Board> {
        let snap = self.snapshot.as_ref().filter(|s| s.airport == self.airport && s.day == self.day_shown())?;
        match kind {
            BoardKind::Departures => snap.departures.as_ref(),
            BoardKind::Arrivals => snap.arrivals.as_ref(),
        }
    }

    /// Today at the airport shown (in UTC until its boards have said where it is).
    pub fn local_today(&self) -> NaiveDate {
        let tz = self
            .snapshot
            .as_ref()
            .filter(|s| s.airport == self.airport)
            .and_then(|s| s.departures.as_ref().or(s.arrivals.as_ref()))
            .map_or(chrono_tz::UTC, |b| b.airport.tz);
        self.now.with_timezone(&tz).date_naive()
    }

    /// The day the boards show when it is not today; `None` for today's live boards.
    pub fn day_shown(&self) -> Option<NaiveDate> {
        self.day.filter(|d| *d != self.local_today())
    }

    /// Indices of the rows on screen: the board rows the filter lets through, in board order,
    /// or the airline view's legs.
    pub fn visible_rows(&self) -> Vec<usize> {
        match self.screen {
            Screen::Airline => return (0..self.airline_shown().map_or(0, |d| d.legs.len())).collect(),
            Screen::Watchlist => return (0..self.watching.flights.len()).collect(),
            Screen::Places => return (0..self.places_shown().map_or(0, <[_]>::len)).collect(),
            _ => {}
        }
        self.board().map(|b| self.board.filter.apply(b, self.kind)).unwrap_or_default()
    }

    /// The airline view's day, if it has arrived for the airline and the day shown.
    pub fn airline_shown(&self) -> Option<&pipeline::model::AirlineDay> {
        let snap = self.airline_day.as_ref()?;
        (Some(&snap.code) == self.airline.as_ref() && snap.day == self.day_shown()).then_some(snap.data.as_ref())?
    }

    /// The place list's airports, if they have arrived for the filter and the day shown.
    pub fn places_shown(&self) -> Option<&[pipeline::model::PlaceTraffic]> {
        let snap = self.place_list.as_ref()?;
        (Some(&snap.filter) == self.places.as_ref() && snap.day == self.day_shown()).then_some(snap.places.as_slice())
    }

    /// Whether the screen on top lists rows to select and open (a board, a route, an airline,
    /// the watchlist, a place list).
    pub fn lists_rows(&self) -> bool {
        self.on_a_board() || matches!(self.screen, Screen::Airline | Screen::Watchlist | Screen::Places)
    }

    /// The leg of the selected row (on a screen that lists them) or of the flight page.
    pub fn selected_leg(&self) -> Option<FlightKey> {
        if self.screen == Screen::Flight {
            return self.flight.clone();
        }
        let selected = *self.visible_rows().get(self.board.selected)?;
        match self.screen {
            Screen::Board | Screen::Route => self.board()?.rows.get(selected).map(|r| r.key.clone()),
            Screen::Airline => self.airline_shown()?.legs.get(selected).map(|l| l.row.key.clone()),
            Screen::Watchlist => self.watching.flights.get(selected).cloned(),
            Screen::Airport | Screen::Flight | Screen::Map | Screen::Places => None,
        }
    }

    /// The data the screens on the stack need, for the feed.
    pub fn wants(&self) -> Wants {
        wants::for_state(self)
    }

    fn open(&mut self, screen: Screen) {
        if self.screen != screen {
            self.history.push(self.screen);
            self.screen = screen;
        }
    }

    fn go_to_airport(&mut self, iata: &str) {
        if self.airport != iata {
            self.airport = iata.to_string();
            self.stats = None;
            self.board = BoardView::default();
        }
        self.open(Screen::Airport);
    }

    fn open_route(&mut self, route: Route) {
        self.route = Some(route);
        self.kind = BoardKind::Departures;
        self.board = BoardView { page: self.board.page, ..BoardView::default() };
        self.open(Screen::Route);
    }

    fn open_airline(&mut self, code: String) {
        self.airline = Some(code);
        self.board = BoardView { page: self.board.page, ..BoardView::default() };
        self.open(Screen::Airline);
    }

    fn open_places(&mut self, filter: pipeline::model::PlaceFilter) {
        self.places = Some(filter);
        self.board = BoardView { page: self.board.page, ..BoardView::default() };
        self.open(Screen::Places);
    }

    fn open_flight(&mut self, key: FlightKey) {
        if self.flight.as_ref() != Some(&key) {
            self.detail = None;
        }
        self.flight = Some(key);
        self.open(Screen::Flight);
    }
}

/// `<1m`, `4m`, `2h05m`, `3d`: an age as the status bar shows it. Minutes at most, so an idle
/// screen changes once a minute rather than every second.
pub fn age(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let s = (now - then).num_seconds().max(0);
    match s {
        0..60 => "<1m".to_string(),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d", s / 86400),
    }
}

#[cfg(test)]
mod tests;
