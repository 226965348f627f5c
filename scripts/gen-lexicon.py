#!/usr/bin/env python3
"""Generate undoc's lexicons (config/repair/lexicon-{fr,en,es,ru,ar,zh}.tsv) from wordfreq.

Source: the PyPI package `wordfreq` 3.1.1 (code Apache-2.0; word-frequency data
CC-BY-SA 4.0, see config/repair/README.md). It ships `large_<lang>.msgpack.gz` for the
six UN languages: a list of "centibel" buckets, bucket i holding the words whose
frequency is 10^(-i/100). We keep the bucket number as the word's *cost* (lower = more
frequent).

Output format (the TSV dialect of config/README.md): a comment naming the source, the
header `cost<TAB>words`, then one row per non-empty bucket: `<cost>\t<word> <word> ...`,
words in NFC, lower case, letters only (no digits, apostrophes or hyphens: undoc's
tokenizer splits on those).

Trimming (sizes measured in docs/decisions/0015-six-language-lexicons.md):
  en, fr   every word up to cost FLOOR[lang]; beyond it, only words with a non-ASCII
           letter (accented forms are what repair proposes, so they are all kept).
  es       the same rule (accents again).
  ru, ar   every word up to cost FLOOR[lang] (all their letters are non-ASCII, so the
           accent rule would keep everything).
  zh       wordfreq's Chinese words are jieba segments, and undoc does not segment
           Chinese: the lexicon holds *characters*, each with the cost of its summed
           frequency over the words that contain it, the ZH_CHARS most frequent ones.

Usage: scripts/gen-lexicon.py [--check] [--wheel path/to/wordfreq-3.1.1-py3-none-any.whl]
  --check         regenerate into a temporary folder and fail when config/repair differs
  --requirements  print the pinned packages as pip requirement lines (install them with
                  `pip install --no-deps`: the script reads wordfreq's data files only)
  --check-pins    exit 0 when the pinned packages are installed
The data files are read from the installed wordfreq package (scripts/setup.sh installs
the pins into target/gen-lexicon-venv), else from the wheel given with --wheel, else
from a wheel fetched with `pip download wordfreq==3.1.1 --no-deps`.
"""
import argparse
import filecmp
import gzip
import importlib.metadata
import importlib.util
import io
import math
import os
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PINS = {"wordfreq": "3.1.1", "msgpack": "1.1.0"}
FLOOR = {"fr": 750, "en": 720, "es": 700, "ru": 650, "ar": 650}
# Beyond FLOOR, words with a non-ASCII letter are kept too (accent repair).
KEEP_ACCENTED = {"fr", "en", "es"}
LANGS = ("fr", "en", "es", "ru", "ar", "zh")
# Chinese: this many characters (the 4,000 most frequent hold 99.98 % of the Han
# characters of the synthetic test documents, 6,000 all of them).
ZH_CHARS = 6000
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "config", "repair")


def check_pins():
    for name, version in PINS.items():
        try:
            if importlib.metadata.version(name) != version:
                sys.exit(1)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(1)


def data_reader(wheel):
    """A function giving the bytes of wordfreq/data/<name>."""
    spec = None if wheel else importlib.util.find_spec("wordfreq")
    if spec is not None and spec.submodule_search_locations:
        root = spec.submodule_search_locations[0]
        return lambda name: open(os.path.join(root, "data", name), "rb").read()
    if not wheel:
        tmp = tempfile.mkdtemp()
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "wordfreq==3.1.1", "--no-deps", "-d", tmp],
            check=True,
        )
        wheel = os.path.join(tmp, "wordfreq-3.1.1-py3-none-any.whl")
    whl = zipfile.ZipFile(wheel)
    return lambda name: whl.read(f"wordfreq/data/{name}")


def buckets(read, lang):
    import msgpack

    raw = read(f"large_{lang}.msgpack.gz")
    data = msgpack.load(gzip.GzipFile(fileobj=io.BytesIO(raw)), raw=False)
    assert data[0]["format"] == "cB"
    return data[1:]


def word_rows(read, lang):
    seen = set()
    lines = []
    for cost, bucket in enumerate(buckets(read, lang), start=1):
        keep = []
        for word in bucket:
            word = unicodedata.normalize("NFC", word.lower())
            if not word.isalpha() or word in seen:
                continue
            if cost > FLOOR[lang] and (lang not in KEEP_ACCENTED or word.isascii()):
                continue
            seen.add(word)
            keep.append(word)
        if keep:
            lines.append(f"{cost}\t{' '.join(keep)}\n")
    return lines, len(seen)


def char_rows(read):
    freq = {}
    for cost, bucket in enumerate(buckets(read, "zh"), start=1):
        share = 10 ** (-cost / 100)
        for word in bucket:
            for ch in unicodedata.normalize("NFC", word):
                if ch.isalpha():
                    freq[ch] = freq.get(ch, 0.0) + share
    ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:ZH_CHARS]
    by_cost = {}
    for ch, f in ranked:
        by_cost.setdefault(max(1, round(-100 * math.log10(f))), []).append(ch)
    lines = [f"{cost}\t{' '.join(chars)}\n" for cost, chars in sorted(by_cost.items())]
    return lines, len(ranked)


def generate(read, out):
    for lang in LANGS:
        lines, count = char_rows(read) if lang == "zh" else word_rows(read, lang)
        path = os.path.join(out, f"lexicon-{lang}.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# generated by scripts/gen-lexicon.py from wordfreq 3.1.1 large_{lang} (CC-BY-SA 4.0)\n")
            f.write("cost\twords\n")
            f.writelines(lines)
        print(lang, count, "entries ->", path, file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--wheel", help="a wordfreq 3.1.1 wheel to read the data from")
    ap.add_argument("--requirements", action="store_true")
    ap.add_argument("--check-pins", action="store_true")
    args = ap.parse_args()
    if args.check_pins:
        check_pins()
        return
    if args.requirements:
        for name, version in PINS.items():
            print(f"{name}=={version}")
        return
    read = data_reader(args.wheel)
    if not args.check:
        generate(read, OUT)
        return
    with tempfile.TemporaryDirectory() as tmp:
        generate(read, tmp)
        names = [f"lexicon-{lang}.tsv" for lang in LANGS]
        differ = [n for n in names if not filecmp.cmp(os.path.join(tmp, n), os.path.join(OUT, n), shallow=False)]
    if differ:
        sys.exit("gen-lexicon --check: config/repair/" + ", ".join(differ)
                 + " differ from what scripts/gen-lexicon.py generates; run it and commit")
    print("gen-lexicon --check: config/repair lexicons match their generator")


if __name__ == "__main__":
    main()
