#!/usr/bin/env bash
# Born-digital throughput: the whole `undoc ingest` against `pdftotext` on the same
# files in the same run (results go into BENCHMARKS.md).
#
# usage: scripts/bench-ingest.sh [EXTRA_PDF_DIR]
#   The set is the born-digital PDFs of corpus/synthetic/ and those of the shared real
#   PDFs (../shared/real, or $UNDOC_SHARED/real, when present), copied REPEAT times into
#   a scratch folder,
#   plus the born-digital PDFs of EXTRA_PDF_DIR if given. A PDF counts as born-digital
#   when it has fonts and no image 1000 px wide or more (a page scan).
# environment:
#   REPEAT  copies of the corpus files (default 10)
#   RUNS    timed rounds; each round runs every command once, in turn (default 5)
#   WORK    scratch folder (default: a new mktemp -d); table in $WORK/bench.md
#   UNDOC   the `undoc` binary to time (with its `undoc-textlayer` beside it); default:
#           this tree, built in release mode
#   UNDOC_BEFORE  another `undoc` binary (e.g. an older revision's, as built by
#           scripts/compare-records.sh in target/compare/bin-<commit>/): its
#           `ingest --jobs 2` and `--jobs 1` join the same interleaved rounds, so that a
#           before/after comparison sees the same load
# Needs: cargo, poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages), hyperfine.
# The last command times undoc's text-layer helper alone (undoc-textlayer, fed every
# file in turn), the part of an ingest run that poppler does.
set -euo pipefail
"$(dirname "$0")/setup.sh" --bench   # system packages, benchmark tools included

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${UNDOC_SHARED:-$ROOT/../shared}
[ -d "$SHARED/real" ] || echo "note: $SHARED/real not present: the set is corpus/synthetic only" >&2
EXTRA=${1:-}
REPEAT=${REPEAT:-10}
RUNS=${RUNS:-5}
WORK=${WORK:-$(mktemp -d -t undoc-bench.XXXXXX)}
for tool in pdftotext pdfinfo pdffonts pdfimages hyperfine cargo; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

born_digital() { # PDF with fonts and without page-sized images
    local fonts big
    fonts=$(pdffonts "$1" 2>/dev/null | tail -n +3 | wc -l)
    big=$(pdfimages -list "$1" 2>/dev/null | awk 'NR > 2 && $4 >= 1000 { n++ } END { print n + 0 }')
    [ "$fonts" -gt 0 ] && [ "$big" -eq 0 ]
}

if [ -z "${UNDOC:-}" ]; then
    echo "== building undoc (release)" >&2
    (cd "$ROOT" && cargo build --release -q)
    UNDOC=${UNDOC_TARGET:-$ROOT/target}/release/undoc
fi
UNDOC=$(realpath "$UNDOC")

