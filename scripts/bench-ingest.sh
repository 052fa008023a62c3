#!/usr/bin/env bash
# End-to-end figure for `skyboard ingest-file`: a 10,000-record AirLabs /flights dump (the
# documented format, with its quirks) into a freshly migrated embedded stack (lake directory,
# embedded staging, SQLite warehouse), whole process, release build.
#   scripts/bench-ingest.sh [RECORDS] [RUNS]
# Uses hyperfine when it is installed (apt-get install hyperfine), otherwise a plain loop.
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-10000}"
runs="${2:-20}"
cargo build --release --bin skyboard >&2
cargo build --release -p skyboard-pipeline --example airlabs_dump >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/examples/airlabs_dump "$records" > "$work/flights.json"
bin="$PWD/target/release/skyboard"
prepare="rm -rf $work/data && SKYBOARD_DATA_DIR=$work/data $bin migrate >/dev/null 2>&1"
cmd="env SKYBOARD_DATA_DIR=$work/data $bin ingest-file --source airlabs --endpoint flights $work/flights.json"
sh -c "$prepare" && $cmd
if command -v hyperfine >/dev/null; then
    hyperfine -N -w 2 -r "$runs" --prepare "sh -c '$prepare'" "$cmd"
else
    for _ in $(seq "$runs"); do
        sh -c "$prepare"
        /usr/bin/env time -f "%e s" $cmd >/dev/null
    done
fi
