//! The front end's only data source: the warehouse, polled cheaply for a change. It loads what
//! the screens want ([`Wants`]) when the wants change or the warehouse does, and nothing else.

use super::render::map::MapAirport;
use super::state::{
    Action, AirlineSnapshot, BoardSnapshot, Operators, PlaceSnapshot, Route, RouteSnapshot, SearchHit, Wants,
    country_prefix,
};
use chrono::{DateTime, Utc};
use pipeline::clock::SharedClock;
use pipeline::model::{BoardKind, PlaceFilter};
use pipeline::reference::Reference;
use pipeline::warehouse::{BoardWindow, Warehouse, WarehouseError};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

/// How often the warehouse's change counter is read.
const POLL: Duration = Duration::from_secs(1);
/// Boards are re-read at least this often even without new data (flights age off them).
const REFRESH: Duration = Duration::from_secs(30);
/// Positions older than this are not drawn on the map.
pub const MAP_MAX_AGE: chrono::Duration = chrono::Duration::minutes(15);
/// Completions the search box offers.
const SEARCH_LIMIT: u32 = 12;
/// Airlines among them (names repeat: the reference data keeps defunct airlines too).
const AIRLINE_LIMIT: u32 = 3;

/// Sends actions with fresh data whenever the warehouse changes, the wants change, or
/// `REFRESH` has passed. Ends when the receiver is gone.
pub async fn run(
    warehouse: Arc<dyn Warehouse>,
    clock: SharedClock,
    mut wants: watch::Receiver<Wants>,
    tx: mpsc::Sender<Action>,
) {
    if let Ok(airports) = map_airports(warehouse.as_ref()).await
        && tx.send(Action::MapAirports(airports)).await.is_err()
    {
        return;
    }
    if let Ok(names) = operators(warehouse.as_ref()).await
        && tx.send(Action::Operators(names)).await.is_err()
    {
        return;
    }
    let mut loaded: Option<(Wants, i64)> = None;
    let mut last_load = Instant::now();
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            changed = wants.changed() => if changed.is_err() { return },
        }
        let want = wants.borrow_and_update().clone();
        let version = match warehouse.freshness().await {
            Ok(f) => f.version,
            Err(e) => {
                tracing::warn!("front end feed: {e}");
                continue;
            }
        };
        let stale = last_load.elapsed() >= REFRESH;
        let changed_parts = match &loaded {
            Some((before, v)) if *v == version && !stale => Parts::between(before, &want),
            _ => Parts::ALL,
        };
        if changed_parts.is_empty() {
            continue;
        }
        match load(warehouse.as_ref(), &want, changed_parts, clock.now()).await {
            Ok(actions) => {
                for action in actions {
                    if tx.send(action).await.is_err() {
                        return;
                    }
                }
                if changed_parts.boards || stale {
                    last_load = Instant::now();
                }
                loaded = Some((want, version));
            }
            Err(e) => tracing::warn!("front end feed: {e}"),
        }
    }
}

/// Which parts of the wants need loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub boards: bool,
    pub stats: bool,
    pub flight: bool,
    pub route: bool,
    pub airline: bool,
    pub watchlist: bool,
    pub places: bool,
    pub map: bool,
    pub trail: bool,
    pub search: bool,
    pub resolve: bool,
}

impl Parts {
    pub const ALL: Parts = Parts {
        boards: true,
        stats: true,
        flight: true,
        route: true,
        airline: true,
        watchlist: true,
        places: true,
        map: true,
        trail: true,
        search: true,
        resolve: true,
    };

    /// With unchanged data: only what the wants added or changed.
    fn between(before: &Wants, now: &Wants) -> Parts {
        Parts {
            boards: before.airport != now.airport || before.day != now.day,
            stats: now.stats && (!before.stats || before.airport != now.airport || before.day != now.day),
            flight: now.flight.is_some() && before.flight != now.flight,
            route: now.route.is_some() && (before.route != now.route || before.day != now.day),
            airline: now.airline.is_some() && (before.airline != now.airline || before.day != now.day),
            watchlist: !now.watchlist.is_empty() && before.watchlist != now.watchlist,
            places: now.places.is_some() && (before.places != now.places || before.day != now.day),
            map: now.map && !before.map,
            trail: now.trail.is_some() && before.trail != now.trail,
            search: now.search.is_some() && before.search != now.search,
            resolve: now.resolve.is_some() && before.resolve != now.resolve,
        }
    }

    fn is_empty(self) -> bool {
        self == Parts {
            boards: false,
            stats: false,
            flight: false,
            route: false,
            airline: false,
            watchlist: false,
            places: false,
            map: false,
            trail: false,
            search: false,
            resolve: false,
        }
    }
}

