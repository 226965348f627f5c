#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check: formatting, lints, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Property tests draw from a fixed seed here so that a run can be reproduced exactly;
# `cargo test` run directly (or another PROPTEST_RNG_SEED) explores new cases, and any
# failure found is kept in tests/proptest-regressions/.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261124}"
# The generated files of config/ (listed in config/README.md) are exactly what their
# generators make from the pinned packages.
check_generated() { # NAME (scripts/NAME.py, packages in target/NAME-venv)
  local python=target/$1-venv/bin/python
  if "$python" "scripts/$1.py" --check-pins 2>/dev/null; then
    "$python" "scripts/$1.py" --check
  elif [ "${CI:-}" = true ]; then
    echo "the $1 check needs the generator's packages (scripts/setup.sh installs them)" >&2
    exit 1
  else
    echo "skipped: $1 check needs the generator's PyPI packages (not installed by scripts/setup.sh)" >&2
  fi
}
check_generated gen-countries
check_generated gen-lexicon
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
# The documentation builds without a warning (broken links, missing docs: lib.rs warns
# on every undocumented public item).
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps
# Every test, the slow ones too (plain `cargo test` skips those: tests/it/main.rs).
cargo test --locked --lib --bins --tests -- --include-ignored
