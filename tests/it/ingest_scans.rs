//! Scanned PDFs of the sample corpus, OCRed and cleaned without OCR repair
//! (`--repair never`): body and footnotes against the ground truth (issue 3's error-rate
//! targets), per-page method of the mixed document, every record valid against the schema.
//!
//! OCR is slow, so all five documents go through ONE `undoc ingest` run.

use crate::common;

use std::sync::OnceLock;

use common::*;
use serde_json::Value;

/// (file, ground truth, highest body CER, highest footnote CER).
///
/// Body: issue 3's targets, all reached. Footnotes (no target in the issue): 0.00 on the
/// clean scans and the mixed PDF; 2.1 % and 23.7 % measured on the poor scans, where
/// OCR misreads the marks themselves (`t A/77/275`, `? - A/AC.292/…`; 29.0 % before the
/// misread marks were numbered in sequence, clean/ocr_notes.rs).
const CASES: [(&str, &str, f64, f64); 5] = [
    ("001.scan-clean.pdf", "001", 0.015, 0.02),
    ("001.scan-poor.pdf", "001", 0.05, 0.04),
    ("004.scan-clean.pdf", "004", 0.015, 0.02),
    ("004.scan-poor.pdf", "004", 0.05, 0.26),
    ("mixed-000.pdf", "000", 0.02, 0.02),
];

fn records() -> &'static [Value] {
    static RECORDS: OnceLock<Vec<Value>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let dir = root().join("corpus/synthetic");
        let paths: Vec<_> = CASES.iter().map(|(file, ..)| dir.join(file)).collect();
        let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
        let (code, records, stderr) = ingest(&refs, &["--repair", "never"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(records.len(), CASES.len());
        records
    })
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn ocr_bodies_and_footnotes_meet_error_rates() {
    let records = records();
    let mut failures = Vec::new();
    for (file, id, max_body, max_notes) in CASES {
        let record = by_name(records, file);
        assert_eq!(record["status"], "ok", "{file}");
        let (body, notes) = truth(id);
        let body_cer = cer(record["body"].as_str().unwrap(), &body);
        let notes_cer = cer(&footnote_lines(record), &notes);
        if body_cer > max_body {
            failures.push(format!("{file}: body CER {body_cer:.4} > {max_body}"));
        }
        if notes_cer > max_notes {
            failures.push(format!("{file}: footnote CER {notes_cer:.4} > {max_notes}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn mixed_document_pages_say_how_they_were_read() {
    let record = by_name(records(), "mixed-000.pdf");
    let pages = record["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 6);
    for page in pages {
        let number = page["number"].as_u64().unwrap();
        if number == 1 || number == 4 {
            assert_eq!(page["method"], "text-layer", "page {number}");
            assert!(page.get("ocr").is_none(), "page {number}");
        } else {
            assert_eq!(page["method"], "ocr", "page {number}");
            let ocr = &page["ocr"];
            assert!(
                ocr["languages"].as_str().is_some_and(|l| !l.is_empty()),
                "page {number}: {ocr}"
            );
            let confidence = ocr["confidence"].as_f64().unwrap();
            assert!(
                (50.0..=100.0).contains(&confidence),
                "page {number}: confidence {confidence}"
            );
        }
    }
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn scan_records_follow_the_schema() {
    for record in records() {
        assert_schema_valid(record);
        assert_eq!(record["language"], "fr");
        assert_eq!(record["repairs"], serde_json::json!({}), "--repair never");
    }
}

/// Paragraphs rebuilt from OCR lines: as many as the ground truth has, give or take two
/// (or 3 %). Size estimates of OCR lines wander (runs of figures, short last lines,
/// boxes stretched over noise) and used to split paragraphs: 43 for 34 on 001 poor,
/// 33 for 20 on 004 poor.
#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn ocr_paragraphs_are_not_split() {
    let records = records();
    let mut failures = Vec::new();
    for (file, id, ..) in CASES {
        let record = by_name(records, file);
        let (body, _) = truth(id);
        let want = body.lines().filter(|l| !l.trim().is_empty()).count();
        let got = record["body"]
            .as_str()
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        let slack = (want * 3 / 100).max(2);
        if got.abs_diff(want) > slack {
            failures.push(format!("{file}: {got} paragraphs, truth {want}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
