#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check: formatting, lints, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Property tests draw from a fixed seed here so that a run can be reproduced exactly;
# `cargo test` run directly (or another PROPTEST_RNG_SEED) explores new cases, and any
# failure found is kept in tests/*.proptest-regressions.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261124}"
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked --lib --bins --tests
