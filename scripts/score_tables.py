#!/usr/bin/env python3
"""Scores undoc's tables and the table debris left in its bodies against ground truth
made from Word files (the gt/NAME.json of ../shared/realtext, written by docx_gt.py).

usage: score_tables.py GT_DIR RECORDS.jsonl [--json FILE] [--per-doc] [--details DIR]

Rows: a ground-truth row with 2+ non-empty cells counts; it is found when a row of the
record's `tables` has exactly the same non-empty cells (text with whitespace collapsed,
NFKC), in order. A list label opening the row (`1.`, `IV.`, `A.`, `(a)`, `3.2.`) is left
out on both sides, in its own cell or at the start of the first: Word numbers list
paragraphs itself, so the ground truth lacks the labels it printed (a table of contents'
`I.`, `A.`), as score.py leaves them out of paragraphs (docs/decisions/0020). Each record row serves one gt row (multiset match).
  row recall     found gt rows / gt rows
  row precision  record rows (2+ non-empty cells) matching a gt row / record rows
Debris: body lines that are table text, not prose: the line (whitespace collapsed) is
not a gt paragraph, footnote or text-box line but is a gt cell (or a line of one), a gt
row read across, or a run of numbers (2+ tokens, all numeric like `1 491.1`, `(3.2)`,
`–`).
Standard library only.
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

NUMERIC = re.compile(r'^[(\[]?[-–—+]?[\d.,%]*\d[\d.,%]*[)\]]?[a-z*]?$|^[-–—]$')


def norm(t):
    t = unicodedata.normalize('NFKC', t or '').replace('\u00ad', '')
    t = t.replace('\u2011', '-')
    return re.sub(r'\s+', ' ', t).strip()


# a list label as printed at the start of a row (always with its `.` or `)`, so that a
# figure such as `2 553.9` is no label)
LABEL = re.compile(r'^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|[A-Z]\.\d{1,3}\.?|\(?[a-z]{1,2}\)'
                   r'|\(?[ivxlc]{1,6}\)|[A-Z]\.|[IVXLC]{1,6}\.)(?:\s+|$)')


def row_key(row):
    cells = [norm(c) for c in row if norm(c)]
    if cells:
        cells[0] = LABEL.sub('', cells[0], count=1)
        if not cells[0]:
            cells.pop(0)
    return tuple(cells)


def numeric_run(line):
    # group the thousands separated by spaces: `1 491.1` is one number
    toks = line.split(' ')
    return len(toks) >= 2 and all(NUMERIC.match(t) for t in toks)


def read_records(path):
    out = {}
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            name = os.path.splitext(os.path.basename((r.get('source') or {}).get('path', '')))[0]
            out[name] = r
    return out


def score(gt, rec):
    res = collections.Counter()
    gt_rows = collections.Counter()
    for t in gt['tables']:
        for row in t['rows']:
            k = row_key(row)
            if len(k) >= 2:
                gt_rows[k] += 1
    res['gt_rows'] = sum(gt_rows.values())
    left = collections.Counter(gt_rows)
    unmatched = []
    for t in rec.get('tables') or []:
        for row in t.get('rows') or []:
            k = row_key(row)
            if len(k) < 2:
                continue
            res['rows'] += 1
            if left[k] > 0:
                left[k] -= 1
                res['rows_ok'] += 1
            else:
                unmatched.append(list(k))
    missed = [list(k) for k, c in left.items() for _ in range(c)]
    prose = set()
    for p in gt['paragraphs']:
        prose.add(norm(p['text']))
    for f in gt['footnotes']:
        prose.add(norm(f['text']))
    for tb in gt.get('textboxes', []):
        for t in tb['paragraphs']:
            prose.add(norm(t))
    cells = set()
    for t in gt['tables']:
        for row in t['rows']:
            for c in row:
                cells.add(norm(c))
                for piece in c.split('\n'):
                    cells.add(norm(piece))
            cells.add(norm(' '.join(c for c in row if c.strip())))
    cells.discard('')
    debris = []
    for line in (rec.get('body') or '').split('\n'):
        ln = norm(line)
        if not ln or ln in prose:
            continue
        if ln in cells or numeric_run(ln):
            debris.append(ln)
    res['debris'] = len(debris)
    return res, {'missed': missed, 'unmatched': unmatched, 'debris': debris}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('gt')
    ap.add_argument('records')
    ap.add_argument('--json')
    ap.add_argument('--per-doc', action='store_true')
    ap.add_argument('--details')
    a = ap.parse_args()
    recs = read_records(a.records)
    tot = collections.Counter()
    for f in sorted(os.listdir(a.gt)):
        if not f.endswith('.json'):
            continue
        name = f[:-5]
        gt = json.load(open(os.path.join(a.gt, f), encoding='utf-8'))
        r, det = score(gt, recs.get(name, {}))
        tot.update(r)
        if a.per_doc:
            print('%-20s gt rows %4d  found %4d  emitted %4d  real %4d  debris %4d' % (
                name, r['gt_rows'], r['rows_ok'], r['rows'], r['rows_ok'], r['debris']))
        if a.details:
            os.makedirs(a.details, exist_ok=True)
            with open(os.path.join(a.details, name + '.tables.json'), 'w', encoding='utf-8') as fh:
                json.dump(det, fh, ensure_ascii=False, indent=1)
    pct = lambda x, y: 100.0 * x / y if y else 0.0
    o = {
        'gt_rows': tot['gt_rows'],
        'rows_emitted': tot['rows'],
        'row_recall': pct(tot['rows_ok'], tot['gt_rows']),
        'row_precision': pct(tot['rows_ok'], tot['rows']),
        'debris_lines': tot['debris'],
    }
    print('| gt rows | rows emitted | row recall % | row precision % | debris lines |')
    print('|---|---|---|---|---|')
    print('| %d | %d | %.1f | %.1f | %d |' % (o['gt_rows'], o['rows_emitted'], o['row_recall'],
                                            o['row_precision'], o['debris_lines']))
    if a.json:
        with open(a.json, 'w') as fh:
            json.dump(o, fh, indent=1)


if __name__ == '__main__':
    sys.exit(main())
