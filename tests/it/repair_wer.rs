//! Word errors of real OCR output before and after repair, against the ground truth.
//!
//! `tests/data/ocr-baseline/*.tesseract-eng.txt` are the scans of the sample documents
//! read with Tesseract's English model (the OCR found in the wild: accents lost),
//! `*.tesseract.txt` the same scans with the French model. They are raw OCR pages, so
//! running heads, page footers and the footnote blocks at page bottoms are dropped
//! (`ocr_body`, a rough stand-in for the cleaning stage) and the rest is compared with
//! the body of the ground truth by word-level edit distance after NFC and white-space
//! normalisation, as the corpus README counts WER. What the rough cleaning leaves
//! (masthead words, lines split by hyphens) counts as errors before and after repair
//! alike.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use undoc::lang::Lang;
use undoc::repair::repair_text;
use unicode_normalization::UnicodeNormalization;

fn ids(text: &str, vocab: &mut HashMap<String, u32>) -> Vec<u32> {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace()
        .map(|w| {
            let n = vocab.len() as u32;
            *vocab.entry(w.to_string()).or_insert(n)
        })
        .collect()
}

/// Word errors between two word sequences: the Levenshtein alignment (computed in a
/// band around the diagonal: the texts are the same document), returned as the sizes of
/// its runs of consecutive edits (a run is the errors between two matching words).
fn error_runs(a: &[u32], b: &[u32]) -> Vec<usize> {
    const BAND: usize = 600;
    const INF: u32 = u32::MAX / 4;
    let (n, m) = (a.len(), b.len());
    let centre = |i: usize| i * m / n.max(1);
    let lo = |i: usize| centre(i).saturating_sub(BAND);
    let hi = |i: usize| (centre(i) + BAND).min(m);
    // cost rows and, for the backtrace, the move into every cell:
    // 0 match/substitution (diagonal), 1 deletion (from above), 2 insertion (from the left)
    let mut moves: Vec<Vec<u8>> = Vec::with_capacity(n + 1);
    let mut prev: Vec<u32> = (lo(0)..=hi(0)).map(|j| j as u32).collect();
    moves.push(vec![2; prev.len()]);
    for i in 1..=n {
        let (l, h, lp, hp) = (lo(i), hi(i), lo(i - 1), hi(i - 1));
        let above = |j: usize| {
            if j >= lp && j <= hp {
                prev[j - lp]
            } else {
                INF
            }
        };
        let mut cur: Vec<u32> = Vec::with_capacity(h - l + 1);
        let mut mv: Vec<u8> = Vec::with_capacity(h - l + 1);
        for j in l..=h {
            let (mut d, mut m_) = (above(j) + 1, 1u8);
            if j > 0 {
                let diag = above(j - 1) + u32::from(a[i - 1] != b[j - 1]);
                if diag <= d {
                    (d, m_) = (diag, 0);
                }
                if j > l && cur[j - 1 - l] + 1 < d {
                    (d, m_) = (cur[j - 1 - l] + 1, 2);
                }
            }
            cur.push(d);
            mv.push(m_);
        }
        moves.push(mv);
        prev = cur;
    }
    // backtrace, cutting the edits into runs at every matching word
    let (mut i, mut j) = (n, m);
    let mut runs = Vec::new();
    let mut run = 0;
    while i > 0 || j > 0 {
        let mv = if i == 0 { 2 } else { moves[i][j - lo(i)] };
        match mv {
            0 => {
                if a[i - 1] == b[j - 1] {
                    if run > 0 {
                        runs.push(run);
                    }
                    run = 0;
                } else {
                    run += 1;
                }
                i -= 1;
                j -= 1;
            }
            1 => {
                run += 1;
                i -= 1;
            }
            _ => {
                run += 1;
                j -= 1;
            }
        }
    }
    if run > 0 {
        runs.push(run);
    }
    runs
}

fn word_distance(a: &[u32], b: &[u32]) -> usize {
    error_runs(a, b).iter().sum()
}

/// Runs of more than this many consecutive word errors are layout, not OCR misreadings:
/// lost or displaced paragraphs, masthead and footnote remains.
const LAYOUT_RUN: usize = 4;

fn split_errors(runs: &[usize]) -> (usize, usize) {
    let words: usize = runs.iter().filter(|&&r| r <= LAYOUT_RUN).sum();
    let layout: usize = runs.iter().filter(|&&r| r > LAYOUT_RUN).sum();
    (words, layout)
}

