//! Colours from the 16-colour palette only (they work over any SSH link), or none at all when
//! `NO_COLOR` is set: then emphasis uses bold and reverse video.

use pipeline::model::FlightStatus;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (https://no-color.org).
    pub fn from_env() -> Self {
        Self { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    fn fg(self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn title(self) -> Style {
        self.fg(Color::White).add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn tab_inactive(self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn header(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn muted(self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    pub fn text(self) -> Style {
        Style::new()
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn status_bar(self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Blue)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn mode_badge(self, live: bool) -> Style {
        let bg = if live { Color::Green } else { Color::Magenta };
        if self.color {
            Style::new().fg(Color::Black).bg(bg).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn error(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    /// The style of a status word on a board.
    pub fn status(self, status: FlightStatus, delay_minutes: Option<i64>) -> Style {
        let base = match status {
            FlightStatus::Cancelled => self.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            FlightStatus::Diverted => self.fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
            FlightStatus::Departed | FlightStatus::EnRoute => self.fg(Color::LightBlue),
            FlightStatus::Landed => self.fg(Color::LightBlue),
            FlightStatus::Boarding => self.fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            FlightStatus::Scheduled => match delay_minutes {
                Some(d) if d >= 5 => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                Some(_) => self.fg(Color::LightGreen),
                None => self.muted(),
            },
            FlightStatus::Unknown => self.muted(),
        };
        if !self.color && status == FlightStatus::Cancelled { base.add_modifier(Modifier::REVERSED) } else { base }
    }
}
