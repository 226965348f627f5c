//! undoc's integration tests, built as one test binary (one link of the library instead
//! of one per file). Each file of this folder is a module; the helpers they share live in
//! `tests/common/` (and `tests/parse_common/` for the parse fixtures).
//!
//! `cargo test` runs the fast tests; the slow ones (OCR-heavy, or whole folders of
//! `../shared`) are `#[ignore = "slow: …"]` and run with `-- --include-ignored`, as
//! `scripts/test.sh` does. One module: `cargo test --test it golden_records`.
//!
//! Property tests keep the failures they find in `tests/proptest-regressions/NAME.txt`
//! (proptest's default place for a test crate whose root is `main.rs`).

#[path = "../common/mod.rs"]
mod common;
#[path = "../parse_common/mod.rs"]
mod parse_common;

mod arabic_scans;
mod blank_pages;
mod changes_feed;
mod cli_countries;
mod cli_repair;
mod countries_data;
mod countries_documents;
mod countries_props;
mod export_markdown;
mod golden_records;
mod hostile_fixtures;
mod ingest_bad_inputs;
mod ingest_born_digital;
mod ingest_isolation;
mod ingest_real;
mod ingest_scans;
mod lexicons;
mod meeting_records;
mod metadata_real;
mod multilingual;
mod ocr_decide;
mod ocr_pages;
mod parse_corpus;
mod parse_masthead;
mod parse_ocr;
mod parse_pipeline;
mod parse_real;
mod parse_seeds;
mod quiet_output;
mod realtext_paragraphs;
mod realtext_reports;
mod refresh;
mod repair_command;
mod repair_properties;
mod repair_scans;
mod repair_seed002;
mod repair_wer;
mod repair_zero_damage;
mod textlayer_helper;
mod votes_export;
