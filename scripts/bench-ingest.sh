#!/usr/bin/env bash
# skyboard's `ingest-file` against the original project's cleaning step, in one run on this
# machine: a 10,000-record AirLabs /flights dump (the documented format, with its quirks) into
# a fresh embedded stack (lake directory, embedded staging, SQLite warehouse; written, fsynced
# and committed), whole process, release build; and into an existing data directory (the same
# dump again after one earlier different dump). The baseline is scripts/original_clean.py:
# json.load, DataFrame, dropna, fillna in memory (pandas, in a venv under ~/.cache). Prints the
# figures and the ratio skyboard / baseline (≤ 1.0: skyboard, durably, is not slower).
#   scripts/bench-ingest.sh [RECORDS] [RUNS]
# Uses hyperfine when it is installed (apt-get install hyperfine), otherwise a plain loop.
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-10000}"
runs="${2:-20}"
# SKYBOARD_BENCH_NO_BUILD=1: measure the binaries already in the target directory.
if [ -z "${SKYBOARD_BENCH_NO_BUILD:-}" ]; then
  cargo build --release --bin skyboard >&2
  cargo build --release -p skyboard-pipeline --example airlabs_dump >&2
fi
target="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$target/release/examples/airlabs_dump" "$records" > "$work/flights.json"
"$target/release/examples/airlabs_dump" "$records" 11 > "$work/earlier.json"
bin="$target/release/skyboard"

venv="${SKYBOARD_BENCH_VENV:-$HOME/.cache/skyboard-bench-venv}"
if ! "$venv/bin/python" -c 'import pandas' 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q pandas >&2
fi

# Milliseconds of one whole `ingest-file` process after `prepare`, the median of `runs`.
measure() { # prepare-command
  local times=()
  for _ in $(seq "$runs"); do
    sh -c "$1"
    local start end
    start=$(date +%s%N)
    env SKYBOARD_DATA_DIR="$work/data" "$bin" ingest-file --source airlabs --endpoint flights "$work/flights.json" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'
}

fresh="rm -rf $work/data && SKYBOARD_DATA_DIR=$work/data $bin migrate >/dev/null 2>&1"
existing="$fresh && SKYBOARD_DATA_DIR=$work/data $bin ingest-file --source airlabs --endpoint flights $work/earlier.json >/dev/null"
sh -c "$fresh" && env SKYBOARD_DATA_DIR="$work/data" "$bin" ingest-file --source airlabs --endpoint flights "$work/flights.json" | head -1
fresh_ms=$(measure "$fresh")
existing_ms=$(measure "$existing")
baseline=$("$venv/bin/python" scripts/original_clean.py "$work/flights.json" "$runs")
baseline_ms=${baseline%% ms*}
echo "skyboard ingest-file, fresh data directory:    ${fresh_ms} ms (median of $runs, whole process)"
echo "skyboard ingest-file, existing data directory: ${existing_ms} ms (median of $runs, whole process)"
echo "original cleaning step in memory (pandas):     $baseline"
awk -v a="$fresh_ms" -v b="$existing_ms" -v c="$baseline_ms" \
  'BEGIN { printf "ratio skyboard / original: fresh %.2f, existing %.2f\n", a / c, b / c }'
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 2 -r "$runs" --prepare "sh -c '$fresh'" \
    "env SKYBOARD_DATA_DIR=$work/data $bin ingest-file --source airlabs --endpoint flights $work/flights.json"
fi

# Memory: one response eight times the size, and a list of eight responses of the benchmark's
# size; the peak resident memory (VmHWM) of each run against the largest response's size.
"$target/release/examples/airlabs_dump" $((records * 8)) > "$work/big.json"
python3 - "$work/flights.json" "$work/earlier.json" "$work/list.json" <<'PY'
import sys
a, b = open(sys.argv[1]).read(), open(sys.argv[2]).read()
open(sys.argv[3], "w").write("[" + ",".join([a, b] * 4) + "]")
PY
peak() { # file -> "peak MiB"
  rm -rf "$work/mem" && env SKYBOARD_DATA_DIR="$work/mem" SKYBOARD_REPORT_PEAK_RSS=1 "$bin" ingest-file --source airlabs \
    --endpoint flights "$1" 2>&1 >/dev/null | awk '/^peak RSS:/ {printf "%.1f", $3 / 1024}'
}
mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
echo "peak RSS, one response of $(mib "$work/big.json") MiB ($((records * 8)) records): $(peak "$work/big.json") MiB"
echo "peak RSS, a list of 8 responses ($(mib "$work/list.json") MiB, each $(mib "$work/flights.json") MiB): $(peak "$work/list.json") MiB"
