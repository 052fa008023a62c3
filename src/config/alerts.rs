//! The `[alerts]` section: how a watched flight's change reaches the user beyond the status
//! bar and the bell. A desktop notification is sent only when `desktop = true`, by the
//! terminal's own escape sequence: OSC 777 (`notify`, rxvt-unicode, foot, WezTerm, Ghostty,
//! VTE terminals) or OSC 9 (iTerm2, Windows Terminal, kitty, WezTerm).

use serde::{Deserialize, Serialize};

/// Which escape sequence carries a desktop notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Notify {
    #[default]
    Osc777,
    Osc9,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertsFile {
    pub desktop: Option<bool>,
    pub notify: Option<Notify>,
}

/// The effective alert settings (the bell always rings; the desktop only when asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct AlertsConfig {
    pub desktop: bool,
    pub notify: Notify,
}

impl AlertsConfig {
    pub fn from_file(file: AlertsFile) -> Self {
        Self { desktop: file.desktop.unwrap_or(false), notify: file.notify.unwrap_or_default() }
    }

    /// What the terminal is sent for an alert: the bell, then the notification if one is on.
    /// The text is stripped of control characters, so it cannot end the sequence early.
    pub fn escape_sequence(&self, title: &str, body: &str) -> String {
        let clean = |s: &str| s.chars().filter(|c| !c.is_control() && *c != ';').collect::<String>();
        let mut out = String::from("\x07");
        if self.desktop {
            match self.notify {
                Notify::Osc777 => out.push_str(&format!("\x1b]777;notify;{};{}\x1b\\", clean(title), clean(body))),
                Notify::Osc9 => out.push_str(&format!("\x1b]9;{}: {}\x1b\\", clean(title), clean(body))),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;
    use std::path::Path;

    fn parse(text: &str) -> Result<AlertsConfig, crate::config::ConfigError> {
        let file = FileConfig::parse(text, Path::new("c.toml"))?;
        Ok(AlertsConfig::from_file(file.alerts.unwrap_or_default()))
    }

    #[test]
    fn the_bell_always_and_a_notification_only_when_asked_for() {
        let off = parse("").unwrap();
        assert_eq!(off.escape_sequence("LH 400", "Boarding"), "\x07");
        let osc777 = parse("[alerts]\ndesktop = true\n").unwrap();
        assert_eq!(
            osc777.escape_sequence("LH 400", "Scheduled → Boarding"),
            "\x07\x1b]777;notify;LH 400;Scheduled → Boarding\x1b\\"
        );
        let osc9 = parse("[alerts]\ndesktop = true\nnotify = \"osc9\"\n").unwrap();
        assert_eq!(osc9.escape_sequence("LH 400", "gate\x1b B4;4"), "\x07\x1b]9;LH 400: gate B44\x1b\\");
        let err = parse("[alerts]\nnotify = \"toast\"\n").unwrap_err().to_string();
        assert!(err.contains("c.toml") && err.contains("line 2"), "{err}");
    }
}
