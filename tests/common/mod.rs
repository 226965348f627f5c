//! Helpers shared by integration tests.
#![allow(dead_code)]

pub mod cer;

use std::path::{Path, PathBuf};

/// A file of the repository, by its path from the repository root.
pub fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The text of one page of a PDF's text layer, from `pdftotext`.
pub fn pdftotext_page(pdf: &Path, page: u32) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
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
