//! Themes: `dark` (the default), `light` (for light terminal backgrounds), `high-contrast` and
//! `mono` (what `NO_COLOR` gives: no colour at all, emphasis by bold and reverse video), each a
//! palette of the 16 basic colours (they work over any SSH link), with per-colour overrides
//! from `[ui.colors]`.

use pipeline::model::FlightStatus;
use ratatui::style::{Color, Modifier, Style};

/// Every colour a theme sets, by the role it plays (the `[ui.colors]` keys are these names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub title: Color,
    pub muted: Color,
    pub header: Color,
    /// The active tab: its text and its background.
    pub tab_text: Color,
    pub tab: Color,
    pub tab_inactive: Color,
    pub status_bar_text: Color,
    pub status_bar: Color,
    /// The mode badge's background, live and demo; its text is `tab_text`.
    pub live: Color,
    pub demo: Color,
    pub error: Color,
    pub on_time: Color,
    pub delayed: Color,
    pub cancelled: Color,
    pub boarding: Color,
    /// Departed, en route and landed.
    pub departed: Color,
    pub diverted: Color,
}

/// The palette's roles by name, for `[ui.colors]`.
pub const ROLES: &[&str] = &[
    "title",
    "muted",
    "header",
    "tab_text",
    "tab",
    "tab_inactive",
    "status_bar_text",
    "status_bar",
    "live",
    "demo",
    "error",
    "on_time",
    "delayed",
    "cancelled",
    "boarding",
    "departed",
    "diverted",
];

impl Palette {
    /// The slot of a role named in [`ROLES`].
    pub fn role_mut(&mut self, role: &str) -> Option<&mut Color> {
        Some(match role {
            "title" => &mut self.title,
            "muted" => &mut self.muted,
            "header" => &mut self.header,
            "tab_text" => &mut self.tab_text,
            "tab" => &mut self.tab,
            "tab_inactive" => &mut self.tab_inactive,
            "status_bar_text" => &mut self.status_bar_text,
            "status_bar" => &mut self.status_bar,
            "live" => &mut self.live,
            "demo" => &mut self.demo,
            "error" => &mut self.error,
            "on_time" => &mut self.on_time,
            "delayed" => &mut self.delayed,
            "cancelled" => &mut self.cancelled,
            "boarding" => &mut self.boarding,
            "departed" => &mut self.departed,
            "diverted" => &mut self.diverted,
            _ => return None,
        })
    }
}

const DARK: Palette = Palette {
    title: Color::White,
    muted: Color::DarkGray,
    header: Color::Yellow,
    tab_text: Color::Black,
    tab: Color::Yellow,
    tab_inactive: Color::Gray,
    status_bar_text: Color::White,
    status_bar: Color::Blue,
    live: Color::Green,
    demo: Color::Magenta,
    error: Color::LightRed,
    on_time: Color::LightGreen,
    delayed: Color::Yellow,
    cancelled: Color::LightRed,
    boarding: Color::LightGreen,
    departed: Color::LightBlue,
    diverted: Color::LightMagenta,
};

/// Dark text on a light background: no yellow or light colours, which vanish on white.
const LIGHT: Palette = Palette {
    title: Color::Black,
    muted: Color::DarkGray,
    header: Color::Blue,
    tab_text: Color::White,
    tab: Color::Blue,
    tab_inactive: Color::DarkGray,
    status_bar_text: Color::Black,
    status_bar: Color::Gray,
    live: Color::Green,
    demo: Color::Magenta,
    error: Color::Red,
    on_time: Color::Green,
    delayed: Color::Magenta,
    cancelled: Color::Red,
    boarding: Color::Green,
    departed: Color::Blue,
    diverted: Color::Cyan,
};

/// The bright half of the palette only, black on white for the bars.
const HIGH_CONTRAST: Palette = Palette {
    title: Color::White,
    muted: Color::Gray,
    header: Color::LightYellow,
    tab_text: Color::Black,
    tab: Color::LightYellow,
    tab_inactive: Color::White,
    status_bar_text: Color::Black,
    status_bar: Color::White,
    live: Color::LightGreen,
    demo: Color::LightMagenta,
    error: Color::LightRed,
    on_time: Color::LightGreen,
    delayed: Color::LightYellow,
    cancelled: Color::LightRed,
    boarding: Color::LightGreen,
    departed: Color::LightCyan,
    diverted: Color::LightMagenta,
};

/// The theme names of `[ui] theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [Self::Dark, Self::Light, Self::HighContrast, Self::Mono];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// `false`: no colour at all (`mono`, `NO_COLOR`).
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    pub const DARK: Theme = Theme { color: true, palette: DARK };
    pub const MONO: Theme = Theme { color: false, palette: DARK };

    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::Dark => Self::DARK,
            ThemeName::Light => Theme { color: true, palette: LIGHT },
            ThemeName::HighContrast => Theme { color: true, palette: HIGH_CONTRAST },
            ThemeName::Mono => Self::MONO,
        }
    }

    /// The theme, or `mono` when `NO_COLOR` is set to anything non-empty (https://no-color.org).
    pub fn from_env(name: ThemeName, overrides: &[(String, Color)]) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let mut theme = Self::named(if no_color { ThemeName::Mono } else { name });
        for (role, color) in overrides {
            if let Some(slot) = theme.palette.role_mut(role) {
                *slot = *color;
            }
        }
        theme
    }

    fn fg(self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn title(self) -> Style {
        self.fg(self.palette.title).add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(self) -> Style {
        if self.color {
            Style::new().fg(self.palette.tab_text).bg(self.palette.tab).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn tab_inactive(self) -> Style {
        self.fg(self.palette.tab_inactive)
    }

    pub fn header(self) -> Style {
        self.fg(self.palette.header).add_modifier(Modifier::BOLD)
    }

    pub fn muted(self) -> Style {
        self.fg(self.palette.muted)
    }

    pub fn text(self) -> Style {
        Style::new()
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn status_bar(self) -> Style {
        if self.color {
            Style::new().fg(self.palette.status_bar_text).bg(self.palette.status_bar)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn mode_badge(self, live: bool) -> Style {
        let bg = if live { self.palette.live } else { self.palette.demo };
        if self.color {
            Style::new().fg(self.palette.tab_text).bg(bg).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn error(self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }

    /// The colour of late traffic (the airport page's chart shades it).
    pub fn delayed(self) -> Style {
        self.fg(self.palette.delayed)
    }

    /// The style of a status word on a board.
    pub fn status(self, status: FlightStatus, delay_minutes: Option<i64>) -> Style {
        let p = self.palette;
        let base = match status {
            FlightStatus::Cancelled => self.fg(p.cancelled).add_modifier(Modifier::BOLD),
            FlightStatus::Diverted => self.fg(p.diverted).add_modifier(Modifier::BOLD),
            FlightStatus::Departed | FlightStatus::EnRoute | FlightStatus::Landed => self.fg(p.departed),
            FlightStatus::Boarding => self.fg(p.boarding).add_modifier(Modifier::BOLD),
            FlightStatus::Scheduled => match delay_minutes {
                Some(d) if d >= 5 => self.fg(p.delayed).add_modifier(Modifier::BOLD),
                Some(_) => self.fg(p.on_time),
                None => self.muted(),
            },
            FlightStatus::Unknown => self.muted(),
        };
        if !self.color && status == FlightStatus::Cancelled { base.add_modifier(Modifier::REVERSED) } else { base }
    }
}
