//! undoc: turns downloaded United Nations documents (born-digital PDFs, scans, text
//! extractions) into clean, structured JSON records.
//!
//! The pipeline, one module per stage:
//! `input` (find files) → `extract` (text layer, OCR, text inputs: pages of lines)
//! → `clean` (running heads, superscripts, hyphenation, paragraphs, footnotes)
//! → `parse` (masthead metadata) → `emit` (records, written atomically).
//! `pipeline` runs the stages over a batch in parallel; `model` holds the types that
//! flow between them.

pub mod error;
pub mod extract;
pub mod lang;
pub mod model;
