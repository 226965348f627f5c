//! The pipeline: one document through every stage ([`process_file`]), and a batch of
//! documents in parallel with their records delivered in input order ([`run_batch`]).
//!
//! A document never takes the batch down: errors become `failed` records naming the
//! file and the reason, panics inside a stage are caught, and every child process runs
//! under a deadline and a memory ceiling.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::clean;
use crate::error::DocError;
use crate::extract::decide::{self, OcrMode, OcrReason, PageImageInfo};
use crate::extract::ocr::{self, OcrOptions};
use crate::extract::{image_input, text_input, textlayer};
use crate::input::InputFile;
use crate::lang;
use crate::model::{
    CleanText, ErrorInfo, Page, PageInfo, PageMethod, Record, SourceFormat, SourceInfo, Status,
};
use crate::parse;
use crate::repair::{self, RepairKind, RepairMode};
use crate::subprocess::Limits;

/// Settings that shape how a document is processed.
#[derive(Debug, Clone)]
pub struct PipelineOptions {
    /// Wall-clock limit for one document (before OCR).
    pub doc_timeout: Duration,
    /// Extra time allowed for each page that is OCRed: a long scan is not a hung one.
    pub ocr_page_timeout: Duration,
    /// Memory ceiling for each helper process.
    pub memory_limit: u64,
    /// PDFs with more pages fail (`too-many-pages`) before any page is read; 0: no limit.
    pub max_pages: u32,
    /// When to repair OCR artifacts.
    pub repair: RepairMode,
    /// When to OCR a PDF page instead of reading its text layer.
    pub ocr_mode: OcrMode,
    /// How pages are OCRed (languages, resolution, image preparation).
    pub ocr: OcrOptions,
}

/// Default `--max-pages`: far above any UN document, low enough that a hostile file
/// with a huge page tree fails at once instead of at the time limit.
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

impl Default for PipelineOptions {
    fn default() -> Self {
        PipelineOptions {
            doc_timeout: Limits::default().timeout,
            ocr_page_timeout: Duration::from_secs(60),
            memory_limit: Limits::default().memory_bytes,
            max_pages: DEFAULT_MAX_PAGES,
            repair: RepairMode::Auto,
            ocr_mode: OcrMode::Auto,
            ocr: OcrOptions::default(),
        }
    }
}

/// Processes one file into its record; never panics, never fails: problems are
/// written into the record.
pub fn process_file(input: &InputFile, opts: &PipelineOptions) -> Record {
    let bytes = std::fs::read(&input.path);
    let (id, size) = match &bytes {
        Ok(b) => (sha256_hex(b), b.len() as u64),
        Err(_) => (String::new(), 0),
    };
    let mut record = Record::new(id, source_info(&input.path, size, input.format));
    let outcome = match bytes {
        Err(source) => Err(DocError::Io {
            path: input.path.clone(),
            source,
        }),
        Ok(bytes) => guarded(&input.path, || {
            process_bytes(input, &bytes, opts, &mut record)
        }),
    };
    if let Err(error) = outcome {
        fail(&mut record, &error);
    }
    record
}

/// Runs a stage, turning a panic inside it into an error for this document only.
pub fn guarded<F>(path: &Path, stage: F) -> Result<(), DocError>
where
    F: FnOnce() -> Result<(), DocError>,
{
    catch_unwind(AssertUnwindSafe(stage)).unwrap_or_else(|panic| {
        Err(DocError::Panic {
            path: path.to_path_buf(),
            detail: panic_message(&panic),
        })
    })
}

fn process_bytes(
    input: &InputFile,
    bytes: &[u8],
    opts: &PipelineOptions,
    record: &mut Record,
) -> Result<(), DocError> {
    let path = input.path.as_path();
    if bytes.is_empty() {
        return Err(DocError::Empty {
            path: path.to_path_buf(),
        });
    }
    let deadline = Instant::now() + opts.doc_timeout;
    let (pages, may_be_ocr) = extract(input, bytes, opts, deadline, &mut record.warnings)?;
    let mut clean = clean::clean_pages(&pages);
    let ocred = pages.iter().any(|p| p.method == PageMethod::Ocr);
    // `--repair auto` looks at text that may be OCR output: what undoc OCRed, old OCR
    // layers over scans, text inputs. A born-digital text layer is the document's own.
    if ocred || may_be_ocr || opts.repair == RepairMode::Always {
        record.repairs = repair_clean_text(&mut clean, opts.repair, ocred);
    }
    fill_record(record, &pages, &clean);
    Ok(())
}

