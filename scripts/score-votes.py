#!/usr/bin/env python3
"""Scores the votes of meeting records against expected votes.

    scripts/score-votes.py RECORDS.jsonl [EXPECTED.json]

EXPECTED defaults to pv/expected-votes.json in the shared folder ($UNDOC_SHARED, else
../shared beside the repository), read at run time and never copied.
It maps a file name to {symbol, date, votes: [{subject, stated: {yes, no, abstain},
lists?: {yes, no, abstain}}]}. For each record whose file name is a key, prints the
symbol and date check, every expected vote found (stated tally and subject or
resolution equal) or missing, the per-country agreement of the lists when given, and
the votes found that match no expected vote (spurious). Ends with totals.
"""

import json
import os
import sys


def key_of(vote):
    s = vote.get("stated")
    return (s["yes"], s["no"], s["abstain"]) if s else None


def names(vote, side):
    return {c["iso3"] for c in vote.get(side, [])}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.environ.get("UNDOC_SHARED") or os.path.join(here, "..", "..", "shared")
    default = os.path.join(shared, "pv", "expected-votes.json")
    expected = json.load(open(sys.argv[2] if len(sys.argv) > 2 else default))
    records = {}
    for line in open(sys.argv[1]):
        r = json.loads(line)
        records[os.path.basename(r["source"]["path"])] = r
    t = dict(expected=0, found=0, subject=0, spurious=0, countries=0, countries_ok=0,
             meta=0, meta_ok=0)
    for name, exp in expected.items():
        r = records.get(name)
        if r is None:
            print(f"{name}: no record")
            continue
        for field in ("symbol", "date"):
            t["meta"] += 1
            ok = r.get(field) == exp[field]
            t["meta_ok"] += ok
            print(f"{name}: {field} {'ok' if ok else 'WRONG'} ({r.get(field)!r})")
        got = [v for v in r.get("votes", []) if not v.get("adopted_without_vote")]
        used = set()
        for e in exp["votes"]:
            t["expected"] += 1
            want = (e["stated"]["yes"], e["stated"]["no"], e["stated"]["abstain"])
            hit = next((i for i, v in enumerate(got) if i not in used and key_of(v) == want), None)
            if hit is None:
                print(f"  MISSING {e['subject']} {want}")
                continue
            used.add(hit)
            v = got[hit]
            t["found"] += 1
            subj_ok = e["subject"] in (v.get("resolution"), v.get("subject"))
            t["subject"] += subj_ok
            print(f"  found {want} subject={v.get('subject')} resolution={v.get('resolution')}"
                  f" {'ok' if subj_ok else 'SUBJECT WRONG'} tally_matches={v.get('tally_matches')}")
            lists = e.get("lists")
            if lists:
                placed = {}
                for side in ("yes", "no", "abstain"):
                    for c in names(v, side):
                        placed[c] = side
                for side in ("yes", "no", "abstain"):
                    for c in lists[side]:
                        t["countries"] += 1
                        if placed.get(c) == side:
                            t["countries_ok"] += 1
                        else:
                            print(f"    {c}: expected {side}, got {placed.get(c)}")
                extra = set(placed) - {c for s in lists.values() for c in s}
                for c in sorted(extra):
                    print(f"    {c}: listed as {placed[c]} but not expected")
        for i, v in enumerate(got):
            if i not in used:
                t["spurious"] += 1
                print(f"  SPURIOUS subject={v.get('subject')} stated={v.get('stated')} "
                      f"counted={len(v['yes'])}-{len(v['no'])}-{len(v['abstain'])}")
    pct = 100.0 * t["countries_ok"] / t["countries"] if t["countries"] else 0.0
    print(f"TOTAL votes found {t['found']}/{t['expected']}, subject right {t['subject']}, "
          f"spurious {t['spurious']}, country positions {t['countries_ok']}/{t['countries']} "
          f"({pct:.1f}%), symbol+date {t['meta_ok']}/{t['meta']}")


if __name__ == "__main__":
    main()
