//! Nothing from a library reaches the terminal (issue 11, part 3): an ingest run that
//! OCRs scans writes only its summary to stderr (no progress bar: not a terminal, and
//! `--quiet`), also where Tesseract and Leptonica used to print their own messages
//! (a Tesseract that cannot load its language data, a `--lang` that is not installed);
//! what matters for a document goes into its warnings, in words.

use crate::common::hostile;

use std::fs;
use std::path::Path;
use std::process::Command;

use hostile::{pages_pdf, render_gray, TestPage};

/// A PDF of two scanned pages: one short line of text, and a white page.
fn scan_pdf(dir: &Path) -> std::path::PathBuf {
    let line = dir.join("line.pdf");
    fs::write(
        &line,
        pages_pdf(&[TestPage::Text {
            text: "Annex",
            size: 24,
        }]),
    )
    .unwrap();
    let (width, height, inked) = render_gray(&line, 150);
    let white = vec![255u8; inked.len()];
    let pdf = dir.join("scan.pdf");
    let page = |pixels| TestPage::Scan {
        width,
        height,
        pixels,
    };
    fs::write(&pdf, pages_pdf(&[page(&inked), page(&white)])).unwrap();
    pdf
}

/// `undoc ingest --quiet PDF -o OUT EXTRA…` with `env`: (exit code, stderr, records).
fn ingest(
    pdf: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (i32, String, Vec<serde_json::Value>) {
    let out = pdf.with_extension("jsonl");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_undoc"));
    cmd.args(["ingest", "--quiet", "--force"])
        .arg(pdf)
        .arg("-o")
        .arg(&out)
        .args(extra)
        .envs(env.iter().copied());
    let output = cmd.output().unwrap();
    let records = fs::read_to_string(&out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        records,
    )
}

/// stderr is exactly one line, starting with `start`.
fn assert_one_line(stderr: &str, start: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with(start),
        "stderr should be one line starting {start:?}, not:\n{stderr}"
    );
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn an_ocr_run_prints_only_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = scan_pdf(dir.path());
    let (code, stderr, records) = ingest(&pdf, &[], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_one_line(&stderr, "undoc: 1 documents processed: 1 ok");
    assert!(records[0]["body"].as_str().unwrap().contains("Annex"));
    assert_eq!(records[0]["warnings"], serde_json::json!([]));
}

#[test]
fn tesseract_without_its_language_data_stays_off_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = scan_pdf(dir.path());
    // The data is found by undoc's check (the Debian folders) but not by Tesseract:
    // it used to print "Error opening data file …" and "Failed loading language …".
    let (code, stderr, records) = ingest(&pdf, &[], &[("TESSDATA_PREFIX", "/nonexistent")]);
    assert_eq!(code, 0, "{stderr}");
    assert_one_line(&stderr, "undoc: 1 documents processed: 1 ok");
    let warnings = records[0]["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| {
            let w = w.as_str().unwrap();
            w.starts_with("page 1: OCR failed (Tesseract could not be initialised")
        }),
        "{warnings:?}"
    );
    // The white page is found blank before Tesseract: no warning for it.
    assert!(
        warnings
            .iter()
            .all(|w| !w.as_str().unwrap().contains("page 2")),
        "{warnings:?}"
    );

    // A language that is not installed: undoc's own error, and nothing else.
    let (code, stderr, _) = ingest(&pdf, &["--lang", "fra+xyz"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_line(&stderr, "undoc: error: --lang fra+xyz");
}
