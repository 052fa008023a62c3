//! The fixed corpus of every target (see [`fixed_run`](super::fixed_run)): in `cargo test`
//! here and, through `tests/fuzz_short.rs`, in the main workspace's tests. Any crash input
//! libFuzzer saved on this machine is replayed first (and not counted). The number of inputs
//! per target is pinned below: it is the same on any machine; adding a seed changes it here.
//! The timed run (`SKYBOARD_FUZZ_SECONDS` per target, default 3) is an ignored test that
//! `scripts/fuzz.sh` runs when it cannot run libFuzzer.

/// Inputs of each target's fixed corpus: its seeds in `fuzz/seeds/<target>/` plus its
/// [`FIXED_MUTATIONS`](super::FIXED_MUTATIONS).
const INPUTS: &[(&str, u64)] = &[
    ("split_and_clean", 18 + 10_000),
    ("lufthansa_records", 9 + 10_000),
    ("airlabs_records", 8 + 10_000),
    ("opensky_states", 2 + 10_000),
    ("clean_value_json", 24 + 3_000),
    ("sanitize", 11 + 100_000),
    ("config_file", 5 + 10_000),
];

fn fuzz(target: &str, f: fn(&[u8])) {
    for file in super::saved_crashes(target) {
        eprintln!("{target}: replaying {}", file.display());
        f(&std::fs::read(&file).unwrap());
    }
    let tried = super::fixed_run(target, f);
    eprintln!(
        "{target}: {} inputs ({} seeds + {} mutations, digest {:016x}), no crash",
        tried.inputs(),
        tried.seeds,
        tried.mutations,
        tried.digest
    );
    let pinned = INPUTS.iter().find(|(t, _)| *t == target).map(|(_, n)| *n);
    assert_eq!(Some(tried.inputs()), pinned, "{target}: the fixed corpus's size");
}

#[test]
fn every_target_has_a_pinned_corpus() {
    let names: Vec<&str> = super::TARGETS.iter().map(|(t, _)| *t).collect();
    assert_eq!(names, INPUTS.iter().map(|(t, _)| *t).collect::<Vec<_>>());
    assert_eq!(names, super::FIXED_MUTATIONS.iter().map(|(t, _)| *t).collect::<Vec<_>>());
}

#[test]
fn split_and_clean_fixed_corpus() {
    fuzz("split_and_clean", super::split_and_clean);
}

#[test]
fn lufthansa_records_fixed_corpus() {
    fuzz("lufthansa_records", super::lufthansa_records);
}

#[test]
fn airlabs_records_fixed_corpus() {
    fuzz("airlabs_records", super::airlabs_records);
}

#[test]
fn opensky_states_fixed_corpus() {
    fuzz("opensky_states", super::opensky_states);
}

#[test]
fn clean_value_json_fixed_corpus() {
    fuzz("clean_value_json", super::clean_value_json);
}

#[test]
fn sanitize_fixed_corpus() {
    fuzz("sanitize", super::sanitize_target);
}

#[test]
fn config_file_fixed_corpus() {
    fuzz("config_file", super::config_file);
}

/// The timed run of every target, `SKYBOARD_FUZZ_SECONDS` (default 3) each: how many inputs
/// it tries depends on the machine, so it is not part of `cargo test`; `scripts/fuzz.sh`
/// runs it (`cargo test --lib -- --ignored`) where libFuzzer cannot run.
#[test]
#[ignore = "time-budgeted: scripts/fuzz.sh runs it"]
fn timed_run_of_every_target() {
    let secs = std::env::var("SKYBOARD_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3.0_f64);
    let budget = std::time::Duration::from_secs_f64(secs.max(0.0));
    for (target, f) in super::TARGETS {
        let tried = super::timed_run(target, *f, budget);
        eprintln!("{target}: {} inputs in {secs} s, no crash", tried.inputs());
    }
}
