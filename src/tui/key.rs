//! A key as the configuration names it and the help shows it (`W`, `Enter`, `F2`, `Ctrl-r`),
//! and as a terminal event gives it: what the keymap ([`super::keymap`]) binds.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the keymap knows it: its code, and whether Ctrl or Alt is held (Shift is in the
/// character itself: `W`, `?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

/// Named keys as the configuration writes them, and as the help shows them.
const NAMED: &[(&str, KeyCode, &str)] = &[
    ("Enter", KeyCode::Enter, "Enter"),
    ("Esc", KeyCode::Esc, "Esc"),
    ("Tab", KeyCode::Tab, "Tab"),
    ("BackTab", KeyCode::BackTab, "S-Tab"),
    ("Backspace", KeyCode::Backspace, "Bksp"),
    ("Space", KeyCode::Char(' '), "Space"),
    ("Up", KeyCode::Up, "↑"),
    ("Down", KeyCode::Down, "↓"),
    ("Left", KeyCode::Left, "←"),
    ("Right", KeyCode::Right, "→"),
    ("PageUp", KeyCode::PageUp, "PgUp"),
    ("PageDown", KeyCode::PageDown, "PgDn"),
    ("Home", KeyCode::Home, "Home"),
    ("End", KeyCode::End, "End"),
    ("Insert", KeyCode::Insert, "Ins"),
    ("Delete", KeyCode::Delete, "Del"),
];

impl Key {
    /// `q`, `W`, `?`, `Enter`, `PageDown`, `F2`, `Ctrl-r`, `Alt-x` (names case-insensitive).
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text.trim();
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && lower.starts_with("ctrl-") {
                (ctrl, rest) = (true, &rest[5..]);
            } else if rest.chars().count() > 2 && lower.starts_with("alt-") {
                (alt, rest) = (true, &rest[4..]);
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => {
                let named = NAMED.iter().find(|(name, _, _)| name.eq_ignore_ascii_case(rest)).map(|(_, code, _)| *code);
                let function = rest
                    .strip_prefix(['F', 'f'])
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                    .map(KeyCode::F);
                named.or(function).ok_or_else(|| {
                    format!("{text:?} is not a key (e.g. \"q\", \"W\", \"Enter\", \"F2\", \"Ctrl-r\")")
                })?
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// `c` with Ctrl held.
    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: true, alt: false }
    }

    /// The key of a terminal event.
    pub fn of(event: KeyEvent) -> Key {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Key { code, ctrl, alt: event.modifiers.contains(KeyModifiers::ALT) }
    }

    /// As the help shows it: `W`, `↑`, `PgDn`, `Ctrl-c`.
    pub fn label(&self) -> String {
        self.text(|(_, _, shown)| shown)
    }

    /// As the configuration writes it (what [`Key::parse`] reads): `W`, `Up`, `PageDown`.
    pub fn name(&self) -> String {
        self.text(|(name, _, _)| name)
    }

    fn text(&self, pick: fn(&(&'static str, KeyCode, &'static str)) -> &'static str) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED.iter().find(|(_, c, _)| *c == code).map_or("?", pick).to_string(),
        };
        format!("{}{}{base}", if self.ctrl { "Ctrl-" } else { "" }, if self.alt { "Alt-" } else { "" })
    }
}
