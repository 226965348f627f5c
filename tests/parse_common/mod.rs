//! Fixture loading shared by the parse tests.
//!
//! A fixture (`tests/data/parse/**.txt`) holds what the cleaning stage gives the parser,
//! in sections: `@@ masthead`, `@@ paragraphs`, `@@ running` (one line each) and
//! `@@ footnotes` (`mark<TAB>text`). The corpus fixtures hold only the masthead and
//! running lines (typed from `pdftotext -raw -f 1 -l 1`); their body comes from the
//! ground truth `tests/data/truth/NNN.gt.txt`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use undoc::model::{CleanText, Footnote};

use crate::common::json_diff_report;

pub fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

pub fn read(path: &str) -> String {
    std::fs::read_to_string(data(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A fixture file as a `CleanText`.
pub fn fixture(path: &str) -> CleanText {
    let mut clean = CleanText::default();
    let mut section = "";
    for line in read(path).lines() {
        if let Some(name) = line.strip_prefix("@@ ") {
            section = match name.trim() {
                "masthead" => "masthead",
                "paragraphs" => "paragraphs",
                "running" => "running",
                "footnotes" => "footnotes",
                other => panic!("{path}: unknown section {other}"),
            };
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        match section {
            "masthead" => clean.masthead.push(line.to_string()),
            "paragraphs" => clean.paragraphs.push(line.to_string()),
            "running" => clean.running.push(line.to_string()),
            "footnotes" => {
                let (mark, text) = line.split_once('\t').expect("footnote: mark<TAB>text");
                clean.footnotes.push(Footnote {
                    mark: mark.to_string(),
                    text: text.to_string(),
                });
            }
            _ => panic!("{path}: text before the first section"),
        }
    }
    clean
}

/// A corpus document: masthead fixture plus the ground-truth body and footnotes.
pub fn corpus_document(id: &str) -> CleanText {
    let mut clean = fixture(&format!("parse/corpus/{id}.txt"));
    let gt = read(&format!("truth/{id}.gt.txt"));
    let (body, notes) = gt.split_once("\n\n").unwrap_or((&gt, ""));
    clean.paragraphs = body.lines().map(str::to_string).collect();
    for line in notes.lines().filter(|l| !l.trim().is_empty()) {
        let (mark, text) = line
            .strip_prefix('[')
            .and_then(|l| l.split_once("] "))
            .expect("footnote line [n] text");
        clean.footnotes.push(Footnote {
            mark: mark.to_string(),
            text: text.to_string(),
        });
    }
    clean
}

/// Compares a value with its golden JSON file under `tests/data/parse/golden/`;
/// `UPDATE_GOLDEN=1` rewrites the file (review the diff by hand before committing).
pub fn check_golden(name: &str, value: &impl serde::Serialize) {
    let path = data(&format!("parse/golden/{name}.json"));
    let actual = serde_json::to_string_pretty(value).expect("serialize") + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("golden dir");
        std::fs::write(&path, &actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    if expected == actual {
        return;
    }
    let expected: serde_json::Value = serde_json::from_str(&expected)
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    let actual: serde_json::Value = serde_json::from_str(&actual).expect("reparse");
    let differences = if expected == actual {
        "  same values, written differently (key order or formatting)".to_string()
    } else {
        json_diff_report(&expected, &actual, 20)
    };
    panic!(
        "{name}: output differs from {} (run with UPDATE_GOLDEN=1 and review the diff):\n{differences}",
        path.display()
    );
}
