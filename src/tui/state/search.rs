//! `:` or `g`: go to an airport (IATA, ICAO, city or name), a route, an airline (code or name)
//! or a flight (number or callsign), with completions from the warehouse.

use pipeline::model::{Airline, Airport, FlightMatch};

/// One completion.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchHit {
    Airport(Airport),
    Flight(FlightMatch),
    /// Two airports the warehouse knows (the route, and the two for their names).
    Route(super::Route, Box<[Airport; 2]>),
    Airline(Airline),
    /// A country's or a city's airports.
    Places(pipeline::model::PlaceFilter),
}

impl SearchHit {
    /// What Tab puts into the box.
    pub fn completion(&self) -> String {
        match self {
            Self::Airport(a) => a.code().to_string(),
            Self::Flight(f) => format!("{}{}", f.key.carrier, f.key.number),
            Self::Route(route, _) => route.text(),
            Self::Airline(a) => a.code().to_string(),
            Self::Places(pipeline::model::PlaceFilter::Country(code)) => format!("country:{code}"),
            Self::Places(pipeline::model::PlaceFilter::City(name)) => name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchState {
    pub input: String,
    /// The query the results answer (the feed may lag the typing).
    pub results_for: String,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    /// Enter was pressed before the results for the text arrived: go as soon as they do,
    /// rather than tell the user nothing was found.
    pub go_on_results: bool,
}

impl SearchState {
    pub fn push(&mut self, c: char) {
        if !c.is_control() && self.input.chars().count() < 40 {
            self.input.push(c);
            self.go_on_results = false;
        }
    }

    pub fn pop(&mut self) -> bool {
        self.go_on_results = false;
        self.input.pop().is_some()
    }

    /// Whether the feed has yet to answer the text in the box.
    pub fn awaiting_results(&self) -> bool {
        self.query().is_some_and(|q| q != self.results_for)
    }

    /// The text the feed should look up, `None` while it is too short to be useful.
    pub fn query(&self) -> Option<String> {
        let q = self.input.trim();
        (q.chars().count() >= 2).then(|| q.to_string())
    }

    pub fn set_results(&mut self, query: &str, hits: Vec<SearchHit>) -> bool {
        if self.query().as_deref() != Some(query) {
            return false;
        }
        if self.results_for == query && self.hits == hits {
            return false;
        }
        if self.results_for != query {
            self.selected = 0;
        }
        self.results_for = query.to_string();
        self.hits = hits;
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
        true
    }

    /// The results shown: those for the text in the box (stale ones are hidden).
    pub fn current_hits(&self) -> &[SearchHit] {
        if self.query().as_deref() == Some(self.results_for.as_str()) { &self.hits } else { &[] }
    }

    pub fn select(&mut self, by: isize) -> bool {
        let n = self.current_hits().len();
        if n == 0 {
            return false;
        }
        let next = self.selected.saturating_add_signed(by).min(n - 1);
        std::mem::replace(&mut self.selected, next) != next
    }

    pub fn complete(&mut self) -> bool {
        match self.current_hits().get(self.selected).map(SearchHit::completion) {
            Some(text) if text != self.input => {
                self.input = text;
                true
            }
            _ => false,
        }
    }

    /// Where Enter goes: the selected result for the current text.
    pub fn chosen(&self) -> Option<SearchHit> {
        self.current_hits().get(self.selected).cloned()
    }
}
