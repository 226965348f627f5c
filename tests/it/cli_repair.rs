//! `undoc repair` as other tools call it, and `--repair` on ingest.

use crate::common;

use common::*;

#[test]
fn repairs_a_file_and_audits_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ocr.txt");
    std::fs::write(&file, "Les Etats ont progres a des fins pacifiques.\n").unwrap();
    let (code, out, err) = undoc(&["repair", "--lang", "fr", "--audit", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Les États ont progrès à des fins pacifiques.\n");
    let audit: Vec<serde_json::Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(audit.len(), 3);
    assert_eq!(audit[0]["before"], "Etats");
    assert_eq!(audit[0]["after"], "États");
    assert_eq!(audit[0]["offset"], 4);
}

#[test]
fn a_missing_file_is_named() {
    let (code, _, err) = undoc(&["repair", "no-such-file.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-file.txt"), "{err}");
}

#[test]
fn ingest_repairs_ocr_like_text_inputs_unless_told_not_to() {
    let seed = root().join("corpus/seeds/002_67f8880aa14b2c22.txt");
    let (code, auto, _) = ingest(&[&seed], &[]);
    assert_eq!(code, 0);
    let body = auto[0]["body"].as_str().unwrap();
    assert!(body.contains("l’utilisation") && !body.contains("I’utilisation"));
    assert!(auto[0]["repairs"]["diacritic"].as_u64().unwrap() > 10);
    assert_schema_valid(&auto[0]);
    let (_, never, _) = ingest(&[&seed], &["--repair", "never"]);
    assert!(never[0]["body"].as_str().unwrap().contains("I’utilisation"));
    assert_eq!(never[0]["repairs"], serde_json::json!({}));
}
