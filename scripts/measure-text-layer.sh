#!/usr/bin/env bash
# Measures PDF text-layer extractors on the same machine and files, in one run:
# quality (word recall/precision, split and joined words against the ground truth),
# speed (pages/s, 1 and 2 parallel jobs), behaviour on broken files, build cost and
# licences. Behind docs/decisions/0001-text-layer-extractor.md.
#
# usage: scripts/measure-text-layer.sh [EXTRA_PDF_DIR]
#   EXTRA_PDF_DIR  more born-digital PDFs without ground truth (for split-word counts and
#                  speed). If it holds a MANIFEST.tsv with a `text_layer` column, only the
#                  rows saying `born-digital text` are used; otherwise every *.pdf.
# environment:
#   WORK         scratch folder (default: a new mktemp -d); results in $WORK/results.md
#   PDFX_TARGET  reuse this cargo target dir for the throwaway crate (skips the timed
#                clean build); by default the crate is built from scratch in $WORK
#   RUNS         hyperfine runs per measurement (default 3)
#
# The throwaway Rust crate (pdf-extract 0.12 + lopdf 0.42) is generated into $WORK: it
# is not part of undoc's build. Needs: cargo, poppler-utils, qpdf, hyperfine, python3
# with rapidfuzz (pip install rapidfuzz).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
EXTRA=${1:-}
WORK=${WORK:-$(mktemp -d -t undoc-textlayer.XXXXXX)}
RUNS=${RUNS:-3}
METRICS="python3 $ROOT/scripts/text_layer_metrics.py"
mkdir -p "$WORK"
RESULTS=$WORK/results.md
: >"$RESULTS"
say() { echo "$@" | tee -a "$RESULTS"; }
log() { echo "== $*" >&2; }

for tool in pdftotext pdfinfo qpdf hyperfine cargo python3; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done
python3 -c 'import rapidfuzz' 2>/dev/null || { echo "python3 -m pip install rapidfuzz" >&2; exit 2; }

# ---------------------------------------------------------------- throwaway crate
PDFX_DIR=$WORK/pdfx
mkdir -p "$PDFX_DIR/src"
cat >"$PDFX_DIR/Cargo.toml" <<'EOF'
[package]
name = "pdfx"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
pdf-extract = "=0.12.1"
lopdf = { version = "0.42", default-features = false }

[profile.release]
debug = 0
EOF
cat >"$PDFX_DIR/src/main.rs" <<'EOF'
//! Throwaway harness: extract the text layer of PDFs with pdf-extract or lopdf.
//! usage: pdfx <pdf-extract|lopdf> <outdir> <file.pdf>...
//! Writes <outdir>/<basename>.txt and prints one TSV line per file:
//! file, status (ok|error|panic), seconds, non-space chars, message.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Instant;

