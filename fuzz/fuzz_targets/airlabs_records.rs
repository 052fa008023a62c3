#![no_main]
//! See `skyboard_fuzz::airlabs_records`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| skyboard_fuzz::airlabs_records(data));
