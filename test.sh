#!/usr/bin/env bash
# The whole test suite: formatting, lints, and every test of every crate (release build, so the
# integration tests measure the binary users run).
set -euo pipefail
cd "$(dirname "$0")"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --release -- -D warnings
cargo test --workspace --release
