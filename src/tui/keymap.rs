//! The keymap: one table of every command with its name (the `[keys]` key in the configuration
//! file), where it works and its default keys. Dispatch ([`super::keys`]), the help overlay
//! and the configuration all read this table, so they cannot drift apart. A `[keys]` entry
//! replaces a command's keys; a key bound twice where both would be active is an error.

pub use super::key::Key;
use crossterm::event::KeyEvent;
use std::collections::HashMap;

/// Where a command works. `Everywhere` and `Lists` are active together (the boards and the
/// other screens); on the map, `Map` comes first and shadows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Everywhere,
    Lists,
    Map,
}

impl Context {
    /// Contexts active together share their keys: `Everywhere` and `Lists` are one group.
    fn group(self) -> u8 {
        match self {
            Self::Everywhere | Self::Lists => 0,
            Self::Map => 1,
        }
    }
}

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Search,
    SwitchBoard,
    Departures,
    Arrivals,
    DayBefore,
    DayAfter,
    Today,
    AirportPage,
    OpenMap,
    Open,
    Back,
    Watch,
    Watchlist,
    Help,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Filter,
    ReverseRoute,
    PanLeft,
    PanUp,
    PanDown,
    PanRight,
    ZoomIn,
    ZoomOut,
    World,
    Europe,
    NorthAmerica,
    Asia,
    AirportRegion,
    NextAircraft,
    PreviousAircraft,
    Follow,
    Trails,
    Colour,
    Borders,
}

/// One row of the table.
pub struct Spec {
    pub command: Command,
    /// Its key in `[keys]`.
    pub name: &'static str,
    pub context: Context,
    pub keys: &'static [&'static str],
}