SET=$WORK/set
rm -rf "$SET" && mkdir -p "$SET"
BASE=()
for f in "$ROOT"/corpus/synthetic/*.pdf "$SHARED"/real/*.pdf; do
    [ -f "$f" ] && born_digital "$f" && BASE+=("$f")
done
for i in $(seq -w 1 "$REPEAT"); do
    for f in "${BASE[@]}"; do cp "$f" "$SET/r${i}_$(basename "$f")"; done
done
NEXTRA=0
if [ -n "$EXTRA" ]; then
    for f in "$EXTRA"/*.pdf; do
        if born_digital "$f"; then cp "$f" "$SET/x_$(basename "$f")"; NEXTRA=$((NEXTRA + 1)); fi
    done
fi
find "$SET" -name '*.pdf' | sort >"$WORK/files"
# The same files as requests to undoc's text-layer helper (its protocol: "<cpu-s> <max-pages> <path>\0").
while read -r f; do printf '120 0 %s\0' "$f"; done <"$WORK/files" >"$WORK/requests"
FILES=$(wc -l <"$WORK/files")
PAGES=0
while read -r f; do
    PAGES=$((PAGES + $(pdfinfo "$f" | awk '/^Pages:/{print $2}')))
done <"$WORK/files"
echo "== $FILES files ($((${#BASE[@]})) corpus files x $REPEAT, $NEXTRA extra), $PAGES pages" >&2

OUT=$WORK/out
mkdir -p "$OUT"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
NAMES=(
    "pdftotext, one process per file, sequential"
    "pdftotext, one process per file, 2 in parallel (xargs -P2)"
    "pdftotext -bbox-layout, one process per file, 2 in parallel"
    "undoc ingest --jobs 2"
    "undoc ingest --jobs 1"
    "undoc-textlayer alone (undoc's text-layer helper, one process, every file in turn)"
)
CMDS=(
    "xargs -a $WORK/files -I{} pdftotext -enc UTF-8 {} -"
    "xargs -a $WORK/files -P2 -I{} pdftotext -enc UTF-8 {} -"
    "xargs -a $WORK/files -P2 -I{} pdftotext -bbox-layout -enc UTF-8 {} -"
    "$UNDOC ingest $SET -o $OUT/out.jsonl --jobs 2 --quiet"
    "$UNDOC ingest $SET -o $OUT/out1.jsonl --jobs 1 --quiet"
    "$UNDOC-textlayer < $WORK/requests"
)
if [ -n "${UNDOC_BEFORE:-}" ]; then
    BEFORE=$(realpath "$UNDOC_BEFORE")
    NAMES+=("before: undoc ingest --jobs 2" "before: undoc ingest --jobs 1")
    CMDS+=("$BEFORE ingest $SET -o $OUT/before.jsonl --jobs 2 --quiet"
           "$BEFORE ingest $SET -o $OUT/before1.jsonl --jobs 1 --quiet")
fi
# The machine may be shared: the commands take turns, one run each per round, so a
# burst of foreign load hits all of them alike. Round 0 is a warm-up (page cache).
# Every undoc run is a first run: no output and no incremental state from the last one.
rm -rf "$WORK/runs" && mkdir -p "$WORK/runs"
for round in $(seq 0 "$RUNS"); do
    for i in "${!CMDS[@]}"; do
        hyperfine --runs 1 --style none --prepare "rm -rf $OUT && mkdir -p $OUT" \
            --export-json "$WORK/runs/$round-$i.json" -n "${NAMES[$i]}" "${CMDS[$i]}" >/dev/null
    done
    echo "== round $round of $RUNS done" >&2
done
{
    echo "Run $(date -u +%Y-%m-%dT%H:%MZ), undoc $UNDOC (tree at $(git -C "$ROOT" rev-parse --short HEAD))${BEFORE:+, before: $BEFORE}, $(pdftotext -v 2>&1 | head -1);"
    echo "$FILES born-digital PDFs, $PAGES pages; $RUNS interleaved rounds after 1 warm-up round (hyperfine --runs 1 per command and round); load average before the run: $LOAD."
    echo
    echo "| command | median s | min s | max s | pages/s (median) | CPU s (user+sys, median) | pages per CPU-s |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    python3 - "$WORK/runs" "$PAGES" "$RUNS" <<'EOF'
import glob, json, os, statistics, sys
runs, pages, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
by_cmd = {}
for path in sorted(glob.glob(os.path.join(runs, "*.json"))):
    rnd, idx = os.path.basename(path)[:-5].split("-")
    if rnd == "0":
        continue  # warm-up round
    r = json.load(open(path))["results"][0]
    by_cmd.setdefault(int(idx), []).append((r["command"], r["times"][0], r["user"] + r["system"]))
for idx in sorted(by_cmd):
    rows = by_cmd[idx]
    wall = [w for _, w, _ in rows]
    cpu = statistics.median(c for _, _, c in rows)
    med = statistics.median(wall)
    print(f"| {rows[0][0]} | {med:.2f} | {min(wall):.2f} | {max(wall):.2f} | {pages / med:.0f} | {cpu:.2f} | {pages / cpu:.0f} |")
EOF
} | tee "$WORK/bench.md"
echo "table: $WORK/bench.md" >&2
