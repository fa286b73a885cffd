//! Any request to the router of `saywho serve` (query strings, path segments, JSON, HTML and
//! multipart bodies): never a server error.
#![no_main]

thread_local! {
    static HARNESS: saywho_robust::ApiHarness = saywho_robust::ApiHarness::new();
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    HARNESS.with(|api| api.request(data));
});
