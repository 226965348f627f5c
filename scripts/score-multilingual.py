#!/usr/bin/env python3
"""Development aid: scores undoc records of the six-language test set against its truth.

usage: scripts/score-multilingual.py RECORDS.jsonl [TRUTH_DIR] [--diff] [--docs]

TRUTH_DIR defaults to $UNDOC_SHARED/multilingual/synthetic, else ../shared/… beside the
repository (read at run time; nothing of it
is copied into the repository). A record matches NAME.LANG.VARIANT.pdf to
NAME.LANG.gt.txt (body, empty line, footnotes `[n] text`) and NAME.LANG.meta.json
(symbol, organ in English, date, language, session, agenda_items, title).

Prints per language and variant: documents, body CER, footnote CER (characters over
all documents), and the share of metadata fields right; `--docs` one line per document,
`--diff` the first differences of each document and its wrong fields.
Needs `pip install rapidfuzz` for speed (falls back to a slow pure-Python distance).
"""
import collections, difflib, json, os, re, sys, unicodedata

ORGANS = {  # the organ as the masthead prints it in each language -> English
    "General Assembly": ["General Assembly", "Assemblée générale", "Asamblea General",
                         "Генеральная Ассамблея", "大会", "الجمعية العامة"],
    "Security Council": ["Security Council", "Conseil de sécurité", "Consejo de Seguridad",
                         "Совет Безопасности", "安全理事会", "مجلس الأمن"],
    "Economic and Social Council": ["Economic and Social Council", "Conseil économique et social",
                                    "Consejo Económico y Social",
                                    "Экономический и Социальный Совет", "经济及社会理事会",
                                    "المجلس الاقتصادي والاجتماعي"],
}
FIELDS = ["symbol", "date", "language", "organ", "session", "agenda_items", "title"]


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cer import lev  # noqa: E402  (one edit distance for every scorer)


def organ_english(name):
    for en, names in ORGANS.items():
        if norm(name) in (norm(n) for n in names):
            return en
    return name


def title_core(t):
    """The printed title: the record's `Main : kind` adds a byline after ' : '."""
    # The record sets apostrophes between letters typographically (`l’homme`).
    return norm(re.sub(r"\[\d+\]", "", t or "")).replace("\u2019", "'")


def field_ok(field, rec, meta):
    got, want = rec.get(field), meta.get(field)
    if field == "organ":
        return organ_english(got or "") == want
    if field == "session":
        return (str(got) if got is not None else None) == want
    if field == "agenda_items":
        return [norm(a) for a in got or []] == [norm(a) for a in want or []]
    if field == "title":
        g, w = title_core(got), title_core(want)
        return g == w or g.startswith(w + " : ") or g.startswith(w + ": ")
    return got == want


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show, per_doc = "--diff" in sys.argv, "--docs" in sys.argv
    recs = args[0]
    shared = os.environ.get("UNDOC_SHARED") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")
    truth = args[1] if len(args) > 1 else os.path.join(shared, "multilingual", "synthetic")
    if not os.path.isdir(truth):
        sys.exit(f"score-multilingual: no truth folder {truth}")
    agg = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0, collections.Counter()])
    for line in open(recs):
        r = json.loads(line)
        name = os.path.basename(r["source"]["path"])
        m = re.match(r"(.+)\.(ar|en|es|fr|ru|zh)\.([\w-]+)\.pdf$", name)
        if not m:
            continue
        stem, lang, variant = m.groups()
        gt_path = os.path.join(truth, f"{stem}.{lang}.gt.txt")
        meta = json.load(open(os.path.join(truth, f"{stem}.{lang}.meta.json")))
        body_gt, _, notes_gt = open(gt_path, encoding="utf-8").read().partition("\n\n")
        a = agg[(lang, variant)]
        a[0] += 1
        if r["status"] != "ok":
            a[2] += len(norm(body_gt)); a[1] += len(norm(body_gt))
            print(f"{name}: failed {r.get('error')}")
            continue
        notes = "\n".join(f"[{f['mark']}] {f['text']}" for f in r["footnotes"])
        db, nb = lev(norm(r["body"]), norm(body_gt)), len(norm(body_gt))
        dn, nn = lev(norm(notes), norm(notes_gt)), len(norm(notes_gt))
        a[1] += db; a[2] += nb; a[3] += dn; a[4] += nn
        wrong = [f for f in FIELDS if not field_ok(f, r, meta)]
        a[5] += len(FIELDS) - len(wrong); a[6] += len(FIELDS)
        a[7].update(wrong)
        if per_doc or show:
            print(f"{name:38s} body {db / max(1, nb) * 100:6.2f}%  notes {dn / max(1, nn) * 100:6.2f}%"
                  f"  wrong: {', '.join(wrong) or '-'}")
        if show:
            for f in wrong:
                print(f"    {f}: got {r.get(f)!r} want {meta.get(f)!r}")
            for tag, sa, sb in (("body", r["body"], body_gt), ("notes", notes, notes_gt)):
                d = list(difflib.unified_diff(sb.splitlines(), sa.splitlines(), "truth", "undoc",
                                              n=0, lineterm=""))
                for l in d[2:14]:
                    print("   ", tag, l[:200])
    print(f"{'lang':4s} {'variant':13s} {'docs':>4s} {'body CER':>9s} {'notes CER':>9s} {'metadata':>9s}  wrong fields")
    for (lang, variant), a in sorted(agg.items()):
        print(f"{lang:4s} {variant:13s} {a[0]:4d} {a[1] / max(1, a[2]) * 100:8.2f}% "
              f"{a[3] / max(1, a[4]) * 100:8.2f}% {a[5] / max(1, a[6]) * 100:8.1f}%  "
              + ", ".join(f"{k} {v}" for k, v in a[7].most_common()))


main()
