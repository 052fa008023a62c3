#![no_main]
//! See `skyboard_fuzz::config_file`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| skyboard_fuzz::config_file(data));
