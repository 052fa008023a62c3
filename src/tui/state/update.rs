//! The only function that changes the front end's state: one action in, whether anything
//! visible changed out.

use super::*;

/// Applies one action. Returns whether anything visible changed.
pub fn update(state: &mut AppState, action: Action) -> bool {
    let had_notice = state.notice.take().is_some();
    let changed = match action {
        // Typing goes to the open search box or filter first.
        Action::Input(c) => input(state, c),
        Action::Backspace => backspace(state),
        Action::Quit => {
            state.quit = true;
            false
        }
        Action::Back => back(state),
        Action::ToggleBoard => {
            state.kind = state.kind.toggle();
            state.board.reset_selection();
            if !state.on_a_board() {
                state.open(Screen::Board);
            }
            true
        }
        Action::ShowBoard(kind) => {
            let moved = state.kind != kind || !state.on_a_board();
            if state.kind != kind {
                state.kind = kind;
                state.board.reset_selection();
            }
            if !state.on_a_board() {
                state.open(Screen::Board);
            }
            moved
        }
        Action::ReverseRoute => match state.route.as_ref().filter(|_| state.screen == Screen::Route) {
            Some(route) => {
                state.route = Some(route.reversed());
                state.board.reset_selection();
                true
            }
            None => false,
        },
        Action::StepDay(by) => {
            let day = state.day_shown().unwrap_or_else(|| state.local_today()) + chrono::Duration::days(by);
            set_day(state, Some(day))
        }
        Action::Today => set_day(state, None),
        Action::Scroll(by) => match state.screen {
            Screen::Board | Screen::Route | Screen::Airline | Screen::Watchlist | Screen::Places => {
                let rows = state.visible_rows().len();
                state.board.move_by(by, rows)
            }
            Screen::Map => map_view::update(state, MapAction::Cycle(by.signum())),
            _ => false,
        },
        Action::ScrollTop => state.board.move_by(isize::MIN / 2, state.visible_rows().len()),
        Action::ScrollBottom => state.board.move_by(isize::MAX / 2, state.visible_rows().len()),
        Action::Resize { width, height } => {
            let area = ratatui::layout::Rect::new(0, 0, width, height);
            let map_area = crate::tui::render::map_area(area);
            let moved = std::mem::replace(&mut state.map.area, map_area) != map_area;
            let rows = state.visible_rows().len();
            state.board.resize(crate::tui::render::visible_rows(height), rows) || moved
        }
        Action::ClickRow(on_screen) => {
            let rows = state.visible_rows().len();
            let target = state.board.first + on_screen;
            if state.lists_rows() && target < rows {
                if target == state.board.selected {
                    return open(state) || had_notice;
                }
                let by = target as isize - state.board.selected as isize;
                state.board.move_by(by, rows)
            } else {
                false
            }
        }
        Action::Open => open(state),
        Action::OpenAirportPage => {
            state.open(Screen::Airport);
            true
        }
        Action::OpenMap => map_view::open_for_screen(state),
        Action::ToggleHelp => {
            state.show_help = !state.show_help;
            true
        }
        Action::CloseOverlay => {
            let closed = state.show_help || state.search.is_some() || state.board.filter.editing;
            state.show_help = false;
            state.search = None;
            state.board.filter.editing = false;
            closed
        }
        Action::StartFilter => {
            if !state.on_a_board() {
                state.open(Screen::Board);
            }
            state.board.filter.editing = true;
            true
        }
        Action::StartSearch => {
            state.search = Some(SearchState::default());
            true
        }
        Action::Complete => state.search.as_mut().is_some_and(SearchState::complete),
        Action::SearchSelect(by) => state.search.as_mut().is_some_and(|s| s.select(by)),
        Action::Map(a) => map_view::update(state, a),
        Action::Tick(now) => {
            // Redraw only when a text on screen moved: the clock and the ages show minutes, so
            // an idle screen changes once a minute (and when an alert leaves the status bar).
            let before = state.clock_texts();
            state.now = now;
            let alert_gone = state.watching.tick();
            state.clock_texts() != before || alert_gone
        }
        Action::ToggleWatch => match state.selected_leg() {
            Some(key) => {
                let name = crate::watch::changes::flight_name(&key);
                let watched = state.watching.toggle(&key);
                if state.screen == Screen::Watchlist {
                    let rows = state.visible_rows().len();
                    state.board.clamp(rows);
                }
                state.notice = Some(if watched {
                    format!("watching {name} · W lists your flights")
                } else {
                    format!("no longer watching {name}")
                });
                true
            }
            None => false,
        },
        Action::OpenWatchlist => {
            if state.screen == Screen::Watchlist {
                return had_notice;
            }
            state.board = BoardView { page: state.board.page, ..BoardView::default() };
            state.open(Screen::Watchlist);
            true
        }
        Action::Watched(rows) => state.watching.receive(rows),
        Action::PlacesData(snapshot) => {
            let fits = state.places.as_ref() == Some(&snapshot.filter);
            let changed = fits && replace(&mut state.place_list, Some(*snapshot));
            if changed && state.screen == Screen::Places {
                let rows = state.visible_rows().len();
                state.board.clamp(rows);
            }
            changed
        }
        Action::Data(snapshot) => {
            if state.snapshot.as_ref() == Some(snapshot.as_ref()) {
                return had_notice;
            }
            state.snapshot = Some(*snapshot);
            let rows = state.visible_rows().len();
            state.board.clamp(rows);
            true
        }
        Action::RouteData(snapshot) => {
            let fits = state.route.as_ref() == Some(&snapshot.route);
            let changed = fits && replace(&mut state.route_boards, Some(*snapshot));
            if changed && state.screen == Screen::Route {
                let rows = state.visible_rows().len();
                state.board.clamp(rows);
            }
            changed
        }
        Action::AirlineData(snapshot) => {
            let fits = state.airline.as_ref() == Some(&snapshot.code);
            let changed = fits && replace(&mut state.airline_day, Some(*snapshot));
            if changed && state.screen == Screen::Airline {
                let rows = state.visible_rows().len();
                state.board.clamp(rows);
            }
            changed
        }
        Action::Stats(stats) => {
            let fits = stats.airport == state.airport && stats.day == state.day_shown().unwrap_or(state.local_today());
            fits && replace(&mut state.stats, Some(*stats))
        }
        Action::Detail(detail) => {
            let fits = state.flight.as_ref() == Some(&detail.leg.key);
            fits && replace(&mut state.detail, Some(*detail))
        }
        Action::DetailMissing(key) => {
            if state.flight.as_ref() == Some(&key) {
                state.notice = Some(format!("{}{}: no such flight in the warehouse", key.carrier, key.number));
                true
            } else {
                false
            }
        }
        Action::MapData(rows) => map_view::set_aircraft(state, rows),
        Action::MapAirports(airports) => replace(&mut state.map.airports, airports),
        Action::Operators(operators) => replace(&mut state.operators, operators),
        Action::Trail { icao24, points } => map_view::set_trail(state, &icao24, points),
        Action::SearchResults { query, hits } => search_results(state, &query, hits),
        Action::FlightOfAircraft { icao24, flight } => map_view::flight_of_aircraft(state, &icao24, flight),
        Action::Health(h) => std::mem::replace(&mut state.health, h) != h,
    };
    changed || had_notice
}

