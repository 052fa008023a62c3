//! The `[ui]` and `[keys]` sections: the theme and its colour overrides, and the keys. A key
//! bound twice where both would be active, an unknown command, key, theme or colour is a
//! configuration error naming the file and the line.

use super::ConfigError;
use crate::tui::keymap::{Keymap, Rebinding};
use crate::tui::theme::{ROLES, ThemeName};
use ratatui::style::Color;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiFile {
    pub theme: Option<ThemeName>,
    /// Role → colour (`header = "blue"`, `delayed = "#ff8800"`).
    pub colors: Option<BTreeMap<String, toml::Spanned<String>>>,
}

/// A `[keys]` value: one key or several.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeysValue {
    One(String),
    Many(Vec<String>),
}

/// `[keys]`: command name → keys, with where each is in the file.
pub type KeysFile = BTreeMap<String, toml::Spanned<KeysValue>>;

/// The effective look.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UiConfig {
    pub theme: ThemeName,
    /// Overridden roles and their colours.
    #[serde(serialize_with = "colors_as_text")]
    pub colors: Vec<(String, Color)>,
}

fn colors_as_text<S: Serializer>(colors: &[(String, Color)], s: S) -> Result<S::Ok, S::Error> {
    let map: BTreeMap<&str, String> = colors.iter().map(|(role, c)| (role.as_str(), c.to_string())).collect();
    map.serialize(s)
}

/// Every command's keys as a `[keys]` table (`skyboard config` prints them all).
pub fn keymap_as_table<S: Serializer>(keys: &Keymap, s: S) -> Result<S::Ok, S::Error> {
    let map: BTreeMap<&str, Vec<String>> = keys.bindings().into_iter().collect();
    map.serialize(s)
}

impl UiConfig {
    /// From the file's sections, with the keymap; `text` is the file's text (for line numbers).
    pub fn from_file(
        ui: UiFile,
        keys: KeysFile,
        path: Option<&Path>,
        text: &str,
    ) -> Result<(Self, Keymap), ConfigError> {
        let at = |span: std::ops::Range<usize>, message: String| match path {
            Some(p) => {
                let (line, column) = super::file::line_col(text, span.start);
                ConfigError::Syntax { path: p.to_path_buf(), line, column, message }
            }
            None => ConfigError::Invalid { path: None, message },
        };
        let mut colors = Vec::new();
        for (role, value) in ui.colors.unwrap_or_default() {
            let span = value.span();
            if !ROLES.contains(&role.as_str()) {
                return Err(at(
                    span,
                    format!("ui.colors.{role}: no such colour role (the roles: {})", ROLES.join(", ")),
                ));
            }
            let color: Color = value
                .get_ref()
                .parse()
                .map_err(|_| at(span.clone(), format!("ui.colors.{role}: {:?} is not a colour", value.get_ref())))?;
            colors.push((role, color));
        }
        let rebindings: Vec<Rebinding> = keys
            .into_iter()
            .map(|(name, value)| {
                let line = super::file::line_col(text, value.span().start).0;
                let keys = match value.into_inner() {
                    KeysValue::One(k) => vec![k],
                    KeysValue::Many(ks) => ks,
                };
                Rebinding { name, keys, line }
            })
            .collect();
        let keymap = Keymap::with(&rebindings).map_err(|e| match path {
            Some(p) => ConfigError::Syntax { path: p.to_path_buf(), line: e.line, column: 1, message: e.message },
            None => ConfigError::Invalid { path: None, message: e.message },
        })?;
        Ok((Self { theme: ui.theme.unwrap_or_default(), colors }, keymap))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;

    fn parse(text: &str) -> Result<(UiConfig, Keymap), ConfigError> {
        let path = Path::new("c.toml");
        let file = FileConfig::parse(text, path)?;
        UiConfig::from_file(file.ui.unwrap_or_default(), file.keys.unwrap_or_default(), Some(path), text)
    }

    #[test]
    fn a_theme_its_colours_and_keys() {
        let (ui, keymap) = parse("[ui]\ntheme = \"light\"\ncolors = { header = \"red\", delayed = \"#ff8800\" }\n[keys]\nwatchlist = [\"L\", \"F2\"]\n")
            .unwrap();
        assert_eq!(ui.theme, ThemeName::Light);
        assert_eq!(ui.colors, vec![("delayed".into(), Color::Rgb(255, 136, 0)), ("header".into(), Color::Red)]);
        let keys = keymap.keys_of(crate::tui::keymap::Command::Watchlist).iter().map(|k| k.label()).collect::<Vec<_>>();
        assert_eq!(keys, ["L", "F2"]);
        assert_eq!(parse("").unwrap(), (UiConfig::default(), Keymap::default()));
    }

    #[test]
    fn mistakes_name_the_file_and_the_line() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        let e = err("[keys]\nwatch = \"d\"\n");
        assert!(e.contains("c.toml, line 2") && e.contains("keys.watch: d is already the key of departures"), "{e}");
        let e = err("[keys]\nsearch = \"/\"\n");
        assert!(
            e.contains("line 2") && e.contains("already the key of filter"),
            "a board key is active with the global ones: {e}"
        );
        assert!(parse("[keys]\nzoom_in = \"d\"\n").is_ok(), "a map key may shadow a global one");
        let e = err("\n[keys]\nfly = \"x\"\n");
        assert!(e.contains("line 3") && e.contains("keys.fly: no such command"), "{e}");
        let e = err("[keys]\nquit = \"Hyper-q\"\n");
        assert!(e.contains("line 2") && e.contains("is not a key"), "{e}");
        let e = err("[ui]\ntheme = \"neon\"\n");
        assert!(e.contains("line 2"), "{e}");
        let e = err("[ui]\ncolors = { header = \"bleu\" }\n");
        assert!(e.contains("line 2") && e.contains("\"bleu\" is not a colour"), "{e}");
        let e = err("[ui]\ncolors = { chrome = \"red\" }\n");
        assert!(e.contains("no such colour role"), "{e}");
    }
}
