#!/usr/bin/env bash
# OCR throughput benchmark (issue 3): undoc's in-process OCR against, on the same pages
# in the same run, (a) two bare `tesseract` processes in parallel on pre-rendered pages
# and (b) `ocrmypdf --sidecar -j 2`; then undoc's peak memory on a 100-page scan.
#
#   scripts/bench-ocr.sh [PAGES]      # PAGES: pages in the speed comparison (default 20)
#
# environment:
#   UNDOC         the `undoc` binary (with `undoc-textlayer` beside it); default: this
#                 tree, built in release mode
#   UNDOC_BEFORE  another `undoc` binary (e.g. an older revision's from
#                 target/compare/bin-<commit>/, see scripts/compare-records.sh): timed on
#                 the same pages right after UNDOC, alternating, ROUNDS times each
#   ROUNDS        rounds of the undoc runs (default 1)
#   BASELINES=0   skips (a) and (b);  MEMORY=0 skips the 100-page memory run
# Needs: poppler-utils, qpdf, tesseract-ocr(-fra,-eng), ocrmypdf, /usr/bin/time.
# The scans are built from corpus/synthetic/*.scan-*.pdf (clean and poor pages).
set -euo pipefail
"$(dirname "$0")/setup.sh" --bench   # system packages, benchmark tools included
# binaries given relative to the caller's folder
if [ -n "${UNDOC:-}" ]; then UNDOC=$(realpath "$UNDOC"); fi
if [ -n "${UNDOC_BEFORE:-}" ]; then UNDOC_BEFORE=$(realpath "$UNDOC_BEFORE"); fi
cd "$(dirname "$0")/.."
PAGES=${PAGES:-${1:-20}}
LANGS=fra+eng
export OMP_THREAD_LIMIT=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${UNDOC:-}" ]; then
  cargo build --release --quiet --bin undoc --bin undoc-textlayer --example ocr_pages
  UNDOC=./target/release/undoc
fi
UNDOC=$(realpath "$UNDOC")
ROUNDS=${ROUNDS:-1}

# A 100-page scan: clean and poor pages of two documents, repeated.
src=()
for i in $(seq 10); do
  src+=(corpus/synthetic/004.scan-clean.pdf corpus/synthetic/001.scan-clean.pdf
        corpus/synthetic/004.scan-poor.pdf corpus/synthetic/001.scan-poor.pdf)
done
qpdf --empty --pages "${src[@]}" -- "$work/scan100.pdf"
qpdf --empty --pages "$work/scan100.pdf" "1-$PAGES" -- "$work/bench.pdf"
echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "pages: $PAGES (of a 100-page scan made of corpus scans), languages $LANGS"

secs() { local s=$1; local e=$2; echo "$e - $s" | bc -l; }
now() { date +%s.%N; }
# CPU seconds (user + system, children included) of a command, into the file $1.
cpu() { local out=$1; shift; /usr/bin/time -f "%U %S" -o "$out" "$@"; }
cpu_s() { awk '{print $1 + $2}' "$1"; }

# undoc: `undoc ingest` when it OCRs; the OCR stage driver otherwise.
# ingest_run BIN OUT-PREFIX: one timed run; prints "wall cpu".
ingest_run() {
  local t0 t1
  t0=$(now)
  cpu "$2.cpu" "$1" ingest --quiet --jobs 2 --lang "$LANGS" --ocr always --repair never -o "$2.jsonl" "$work/bench.pdf" >/dev/null
  t1=$(now)
  echo "$(secs "$t0" "$t1") $(cpu_s "$2.cpu")"
}
if "$UNDOC" ingest --help 2>&1 | grep -q -- '--ocr'; then
  undoc_what="undoc ingest --jobs 2 --ocr always"
  for r in $(seq "$ROUNDS"); do
    ingest_run "$UNDOC" "$work/undoc-$r" > "$work/undoc-$r.t"
    if [ -n "${UNDOC_BEFORE:-}" ]; then
      ingest_run "$UNDOC_BEFORE" "$work/before-$r" > "$work/before-$r.t"
    fi
  done
  t_undoc=$(cat "$work"/undoc-*.t | sort -n | awk '{a[NR]=$1} END {print (a[int((NR+1)/2)] + a[int(NR/2)+1]) / 2}')
  # the medians of the rounds (as "user system" with the sum as user, for cpu_s)
  cat "$work"/undoc-*.t | sort -k2 -n | awk '{a[NR]=$2} END {print (a[int((NR+1)/2)] + a[int(NR/2)+1]) / 2, 0}' > "$work/cpu.undoc"
