#!/usr/bin/env bash
# Applies an undoc changes file (`undoc ingest --changes FILE`) to a copy of the output:
#   scripts/apply-changes.sh COPY.jsonl CHANGES.jsonl > NEW.jsonl
# Records are matched by source path (the exact bytes, `path_bytes_hex`, for the rare
# path that is not UTF-8); a `deleted` line removes the record, any other line replaces
# or adds it. The result is sorted like undoc's output (by path), so it is byte for byte
# the output of the run that wrote CHANGES. Needs jq; holds the copy in memory.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 COPY.jsonl CHANGES.jsonl > NEW.jsonl" >&2; exit 2; }
jq -nrR '
  reduce (inputs | select(length > 0) | {line: ., r: fromjson}) as $x ({};
    ($x.r.source | .path_bytes_hex // .path) as $k
    | if $x.r.status == "deleted" then del(.[$k]) else .[$k] = $x.line end)
  | to_entries | sort_by(.key) | .[].value' "$1" "$2"
