//! What the screens on the stack need from the warehouse: the feed loads exactly this.

use super::{AppState, Screen};
use pipeline::model::FlightKey;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wants {
    /// The airport whose boards are loaded (always).
    pub airport: String,
    /// Their local day, when not today (the live boards).
    pub day: Option<chrono::NaiveDate>,
    /// The airport page's statistics.
    pub stats: bool,
    pub flight: Option<FlightKey>,
    /// The route board's route.
    pub route: Option<super::Route>,
    /// The airline view's airline.
    pub airline: Option<String>,
    /// The place list's filter.
    pub places: Option<pipeline::model::PlaceFilter>,
    /// The watched legs (always: their changes alert on every screen).
    pub watchlist: Vec<pipeline::model::FlightKey>,
    /// Latest positions of every aircraft (the map, or a page that shows one).
    pub map: bool,
    /// The selected aircraft's trail.
    pub trail: Option<String>,
    /// The search box's text.
    pub search: Option<String>,
    /// An aircraft whose flight should be looked up.
    pub resolve: Option<String>,
}

pub fn for_state(state: &AppState) -> Wants {
    let on_stack = |s: Screen| state.screen == s || state.history.contains(&s);
    let map = state.screen == Screen::Map || state.screen == Screen::Airport;
    Wants {
        airport: state.airport.clone(),
        day: state.day_shown(),
        stats: state.screen == Screen::Airport,
        flight: state.flight.clone().filter(|_| on_stack(Screen::Flight)),
        route: state.route.clone().filter(|_| on_stack(Screen::Route)),
        airline: state.airline.clone().filter(|_| on_stack(Screen::Airline)),
        places: state.places.clone().filter(|_| on_stack(Screen::Places)),
        watchlist: state.watching.flights.clone(),
        map,
        trail: state.map.selected.clone().filter(|_| map && state.map.trails),
        search: state.search.as_ref().and_then(|s| s.query()),
        resolve: state.map.resolving.clone(),
    }
}