/// Loads the wanted parts and returns them as actions for the state.
pub async fn load(
    warehouse: &dyn Warehouse,
    want: &Wants,
    parts: Parts,
    now: DateTime<Utc>,
) -> Result<Vec<Action>, WarehouseError> {
    let mut actions = Vec::new();
    let tz = if want.day.is_some()
        || (want.stats && parts.stats)
        || (want.airline.is_some() && parts.airline)
        || (want.places.is_some() && parts.places)
    {
        warehouse.airport(&want.airport).await?.map(|a| a.tz)
    } else {
        None
    };
    if parts.boards {
        let window = match (want.day, tz) {
            (Some(day), Some(tz)) => BoardWindow::local_day(tz, day),
            _ => BoardWindow::around(now),
        };
        let freshness = warehouse.freshness().await?;
        let departures = warehouse.board(&want.airport, BoardKind::Departures, window).await?;
        let arrivals = warehouse.board(&want.airport, BoardKind::Arrivals, window).await?;
        let sources = warehouse.source_health().await?;
        let snapshot =
            BoardSnapshot { airport: want.airport.clone(), day: want.day, departures, arrivals, freshness, sources };
        actions.push(Action::Data(Box::new(snapshot)));
    }
    if want.stats
        && parts.stats
        && let Some(tz) = tz
        && let Some(stats) =
            warehouse.airport_stats(&want.airport, want.day.unwrap_or(now.with_timezone(&tz).date_naive())).await?
    {
        actions.push(Action::Stats(Box::new(stats)));
    }
    if let Some(key) = want.flight.as_ref().filter(|_| parts.flight) {
        actions.push(match warehouse.flight_detail(key, now).await? {
            Some(detail) => Action::Detail(Box::new(detail)),
            None => Action::DetailMissing(key.clone()),
        });
    }
    if let Some(route) = want.route.as_ref().filter(|_| parts.route) {
        // The route's day is the origin's local day.
        let tz = warehouse.airport(&route.from).await?.map_or(chrono_tz::UTC, |a| a.tz);
        let day = want.day.unwrap_or_else(|| now.with_timezone(&tz).date_naive());
        let boards = warehouse.route(&route.from, &route.to, BoardWindow::local_day(tz, day)).await?;
        actions.push(Action::RouteData(Box::new(RouteSnapshot { route: route.clone(), day: want.day, boards })));
    }
    if let Some(code) = want.airline.as_ref().filter(|_| parts.airline) {
        // The airline's day is the day shown at the airport on the boards.
        let day = want.day.unwrap_or_else(|| now.with_timezone(&tz.unwrap_or(chrono_tz::UTC)).date_naive());
        let data = warehouse.airline_day(code, day).await?;
        actions.push(Action::AirlineData(Box::new(AirlineSnapshot { code: code.clone(), day: want.day, data })));
    }
    if let Some(filter) = want.places.as_ref().filter(|_| parts.places) {
        // Each airport's own local day of the date shown at the boards' airport.
        let day = want.day.unwrap_or_else(|| now.with_timezone(&tz.unwrap_or(chrono_tz::UTC)).date_naive());
        let places = warehouse.places(filter, day).await?;
        actions.push(Action::PlacesData(Box::new(PlaceSnapshot { filter: filter.clone(), day: want.day, places })));
    }
    if parts.watchlist && !want.watchlist.is_empty() {
        let mut rows = Vec::with_capacity(want.watchlist.len());
        for key in &want.watchlist {
            rows.push((key.clone(), warehouse.flight_detail(key, now).await?.map(Box::new)));
        }
        actions.push(Action::Watched(rows));
    }
    if want.map && parts.map {
        actions.push(Action::MapData(warehouse.map_positions(now, MAP_MAX_AGE).await?));
    }
    if let Some(icao24) = want.trail.as_ref().filter(|_| parts.trail) {
        let points = warehouse.position_trail(icao24, now - chrono::Duration::hours(2)).await?;
        actions.push(Action::Trail { icao24: icao24.clone(), points });
    }
    if let Some(query) = want.search.as_ref().filter(|_| parts.search) {
        actions.push(Action::SearchResults { query: query.clone(), hits: search(warehouse, query, now).await? });
    }
    if let Some(icao24) = want.resolve.as_ref().filter(|_| parts.resolve) {
        let positions = warehouse.map_positions(now, MAP_MAX_AGE).await?;
        let flight = match positions.iter().find(|r| &r.position.icao24 == icao24) {
            Some(row) => warehouse.flight_for_position(&row.position).await?,
            None => None,
        };
        actions.push(Action::FlightOfAircraft { icao24: icao24.clone(), flight });
    }
    Ok(actions)
}

