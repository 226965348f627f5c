#!/usr/bin/env python3
"""Generate undoc's canonical country data (config/countries/*.tsv) from the reference
tables in config/reference/ plus the hand-written additions in config/countries/.

Inputs (never modified):
  config/reference/un_countries.csv        one row per code, names in six languages
  config/reference/country_variants.tsv    names and variants -> iso3
  config/reference/non_state_names.tsv     names that are not States
  config/countries/variants_extra.tsv      hand-written variants (same columns)
  config/countries/non_states_extra.tsv    hand-written non-State names (same columns)
Outputs (sorted, UTF-8 NFC, tab-separated, one header row):
  config/countries/countries.tsv
  config/countries/variants.tsv
  config/countries/non_states.tsv

Run from the repository root: python3 scripts/gen-countries.py
The Rust tests (tests/countries_data.rs) check that the outputs are sorted and consistent.
"""
import csv
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / "config" / "reference"
OUT = ROOT / "config" / "countries"

COUNTRY_COLUMNS = [
    "iso3", "iso2", "m49", "status",
    "name_en", "name_en_formal", "name_fr", "name_fr_formal",
    "name_es", "name_ru", "name_zh", "name_ar",
]


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    return header, [dict(zip(header, (nfc(v) for v in r))) for r in body if any(r)]


def write_tsv(path, header, rows):
    for r in rows:
        for v in r:
            if "\t" in v or "\n" in v:
                sys.exit(f"tab or newline inside value {v!r} for {path}")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def countries():
    with open(REF / "un_countries.csv", encoding="utf-8", newline="") as f:
        rows = [{k: nfc(v) for k, v in r.items()} for r in csv.DictReader(f)]
    out = []
    for r in rows:
        r["status"] = r.pop("un_member")
        out.append([r[c] for c in COUNTRY_COLUMNS])
    out.sort(key=lambda r: r[0])
    write_tsv(OUT / "countries.tsv", COUNTRY_COLUMNS, out)
    return {r[0] for r in out}


def variants(codes):
    _, ref = read_tsv(REF / "country_variants.tsv")
    _, extra = read_tsv(OUT / "variants_extra.tsv")
    seen = {}
    for r in ref + extra:
        if r["iso3"] not in codes:
            sys.exit(f"variant {r['variant']!r} has unknown code {r['iso3']}")
        key = (r["iso3"], r["variant"], r["lang"])
        seen.setdefault(key, r["kind"])
    rows = [[k[0], k[1], k[2], kind] for k, kind in seen.items()]
    rows.sort(key=lambda r: (r[0], r[2], r[1], r[3]))
    write_tsv(OUT / "variants.tsv", ["iso3", "variant", "lang", "kind"], rows)


def non_states():
    _, ref = read_tsv(REF / "non_state_names.tsv")
    _, extra = read_tsv(OUT / "non_states_extra.tsv")
    seen = {}
    for r in ref + extra:
        seen.setdefault((r["name"], r["lang"]), r)
    rows = [[r["code"], r["name"], r["lang"], r["note"]] for r in seen.values()]
    rows.sort(key=lambda r: (r[1], r[2]))
    write_tsv(OUT / "non_states.tsv", ["code", "name", "lang", "note"], rows)


if __name__ == "__main__":
    variants(countries())
    non_states()
