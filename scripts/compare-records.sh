#!/usr/bin/env bash
# Are the records byte for byte the same at two revisions, apart from key order? Builds
# both, ingests the same inputs with each and compares every record.
#
# usage: scripts/compare-records.sh OLD_REV NEW_REV
#        scripts/compare-records.sh --bins OLD_BIN NEW_BIN
#   OLD_REV, NEW_REV: any git revisions. Each is checked out in a temporary worktree
#   under target/compare/ and built there (release, with this tree's target folder, so
#   dependencies are not built again); its `undoc` and `undoc-textlayer` are kept in
#   target/compare/bin-<commit>/ and reused by later runs, the worktree is removed.
#   --bins: two `undoc` binaries, each with its `undoc-textlayer` beside it.
# Inputs: this tree's corpus/ (all of it: born-digital PDFs, scans, mixed PDF, seed
# texts) and ../shared/real ($UNDOC_SHARED/real) when present (under CI=true a missing
# ../shared fails).
# For each input set, mode and binary, a fresh folder and
#   file mode:   undoc ingest -q -o OUT/records.jsonl SET   (the incremental run, a new state)
#   stream mode: undoc ingest -q -o - SET > OUT/records.jsonl (no state, input order)
# then every record is normalized with `jq -S -c` (keys sorted, compact; IGNORE paths
# deleted) and the record of each source path is compared byte for byte with the other
# binary's. Exit codes and record counts must match too. For records that differ, the
# JSON paths of the differing values are listed (array indices as [], with the number
# of records where each differs).
# environment:
#   MODES   modes to run (default "file stream")
#   IGNORE  jq paths deleted before comparing, comma-separated (default none; records
#           carry no timings; give `.undoc_version` when the crate version changed)
#   JOBS    --jobs (default 2)
#   WORK    scratch folder (default target/compare/run-<old>-<new>)
# Exit: 0 when every record is identical, 1 when some differ, 2 on a usage or build error.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${UNDOC_SHARED:-$ROOT/../shared}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
COMPARE=$ROOT/target/compare
MODES=${MODES:-file stream}
IGNORE=${IGNORE:-}
JOBS=${JOBS:-2}
for tool in jq python3 git cargo; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

usage() { sed -n '5,6p' "$0" >&2; exit 2; }

# build REV: prints the folder holding the revision's release binaries.
build() {
    local rev=$1 sha tree bin
    sha=$(git -C "$ROOT" rev-parse --verify -q "$rev^{commit}") || { echo "$rev: not a revision" >&2; exit 2; }
    bin=$COMPARE/bin-$sha
    if [ -x "$bin/undoc" ] && [ -x "$bin/undoc-textlayer" ]; then
        echo "== $rev ($(git -C "$ROOT" rev-parse --short "$sha")): built before, $bin" >&2
        echo "$bin"
        return
    fi
    tree=$COMPARE/tree-$sha
    echo "== building $rev ($(git -C "$ROOT" rev-parse --short "$sha")) in $tree (release)" >&2
    mkdir -p "$COMPARE"
    git -C "$ROOT" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
    git -C "$ROOT" worktree add -q --detach "$tree" "$sha" >&2
    if ! (cd "$tree" && CARGO_TARGET_DIR=$TARGET nice cargo build --release -q --bin undoc --bin undoc-textlayer >&2); then
        git -C "$ROOT" worktree remove --force "$tree"
        echo "$rev: build failed" >&2
        exit 2
    fi
    mkdir -p "$bin.tmp"
    cp "$TARGET"/release/undoc "$TARGET"/release/undoc-textlayer "$bin.tmp/"
    mv "$bin.tmp" "$bin"
    git -C "$ROOT" worktree remove --force "$tree"
    echo "$bin"
}

