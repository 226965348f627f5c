//! Helpers shared by the integration tests: running the `undoc` binary, reading
//! records, ground truth, character error rate and schema validation, and the shared
//! test material beside the repository (`shared`).
#![allow(dead_code)]

pub mod cer;
pub mod fake_textlayer;
pub mod hostile;
pub mod json_diff;
pub mod shared;
pub mod state_db;

pub use json_diff::json_diff_report;
#[allow(unused_imports)]
pub use shared::{shared, shared_files};

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `undoc ARGS…`; returns (exit code, stdout, stderr).
pub fn undoc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_undoc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run undoc");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `undoc ingest` on `inputs` (plus extra flags) and returns the records.
pub fn ingest(inputs: &[&Path], extra: &[&str]) -> (i32, Vec<Value>, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("records.jsonl");
    let mut args: Vec<String> = vec!["ingest".into(), "--quiet".into()];
    args.extend(inputs.iter().map(|p| p.to_string_lossy().into_owned()));
    args.extend(["-o".to_string(), out.to_string_lossy().into_owned()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, stderr) = undoc(&refs);
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let records = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    (code, records, stderr)
}

/// Ground truth of corpus document `id` (`000`…): (body, footnote lines).
pub fn truth(id: &str) -> (String, String) {
    let text = std::fs::read_to_string(root().join(format!("tests/data/truth/{id}.gt.txt")))
        .expect("ground truth");
    let (body, notes) = text.split_once("\n\n").unwrap_or((&text, ""));
    (body.to_string(), notes.to_string())
}

/// NFC and whitespace runs collapsed, as the corpus README counts errors.
pub fn normalize(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Character error rate of `hypothesis` against `reference` (whitespace normalised).
pub fn cer(hypothesis: &str, reference: &str) -> f64 {
    let h = normalize(hypothesis);
    let r = normalize(reference);
    let d = rapidfuzz::distance::levenshtein::distance(h.chars(), r.chars());
    d as f64 / r.chars().count().max(1) as f64
}

/// A record's footnotes as `[mark] text` lines, the ground truth's convention.
pub fn footnote_lines(record: &Value) -> String {
    record["footnotes"]
        .as_array()
        .map(|notes| {
            notes
                .iter()
                .map(|n| {
                    format!(
                        "[{}] {}",
                        n["mark"].as_str().unwrap_or(""),
                        n["text"].as_str().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// Validates a record against the shipped JSON Schema; panics with the reasons.
pub fn assert_schema_valid(record: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/record.schema.json")).expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(record)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "record of {} violates the schema: {errors:?}",
        record["source"]["path"]
    );
}

/// A record by the file name of its source.
pub fn by_name<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| {
            r["source"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with(name))
        })
        .unwrap_or_else(|| panic!("no record for {name}"))
}

/// A file of the repository, by its path from the repository root.
pub fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The text of one page of a PDF's text layer, from `pdftotext`.
pub fn pdftotext_page(pdf: &Path, page: u32) -> String {
    let page = page.to_string();
    run_pdftotext(pdf, &["-f", &page, "-l", &page])
}

/// The text of a whole PDF's text layer, from `pdftotext` (reading order, pages ended
/// by form feeds).
pub fn pdftotext(pdf: &Path) -> String {
    run_pdftotext(pdf, &[])
}

fn run_pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
