//! One record as a Markdown document (CommonMark + GFM): YAML front matter with the
//! metadata, then the body built from the record's typed `paragraphs`, then the
//! footnotes.
//!
//! - headings become ATX headings (`##` for unnumbered and roman-numbered ones, `###`
//!   for lettered ones, deeper for `1.2.3`);
//! - numbered and lettered paragraphs keep their number as printed, escaped so that no
//!   renderer turns them into a list it would renumber (`7\.`);
//! - bullet paragraphs become list items; vote lists (`In favour:` / `Ont voté pour :`
//!   and the names after it) become a list of the names as printed;
//! - preambular and operative paragraphs get their leading verb in italics, as UN
//!   documents print it;
//! - footnote references `[n]` become `[^n]`, the footnotes `[^n]: …` at the end;
//! - tables (the `tables` field) become GFM pipe tables in place of the `[table N]`
//!   paragraph (kind `table`) that stands for them, or after the body, with their
//!   title, when no paragraph points at them;
//! - figures (the `figures` field) put their text, one printed line per line, in place
//!   of the `[figure N]` paragraph (kind `figure`) that stands for them (their caption
//!   is the paragraphs above).
//!
//! Every character of the text comes back from a renderer as it is in the record
//! (see [`super::escape`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;
use serde_json::Value;

use super::escape;
use super::vote_lists;
use crate::lang::Lang;

/// The fields of a record the Markdown needs. Unknown fields are ignored and missing
/// ones take their empty value, so older and newer records read alike.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct MdRecord {
    /// The record's `id` (sha256 of the file).
    pub id: String,
    /// The record's `source`.
    pub source: MdSource,
    /// `ok` or `failed`.
    pub status: String,
    /// Document symbol.
    pub symbol: Option<String>,
    /// Other symbols of the same document.
    pub other_symbols: Vec<String>,
    /// Date of the document (ISO 8601).
    pub date: Option<String>,
    /// Issuing organ.
    pub organ: Option<String>,
    /// Session number.
    pub session: Option<u32>,
    /// Agenda items.
    pub agenda_items: Vec<String>,
    /// Kind of document.
    pub doc_type: Option<String>,
    /// Language of the body (ISO 639-1).
    pub language: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Version of undoc that wrote the record.
    pub undoc_version: String,
    /// Body text, one paragraph per line.
    pub body: String,
    /// Footnotes.
    pub footnotes: Vec<MdFootnote>,
    /// Paragraphs with their kinds.
    pub paragraphs: Vec<MdParagraph>,
    /// Tables.
    pub tables: Vec<MdTable>,
    /// Figures.
    pub figures: Vec<MdFigure>,
}

/// `source` of a record.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct MdSource {
    pub path: String,
}

/// A footnote: mark and text.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct MdFootnote {
    pub mark: String,
    pub text: String,
}

/// A typed body paragraph.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct MdParagraph {
    pub kind: String,
    pub number: Option<String>,
    pub verb: Option<String>,
    pub text: String,
    /// For a paragraph of kind `table`: the `index` of the table standing there (when
    /// absent, tables are matched to `table` paragraphs in order).
    pub table: Option<usize>,
    /// For a paragraph of kind `figure`: the `index` of the figure standing there.
    pub figure: Option<usize>,
}

/// A figure: `{index, page, caption, text}`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct MdFigure {
    pub index: Option<usize>,
    pub text: String,
}

/// A table: `{index, pages, title, header_rows, rows, notes}`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct MdTable {
    pub index: Option<usize>,
    pub title: Option<Value>,
    pub header_rows: usize,
    pub rows: Vec<Vec<Value>>,
    pub notes: Option<Value>,
}

impl MdRecord {
    /// True for a record whose document was read (`status` `ok`).
    pub fn is_ok(&self) -> bool {
        self.status == "ok"
    }

    /// The body's paragraphs: the typed ones, or the body's lines for records without.
    fn paragraphs(&self) -> Vec<MdParagraph> {
        if !self.paragraphs.is_empty() || self.body.is_empty() {
            return self.paragraphs.clone();
        }
        self.body
            .lines()
            .map(|line| MdParagraph {
                kind: "text".into(),
                text: line.to_string(),
                ..MdParagraph::default()
            })
            .collect()
    }
}

