//! The text-layer helper (`undoc-textlayer`) gives exactly what `pdftotext -bbox-layout`
//! gives (the same poppler analysis, read without the XHTML): every page, every line,
//! every word and its box, on every PDF of the corpus and of the shared real PDFs
//! (`../shared/real`, read at test time); the images `pdfimages -list` lists; and
//! poppler's refusals as typed errors.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{root, shared};
use regex::Regex;
use undoc::extract::render::PageImage;
use undoc::extract::textlayer::read_text_layer;
use undoc::DocError;
use undoc::Limits;

const LIMITS: Limits = Limits {
    timeout: Duration::from_secs(120),
    memory_bytes: 4 << 30,
};

/// At least this many words and images are compared (so that a run that silently
/// reads nothing fails): in the corpus's synthetic PDFs, and in the shared real PDFs.
const WORDS_CORPUS: usize = 15_000;
const IMAGES_CORPUS: usize = 14;
const WORDS_REAL: usize = 100_000;
const IMAGES_REAL: usize = 60;

/// A word of `pdftotext -bbox-layout`: text and box.
type XWord = (String, [f64; 4]);

/// Pages of lines of words, from `pdftotext -bbox-layout`'s XHTML.
fn pdftotext_layout(pdf: &Path) -> Vec<Vec<Vec<XWord>>> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let xml = String::from_utf8(out.stdout).unwrap();
    let token = Regex::new(
        r#"<page [^>]*>|<line[^>]*>|<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">([^<]*)</word>"#,
    )
    .unwrap();
    let mut pages: Vec<Vec<Vec<XWord>>> = Vec::new();
    for c in token.captures_iter(&xml) {
        let all = c.get(0).unwrap().as_str();
        if all.starts_with("<page") {
            pages.push(Vec::new());
        } else if all.starts_with("<line") {
            pages.last_mut().unwrap().push(Vec::new());
        } else {
            let num = |i: usize| c[i].parse::<f64>().unwrap();
            let text = c[5]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            let line = pages.last_mut().unwrap().last_mut().unwrap();
            line.push((text, [num(1), num(2), num(3), num(4)]));
        }
    }
    // undoc drops blank words and the lines they leave empty.
    for page in &mut pages {
        for line in page.iter_mut() {
            line.retain(|(text, _)| !text.trim().is_empty());
        }
        page.retain(|line| !line.is_empty());
    }
    pages
}

/// The PDFs of a folder, sorted.
fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

/// The synthetic PDFs of the corpus.
fn corpus_pdfs() -> Vec<PathBuf> {
    let files = pdfs_in(&root().join("corpus/synthetic"));
    assert!(files.len() >= 9, "the corpus PDFs are there");
    files
}

/// The real PDFs of the shared material, when it is there.
fn real_pdfs() -> Option<Vec<PathBuf>> {
    let files = pdfs_in(&shared("real")?);
    assert!(files.len() >= 15, "the shared real PDFs are there");
    Some(files)
}

/// Compares the helper's words with pdftotext's on `pdfs`; returns the words compared.
fn compare_words(pdfs: &[PathBuf]) -> usize {
    let mut words = 0;
    for pdf in pdfs {
        let expected = pdftotext_layout(pdf);
        let layer = read_text_layer(pdf, LIMITS, 0).expect("the text layer is read");
        assert_eq!(
            layer.drawing_points.len(),
            layer.pages.len(),
            "one count per page"
        );
        let pages = layer.pages;
        assert_eq!(pages.len(), expected.len(), "{}: pages", pdf.display());
        for (page, want) in pages.iter().zip(&expected) {
            let name = format!("{} page {}", pdf.display(), page.number);
            assert_eq!(page.lines.len(), want.len(), "{name}: lines");
            for (line, want) in page.lines.iter().zip(want) {
                assert_eq!(line.words.len(), want.len(), "{name}: {}", line.text());
                for (word, (text, bbox)) in line.words.iter().zip(want) {
                    assert_eq!(&word.text, text, "{name}");
                    let got = [word.bbox.x0, word.bbox.y0, word.bbox.x1, word.bbox.y1];
                    for (g, w) in got.iter().zip(bbox) {
                        assert!(
                            (f64::from(*g) - w).abs() < 1e-3,
                            "{name}: {text} {got:?} {bbox:?}"
                        );
                    }
                    words += 1;
                }
            }
        }
    }
    words
}

#[test]
fn the_helper_reads_what_pdftotext_bbox_layout_reads() {
    let words = compare_words(&corpus_pdfs());
    assert!(words > WORDS_CORPUS, "{words} words compared");
}

#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn the_helper_reads_real_pdfs_as_pdftotext_bbox_layout_does() {
    let Some(pdfs) = real_pdfs() else {
        return;
    };
    let words = compare_words(&pdfs);
    assert!(words > WORDS_REAL, "{words} words compared");
}

