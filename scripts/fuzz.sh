#!/usr/bin/env bash
# Fuzzes every target in fuzz/ for SECONDS_PER_TARGET seconds each (default 20), starting from
# the committed seeds in fuzz/seeds/<target>/. Exits non-zero when a target crashes; the crashing
# input is left in fuzz/artifacts/<target>/ (replay it with
# `cd fuzz && cargo +nightly fuzz run <target> artifacts/<target>/<file>`).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]
#
# Needs a nightly toolchain (libFuzzer's instrumentation); installs cargo-fuzz when it is missing.
# Without nightly (or cargo-fuzz) it says so on stderr and runs the same target code with a
# plain `cargo test` on the default toolchain instead: the fixed corpus (what every `cargo test`
# runs: the seeds and a fixed number of deterministic mutations), then the timed run, mutations of
# the seeds for SECONDS_PER_TARGET seconds each (the ignored test `timed_run_of_every_target`).
#
# Environment: FUZZ_TARGETS="a b" runs only those targets; FUZZ_SANITIZER=address|none (default
# address); FUZZ_JOBS=N parallel libFuzzer jobs per target (default 1); FUZZ_SKIP=1 skips it all.
#
# The first build instruments the whole dependency tree (pipeline, sqlx, the AWS SDK, ...): it
# takes tens of minutes on two cores; later builds reuse fuzz/target and take a few minutes.
set -euo pipefail

secs="${1:-20}"
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
    echo "usage: $0 [SECONDS_PER_TARGET]" >&2
    exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/fuzz"
sanitizer="${FUZZ_SANITIZER:-address}"
jobs="${FUZZ_JOBS:-1}"
# Fewer, bigger codegen units than cargo-fuzz's default of one: the dependency tree is large
# and the machines have two cores. Build and run must use the same flags, or run rebuilds.
build_flags=(--sanitizer "$sanitizer" --codegen-units 16)

replay_seeds() {
    echo "fuzz.sh: the fixed corpus and a timed run of ${secs}s per target instead (cargo test in fuzz/)" >&2
    cd "$fuzz"
    SKYBOARD_FUZZ_SECONDS="$secs" exec cargo test --lib -- --include-ignored --nocapture
}

if [ -n "${FUZZ_SKIP:-}" ]; then
    echo "fuzz.sh: skipped: FUZZ_SKIP is set" >&2
    exit 0
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "fuzz.sh: skipped: no cargo on PATH" >&2
    exit 0
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz.sh: cannot fuzz: no nightly toolchain (rustup toolchain install nightly)" >&2
    replay_seeds
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    if ! cargo install cargo-fuzz --locked; then
        echo "fuzz.sh: cannot fuzz: cargo-fuzz could not be installed" >&2
        replay_seeds
    fi
fi

cd "$fuzz"
if [ -n "${FUZZ_TARGETS:-}" ]; then
    read -r -a targets <<<"$FUZZ_TARGETS"
else
    mapfile -t targets < <(cargo fuzz list)
fi

echo "fuzz.sh: building ${#targets[@]} targets (sanitizer: $sanitizer)" >&2
cargo +nightly fuzz build "${build_flags[@]}"

failed=()
for t in "${targets[@]}"; do
    # A scratch corpus that grows from run to run; the seeds are read from their own directory
    # and never written to (libFuzzer adds new inputs to the first directory only).
    corpus="$fuzz/target/fuzz-corpus/$t"
    mkdir -p "$corpus" "$fuzz/artifacts/$t"
    log="$fuzz/target/fuzz-logs/$t.log"
    mkdir -p "$(dirname "$log")"
    echo "fuzz.sh: $t for ${secs}s" >&2
    par=()
    # With -jobs, libFuzzer writes each job's output to fuzz-N.log in the working directory.
    [ "$jobs" -gt 1 ] && par=(-jobs="$jobs" -workers="$jobs")
    if cargo +nightly fuzz run "${build_flags[@]}" "$t" "$corpus" "$fuzz/seeds/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -max_len=1048576 -timeout=10 \
        -print_final_stats=1 "${par[@]}" >"$log" 2>&1; then
        logs=("$log")
        [ "$jobs" -gt 1 ] && logs+=(fuzz-*.log)
        runs=$(awk '/stat::number_of_executed_units:/ { n += $2 } END { print n + 0 }' "${logs[@]}" 2>/dev/null || true)
        echo "fuzz.sh: $t ok (${runs:-?} runs; log $log)" >&2
    else
        echo "fuzz.sh: $t FAILED; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        failed+=("$t")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: crashes in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets, ${secs}s each, no crash" >&2
