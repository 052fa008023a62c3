use std::path::PathBuf;

fn xdg(var: &str, fallback: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(fallback)))
}

/// `$XDG_CONFIG_HOME/skyboard/config.toml` (or `~/.config/skyboard/config.toml`).
pub fn default_config_file() -> Option<PathBuf> {
    xdg("XDG_CONFIG_HOME", ".config").map(|d| d.join("skyboard").join("config.toml"))
}

/// `$XDG_DATA_HOME/skyboard` (or `~/.local/share/skyboard`).
pub fn default_data_dir() -> Option<PathBuf> {
    xdg("XDG_DATA_HOME", ".local/share").map(|d| d.join("skyboard"))
}
