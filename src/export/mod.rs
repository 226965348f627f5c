//! Formats for other tools, made from finished records: Markdown, one file per
//! document, for readers, search indexes and language-model pipelines
//! (`undoc export markdown`, `undoc ingest --markdown DIR`); the votes as CSV in the
//! layout of the UN Digital Library's voting data (`undoc votes`).
//!
//! The exporter reads records as JSON (a typed reader of the fields it needs,
//! [`markdown::MdRecord`]), so it works on any undoc output file, old or new, and on
//! records with fields added later (`tables`).

mod escape;
mod markdown;
mod names;
mod vote_lists;
mod votes_csv;
mod writer;

pub use markdown::{render, MdRecord};
pub use votes_csv::{export_votes_file, VotesError, VotesStats};
pub use writer::{export_records_file, ExportError, ExportStats, MarkdownDir};
