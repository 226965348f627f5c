//! Every version number undoc writes or compares, side by side, with when each changes.
//! A leaf module: constants only, so that the model and the state store can read them.
//!
//! | version | where it shows | bump when |
//! |---|---|---|
//! | [`SCHEMA_VERSION`] | `schema_version` of every record | an incompatible record change (a field renamed, removed or retyped); adding a field is compatible |
//! | [`OUTPUT_REVISION`] | [`pipeline_version`], stored per source in the state | any change that alters records without a new crate version, so that the next incremental run reprocesses unchanged documents |
//! | [`OPTIONS_REVISION`] | the options hash stored per source in the state | the meaning of an option changes, or an option that changes records is added to the description (`cli::config_description`) |
//! | [`STATE_SCHEMA_VERSION`] | `meta.schema_version` of the state database | the database layout changes; add the migration to `state::MIGRATIONS` |
//!
//! The crate version (`CARGO_PKG_VERSION`) is written as `undoc_version` and is part of
//! [`pipeline_version`]: a release reprocesses everything.

/// Version of the record format. Bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Bumped by any change that alters records without changing the crate version, so
/// that the next run reprocesses unchanged documents (see [`pipeline_version`]).
/// 4: old names of Member States (Tanganyika, Siam, Federation of Malaya …) and Zanzibar
/// are placed in vote and sponsor lists.
/// 5: figures (`figures`, `[figure N]` paragraphs of kind `figure`) take the text of
/// charts, maps and organization charts out of the body.
/// 6: `--lang auto` OCRs pages with the models of their language; pages get `language`,
/// OCRed pages `ocr.languages_from`, `script` and `rotation`.
/// 7: spaces inside words (kerning gaps) removed, pages read column by column only where
/// both columns hold running text, `Table N` lines open a paragraph.
/// 8: meeting records: `meeting.time`, the symbol and bilingual front of old scanned
/// records, votes by show of hands with headed lists (`In favour of overruling …:`).
/// 9: an inline `(a)` starting a line stays in its paragraph, annex numbers (`A.2`) are
/// labels, table numbers at the top of a page stay in the body, furniture set sideways
/// on landscape pages is running matter.
/// 10: punctuation of Chinese OCR output repaired; organs and symbols of OCRed Chinese
/// and Russian mastheads.
/// 11: every page's right margin at least the document's (short headings on pages of
/// tables stay apart), page numbers set on end not read into the heading beside them.
/// 12: OCRed right-to-left lines keep Tesseract's words and only their order is found;
/// Latin misreadings of Arabic words and lines lost by layout analysis read again.
/// 13: table rows: a list label stays in its text's cell, labels wrapped above their
/// figures are one cell, section rows set apart stay in their table.
/// 14: one OCR word box stretched over noise no longer merges two lines.
/// 15: footnotes of OCRed pages: areas found by the density of their characters, misread
/// and lost marks numbered in sequence, misread footers out of the notes.
/// 16: footnotes of text-layer pages are opened only by a mark the page answers (table
/// notes, table rows and dates at the start of a line no longer open or run into them).
/// 17: a document in French and English (a bilingual ICJ record) is titled in English.
/// 18: a dense block of dot-leader lines (a table of contents) is no OCR footnote area.
pub const OUTPUT_REVISION: u32 = 18;

/// Revision of the description of the options that change records; it opens the
/// description whose hash the state stores, so a bump makes the next run reprocess
/// everything.
pub const OPTIONS_REVISION: u32 = 3;

/// Version of the state database layout. `state::MIGRATIONS` has one entry per version.
pub const STATE_SCHEMA_VERSION: u32 = 2;

/// What records depend on besides the input bytes and the options: the undoc version,
/// the record schema and [`OUTPUT_REVISION`]. Stored with each source in the state;
/// a different value makes the next run reprocess everything.
pub fn pipeline_version() -> String {
    format!(
        "undoc {} schema {} rev {}",
        env!("CARGO_PKG_VERSION"),
        SCHEMA_VERSION,
        OUTPUT_REVISION
    )
}
