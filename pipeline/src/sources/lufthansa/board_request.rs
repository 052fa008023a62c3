use crate::model::BoardKind;
use chrono::{Duration, NaiveDateTime};

/// One 4-hour window of a departures or arrivals board, in the airport's local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRequest {
    pub kind: BoardKind,
    pub airport: String,
    pub from_local: NaiveDateTime,
}

impl BoardRequest {
    pub fn endpoint(&self) -> &'static str {
        match self.kind {
            BoardKind::Departures => "flightstatus-departures",
            BoardKind::Arrivals => "flightstatus-arrivals",
        }
    }

    pub fn path(&self) -> String {
        let dir = match self.kind {
            BoardKind::Departures => "departures",
            BoardKind::Arrivals => "arrivals",
        };
        format!("operations/flightstatus/{dir}/{}/{}", self.airport, self.from_local.format("%Y-%m-%dT%H:%M"))
    }
}

/// The API answers 4-hour windows.
pub const WINDOW: Duration = Duration::hours(4);

/// The windows that cover `[now - back, now + ahead)` in local time, each starting on a whole hour.
pub fn board_windows(now_local: NaiveDateTime, back: Duration, ahead: Duration) -> Vec<NaiveDateTime> {
    use chrono::Timelike;
    let start = now_local - back;
    let start = start.with_minute(0).and_then(|t| t.with_second(0)).and_then(|t| t.with_nanosecond(0)).unwrap_or(start);
    let end = now_local + ahead;
    let mut out = Vec::new();
    let mut t = start;
    while t < end {
        out.push(t);
        t += WINDOW;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn windows_cover_the_horizon() {
        let now = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap().and_hms_opt(21, 34, 10).unwrap();
        let w = board_windows(now, Duration::hours(2), Duration::hours(8));
        let fmt: Vec<String> = w.iter().map(|t| t.format("%d %H:%M").to_string()).collect();
        assert_eq!(fmt, ["27 19:00", "27 23:00", "28 03:00"]);
    }

    #[test]
    fn path_uses_local_minutes() {
        let r = BoardRequest {
            kind: BoardKind::Arrivals,
            airport: "MUC".into(),
            from_local: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(6, 0, 0).unwrap(),
        };
        assert_eq!(r.path(), "operations/flightstatus/arrivals/MUC/2026-03-01T06:00");
        assert_eq!(r.endpoint(), "flightstatus-arrivals");
    }
}
