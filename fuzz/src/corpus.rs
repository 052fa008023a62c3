//! The fixed corpus and the timed run: each target's seeds, deterministic mutations of them, and
//! the crash inputs libFuzzer saved, replayed without nightly.

/// A small deterministic generator (xorshift64*) for the mutations of the fixed corpus and the
/// timed run. Written here rather than taken from a crate: the fixed corpus must be the same
/// inputs on every machine, toolchain and dependency update, which a hand-written generator of
/// five lines guarantees and a library's `StdRng` does not promise; and it adds no dependency.
struct Mutator(u64);

impl Mutator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    /// One to four random edits of `input`: flip a bit, set a byte to an interesting value,
    /// insert or delete a run, truncate, duplicate a run, or splice in part of `other`.
    fn mutate(&mut self, input: &[u8], other: &[u8]) -> Vec<u8> {
        const INTERESTING: &[u8] = b"\0\x1b\x7f\xff\"{}[],:-.0123456789eE \\\xc2\x9b";
        let mut out = input.to_vec();
        for _ in 0..1 + self.below(4) {
            let at = self.below(out.len() + 1);
            match self.below(7) {
                0 if !out.is_empty() => {
                    let i = at.min(out.len() - 1);
                    out[i] ^= 1 << self.below(8);
                }
                1 if !out.is_empty() => {
                    let i = at.min(out.len() - 1);
                    out[i] = INTERESTING[self.below(INTERESTING.len())];
                }
                2 => {
                    let n = 1 + self.below(8);
                    let bytes: Vec<u8> = (0..n).map(|_| INTERESTING[self.below(INTERESTING.len())]).collect();
                    out.splice(at..at, bytes);
                }
                3 => {
                    let end = (at + 1 + self.below(16)).min(out.len());
                    out.drain(at.min(end)..end);
                }
                4 => out.truncate(at),
                5 if !out.is_empty() => {
                    let start = self.below(out.len());
                    let end = (start + 1 + self.below(64)).min(out.len());
                    let run = out[start..end].to_vec();
                    out.splice(at..at, run);
                }
                _ if !other.is_empty() => {
                    let start = self.below(other.len());
                    let end = (start + 1 + self.below(256)).min(other.len());
                    out.splice(at..at, other[start..end].iter().copied());
                }
                _ => {}
            }
        }
        out
    }
}

/// Where the seeds are: `seeds/` beside this crate's manifest, or `fuzz/seeds/` when this file
/// is compiled into the main workspace's tests.
pub fn seeds_dir() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if root.join("seeds").is_dir() { root.join("seeds") } else { root.join("fuzz").join("seeds") }
}

/// Mutations of the seeds in the fixed corpus of each target: as many for every target as its
/// inputs allow in about two seconds (at most) of a debug build on one core of the 2-core machine
/// (the structured JSON documents of `clean_value_json` are the slowest).
pub const FIXED_MUTATIONS: &[(&str, u64)] = &[
    ("split_and_clean", 10_000),
    ("lufthansa_records", 10_000),
    ("airlabs_records", 10_000),
    ("opensky_states", 10_000),
    ("clean_value_json", 3_000),
    ("sanitize", 100_000),
    ("config_file", 10_000),
];

/// The mutation count of `target` in the fixed corpus.
pub fn fixed_mutations(target: &str) -> u64 {
    FIXED_MUTATIONS.iter().find(|(t, _)| *t == target).map(|(_, n)| *n).expect("a known fuzz target")
}

/// Where a crashing input is written: outside the source tree, under the build's temporary
/// directory when cargo names one (integration tests), else the system's.
pub fn crash_dir(target: &str) -> std::path::PathBuf {
    let base = option_env!("CARGO_TARGET_TMPDIR").map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    base.join("skyboard-fuzz-crashes").join(target)
}

/// The inputs one run tried: the seeds, the mutations, and a digest of every input (FNV-1a), the
/// same on every machine for the fixed corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tried {
    pub seeds: u64,
    pub mutations: u64,
    pub digest: u64,
}

impl Tried {
    pub fn inputs(&self) -> u64 {
        self.seeds + self.mutations
    }
}

/// The seeds of `target`, in byte order (so the mutations are the same wherever they run).
fn seeds_of(target: &str) -> Vec<Vec<u8>> {
    let dir = seeds_dir().join(target);
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries.flatten().filter(|e| e.path().is_file()).filter_map(|e| std::fs::read(e.path()).ok()).collect()
        })
        .unwrap_or_default();
    assert!(!seeds.is_empty(), "no seeds for {target} in {}", dir.display());
    seeds.sort();
    seeds
}

/// Runs `f` on every seed of `target` once, then on mutations of the seeds (see [`Mutator`],
/// seeded by the target's name) while `more(mutations so far)` says so. A panic in the target
/// fails the run; the input that caused it is written to [`crash_dir`] first (never into the
/// source tree), so it can be replayed and kept as a seed.
fn run_mutations(target: &str, f: fn(&[u8]), mut more: impl FnMut(u64) -> bool) -> Tried {
    let seeds = seeds_of(target);
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    let mut run = |input: &[u8], n: u64| {
        for b in input.iter().chain(&[0xff]) {
            digest = (digest ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        if std::panic::catch_unwind(|| f(input)).is_err() {
            let out = crash_dir(target);
            let _ = std::fs::create_dir_all(&out);
            let file = out.join(format!("crash-{n}"));
            let _ = std::fs::write(&file, input);
            panic!("{target}: input {n} panicked; saved to {}", file.display());
        }
    };
    for (n, seed) in seeds.iter().enumerate() {
        run(seed, n as u64);
    }
    let name_seed =
        target.bytes().fold(0x5eed_0000_0000_0001_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let mut m = Mutator(name_seed | 1);
    let mut mutations = 0;
    while more(mutations) {
        let a = &seeds[m.below(seeds.len())];
        let b = &seeds[m.below(seeds.len())];
        let input = m.mutate(a, b);
        run(&input, seeds.len() as u64 + mutations);
        mutations += 1;
    }
    Tried { seeds: seeds.len() as u64, mutations, digest }
}

/// The fixed corpus of `target`, what `cargo test` runs: every seed, then
/// [`fixed_mutations`]`(target)` deterministic mutations of them. The same inputs on every
/// machine, however fast.
pub fn fixed_run(target: &str, f: fn(&[u8])) -> Tried {
    let n = fixed_mutations(target);
    run_mutations(target, f, |done| done < n)
}

/// A timed run of `target` without libFuzzer, for `scripts/fuzz.sh` (not `cargo test`): every
/// seed, then mutations until `budget` runs out; how many depends on the machine.
pub fn timed_run(target: &str, f: fn(&[u8]), budget: std::time::Duration) -> Tried {
    let started = std::time::Instant::now();
    run_mutations(target, f, |_| started.elapsed() < budget)
}

/// The crash inputs libFuzzer left in `fuzz/artifacts/<target>/` on this machine (not part of
/// the fixed corpus: they are not committed; a finding worth keeping becomes a seed).
pub fn saved_crashes(target: &str) -> Vec<std::path::PathBuf> {
    let dir = seeds_dir().with_file_name("artifacts").join(target);
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("crash-")))
        .collect();
    files.sort();
    files
}