/// The body of a raw OCR page, roughly as the pipeline's cleaning stage gives it:
/// without running heads and footers (job numbers, page numbers, symbols), "Merci de
/// recycler", and without the footnotes at the page bottom.
fn ocr_body(raw: &str) -> String {
    let furniture = |l: &str| {
        let t = l.trim();
        let short = t.split_whitespace().count() <= 6;
        t.is_empty()
            || t.contains("Merci de recycler")
            || short
                && t.split_whitespace().any(|w| {
                    let b = w.as_bytes();
                    // job number 19-20187, page number 2/6
                    (b.len() == 8
                        && b[2] == b'-'
                        && w.chars().filter(char::is_ascii_digit).count() == 7)
                        || (w.contains('/')
                            && w.split('/')
                                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
                })
            || (t.starts_with("A/") && !t.contains(' '))
    };
    let footnote_start = |l: &str| {
        let mut parts = l.trim_start().splitn(2, ' ');
        let first = parts.next().unwrap_or("");
        let rest = parts.next().unwrap_or("");
        let numbered =
            !first.is_empty() && first.len() <= 2 && first.chars().all(|c| c.is_ascii_digit())
                || first == "*";
        numbered && rest.chars().next().is_some_and(|c| c.is_uppercase())
    };
    let mut out = String::new();
    for page in raw.split('\x0c') {
        let lines: Vec<&str> = page.lines().filter(|l| !furniture(l)).collect();
        let half = lines.len() / 2;
        let end = (half..lines.len())
            .find(|&k| footnote_start(lines[k]))
            .unwrap_or(lines.len());
        for l in &lines[..end] {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

#[derive(Default)]
struct Score {
    files: usize,
    words: usize,
    before: usize,
    after: usize,
    /// word-level errors (runs of at most LAYOUT_RUN), before and after
    small_before: usize,
    small_after: usize,
}

fn pct(before: usize, after: usize) -> f64 {
    100.0 * (before as f64 - after as f64) / before.max(1) as f64
}

fn score(suffix: &str) -> Score {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut s = Score::default();
    let mut names: Vec<_> = fs::read_dir(root.join("ocr-baseline"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().ends_with(suffix))
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = &name[..3];
        let gt = fs::read_to_string(root.join(format!("truth/{doc}.gt.txt"))).unwrap();
        let gt = gt.split("\n\n").next().unwrap().to_string();
        let ocr = ocr_body(&fs::read_to_string(&path).unwrap());
        let repaired = repair_text(&ocr, Lang::Fr).text;
        let mut vocab = HashMap::new();
        let (g, o, r) = (
            ids(&gt, &mut vocab),
            ids(&ocr, &mut vocab),
            ids(&repaired, &mut vocab),
        );
        let (runs_before, runs_after) = (error_runs(&o, &g), error_runs(&r, &g));
        let (small_before, layout_before) = split_errors(&runs_before);
        let (small_after, layout_after) = split_errors(&runs_after);
        let (before, after) = (small_before + layout_before, small_after + layout_after);
        eprintln!(
            "{name}: {} words, WER {:.1} % → {:.1} %; word-level errors {small_before} → {small_after}, layout {layout_before} → {layout_after}",
            g.len(),
            100.0 * before as f64 / g.len() as f64,
            100.0 * after as f64 / g.len() as f64
        );
        assert!(after <= before, "{name}: repair raised the word errors");
        s.files += 1;
        s.words += g.len();
        s.before += before;
        s.after += after;
        s.small_before += small_before;
        s.small_after += small_after;
    }
    eprintln!(
        "{suffix}: {} files, {} words: all word errors {} → {} ({:.1} % fewer); word-level errors {} → {} ({:.1} % fewer)",
        s.files,
        s.words,
        s.before,
        s.after,
        pct(s.before, s.after),
        s.small_before,
        s.small_after,
        pct(s.small_before, s.small_after)
    );
    s
}

#[test]
fn edit_distance_is_right() {
    let d = |a: &[u32], b: &[u32]| word_distance(a, b);
    assert_eq!(d(&[1, 2, 3], &[1, 2, 3]), 0);
    assert_eq!(d(&[1, 2, 3], &[1, 3]), 1);
    assert_eq!(d(&[1, 3], &[1, 2, 3]), 1);
    assert_eq!(d(&[1, 2, 3], &[4, 2, 5]), 2);
    assert_eq!(d(&[], &[1, 2]), 2);
    assert_eq!(error_runs(&[1, 9, 9, 4, 5], &[1, 2, 3, 4, 5]), vec![2]);
    assert_eq!(error_runs(&[1, 9, 3, 9, 5], &[1, 2, 3, 4, 5]), vec![1, 1]);
}

#[test]
#[ignore = "slow: repairs eight OCR texts; scripts/test.sh runs it"]
fn english_model_ocr_word_errors_fall() {
    let s = score(".tesseract-eng.txt");
    assert_eq!(s.files, 8);
    assert!(s.words > 10_000);
    // measured (BENCHMARKS.md, "Repair"): word-level errors -83 %, all errors -51 %
    assert!(
        pct(s.small_before, s.small_after) >= 75.0,
        "word-level errors {} → {}",
        s.small_before,
        s.small_after
    );
    assert!(
        pct(s.before, s.after) >= 45.0,
        "word errors {} → {}",
        s.before,
        s.after
    );
}

#[test]
#[ignore = "slow: repairs eight OCR texts; scripts/test.sh runs it"]
fn french_model_ocr_word_errors_never_rise() {
    let s = score(".tesseract.txt");
    assert_eq!(s.files, 8);
    assert!(s.after < s.before, "word errors {} → {}", s.before, s.after);
    assert!(s.small_after < s.small_before);
}
