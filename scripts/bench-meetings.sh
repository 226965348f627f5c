#!/usr/bin/env bash
# Meeting records against other born-digital documents (issue 14): CPU time per page of
# `undoc ingest`, with the one-off start-up cost of a run (data tables, lexicons, regular
# expressions compiled on first use) separated from the cost of each page.
#
# usage: scripts/bench-meetings.sh
#   Sets (from ../shared, or $UNDOC_SHARED): the five born-digital meeting records of
#   pv/ and the born-digital resolutions, drafts and reports of real/
#   (mandate-pipeline__*, un-mandates__*). Each set is run once as it is and once with
#   every file five times (symbolic links under other names); CPU time (user + system,
#   undoc and its text-layer helper, GNU time) is the median of RUNS runs. The cost of
#   four more copies over the single set, divided by four times the pages, is the cost
#   per page; what the single run costs beyond one copy is the start-up.
# environment: RUNS (default 5), WORK (scratch folder, default mktemp -d).
# CPU time rather than wall time, so that a machine shared with other jobs changes the
# figures less; say in BENCHMARKS.md how busy the machine was.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${UNDOC_SHARED:-$ROOT/../shared}
RUNS=${RUNS:-5}
WORK=${WORK:-$(mktemp -d -t undoc-bench-meetings.XXXXXX)}
[ -d "$SHARED/pv" ] && [ -d "$SHARED/real" ] || { echo "needs $SHARED/pv and $SHARED/real" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "missing GNU time (/usr/bin/time; scripts/setup.sh --bench)" >&2; exit 2; }

(cd "$ROOT" && cargo build --release --quiet)
UNDOC=$ROOT/target/release/undoc

make_set() { # name, files…
    local name=$1; shift
    mkdir -p "$WORK/$name" "$WORK/${name}x5"
    for f in "$@"; do
        ln -sf "$f" "$WORK/$name/"
        for i in 1 2 3 4 5; do ln -sf "$f" "$WORK/${name}x5/$i-$(basename "$f")"; done
    done
}
make_set pv "$SHARED"/pv/{A_61_PV.107,A_64_PV.121,A_76_PV.102,A_79_PV.29,S_PV.10100}.pdf
make_set real "$SHARED"/real/mandate-pipeline__*.pdf "$SHARED"/real/un-mandates__*.pdf

cpu() { # folder → median CPU seconds of RUNS runs
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%U %S" "$UNDOC" ingest -q --jobs 1 "$1" -o - 2>&1 >/dev/null |
            tail -1 | awk '{print $1 + $2}'
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'
}
pages() { "$UNDOC" ingest -q "$1" -o - 2>/dev/null | jq -s 'map(.pages | length) | add'; }

echo "| set | documents | pages | CPU s (one copy) | CPU s (five copies) | start-up s | CPU ms per page |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for set in pv real; do
    docs=$(find "$WORK/$set" -name '*.pdf' | wc -l)
    p=$(pages "$WORK/$set")
    one=$(cpu "$WORK/$set")
    five=$(cpu "$WORK/${set}x5")
    awk -v s="$set" -v d="$docs" -v p="$p" -v a="$one" -v b="$five" 'BEGIN {
        per = (b - a) / 4; printf "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f |\n",
        s, d, p, a, b, a - per, 1000 * per / p }'
done
uptime
