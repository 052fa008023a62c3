use super::{Airport, FlightKey, FlightStatus};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoardKind {
    Departures,
    Arrivals,
}

impl BoardKind {
    pub fn toggle(self) -> Self {
        match self {
            Self::Departures => Self::Arrivals,
            Self::Arrivals => Self::Departures,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Departures => "Departures",
            Self::Arrivals => "Arrivals",
        }
    }
}

/// One line of a departures or arrivals board, seen from the board's airport.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    /// The leg: operating carrier and number, origin, local departure date.
    pub key: FlightKey,
    /// Marketing numbers of the same leg, `LX 3600`, sorted.
    pub codeshares: Vec<String>,
    /// The operating airline's name, when the reference data knows it.
    pub airline: Option<String>,
    /// Destination (departures) or origin (arrivals).
    pub other_airport: String,
    pub other_city: Option<String>,
    pub scheduled: DateTime<Utc>,
    pub estimated: Option<DateTime<Utc>>,
    pub actual: Option<DateTime<Utc>>,
    pub terminal: Option<String>,
    pub gate: Option<String>,
    pub status: FlightStatus,
}

impl BoardRow {
    /// The best known time: actual, else estimated.
    pub fn expected(&self) -> Option<DateTime<Utc>> {
        self.actual.or(self.estimated)
    }

    /// Minutes late (negative when early), if anything beyond the schedule is known.
    pub fn delay_minutes(&self) -> Option<i64> {
        self.expected().map(|t| (t - self.scheduled).num_minutes())
    }
}

/// How recent the warehouse's data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DataFreshness {
    /// Increases whenever the pipeline loads a batch.
    pub version: i64,
    pub newest_observation: Option<DateTime<Utc>>,
}

/// A whole board as the front end shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub airport: Airport,
    pub kind: BoardKind,
    pub rows: Vec<BoardRow>,
}
