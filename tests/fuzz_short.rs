//! The fixed fuzz corpus of every fuzz target in the main test suite: the bodies of the cargo-fuzz
//! targets (`fuzz/src/lib.rs`) compiled in here, each run on its seeds (`fuzz/seeds/<target>/`)
//! and a fixed number of deterministic mutations of them (a seeded generator), so every machine
//! tries the same inputs, as many as the test pins per target; crash inputs libFuzzer saved on
//! this machine are replayed first. A crashing input is written under the build's temporary
//! directory (`target/tmp/skyboard-fuzz-crashes/`), never into the source tree. The timed run
//! and the coverage-guided one (libFuzzer) are `scripts/fuzz.sh`'s (README, Fuzzing).

#[allow(dead_code)] // the fuzz crate's binaries call what these tests do not
#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;
