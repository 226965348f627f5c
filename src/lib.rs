//! undoc: turns downloaded United Nations documents (born-digital PDFs, scans, images,
//! text extractions) into clean, structured JSON records.
//!
//! One document goes through one entry point per stage ([`process_file`]):
//! [`discover`] (find the inputs) → [`extract::document`] (text layer, OCR, text inputs:
//! pages of positioned lines) → [`clean::pages`] (running heads, superscripts, columns,
//! tables, hyphenation, paragraphs, footnotes) → [`repair::clean_text`] (OCR artifacts)
//! → [`parse::document`] (metadata, meeting and decisions, sponsors, votes, paragraphs,
//! citations; [`countries`] for the names of States) → a [`model::Record`]. A run
//! ([`run()`], which the command line calls) takes the documents through one worker pool
//! to their output, written atomically as JSON Lines (incrementally through a state
//! store for `-o FILE`); [`export`] makes Markdown and the votes
//! CSV from finished records. [`model`] holds every type that goes into a record and
//! depends on no stage. `docs/architecture.md` draws the same map.
//!
//! The library's surface is this page: the stage modules, the model, and the few run
//! items re-exported below. Everything else (the command line, the state store's
//! internals, sharding, merging, the changes feed, the data-file reader, versions) is
//! private to the crate.

#![warn(missing_docs)]

pub mod clean;
pub mod countries;
pub mod export;
pub mod extract;
pub mod lang;
pub mod model;
pub mod parse;
pub mod repair;

mod changes;
mod cli;
mod datafile;
mod emit;
mod error;
mod input;
mod merge;
mod pipeline;
mod refresh;
mod run;
mod shard;
mod state;
mod subprocess;
mod summary;
mod versions;

pub use cli::main;
pub use emit::OutputTarget;
pub use error::DocError;
pub use input::{discover, format_by_extension, InputError, InputFile};
pub use pipeline::{process_file, PipelineOptions};
pub use refresh::StateArgs;
pub use run::{run, RunError, RunOptions};
pub use state::{StateStore, MAX_CRASHES};
pub use subprocess::Limits;
pub use summary::RunSummary;
