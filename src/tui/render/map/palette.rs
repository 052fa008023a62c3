//! The map's colours (16-colour palette only, none at all without colour) and their legend.

use super::layers::MapAircraft;
use crate::tui::theme::Theme;
use pipeline::model::FlightStatus;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

/// What an aircraft's colour tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorBy {
    /// On the ground, below 3 km, 3–9 km, above 9 km, unknown.
    #[default]
    Altitude,
    /// The flight's status on the boards.
    Status,
}

/// Altitude bands, in metres: below [`LOW_M`] is "low", above [`HIGH_M`] "high" (cruise).
pub const LOW_M: f64 = 3000.0;
pub const HIGH_M: f64 = 9000.0;

const COAST: Color = Color::DarkGray;
const BORDER: Color = Color::Blue;
const ROUTE: Color = Color::Yellow;
const TRAIL: Color = Color::Cyan;
const AIRPORT: Color = Color::White;
const LABEL: Color = Color::Gray;

const GROUND: Color = Color::LightMagenta;
const LOW: Color = Color::LightGreen;
const MID: Color = Color::LightYellow;
const HIGH: Color = Color::LightCyan;
const UNKNOWN: Color = Color::Gray;
const SPARSE: Color = Color::Gray;
const DENSE: Color = Color::White;

const SCHEDULED: Color = Color::White;
const BOARDING: Color = Color::LightGreen;
const AIRBORNE: Color = Color::LightCyan;
const LANDED: Color = Color::LightBlue;
const CANCELLED: Color = Color::LightRed;
const DIVERTED: Color = Color::LightMagenta;

/// The colours of one frame, worked out once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Palette {
    pub color: bool,
    pub color_by: ColorBy,
}

impl Palette {
    pub fn new(theme: Theme, color_by: ColorBy) -> Self {
        Self { color: theme.color, color_by }
    }

    /// A canvas colour: `Color::Reset` (the terminal's own) without colour.
    fn canvas(self, c: Color) -> Color {
        if self.color { c } else { Color::Reset }
    }

    pub fn coast(self) -> Color {
        self.canvas(COAST)
    }

    pub fn border(self) -> Color {
        self.canvas(BORDER)
    }

    pub fn route(self) -> Color {
        self.canvas(ROUTE)
    }

    pub fn trail(self) -> Color {
        self.canvas(TRAIL)
    }

    fn fg(self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn airport(self) -> Style {
        self.fg(AIRPORT)
    }

    pub fn airport_label(self) -> Style {
        self.fg(LABEL)
    }

    pub fn aircraft(self, a: &MapAircraft) -> Style {
        self.fg(match self.color_by {
            ColorBy::Altitude => altitude_color(a.on_ground, a.altitude_m),
            ColorBy::Status => status_color(a.status),
        })
    }

    /// The selected aircraft: reverse video in its own colour, bold.
    /// A cell shared by `count` aircraft: brighter the more there are.
    pub fn density(self, count: u32) -> Style {
        self.fg(if count >= 10 { DENSE } else { SPARSE })
    }

    pub fn selected(self, a: &MapAircraft) -> Style {
        self.aircraft(a).add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn selected_label(self) -> Style {
        self.fg(Color::White).add_modifier(Modifier::BOLD)
    }
}

fn altitude_color(on_ground: Option<bool>, altitude_m: Option<f64>) -> Color {
    if on_ground == Some(true) {
        return GROUND;
    }
    match altitude_m.filter(|a| a.is_finite()) {
        None => UNKNOWN,
        Some(a) if a < LOW_M => LOW,
        Some(a) if a <= HIGH_M => MID,
        Some(_) => HIGH,
    }
}

fn status_color(status: Option<FlightStatus>) -> Color {
    match status {
        Some(FlightStatus::Scheduled) => SCHEDULED,
        Some(FlightStatus::Boarding) => BOARDING,
        Some(FlightStatus::Departed | FlightStatus::EnRoute) => AIRBORNE,
        Some(FlightStatus::Landed) => LANDED,
        Some(FlightStatus::Cancelled) => CANCELLED,
        Some(FlightStatus::Diverted) => DIVERTED,
        Some(FlightStatus::Unknown) | None => UNKNOWN,
    }
}

/// A one-line key of the aircraft colours, e.g. `Altitude ■ ground ■ <3 km ■ 3–9 km ■ >9 km ■ n/a`
/// with each `■ …` in its colour. Without colour the aircraft all look alike, so the line then
/// explains the symbols instead: `No colours: ↑ aircraft and heading  • no heading  ◦ airport`.
pub fn legend(color_by: ColorBy, theme: Theme) -> Line<'static> {
    if !theme.color {
        return Line::from("No colours: ↑ aircraft and heading  • no heading  ◦ airport");
    }
    let (title, keys): (&str, &[(Color, &str)]) = match color_by {
        ColorBy::Altitude => {
            ("Altitude", &[(GROUND, "ground"), (LOW, "<3 km"), (MID, "3–9 km"), (HIGH, ">9 km"), (UNKNOWN, "n/a")])
        }
        ColorBy::Status => (
            "Status",
            &[
                (SCHEDULED, "scheduled"),
                (BOARDING, "boarding"),
                (AIRBORNE, "airborne"),
                (LANDED, "landed"),
                (CANCELLED, "cancelled"),
                (DIVERTED, "diverted"),
                (UNKNOWN, "n/a"),
            ],
        ),
    };
    let mut spans = vec![Span::styled(title, Style::new().fg(Color::Gray))];
    for &(color, text) in keys {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!("■ {text}"), Style::new().fg(color)));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plane(on_ground: Option<bool>, altitude_m: Option<f64>, status: Option<FlightStatus>) -> MapAircraft {
        MapAircraft { lat: 0.0, lon: 0.0, heading: None, altitude_m, on_ground, status, label: None }
    }