/// The images the helper sees are those `pdfimages -list` lists (soft masks aside), on
/// the same pages, with the same size and resolution.
/// Returns the images compared.
fn compare_images(pdfs: &[PathBuf]) -> usize {
    let mut images = 0;
    for pdf in pdfs {
        let out = std::process::Command::new("pdfimages")
            .arg("-list")
            .arg(pdf)
            .output()
            .expect("pdfimages (poppler-utils) runs");
        let listed = parse_pdfimages_list(&String::from_utf8_lossy(&out.stdout));
        let seen = read_text_layer(pdf, LIMITS, 0).unwrap().images;
        assert_eq!(seen.len(), listed.len(), "{}", pdf.display());
        for (got, want) in seen.iter().zip(&listed) {
            let name = pdf.display();
            assert_eq!(
                (got.page, got.width_px, got.height_px),
                (want.page, want.width_px, want.height_px),
                "{name}"
            );
            // pdfimages prints whole ppi.
            assert!(
                (got.x_ppi - want.x_ppi).abs() <= 1.0,
                "{name}: {got:?} {want:?}"
            );
            assert!(
                (got.y_ppi - want.y_ppi).abs() <= 1.0,
                "{name}: {got:?} {want:?}"
            );
            images += 1;
        }
    }
    images
}

#[test]
fn the_helper_sees_the_images_pdfimages_lists() {
    let images = compare_images(&corpus_pdfs());
    assert!(images >= IMAGES_CORPUS, "{images} images compared");
}

#[test]
fn the_helper_sees_the_images_pdfimages_lists_in_real_pdfs() {
    let Some(pdfs) = real_pdfs() else {
        return;
    };
    let images = compare_images(&pdfs);
    assert!(images >= IMAGES_REAL, "{images} images compared");
}

#[test]
fn one_helper_reads_many_documents_in_turn() {
    let pdf = root().join("corpus/synthetic/000.born-digital.pdf");
    let first = read_text_layer(&pdf, LIMITS, 0).unwrap().pages;
    for _ in 0..20 {
        let again = read_text_layer(&pdf, LIMITS, 0).unwrap().pages;
        assert_eq!(again.len(), first.len());
        assert_eq!(again[2].lines.len(), first[2].lines.len());
        assert_eq!(again[2].lines[3].text(), first[2].lines[3].text());
    }
}

#[test]
fn refusals_are_typed_errors_and_the_helper_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = root().join("corpus/synthetic/004.born-digital.pdf");
    let bad = dir.path().join("truncated.pdf");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&bad, &bytes[..200]).unwrap();
    let missing = dir.path().join("no such file.pdf");
    let locked = dir.path().join("locked.pdf");
    let qpdf = std::process::Command::new("qpdf")
        .args(["--encrypt", "user", "owner", "256", "--"])
        .arg(&good)
        .arg(&locked)
        .status()
        .expect("qpdf runs");
    assert!(qpdf.success());

    assert!(matches!(
        read_text_layer(&locked, LIMITS, 0),
        Err(DocError::Encrypted { .. })
    ));
    for path in [&bad, &missing] {
        match read_text_layer(path, LIMITS, 0) {
            Err(DocError::Damaged { path: p, detail }) => {
                assert_eq!(&p, path);
                assert!(!detail.is_empty());
            }
            other => panic!("{}: {other:?}", path.display()),
        }
    }
    assert!(!read_text_layer(&good, LIMITS, 0).unwrap().pages.is_empty());
}

#[test]
fn a_pdf_over_the_page_limit_is_refused_unread() {
    let pdf = root().join("corpus/synthetic/000.born-digital.pdf");
    match read_text_layer(&pdf, LIMITS, 5) {
        Err(DocError::TooManyPages { pages, limit, .. }) => assert_eq!((pages, limit), (6, 5)),
        other => panic!("{other:?}"),
    }
    assert_eq!(read_text_layer(&pdf, LIMITS, 6).unwrap().pages.len(), 6);
}

/// Parses the table `pdfimages -list` prints (masks excluded): the reference the
/// text-layer helper's image facts are tested against.
fn parse_pdfimages_list(text: &str) -> Vec<PageImage> {
    text.lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if cols.len() < 14 {
                return None;
            }
            let page = cols[0].parse().ok()?;
            // Soft masks and stencil masks are not pictures of the page.
            if !matches!(cols[2], "image" | "stencil") {
                return None;
            }
            Some(PageImage {
                page,
                width_px: cols[3].parse().ok()?,
                height_px: cols[4].parse().ok()?,
                x_ppi: cols[12].parse().ok()?,
                y_ppi: cols[13].parse().ok()?,
            })
        })
        .collect()
}

#[test]
fn parses_pdfimages_list() {
    let text = "page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio\n\
--------------------------------------------------------------------------------------------\n\
   1     0 image    1275  1649  gray    1   8  jpx    no        19  0   150   149 41.9K 2.0%\n\
   1     2 mask     2550  3298  -       1   1  jbig2  no        21  0   299   299 22.2K 2.2%\n\
   1     2 smask    3300  2548  gray    1   1  jbig2  yes        5  0   300   300 5058B 0.5%\n";
    let imgs = parse_pdfimages_list(text);
    assert_eq!(imgs.len(), 1);
    let (w, h) = imgs[0].size_pt();
    assert!(
        (w - 612.0).abs() < 1.0 && (h - 796.8).abs() < 1.0,
        "{w} {h}"
    );
}
