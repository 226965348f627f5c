//! undoc: turns downloaded United Nations documents (born-digital PDFs, scans, text
//! extractions) into clean, structured JSON records.
//!
//! The pipeline, one module per stage:
//! `input` (find files) → `extract` (text layer, OCR, text inputs: pages of lines)
//! → `clean` (running heads, superscripts, hyphenation, paragraphs, footnotes)
//! → `parse` (metadata, sponsors, votes, paragraphs, citations; `countries` for names)
//! → `output` (records, written atomically).
//! `pipeline` runs the stages over one document, `run` over a batch in parallel; `model`
//! holds the types that flow between them.

pub mod changes;
pub mod clean;
pub mod cli;
pub mod countries;
pub mod datafile;
pub mod emit;
pub mod error;
pub mod export;
pub mod extract;
pub mod input;
pub mod lang;
pub mod merge;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod refresh;
pub mod repair;
pub mod run;
pub mod shard;
pub mod state;
pub mod subprocess;
pub mod summary;
pub mod versions;
