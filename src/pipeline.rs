//! The pipeline: one document through every stage ([`process_file`]). Runs over many
//! documents are `run`'s.
//!
//! A document never takes the batch down: errors become `failed` records naming the
//! file and the reason, panics inside a stage are caught, and every child process runs
//! under a deadline and a memory ceiling.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::clean;
use crate::error::DocError;
use crate::extract::{self, ExtractOptions};
use crate::input::InputFile;
use crate::model::{
    ErrorInfo, Page, PageInfo, PageMethod, Record, SourceFormat, SourceInfo, Status,
};
use crate::parse;
use crate::repair::{self, RepairMode};

/// Settings that shape how a document is processed.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Text layer, OCR decision, OCR, limits.
    pub extract: ExtractOptions,
    /// When to repair OCR artifacts.
    pub repair: RepairMode,
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

/// The stages, in order: extract, clean, repair, parse; each writes its part of the
/// record.
fn process_bytes(
    input: &InputFile,
    bytes: &[u8],
    opts: &PipelineOptions,
    record: &mut Record,
) -> Result<(), DocError> {
    if bytes.is_empty() {
        return Err(DocError::Empty {
            path: input.path.clone(),
        });
    }
    let extracted = extract::document(input, bytes, &opts.extract, &mut record.warnings)?;
    let mut clean = clean::pages(&extracted.pages);
    let origin = repair::Origin {
        ocred_by_undoc: extracted.pages.iter().any(|p| p.method == PageMethod::Ocr),
        may_be_ocr: extracted.may_be_ocr,
    };
    record.repairs = repair::clean_text(&mut clean, opts.repair, origin, &mut record.warnings);
    record.pages = page_infos(&extracted.pages, &mut record.warnings);
    record.body = clean.paragraphs.join("\n");
    record.footnotes = clean.footnotes.clone();
    record.tables = clean.tables.clone();
    record.figures = clean.figures.clone();
    let meta = parse::document(&clean);
    record.warnings.extend(parse::warnings(&meta));
    record.meta = meta;
    Ok(())
}

/// Each page's provenance; a warning names the pages without text.
fn page_infos(pages: &[Page], warnings: &mut Vec<String>) -> Vec<PageInfo> {
    let empty: Vec<u32> = pages
        .iter()
        .filter(|p| p.method == PageMethod::TextLayer && !p.blank && p.chars() == 0)
        .map(|p| p.number)
        .collect();
    if !empty.is_empty() {
        warnings.push(format!(
            "{} of {} pages have no text layer (pages {}): OCR is needed to read them",
            empty.len(),
            pages.len(),
            compact_ranges(&empty)
        ));
    }
    pages
        .iter()
        .map(|p| PageInfo {
            number: p.number,
            method: p.method,
            chars: p.chars(),
            language: page_language(p),
            ocr: p.ocr.clone(),
            blank: p.blank,
        })
        .collect()
}

/// The language of a page's text (ISO 639-1 code), when there is enough text to tell.
fn page_language(page: &crate::model::Page) -> Option<&'static str> {
    let text: Vec<String> = page.lines.iter().map(|l| l.text()).collect();
    crate::lang::detect(&text.join("\n")).map(|l| l.code())
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
}