case ${1:-} in
    --bins)
        [ $# = 3 ] || usage
        OLD_BIN=$(realpath "$2"); NEW_BIN=$(realpath "$3")
        OLD_NAME=$2; NEW_NAME=$3
        ;;
    -*|"") usage ;;
    *)
        [ $# = 2 ] || usage
        OLD_BIN=$(build "$1")/undoc; NEW_BIN=$(build "$2")/undoc
        OLD_NAME="$1 ($(git -C "$ROOT" rev-parse --short "$1"))"
        NEW_NAME="$2 ($(git -C "$ROOT" rev-parse --short "$2"))"
        ;;
esac
for bin in "$OLD_BIN" "$NEW_BIN"; do
    [ -x "$bin" ] && [ -x "$(dirname "$bin")/undoc-textlayer" ] ||
        { echo "$bin: not an undoc binary with undoc-textlayer beside it" >&2; exit 2; }
done
WORK=${WORK:-$COMPARE/run-$(basename "$(dirname "$OLD_BIN")")-$(basename "$(dirname "$NEW_BIN")")}
mkdir -p "$WORK"

SETS=("corpus=$ROOT/corpus")
if [ -d "$SHARED/real" ]; then
    SETS+=("shared-real=$SHARED/real")
elif [ "${CI:-}" = true ]; then
    echo "$SHARED/real is missing (CI=true)" >&2
    exit 2
else
    echo "note: $SHARED/real not present: comparing corpus/ only" >&2
fi

JQ_FILTER='.'
if [ -n "$IGNORE" ]; then JQ_FILTER="del($IGNORE)"; fi

echo "old: $OLD_NAME"
echo "new: $NEW_NAME"
echo "normalized with: jq -S -c '$JQ_FILTER'"
status=0
for set in "${SETS[@]}"; do
    name=${set%%=*}
    src=${set#*=}
    for mode in $MODES; do
        codes=()
        for side in old new; do
            bin=$OLD_BIN
            [ "$side" = new ] && bin=$NEW_BIN
            out=$WORK/$side/$name-$mode
            rm -rf "$out" && mkdir -p "$out"
            code=0
            case $mode in
                file) "$bin" ingest -q --jobs "$JOBS" -o "$out/records.jsonl" "$src" 2>"$out/stderr" || code=$? ;;
                stream) "$bin" ingest -q --jobs "$JOBS" -o - "$src" >"$out/records.jsonl" 2>"$out/stderr" || code=$? ;;
                *) echo "unknown mode $mode" >&2; exit 2 ;;
            esac
            codes+=("$code")
            jq -S -c "$JQ_FILTER" "$out/records.jsonl" >"$out/normalized.jsonl"
        done
        echo "-- $name ($src), $mode mode: exit ${codes[0]} old, ${codes[1]} new"
        [ "${codes[0]}" = "${codes[1]}" ] || { echo "   DIFFERENT exit codes"; status=1; }
        python3 - "$WORK/old/$name-$mode/normalized.jsonl" "$WORK/new/$name-$mode/normalized.jsonl" <<'EOF' || status=1
import json, sys
from collections import Counter

def load(path):
    records = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            key = json.loads(line)["source"]["path"]
            records.setdefault(key, []).append(line)
    return records

def differing(a, b, path="", out=None):
    """JSON paths (array indices as []) where a and b differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.add(f"{path}.{k} (new only)")
            elif k not in b:
                out.add(f"{path}.{k} (old only)")
            else:
                differing(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.add(f"{path} (length)")
        for x, y in zip(a, b):
            differing(x, y, f"{path}[]", out)
    elif a != b:
        out.add(path)
    return out

old, new = load(sys.argv[1]), load(sys.argv[2])
same = diff = 0
fields = Counter()
examples = {}
for key in sorted(set(old) | set(new)):
    a, b = old.get(key), new.get(key)
    if a is None or b is None:
        print(f"   only in {'new' if a is None else 'old'}: {key}")
        diff += 1
        continue
    if a == b:  # byte for byte, after jq -S -c
        same += len(a)
        continue
    diff += 1
    paths = set()
    for x, y in zip(a, b):
        differing(json.loads(x), json.loads(y), "", paths)
    if len(a) != len(b):
        paths.add("(number of records for this path)")
    for p in paths:
        fields[p] += 1
        examples.setdefault(p, key)
total = same + diff
print(f"   {same} of {total} records identical, {diff} differ")
for p, n in sorted(fields.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"     {n:4} x {p}   (e.g. {examples[p].rsplit('/', 1)[-1]})")
sys.exit(1 if diff else 0)
EOF
    done
done
[ "$status" = 0 ] && echo "RESULT: every record identical" || echo "RESULT: records differ"
exit "$status"
