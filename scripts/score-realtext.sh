#!/usr/bin/env bash
# Scores undoc on the real reports of ../shared/realtext (PDF + ground truth made from
# the Word files): body paragraphs, footnotes and running-head leaks with the scorer in
# ../shared/realtext/tools (score.py), tables and table debris with scripts/score_tables.py.
#
# usage: scripts/score-realtext.sh [OUT_DIR]
#   OUT_DIR  where records, scores and per-document details go (default: a new mktemp -d)
# environment:
#   UNDOC    the undoc binary (default: target/release/undoc, built if missing)
#   REALTEXT the material (default: $UNDOC_SHARED/realtext, else ../shared/realtext
#            beside the repository)
# Needs python3 with rapidfuzz (python3 -m pip install rapidfuzz) and pdfinfo.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
REALTEXT=${REALTEXT:-${UNDOC_SHARED:-$ROOT/../shared}/realtext}
OUT=${1:-$(mktemp -d -t undoc-realtext.XXXXXX)}
UNDOC=${UNDOC:-$ROOT/target/release/undoc}

[ -d "$REALTEXT/gt" ] || { echo "no material at $REALTEXT" >&2; exit 2; }
python3 -c 'import rapidfuzz' 2>/dev/null || { echo "python3 -m pip install rapidfuzz" >&2; exit 2; }
if [ ! -x "$UNDOC" ]; then
    (cd "$ROOT" && cargo build --release --bins)
fi
mkdir -p "$OUT"

# pages per document, for the page-number leak test of score.py
{
    sep='{'
    for f in "$REALTEXT"/*.pdf; do
        n=$(basename "$f" .pdf)
        p=$(pdfinfo "$f" | awk '/^Pages:/{print $2}')
        printf '%s"%s": %s' "$sep" "$n" "$p"
        sep=', '
    done
    echo '}'
} >"$OUT/pages.json"

start=$(date +%s.%N)
"$UNDOC" ingest -q --force -o "$OUT/records.jsonl" --state "$OUT/state.sqlite" "$REALTEXT"/*.pdf \
    || echo "undoc exited $? (some documents failed)" >&2
end=$(date +%s.%N)
python3 -c "import json,sys; print(json.dumps({'undoc': {'wall_s': $end - $start}}))" >"$OUT/times.json"

echo "## Paragraphs, footnotes, running heads (../shared/realtext/tools/score.py)"
python3 "$REALTEXT/tools/score.py" "$REALTEXT/gt" "undoc=$OUT/records.jsonl" \
    --pages "$OUT/pages.json" --times "$OUT/times.json" --details "$OUT/details" \
    --json "$OUT/score.json" ${PER_DOC:+--per-doc}
echo
echo "## Tables (scripts/score_tables.py)"
python3 "$ROOT/scripts/score_tables.py" "$REALTEXT/gt" "$OUT/records.jsonl" \
    --details "$OUT/details/tables" --json "$OUT/tables.json" ${PER_DOC:+--per-doc}
echo
echo "records and details in $OUT"
