//! OCR of real scanned pages and of image files: words with boxes, confidence, and text
//! close to the page's ground truth. Each OCRed page costs 1–3 s on one core, so the
//! pages are few and small.

use crate::common;

use common::cer::{cer, normalize};
use common::{pdftotext_page, repo_file, shared};
use undoc::extract::image_input::{self, ImageFormat};
use undoc::extract::ocr::{self, OcrError, OcrOptions};
use undoc::extract::{osd, render};
use undoc::model::PageMethod;

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn scanned_page_is_read_with_boxes_and_confidence() {
    let pdf = repo_file("corpus/synthetic/004.scan-clean.pdf");
    let opts = OcrOptions::default();
    let page = ocr::ocr_pdf_page(&pdf, 2, &opts).expect("page 2 OCRs");

    assert_eq!(page.number, 2);
    assert_eq!(page.method, PageMethod::Ocr);
    assert!(!ocr::is_unreadable(&page));
    let info = page.ocr.as_ref().expect("OCR info");
    assert_eq!(info.languages, "fra+eng");
    assert!(info.confidence > 85.0, "confidence {}", info.confidence);
    // Boxes are in points, like a text layer's: the page is A4.
    assert!((page.width - 595.0).abs() < 2.0 && (page.height - 842.0).abs() < 2.0);
    assert!(page.lines.len() > 30, "{} lines", page.lines.len());
    for line in &page.lines {
        let lb = line.bbox.expect("OCR lines have boxes");
        for w in &line.words {
            assert!(!w.text.trim().is_empty());
            let b = w.bbox;
            assert!(b.x0 < b.x1 && b.y0 < b.y1, "{w:?}");
            assert!(
                b.x0 >= 0.0 && b.x1 <= page.width && b.y1 <= page.height,
                "{w:?}"
            );
            assert!(b.x0 >= lb.x0 && b.x1 <= lb.x1, "{w:?} outside {lb:?}");
        }
    }
    // Lines come top to bottom (body text, one column).
    let tops: Vec<f32> = page.lines.iter().map(|l| l.bbox.unwrap().y0).collect();
    let descending = tops.windows(2).filter(|w| w[1] < w[0] - 5.0).count();
    assert!(descending <= 2, "lines out of order: {tops:?}");

    let text: String = page.lines.iter().map(|l| l.text() + "\n").collect();
    let norm = normalize(&text);
    for expected in [
        "Saluant les efforts que fait le Président du Groupe de travail à composition non limitée",
        "numérique ouvert, stable, sûr, accessible et pacifique,",
        "Demande aux États de continuer de participer de manière constructive aux négociations",
    ] {
        assert!(norm.contains(expected), "missing {expected:?} in\n{text}");
    }
    // The whole page against the born-digital page's text layer (headers included).
    let truth = pdftotext_page(&repo_file("corpus/synthetic/004.born-digital.pdf"), 2);
    let rate = cer(&text, &truth);
    assert!(rate < 0.015, "page CER {:.2} %", rate * 100.0);
}

/// Renders a band of a scanned page (a few lines) to keep image-input OCR cheap.
fn band(pdf: &str, page: u32, y: u32, h: u32) -> render::GrayImage {
    let full = render::render_page_gray(&repo_file(pdf), page, 300).unwrap();
    let rows = full.pixels[(y * full.width) as usize..((y + h) * full.width) as usize].to_vec();
    render::GrayImage {
        width: full.width,
        height: h,
        dpi: 300,
        pixels: rows,
    }
}

