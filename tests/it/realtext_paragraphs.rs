//! Body paragraphs and page furniture of the real reports of the shared material
//! (`../shared/realtext`: 12 UN reports as PDF with ground truth made from their Word
//! files, read at test time): paragraphs come out whole, exactly as written, and no
//! running head, page number or job number stands in a body, landscape pages included.
//!
//! The comparison follows the paragraph scorer of the shared folder
//! (`realtext/tools/score.py`, run by scripts/score-realtext.sh): paragraphs of 25
//! characters or more, compared without their numbering, footnote marks, quote styles
//! and spacing; "near" is a normalized edit similarity of 0.97 or more. The floors are
//! the figures reached; they may only go up.

use crate::common;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::realtext_reports::REPORTS;
use common::*;
use regex::Regex;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// Shorter paragraphs (normalized) are not scored.
const MIN_LEN: usize = 25;

static MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(?:\d{1,3}|[a-z]{1,2}|\*{1,4}|[ivx]{1,5})\]").unwrap());
static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|[A-Z]\.\d{1,3}|\(?[a-z]{1,2}\)|\(?[ivxlc]{1,6}\)|[A-Z]\.|[IVXLC]{1,6}\.|[•▪●◦‣⁃·■□➢–—*-])\s+",
    )
    .unwrap()
});
/// A table note's letter (`a Includes …`): stripped when a capital follows.
static NOTE_LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z](?:,[a-z])*\s+[A-Z]").unwrap());
static PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})\s*/\s*(\d{1,4})$").unwrap());
static JOB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{6})?$").unwrap()
});

/// NFKC, no zero-width characters or soft hyphens, one kind of quote and dash, one
/// space.
fn plain(text: &str) -> String {
    let t: String = text
        .nfkc()
        .filter(|c| !"\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}\u{ad}".contains(*c))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`plain`], without footnote marks and without up to two leading numbers or labels.
fn norm(text: &str) -> String {
    let mut t = plain(&MARK.replace_all(&plain(text), ""));
    for _ in 0..2 {
        let next = strip_numbering(&t);
        if next == t {
            break;
        }
        t = next;
    }
    t
}

fn strip_numbering(t: &str) -> String {
    if let Some(m) = NUMBERING.find(t) {
        return t[m.end()..].to_string();
    }
    if let Some(m) = NOTE_LETTER.find(t) {
        return t[m.end() - 1..].to_string();
    }
    t.to_string()
}

#[derive(Default, Debug)]
struct Counts {
    paragraphs: usize,
    exact: usize,
    near: usize,
    leaks: usize,
}

