#!/usr/bin/env bash
# Installs the system packages undoc needs on Debian 12 (with --bench, also those of
# the benchmark scripts) (run as root, or with sudo
# available). Packages already installed are left alone, so re-running is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

lists=(scripts/setup-packages.txt)
[ "${1:-}" = "--bench" ] && lists+=(scripts/bench-packages.txt)
mapfile -t wanted < <(cat "${lists[@]}" | grep -v '^\s*#' | sed 's/\s.*//' | grep -v '^$')
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The PyPI packages of the data generators (scripts/gen-countries.py: config/countries;
# scripts/gen-lexicon.py: the repair lexicons), at the versions pinned in each script,
# in a virtual environment per generator under target/ (scripts/test.sh checks with them
# that the generated files of config/ are what the generators make). Not fatal here:
# without them test.sh says that it skipped the check (and fails under CI=true).
# gen-lexicon reads wordfreq's data files only, so its pins install without dependencies.
install_generator() { # NAME [PIP OPTIONS]
  local venv=target/$1-venv
  if ! "$venv/bin/python" "scripts/$1.py" --check-pins 2>/dev/null; then
    echo "setup: installing the packages of scripts/$1.py into $venv" >&2
    { python3 -m venv "$venv" &&
      python3 "scripts/$1.py" --requirements >"$venv/requirements.txt" &&
      "$venv/bin/pip" install -q --disable-pip-version-check "${@:2}" -r "$venv/requirements.txt"; } ||
      echo "setup: could not install the packages of scripts/$1.py (PyPI)" >&2
  fi
}
install_generator gen-countries
install_generator gen-lexicon --no-deps

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo (Rust toolchain) is not installed; install Rust first (https://rustup.rs)" >&2
  exit 1
fi
