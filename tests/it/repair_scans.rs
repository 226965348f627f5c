//! The repair stage end to end: the corpus scans read with Tesseract's English model
//! (`--lang eng`, which loses French accents and elisions) have at least 75 % fewer word
//! errors against the ground truth with `--repair auto` than with `--repair never`, and
//! no document gets more. Prints the figures (`-- --nocapture`).

use crate::common;

use common::*;

fn words(text: &str) -> Vec<String> {
    normalize(text).split(' ').map(str::to_string).collect()
}

/// Word-level Levenshtein distance.
fn word_errors(hypothesis: &[String], reference: &[String]) -> usize {
    let mut prev: Vec<usize> = (0..=reference.len()).collect();
    for (i, h) in hypothesis.iter().enumerate() {
        let mut cur = vec![i + 1; reference.len() + 1];
        for (j, r) in reference.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(h != r))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[reference.len()]
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn english_model_word_errors_fall_by_three_quarters() {
    let dir = root().join("corpus/synthetic");
    let scans: Vec<_> = [
        "001.scan-clean.pdf",
        "001.scan-poor.pdf",
        "004.scan-clean.pdf",
        "004.scan-poor.pdf",
    ]
    .iter()
    .map(|n| dir.join(n))
    .collect();
    let refs: Vec<&std::path::Path> = scans.iter().map(|p| p.as_path()).collect();
    let (code, never, err) = ingest(&refs, &["--lang", "eng", "--repair", "never"]);
    assert_eq!(code, 0, "{err}");
    let (code, auto, err) = ingest(&refs, &["--lang", "eng", "--repair", "auto"]);
    assert_eq!(code, 0, "{err}");
    let (mut before, mut after) = (0, 0);
    for (raw, repaired) in never.iter().zip(&auto) {
        let name = raw["source"]["path"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap();
        let (truth_body, _) = truth(&name[..3]);
        let reference = words(&truth_body);
        let b = word_errors(&words(raw["body"].as_str().unwrap()), &reference);
        let a = word_errors(&words(repaired["body"].as_str().unwrap()), &reference);
        println!("{name}: {b} → {a} word errors of {}", reference.len());
        assert!(
            a <= b,
            "{name}: repair must not add word errors ({b} → {a})"
        );
        assert!(
            repaired["repairs"].as_object().unwrap().len() > 2,
            "{name}: repairs counted"
        );
        before += b;
        after += a;
    }
    let fall = 1.0 - after as f64 / before as f64;
    println!(
        "all: {before} → {after} word errors, fall {:.1} %",
        fall * 100.0
    );
    assert!(
        fall >= 0.75,
        "word errors fell by {:.1} % only",
        fall * 100.0
    );
}
