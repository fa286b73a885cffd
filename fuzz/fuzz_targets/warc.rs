//! Any bytes read as warc: documents that keep their promises, or errors naming the input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    saywho_robust::run_target("warc", data, None);
});
