use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// `2024-09-24T08:00Z` (the Lufthansa UTC form), also with seconds or an explicit offset.
pub fn parse_utc_minutes(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Some(body) = s.strip_suffix('Z')
        && let Ok(t) = NaiveDateTime::parse_from_str(body, "%Y-%m-%dT%H:%M")
    {
        return Some(t.and_utc());
    }
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

/// `2024-09-24T10:00` (local wall time), also `2024-09-24 10:00` and with seconds.
pub fn parse_local_minutes(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// A local wall time at an airport, as UTC. In the autumn overlap the earlier instant is taken
/// (schedules are published in the first pass of the hour); a time in the spring gap does not
/// exist and is read as the instant the clocks jumped over it (02:30 → 03:30 local).
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(early, _) => Some(early.with_timezone(&Utc)),
        chrono::LocalResult::None => {
            let shifted = local + chrono::Duration::hours(1);
            tz.from_local_datetime(&shifted).earliest().map(|t| t.with_timezone(&Utc))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, mi, 0).unwrap()
    }

    #[test]
    fn parses_lufthansa_forms() {
        assert_eq!(parse_utc_minutes("2024-09-24T08:00Z").unwrap().to_rfc3339(), "2024-09-24T08:00:00+00:00");
        assert_eq!(parse_utc_minutes("2024-09-24T08:00:30+02:00").unwrap().to_rfc3339(), "2024-09-24T06:00:30+00:00");
        assert_eq!(parse_local_minutes("2024-09-24T10:00"), Some(local(2024, 9, 24, 10, 0)));
        assert_eq!(parse_local_minutes("2024-09-24 10:00"), Some(local(2024, 9, 24, 10, 0)));
        assert_eq!(parse_utc_minutes("1900-01-01"), None);
        assert_eq!(parse_local_minutes("00:01"), None);
    }

    #[test]
    fn last_sunday_of_october_at_frankfurt() {
        // 2026-10-25: clocks go back 03:00 CEST -> 02:00 CET. 23:30 the day before is CEST (+2).
        let t = local_to_utc(chrono_tz::Europe::Berlin, local(2026, 10, 24, 23, 30)).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-10-24T21:30:00+00:00");
        // 23:30 on the Sunday itself is CET (+1).
        let t = local_to_utc(chrono_tz::Europe::Berlin, local(2026, 10, 25, 23, 30)).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-10-25T22:30:00+00:00");
        // 02:30 happens twice: the first (CEST) is taken.
        let t = local_to_utc(chrono_tz::Europe::Berlin, local(2026, 10, 25, 2, 30)).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn spring_gap_moves_forward() {
        // 2026-03-29 02:30 does not exist in Berlin.
        let t = local_to_utc(chrono_tz::Europe::Berlin, local(2026, 3, 29, 2, 30)).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-29T01:30:00+00:00");
    }

    #[test]
    fn zone_without_dst() {
        // Singapore has no DST: +8 all year.
        for m in [1, 7] {
            let t = local_to_utc(chrono_tz::Asia::Singapore, local(2026, m, 1, 8, 0)).unwrap();
            assert_eq!(t.format("%H:%M").to_string(), "00:00");
        }
    }
}
