//! Extraction: from an input file to pages of positioned lines. PDFs are read through
//! their text layer ([`textlayer`]); each page is checked ([`decide`]) and OCRed when
//! its text layer is missing or unusable ([`render`], [`image_prep`], [`ocr`]); images
//! ([`image_input`]) are OCRed; text inputs are read as they are ([`text_input`]).
//! [`document`] is the stage's entry point.

pub mod decide;
pub mod font_repair;
pub mod image_input;
pub mod image_prep;
mod latin_in_rtl;
pub mod lexicon_check;
mod lib_messages;
mod lost_lines;
mod masthead_zone;
pub mod ocr;
pub mod ocr_lang;
pub mod osd;
pub mod render;
pub mod text_input;
pub mod textlayer;
mod textlayer_helper;

pub use textlayer_helper::GREETING as HELPER_GREETING;

use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::DocError;
use crate::input::InputFile;
use crate::model::{Page, PageMethod, SourceFormat};
use crate::subprocess::Limits;
use decide::{OcrMode, OcrReason, PageImageInfo};
use ocr::OcrOptions;

/// Settings of the extraction stage.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Wall-clock limit for one document (before OCR).
    pub doc_timeout: Duration,
    /// Extra time allowed for each page that is OCRed: a long scan is not a hung one.
    pub ocr_page_timeout: Duration,
    /// Memory ceiling for each helper process.
    pub memory_limit: u64,
    /// PDFs with more pages fail (`too-many-pages`) before any page is read; 0: no limit.
    pub max_pages: u32,
    /// When to OCR a PDF page instead of reading its text layer.
    pub ocr_mode: OcrMode,
    /// How pages are OCRed (languages, resolution, image preparation).
    pub ocr: OcrOptions,
}

/// Default `--max-pages`: far above any UN document, low enough that a hostile file
/// with a huge page tree fails at once instead of at the time limit.
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            doc_timeout: Limits::default().timeout,
            ocr_page_timeout: Duration::from_secs(60),
            memory_limit: Limits::default().memory_bytes,
            max_pages: DEFAULT_MAX_PAGES,
            ocr_mode: OcrMode::Auto,
            ocr: OcrOptions::default(),
        }
    }
}

/// What extraction delivers: the pages, and whether their text may be OCR output
/// undoc did not make (an old OCR layer over a scan, a text input), which `--repair
/// auto` then looks at.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// Every page, in order.
    pub pages: Vec<Page>,
    /// Whether text not OCRed by undoc may be OCR output.
    pub may_be_ocr: bool,
}

/// Extracts a document's pages: the text layer of a PDF with the pages it cannot be
/// trusted on OCRed (as `opts.ocr_mode` decides), the frames of an image OCRed, a text
/// input read as it is. Problems with single pages become `warnings`; problems with the
/// document (not a PDF, unreadable, over its time limit) are errors.
pub fn document(
    input: &InputFile,
    bytes: &[u8],
    opts: &ExtractOptions,
    warnings: &mut Vec<String>,
) -> Result<Extracted, DocError> {
    let deadline = Instant::now() + opts.doc_timeout;
    let path = input.path.as_path();
    let (pages, may_be_ocr) = match input.format {
        SourceFormat::Text => (text_input::read_text_input(path, bytes)?, true),
        SourceFormat::Pdf => {
            if !is_pdf(bytes) {
                return Err(DocError::NotAPdf {
                    path: path.to_path_buf(),
                });
            }
            let limits = Limits {
                timeout: opts.doc_timeout,
                memory_bytes: opts.memory_limit,
            };
            let mut layer = textlayer::read_text_layer(path, limits, opts.max_pages)?;
            font_repair::repair_layer(&mut layer, warnings);
            let infos = decide::page_facts(&layer);
            let mut pages = layer.pages;
            ocr_pages_that_need_it(path, &mut pages, &infos, opts, deadline, warnings)?;
            // A text layer kept over a page scan is an old OCR layer.
            let ocr_layer = pages
                .iter()
                .zip(&infos)
                .any(|(page, info)| page.method == PageMethod::TextLayer && info.covering_image);
            (pages, ocr_layer)
        }
        SourceFormat::Image => (ocr_image(path, opts, deadline, warnings)?, true),
    };
    Ok(Extracted { pages, may_be_ocr })
}

/// Decides page by page whether the text layer is usable, and OCRs the pages whose text
/// layer is missing or unusable, in parallel (one Tesseract engine per worker thread).
/// Pages with nothing drawn on them are blank and never rendered; a page without text
/// is first rendered small, and is blank if that shows no ink. A page OCR cannot read
/// keeps its text layer and gets a warning.
fn ocr_pages_that_need_it(
    path: &Path,
    pages: &mut [Page],
    infos: &[PageImageInfo],
    opts: &ExtractOptions,
    deadline: Instant,
    warnings: &mut Vec<String>,
) -> Result<(), DocError> {
    for (page, info) in pages.iter_mut().zip(infos) {
        page.blank = decide::draws_nothing(page, info);
    }
    if opts.ocr_mode == OcrMode::Never {
        return Ok(());
    }
    let todo: Vec<(usize, OcrReason)> = pages
        .par_iter()
        .enumerate()
        .filter(|(_, page)| !page.blank)
        .filter_map(|(i, page)| {
            let info = infos.get(i).cloned().unwrap_or_default();
            decide::decide(opts.ocr_mode, page, &info, || {
                decide::ink_share(path, page.number).ok()
            })
            .map(|reason| (i, reason))
        })
        .collect();
    let deadline = deadline + opts.ocr_page_timeout * todo.len() as u32;
    let hint = document_hint(path, pages, &todo);
    let outcomes: Vec<PageOutcome> = todo
        .par_iter()
        .map(|&(i, reason)| read_page(path, &pages[i], reason, opts, &hint, deadline))
        .collect();
    for (outcome, &(i, reason)) in outcomes.into_iter().zip(&todo) {
        let number = pages[i].number;
        match outcome {
            PageOutcome::TimedOut => {
                return Err(DocError::Timeout {
                    path: path.to_path_buf(),
                    seconds: (opts.doc_timeout + opts.ocr_page_timeout * todo.len() as u32)
                        .as_secs(),
                })
            }
            PageOutcome::Blank if pages[i].chars() == 0 => pages[i].blank = true,
            PageOutcome::Read(page) if !ocr::is_unreadable(&page) => pages[i] = page,
            PageOutcome::Read(page) => warnings.push(format!(
                "page {number}: {} ({reason}); the page's text layer is kept",
                unreadable(&page)
            )),
            PageOutcome::Blank => warnings.push(format!(
                "page {number}: the page image shows no ink, but the page has a text layer \
                 ({reason}); the text layer is kept"
            )),
            PageOutcome::Failed(e) => warnings.push(format!(
                "page {number}: OCR failed ({e}); the page's text layer is kept"
            )),
        }
    }
    Ok(())
}

