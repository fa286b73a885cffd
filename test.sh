#!/usr/bin/env bash
# The whole test suite: formatting, lints, and every test of every crate. Tests build in the
# test profile (opt-level 1, see Cargo.toml), which compiles much faster than release while
# keeping the large-input tests quick.
set -euo pipefail
cd "$(dirname "$0")"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
