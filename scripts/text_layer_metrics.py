#!/usr/bin/env python3
"""Word-level metrics of PDF text-layer extractors (used by scripts/measure-text-layer.sh).

usage:
  text_layer_metrics.py bbox2txt XHTML OUT.txt          # pdftotext -bbox-layout words -> one line per <line>
  text_layer_metrics.py records2txt RECORDS.jsonl OUTDIR  # undoc records -> OUTDIR/<file>.txt (body + footnotes)
  text_layer_metrics.py quality TRUTH_DIR FILES_TSV ENGINE=DIR...
  text_layer_metrics.py artefacts FILES_TSV ENGINE=DIR...
  text_layer_metrics.py cer RECORDS.jsonl TRUTH_DIR

FILES_TSV: one PDF base name per line.  Each ENGINE=DIR holds <basename>.txt per PDF.

Tokens: the text is NFC-normalised and split on whitespace; punctuation that wraps a
word (.,;:!?()[]«»"“” and quotes) is stripped from both ends, hyphens are kept (so
`Secretary -General` gives the tokens `Secretary` and `-General`).  Ground truth:
body + footnotes of NNN.gt.txt, footnote references `[n]` removed.

quality (ground truth available):
  recall    = |extracted ∩ truth| / |truth|   (multisets of tokens)
  precision = |extracted ∩ truth| / |extracted| (raw extractors also return running
              heads, page numbers, the masthead: precision is low by design for them)
  split     = adjacent tokens on one line, at least one of them not a truth word, whose
              concatenation is a truth word (`an d`, `Secretary -General`); a split
              across a line end (`Guinée-` / `Bissau`, typeset so) is counted apart
  joined    = a token that is not a truth word but is two truth words (>= 2 letters
              each) glued together (`GrandeBretagne`, `dela`)
  glued marks = a token that is a truth word followed by digits or `*` (a footnote
              mark stuck to its word: `formulées1`)
artefacts (no ground truth): the reference vocabulary and bigrams are those that at
  least two of the independent engines produce for that file (majority vote; poppler's
  -raw and -bbox-layout count as one engine).  A split is an adjacent same-line pair
  that fewer than two engines produce while its concatenation is a majority token;
  `hyphen splits` counts the pattern `word -Word` / `word- Word` inside a line (not the
  suspended hyphen of `troop- and police-contributing`).
"""
import collections
import html
import json
import os
import re
import sys
import unicodedata

STRIP = ".,;:!?()[]{}«»\"“”‘’'"
MARK = re.compile(r"\[(\d+|\*+)\]")


def norm(s):
    return unicodedata.normalize("NFC", s)


def token(w):
    return w.strip(STRIP)


def lines_tokens(text):
    """List of lines, each a list of tokens (empty tokens dropped)."""
    out = []
    for line in norm(text).replace("\x0c", "\n").split("\n"):
        toks = [t for t in (token(w) for w in line.split()) if t]
        if toks:
            out.append(toks)
    return out


def truth_tokens(path):
    text = open(path, encoding="utf-8").read()
    text = MARK.sub("", text)
    return [t for l in lines_tokens(text) for t in l]


def read(path):
    try:
        return open(path, encoding="utf-8", errors="replace").read()
    except FileNotFoundError:
        return None


def multiset_match(ex, gt):
    ce, cg = collections.Counter(ex), collections.Counter(gt)
    return sum(min(n, cg[w]) for w, n in ce.items())


def is_joined(t, vocab):
    if t in vocab or len(t) < 4:
        return False
    for i in range(2, len(t) - 1):
        a, b = t[:i], t[i:]
        if a in vocab and b in vocab and a.isalpha() and b.isalpha():
            return True
    return False


def glued_mark(t, vocab):
    m = re.fullmatch(r"(.*?[^\d\W])(\d{1,2}|\*+)", t)
    return bool(m) and t not in vocab and m.group(1) in vocab


def splits(lines, vocab):
    """(inside-line splits, across-line splits, examples)"""
    inside, across, ex = 0, 0, collections.Counter()
    flat = [(i, t) for i, l in enumerate(lines) for t in l]
    for (la, a), (lb, b) in zip(flat, flat[1:]):
        if (a in vocab and b in vocab) or (a + b) not in vocab:
            continue
        if la == lb:
            inside += 1
            ex[f"{a} {b}"] += 1
        else:
            across += 1
    return inside, across, ex


