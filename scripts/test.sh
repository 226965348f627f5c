#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check: formatting, lints, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked --lib --bins --tests