fn extract(
    input: &InputFile,
    bytes: &[u8],
    opts: &PipelineOptions,
    deadline: Instant,
    warnings: &mut Vec<String>,
) -> Result<(Vec<Page>, bool), DocError> {
    let path = input.path.as_path();
    match input.format {
        SourceFormat::Text => Ok((text_input::read_text_input(path, bytes)?, true)),
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
            let layer = textlayer::read_text_layer(path, limits, opts.max_pages)?;
            let infos = decide::page_facts(&layer);
            let mut pages = layer.pages;
            ocr_pages_that_need_it(path, &mut pages, &infos, opts, deadline, warnings)?;
            // A text layer kept over a page scan is an old OCR layer.
            let ocr_layer = pages
                .iter()
                .zip(&infos)
                .any(|(page, info)| page.method == PageMethod::TextLayer && info.covering_image);
            Ok((pages, ocr_layer))
        }
        SourceFormat::Image => Ok((ocr_image(path, opts, deadline, warnings)?, true)),
    }
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
    opts: &PipelineOptions,
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
    let outcomes: Vec<PageOutcome> = todo
        .par_iter()
        .map(|&(i, _)| read_page(path, &pages[i], opts, deadline))
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
fn read_page(path: &Path, layer: &Page, opts: &PipelineOptions, deadline: Instant) -> PageOutcome {
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
    match ocr::ocr_pdf_page(path, layer.number, &opts.ocr) {
        Ok(page) if page.blank => PageOutcome::Blank,
        Ok(page) => PageOutcome::Read(page),
        Err(e) => PageOutcome::Failed(e.to_string()),
    }
}