fn with_lopdf(path: &Path) -> Result<String, String> {
    let doc = lopdf::Document::load(path).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        return Err("encrypted".into());
    }
    let mut pages = Vec::new();
    for (n, _) in doc.get_pages() {
        pages.push(doc.extract_text(&[n]).map_err(|e| e.to_string())?);
    }
    Ok(pages.join("\x0c"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let engine = args[1].clone();
    let outdir = Path::new(&args[2]).to_path_buf();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = false;
    for f in &args[3..] {
        let path = Path::new(f);
        let t = Instant::now();
        let r = catch_unwind(AssertUnwindSafe(|| match engine.as_str() {
            "pdf-extract" => pdf_extract::extract_text(path).map_err(|e| e.to_string()),
            "lopdf" => with_lopdf(path),
            _ => Err("unknown engine".into()),
        }));
        let secs = t.elapsed().as_secs_f64();
        let name = path.file_name().unwrap().to_string_lossy();
        let (status, chars, msg) = match r {
            Ok(Ok(text)) => {
                let n = text.chars().filter(|c| !c.is_whitespace()).count();
                std::fs::write(outdir.join(format!("{name}.txt")), &text).unwrap();
                ("ok", n, String::new())
            }
            Ok(Err(e)) => ("error", 0, e),
            Err(p) => {
                let m = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                ("panic", 0, m)
            }
        };
        failed |= status != "ok";
        let msg: String = msg.replace(['\t', '\n'], " ").chars().take(160).collect();
        println!("{f}\t{status}\t{secs:.4}\t{chars}\t{msg}");
    }
    std::process::exit(if failed { 1 } else { 0 });
}
EOF
log "building the throwaway crate (pdf-extract + lopdf)"
if [ -n "${PDFX_TARGET:-}" ]; then
    export CARGO_TARGET_DIR=$PDFX_TARGET
    (cd "$PDFX_DIR" && cargo build --release -q)
    BUILD_NOTE="reused target dir $PDFX_TARGET (clean build not timed in this run)"
else
    export CARGO_TARGET_DIR=$PDFX_DIR/target
    (cd "$PDFX_DIR" && cargo fetch -q)
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/pdfx-build.time" \
        bash -c "cd '$PDFX_DIR' && cargo build --release -q"
    read -r wall user sys maxkb <"$WORK/pdfx-build.time"
    BUILD_NOTE="clean release build (sources already fetched): ${wall} s wall, $(python3 -c "print(round($user+$sys,1))") s CPU, peak RSS $((maxkb / 1024)) MB, $(grep -c '^name = ' "$PDFX_DIR/Cargo.lock") crates in Cargo.lock"
fi
PDFX=$CARGO_TARGET_DIR/release/pdfx
unset CARGO_TARGET_DIR
LICENCES=$(cd "$PDFX_DIR" && cargo metadata --format-version 1 -q | python3 -c '
import json, sys, collections
m = json.load(sys.stdin)
c = collections.Counter(p.get("license") or "?" for p in m["packages"] if p["name"] != "pdfx")
print("; ".join(f"{k} ×{v}" for k, v in c.most_common()))')

log "building undoc (release)"
(cd "$ROOT" && cargo build --release -q)
UNDOC=${UNDOC_TARGET:-$ROOT/target}/release/undoc

# ---------------------------------------------------------------- the file set
SET=$WORK/set
rm -rf "$SET" && mkdir -p "$SET"
: >"$WORK/truth.list"
: >"$WORK/extra.list"
for f in "$ROOT"/corpus/synthetic/*.born-digital.pdf; do
    cp "$f" "$SET/" && basename "$f" >>"$WORK/truth.list"
done
if [ -n "$EXTRA" ]; then
    if [ -f "$EXTRA/MANIFEST.tsv" ]; then
        python3 - "$EXTRA/MANIFEST.tsv" >"$WORK/extra.list" <<'EOF'
import csv, sys
for row in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    if row.get("text_layer") == "born-digital text":
        print(row["file"])
EOF
    else
        (cd "$EXTRA" && ls -1 -- *.pdf) >"$WORK/extra.list"
    fi
    while read -r f; do cp "$EXTRA/$f" "$SET/"; done <"$WORK/extra.list"
fi
cat "$WORK/truth.list" "$WORK/extra.list" >"$WORK/all.list"
PAGES=0
while read -r f; do
    p=$(pdfinfo "$SET/$f" | awk '/^Pages:/{print $2}')
    PAGES=$((PAGES + p))
done <"$WORK/all.list"
NFILES=$(wc -l <"$WORK/all.list")
sed "s|^|$SET/|" "$WORK/all.list" >"$WORK/all.paths"

# ---------------------------------------------------------------- extraction
log "extracting with every engine"
OUT=$WORK/out
rm -rf "$OUT" && mkdir -p "$OUT"/{pdftotext-raw,pdftotext-bbox,pdf-extract,lopdf,undoc}
while read -r f; do
    pdftotext -raw -enc UTF-8 "$SET/$f" "$OUT/pdftotext-raw/$f.txt"
    pdftotext -bbox-layout -enc UTF-8 "$SET/$f" "$OUT/pdftotext-bbox/$f.xhtml"
    $METRICS bbox2txt "$OUT/pdftotext-bbox/$f.xhtml" "$OUT/pdftotext-bbox/$f.txt"
done <"$WORK/all.list"
xargs -a "$WORK/all.paths" "$PDFX" pdf-extract "$OUT/pdf-extract" >"$WORK/pdf-extract.tsv" 2>/dev/null || true
xargs -a "$WORK/all.paths" "$PDFX" lopdf "$OUT/lopdf" >"$WORK/lopdf.tsv" 2>/dev/null || true
# `-o -`: no incremental state, every document is processed
"$UNDOC" ingest "$SET" -o - --jobs 2 --quiet >"$WORK/undoc.jsonl" 2>"$WORK/undoc.stderr" || true
$METRICS records2txt "$WORK/undoc.jsonl" "$OUT/undoc"
ENGINES=(pdftotext-raw="$OUT/pdftotext-raw" pdftotext-bbox="$OUT/pdftotext-bbox"
    pdf-extract="$OUT/pdf-extract" lopdf="$OUT/lopdf" undoc-ingest="$OUT/undoc")

say "# Text-layer extractors: measurements"
say
say "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
say "$(. /etc/os-release && echo "$PRETTY_NAME"), $(pdftotext -v 2>&1 | head -1), $(cargo --version | cut -d' ' -f1-2)."
say "undoc commit $(git -C "$ROOT" rev-parse --short HEAD). Files: $NFILES born-digital PDFs, $PAGES pages."
say
say "## Quality against the ground truth ($(wc -l <"$WORK/truth.list") corpus PDFs, body + footnotes)"
say
$METRICS quality "$ROOT/tests/data/truth" "$WORK/truth.list" "${ENGINES[@]}" | tee -a "$RESULTS"
say
say "undoc body CER (Levenshtein after NFC and whitespace collapsing, as scripts/cer.py):"
say
say "| file | edits | truth chars | CER |"
say "|---|---:|---:|---:|"
$METRICS cer "$WORK/undoc.jsonl" "$ROOT/tests/data/truth" | tee -a "$RESULTS"
if [ -s "$WORK/extra.list" ]; then
    say
    say "## Split and joined words on the extra PDFs ($(wc -l <"$WORK/extra.list") files, no ground truth)"
    say
    $METRICS artefacts "$WORK/extra.list" "${ENGINES[@]}" | tee -a "$RESULTS"
fi

# ---------------------------------------------------------------- speed
log "timing ($RUNS runs each)"
SPEED=$WORK/speed
rm -rf "$SPEED" && mkdir -p "$SPEED"
declare -a CMDS NAMES
for j in 1 2; do
    NAMES+=("pdftotext -raw, one process per file, -P$j")
    CMDS+=("xargs -a $WORK/all.paths -P$j -I{} pdftotext -raw -enc UTF-8 {} -")
    NAMES+=("pdftotext -bbox-layout, one process per file, -P$j")
    CMDS+=("xargs -a $WORK/all.paths -P$j -I{} pdftotext -bbox-layout -enc UTF-8 {} -")
    NAMES+=("pdf-extract 0.12.1, one process per file, -P$j")
    CMDS+=("xargs -a $WORK/all.paths -P$j -I{} $PDFX pdf-extract $SPEED {}")
    NAMES+=("lopdf 0.42, one process per file, -P$j")
    CMDS+=("xargs -a $WORK/all.paths -P$j -I{} $PDFX lopdf $SPEED {}")
    NAMES+=("undoc ingest --jobs $j (whole pipeline)")
    CMDS+=("$UNDOC ingest $SET -o $SPEED/out/undoc-$j.jsonl --jobs $j --quiet")
done
HF_ARGS=()
for i in "${!CMDS[@]}"; do HF_ARGS+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
# every undoc run is a first run: no output and no incremental state left from the last one
hyperfine --runs "$RUNS" --warmup 1 -i --style basic --prepare "rm -rf $SPEED/out && mkdir -p $SPEED/out" \
    --export-json "$WORK/speed.json" "${HF_ARGS[@]}" >"$WORK/hyperfine.log" 2>&1
say
say "## Speed ($NFILES files, $PAGES pages; hyperfine, $RUNS runs after 1 warm-up; median)"
say
say "| extractor | jobs | median s | min s | pages/s | CPU s (user+sys) | pages per CPU-s |"
say "|---|---:|---:|---:|---:|---:|---:|"
python3 - "$WORK/speed.json" "$PAGES" <<'EOF' | tee -a "$RESULTS"
import json, re, sys
pages = int(sys.argv[2])
for r in json.load(open(sys.argv[1]))["results"]:
    name = r["command"]
    m = re.search(r"(?:-P|--jobs )(\d)", name)
    jobs = m.group(1) if m else "?"
    name = re.sub(r",? ?(-P\d|--jobs \d) ?", " ", name).strip()
    cpu = r["user"] + r["system"]
    print(f"| {name} | {jobs} | {r['median']:.2f} | {r['min']:.2f} | {pages / r['median']:.0f} | {cpu:.2f} | {pages / cpu:.0f} |")
EOF

# ---------------------------------------------------------------- broken files
log "broken files"
BRK=$WORK/broken
rm -rf "$BRK" && mkdir -p "$BRK"
SRC=$ROOT/corpus/synthetic/003.born-digital.pdf
head -c $(($(stat -c %s "$SRC") / 3)) "$SRC" >"$BRK/truncated.pdf"
python3 - "$SRC" "$BRK/bitflip.pdf" <<'EOF'
import random, sys
data = bytearray(open(sys.argv[1], "rb").read())
rng = random.Random(20261124)
mid = len(data) // 2
for pos in rng.sample(range(mid - 2000, mid + 2000), 50):
    data[pos] ^= rng.randrange(1, 256)
open(sys.argv[2], "wb").write(data)
EOF
: >"$BRK/empty.pdf"
cp "$ROOT/corpus/seeds/001_6a96f7bb74aaf6a5.txt" "$BRK/not-a-pdf.pdf"
qpdf --encrypt user owner 256 -- "$ROOT/corpus/synthetic/004.born-digital.pdf" "$BRK/encrypted.pdf"
WORD=${UNDOC_SHARED:-$ROOT/../shared}/real/mandate-pipeline__A_RES_78_237.pdf
[ -f "$WORD" ] || { echo "needs $WORD (the shared real PDFs, ../shared/real): not present" >&2; exit 2; }
python3 - "$WORD" "$BRK/bad-startxref.pdf" <<'EOF'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
i = data.rfind(b"startxref") + len(b"startxref")
while data[i] in b"\r\n ":
    i += 1
while data[i] in b"0123456789":  # the offset of the last xref section now points nowhere
    data[i] = ord("1")
    i += 1
open(sys.argv[2], "wb").write(data)
EOF
BROKEN=(truncated.pdf bitflip.pdf bad-startxref.pdf empty.pdf not-a-pdf.pdf encrypted.pdf)
INTACT_CHARS=$(pdftotext -raw -enc UTF-8 "$SRC" - | tr -d '[:space:]' | wc -m)
WORD_CHARS=$(pdftotext -raw -enc UTF-8 "$WORD" - | tr -d '[:space:]' | wc -m)
outcome() { # exit code, stdout chars, stderr first line
    local rc=$1 chars=$2 msg=$3
    if [ "$rc" = 124 ]; then echo "HANG (killed after 60 s)"
    elif [ "$rc" -gt 128 ]; then echo "CRASH (signal $((rc - 128)))"
    elif [ "$rc" = 0 ] && [ "$chars" -gt 0 ]; then echo "text, $chars chars"
    elif [ "$rc" = 0 ]; then echo "exit 0, no text"
    else echo "error (exit $rc): ${msg:0:70}"; fi
}
say
say "## Broken files"
say
say "truncated.pdf: first third of corpus 003.born-digital.pdf; bitflip.pdf: 003 with 50 bytes XOR-ed in the 4 KB"
say "around its middle (003 intact: $INTACT_CHARS non-space chars by pdftotext); bad-startxref.pdf: ../shared/real"
say "A/RES/78/237 (a Word PDF, $WORD_CHARS chars intact) with its startxref offset overwritten; empty.pdf: 0 bytes;"
say "not-a-pdf.pdf: a text file; encrypted.pdf: 004 encrypted with a user password (AES-256, qpdf). Each extractor"
say "runs under timeout 60 s; counts are non-space characters of the extracted text."
say
say "| file | pdftotext -raw | pdf-extract | lopdf | undoc ingest |"
say "|---|---|---|---|---|"
"$UNDOC" ingest "$BRK" -o - --jobs 1 --quiet >"$WORK/broken.jsonl" 2>/dev/null || true
for f in "${BROKEN[@]}"; do
    set +e
    timeout 60 pdftotext -raw -enc UTF-8 "$BRK/$f" "$WORK/b.txt" 2>"$WORK/b.err"
    rc=$?
    chars=$( [ -f "$WORK/b.txt" ] && tr -d '[:space:]' <"$WORK/b.txt" | wc -m || echo 0)
    rm -f "$WORK/b.txt"
    p=$(outcome $rc "$chars" "$(grep -m1 -i error "$WORK/b.err")")
    cols=("$p")
    for e in pdf-extract lopdf; do
        line=$(timeout 60 "$PDFX" "$e" "$WORK" "$BRK/$f" 2>/dev/null)
        rc=$?
        IFS=$'\t' read -r _ st _ ch msg <<<"$line"
        if [ "$rc" = 124 ] || [ "$rc" -gt 128 ]; then cols+=("$(outcome $rc 0 "")")
        elif [ "$st" = ok ] && [ "$ch" -gt 0 ]; then cols+=("text, $ch chars")
        elif [ "$st" = ok ]; then cols+=("ok, no text")
        elif [ "$st" = panic ]; then cols+=("PANIC (caught): ${msg:0:60}")
        else cols+=("error: ${msg:0:60}"); fi
    done
    set -e
    u=$(python3 - "$WORK/broken.jsonl" "$f" <<'EOF'
import json, os, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if os.path.basename(r["source"]["path"]) == sys.argv[2]:
        if r["status"] == "ok":
            print(f"ok, {sum(p['chars'] for p in r['pages'])} chars, {len(r['pages'])} pages")
        else:
            print(f"failed, `{r['error']['kind']}`")
EOF
)
    say "| $f | ${cols[0]} | ${cols[1]} | ${cols[2]} | $u |"
done

say
say "## Build cost and licences"
say
say "- pdf-extract 0.12.1 + lopdf 0.42 throwaway crate: $BUILD_NOTE."
say "- Licences in its dependency tree: $LICENCES."
say "- pdftotext: $(dpkg-query -W -f '${Package} ${Version}' poppler-utils 2>/dev/null || echo 'poppler-utils'), GPL-2 or GPL-3 (Debian package), run as a separate program."
say
echo "results: $RESULTS" >&2