else
  t0=$(now)
  cpu "$work/cpu.undoc" ./target/release/examples/ocr_pages --threads 2 --lang "$LANGS" "$work/bench.pdf" >/dev/null
  undoc_what="examples/ocr_pages --threads 2 (OCR stage: render + prepare + Tesseract API)"
  t_undoc=$(secs "$t0" "$(now)")
fi

per_run() { # NAME FILE...: one line per round: wall, CPU, CPU per page
  local name=$1 f; shift
  for f in "$@"; do
    awk -v n="$name" -v p="$PAGES" -v r="$(basename "$f" .t)" \
      '{printf "%-44s %-10s %7.1f s wall %6.3f pages/s | CPU %7.1f s %5.2f s/page\n", n, r, $1, p / $1, $2, $2 / p}' "$f"
  done
}
if [ "$undoc_what" = "undoc ingest --jobs 2 --ocr always" ]; then
  echo "undoc ingest rounds ($ROUNDS, alternating$([ -n "${UNDOC_BEFORE:-}" ] && echo " with UNDOC_BEFORE")):"
  per_run "undoc: $UNDOC" "$work"/undoc-*.t
  if [ -n "${UNDOC_BEFORE:-}" ]; then
    per_run "before: $UNDOC_BEFORE" "$work"/before-*.t
  fi
fi

rate() { echo "scale=3; $PAGES / $1" | bc -l; }
row() { printf '%-58s %7.1f s %6.3f pages/s | CPU %7.1f s %5.2f s/page\n' "$1" "$2" "$3" "$4" "$(echo "$4 / $PAGES" | bc -l)"; }
r_undoc=$(rate "$t_undoc"); c_undoc=$(cpu_s "$work/cpu.undoc")
row "undoc: $undoc_what" "$t_undoc" "$r_undoc" "$c_undoc"
if [ "${BASELINES:-1}" = 1 ]; then
  # (a) two bare tesseract processes on pages rendered beforehand (rendering not timed).
  mkdir -p "$work/pgm"
  pdftoppm -r 300 -gray "$work/bench.pdf" "$work/pgm/p"
  t0=$(now)
  ls "$work"/pgm/*.pgm > "$work/pgm.list"
  cpu "$work/cpu.tess" xargs -a "$work/pgm.list" -P 2 -I{} tesseract {} {} -l "$LANGS" quiet
  t_tess=$(secs "$t0" "$(now)")

  # (b) ocrmypdf with a text sidecar, two jobs.
  t0=$(now)
  cpu "$work/cpu.ocrmypdf" ocrmypdf -q --sidecar "$work/sidecar.txt" -j 2 -l "$LANGS" "$work/bench.pdf" "$work/ocrmypdf.pdf"
  t_ocrmypdf=$(secs "$t0" "$(now)")

  r_tess=$(rate "$t_tess"); r_ocrmypdf=$(rate "$t_ocrmypdf")
  c_tess=$(cpu_s "$work/cpu.tess"); c_ocrmypdf=$(cpu_s "$work/cpu.ocrmypdf")
  row "(a) 2 x tesseract on pre-rendered pages" "$t_tess" "$r_tess" "$c_tess"
  row "(b) ocrmypdf --sidecar -j 2" "$t_ocrmypdf" "$r_ocrmypdf" "$c_ocrmypdf"
  echo "wall-clock  undoc/(a): $(echo "scale=2; $r_undoc / $r_tess" | bc -l) (target >= 0.95)   undoc/(b): $(echo "scale=2; $r_undoc / $r_ocrmypdf" | bc -l) (target >= 1.3)"
  echo "CPU per page undoc/(a): $(echo "scale=2; $c_tess / $c_undoc" | bc -l)   undoc/(b): $(echo "scale=2; $c_ocrmypdf / $c_undoc" | bc -l)   (pages per CPU-second, relative)"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${MEMORY:-1}" = 1 ]; then
  /usr/bin/time -v "$UNDOC" ingest --quiet --jobs 2 --lang "$LANGS" --ocr always \
    --repair never -o "$work/out100.jsonl" "$work/scan100.pdf" 2> "$work/time.txt"
  echo "undoc ingest, 100-page scan: $(grep 'Elapsed' "$work/time.txt" | awk '{print $NF}') wall"
  echo "peak memory, 100-page scan: $(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}') KiB"
fi
