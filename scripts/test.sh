#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine (as root) or a developer's laptop:
# installs and starts what the tests need (tmux, MariaDB, a MongoDB-wire server), checks
# formatting and lints, runs every test, and stops the servers it started.
#   scripts/test.sh            everything
#   scripts/test.sh -- ARGS    extra arguments for `cargo test` (e.g. a test name filter)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*" >&2; }

need_apt=()
command -v tmux >/dev/null || need_apt+=(tmux)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing: ${need_apt[*]} (install them, or run as root on Debian)" >&2
    exit 1
  fi
fi

command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)" >&2; exit 1; }

log "test services"
# shellcheck source=scripts/test-services.sh
. scripts/test-services.sh
trap svc_stop_all EXIT
start_test_services

log "cargo fmt --check"
cargo fmt --all -- --check

log "cargo clippy (warnings are errors)"
cargo clippy --locked --workspace --all-targets -- -D warnings

log "dependencies (cargo deny: licences, bans, sources; advisories when the database is reachable)"
if ! command -v cargo-deny >/dev/null; then
  log "installing cargo-deny (once)"
  cargo install --locked cargo-deny@0.20.2
fi
# cargo-deny reads the whole lock file, the crates of other platforms too: fetch them first.
cargo fetch --locked
cargo deny --offline check licenses bans sources
if timeout 90 cargo deny fetch db >/dev/null 2>&1; then
  cargo deny check advisories
else
  echo "advisories: skipped - the RustSec advisory database (github.com) cannot be fetched from this machine" >&2
fi

log "cargo test"
extra=()
if [ "${1:-}" = "--" ]; then shift; extra=("$@"); fi
cargo test --locked --workspace ${extra[@]+"${extra[@]}"}
