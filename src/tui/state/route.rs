//! Route boards: every leg between two airports on a day (`FRA-JFK` or `FRA JFK` in search),
//! with a board's columns, selection and flight page; `r` turns the route around.

use chrono::NaiveDate;
use pipeline::model::Board;

/// From one airport to another (their codes as the warehouse keys them).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route {
    pub from: String,
    pub to: String,
}

impl Route {
    /// `FRA-JFK`, `fra jfk`, `FRA–JFK`, `FRA > JFK`: two codes of three or four letters or digits,
    /// apart by a dash, an arrow or spaces. Whether they are airports is the warehouse's to say.
    pub fn parse(text: &str) -> Option<Route> {
        let separators = |c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '>' | '→');
        if !text.chars().all(|c| c.is_ascii_alphanumeric() || separators(c)) {
            return None;
        }
        let mut codes = text.split(separators).filter(|t| !t.is_empty());
        let (from, to) = (codes.next()?, codes.next()?);
        let code = |t: &str| (3..=4).contains(&t.len()).then(|| t.to_ascii_uppercase());
        match (code(from)?, code(to)?, codes.next()) {
            (from, to, None) if from != to => Some(Route { from, to }),
            _ => None,
        }
    }

    /// The same two airports the other way.
    pub fn reversed(&self) -> Route {
        Route { from: self.to.clone(), to: self.from.clone() }
    }

    /// `FRA-JFK`: what the search box completes to.
    pub fn text(&self) -> String {
        format!("{}-{}", self.from, self.to)
    }
}

/// A route's legs as the feed delivers them.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteSnapshot {
    pub route: Route,
    /// The local day asked for; `None`: today.
    pub day: Option<NaiveDate>,
    /// By departure (the origin's board) and by arrival (the destination's); `None` if either
    /// airport is unknown to the warehouse.
    pub boards: Option<[Board; 2]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_codes_make_a_route_and_other_text_does_not() {
        let fra_jfk = Route { from: "FRA".into(), to: "JFK".into() };
        for text in ["FRA-JFK", "fra jfk", "FRA – JFK", "FRA>JFK", " FRA  JFK ", "FRA→JFK"] {
            assert_eq!(Route::parse(text).as_ref(), Some(&fra_jfk), "{text}");
        }
        assert_eq!(Route::parse("EDDF-KJFK").map(|r| r.text()).as_deref(), Some("EDDF-KJFK"));
        for text in ["FRA", "LH 400", "FRA-JFK-MUC", "FRA-FRA", "Frankfurt-JFK", "FRA/JFK", "FR-JFK", ""] {
            assert_eq!(Route::parse(text), None, "{text}");
        }
        assert_eq!(fra_jfk.reversed().text(), "JFK-FRA");
    }
}
