//! Character and word error rates as the corpus README defines them: Levenshtein distance
//! after Unicode NFC and collapsing whitespace runs to one space (ends trimmed), divided
//! by the length of the ground truth.

use unicode_normalization::UnicodeNormalization;

/// NFC, whitespace runs collapsed to one space, ends trimmed.
pub fn normalize(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Levenshtein distance between two sequences (two rows, O(n·m) time).
pub fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Character error rate of `hypothesis` against `truth`.
pub fn cer(hypothesis: &str, truth: &str) -> f64 {
    let h: Vec<char> = normalize(hypothesis).chars().collect();
    let t: Vec<char> = normalize(truth).chars().collect();
    levenshtein(&h, &t) as f64 / t.len().max(1) as f64
}

/// Word error rate of `hypothesis` against `truth`.
#[allow(dead_code)]
pub fn wer(hypothesis: &str, truth: &str) -> f64 {
    let h = normalize(hypothesis);
    let t = normalize(truth);
    let hw: Vec<&str> = h.split(' ').collect();
    let tw: Vec<&str> = t.split(' ').collect();
    levenshtein(&hw, &tw) as f64 / tw.len().max(1) as f64
}

/// The body part of a ground-truth file: the lines before the first empty line.
#[allow(dead_code)]
pub fn gt_body(gt: &str) -> &str {
    gt.split("\n\n").next().unwrap_or(gt)
}
