//! Arabic scans of the shared test set (`../shared/multilingual/synthetic`, clean and poor
//! scans of three documents): the masthead metadata read from the OCRed first page. Body
//! and footnote CER have their ceilings with the other languages' (`multilingual.rs`,
//! `SCAN_CEILINGS`), on the same OCR run. Floors: what undoc reached on 2026-12-03
//! (scripts/score-multilingual.py), raised as it improves. Skips with one line when the
//! shared folder is absent (fails under CI=true).

use crate::multilingual::{scans, VARIANTS};

/// Metadata fields right, of the seven of each of the three documents of a variant.
const FIELDS_RIGHT: [(&str, usize); 2] = [("scan-clean", 19), ("scan-poor", 17)];

const ORGANS: [(&str, &str); 3] = [
    ("General Assembly", "الجمعية العامة"),
    ("Security Council", "مجلس الأمن"),
    ("Economic and Social Council", "المجلس الاقتصادي والاجتماعي"),
];

/// The seven metadata fields of the scorer that the record has right.
fn fields_right(record: &serde_json::Value, meta: &serde_json::Value) -> Vec<&'static str> {
    let mut right = Vec::new();
    for field in ["symbol", "date", "language", "agenda_items"] {
        if record[field] == meta[field] {
            right.push(field);
        }
    }
    let session = record["session"].as_u64().map(|n| n.to_string());
    if session.as_deref() == meta["session"].as_str() {
        right.push("session");
    }
    let organ = ORGANS
        .iter()
        .find(|(en, _)| meta["organ"] == *en)
        .map(|(_, ar)| *ar);
    if record["organ"].as_str() == organ {
        right.push("organ");
    }
    if record["title"].as_str() == meta["title"].as_str() {
        right.push("title");
    }
    right
}

/// The six Arabic scans (their language from the file name): symbol, language, organ
/// and agenda items right on every document, and at least the floor of fields right over
/// each variant's documents. Slow: the OCR of the set's scans.
#[test]
#[ignore = "slow: OCR of the 36 scans of ../shared/multilingual; scripts/test.sh runs it"]
fn arabic_scans_masthead() {
    let Some(scans) = scans() else {
        return;
    };
    let mut failures = Vec::new();
    for (variant, floor) in FIELDS_RIGHT {
        assert!(VARIANTS.contains(&variant));
        let mut right = 0;
        for scan in scans
            .iter()
            .filter(|s| s.lang == "ar" && s.variant == variant)
        {
            let name = scan.pdf.file_name().unwrap().to_string_lossy();
            let meta: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(
                    scan.pdf
                        .with_file_name(format!("{}.ar.meta.json", scan.stem)),
                )
                .unwrap(),
            )
            .unwrap();
            let ok = fields_right(&scan.record, &meta);
            for field in ["symbol", "language", "organ", "agenda_items"] {
                if !ok.contains(&field) {
                    failures.push(format!(
                        "{name}: {field} {} (want {})",
                        scan.record[field], meta[field]
                    ));
                }
            }
            right += ok.len();
        }
        if right < floor {
            failures.push(format!(
                "{variant}: {right} metadata fields right, under {floor}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