const fn spec(command: Command, name: &'static str, context: Context, keys: &'static [&'static str]) -> Spec {
    Spec { command, name, context, keys }
}

/// Every command, its name, where it works and its default keys.
pub const TABLE: &[Spec] = {
    use Command::*;
    use Context::*;
    &[
        spec(Search, "search", Everywhere, &[":", "g"]),
        spec(Departures, "departures", Everywhere, &["d"]),
        spec(Arrivals, "arrivals", Everywhere, &["a"]),
        spec(SwitchBoard, "switch_board", Everywhere, &["Tab", "BackTab"]),
        spec(DayBefore, "day_before", Everywhere, &["["]),
        spec(DayAfter, "day_after", Everywhere, &["]"]),
        spec(Today, "today", Everywhere, &["t"]),
        spec(AirportPage, "airport_page", Everywhere, &["i"]),
        spec(OpenMap, "map", Everywhere, &["m"]),
        spec(Open, "open", Everywhere, &["Enter"]),
        spec(Back, "back", Everywhere, &["Esc", "Backspace"]),
        spec(Watch, "watch", Everywhere, &["w"]),
        spec(Watchlist, "watchlist", Everywhere, &["W"]),
        spec(Help, "help", Everywhere, &["?"]),
        spec(Quit, "quit", Everywhere, &["q", "Ctrl-c"]),
        spec(Up, "up", Lists, &["Up", "k"]),
        spec(Down, "down", Lists, &["Down", "j"]),
        spec(PageUp, "page_up", Lists, &["PageUp"]),
        spec(PageDown, "page_down", Lists, &["PageDown"]),
        spec(Top, "top", Lists, &["Home"]),
        spec(Bottom, "bottom", Lists, &["End", "G"]),
        spec(Filter, "filter", Lists, &["/"]),
        spec(ReverseRoute, "reverse_route", Lists, &["r"]),
        spec(PanLeft, "pan_left", Map, &["Left", "h"]),
        spec(PanUp, "pan_up", Map, &["Up", "k"]),
        spec(PanDown, "pan_down", Map, &["Down", "j"]),
        spec(PanRight, "pan_right", Map, &["Right", "l"]),
        spec(ZoomIn, "zoom_in", Map, &["+", "="]),
        spec(ZoomOut, "zoom_out", Map, &["-", "_"]),
        spec(World, "world", Map, &["1"]),
        spec(Europe, "europe", Map, &["2"]),
        spec(NorthAmerica, "north_america", Map, &["3"]),
        spec(Asia, "asia", Map, &["4"]),
        spec(AirportRegion, "airport_region", Map, &["5"]),
        spec(NextAircraft, "next_aircraft", Map, &["Tab", "n"]),
        spec(PreviousAircraft, "previous_aircraft", Map, &["BackTab", "N"]),
        spec(Follow, "follow", Map, &["f"]),
        spec(Trails, "trails", Map, &["t"]),
        spec(Colour, "colour", Map, &["c"]),
        spec(Borders, "borders", Map, &["b"]),
    ]
};

/// A line of the help overlay: a heading, or commands that share a description.
pub enum HelpLine {
    Heading(&'static str),
    Keys(&'static [Command], &'static str),
}

/// The help overlay, in order (22 lines: with its border it fits 80×24).
pub const HELP: &[HelpLine] = {
    use Command::*;
    use HelpLine::{Heading, Keys};
    &[
        Heading("Everywhere"),
        Keys(&[Search], "go to airport, airline, route, flight"),
        Keys(&[Departures, Arrivals, SwitchBoard], "departures / arrivals / switch"),
        Keys(&[DayBefore, DayAfter, Today], "the day before / after / today"),
        Keys(&[AirportPage], "airport page: statistics, both boards, map"),
        Keys(&[OpenMap], "map of the flight, the airport or the world"),
        Keys(&[Open], "open the selected flight or aircraft"),
        Keys(&[Back], "back / close / clear the filter"),
        Keys(&[Watch, Watchlist], "watch the flight (or stop) / watchlist"),
        Keys(&[Help, Quit], "show / hide this help / quit"),
        Heading("Boards and lists"),
        Keys(&[Up, Down], "select a row"),
        Keys(&[PageUp, PageDown, Top, Bottom], "a page / first / last row"),
        Keys(&[Filter], "filter the board by text"),
        Keys(&[ReverseRoute], "route board (FRA-JFK in search): the other way"),
        Heading("Map"),
        Keys(&[PanLeft, PanUp, PanDown, PanRight], "pan"),
        Keys(&[ZoomIn, ZoomOut], "zoom in / out"),
        Keys(&[World, Europe, NorthAmerica, Asia, AirportRegion], "world, Europe, N. America, Asia, airport"),
        Keys(&[NextAircraft, PreviousAircraft], "next / previous aircraft"),
        Keys(&[Follow, Trails, Colour], "follow, trails, colour by altitude/status"),
        Keys(&[Borders], "country borders on / off"),
    ]
};

/// A `[keys]` entry as the configuration file wrote it.
#[derive(Debug, Clone)]
pub struct Rebinding {
    pub name: String,
    pub keys: Vec<String>,
    /// Its line in the file, for errors.
    pub line: usize,
}

/// A rebinding that cannot be: the line it is on and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub line: usize,
    pub message: String,
}

/// The keys of every command, and the command of every key where it is active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// In [`TABLE`]'s order.
    keys: Vec<(Command, Vec<Key>)>,
    lookup: HashMap<(u8, Key), Command>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::with(&[]).expect("the default keys do not conflict")
    }
}

/// Ctrl-C always quits, whatever `[keys]` says: a way out that cannot be rebound away.
fn ctrl_c() -> Key {
    Key::ctrl('c')
}