/// What the document says of its language before OCR: its file name, and the text of
/// the pages that keep their text layer.
fn document_hint(
    path: &Path,
    pages: &[Page],
    todo: &[(usize, OcrReason)],
) -> ocr_lang::DocumentHint {
    let mut kept = String::new();
    for (i, page) in pages.iter().enumerate() {
        if !page.blank && !todo.iter().any(|&(j, _)| j == i) {
            for line in &page.lines {
                kept.push_str(&line.text());
                kept.push('\n');
            }
        }
    }
    ocr_lang::DocumentHint::new(path, &kept)
}

/// The page's text layer as text, for the language of a page sent to OCR; nothing when
/// the layer was sent to OCR because its letters are not what the page shows (a broken
/// glyph map, Latin garbage over Russian text), whose language says nothing.
fn page_text(page: &Page, reason: OcrReason) -> String {
    if matches!(
        reason,
        OcrReason::UnmappedGlyphs { .. } | OcrReason::UnknownWords { .. }
    ) {
        return String::new();
    }
    page.lines
        .iter()
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What became of a PDF page sent to OCR.
enum PageOutcome {
    /// The page image carries no ink.
    Blank,
    Read(Page),
    Failed(String),
    TimedOut,
}

/// OCRs one PDF page; a page without text is first checked on a small render and not
/// OCRed if that shows no ink.
fn read_page(
    path: &Path,
    layer: &Page,
    reason: OcrReason,
    opts: &ExtractOptions,
    hint: &ocr_lang::DocumentHint,
    deadline: Instant,
) -> PageOutcome {
    if Instant::now() > deadline {
        return PageOutcome::TimedOut;
    }
    if layer.chars() == 0 {
        match decide::page_is_white(path, layer.number) {
            Ok(true) => return PageOutcome::Blank,
            Ok(false) => {}
            Err(e) => return PageOutcome::Failed(e.to_string()),
        }
    }
    let first = ocr_lang::initial(&opts.ocr.languages, &page_text(layer, reason), hint);
    match ocr::ocr_pdf_page_as(path, layer.number, &opts.ocr, first) {
        Ok(page) if page.blank => PageOutcome::Blank,
        Ok(page) => PageOutcome::Read(page),
        Err(e) => PageOutcome::Failed(e.to_string()),
    }
}

/// OCRs every frame of an image file (PNG, JPEG, TIFF).
fn ocr_image(
    path: &Path,
    opts: &ExtractOptions,
    deadline: Instant,
    warnings: &mut Vec<String>,
) -> Result<Vec<Page>, DocError> {
    let image_error = |e: ocr::OcrError| DocError::Image {
        path: path.to_path_buf(),
        detail: match e {
            ocr::OcrError::Image { detail, .. } => detail,
            e => e.to_string(),
        },
    };
    let frames = image_input::frame_count(path).map_err(image_error)?;
    let deadline = deadline + opts.ocr_page_timeout * frames;
    let results: Vec<Result<(Page, Option<String>), ocr::OcrError>> = (0..frames)
        .into_par_iter()
        .map(|i| {
            if Instant::now() > deadline {
                return Err(ocr::OcrError::Recognize("timeout".into()));
            }
            ocr::ocr_image_frame(path, i, &opts.ocr)
        })
        .collect();
    if Instant::now() > deadline {
        return Err(DocError::Timeout {
            path: path.to_path_buf(),
            seconds: (opts.doc_timeout + opts.ocr_page_timeout * frames).as_secs(),
        });
    }
    let mut pages = Vec::new();
    for (i, result) in results.into_iter().enumerate() {
        match result {
            Ok((page, note)) => {
                if let Some(note) = note {
                    warnings.push(format!("page {}: {note}", i + 1));
                }
                if ocr::is_unreadable(&page) {
                    warnings.push(format!("page {}: {}", i + 1, unreadable(&page)));
                }
                pages.push(page);
            }
            Err(e) if i == 0 && frames == 1 => return Err(image_error(e)),
            Err(e) => warnings.push(format!("page {}: OCR failed ({e})", i + 1)),
        }
    }
    Ok(pages)
}

/// Why OCR gave nothing usable for a page, in a reader's words.
fn unreadable(page: &Page) -> String {
    match &page.ocr {
        _ if page.lines.is_empty() => "OCR found no text lines".to_string(),
        Some(info) => format!(
            "OCR could not read the page reliably (mean confidence {:.0} of 100)",
            info.confidence
        ),
        None => "OCR found no readable text".to_string(),
    }
}

/// Whether the bytes start (within the first KiB, as readers allow) with `%PDF-`.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}
