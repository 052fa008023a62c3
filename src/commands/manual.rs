//! `skyboard completions SHELL` and `skyboard man`: generated from the command line's own
//! definition (clap_complete, clap_mangen), so they always list what the binary accepts.

use crate::cli::Cli;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

/// Completions for `shell` to stdout.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "skyboard", &mut out);
    emit(&out)
}

/// The manual page, roff, to stdout.
pub fn man_page() -> ExitCode {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        eprintln!("skyboard: cannot render the manual page: {e}");
        return ExitCode::FAILURE;
    }
    emit(&out)
}

/// Writes to stdout; a reader that stops early (`| head`) is no failure.
fn emit(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("skyboard: cannot write to stdout: {e}");
            ExitCode::FAILURE
        }
    }
}
