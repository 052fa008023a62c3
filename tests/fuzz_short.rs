//! A short fuzz run of every fuzz target in the main test suite: the bodies of the cargo-fuzz
//! targets (`fuzz/src/lib.rs`) compiled in here, each run on its seeds, every saved crash input
//! and then mutations of the seeds for `SKYBOARD_FUZZ_SECONDS` (default 3) seconds per target.
//! Not coverage-guided: `scripts/fuzz.sh` runs libFuzzer on the same targets (README, Fuzzing).

#[allow(dead_code)] // the fuzz crate's binaries call what these tests do not
#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;
