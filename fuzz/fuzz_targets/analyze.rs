//! Any bytes as article text: the analysis must keep every promise of `check_analysis`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    saywho_robust::analyze_bytes(data);
});
