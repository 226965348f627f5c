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

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo (Rust toolchain) is not installed; install Rust first (https://rustup.rs)" >&2
  exit 1
fi
