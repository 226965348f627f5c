#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds undoc and runs it on the project's own
# corpus: the synthetic PDFs and the seed texts (not corpus/README.md, which undoc would
# read as one more text document). Records go to out/records.jsonl; the run summary is
# printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --locked
mkdir -p out
set +e
./target/release/undoc ingest corpus/synthetic corpus/seeds -o out/records.jsonl
code=$?
set -e
echo "records: out/records.jsonl ($(wc -l < out/records.jsonl) documents); exit code $code" >&2
exit $code
