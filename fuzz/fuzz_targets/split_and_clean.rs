#![no_main]
//! See `skyboard_fuzz::split_and_clean`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| skyboard_fuzz::split_and_clean(data));