fn page_text(page: &undoc::model::Page) -> String {
    normalize(
        &page
            .lines
            .iter()
            .map(|l| l.text() + "\n")
            .collect::<String>(),
    )
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn png_and_two_page_tiff_are_inputs() {
    let dir = tempfile::tempdir().unwrap();
    // Page 2 of the clean scan: the first paragraph, then paragraph 2.
    let top = band("corpus/synthetic/004.scan-clean.pdf", 2, 330, 260);
    let next = band("corpus/synthetic/004.scan-clean.pdf", 2, 590, 260);
    let opts = OcrOptions::default();

    let png = dir.path().join("band.png");
    image_input::save_gray(&top, &png, ImageFormat::Png, false).unwrap();
    let pages = ocr::ocr_image_file(&png, &opts).unwrap();
    assert_eq!(pages.len(), 1);
    let text = page_text(&pages[0]);
    assert!(text.contains("Saluant les efforts"), "{text}");
    // Image boxes stay in pixels.
    assert_eq!(pages[0].width, top.width as f32);

    let tif = dir.path().join("two.tif");
    image_input::save_gray(&top, &tif, ImageFormat::Tiff, false).unwrap();
    image_input::save_gray(&next, &tif, ImageFormat::Tiff, true).unwrap();
    assert_eq!(image_input::frame_count(&tif).unwrap(), 2);
    let pages = ocr::ocr_image_file(&tif, &opts).unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!((pages[0].number, pages[1].number), (1, 2));
    assert!(page_text(&pages[0]).contains("Saluant les efforts"));
    let second = page_text(&pages[1]);
    assert!(
        second.contains("Se félicite de l’adoption par consensus") && !second.contains("Saluant"),
        "{second}"
    );
}

#[test]
fn blank_image_is_an_empty_page_not_an_error() {
    let blank = render::GrayImage::blank(1200, 800, 300);
    let page = ocr::ocr_image(1, blank, 1.0, &OcrOptions::default()).unwrap();
    // Found blank before Tesseract: no lines, no OCR details, not "unreadable" (which
    // would give the record a warning).
    assert!(page.lines.is_empty() && page.blank);
    assert!(page.ocr.is_none());
    assert!(!ocr::is_unreadable(&page));
    assert_eq!((page.width, page.height), (1200.0, 800.0));
}

#[test]
fn missing_language_is_a_clear_error() {
    match ocr::check_languages("fra+zzz") {
        Err(OcrError::LanguageMissing { missing, .. }) => assert_eq!(missing, "zzz"),
        other => panic!("{other:?}"),
    }
    ocr::check_languages("fra+eng").unwrap();
    assert!(matches!(
        ocr::check_languages("fra eng"),
        Err(OcrError::BadLanguages(_))
    ));
}

#[test]
fn unreadable_image_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken.tif");
    std::fs::write(&p, b"II*\0garbage").unwrap();
    assert!(ocr::ocr_image_file(&p, &OcrOptions::default()).is_err());
}

/// Real scans of the shared material: the 1971 draft resolution (page image under an
/// old OCR layer) and the 2022 note verbale (no text layer) read as sensible English.
#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn real_scans_read_as_text() {
    let opts = OcrOptions::default();
    let cases = [
        (
            "real/un-su__1971-09-29_A_L.632-EN.pdf",
            &[
                "GENERAL",
                "ASSEMBLY",
                "RESTORATION OF THE LAWFUL RIGHTS OF THE PEOPLE",
                "Recalling the provisions of the Charter of the United Nations",
            ][..],
        ),
        (
            "real/un-su__2022-03-04_Note_Verbale_from_the_Office_of_Legal_Affairs_to_the_Permanent_Mission_of_Ukraine.pdf",
            &[
                "The Office of Legal Affairs of the Secretariat of the United Nations presents its",
                "Permanent Mission of Ukraine",
            ][..],
        ),
    ];
    for (rel, expected) in cases {
        let Some(pdf) = shared(rel) else {
            return;
        };
        let page = ocr::ocr_pdf_page(&pdf, 1, &opts).unwrap();
        let text = page_text(&page);
        for e in expected {
            assert!(text.contains(e), "{rel}: missing {e:?} in\n{text}");
        }
        assert!(page.ocr.unwrap().confidence > 70.0, "{rel}");
    }
}

/// A scan turned a quarter or a half turn is found by orientation detection and read
/// upright; the page info says how far it was turned.
#[test]
fn turned_scans_are_turned_upright_before_ocr() {
    let pdf = repo_file("corpus/synthetic/004.scan-clean.pdf");
    let upright = render::render_page_gray(&pdf, 2, 300).unwrap();
    let truth = pdftotext_page(&repo_file("corpus/synthetic/004.born-digital.pdf"), 2);
    // Turned 90° counter-clockwise: OSD says to turn it 90° clockwise.
    let ccw = osd::rotate(upright.clone(), 270);
    let seen = osd::detect(&ccw).expect("OSD finds the page's orientation");
    assert_eq!(
        (seen.rotation, seen.script.as_str()),
        (90, "Latin"),
        "{seen:?}"
    );
    // Upside down: read upright, with the turn in the page info.
    let page = ocr::ocr_image(
        2,
        osd::rotate(upright, 180),
        72.0 / 300.0,
        &OcrOptions::default(),
    )
    .unwrap();
    let info = page.ocr.as_ref().unwrap();
    assert_eq!(info.rotation, 180, "{info:?}");
    let c = cer(&normalize(&page_text(&page)), &normalize(&truth));
    assert!(c < 0.05, "CER {c:.3} of the page read upright");
}