/// A value as text: strings as they are, null as empty, anything else as JSON.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A value that is a string or a list of strings, as lines.
fn value_lines(value: &Option<Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().map(value_text).collect(),
        Some(v) => vec![value_text(v)],
        None => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect()
}

/// The whole Markdown document of a record.
pub fn render(record: &MdRecord) -> String {
    let mut out = front_matter(record);
    let mut notes = FootnoteLabels::new(&record.footnotes);
    let blocks = body_blocks(record, &mut notes);
    out.push_str(&join_blocks(&blocks));
    let definitions = notes.definitions();
    if !definitions.is_empty() {
        if !blocks.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&definitions.join("\n\n"));
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The YAML front matter, `---` lines included.
pub fn front_matter(record: &MdRecord) -> String {
    let opt = |v: &Option<String>| v.as_deref().map_or("null".into(), escape::yaml_string);
    let list = |v: &[String]| {
        let items: Vec<String> = v.iter().map(|s| escape::yaml_string(s)).collect();
        format!("[{}]", items.join(", "))
    };
    let mut y = String::from("---\n");
    y += &format!("symbol: {}\n", opt(&record.symbol));
    y += &format!("other_symbols: {}\n", list(&record.other_symbols));
    y += &format!("date: {}\n", opt(&record.date));
    y += &format!("organ: {}\n", opt(&record.organ));
    y += &format!(
        "session: {}\n",
        record.session.map_or("null".into(), |s| s.to_string())
    );
    y += &format!("agenda_items: {}\n", list(&record.agenda_items));
    y += &format!("doc_type: {}\n", opt(&record.doc_type));
    y += &format!("language: {}\n", opt(&record.language));
    y += &format!("title: {}\n", opt(&record.title));
    y += "source:\n";
    y += &format!("  path: {}\n", escape::yaml_string(&record.source.path));
    y += &format!("  sha256: {}\n", escape::yaml_string(&record.id));
    y += &format!(
        "undoc_version: {}\n",
        escape::yaml_string(&record.undoc_version)
    );
    y += "---\n\n";
    y
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading(usize, String),
    Para(String),
    /// List items (already escaped).
    List(Vec<String>),
    Table(String),
}

/// Blocks separated by blank lines; two lists in a row get different bullets, or
/// they would merge into one.
fn join_blocks(blocks: &[Block]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(blocks.len());
    let mut bullet = '-';
    let mut last_was_list = false;
    for block in blocks {
        let text = match block {
            Block::Heading(level, text) => format!("{} {text}", "#".repeat(*level)),
            Block::Para(text) | Block::Table(text) => text.clone(),
            Block::List(items) => {
                bullet = if last_was_list && bullet == '-' {
                    '+'
                } else {
                    '-'
                };
                items
                    .iter()
                    .map(|item| format!("{bullet} {item}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        last_was_list = matches!(block, Block::List(_));
        out.push(text);
    }
    out.join("\n\n")
}

fn body_blocks(record: &MdRecord, notes: &mut FootnoteLabels) -> Vec<Block> {
    let lang: Option<Lang> = record.language.as_deref().and_then(|l| l.parse().ok());
    let paragraphs = record.paragraphs();
    let mut tables = TablePlacer::new(&record.tables);
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < paragraphs.len() {
        let p = &paragraphs[i];
        if let Some(list) = lang.and_then(|l| vote_lists::read(&paragraphs, i, l)) {
            if !list.label.trim().is_empty() {
                blocks.push(Block::Para(inline_block(&list.label, None, notes)));
            }
            let items = list
                .items
                .iter()
                .map(|item| inline_block(item, None, notes))
                .collect();
            blocks.push(Block::List(items));
            i = list.next;
            continue;
        }
        match p.kind.as_str() {
            "heading" => blocks.push(Block::Heading(
                heading_level(p.number.as_deref()),
                heading_text(&p.text, notes),
            )),
            "list item" => {
                let item = inline_block(strip_bullet(&p.text), None, notes);
                match blocks.last_mut() {
                    Some(Block::List(items)) if previous_is_bullet(&paragraphs, i) => {
                        items.push(item)
                    }
                    _ => blocks.push(Block::List(vec![item])),
                }
            }
            "preambular" | "operative" => {
                blocks.push(Block::Para(inline_block(&p.text, p.verb.as_deref(), notes)))
            }
            // The `[table N]` line stands for the table: the table replaces it (its
            // title lines are the paragraphs above).
            "table" => match tables.take(p.table) {
                Some(t) => blocks.extend(table_blocks(t, notes)),
                None => blocks.push(Block::Para(inline_block(&p.text, None, notes))),
            },
            // The `[figure N]` line stands for the figure's text (its caption is the
            // paragraphs above); a picture without text leaves nothing.
            "figure" => match figure_at(&record.figures, p.figure) {
                Some(f) => blocks.extend(figure_block(f, notes)),
                None => blocks.push(Block::Para(inline_block(&p.text, None, notes))),
            },
            _ => blocks.push(Block::Para(inline_block(&p.text, None, notes))),
        }
        i += 1;
    }
    for t in tables.rest() {
        if let Some(title) = &t.title {
            let title = value_lines(&Some(title.clone())).join(" ");
            if !title.is_empty() {
                blocks.push(Block::Para(inline_block(&title, None, notes)));
            }
        }
        blocks.extend(table_blocks(t, notes));
    }
    blocks
}

/// The figure with `index`.
fn figure_at(figures: &[MdFigure], index: Option<usize>) -> Option<&MdFigure> {
    let n = index?;
    figures
        .iter()
        .enumerate()
        .find(|(i, f)| f.index.unwrap_or(*i) == n)
        .map(|(_, f)| f)
}

/// A figure's text as one paragraph, its printed lines kept apart by hard line breaks.
fn figure_block(figure: &MdFigure, notes: &mut FootnoteLabels) -> Option<Block> {
    let lines: Vec<String> = figure
        .text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| inline_block(l, None, notes))
        .collect();
    (!lines.is_empty()).then(|| Block::Para(lines.join("\\\n")))
}

fn previous_is_bullet(paragraphs: &[MdParagraph], i: usize) -> bool {
    i > 0 && paragraphs[i - 1].kind == "list item"
}

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[•▪◦·‣●○■□–—-]\s+").expect("bullet regex"));

/// A list item's text without its printed bullet (the list marker replaces it).
pub fn strip_bullet(text: &str) -> &str {
    match BULLET.find(text) {
        Some(m) => &text[m.end()..],
        None => text,
    }
}

/// `IV` → 2, `B` → 3, `1.2` → 3, `1.2.3` → 4; unnumbered → 2.
fn heading_level(number: Option<&str>) -> usize {
    let Some(n) = number else { return 2 };
    if n.contains('.') {
        return (n.split('.').count() + 1).min(6);
    }
    // A lone `C` or `L` is more likely the third or twelfth lettered heading.
    let roman = n.chars().all(|c| "IVXLC".contains(c)) && (n.len() > 1 || "IVX".contains(n));
    if n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase()) && !roman {
        3
    } else {
        2
    }
}

fn heading_text(text: &str, notes: &mut FootnoteLabels) -> String {
    render_spans(text.trim(), None, notes, escape::heading)
}

/// A paragraph, list item or note: inline markup escaped, the block start escaped,
/// `verb` (when given and found) in italics.
fn inline_block(text: &str, verb: Option<&str>, notes: &mut FootnoteLabels) -> String {
    let escaped = render_spans(text.trim(), verb, notes, escape::inline);
    escape::block_start(&escaped)
}

/// Footnote references as printed in the body (`[12]`, `[*]`, `[a]`).
static REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]\s]{1,5})\]").expect("footnote reference regex"));

