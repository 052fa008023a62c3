#![no_main]
//! See `skyboard_fuzz::clean_value_json`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| skyboard_fuzz::clean_value_json(data));