impl Keymap {
    /// The defaults with `rebindings` in place of the commands' own keys.
    pub fn with(rebindings: &[Rebinding]) -> Result<Self, KeymapError> {
        let mut from_line: HashMap<Command, usize> = HashMap::new();
        for r in rebindings {
            let bad = |message: String| KeymapError { line: r.line, message: format!("keys.{}: {message}", r.name) };
            let Some(spec) = TABLE.iter().find(|s| s.name == r.name) else {
                let names: Vec<&str> = TABLE.iter().map(|s| s.name).collect();
                return Err(bad(format!("no such command (the commands: {})", names.join(", "))));
            };
            if r.keys.is_empty() {
                return Err(bad("no key given: every command keeps at least one".into()));
            }
            from_line.insert(spec.command, r.line);
        }
        let mut keys = Vec::with_capacity(TABLE.len());
        let mut lookup: HashMap<(u8, Key), Command> = HashMap::new();
        for spec in TABLE {
            let rebound = rebindings.iter().rev().find(|r| r.name == spec.name);
            let texts: Vec<&str> = match rebound {
                Some(r) => r.keys.iter().map(String::as_str).collect(),
                None => spec.keys.to_vec(),
            };
            let line = rebound.map_or(0, |r| r.line);
            let mut list = Vec::new();
            for text in texts {
                let key = Key::parse(text)
                    .map_err(|message| KeymapError { line, message: format!("keys.{}: {message}", spec.name) })?;
                if !list.contains(&key) {
                    list.push(key);
                }
            }
            if spec.command == Command::Quit && !list.contains(&ctrl_c()) {
                list.push(ctrl_c());
            }
            for key in &list {
                if let Some(other) = lookup.insert((spec.context.group(), *key), spec.command) {
                    let other_spec = TABLE.iter().find(|s| s.command == other).expect("in the table");
                    // Told from the rebinding that made the clash (the defaults never clash).
                    let (rebound, kept) =
                        if from_line.contains_key(&spec.command) { (spec, other_spec) } else { (other_spec, spec) };
                    return Err(KeymapError {
                        line: from_line.get(&rebound.command).copied().unwrap_or(0),
                        message: format!("keys.{}: {} is already the key of {}", rebound.name, key.name(), kept.name),
                    });
                }
            }
            keys.push((spec.command, list));
        }
        Ok(Self { keys, lookup })
    }

    /// The command a key runs on the map (`map`: its own keys first) or elsewhere.
    pub fn command(&self, map: bool, event: KeyEvent) -> Option<Command> {
        let key = Key::of(event);
        let on_map = map.then(|| self.lookup.get(&(Context::Map.group(), key))).flatten();
        on_map.or_else(|| self.lookup.get(&(Context::Everywhere.group(), key))).copied()
    }

    pub fn keys_of(&self, command: Command) -> &[Key] {
        self.keys.iter().find(|(c, _)| *c == command).map_or(&[], |(_, k)| k)
    }

    /// Every command with its keys as the configuration writes them, in the table's order (what
    /// `skyboard config` prints under `[keys]`).
    pub fn bindings(&self) -> Vec<(&'static str, Vec<String>)> {
        TABLE.iter().map(|s| (s.name, self.keys_of(s.command).iter().map(Key::name).collect())).collect()
    }

    /// The help overlay's lines: (keys, description), a heading with no keys. A command's keys
    /// are apart by a space, commands by two.
    pub fn help_lines(&self) -> Vec<(String, &'static str)> {
        HELP.iter()
            .map(|line| match line {
                HelpLine::Heading(text) => (String::new(), *text),
                HelpLine::Keys(commands, text) => {
                    let keys: Vec<String> = commands
                        .iter()
                        .map(|c| self.keys_of(*c).iter().map(Key::label).collect::<Vec<_>>().join(" "))
                        .collect();
                    (keys.join("  "), *text)
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print_back() {
        for (text, label) in [("q", "q"), ("W", "W"), ("Enter", "Enter"), ("pagedown", "PgDn"), ("Ctrl-R", "Ctrl-r")] {
            assert_eq!(Key::parse(text).unwrap().label(), label, "{text}");
        }
        assert_eq!(Key::parse("F2").unwrap().label(), "F2");
        assert!(Key::parse("Hyper-x").unwrap_err().contains("is not a key"));
        assert!(Key::parse("").is_err() && Key::parse("F13").is_err());
        // What `skyboard config` prints reads back as the same keys.
        for (_, keys) in Keymap::default().bindings() {
            for k in keys {
                assert_eq!(Key::parse(&k).unwrap().name(), k);
            }
        }
    }

    #[test]
    fn every_command_is_in_the_table_and_the_help_once() {
        let in_help: Vec<Command> = HELP
            .iter()
            .flat_map(|l| match l {
                HelpLine::Keys(c, _) => c.to_vec(),
                HelpLine::Heading(_) => vec![],
            })
            .collect();
        assert_eq!(in_help.len(), TABLE.len());
        for spec in TABLE {
            assert_eq!(in_help.iter().filter(|c| **c == spec.command).count(), 1, "{}", spec.name);
            assert!(!Keymap::default().keys_of(spec.command).is_empty(), "{}", spec.name);
        }
    }
}
