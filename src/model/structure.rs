//! The structure a parsed body has: each paragraph's kind, number and leading verb, and
//! the resolutions, decisions and documents the text cites.

use serde::Serialize;

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ParagraphKind {
    #[serde(rename = "heading")]
    /// A heading.
    Heading,
    #[serde(rename = "numbered")]
    /// A numbered paragraph that is not operative (reports, letters).
    Numbered,
    #[serde(rename = "preambular")]
    /// A preambular paragraph of a resolution or decision (`Recalling …`).
    Preambular,
    #[serde(rename = "operative")]
    /// An operative paragraph (`1. Decides …`).
    Operative,
    #[serde(rename = "sub-item")]
    /// A lettered or numbered sub-item of a paragraph (`(a)`, `(i)`).
    SubItem,
    #[serde(rename = "list item")]
    /// An item of a bulleted or dashed list.
    ListItem,
    #[serde(rename = "text")]
    /// Any other paragraph.
    Text,
    /// The `[table N]` line standing where a table was (`table` gives N).
    #[serde(rename = "table")]
    Table,
    /// The `[figure N]` line standing where a figure was (`figure` gives N).
    #[serde(rename = "figure")]
    Figure,
}

/// One body paragraph with its structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Position in the body (`CleanText::paragraphs`), from 0.
    pub index: usize,
    /// What the paragraph is.
    pub kind: ParagraphKind,
    /// Paragraph number, sub-item letter or heading number as printed, without its
    /// punctuation (`7`, `a`, `IV`, `B`).
    pub number: Option<String>,
    /// The leading verb of a preambular or operative paragraph, as printed.
    pub verb: Option<String>,
    /// The paragraph's text.
    pub text: String,
    /// For a `table` paragraph: the table's `index` in `tables`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    /// For a `figure` paragraph: the figure's `index` in `figures`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<usize>,
}

/// What is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CitationKind {
    /// A resolution.
    Resolution,
    /// A decision.
    Decision,
    /// Any other document, by its symbol.
    Document,
}

/// One cited resolution, decision or document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// What is cited.
    pub kind: CitationKind,
    /// As cited: `53/70`, `43/78 H`, `A/74/120`.
    pub text: String,
    /// The document symbol: `A/RES/53/70`; `null` when it cannot be told (decisions,
    /// resolutions of bodies without a known prefix).
    pub symbol: Option<String>,
    /// Adoption date given with the citation, ISO 8601.
    pub date: Option<String>,
    /// Indexes of the body paragraphs that cite it.
    pub paragraphs: Vec<usize>,
    /// Marks of the footnotes that cite it.
    pub footnotes: Vec<String>,
}
