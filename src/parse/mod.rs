//! Parsing: what a UN document is and says, as data. From the cleaned text it reads the
//! first-page metadata ([`masthead`]), the structure of the body ([`paragraphs`]) and
//! what the text cites ([`citations`]); [`parse_document`] puts them together.
//! Sponsors and recorded votes are read by [`sponsors`] and [`votes`].
//! Works the same on PDF records and on text inputs, whose masthead may sit in the
//! first paragraphs (possibly with Markdown marks, which are ignored).

pub mod citations;
pub mod dates;
pub mod decisions;
pub mod lexicon;
pub mod masthead;
pub mod meeting;
pub mod paragraphs;
pub mod sponsors;
pub mod symbols;
pub mod votes;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::model::CleanText;
pub use citations::{Citation, CitationKind};
pub use masthead::Masthead;
pub use paragraphs::{Paragraph, ParagraphKind};

/// What a document is, who issued it, and its structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentInfo {
    /// Main document symbol from the first page (`A/RES/78/237`).
    pub symbol: Option<String>,
    /// Other symbols on the first page (the second half of a joint symbol).
    pub other_symbols: Vec<String>,
    /// Issuing organ as printed (`General Assembly`, `Assemblée générale`).
    pub organ: Option<String>,
    /// `general`, `limited` or `restricted`.
    pub distribution: Option<String>,
    /// Date of the document, ISO 8601.
    pub date: Option<String>,
    /// ISO 639-1 code of the body's language, detected from the text.
    pub language: Option<String>,
    /// ISO 639-1 code of the language the masthead says this copy is in (`Français`).
    pub document_language: Option<String>,
    /// ISO 639-1 code of the original language (`Original: English`).
    pub original_language: Option<String>,
    /// Session number (`Seventy-eighth session` → 78).
    pub session: Option<u32>,
    /// Agenda items as printed without the words (`94`, `72 (a)`).
    pub agenda_items: Vec<String>,
    /// Title, UN library style (`Main title : kind`).
    pub title: Option<String>,
    /// `resolution`, `draft resolution`, `report`, `letter`, `note verbale` …
    pub doc_type: Option<String>,
    /// Job number (`19-20187`).
    pub job_number: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub citations: Vec<Citation>,
}

/// Reads a cleaned document: metadata, paragraph structure, citations.
pub fn parse_document(clean: &CleanText) -> DocumentInfo {
    let m = masthead::parse_masthead(clean);
    let body = clean.paragraphs[m.front_paragraphs..].join("\n");
    let lang =
        crate::lang::detect(&body).or_else(|| crate::lang::detect(&clean.paragraphs.join("\n")));
    let language = lang.map(|l| l.code().to_string());
    let mut structure =
        paragraphs::classify_paragraphs(&clean.paragraphs, m.front_paragraphs, lang);
    for &(paragraph, table) in &clean.table_at {
        if let Some(p) = structure.get_mut(paragraph) {
            p.kind = ParagraphKind::Table;
            p.number = None;
            p.verb = None;
            p.table = Some(table);
        }
    }
    DocumentInfo {
        paragraphs: structure,
        citations: citations::find_citations(&clean.paragraphs, &clean.footnotes),
        symbol: m.symbol,
        other_symbols: m.other_symbols,
        organ: m.organ,
        distribution: m.distribution,
        date: m.date,
        language,
        document_language: m.document_language,
        original_language: m.original_language,
        session: m.session,
        agenda_items: m.agenda_items,
        title: m.title,
        doc_type: m.doc_type,
        job_number: m.job_number,
    }
}

static MARKDOWN_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\(#?[^)]*\)").expect("link regex"));
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*([^*\s][^*]*?)\*").expect("emphasis regex"));
/// Footnote marks as the cleaning stage writes them (`[1]`, `[*]`).
static NOTE_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\]\s]{1,4}\]").expect("note mark regex"));
static SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?(?:sup|sub|b|i|em|strong)>").expect("sup regex"));

/// A line as plain text: Markdown and HTML marks of text inputs removed (`# `, `**`,
/// `<sup>`), footnote marks (`[1]`) removed, straight apostrophes between letters made typographic, spaces collapsed.
pub fn plain_line(line: &str) -> String {
    let mut s = line.trim();
    s = s.trim_start_matches('#').trim_start();
    let s = MARKDOWN_LINK.replace_all(s, "$1");
    let s = SUP.replace_all(&s, "");
    let s = NOTE_MARK.replace_all(&s, "");
    // Escaped stars (`\\*`) are footnote marks: keep them through emphasis removal.
    let s = s
        .replace("\\*", "\u{E000}")
        .replace("**", "")
        .replace("__", "");
    let s = EMPHASIS.replace_all(&s, "$1").replace('\u{E000}', "*");
    let chars: Vec<char> = s.chars().collect();
    let s: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_letters = i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            if c == '\'' && between_letters {
                '’'
            } else {
                c
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_lose_markdown() {
        assert_eq!(plain_line("# Assemblée générale"), "Assemblée générale");
        assert_eq!(
            plain_line("### **Progrès de l'informatique**"),
            "Progrès de l’informatique"
        );
        assert_eq!(
            plain_line("*Rapporteuse* : M<sup>me</sup> Szilvia **Balázs**"),
            "Rapporteuse : Mme Szilvia Balázs"
        );
        assert_eq!(
            plain_line("### Projet de rapport (avant-projet)\\*"),
            "Projet de rapport (avant-projet)*"
        );
        assert_eq!(
            plain_line("Russian Federation:* amendment"),
            "Russian Federation:* amendment"
        );
    }
}
