#![no_main]
//! See `skyboard_fuzz::lufthansa_records`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| skyboard_fuzz::lufthansa_records(data));
