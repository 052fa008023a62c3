//! Command-line manners: `export … | head` ends quietly, completions and the manual page are
//! generated from the command line itself, every command's `--help` has an example.

use std::io::Read;
use std::process::{Command, Output, Stdio};

fn skyboard() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_skyboard"));
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-skyboard-test")
        .env_remove("LH_CLIENT_ID")
        .env_remove("LH_CLIENT_SECRET")
        .env_remove("RUST_LOG")
        .env_remove("SKYBOARD_WAREHOUSE")
        .env_remove("SKYBOARD_STAGING")
        .env_remove("SKYBOARD_LAKE");
    cmd
}

fn run(args: &[&str]) -> Output {
    skyboard().args(args).output().unwrap()
}

#[test]
fn export_into_a_pipe_that_closes_early_exits_0_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let once = run(&["--pipeline-only", "--once", "--data-dir", d]);
    assert!(once.status.success(), "{}", String::from_utf8_lossy(&once.stderr));

    // As a user types it: `skyboard export flights | head -1`, the exit status being skyboard's.
    let bin = env!("CARGO_BIN_EXE_skyboard");
    let out = Command::new("bash")
        .args([
            "-c",
            &format!("set -o pipefail; XDG_CONFIG_HOME=/nonexistent '{bin}' --data-dir '{d}' export flights | head -1"),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("carrier,"), "the CSV header");

    // A reader that is gone before the first write: the write itself fails with EPIPE.
    for what in ["flights", "positions", "airports"] {
        let mut child = skyboard()
            .args(["--data-dir", d, "export", what])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        let status = child.wait().unwrap();
        assert!(status.success(), "export {what}: {status:?} {stderr}");
        assert!(stderr.is_empty(), "export {what}: {stderr}");
    }
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        for word in ["skyboard", "ingest-file", "export", "airport", "completions"] {
            assert!(text.contains(word), "{shell} completions lack {word}");
        }
    }
    assert!(!run(&["completions", "cmd.exe"]).status.success(), "an unknown shell is an error");
}

#[test]
fn the_manual_page() {
    let out = run(&["man"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(".ie") || text.contains(".TH skyboard"), "{}", &text[..text.len().min(300)]);
    for word in ["ingest\\-file", "export", "\\-\\-airport", "live flight monitor"] {
        assert!(text.contains(word), "the manual page lacks {word}");
    }
}

#[test]
fn every_command_has_an_example_in_its_help() {
    let top = String::from_utf8(run(&["--help"]).stdout).unwrap();
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 9, "{commands:?}");
    for command in commands {
        let help = String::from_utf8(run(&[&command, "--help"]).stdout).unwrap();
        assert!(help.contains("Example:\n  skyboard"), "`skyboard {command} --help` has no example:\n{help}");
    }
}
