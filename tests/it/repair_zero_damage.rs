//! Zero damage: repairing correct text changes nothing. Every ground-truth text
//! (body and footnotes: the born-digital bodies of the sample documents) in French, and
//! English text extracted (`pdftotext`) at test time from born-digital UN PDFs of the
//! shared material (`../shared/real`); Spanish and Russian text: the ground truth of
//! `../shared/multilingual/synthetic` and the born-digital layers of its `real/` PDFs.

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

/// The ground truth of the six-language test set (`../shared/multilingual/synthetic`)
/// in one language, every document.
fn multilingual_truth(lang: &str) -> Option<Vec<(String, String)>> {
    let dir = common::shared("multilingual/synthetic")?;
    let mut texts: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(&format!(".{lang}.gt.txt")))
        .map(|p| (p.display().to_string(), fs::read_to_string(&p).unwrap()))
        .collect();
    texts.sort();
    assert!(texts.len() >= 8, "{} {lang} ground truths", texts.len());
    Some(texts)
}

#[test]
fn spanish_text_is_left_unchanged() {
    let Some(truth) = multilingual_truth("es") else {
        return;
    };
    for (name, text) in &truth {
        assert_unchanged(name, text, Lang::Es);
    }
    let Some(pdfs) = shared_files(&[
        "multilingual/real/A_ES-10_273-ES.pdf",
        "multilingual/real/GA79_general_debate_AR_es.pdf",
        "multilingual/real/GA79_general_debate_CO_es.pdf",
        "multilingual/real/GA79_general_debate_GQ_es.pdf",
    ]) else {
        return;
    };
    // pdftotext glues superscript note calls to their word (`Ginebra1`): turning those
    // into `[1]` is what the footnote-mark rule is for, so the layers are checked with
    // the other repairs only
    for pdf in pdfs {
        let text = pdftotext(&pdf);
        let repaired = repair_text(&text, Lang::Es);
        let other: Vec<_> = repaired
            .changes
            .iter()
            .filter(|c| c.kind != undoc::repair::RepairKind::FootnoteMark)
            .collect();
        assert!(other.is_empty(), "{}: {other:?}", pdf.display());
    }
}

#[test]
fn russian_text_is_left_unchanged() {
    let Some(truth) = multilingual_truth("ru") else {
        return;
    };
    for (name, text) in &truth {
        assert_unchanged(name, text, Lang::Ru);
    }
    let Some(pdf) = common::shared("multilingual/real/GA79_general_debate_BY_ru.pdf") else {
        return;
    };
    assert_unchanged(&pdf.display().to_string(), &pdftotext(&pdf), Lang::Ru);
}
