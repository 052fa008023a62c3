//! Themes and keys (#20 item 6): one keymap table drives dispatch, the help overlay and the
//! configuration. Every command has a key and does something, the help lists exactly the
//! keymap's bindings, a `[keys]` rebinding takes effect and shows in the help, a conflicting one
//! is a configuration error with file and line (exit 2). Each theme (`dark`, `light`,
//! `high-contrast`, `mono`) on one board at 80×24, and `[ui] theme` / `[ui.colors]` reach it.

mod support;

use clap::Parser;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use skyboard::cli::Cli;
use skyboard::config::Config;
use skyboard::tui::keymap::{HELP, HelpLine, Key, Keymap, TABLE};
use skyboard::tui::keys::action_for;
use skyboard::tui::render::{MapMarker, render_with};
use skyboard::tui::state::{Action, AppState, Screen, update};
use skyboard::tui::theme::{Theme, ThemeName};
use std::sync::Arc;

fn config_with(text: &str) -> Result<Config, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    let cli = Cli::parse_from(["skyboard", "--config", path.to_str().unwrap()]);
    Config::load(&cli).map_err(|e| e.to_string())
}

/// A key event for a key as the help shows it (`Ctrl-c`, `↑`, `W`).
fn event(key: &Key) -> KeyEvent {
    let name = key.name();
    let (code, modifiers) = match name.strip_prefix("Ctrl-") {
        Some(c) => (KeyCode::Char(c.chars().next().unwrap()), KeyModifiers::CONTROL),
        None => (
            match name.as_str() {
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Backspace" => KeyCode::Backspace,
                "Up" => KeyCode::Up,
                "Down" => KeyCode::Down,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "PageUp" => KeyCode::PageUp,
                "PageDown" => KeyCode::PageDown,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                c => KeyCode::Char(c.chars().next().unwrap()),
            },
            KeyModifiers::NONE,
        ),
    };
    KeyEvent::new(code, modifiers)
}

fn help_text(state: &AppState) -> String {
    let mut state = state.clone();
    state.show_help = true;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| render_with(f, &state, Theme::MONO, MapMarker::Ascii)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn every_command_has_a_key_that_does_it_and_the_help_lists_exactly_the_bindings() {
    let keymap = Keymap::default();
    let state = support::loaded_state();
    for spec in TABLE {
        let keys = keymap.keys_of(spec.command);
        assert!(!keys.is_empty(), "{} has no key", spec.name);
        for key in keys {
            let mut on = state.clone();
            if spec.context == skyboard::tui::keymap::Context::Map {
                on.screen = Screen::Map;
            }
            let action = action_for(&on, event(key));
            assert!(action.is_some(), "{} ({}) does nothing", key.label(), spec.name);
            assert_eq!(keymap.command(on.screen == Screen::Map, event(key)), Some(spec.command), "{}", key.label());
        }
    }
    // The overlay, line by line: each line's keys are its commands' keys, nothing more.
    let screen = help_text(&state);
    let mut shown = 0;
    for line in HELP {
        let HelpLine::Keys(commands, what) = line else { continue };
        let row =
            screen.lines().find(|l| l.contains(what)).unwrap_or_else(|| panic!("{what} not in the help:\n{screen}"));
        let keys_part = row.split('│').nth(1).unwrap().split(what).next().unwrap();
        let listed: Vec<&str> = keys_part.split_whitespace().collect();
        let bound: Vec<String> = commands.iter().flat_map(|c| keymap.keys_of(*c).iter().map(Key::label)).collect();
        assert_eq!(listed, bound, "{what}");
        shown += listed.len();
    }
    let bindings: usize = TABLE.iter().map(|s| keymap.keys_of(s.command).len()).sum();
    assert_eq!(shown, bindings, "the help lists every binding once");
}

#[test]
fn a_rebinding_takes_effect_and_shows_in_the_help() {
    let config = config_with("[keys]\nwatchlist = [\"L\", \"F2\"]\nquit = \"x\"\n").unwrap();
    let mut state = support::loaded_state();
    state.keymap = Arc::new(config.keys.clone());
    let press = |state: &mut AppState, code: KeyCode| {
        if let Some(a) = action_for(state, KeyEvent::new(code, KeyModifiers::NONE)) {
            update(state, a);
        }
    };
    press(&mut state, KeyCode::Char('W'));
    assert_eq!(state.screen, Screen::Board, "W no longer opens the watchlist");
    press(&mut state, KeyCode::Char('L'));
    assert_eq!(state.screen, Screen::Watchlist);
    press(&mut state, KeyCode::Esc);
    press(&mut state, KeyCode::F(2));
    assert_eq!(state.screen, Screen::Watchlist);
    let help = help_text(&state);
    let watch = help.lines().find(|l| l.contains("watch the flight")).unwrap();
    assert!(watch.contains("w  L F2"), "{watch}");
    let quit = help.lines().find(|l| l.contains("this help / quit")).unwrap();
    assert!(quit.contains("?  x Ctrl-c"), "Ctrl-C always quits, and says so: {quit}");
    assert_eq!(action_for(&state, KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)), None, "q is free now");
    assert_eq!(action_for(&state, KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)), Some(Action::Quit));
}

