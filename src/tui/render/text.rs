//! Small text helpers shared by the screens.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui::layout::Rect;

/// `14:05` in the zone.
pub fn hm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

/// At most `max` characters, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    s.chars().take(max.saturating_sub(1)).chain((max > 0).then_some('…')).collect()
}

/// The middle line of an area.
pub fn centre_line(area: Rect) -> Rect {
    Rect { y: area.y + area.height / 2, height: 1.min(area.height), ..area }
}

/// `+01:00`: a zone's offset from UTC at a moment.
pub fn utc_offset(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%:z").to_string()
}
