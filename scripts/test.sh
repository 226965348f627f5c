#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check: formatting, lints, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Property tests draw from a fixed seed here so that a run can be reproduced exactly;
# `cargo test` run directly (or another PROPTEST_RNG_SEED) explores new cases, and any
# failure found is kept in tests/*.proptest-regressions.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261124}"
# config/countries and the lexicons are exactly what their generators make from the
# pinned packages.
for gen in countries lexicon; do
  gen_python=target/gen-$gen-venv/bin/python
  if "$gen_python" scripts/gen-$gen.py --check-pins 2>/dev/null; then
    "$gen_python" scripts/gen-$gen.py --check
  elif [ "${CI:-}" = true ]; then
    echo "the $gen-data check needs the generator's packages (scripts/setup.sh installs them)" >&2
    exit 1
  else
    echo "skipped: $gen-data check needs the generator's PyPI packages (not installed by scripts/setup.sh)" >&2
  fi
done
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked --lib --bins --tests