#[test]
fn a_conflicting_binding_is_a_configuration_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "airport = \"FRA\"\n\n[keys]\nwatch = \"d\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skyboard"))
        .args(["--config", path.to_str().unwrap(), "config"])
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}, line 4", path.display()))
            && stderr.contains("keys.watch: d is already the key of departures"),
        "{stderr}"
    );
    assert!(config_with("[keys]\nnext_aircraft = \"d\"\n").is_ok(), "the map's keys shadow the others there");
}

fn board_with(theme: Theme) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| render_with(f, &support::loaded_state(), theme, MapMarker::HalfBlock)).unwrap();
    terminal
}

#[test]
fn each_theme_on_one_board() {
    for name in ThemeName::ALL {
        let terminal = board_with(Theme::named(name));
        let cells = terminal.backend().buffer().content();
        let colours: Vec<Color> = cells.iter().flat_map(|c| [c.fg, c.bg]).filter(|c| *c != Color::Reset).collect();
        // Text on the terminal's own background (not on a bar or a tab).
        let on_background: Vec<Color> = cells.iter().filter(|c| c.bg == Color::Reset).map(|c| c.fg).collect();
        match name {
            ThemeName::Mono => assert!(colours.is_empty(), "mono has no colour"),
            ThemeName::Light => assert!(
                !on_background.iter().any(|c| matches!(c, Color::Yellow | Color::LightYellow | Color::White)),
                "light: no text that vanishes on white"
            ),
            ThemeName::HighContrast => {
                assert!(!colours.contains(&Color::DarkGray), "high contrast: no dark grey")
            }
            ThemeName::Dark => assert!(colours.contains(&Color::Yellow)),
        }
        let label = serde_json::to_value(name).unwrap().as_str().unwrap().to_string();
        insta::assert_snapshot!(format!("theme_{label}_80x24"), format!("{:?}", terminal.backend().buffer()));
    }
}

#[test]
fn the_configured_theme_and_colours_reach_the_screen() {
    let config =
        config_with("[ui]\ntheme = \"light\"\ncolors = { header = \"red\", status_bar = \"#202020\" }\n").unwrap();
    let theme = Theme::from_env(config.ui.theme, &config.ui.colors);
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        assert_eq!(theme, Theme::MONO, "NO_COLOR wins over any theme");
        return;
    }
    assert_eq!(theme.palette.header, Color::Red);
    assert_eq!(theme.palette.status_bar, Color::Rgb(0x20, 0x20, 0x20));
    assert_eq!(theme.palette.delayed, Theme::named(ThemeName::Light).palette.delayed, "the rest is light's");
    let terminal = board_with(theme);
    let header = terminal.backend().buffer().content().iter().find(|c| c.symbol() == "S").unwrap().fg;
    assert_eq!(header, Color::Red, "the board's header row in the overridden colour");
}
