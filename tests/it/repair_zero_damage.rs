//! Zero damage: repairing correct text changes nothing. Every ground-truth text
//! (body and footnotes: the born-digital bodies of the sample documents) in French, and
//! English text extracted (`pdftotext`) at test time from born-digital UN PDFs of the
//! shared material (`../shared/real`).

use crate::common;

use std::fs;
use std::path::Path;

use common::{pdftotext, shared_files};

use undoc::lang::Lang;
use undoc::repair::repair_text;

fn assert_unchanged(name: &str, text: &str, lang: Lang) {
    let repaired = repair_text(text, lang);
    for c in &repaired.changes {
        let at = c.offset;
        let boundary = |mut k: usize| {
            while !text.is_char_boundary(k) {
                k -= 1;
            }
            k
        };
        let from = boundary(at.saturating_sub(40));
        let to = boundary((at + 40).min(text.len()));
        eprintln!("{name}: {c:?} in «{}»", &text[from..to]);
    }
    assert!(
        repaired.changes.is_empty(),
        "{name}: {} changes",
        repaired.changes.len()
    );
    assert_eq!(repaired.text, text);
}

#[test]
fn ground_truth_texts_are_left_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/truth");
    let mut n = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".gt.txt") {
            let text = fs::read_to_string(&path).unwrap();
            assert_unchanged(&path.display().to_string(), &text, Lang::Fr);
            n += 1;
        }
    }
    assert!(
        n >= 4,
        "expected the ground-truth texts in {}",
        dir.display()
    );
}

#[test]
fn english_born_digital_text_is_left_unchanged() {
    let Some(pdfs) = shared_files(&[
        "real/mandate-pipeline__A_80_L.20.pdf",
        "real/mandate-pipeline__A_C.1_80_L.1.pdf",
        "real/mandate-pipeline__A_C.4_80_L.11.pdf",
        "real/mandate-pipeline__A_RES_78_237.pdf",
    ]) else {
        return;
    };
    let text: String = pdfs.iter().map(|pdf| pdftotext(pdf)).collect();
    assert!(text.len() > 20_000, "{} bytes of English", text.len());
    assert_unchanged("en-born-digital", &text, Lang::En);
}