/// OCRs every frame of an image file (PNG, JPEG, TIFF).
fn ocr_image(
    path: &Path,
    opts: &PipelineOptions,
    deadline: Instant,
    warnings: &mut Vec<String>,
) -> Result<Vec<Page>, DocError> {
    let image_error = |e: ocr::OcrError| DocError::Image {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let frames = image_input::frame_count(path).map_err(image_error)?;
    let deadline = deadline + opts.ocr_page_timeout * frames;
    let results: Vec<Result<Page, ocr::OcrError>> = (0..frames)
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
            Ok(page) => {
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

/// Repairs OCR artifacts in the body and footnotes (as `mode` decides) and returns the
/// number of changes per kind.
fn repair_clean_text(
    clean: &mut CleanText,
    mode: RepairMode,
    ocred: bool,
) -> BTreeMap<RepairKind, usize> {
    let body = clean.paragraphs.join("\n");
    let Some(lang) = lang::detect(&body) else {
        return BTreeMap::new();
    };
    let mut changes = Vec::new();
    if let Some(repaired) = repair::repair_with_mode(mode, ocred, &body, lang) {
        clean.paragraphs = repaired.text.split('\n').map(str::to_string).collect();
        changes.extend(repaired.changes);
        let notes: Vec<String> = clean.footnotes.iter().map(|n| n.text.clone()).collect();
        let notes_repaired = repair::repair_text(&notes.join("\n"), lang);
        let texts: Vec<&str> = notes_repaired.text.split('\n').collect();
        if texts.len() == clean.footnotes.len() {
            for (note, text) in clean.footnotes.iter_mut().zip(texts) {
                note.text = text.to_string();
            }
            changes.extend(notes_repaired.changes);
        }
    }
    repair::counts(&changes)
}

fn fill_record(record: &mut Record, pages: &[Page], clean: &CleanText) {
    record.pages = pages
        .iter()
        .map(|p| PageInfo {
            number: p.number,
            method: p.method,
            chars: p.chars(),
            ocr: p.ocr.clone(),
            blank: p.blank,
        })
        .collect();
    let empty: Vec<u32> = pages
        .iter()
        .filter(|p| p.method == PageMethod::TextLayer && !p.blank && p.chars() == 0)
        .map(|p| p.number)
        .collect();
    if !empty.is_empty() {
        record.warnings.push(format!(
            "{} of {} pages have no text layer (pages {}): OCR is needed to read them",
            empty.len(),
            pages.len(),
            compact_ranges(&empty)
        ));
    }
    record.body = clean.paragraphs.join("\n");
    record.footnotes = clean.footnotes.clone();
    record.tables = clean.tables.clone();
    let meta = parse::document(clean);
    record.warnings.extend(parse::warnings(&meta));
    record.meta = meta;
}

/// `1-3, 5` for `[1, 2, 3, 5]`.
fn compact_ranges(numbers: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            numbers[i].to_string()
        } else {
            format!("{}-{}", numbers[i], numbers[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}

fn fail(record: &mut Record, error: &DocError) {
    record.status = Status::Failed;
    record.error = Some(ErrorInfo {
        kind: error.kind().to_string(),
        message: error.to_string(),
    });
    record.body.clear();
    record.footnotes.clear();
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Lower-case hex sha256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The record's `source`, with the exact bytes of a non-UTF-8 path kept in hex.
pub fn source_info(path: &Path, bytes: u64, format: SourceFormat) -> SourceInfo {
    use std::os::unix::ffi::OsStrExt;
    let raw = path.as_os_str().as_bytes();
    let exact = std::str::from_utf8(raw).is_ok();
    SourceInfo {
        path: path.to_string_lossy().into_owned(),
        path_bytes_hex: (!exact).then(|| raw.iter().map(|b| format!("{b:02x}")).collect()),
        bytes,
        format,
    }
}

/// Counters a batch updates as documents finish (read by the progress display).
#[derive(Debug, Default)]
pub struct BatchProgress {
    pub documents: AtomicUsize,
    pub pages: AtomicUsize,
}

/// Processes `inputs` on `jobs` threads and hands each record to `sink` in input
/// order, as soon as all records before it are done (so memory holds only the records
/// that finished out of order).
pub fn run_batch<F>(
    inputs: &[InputFile],
    opts: &PipelineOptions,
    jobs: usize,
    progress: &BatchProgress,
    mut sink: F,
) -> std::io::Result<()>
where
    F: FnMut(Record) -> std::io::Result<()>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(std::io::Error::other)?;
    let (tx, rx) = mpsc::channel::<(usize, Record)>();
    let mut result = Ok(());
    std::thread::scope(|scope| {
        scope.spawn(|| {
            pool.install(|| {
                inputs
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, input)| {
                        let record = process_file(input, opts);
                        progress.documents.fetch_add(1, Ordering::Relaxed);
                        progress
                            .pages
                            .fetch_add(record.pages.len(), Ordering::Relaxed);
                        let _ = tx.send((i, record));
                    });
            });
        });
        let mut waiting: BTreeMap<usize, Record> = BTreeMap::new();
        let mut next = 0;
        for (i, record) in rx {
            waiting.insert(i, record);
            while let Some(record) = waiting.remove(&next) {
                next += 1;
                if result.is_ok() {
                    result = sink(record);
                }
            }
        }
    });
    result
}

/// Time helper for summaries.
pub fn seconds_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_compact() {
        assert_eq!(compact_ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
    }

    #[test]
    fn a_panicking_stage_becomes_an_error() {
        let err = guarded(Path::new("x.pdf"), || panic!("boom in a library")).unwrap_err();
        assert_eq!(err.kind(), "panic");
        assert!(err.to_string().contains("x.pdf") && err.to_string().contains("boom"));
        assert!(guarded(Path::new("x.pdf"), || Ok(())).is_ok());
    }

    #[test]
    fn pdf_magic() {
        assert!(is_pdf(b"%PDF-1.7\n"));
        assert!(is_pdf(b"\x00\x00junk%PDF-1.4"));
        assert!(!is_pdf(b"hello"));
    }
}
