//! Any bytes read as feed: documents that keep their promises, or errors naming the input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    saywho_robust::run_target("feed", data, None);
});
