//! Blank pages (issue 11, part 2): a page with nothing drawn, or a scan whose image
//! carries no ink, is flagged `blank`, not OCRed and not warned about; a page with a
//! little real text, born-digital or scanned, is not blank. The PDFs are made here.

use crate::common;
use crate::common::hostile;

use std::fs;

use common::{assert_schema_valid, ingest};
use hostile::{pages_pdf, render_gray, TestPage};

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn empty_pages_and_white_scans_are_blank_and_a_little_text_is_not() {
    let dir = tempfile::tempdir().unwrap();
    // A scan of a page that holds one short line: rendered from a born-digital page.
    let line = dir.path().join("line.pdf");
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
    let pdf = dir.path().join("mixed.pdf");
    fs::write(
        &pdf,
        pages_pdf(&[
            TestPage::Text {
                text: "Page 2",
                size: 10,
            },
            TestPage::Empty,
            TestPage::Scan {
                width,
                height,
                pixels: &white,
            },
            TestPage::Scan {
                width,
                height,
                pixels: &inked,
            },
        ]),
    )
    .unwrap();

    let (code, records, stderr) = ingest(&[pdf.as_path()], &[]);
    assert_eq!(code, 0, "{stderr}");
    let record = &records[0];
    assert_schema_valid(record);
    assert_eq!(record["status"], "ok", "{record}");
    let pages = record["pages"].as_array().unwrap();
    let blank: Vec<bool> = pages
        .iter()
        .map(|p| p["blank"].as_bool().unwrap_or(false))
        .collect();
    assert_eq!(blank, [false, true, true, false], "{pages:?}");
    // Only blank pages carry the flag; they are not OCRed.
    assert!(pages.iter().all(|p| p["blank"] != false), "{pages:?}");
    assert_eq!(pages[2]["method"], "text-layer", "{pages:?}");
    assert_eq!(pages[3]["method"], "ocr", "{pages:?}");
    assert_eq!(record["warnings"], serde_json::json!([]), "{record}");
    // "Page 2" is read (the cleaning stage may take it for a page number).
    assert_eq!(pages[0]["chars"], 5, "{pages:?}");
    let body = record["body"].as_str().unwrap();
    assert!(body.contains("Annex"), "{body:?}");
}

#[test]
fn a_pdf_of_blank_pages_has_no_warnings_even_without_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("blank.pdf");
    fs::write(&pdf, hostile::blank_pages_pdf(40)).unwrap();
    for mode in ["auto", "never", "always"] {
        let (code, records, stderr) = ingest(&[pdf.as_path()], &["--ocr", mode]);
        assert_eq!(code, 0, "{stderr}");
        let record = &records[0];
        let pages = record["pages"].as_array().unwrap();
        assert_eq!(pages.len(), 40);
        assert!(
            pages.iter().all(|p| p["blank"] == true),
            "{mode}: {pages:?}"
        );
        assert!(pages.iter().all(|p| p["method"] == "text-layer"), "{mode}");
        assert_eq!(
            record["warnings"],
            serde_json::json!([]),
            "{mode}: {record}"
        );
    }
}
