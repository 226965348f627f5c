//! The output record (schema version 1): one JSON object per input document.
//!
//! Field names are a contract with users' scripts: add fields, never rename them.
//! `schema/record.schema.json` describes this struct and the tests validate every
//! emitted record against it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::meta::DocumentMeta;
use super::page::{OcrInfo, PageMethod};
use super::repairs::RepairKind;

pub use crate::versions::SCHEMA_VERSION;

/// One document's record.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    /// Version of the record format ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Lower-case hex sha256 of the file's bytes.
    pub id: String,
    /// The input file.
    pub source: SourceInfo,
    /// Whether the document was processed.
    pub status: Status,
    /// Present when `status` is `failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    /// What the reader should know about the document (pages that could not be read, …).
    pub warnings: Vec<String>,
    /// How each page was read.
    pub pages: Vec<PageInfo>,
    /// The clean body text, one paragraph per line.
    pub body: String,
    /// The footnotes, in order of appearance.
    pub footnotes: Vec<Footnote>,
    /// Version of undoc that wrote the record.
    pub undoc_version: String,
    /// What parsing read: metadata, sponsors, votes, paragraphs, citations. Its fields
    /// are written as the record's own (`language`, `symbol`, `sponsors` …).
    #[serde(flatten)]
    pub meta: DocumentMeta,
    /// OCR repairs made to the body and footnotes, counted per kind.
    pub repairs: BTreeMap<RepairKind, usize>,
    /// Tables as data, in reading order; the body holds a `[table N]` line where each
    /// stood.
    pub tables: Vec<Table>,
    /// Figures (charts, maps, organization charts) with the text printed inside them,
    /// in reading order; the body holds a `[figure N]` line where each stood.
    pub figures: Vec<Figure>,
}

impl Record {
    /// An empty record for a source, to be filled by the pipeline.
    pub fn new(id: String, source: SourceInfo) -> Record {
        Record {
            schema_version: SCHEMA_VERSION,
            id,
            source,
            status: Status::Ok,
            error: None,
            warnings: Vec::new(),
            pages: Vec::new(),
            body: String::new(),
            footnotes: Vec::new(),
            undoc_version: env!("CARGO_PKG_VERSION").to_string(),
            meta: DocumentMeta::default(),
            repairs: BTreeMap::new(),
            tables: Vec::new(),
            figures: Vec::new(),
        }
    }
}

/// Where a record comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceInfo {
    /// The path as given on the command line (or found below a given folder). Paths that
    /// are not valid UTF-8 are written lossily; `path_bytes_hex` then holds the exact bytes.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The exact path bytes in hex, when the path is not valid UTF-8.
    pub path_bytes_hex: Option<String>,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// How the file was read.
    pub format: SourceFormat,
}

/// The kind of input file.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// A PDF.
    Pdf,
    /// An image (PNG, JPEG, TIFF).
    Image,
    /// A text file.
    Text,
}

/// Whether the document was processed.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Processed: the record holds the document.
    Ok,
    /// Not processed: `error` says why.
    Failed,
}

/// Why a document failed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorInfo {
    /// A stable machine-readable kind, e.g. `not-a-pdf`, `encrypted`, `timeout`.
    pub kind: String,
    /// A human-readable explanation naming the file.
    pub message: String,
}

/// Per-page provenance.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageInfo {
    /// The page (from 1).
    pub number: u32,
    /// How its text was obtained.
    pub method: PageMethod,
    /// Non-whitespace characters read on the page.
    pub chars: usize,
    /// The language of the page's text (ISO 639-1: en, fr, es, ru, zh, ar), when there
    /// is enough text to tell; not written otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'static str>,
    /// OCR languages and mean confidence, for OCRed pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrInfo>,
    /// The page is blank (nothing drawn on it, or a scan without ink); written only
    /// when true.
    #[serde(skip_serializing_if = "is_false")]
    pub blank: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A table read from the page geometry: rows of cells as printed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Table {
    /// Position among the document's tables, from 0 (the `N` of the body's `[table N]`).
    pub index: usize,
    /// Pages the table stands on (more than one when it is continued).
    pub pages: Vec<u32>,
    /// Number and title as printed above it, one line each (`Table 3`, the title, the
    /// unit line), or null.
    pub title: Option<String>,
    /// How many of the first rows are column headings.
    pub header_rows: usize,
    /// Every row's cells, left to right, as printed; a heading spanning several columns
    /// stands in the first column it covers, the others are empty.
    pub rows: Vec<Vec<String>>,
    /// The lines under the table (`a Funded under …`, `Note: …`, `Source: …`).
    pub notes: Vec<String>,
}

/// A figure: its caption as printed and the text inside it, kept out of the body.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Figure {
    /// Position among the document's figures, from 0 (the `N` of the body's
    /// `[figure N]`).
    pub index: usize,
    /// The page the figure stands on.
    pub page: u32,
    /// Number and title as printed above it, one line each (`Figure 13.I`, the title,
    /// the unit line), or null.
    pub caption: Option<String>,
    /// The text printed inside the figure (axis labels, data labels, legend), one
    /// visual line per line, top to bottom; empty when the figure is a picture.
    pub text: String,
}

/// A footnote: its mark as printed (`1`, `*`) and its text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Footnote {
    /// The mark as printed (`1`, `*`).
    pub mark: String,
    /// The footnote's text.
    pub text: String,
}