/// Text with its footnote references turned into `[^label]` and its leading verb
/// in italics; every other piece goes through `esc`.
fn render_spans(
    text: &str,
    verb: Option<&str>,
    notes: &mut FootnoteLabels,
    esc: fn(&str) -> String,
) -> String {
    let verb_at = verb.and_then(|v| find_word(text, v.trim()));
    let mut out = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    let mut pieces: Vec<(usize, usize, Option<String>)> = Vec::new();
    for c in REF.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if verb_at.is_some_and(|(a, b)| whole.start() < b && whole.end() > a) {
            continue;
        }
        if let Some(label) = notes.reference(&c[1]) {
            pieces.push((whole.start(), whole.end(), Some(label)));
        }
    }
    if let Some((a, b)) = verb_at {
        pieces.push((a, b, None));
        pieces.sort_by_key(|p| p.0);
    }
    for (start, end, label) in pieces {
        out.push_str(&esc(&text[pos..start]));
        match label {
            Some(label) => out.push_str(&format!("[^{label}]")),
            None => {
                out.push('*');
                out.push_str(&esc(&text[start..end]));
                out.push('*');
            }
        }
        pos = end;
    }
    out.push_str(&esc(&text[pos..]));
    out
}

/// The byte range of `word` in `text` as a whole word (not inside a longer word).
fn find_word(text: &str, word: &str) -> Option<(usize, usize)> {
    if word.is_empty() {
        return None;
    }
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(word).map(|(a, _)| a).find_map(|a| {
        let b = a + word.len();
        let before = text[..a].chars().next_back();
        let after = text[b..].chars().next();
        (!alnum(before) && !alnum(after)).then_some((a, b))
    })
}

