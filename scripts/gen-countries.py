#!/usr/bin/env python3
"""Generate undoc's canonical country data (config/countries/{countries,variants,
non_states}.tsv) from two registry packages plus the project's hand-written additions.

Sources (pinned in PINS below; `--requirements` prints them for pip):
  countrycode (PyPI, the Python port of the R package): UN names of the 193 Member
      States in the six official languages (`un.name.*`), ISO alpha-2/alpha-3 codes,
      M49 codes, ISO short names in English and French (`iso.name.*`), common English
      and French names (`country.name.*`) and CLDR names (`cldr.name.*`, `cldr.short.*`,
      `cldr.variant.*`) — read from the package's own data file, codelist.pickle.
  pycountry (PyPI): ISO 3166-1 names, official names and common names with their
      translations (the package's gettext catalogues), and the ISO 3166-1 entities that
      are not States in UN lists (territories: written to non_states.tsv).
Hand-written (this project's own, never generated):
  config/countries/countries_extra.tsv    rows for observer States, other entities and
                                          former Member States (same columns as
                                          countries.tsv)
  config/countries/variants_extra.tsv     old names, abbreviations, OCR damage, spelling
                                          variants, names of other datasets
  config/countries/non_states_extra.tsv   parts of States, regions, other non-States
Outputs (sorted, UTF-8 NFC, tab-separated, one header row):
  config/countries/countries.tsv, variants.tsv, non_states.tsv

Run from anywhere: python3 scripts/gen-countries.py [--out DIR] [--check]
  --out DIR       write the three outputs to DIR instead of config/countries
  --check         regenerate into a temporary folder and compare with the committed
                  files (exit 1 on a difference; scripts/test.sh runs it)
  --requirements  print the pinned packages as pip requirement lines
  --check-pins    exit 0 when the pinned packages are installed
scripts/setup.sh installs the pinned packages into target/gen-countries-venv.
The Rust tests (tests/it/countries_data.rs) check that the outputs are sorted and consistent.
"""
import argparse
import csv
import filecmp
import gettext
import importlib.metadata
import pickle
import re
import sys
import tempfile
import unicodedata
from importlib import resources
from pathlib import Path

PINS = {"countrycode": "0.6.0", "pycountry": "26.2.16"}

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config" / "countries"
OUTPUTS = ("countries.tsv", "variants.tsv", "non_states.tsv")
LANGS = ("en", "fr", "es", "ru", "zh", "ar")
# gettext catalogue of each language in pycountry.
LOCALE = {"en": None, "fr": "fr", "es": "es", "ru": "ru", "zh": "zh_CN", "ar": "ar"}
# Languages in which pycountry's ISO names become variants.
ISO_LANGS = ("en", "fr")

