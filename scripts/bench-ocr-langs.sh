#!/usr/bin/env bash
# OCR throughput per language (issue 15): for each UN language, the scans of
# ../shared/multilingual/synthetic (clean and poor) joined into one image-only PDF, read by
# `undoc ingest --ocr always` (--lang auto, the default: the models come from the file
# name's language, as for the test set) and by bare `tesseract` with the same models on the
# same pages rendered beforehand (300 dpi grey, as undoc renders them; rendering not timed),
# two processes in parallel as undoc runs two workers.
#
#   scripts/bench-ocr-langs.sh [LANG…]      # default: ar zh ru es fr en
#
# DOCS (default: every scanned document, `*`) and VARIANTS (default: `scan-clean scan-poor`)
# narrow the pages: `DOCS=A_69_720 VARIANTS=scan-clean` is 3 or 4 pages per language.
# Needs the release build, poppler-utils, qpdf, tesseract with the six models (setup.sh),
# /usr/bin/time, and ../shared (UNDOC_SHARED). NAMELESS=1 adds a row where the PDF's name
# says no language, so that undoc finds the script with OSD on every page.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${UNDOC_SHARED:-../shared}
set_dir=$shared/multilingual/synthetic
[ -d "$set_dir" ] || { echo "bench-ocr-langs: no $set_dir" >&2; exit 1; }
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=(ar zh ru es fr en)
export OMP_THREAD_LIMIT=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
undoc=${UNDOC:-target/release/undoc}
[ -n "${UNDOC:-}" ] || cargo build --release --quiet --bin undoc --bin undoc-textlayer

declare -A model=([ar]=ara+eng [zh]=chi_sim+eng [ru]=rus+eng [es]=spa+eng [fr]=fra+eng [en]=eng)
echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
now() { date +%s.%N; }
printf '%-4s %-12s %5s %12s %12s %12s %7s\n' lang models pages "undoc p/s" "tess p/s" "undoc/tess" "re-read"
for l in "${langs[@]}"; do
  scans=()
  for d in ${DOCS:-*}; do
    for v in ${VARIANTS:-scan-clean scan-poor}; do
      for f in "$set_dir"/$d."$l".$v.pdf; do [ -f "$f" ] && scans+=("$f"); done
    done
  done
  pdf=$work/scans.$l.pdf
  qpdf --empty --pages "${scans[@]}" -- "$pdf"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  t0=$(now)
  "$undoc" ingest --quiet --jobs 2 --ocr always --repair never -o "$work/out.$l.jsonl" "$pdf" >/dev/null
  t_undoc=$(echo "$(now) - $t0" | bc -l)
  # Pages read again with the models their first reading showed they need.
  again=$(python3 -c 'import json,sys
r=json.loads(open(sys.argv[1]).readline())
print(sum(1 for p in r["pages"] if (p.get("ocr") or {}).get("languages_from") == "ocr-text"))' "$work/out.$l.jsonl")
  if [ "${NAMELESS:-0}" = 1 ]; then
    cp "$pdf" "$work/nameless.pdf"
    t0=$(now)
    "$undoc" ingest --quiet --jobs 2 --ocr always --repair never -o "$work/nameless.jsonl" "$work/nameless.pdf" >/dev/null
    t_nameless=$(echo "$(now) - $t0" | bc -l)
  fi
  mkdir -p "$work/pgm.$l"
  pdftoppm -r 300 -gray "$pdf" "$work/pgm.$l/p"
  ls "$work/pgm.$l"/*.pgm > "$work/list.$l"
  t0=$(now)
  xargs -a "$work/list.$l" -P 2 -I{} tesseract {} {} -l "${model[$l]}" quiet
  t_tess=$(echo "$(now) - $t0" | bc -l)
  r_u=$(echo "$pages / $t_undoc" | bc -l); r_t=$(echo "$pages / $t_tess" | bc -l)
  printf '%-4s %-12s %5d %12.3f %12.3f %12.2f %7s\n' "$l" "${model[$l]}" "$pages" "$r_u" "$r_t" \
    "$(echo "$r_u / $r_t" | bc -l)" "$again"
  if [ "${NAMELESS:-0}" = 1 ]; then
    printf '%-4s %-12s %5d %12.3f %12s %12.2f\n' "$l" "(OSD)" "$pages" "$(echo "$pages / $t_nameless" | bc -l)" - \
      "$(echo "$pages / $t_nameless / $r_t" | bc -l)"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
