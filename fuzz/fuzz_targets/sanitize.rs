#![no_main]
//! See `skyboard_fuzz::sanitize_target`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| skyboard_fuzz::sanitize_target(data));