/// Shows the boards of `day` (`None` or today: the live ones), from the first row.
fn set_day(state: &mut AppState, day: Option<NaiveDate>) -> bool {
    let before = state.day_shown();
    state.day = day;
    let after = state.day_shown();
    state.day = after;
    if before == after {
        return false;
    }
    state.board.reset_selection();
    state.stats = None;
    true
}

fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    true
}

fn input(state: &mut AppState, c: char) -> bool {
    if let Some(search) = state.search.as_mut() {
        search.push(c);
        true
    } else if state.board.filter.editing {
        state.board.filter.text.push(c);
        state.board.reset_selection();
        true
    } else {
        false
    }
}

fn backspace(state: &mut AppState) -> bool {
    if let Some(search) = state.search.as_mut() {
        search.pop()
    } else if state.board.filter.editing {
        state.board.reset_selection();
        state.board.filter.text.pop().is_some()
    } else {
        false
    }
}

/// Esc: close what is open, clear the filter, or go back one screen.
fn back(state: &mut AppState) -> bool {
    if state.show_help || state.search.is_some() || state.board.filter.editing {
        return update(state, Action::CloseOverlay);
    }
    if state.on_a_board() && !state.board.filter.text.is_empty() {
        state.board.filter.text.clear();
        state.board.reset_selection();
        return true;
    }
    if state.screen == Screen::Map && state.map.follow {
        state.map.follow = false;
        return true;
    }
    match state.history.pop() {
        Some(screen) => {
            if matches!(state.screen, Screen::Route | Screen::Airline | Screen::Watchlist | Screen::Places) {
                // The board below has rows of its own.
                state.board.reset_selection();
            }
            state.screen = screen;
            true
        }
        None => false,
    }
}

/// Results for the search box; if Enter was pressed while they were on their way, go now.
fn search_results(state: &mut AppState, query: &str, hits: Vec<SearchHit>) -> bool {
    let Some(search) = state.search.as_mut() else { return false };
    let changed = search.set_results(query, hits);
    if search.go_on_results && !search.awaiting_results() {
        return open(state);
    }
    changed
}

/// Enter: confirm the filter, go where the search points, open the selected row or aircraft.
fn open(state: &mut AppState) -> bool {
    if let Some(search) = state.search.as_mut().filter(|s| s.awaiting_results()) {
        // The feed has not answered yet: "nothing found" would not be true.
        return !std::mem::replace(&mut search.go_on_results, true);
    }
    if let Some(search) = state.search.take() {
        return match search.chosen() {
            Some(SearchHit::Airport(a)) => {
                state.go_to_airport(a.code());
                true
            }
            Some(SearchHit::Flight(f)) => {
                state.open_flight(f.key);
                true
            }
            Some(SearchHit::Route(route, _)) => {
                state.open_route(route);
                true
            }
            Some(SearchHit::Places(filter)) => {
                state.open_places(filter);
                true
            }
            Some(SearchHit::Airline(airline)) => {
                state.open_airline(airline.code().to_string());
                true
            }
            None => {
                state.notice = Some(format!("nothing found for “{}”", search.input));
                true
            }
        };
    }
    if state.board.filter.editing {
        state.board.filter.editing = false;
        return true;
    }
    match state.screen {
        Screen::Board | Screen::Route => {
            let rows = state.visible_rows();
            let key = rows.get(state.board.selected).and_then(|&i| state.board()?.rows.get(i)).map(|r| r.key.clone());
            match key {
                Some(key) => {
                    state.open_flight(key);
                    true
                }
                None => false,
            }
        }
        Screen::Airline | Screen::Watchlist => {
            let key = state.selected_leg();
            match key {
                Some(key) => {
                    state.open_flight(key);
                    true
                }
                None => false,
            }
        }
        Screen::Places => {
            let code =
                state.places_shown().and_then(|p| p.get(state.board.selected)).map(|p| p.airport.code().to_string());
            match code {
                Some(code) => {
                    state.go_to_airport(&code);
                    true
                }
                None => false,
            }
        }
        Screen::Map => map_view::open_selected(state),
        Screen::Airport | Screen::Flight => false,
    }
}
