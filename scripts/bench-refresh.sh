#!/usr/bin/env bash
# Benchmark of the nightly refresh (issue 7, criterion 1): the time of a rerun over an
# unchanged corpus, as a share of the first run's time.
#
# Corpus: the born-digital PDFs of corpus/synthetic, the real PDFs of the shared material
# (../shared/real or $UNDOC_SHARED/real, when present) and the seed texts,
# COPIES variants of each (a comment after %%EOF, or a trailing line, makes each copy's
# content distinct): 29 × COPIES documents with the 20 shared real PDFs.
#
# Usage: scripts/bench-refresh.sh [COPIES]   (default 20; needs hyperfine)
set -euo pipefail
"$(dirname "$0")/setup.sh" --bench   # system packages, benchmark tools included
COPIES=${1:-20}
cd "$(dirname "$0")/.."
SHARED=${UNDOC_SHARED:-../shared}
[ -d "$SHARED/real" ] || echo "note: $SHARED/real not present: corpus/synthetic and seeds only" >&2
cargo build --release --quiet
BIN=$PWD/target/release/undoc
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for i in $(seq 1 "$COPIES"); do
  d=$WORK/corpus/batch-$(printf %03d "$i")
  mkdir -p "$d"
  for f in corpus/synthetic/*.born-digital.pdf "$SHARED"/real/*.pdf; do
    [ -f "$f" ] || continue
    { cat "$f"; printf '%% bench copy %d\n' "$i"; } > "$d/$(basename "$f")"
  done
  for f in corpus/seeds/*.txt; do
    { cat "$f"; printf '\nbench copy %d\n' "$i"; } > "$d/$(basename "$f")"
  done
done
DOCS=$(find "$WORK/corpus" -type f | wc -l)
BYTES=$(du -sb "$WORK/corpus" | cut -f1)
cd "$WORK"

start=$(date +%s.%N)
"$BIN" ingest corpus -o out/records.jsonl --quiet --summary first.json
end=$(date +%s.%N)
FIRST=$(python3 -c "print($end - $start)")

# Reruns over the unchanged corpus: hyperfine, 10 runs after a warm-up.
hyperfine --warmup 1 --runs 10 --export-json rerun.json \
  "$BIN ingest corpus -o out/records.jsonl --quiet --summary second.json" >/dev/null
RERUN=$(python3 -c 'import json; print(json.load(open("rerun.json"))["results"][0]["mean"])')
PROCESSED=$(python3 -c 'import json; print(json.load(open("second.json"))["processed"])')
RECORDS=$(python3 -c 'import json; print(json.load(open("second.json"))["records"])')
OUTSIZE=$(stat -c %s out/records.jsonl)

python3 - "$DOCS" "$BYTES" "$FIRST" "$RERUN" "$PROCESSED" "$RECORDS" "$OUTSIZE" <<'PY'
import sys
docs, size, first, rerun, processed, records, out = sys.argv[1:]
first, rerun = float(first), float(rerun)
print(f"documents: {docs} ({int(size)/1e6:.1f} MB), records: {records} ({int(out)/1e6:.1f} MB of JSONL)")
print(f"first run: {first:.2f} s")
print(f"rerun (unchanged corpus, mean of 10): {rerun*1000:.0f} ms, {processed} documents processed")
print(f"rerun / first run: {100*rerun/first:.2f} %  (target <= 2 %)")
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
