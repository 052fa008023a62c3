use serde::{Deserialize, Serialize};

/// One status model across every source. The source's own code is kept beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum FlightStatus {
    Scheduled,
    Boarding,
    Departed,
    EnRoute,
    Landed,
    Cancelled,
    Diverted,
    Unknown,
}

impl FlightStatus {
    pub const ALL: [FlightStatus; 8] = [
        Self::Scheduled,
        Self::Boarding,
        Self::Departed,
        Self::EnRoute,
        Self::Landed,
        Self::Cancelled,
        Self::Diverted,
        Self::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Boarding => "boarding",
            Self::Departed => "departed",
            Self::EnRoute => "en_route",
            Self::Landed => "landed",
            Self::Cancelled => "cancelled",
            Self::Diverted => "diverted",
            Self::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|st| st.as_str() == s).unwrap_or(Self::Unknown)
    }

    /// Has the aircraft left the gate?
    pub fn is_airborne_or_done(self) -> bool {
        matches!(self, Self::Departed | Self::EnRoute | Self::Landed | Self::Diverted)
    }
}

impl std::fmt::Display for FlightStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_text() {
        for s in FlightStatus::ALL {
            assert_eq!(FlightStatus::parse(s.as_str()), s);
        }
        assert_eq!(FlightStatus::parse("warp"), FlightStatus::Unknown);
    }
}
