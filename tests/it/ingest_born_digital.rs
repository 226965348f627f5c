//! Born-digital PDFs of the sample corpus: body and footnotes against the ground truth,
//! no running header or footer in the body, every record valid against the schema.

use crate::common;

use common::*;
use regex::Regex;

const DOCS: [&str; 4] = ["000", "001", "003", "004"];

fn records() -> Vec<serde_json::Value> {
    let dir = root().join("corpus/synthetic");
    let paths: Vec<_> = DOCS
        .iter()
        .map(|d| dir.join(format!("{d}.born-digital.pdf")))
        .collect();
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records.len(), 4);
    records
}

#[test]
fn body_and_footnotes_match_ground_truth() {
    let records = records();
    for id in DOCS {
        let record = by_name(&records, &format!("{id}.born-digital.pdf"));
        assert_eq!(record["status"], "ok");
        let (body, notes) = truth(id);
        let body_cer = cer(record["body"].as_str().unwrap(), &body);
        assert!(body_cer <= 0.005, "{id}: body CER {body_cer:.4}");
        let notes_cer = cer(&footnote_lines(record), &notes);
        assert!(notes_cer <= 0.005, "{id}: footnotes CER {notes_cer:.4}");
        assert_eq!(
            record["body"].as_str().unwrap().lines().count(),
            body.lines().count(),
            "{id}: one paragraph per line"
        );
    }
}

#[test]
fn no_running_lines_in_body() {
    let running = Regex::new(
        r"^(\d{1,3}/\d{1,3}|\d{2}-\d{5}( \([A-Z]\))?|\*\d{7}\*|\d{6}( \d{6})?|Merci de recycler|A/[A-Z0-9./]+)$",
    )
    .unwrap();
    for record in records() {
        for line in record["body"].as_str().unwrap().lines() {
            assert!(
                !running.is_match(line),
                "{}: running line in body: {line}",
                record["source"]["path"]
            );
        }
        let body = record["body"].as_str().unwrap();
        assert!(!body.contains("Merci de recycler"));
        assert!(!body.contains("19-20187") && !body.contains("22-28101"));
    }
}

#[test]
fn records_follow_the_schema_and_provenance() {
    for record in records() {
        assert_schema_valid(&record);
        assert_eq!(record["schema_version"], 1);
        assert_eq!(record["source"]["format"], "pdf");
        assert_eq!(record["language"], "fr");
        assert_eq!(
            record["repairs"],
            serde_json::json!({}),
            "born-digital text is never repaired"
        );
        for page in record["pages"].as_array().unwrap() {
            assert_eq!(page["method"], "text-layer");
            assert!(page["chars"].as_u64().unwrap() > 100);
        }
        let bytes = std::fs::read(root().join(record["source"]["path"].as_str().unwrap())).unwrap();
        assert_eq!(record["source"]["bytes"], bytes.len() as u64);
        assert_eq!(record["id"].as_str().unwrap().len(), 64);
    }
}

#[test]
fn superscripts_and_footnote_marks_are_rejoined() {
    let records = records();
    let report = by_name(&records, "000.born-digital.pdf");
    let body = report["body"].as_str().unwrap();
    assert!(body.contains("Rapporteuse : Mme Szilvia Balázs (Hongrie)"));
    assert!(body.contains("À sa 2e séance plénière"));
    assert!(body.contains("le 1er novembre"));
    assert!(body.contains("dont elle était saisie[1], la liste"));
    // Real hyphens at line ends stay, line-end joins inside names are not spaced.
    assert!(body.contains("Trinité-et-Tobago"));
    assert!(body.contains("République-Unie de Tanzanie"));
}
