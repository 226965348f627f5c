#!/usr/bin/env bash
# Blank pages (issue 11, part 2): `undoc ingest` on PDFs whose pages have nothing on them
# (100 and 3,000 pages) and on a PDF of white page scans (100 pages, one 300-dpi grey
# image per page that carries no ink). Results go into BENCHMARKS.md.
#
#   scripts/bench-blank.sh            # builds the release undoc and measures it
#   UNDOC=/path/to/undoc scripts/bench-blank.sh   # measures another build (e.g. an
#                                     # older commit's, for a before/after figure)
# environment:
#   RUNS   runs per file (default 3; the median is reported)
#   SIZES  blank-page PDFs to make (default "100 3000")
# Needs: cargo, python3 (writes the PDFs; nothing is committed), /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"100 3000"}
work=$(mktemp -d -t undoc-blank.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -z "${UNDOC:-}" ]; then
    cargo build --release --quiet --bin undoc --bin undoc-textlayer
    UNDOC=${UNDOC_TARGET:-$PWD/target}/release/undoc
fi

# The PDFs: N empty A4 pages; N pages each drawing one white 2480 x 3508 grey image.
python3 - "$work" $SIZES <<'EOF'
import sys, zlib
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
def write(path, objs):
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(out)
def pages(n, first, page):
    kids = " ".join("%d 0 R" % (first + i) for i in range(n)).encode()
    return [b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)] + [page] * n
for n in sizes:
    write(f"{work}/blank-{n}.pdf", [b"<< /Type /Catalog /Pages 2 0 R >>"]
          + pages(n, 3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"))
w, h = 2480, 3508
data = zlib.compress(b"\xff" * (w * h))
image = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (w, h, len(data), data)
content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
contents = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 3 0 R >>"
tree = pages(100, 5, page)
write(f"{work}/white-scan-100.pdf",
      [b"<< /Type /Catalog /Pages 2 0 R >>", tree[0], contents, image] + tree[1:])
EOF

echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "undoc: $UNDOC ($(git rev-parse --short HEAD 2>/dev/null || echo '?')), $RUNS runs per file, median"
echo
echo "| file | pages | wall s (median) | CPU s (user+sys, median) | warnings | blank pages |"
echo "|---|---:|---:|---:|---:|---:|"
for pdf in "$work"/blank-*.pdf "$work"/white-scan-100.pdf; do
    name=$(basename "$pdf")
    : >"$work/times"
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %U %S" -o "$work/time" \
            "$UNDOC" ingest "$pdf" -o "$work/out.jsonl" --quiet --force --jobs 2 2>/dev/null
        cat "$work/time" >>"$work/times"
    done
    python3 - "$work/times" "$work/out.jsonl" "$name" <<'EOF'
import json, statistics, sys
times = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
record = json.loads(open(sys.argv[2]).readline())
wall = statistics.median(t[0] for t in times)
cpu = statistics.median(t[1] + t[2] for t in times)
blank = sum(1 for p in record["pages"] if p.get("blank"))
print(f"| {sys.argv[3]} | {len(record['pages'])} | {wall:.2f} | {cpu:.2f} | {len(record['warnings'])} | {blank} |")
EOF
done
