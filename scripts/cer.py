#!/usr/bin/env python3
"""Development aid: CER of undoc records against ground truth, with the first differences.

usage: scripts/cer.py RECORDS.jsonl TRUTH_DIR [--diff]
Matches records whose file name starts with NNN to TRUTH_DIR/NNN.gt.txt.
"""
import difflib, json, os, re, sys, unicodedata

def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()

def lev(a, b):
    try:
        from rapidfuzz.distance import Levenshtein
        return Levenshtein.distance(a, b)
    except ImportError:
        pass
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]

def main():
    recs, truth = sys.argv[1], sys.argv[2]
    show = "--diff" in sys.argv
    for line in open(recs):
        r = json.loads(line)
        name = os.path.basename(r["source"]["path"])
        m = re.match(r"(?:mixed-)?(\d{3})", name)
        gt = os.path.join(truth, f"{m.group(1)}.gt.txt") if m else None
        if not gt or not os.path.exists(gt) or r["status"] != "ok":
            continue
        body_gt, _, notes_gt = open(gt).read().partition("\n\n")
        notes = "\n".join(f"[{f['mark']}] {f['text']}" for f in r["footnotes"])
        a, b = norm(r["body"]), norm(body_gt)
        fa, fb = norm(notes), norm(notes_gt)
        cer = lev(a, b) / max(1, len(b))
        fcer = lev(fa, fb) / max(1, len(fb))
        print(f"{name:35s} body CER {cer*100:6.2f}%  footnotes CER {fcer*100:6.2f}%  paragraphs {len(r['body'].splitlines())}/{len(body_gt.splitlines())}")
        if show:
            for tag, sa, sb in (("body", r["body"], body_gt), ("notes", notes, notes_gt)):
                d = list(difflib.unified_diff(sb.splitlines(), sa.splitlines(), "truth", "undoc", n=0, lineterm=""))
                for l in d[:40]:
                    print("   ", tag, l[:220])

if __name__ == "__main__":
    main()