/// A route or a place list first (two airport codes the warehouse knows; `country:DE`, a
/// country's name, a city several airports serve), then an airport by its code, an
/// airline by its two-character IATA code, the other airports (codes and cities are what people
/// type), the other airlines (by a three-letter ICAO code, which airport codes often are too,
/// or by name), then flights.
async fn search(warehouse: &dyn Warehouse, query: &str, now: DateTime<Utc>) -> Result<Vec<SearchHit>, WarehouseError> {
    let mut hits = Vec::new();
    if let Some(route) = Route::parse(query)
        && let (Some(from), Some(to)) = (warehouse.airport(&route.from).await?, warehouse.airport(&route.to).await?)
    {
        hits.push(SearchHit::Route(route, Box::new([from, to])));
    }
    let country = country_prefix(query).or_else(|| Reference::country_code(query).map(str::to_string));
    if let Some(code) = country.filter(|c| Reference::country_name(c).is_some()) {
        hits.push(SearchHit::Places(PlaceFilter::Country(code)));
    }
    let code = query.trim().to_uppercase();
    let is_code = |iata: &Option<String>, icao: &Option<String>| {
        iata.as_deref() == Some(code.as_str()) || icao.as_deref() == Some(code.as_str())
    };
    let (airports_by_code, airports): (Vec<_>, Vec<_>) =
        warehouse.find_airports(query, SEARCH_LIMIT).await?.into_iter().partition(|a| is_code(&a.iata, &a.icao));
    let (airlines_by_code, airlines): (Vec<_>, Vec<_>) =
        warehouse.find_airlines(query, AIRLINE_LIMIT).await?.into_iter().partition(|a| is_code(&a.iata, &None));
    // A city several airports with scheduled routes serve (London; not Munich, whose rail
    // stations the reference data lists too): all of its places.
    let city = query.trim().to_lowercase();
    let serves = |a: &&pipeline::model::Airport| {
        let routes = a.iata.as_deref().is_some_and(|code| routes_per_airport().contains_key(code));
        routes && a.city.as_deref().is_some_and(|c| c.to_lowercase() == city)
    };
    let of_city = airports_by_code.iter().chain(&airports).filter(serves).count();
    if of_city >= 2 {
        hits.insert(0, SearchHit::Places(PlaceFilter::City(query.trim().to_string())));
    }
    hits.extend(airports_by_code.into_iter().map(SearchHit::Airport));
    hits.extend(airlines_by_code.into_iter().map(SearchHit::Airline));
    hits.extend(airports.into_iter().map(SearchHit::Airport));
    hits.extend(airlines.into_iter().map(SearchHit::Airline));
    let room = SEARCH_LIMIT.saturating_sub(hits.len() as u32).max(4);
    hits.extend(warehouse.find_flights(query, now, room).await?.into_iter().map(SearchHit::Flight));
    Ok(hits)
}

/// Operator names for callsigns: the warehouse's airlines, ICAO-only operators included.
pub async fn operators(warehouse: &dyn Warehouse) -> Result<Operators, WarehouseError> {
    Ok(Operators::from_airlines(warehouse.export_airlines().await?))
}

/// Airports the map marks: the places the warehouse knows that have an ICAO location indicator,
/// which only aerodromes have (rail stations and ferry ports with IATA codes are places of the
/// boards, not of the map), ICAO-only airfields included. Largest first (by the routes the
/// reference data lists from and to each), so the map labels the important ones when room is short.
pub async fn map_airports(warehouse: &dyn Warehouse) -> Result<Vec<MapAirport>, WarehouseError> {
    Ok(map_airports_of(warehouse.export_airports().await?))
}

/// As [`map_airports`], of airports at hand.
pub fn map_airports_of(airports: impl IntoIterator<Item = pipeline::model::Airport>) -> Vec<MapAirport> {
    let mut airports: Vec<(usize, MapAirport)> = airports
        .into_iter()
        .filter(|a| a.icao.is_some())
        .map(|a| {
            let size = a.iata.as_deref().and_then(|code| routes_per_airport().get(code)).copied().unwrap_or(0);
            (size, MapAirport { lat: a.lat, lon: a.lon, code: a.code().to_string() })
        })
        .collect();
    airports.sort_by(|(a_size, a), (b_size, b)| b_size.cmp(a_size).then_with(|| a.code.cmp(&b.code)));
    airports.into_iter().map(|(_, a)| a).collect()
}

/// How many routes of the reference data start or end at each airport (IATA code).
fn routes_per_airport() -> &'static std::collections::HashMap<String, usize> {
    static COUNTS: std::sync::OnceLock<std::collections::HashMap<String, usize>> = std::sync::OnceLock::new();
    COUNTS.get_or_init(|| {
        let mut counts = std::collections::HashMap::new();
        for route in pipeline::reference::Reference::embedded_routes() {
            for code in [&route.origin, &route.destination] {
                *counts.entry(code.clone()).or_insert(0) += 1;
            }
        }
        counts
    })
}