COUNTRY_COLUMNS = [
    "iso3", "iso2", "m49", "status",
    "name_en", "name_en_formal", "name_fr", "name_fr_formal",
    "name_es", "name_ru", "name_zh", "name_ar",
]
# When two sources give the same (iso3, variant, lang), the first kind here wins.
KIND_ORDER = [
    "short", "formal", "iso", "inverted", "alias", "old_name", "abbreviation",
    "hyphenation", "ocr", "seen_error", "typographic", "no_accent",
]
# Kinds whose derived forms (typographic, accent-less) keep the kind.
KEEPS_KIND = {"old_name", "ocr", "seen_error"}


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def check_pins():
    for name, version in PINS.items():
        try:
            have = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"gen-countries: package {name}=={version} is not installed "
                     f"(pip install {name}=={version}, or run scripts/setup.sh)")
        if have != version:
            sys.exit(f"gen-countries: {name} {have} is installed, {version} is pinned")


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = [l for l in f.read().split("\n") if l and not l.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for l in lines[1:]:
        values = [nfc(v) for v in l.split("\t")]
        if len(values) != len(header):
            sys.exit(f"{path}: {len(values)} fields instead of {len(header)}: {l!r}")
        rows.append(dict(zip(header, values)))
    return rows


def write_tsv(path, header, rows):
    for r in rows:
        for v in r:
            if "\t" in v or "\n" in v:
                sys.exit(f"tab or newline inside value {v!r} for {path}")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def fold(s):
    """Approximately undoc's fold_key: case, accents, apostrophes, hyphens, spacing."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", s.casefold()))


def typographic(s):
    """UN style: the typographic apostrophe."""
    return s.replace("'", "’")


def without_article(s):
    """A formal name without its leading article (`the State of Eritrea`)."""
    return re.sub(r"^(?:the |le |la |les |l’|l')", "", s, flags=re.IGNORECASE)


def un_chinese(s):
    """UN Chinese style: full-width parentheses, no space before them."""
    return s.replace(" (", "（").replace("(", "（").replace(")", "）")


def corrections():
    """{(iso3, column): value} from the hand-written corrections.tsv."""
    return {(r["iso3"], r["column"]): r["value"] for r in read_tsv(CONFIG / "corrections.tsv")}


# ---------------------------------------------------------------------------------
# Package data


def countrycode_table():
    """countrycode's codelist: {column: [value per row]}, read from the package."""
    path = resources.files("countrycode") / "data" / "codelist.pickle"
    with path.open("rb") as f:
        data = pickle.load(f)
    n = len(data["iso3c"])
    return [{k: v[i] for k, v in data.items()} for i in range(n)]


def text(v):
    return nfc(v) if isinstance(v, str) and v.strip() else ""


class Iso:
    """pycountry's ISO 3166-1 entries with gettext translations."""

    def __init__(self):
        import pycountry

        self.pycountry = pycountry
        self.tr = {}
        for lang, loc in LOCALE.items():
            if loc:
                self.tr[lang] = gettext.translation(
                    "iso3166-1", pycountry.LOCALES_DIR, languages=[loc])

    def get(self, iso3):
        return self.pycountry.countries.get(alpha_3=iso3)

    def translate(self, s, lang):
        if lang == "en":
            return s
        t = self.tr[lang].gettext(s)
        return t if t != s or lang == "en" else ""

    def names(self, entry, lang):
        """(kind, name) pairs of an ISO entry in `lang`."""
        out = []
        for attr, kind in (("name", "iso"), ("official_name", "formal"),
                           ("common_name", "alias")):
            s = getattr(entry, attr, None)
            if not s:
                continue
            t = text(self.translate(s, lang))
            if t:
                out.append((kind, t))
        return out


# ---------------------------------------------------------------------------------
# countries.tsv


def countries(cc, iso, extra, fixes):
    rows = []
    for r in cc:
        if not text(r.get("un.name.en")):
            continue
        iso3 = r["iso3c"]
        entry = iso.get(iso3)
        names = {lang: typographic(text(r[f"un.name.{lang}"])) for lang in LANGS}
        names["zh"] = un_chinese(names["zh"])
        official = getattr(entry, "official_name", None) if entry else None
        formal_en = without_article(typographic(text(official))) if official else names["en"]
        formal_fr = without_article(typographic(text(iso.translate(official, "fr")))) if official else ""
        formal_fr = formal_fr[:1].upper() + formal_fr[1:]
        row = {
            "iso3": iso3, "iso2": r["iso2c"], "m49": f"{int(r['un']):03d}",
            "status": "member",
            "name_en": names["en"], "name_en_formal": formal_en,
            "name_fr": names["fr"], "name_fr_formal": formal_fr or names["fr"],
            "name_es": names["es"], "name_ru": names["ru"],
            "name_zh": names["zh"], "name_ar": names["ar"],
        }
        for column in COUNTRY_COLUMNS:
            row[column] = fixes.pop((iso3, column), row[column])
        rows.append(row)
    if fixes:
        sys.exit(f"corrections.tsv: rows that match no Member State: {sorted(fixes)}")
    if len(rows) != 193:
        sys.exit(f"countrycode gives {len(rows)} UN Member States, not 193")
    have = {r["iso3"] for r in rows}
    for r in extra:
        if r["iso3"] in have:
            sys.exit(f"countries_extra.tsv: {r['iso3']} is already a Member State")
        rows.append(r)
    rows.sort(key=lambda r: r["iso3"])
    return rows


# ---------------------------------------------------------------------------------
# variants.tsv


def package_variants(countries_rows, cc, iso):
    """(iso3, variant, lang, kind) from the packages, for every row of countries.tsv."""
    by_iso3 = {r["iso3c"]: r for r in cc if isinstance(r.get("iso3c"), str)}
    out = []
    for c in countries_rows:
        iso3 = c["iso3"]
        for lang in LANGS:
            out.append((iso3, c[f"name_{lang}"], lang, "short"))
        out.append((iso3, c["name_en_formal"], "en", "formal"))
        out.append((iso3, c["name_fr_formal"], "fr", "formal"))
        entry = iso.get(iso3)
        if entry is not None:
            # ISO names in English and French only: pycountry's translations of official
            # names into the other languages lie one or two characters from other names
            # of the same country (阿尔巴尼亚共和国 / 阿尔巴尼亚和美国) and are not UN usage.
            for lang in ISO_LANGS:
                for kind, name in iso.names(entry, lang):
                    out.append((iso3, name, lang, kind))
        r = by_iso3.get(iso3)
        if r is not None and c["status"] != "historical":
            for lang in ("en", "fr"):
                out.append((iso3, text(r.get(f"iso.name.{lang}")), lang, "iso"))
                out.append((iso3, text(r.get(f"country.name.{lang}")), lang, "alias"))
            for lang in LANGS:
                for col in ("cldr.name", "cldr.short", "cldr.variant"):
                    out.append((iso3, text(r.get(f"{col}.{lang}")), lang, "alias"))
    fixed = []
    for iso3, name, lang, kind in out:
        if not name:
            continue
        if ", " in name and kind in ("iso", "formal", "alias"):
            kind = "inverted"
        fixed.append((iso3, name, lang, kind))
    return fixed


def derived(rows):
    """Typographic and accent-less forms of every variant."""
    out = []
    for iso3, name, lang, kind in rows:
        keep = kind if kind in KEEPS_KIND else None
        if "’" in name:
            out.append((iso3, name.replace("’", "'"), lang, keep or "typographic"))
        if "'" in name:
            out.append((iso3, name.replace("'", "’"), lang, keep or "typographic"))
        if lang == "zh" and ("（" in name or "(" in name):
            wide = name.replace(" (", "（").replace("(", "（").replace(")", "）")
            narrow = name.replace("（", " (").replace("）", ")")
            for form in (wide, narrow):
                if form != name:
                    out.append((iso3, form, lang, keep or "typographic"))
        if lang in ("en", "fr", "es"):
            for form in (strip_capital_accents(name), strip_accents(name)):
                if form != name:
                    out.append((iso3, form, lang, keep or "no_accent"))
    return out


def strip_accents(s):
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def strip_capital_accents(s):
    return "".join(strip_accents(c) if c.isupper() else c for c in s)


def variants(countries_rows, cc, iso, extra, non_state_keys):
    codes = {r["iso3"] for r in countries_rows}
    for r in extra:
        if r["iso3"] not in codes:
            sys.exit(f"variants_extra.tsv: {r['variant']!r} has unknown code {r['iso3']}")
        if r["kind"] not in KIND_ORDER:
            sys.exit(f"variants_extra.tsv: {r['variant']!r} has unknown kind {r['kind']}")
    hand = [(r["iso3"], r["variant"], r["lang"], r["kind"]) for r in extra]
    base = package_variants(countries_rows, cc, iso) + hand
    every = base + derived(base)
    # Hand-written and short/formal names are authoritative; a package alias whose folded
    # form names another code (or a non-State) is ambiguous and left out.
    owner = {}
    for iso3, name, lang, kind in sorted(every, key=lambda v: KIND_ORDER.index(v[3])):
        if kind == "abbreviation":
            continue
        owner.setdefault(fold(name), iso3)
    seen = {}
    for iso3, name, lang, kind in every:
        key = fold(name)
        if kind != "abbreviation" and (owner.get(key) != iso3 or key in non_state_keys):
            if (iso3, name, lang, kind) in hand:
                sys.exit(f"variants_extra.tsv: {name!r} ({iso3}) is ambiguous")
            continue
        k = (iso3, name, lang)
        if k not in seen or KIND_ORDER.index(kind) < KIND_ORDER.index(seen[k]):
            seen[k] = kind
    rows = [[k[0], k[1], k[2], kind] for k, kind in seen.items()]
    rows.sort(key=lambda r: (r[0], r[2], r[1], r[3]))
    return rows


# ---------------------------------------------------------------------------------
# non_states.tsv


def non_states(countries_rows, cc, iso, extra):
    """ISO 3166-1 entities that are not rows of countries.tsv, plus the hand-written
    non-State names. Returns the rows and their folded keys."""
    codes = {r["iso3"] for r in countries_rows}
    by_iso3 = {r["iso3c"]: r for r in cc if isinstance(r.get("iso3c"), str)}
    found = []
    for entry in iso.pycountry.countries:
        iso3 = entry.alpha_3
        if iso3 in codes:
            continue
        note = f"ISO 3166-1 {entry.alpha_2}: not a State in UN lists"
        for lang in ISO_LANGS:
            for _, name in iso.names(entry, lang):
                found.append((iso3, typographic(name), lang, note))
        r = by_iso3.get(iso3)
        if r is not None:
            for lang in ("en", "fr"):
                found.append((iso3, typographic(text(r.get(f"iso.name.{lang}"))), lang, note))
                found.append((iso3, typographic(text(r.get(f"country.name.{lang}"))), lang, note))
            for lang in LANGS:
                for col in ("cldr.name", "cldr.short"):
                    found.append((iso3, typographic(text(r.get(f"{col}.{lang}"))), lang, note))
    state_keys = set()
    for c in countries_rows:
        for col in COUNTRY_COLUMNS[4:]:
            state_keys.add(fold(c[col]))
    seen = {}
    for r in extra:
        seen.setdefault((r["name"], r["lang"]), [r["code"], r["name"], r["lang"], r["note"]])
    for iso3, name, lang, note in found:
        if not name or fold(name) in state_keys:
            continue
        seen.setdefault((name, lang), [iso3, name, lang, note])
    rows = sorted(seen.values(), key=lambda r: (r[1], r[2]))
    return rows, {fold(r[1]) for r in rows}


# ---------------------------------------------------------------------------------


def generate(out):
    check_pins()
    cc = countrycode_table()
    iso = Iso()
    extra_countries = read_tsv(CONFIG / "countries_extra.tsv")
    rows = countries(cc, iso, extra_countries, corrections())
    write_tsv(out / "countries.tsv", COUNTRY_COLUMNS, [[r[c] for c in COUNTRY_COLUMNS] for r in rows])
    ns_rows, ns_keys = non_states(rows, cc, iso, read_tsv(CONFIG / "non_states_extra.tsv"))
    v_rows = variants(rows, cc, iso, read_tsv(CONFIG / "variants_extra.tsv"), ns_keys)
    write_tsv(out / "variants.tsv", ["iso3", "variant", "lang", "kind"], v_rows)
    write_tsv(out / "non_states.tsv", ["code", "name", "lang", "note"], ns_rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=CONFIG)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--requirements", action="store_true",
                    help="print the pinned packages (pip requirement lines) and exit")
    ap.add_argument("--check-pins", action="store_true",
                    help="exit 0 when the pinned packages are installed, else 1")
    args = ap.parse_args()
    if args.check_pins:
        check_pins()
        return
    if args.requirements:
        for name, version in PINS.items():
            print(f"{name}=={version}")
        return
    if not args.check:
        generate(args.out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        differ = [f for f in OUTPUTS if not filecmp.cmp(Path(tmp) / f, CONFIG / f, shallow=False)]
    if differ:
        sys.exit("gen-countries --check: config/countries/" + ", ".join(differ)
                 + " differ from what scripts/gen-countries.py generates; run it and commit")
    print("gen-countries --check: config/countries matches its generator")


if __name__ == "__main__":
    main()