fn score(name: &str, gt: &Value, record: &Value, out: &mut Counts) {
    let body: Vec<&str> = record["body"]
        .as_str()
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let lines: Vec<String> = body.iter().map(|l| norm(l)).collect();
    let mut where_: HashMap<&str, usize> = HashMap::new();
    for l in &lines {
        *where_.entry(l.as_str()).or_default() += 1;
    }
    let mut legit: HashMap<String, usize> = HashMap::new();
    let mut missed = Vec::new();
    for p in gt["paragraphs"].as_array().unwrap() {
        let raw = p["text"].as_str().unwrap();
        *legit.entry(plain(raw)).or_default() += 1;
        let style = p["style_name"].as_str().unwrap_or("").to_lowercase();
        if p.get("frame_note").is_some_and(|v| !v.is_null())
            || p.get("frame").is_some_and(|v| !v.is_null() && v != false)
            || style.contains("footnote text")
        {
            continue;
        }
        let text = norm(raw);
        if text.chars().count() < MIN_LEN {
            continue;
        }
        out.paragraphs += 1;
        if let Some(n) = where_.get_mut(text.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            out.exact += 1;
            out.near += 1;
            continue;
        }
        let len = text.chars().count() as f64;
        let near = lines.iter().any(|l| {
            let ll = l.chars().count() as f64;
            (ll - len).abs() <= len * 0.03 + 1.0
                && rapidfuzz::distance::levenshtein::normalized_similarity(text.chars(), l.chars())
                    >= 0.97
        });
        if near {
            out.near += 1;
        } else {
            missed.push(text);
        }
    }
    for table in gt["tables"].as_array().unwrap() {
        for row in table["rows"].as_array().unwrap() {
            for cell in row.as_array().unwrap().iter().filter_map(|c| c.as_str()) {
                for piece in cell.split('\n') {
                    *legit.entry(plain(piece)).or_default() += 1;
                }
            }
        }
    }
    for f in gt["footnotes"].as_array().unwrap() {
        *legit.entry(plain(f["text"].as_str().unwrap())).or_default() += 1;
    }
    // Running heads and footers of the Word file (the first page's masthead aside).
    let mut running: HashSet<String> = HashSet::new();
    for h in gt["headers_footers"].as_array().unwrap() {
        if h["type"] == serde_json::json!(["first"]) {
            continue;
        }
        for t in h["paragraphs"]
            .as_array()
            .into_iter()
            .chain(h["pieces"].as_array())
            .flatten()
            .filter_map(|t| t.as_str())
        {
            running.insert(plain(t));
        }
    }
    running.remove("");
    let pages = record["pages"].as_array().map_or(0, |p| p.len());
    let mut found: HashMap<String, usize> = HashMap::new();
    for l in &body {
        let l = plain(l);
        // A page number alone, or run into the line beside it (`44/48 Annex`).
        let first = l.split(' ').next().unwrap_or("");
        let page_number = [l.as_str(), first].iter().any(|t| {
            PAGE.captures(t)
                .is_some_and(|c| c[2].parse::<usize>().ok() == Some(pages))
        });
        if page_number || JOB.is_match(&l) || running.contains(&l) {
            *found.entry(l).or_default() += 1;
        }
    }
    for (line, n) in found {
        let extra = n.saturating_sub(legit.get(&line).copied().unwrap_or(0));
        if extra > 0 {
            eprintln!("{name}: {extra} × {line:?} in the body");
            out.leaks += extra;
        }
    }
    for m in missed.iter().take(3) {
        eprintln!(
            "{name}: not near: {:?}",
            m.chars().take(100).collect::<String>()
        );
    }
}

#[test]
fn numbering_and_marks_are_not_compared() {
    assert_eq!(norm("29.7 The Office[12] will"), "The Office will");
    assert_eq!(norm("(a) “Quoted” text"), "\"Quoted\" text");
    assert_eq!(norm("A.2 (iv) Text"), "Text");
}

#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn paragraphs_are_whole_and_bodies_free_of_page_furniture() {
    let Some(dir) = shared("realtext") else {
        return;
    };
    let pdfs: Vec<std::path::PathBuf> = REPORTS
        .iter()
        .map(|n| dir.join(format!("{n}.pdf")))
        .collect();
    let refs: Vec<&std::path::Path> = pdfs.iter().map(|p| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &[]);
    assert_eq!(code, 0, "{stderr}");
    let mut counts = Counts::default();
    for name in REPORTS {
        let record = by_name(&records, &format!("/{name}.pdf"));
        let gt: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("gt/{name}.json"))).expect("gt"),
        )
        .expect("gt is JSON");
        score(name, &gt, record, &mut counts);
    }
    eprintln!("realtext paragraphs: {counts:?}");
    let exact = counts.exact as f64 / counts.paragraphs as f64;
    let near = counts.near as f64 / counts.paragraphs as f64;
    // Reached with inline sub-items kept in their paragraph, annex numbers (`A.2`) as
    // labels, the document's right margin as the floor of every page's, table numbers
    // at the top of a page kept and furniture set sideways on landscape pages removed
    // (from exact 0.970, near 0.974, 21 furniture lines with score.py; now 2,779 and
    // 2,790 of 2,797 here, 0.994 / 0.997 / 0 with score.py).
    assert!(exact >= 0.9935, "paragraphs exact {exact:.4} ({counts:?})");
    assert!(
        near >= 0.997,
        "paragraphs nearly exact {near:.4} ({counts:?})"
    );
    assert_eq!(counts.leaks, 0, "page furniture in bodies ({counts:?})");
}
