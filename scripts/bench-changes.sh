#!/usr/bin/env bash
# Size of a changes file (`undoc ingest --changes FILE`) against the full output, for a
# nightly run where 1 % of the documents changed (issue 16).
#
# Corpus: DOCS documents (default 1000), copies of the born-digital PDFs of
# corpus/synthetic and of the seed texts in turn, each made distinct (a comment after
# %%EOF, a trailing line). Run 1 ingests them all; then 1 % of them get a changed
# content (a line added) and run 2 writes its changes file.
#
# Usage: scripts/bench-changes.sh [DOCS]   (UNDOC=path/to/undoc to use another binary;
# the default builds the release binary)
set -euo pipefail
DOCS=${1:-1000}
cd "$(dirname "$0")/.."
if [ -z "${UNDOC:-}" ]; then
  cargo build --release --quiet
  UNDOC=$PWD/target/release/undoc
fi
UNDOC=$(realpath "$UNDOC")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mapfile -t SOURCES < <(ls corpus/synthetic/*.born-digital.pdf corpus/seeds/*.txt)
mkdir -p "$WORK/corpus"
for i in $(seq 1 "$DOCS"); do
  f=${SOURCES[$(( (i - 1) % ${#SOURCES[@]} ))]}
  name=$(printf 'doc-%05d-%s' "$i" "$(basename "$f")")
  case "$f" in
    *.pdf) { cat "$f"; printf '%% bench copy %d\n' "$i"; } > "$WORK/corpus/$name" ;;
    *) { cat "$f"; printf '\nbench copy %d\n' "$i"; } > "$WORK/corpus/$name" ;;
  esac
done
cd "$WORK"

timed() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); python3 -c "print(f'{$e - $s:.1f}')"; }
T1=$(timed "$UNDOC" ingest corpus -o out/records.jsonl --quiet --changes out/changes-1.jsonl 2>/dev/null)
CHANGED=$(( DOCS / 100 ))
for f in $(ls corpus | shuf -n "$CHANGED" --random-source=<(yes)); do
  case "$f" in
    *.pdf) printf '%% changed\n' >> "corpus/$f" ;;
    *) printf '\nA paragraph changed tonight.\n' >> "corpus/$f" ;;
  esac
done
T2=$(timed "$UNDOC" ingest corpus -o out/records.jsonl --quiet --changes out/changes-2.jsonl 2>/dev/null)
OUT=$(stat -c %s out/records.jsonl)
CH=$(stat -c %s out/changes-2.jsonl)
printf 'documents: %d, changed tonight: %d\n' "$DOCS" "$CHANGED"
printf 'run 1 (everything): %s s; run 2 (1 %% changed): %s s\n' "$T1" "$T2"
printf 'full output: %d records, %d bytes (%d gzipped)\n' "$(wc -l < out/records.jsonl)" "$OUT" "$(gzip -c out/records.jsonl | wc -c)"
printf 'changes file: %d lines, %d bytes (%d gzipped), %.2f %% of the output\n' \
  "$(wc -l < out/changes-2.jsonl)" "$CH" "$(gzip -c out/changes-2.jsonl | wc -c)" \
  "$(python3 -c "print(100 * $CH / $OUT)")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
