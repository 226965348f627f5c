//! Parsing: what a UN document is and says, as data. From the cleaned text it reads the
//! first-page metadata (`masthead`), the structure of the body (`paragraphs`) and
//! what the text cites (`citations`), sponsors (`sponsors`) and recorded votes
//! (`votes`); [`document`], the stage's entry point, puts them together into one
//! [`DocumentMeta`].
//! Works the same on PDF records and on text inputs, whose masthead may sit in the
//! first paragraphs (possibly with Markdown marks, which are ignored).

mod citations;
mod cover;
mod dates;
mod decisions;
mod letters;
mod lexicon;
mod masthead;
mod meeting;
mod paragraphs;
mod sponsors;
mod symbols;
mod votes;

use std::sync::LazyLock;

use crate::lang::Lang;
use crate::model::{CleanText, DocumentMeta};
pub use citations::{Citation, CitationKind};
pub use masthead::{classify_line, Role};
pub use paragraphs::{Paragraph, ParagraphKind};
use regex::Regex;
pub use sponsors::parse_sponsors;
pub use votes::parse_votes;

/// Reads a cleaned document: first-page metadata, sponsors, votes, paragraph structure,
/// citations. The lists of sponsors and votes are read in the body's language.
pub fn document(clean: &CleanText) -> DocumentMeta {
    let m = masthead::parse_masthead(clean);
    let body = clean.paragraphs[m.front_paragraphs..].join("\n");
    let lang =
        crate::lang::detect(&body).or_else(|| crate::lang::detect(&clean.paragraphs.join("\n")));
    let (sponsors, _) = sponsors::parse_sponsors(&clean.paragraphs, lang.unwrap_or(Lang::En));
    let meeting = m
        .symbol
        .as_deref()
        .filter(|s| meeting::is_meeting_record(s))
        .map(|s| meeting::read_meeting_record(clean, s, lang.unwrap_or(Lang::En)));
    let (votes, _) = match &meeting {
        Some(record) => (record.votes.clone(), Vec::new()),
        None => votes::parse_votes(&clean.paragraphs, lang.unwrap_or(Lang::En)),
    };
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
    for &(paragraph, figure) in &clean.figure_at {
        if let Some(p) = structure.get_mut(paragraph) {
            p.kind = ParagraphKind::Figure;
            p.number = None;
            p.verb = None;
            p.figure = Some(figure);
        }
    }
    let mut meta = DocumentMeta {
        paragraphs: structure,
        citations: citations::find_citations(&clean.paragraphs, &clean.footnotes),
        language: lang.map(|l| l.code().to_string()),
        symbol: m.symbol,
        other_symbols: m.other_symbols,
        organ: m.organ,
        distribution: m.distribution,
        date: m.date,
        document_language: m.document_language,
        original_language: m.original_language,
        session: m.session,
        agenda_items: m.agenda_items,
        title: m.title,
        doc_type: m.doc_type,
        job_number: m.job_number,
        sponsors,
        votes,
        ..DocumentMeta::default()
    };
    if let Some(record) = meeting {
        meta.date = record.front.date.or(meta.date.take());
        meta.session = meta.session.or(record.front.year);
        meta.doc_type = Some("verbatim record".to_string());
        meta.meeting = Some(record.front.meeting);
        meta.decisions = record.decisions;
    }
    meta
}

/// What a reader of the record should know about what parsing read: sponsor names that
/// could not be placed, then for each vote stated numbers the lists do not match, names
/// not placed and States listed twice.
pub fn warnings(meta: &DocumentMeta) -> Vec<String> {
    let mut warnings = sponsors::sponsor_warnings(&meta.sponsors);
    warnings.extend(meta.votes.iter().flat_map(votes::vote_warnings));
    warnings
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