def cmd_bbox2txt(src, dst):
    xml = open(src, encoding="utf-8", errors="replace").read()
    out = []
    for page in re.findall(r"<page\b.*?</page>", xml, re.S):
        for line in re.findall(r"<line\b.*?</line>", page, re.S):
            words = [html.unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", line, re.S)]
            out.append(" ".join(words))
        out.append("\x0c")
    open(dst, "w", encoding="utf-8").write("\n".join(out))


def cmd_records2txt(records, outdir):
    os.makedirs(outdir, exist_ok=True)
    for line in open(records, encoding="utf-8"):
        r = json.loads(line)
        name = os.path.basename(r["source"]["path"])
        if r["status"] != "ok":
            continue
        notes = "\n".join(f["text"] for f in r.get("footnotes", []))
        open(os.path.join(outdir, name + ".txt"), "w", encoding="utf-8").write(r["body"] + "\n\n" + notes)


def parse_engines(args):
    return [tuple(a.split("=", 1)) for a in args]


def cmd_quality(truth_dir, files_tsv, engines):
    files = [l.strip() for l in open(files_tsv) if l.strip()]
    print("| extractor | truth words | extracted words | recall | precision | splits in a line | splits at line end | joined | glued marks |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    examples = {}
    for name, d in engines:
        tot = collections.Counter()
        ex_all = collections.Counter()
        for f in files:
            gt = truth_tokens(os.path.join(truth_dir, f[:3] + ".gt.txt"))
            vocab = set(gt)
            text = read(os.path.join(d, f + ".txt"))
            lines = lines_tokens(text or "")
            toks = [t for l in lines for t in l]
            inside, across, ex = splits(lines, vocab)
            tot["gt"] += len(gt)
            tot["ex"] += len(toks)
            tot["match"] += multiset_match(toks, gt)
            tot["inside"] += inside
            tot["across"] += across
            tot["joined"] += sum(is_joined(t, vocab) for t in toks)
            tot["glued"] += sum(glued_mark(t, vocab) for t in toks)
            ex_all.update(ex)
        examples[name] = ex_all
        rec = tot["match"] / max(1, tot["gt"])
        prec = tot["match"] / max(1, tot["ex"])
        print(f"| {name} | {tot['gt']} | {tot['ex']} | {rec*100:.2f} % | {prec*100:.2f} % | {tot['inside']} | {tot['across']} | {tot['joined']} | {tot['glued']} |")
    print()
    for name, ex in examples.items():
        top = ", ".join(f"`{k}` ×{n}" for k, n in ex.most_common(6))
        print(f"- {name}: in-line splits: {top or 'none'}")


# `Secretary -General`, `self- determination`; not the suspended hyphen of `troop- and police-`
HYPHEN_SPLIT = re.compile(r"(?<=\w) -(?=\w)|(?<=\w)- (?!(?:and|or|to|nor|et|ou|y|o|und)\b)(?=\w)")


def cmd_artefacts(files_tsv, engines):
    files = [l.strip() for l in open(files_tsv) if l.strip()]
    # poppler -raw and -bbox-layout are one engine for the vote
    voters = [(n, d) for n, d in engines if not n.startswith("undoc")]
    seen_poppler = False
    independent = []
    for n, d in voters:
        if n.startswith("pdftotext"):
            if seen_poppler:
                continue
            seen_poppler = True
        independent.append((n, d))
    totals = {n: collections.Counter() for n, _ in engines}
    examples = {n: collections.Counter() for n, _ in engines}
    for f in files:
        texts = {n: read(os.path.join(d, f + ".txt")) for n, d in engines}
        tok_votes, bi_votes = collections.Counter(), collections.Counter()
        for n, _ in independent:
            lines = lines_tokens(texts[n] or "")
            toks = {t for l in lines for t in l}
            # a word hyphenated at a line end counts as the whole word too
            toks |= {a[:-1] + b[0] for a, b in zip(lines, lines[1:]) if len(a) and a[-1].endswith("-") and a[-1][:-1].isalpha()
                     for a, b in [(a[-1], b)]}
            tok_votes.update(toks)
            bi_votes.update({(a, b) for l in lines for a, b in zip(l, l[1:])})
        vocab = {t for t, v in tok_votes.items() if v >= 2}
        bigrams = {p for p, v in bi_votes.items() if v >= 2}
        for n, _ in engines:
            text = texts[n]
            if text is None:
                totals[n]["missing"] += 1
                continue
            lines = lines_tokens(text)
            for l in lines:
                for a, b in zip(l, l[1:]):
                    if (a, b) not in bigrams and (a + b) in vocab:
                        totals[n]["split"] += 1
                        examples[n][f"{a} {b}"] += 1
            for raw_line in norm(text).split("\n"):
                totals[n]["hyphen"] += len(HYPHEN_SPLIT.findall(raw_line))
            totals[n]["tokens"] += sum(len(l) for l in lines)
            totals[n]["joined"] += sum(is_joined(t, vocab) for l in lines for t in l)
    print("| extractor | words | splits (majority vote) | `word -Word` / `word- word` in a line | joined words |")
    print("|---|---:|---:|---:|---:|")
    for n, _ in engines:
        t = totals[n]
        print(f"| {n} | {t['tokens']} | {t['split']} | {t['hyphen']} | {t['joined']} |")
    print()
    for n, _ in engines:
        top = ", ".join(f"`{k}` ×{v}" for k, v in examples[n].most_common(8))
        print(f"- {n}: {top or 'none'}")


def cmd_cer(records, truth_dir):
    from rapidfuzz.distance import Levenshtein

    def flat(s):
        return re.sub(r"\s+", " ", norm(s)).strip()

    tot_d = tot_n = 0
    for line in open(records, encoding="utf-8"):
        r = json.loads(line)
        name = os.path.basename(r["source"]["path"])
        gt = os.path.join(truth_dir, name[:3] + ".gt.txt")
        if not os.path.exists(gt) or r["status"] != "ok":
            continue
        body = open(gt, encoding="utf-8").read().partition("\n\n")[0]
        d = Levenshtein.distance(flat(r["body"]), flat(body))
        tot_d += d
        tot_n += len(flat(body))
        print(f"| {name} | {d} | {len(flat(body))} | {d / max(1, len(flat(body))) * 100:.2f} % |")
    print(f"| all | {tot_d} | {tot_n} | {tot_d / max(1, tot_n) * 100:.2f} % |")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "bbox2txt":
        cmd_bbox2txt(*args)
    elif cmd == "records2txt":
        cmd_records2txt(*args)
    elif cmd == "quality":
        cmd_quality(args[0], args[1], parse_engines(args[2:]))
    elif cmd == "artefacts":
        cmd_artefacts(args[0], parse_engines(args[1:]))
    elif cmd == "cer":
        cmd_cer(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
