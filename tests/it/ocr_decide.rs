//! The per-page OCR decision on real files: the corpus's mixed PDF, and from the shared
//! material (`../shared/real`, read at test time) a 1971 scan with an old OCR layer, a
//! 2022 scan with no text layer, born-digital documents.

use crate::common;

use common::{repo_file, shared, shared_files};
use std::path::Path;
use undoc::extract::decide::{self, OcrMode, OcrReason};
use undoc::extract::textlayer::read_text_layer;
use undoc::Limits;

/// The decision for every page of `pdf` under `mode`, on the text layer and page facts
/// undoc itself reads (the pipeline's path, before font repair).
fn decisions(pdf: &Path, mode: OcrMode) -> Vec<Option<OcrReason>> {
    let layer = read_text_layer(pdf, Limits::default(), 0).unwrap();
    let infos = decide::page_facts(&layer);
    layer
        .pages
        .iter()
        .zip(&infos)
        .map(|(page, info)| {
            decide::decide(mode, page, info, || {
                decide::ink_share(pdf, page.number).ok()
            })
        })
        .collect()
}

#[test]
fn mixed_pdf_ocrs_only_its_image_pages() {
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_file("tests/data/truth/mixed-000.pages.json")).unwrap(),
    )
    .unwrap();
    let got = decisions(&repo_file("corpus/synthetic/mixed-000.pdf"), OcrMode::Auto);
    let pages = truth["pages"].as_array().unwrap();
    assert_eq!(got.len(), pages.len());
    for (page, decision) in pages.iter().zip(&got) {
        let has_text = page["has_text_layer"].as_bool().unwrap();
        if has_text {
            assert_eq!(*decision, None, "page {}", page["page"]);
        } else {
            assert_eq!(
                *decision,
                Some(OcrReason::NoTextLayer),
                "page {}",
                page["page"]
            );
        }
    }
}

#[test]
fn modes_override_the_decision() {
    let always = decisions(
        &repo_file("corpus/synthetic/mixed-000.pdf"),
        OcrMode::Always,
    );
    assert!(always.iter().all(|d| *d == Some(OcrReason::Forced)));
    let never = decisions(&repo_file("corpus/synthetic/mixed-000.pdf"), OcrMode::Never);
    assert!(never.iter().all(Option::is_none));
}

#[test]
fn old_ocr_layer_of_1971_is_redone() {
    let Some(pdf) = shared("real/un-su__1971-09-29_A_L.632-EN.pdf") else {
        return;
    };
    let got = decisions(&pdf, OcrMode::Auto);
    assert_eq!(got.len(), 1);
    assert!(
        matches!(got[0], Some(OcrReason::PoorOcrLayer { .. })),
        "{:?}",
        got[0]
    );
}

#[test]
fn note_verbale_without_text_layer_is_ocred() {
    let Some(pdf) = shared("real/un-su__2022-03-04_Note_Verbale_from_the_Office_of_Legal_Affairs_to_the_Permanent_Mission_of_Ukraine.pdf") else {
        return;
    };
    let got = decisions(&pdf, OcrMode::Auto);
    assert_eq!(got, vec![Some(OcrReason::NoTextLayer)]);
}

#[test]
fn born_digital_documents_keep_their_text_layer() {
    let own = repo_file("corpus/synthetic/003.born-digital.pdf");
    let got = decisions(&own, OcrMode::Auto);
    assert!(
        got.iter().all(Option::is_none),
        "{}: {got:?}",
        own.display()
    );
    let Some(real) = shared_files(&[
        "real/mandate-pipeline__A_RES_78_237.pdf",
        "real/mandate-pipeline__A_C.1_80_L.1.pdf",
        "real/icj-bootcamp__1541.pdf",
    ]) else {
        return;
    };
    for pdf in real {
        let got = decisions(&pdf, OcrMode::Auto);
        assert!(
            got.iter().all(Option::is_none),
            "{}: {got:?}",
            pdf.display()
        );
    }
}
