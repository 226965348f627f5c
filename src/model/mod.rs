//! The typed document model that flows through the pipeline, and every type that goes
//! into a record. It depends on nothing else in the crate (but the constants of
//! `versions`): stages depend on it.
//!
//! Extraction produces [`Page`]s made of positioned [`Line`]s and [`Word`]s (or plain
//! lines for text inputs); cleaning turns them into a [`CleanText`] (paragraphs and
//! footnotes); repair counts its changes per [`RepairKind`]; parsing reads a
//! [`DocumentMeta`] (metadata, [`Sponsors`], [`Vote`]s, [`Paragraph`]s, [`Citation`]s);
//! the pipeline puts them into a [`Record`], the versioned JSON object that other tools
//! consume.

mod meta;
mod page;
mod record;
mod repairs;
mod sponsors;
mod structure;
mod votes;

pub use meta::{DocumentMeta, Meeting};
pub use page::{BBox, Line, OcrInfo, Page, PageMethod, Word};
pub use record::{
    ErrorInfo, Figure, Footnote, PageInfo, Record, SourceFormat, SourceInfo, Status, Table,
    SCHEMA_VERSION,
};
pub use repairs::RepairKind;
pub use sponsors::{CountryRef, DraftSponsors, Sponsors};
pub use structure::{Citation, CitationKind, Paragraph, ParagraphKind};
pub use votes::{Decision, IntendedVote, Tally, Vote};

/// The cleaned text of a document: body paragraphs and footnotes, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CleanText {
    /// Lines that came before the body on the first page (organ, symbol, distribution,
    /// date, languages). They feed metadata and are not part of the body.
    pub masthead: Vec<String>,
    /// The first page's masthead as read a second time by OCR (sparse text over the top
    /// of the page), when the page was OCRed: the symbol, date and organ are checked
    /// against it. Empty for text layers and text inputs.
    pub masthead_reread: Vec<String>,
    /// One entry per paragraph, heading, list item or vote list.
    pub paragraphs: Vec<String>,
    /// Footnotes in order of appearance; a footnote is listed once.
    pub footnotes: Vec<Footnote>,
    /// Running header and footer lines removed from the body (symbol, page numbers,
    /// job numbers, barcodes), first page first: parsers may read job numbers there.
    pub running: Vec<String>,
    /// Tables read from the page geometry, in reading order.
    pub tables: Vec<Table>,
    /// `(paragraph, table)`: the body paragraphs that stand for a table (`[table N]`).
    pub table_at: Vec<(usize, usize)>,
    /// Figures (charts, maps, organization charts) with their text, in reading order.
    pub figures: Vec<Figure>,
    /// `(paragraph, figure)`: the body paragraphs that stand for a figure (`[figure N]`).
    pub figure_at: Vec<(usize, usize)>,
}
