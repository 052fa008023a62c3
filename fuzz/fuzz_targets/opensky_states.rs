#![no_main]
//! See `skyboard_fuzz::opensky_states`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| skyboard_fuzz::opensky_states(data));