/// Labels of footnotes (`[^1]`, `[^1-2]` for a restarted `1`, `[^fn3]` for `*`) and
/// which footnote each reference in the body points at.
pub struct FootnoteLabels {
    marks: Vec<String>,
    texts: Vec<String>,
    labels: Vec<String>,
    /// Footnotes opened so far, in list order (footnotes are listed in order of
    /// appearance: a reference to the next one's mark opens it; a later reference to
    /// an opened mark points at the last one opened with that mark).
    opened: usize,
}

impl FootnoteLabels {
    pub fn new(footnotes: &[MdFootnote]) -> FootnoteLabels {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let labels = footnotes
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let n = seen.entry(f.mark.as_str()).or_insert(0);
                *n += 1;
                let simple =
                    !f.mark.is_empty() && f.mark.chars().all(|c| c.is_ascii_alphanumeric());
                match (simple, *n) {
                    (true, 1) => f.mark.clone(),
                    (true, k) => format!("{}-{k}", f.mark),
                    (false, _) => format!("fn{}", i + 1),
                }
            })
            .collect();
        FootnoteLabels {
            marks: footnotes.iter().map(|f| f.mark.clone()).collect(),
            texts: footnotes.iter().map(|f| f.text.clone()).collect(),
            labels,
            opened: 0,
        }
    }

    /// The label a reference `[mark]` in the body points at, if any footnote has it.
    pub fn reference(&mut self, mark: &str) -> Option<String> {
        if self.marks.get(self.opened).is_some_and(|m| m == mark) {
            self.opened += 1;
            return Some(self.labels[self.opened - 1].clone());
        }
        if let Some(i) = (0..self.opened).rev().find(|&i| self.marks[i] == mark) {
            return Some(self.labels[i].clone());
        }
        // A reference to a footnote further down whose predecessors were never
        // referenced (their reference was lost): open up to it.
        let i = (self.opened..self.marks.len()).find(|&i| self.marks[i] == mark)?;
        self.opened = i + 1;
        Some(self.labels[i].clone())
    }

    /// `[^label]: text` for every footnote, in order.
    pub fn definitions(&self) -> Vec<String> {
        self.labels
            .iter()
            .zip(&self.texts)
            .map(|(label, text)| format!("[^{label}]: {}", escape::block(text)))
            .collect()
    }
}

/// Hands out tables to the `table` paragraphs that stand for them.
struct TablePlacer<'a> {
    tables: &'a [MdTable],
    used: Vec<bool>,
}

impl<'a> TablePlacer<'a> {
    fn new(tables: &'a [MdTable]) -> TablePlacer<'a> {
        TablePlacer {
            tables,
            used: vec![false; tables.len()],
        }
    }

    /// The table with `index` (or the next unused one in order).
    fn take(&mut self, index: Option<usize>) -> Option<&'a MdTable> {
        let i = match index {
            Some(n) => (0..self.tables.len())
                .find(|&i| !self.used[i] && self.tables[i].index.unwrap_or(i) == n)?,
            None => (0..self.tables.len()).find(|&i| !self.used[i])?,
        };
        self.used[i] = true;
        Some(&self.tables[i])
    }

    /// Tables no paragraph pointed at, in order.
    fn rest(self) -> impl Iterator<Item = &'a MdTable> {
        self.tables
            .iter()
            .zip(self.used)
            .filter_map(|(t, used)| (!used).then_some(t))
    }
}

