//! The `config_file` target: any text as skyboard's TOML configuration file.

use std::sync::OnceLock;

/// Target `config_file`: any text as the TOML configuration file. Parsing and loading may fail
/// (with an error that formats), never panic. A file that parses is also loaded through
/// `Config::load` from a temporary file, and the result printed as TOML.
pub fn config_file(data: &[u8]) {
    use skyboard::config::{Config, FileConfig};
    let text = String::from_utf8_lossy(data);
    let path = std::path::Path::new("fuzz.toml");
    match FileConfig::parse(&text, path) {
        Err(e) => {
            let _ = e.to_string();
        }
        Ok(_) => {
            let (file, cli) = load_cli();
            std::fs::write(file, text.as_bytes()).expect("write the temporary config file");
            match Config::load(cli) {
                Ok(config) => {
                    assert_eq!(config.airports.first(), Some(&config.airport));
                    assert!(config.pipeline.interval_secs >= 1);
                    for area in [&config.positions.opensky, &config.positions.airlabs].map(|p| p.area) {
                        if let Some([s, w, n, e]) = area {
                            assert!(s < n && w < e, "{area:?}");
                        }
                    }
                    let _ = config.to_toml().expect("a loaded configuration prints as TOML");
                    let _ = format!("{config:?}");
                    let _ = config.pipeline_settings();
                    let _ = config.store_config();
                }
                Err(e) => {
                    let _ = e.to_string();
                }
            }
        }
    }
}

/// A per-process temporary config file and the command line that names it.
fn load_cli() -> (&'static std::path::Path, &'static skyboard::cli::Cli) {
    use clap::Parser;
    static CLI: OnceLock<(std::path::PathBuf, skyboard::cli::Cli)> = OnceLock::new();
    let (file, cli) = CLI.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("skyboard-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let file = dir.join("config.toml");
        // The environment must not override the file under test.
        for (k, _) in std::env::vars() {
            if ["SKYBOARD_", "LH_", "AIRLABS_", "OPENSKY_"].iter().any(|p| k.starts_with(p)) {
                // SAFETY: called once, before any other thread of this process reads the environment.
                unsafe { std::env::remove_var(k) };
            }
        }
        let cli = skyboard::cli::Cli::try_parse_from([
            "skyboard".as_ref(),
            "--config".as_ref(),
            file.as_os_str(),
            "--data-dir".as_ref(),
            dir.join("data").as_os_str(),
        ])
        .expect("the fuzz command line parses");
        (file, cli)
    });
    (file, cli)
}
