use clap::Parser;
use skyboard::cli::{Cli, Command, DemoCommand};
use skyboard::config::Config;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Installed before anything can take the terminal, so every report reaches a sane screen.
    if let Err(e) = color_eyre::install() {
        eprintln!("skyboard: could not install the error reporter: {e}");
    }
    pipeline::tls::install_crypto_provider();
    let cli = Cli::parse();
    // Generated from the command line's own definition: nothing to configure first.
    match cli.command {
        Some(Command::Completions { shell }) => return skyboard::commands::manual::completions(shell),
        Some(Command::Man) => return skyboard::commands::manual::man_page(),
        _ => {}
    }
    let config = match Config::load(&cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("skyboard: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(Command::Config) = cli.command {
        return match config.to_toml() {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("skyboard: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("skyboard: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = if let Some(Command::IngestFile { source, endpoint, fetched_at, files }) = &cli.command {
        runtime.block_on(skyboard::commands::ingest_file::run(&config, source, endpoint, fetched_at.as_deref(), files))
    } else if let Some(Command::Export { what, airport, format }) = &cli.command {
        runtime.block_on(skyboard::commands::export::run(&config, *what, airport.as_deref(), *format))
    } else if let Some(Command::Watch { flight, date, wait_secs }) = &cli.command {
        let wait = std::time::Duration::from_secs(*wait_secs);
        runtime.block_on(skyboard::commands::watch::run(&config, flight, *date, wait))
    } else if let Some(Command::Demo(DemoCommand::Serve { port })) = &cli.command {
        runtime.block_on(skyboard::commands::demo_serve::run(&config, *port))
    } else if let Some(Command::Migrate) = cli.command {
        runtime.block_on(skyboard::commands::migrate::run(&config))
    } else if let Some(Command::Doctor) = cli.command {
        Ok(runtime.block_on(skyboard::commands::doctor::run(&config)))
    } else if let Some(Command::Pipeline(command)) = &cli.command {
        skyboard::logging::to_stderr_as(&config.log_level, cli.log_format);
        runtime.block_on(skyboard::commands::pipeline_ops::run(&config, command))
    } else if cli.pipeline_only || cli.once {
        let options = skyboard::modes::headless::HeadlessOptions {
            once: cli.once,
            log_format: cli.log_format,
            metrics_addr: cli.metrics_addr,
            concurrency: cli.concurrency,
        };
        runtime.block_on(skyboard::modes::headless::run(config, options))
    } else if cli.viewer {
        let ui = skyboard::modes::UiOptions::from_cli(&cli, &config);
        runtime.block_on(skyboard::modes::viewer::run(config, ui))
    } else {
        let ui = skyboard::modes::UiOptions::from_cli(&cli, &config);
        runtime.block_on(skyboard::modes::interactive::run(config, ui))
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            // The cause chain on one line; a backtrace only when RUST_BACKTRACE asks for one.
            eprintln!("skyboard: {report:#}");
            if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
                eprintln!("{report:?}");
            }
            ExitCode::FAILURE
        }
    }
}