    fn fg(p: Palette, a: &MapAircraft) -> Option<Color> {
        p.aircraft(a).fg
    }

    #[test]
    fn altitude_bands() {
        let p = Palette::new(Theme::DARK, ColorBy::Altitude);
        assert_eq!(fg(p, &plane(Some(true), Some(10_000.0), None)), Some(GROUND));
        assert_eq!(fg(p, &plane(Some(false), Some(500.0), None)), Some(LOW));
        assert_eq!(fg(p, &plane(None, Some(3000.0), None)), Some(MID));
        assert_eq!(fg(p, &plane(None, Some(9000.0), None)), Some(MID));
        assert_eq!(fg(p, &plane(None, Some(11_000.0), None)), Some(HIGH));
        assert_eq!(fg(p, &plane(None, None, None)), Some(UNKNOWN));
        assert_eq!(fg(p, &plane(None, Some(f64::NAN), None)), Some(UNKNOWN));
    }

    #[test]
    fn status_colours() {
        let p = Palette::new(Theme::DARK, ColorBy::Status);
        assert_eq!(fg(p, &plane(None, None, Some(FlightStatus::Cancelled))), Some(CANCELLED));
        assert_eq!(fg(p, &plane(None, None, Some(FlightStatus::EnRoute))), Some(AIRBORNE));
        assert_eq!(fg(p, &plane(None, None, None)), Some(UNKNOWN));
        let colours: Vec<Color> = FlightStatus::ALL.iter().map(|s| status_color(Some(*s))).collect();
        assert!(colours.iter().all(|c| !matches!(c, Color::Rgb(..) | Color::Indexed(_))));
    }

    #[test]
    fn no_colour_means_no_colour() {
        let p = Palette::new(Theme::MONO, ColorBy::Altitude);
        let a = plane(None, Some(500.0), None);
        assert_eq!(p.aircraft(&a), Style::new());
        assert_eq!(p.selected(&a), Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD));
        assert_eq!([p.coast(), p.route(), p.trail()], [Color::Reset; 3]);
        assert_eq!(p.airport(), Style::new());
    }

    #[test]
    fn legends() {
        let text = |l: &Line<'_>| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
        let alt = legend(ColorBy::Altitude, Theme::DARK);
        assert_eq!(text(&alt), "Altitude ■ ground ■ <3 km ■ 3–9 km ■ >9 km ■ n/a");
        assert!(alt.spans.iter().any(|s| s.style.fg == Some(HIGH)));
        let status = legend(ColorBy::Status, Theme::DARK);
        assert!(text(&status).contains("■ cancelled"));
        assert!(status.width() <= 80, "fits an 80-column status line");
        let plain = legend(ColorBy::Status, Theme::MONO);
        assert!(plain.spans.iter().all(|s| s.style.fg.is_none() && s.style.bg.is_none()));
    }
}