/// A table as a GFM pipe table, then its notes as paragraphs.
fn table_blocks(table: &MdTable, notes: &mut FootnoteLabels) -> Vec<Block> {
    let mut blocks = Vec::new();
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if width > 0 {
        let row = |cells: &[Value]| -> String {
            let mut out = String::from("|");
            for i in 0..width {
                let text = cells.get(i).map(value_text).unwrap_or_default();
                out.push(' ');
                out.push_str(&escape::cell(&text));
                out.push_str(" |");
            }
            out
        };
        let (header, body) = if table.header_rows >= 1 {
            (row(&table.rows[0]), &table.rows[1..])
        } else {
            (row(&[]), &table.rows[..])
        };
        let mut lines = vec![header, format!("|{}", " --- |".repeat(width))];
        lines.extend(body.iter().map(|r| row(r)));
        blocks.push(Block::Table(lines.join("\n")));
    }
    for note in value_lines(&table.notes) {
        blocks.push(Block::Para(inline_block(&note, None, notes)));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(kind: &str, text: &str, verb: Option<&str>) -> MdParagraph {
        MdParagraph {
            kind: kind.into(),
            text: text.into(),
            verb: verb.map(Into::into),
            ..MdParagraph::default()
        }
    }

    #[test]
    fn operative_paragraphs_keep_their_number_and_italic_verb() {
        let record = MdRecord {
            status: "ok".into(),
            paragraphs: vec![
                para(
                    "preambular",
                    "Rappelant ses résolutions[1],",
                    Some("Rappelant"),
                ),
                para(
                    "operative",
                    "1. Se félicite de l’adoption[2] ;",
                    Some("Se félicite"),
                ),
            ],
            footnotes: vec![
                MdFootnote {
                    mark: "1".into(),
                    text: "A/77/275.".into(),
                },
                MdFootnote {
                    mark: "2".into(),
                    text: "1. Voir".into(),
                },
            ],
            ..MdRecord::default()
        };
        let md = render(&record);
        assert!(md.contains("\n*Rappelant* ses résolutions[^1],\n"), "{md}");
        assert!(
            md.contains("\n1\\. *Se félicite* de l’adoption[^2] ;\n"),
            "{md}"
        );
        assert!(md.ends_with("[^1]: A/77/275.\n\n[^2]: 1\\. Voir\n"), "{md}");
    }

    #[test]
    fn a_figure_paragraph_gives_the_figure_text_line_by_line() {
        let record = MdRecord {
            status: "ok".into(),
            paragraphs: vec![
                para("text", "Figure 18.I", None),
                MdParagraph {
                    kind: "figure".into(),
                    text: "[figure 0]".into(),
                    figure: Some(0),
                    ..MdParagraph::default()
                },
                para("text", "After the chart.", None),
            ],
            figures: vec![MdFigure {
                index: Some(0),
                text: "6\n2023 2024\n- Planned *Actual".into(),
            }],
            ..MdRecord::default()
        };
        let md = render(&record);
        assert!(
            md.contains(
                "Figure 18.I\n\n6\\\n2023 2024\\\n\\- Planned \\*Actual\n\nAfter the chart."
            ),
            "{md}"
        );
        assert!(!md.contains("[figure 0]"), "{md}");
    }

    #[test]
    fn restarted_footnote_numbers_get_distinct_labels() {
        let notes = [("1", "a"), ("2", "b"), ("1", "c")].map(|(m, t)| MdFootnote {
            mark: m.into(),
            text: t.into(),
        });
        let mut labels = FootnoteLabels::new(&notes);
        assert_eq!(labels.reference("1").as_deref(), Some("1"));
        assert_eq!(labels.reference("1").as_deref(), Some("1"));
        assert_eq!(labels.reference("2").as_deref(), Some("2"));
        assert_eq!(labels.reference("1").as_deref(), Some("1-2"));
        assert_eq!(labels.reference("9"), None);
    }

    #[test]
    fn heading_levels_follow_the_numbering() {
        assert_eq!(heading_level(None), 2);
        assert_eq!(heading_level(Some("IV")), 2);
        assert_eq!(heading_level(Some("B")), 3);
        assert_eq!(heading_level(Some("1.2")), 3);
    }
}
