#!/usr/bin/env bash
# Are the records byte for byte the same before and after a change (apart from key order
# and `undoc_version`)? Ingests each set with both binaries and compares.
#
# usage: scripts/compare-records.sh [BEFORE_BIN AFTER_BIN]
#   BEFORE_BIN, AFTER_BIN: `undoc` binaries, each with its `undoc-textlayer` beside it.
#   Without them: builds (release) the merge base of HEAD and main in a temporary git
#   worktree as BEFORE and this tree as AFTER (the temporary worktree is removed).
# Sets: corpus/ (all of it), and ../shared/real ($UNDOC_SHARED/real) when present.
# For each set and binary: `undoc ingest -q --force -o OUT SRC` (a fresh OUT folder, so
# no state is reused); then `cmp` of `jq -S -c 'del(.undoc_version)'` of the two
# outputs. The exit codes of the two runs are compared too.
# environment: WORK  scratch folder (default: a new mktemp -d)
# Exit: 0 when every set is identical, 1 when one differs, 2 on a usage or build error.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${UNDOC_SHARED:-$ROOT/../shared}
WORK=${WORK:-$(mktemp -d -t undoc-compare.XXXXXX)}
command -v jq >/dev/null || { echo "missing tool: jq" >&2; exit 2; }

build_merge_base() { # builds the merge base of HEAD and main into $WORK/before-bin
    local base tree
    base=$(git -C "$ROOT" merge-base HEAD main)
    tree=$WORK/before-tree
    echo "== building the merge base $(git -C "$ROOT" rev-parse --short "$base") (release) in $tree" >&2
    git -C "$ROOT" worktree add -q --detach "$tree" "$base"
    trap 'git -C "$ROOT" worktree remove --force "$tree" 2>/dev/null || true' EXIT
    # The same target folder: the dependencies are not built again.
    (cd "$tree" && CARGO_TARGET_DIR=${UNDOC_TARGET:-$ROOT/target} cargo build --release -q)
    mkdir -p "$WORK/before-bin"
    cp "${UNDOC_TARGET:-$ROOT/target}"/release/{undoc,undoc-textlayer} "$WORK/before-bin/"
    BEFORE=$WORK/before-bin/undoc
}

build_head() { # builds this tree into $WORK/after-bin
    echo "== building this tree $(git -C "$ROOT" rev-parse --short HEAD) (release)" >&2
    (cd "$ROOT" && cargo build --release -q)
    mkdir -p "$WORK/after-bin"
    cp "${UNDOC_TARGET:-$ROOT/target}"/release/{undoc,undoc-textlayer} "$WORK/after-bin/"
    AFTER=$WORK/after-bin/undoc
}

case $# in
    2) BEFORE=$(realpath "$1"); AFTER=$(realpath "$2") ;;
    0) build_merge_base; build_head ;;
    *) sed -n '5,9p' "$0" >&2; exit 2 ;;
esac
for bin in "$BEFORE" "$AFTER"; do
    [ -x "$bin" ] && [ -x "$(dirname "$bin")/undoc-textlayer" ] ||
        { echo "$bin: not an undoc binary with undoc-textlayer beside it" >&2; exit 2; }
done

SETS=("corpus=$ROOT/corpus")
if [ -d "$SHARED/real" ]; then
    SETS+=("shared-real=$SHARED/real")
else
    echo "note: $SHARED/real not present: comparing corpus/ only" >&2
fi

echo "before: $BEFORE"
echo "after:  $AFTER"
status=0
for set in "${SETS[@]}"; do
    name=${set%%=*}
    src=${set#*=}
    codes=()
    for side in before after; do
        bin=$BEFORE
        [ "$side" = after ] && bin=$AFTER
        out=$WORK/$side/$name
        rm -rf "$out" && mkdir -p "$out"
        echo "\$ $bin ingest -q --force -o $out/records.jsonl $src"
        code=0
        "$bin" ingest -q --force -o "$out/records.jsonl" "$src" 2>"$out/stderr" || code=$?
        echo "  exit $code, $(wc -l <"$out/records.jsonl") records"
        codes+=("$code")
        jq -S -c 'del(.undoc_version)' "$out/records.jsonl" >"$out/normalized.jsonl"
    done
    a=$WORK/before/$name/normalized.jsonl
    b=$WORK/after/$name/normalized.jsonl
    echo "\$ cmp <(jq -S -c 'del(.undoc_version)' before) <(jq -S -c 'del(.undoc_version)' after)"
    if [ "${codes[0]}" != "${codes[1]}" ]; then
        echo "$name: DIFFERENT exit codes (${codes[0]} before, ${codes[1]} after)"
        status=1
    elif cmp "$a" "$b"; then
        echo "$name: identical ($(wc -l <"$a") records)"
    else
        line=$(cmp "$a" "$b" | sed -n 's/.* line \([0-9]*\).*/\1/p')
        echo "$name: DIFFERENT from record $line ($(sed -n "${line}p" "$a" | jq -r .source.path))"
        status=1
    fi
done
exit "$status"
