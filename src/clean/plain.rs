//! Cleaning text inputs (`.txt`, `.md`): extractions made by other tools, with no
//! geometry. Three shapes are common and recognised from the text itself:
//! Markdown converters (`#` headings, `**bold**`, `<sup>1</sup>`, `---` rules), pdftotext
//! (every line followed by an empty line, paragraphs starting with an indent, superscripts
//! on their own line) and OCR output (empty lines between paragraphs). Running matter,
//! masthead and footnotes are separated from the body as for PDFs.

use std::sync::LazyLock;

use regex::Regex;

use super::normalize::{collapse_spaces, normalize_text};
use super::paragraphs::{is_label, join_line};
use crate::model::{CleanText, Footnote};

static SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<sup>\s*([^<]*?)\s*</sup>").expect("sup pattern"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[a-zA-Z][^>]*>").expect("tag"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("link pattern"));
static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^https?://\S+$").expect("url line"));
static RUNNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,4}\s*/\s*\d{1,4}|\d{2}-\d{5}\s*(\([A-Z]{1,2}\))?(\s+\d{6}){0,2}|\*\d{5,8}\*|(\d{6}\s*){1,2}|(?i:merci de recycler|please recycle).*)$",
    )
    .expect("running pattern")
});
static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(nations unies|united nations|naciones unidas|assemblée générale|general assembly|conseil de sécurité|security council|conseil économique et social|economic and social council|distr\.?.*|original\s*:.*|français|english|español|\d{1,2}(er)?\s+\p{L}+\s+\d{4}|[A-Z]{1,4}(/[A-Z0-9.\-]+)+)$",
    )
    .expect("masthead pattern")
});

const ORDINALS: &[&str] = &[
    "e", "er", "re", "ère", "ème", "es", "me", "mes", "lle", "o", "bis",
];

/// The text shape of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Markdown,
    /// One empty line after every line: empty lines carry no meaning.
    Spaced,
    /// Empty lines separate paragraphs.
    Blocks,
}

fn shape_of(lines: &[&str]) -> Shape {
    let markdown = lines
        .iter()
        .filter(|l| l.starts_with('#') || l.contains("<sup>") || l.contains("**"))
        .count();
    if markdown >= 3 {
        return Shape::Markdown;
    }
    let mut after_text = 0;
    let mut blank_after_text = 0;
    for pair in lines.windows(2) {
        if !pair[0].trim().is_empty() {
            after_text += 1;
            if pair[1].trim().is_empty() {
                blank_after_text += 1;
            }
        }
    }
    if after_text > 0 && blank_after_text * 10 >= after_text * 6 {
        Shape::Spaced
    } else {
        Shape::Blocks
    }
}

/// Markdown and HTML markup out; `<sup>` turned into ordinals or `[n]` marks.
fn strip_markup(line: &str) -> String {
    let line = SUP.replace_all(line, |c: &regex::Captures<'_>| {
        let s = c[1].trim();
        if ORDINALS.contains(&s) {
            format!("\u{1}{s}")
        } else if s.is_empty() {
            String::new()
        } else {
            format!("[{s}]")
        }
    });
    let line = LINK.replace_all(&line, "$1");
    let line = TAG.replace_all(&line, "");
    let mut out = line
        .trim_start_matches('#')
        .replace("**", "")
        .replace("\\*", "\u{2}")
        .replace('*', "")
        .replace('\u{2}', "*")
        .replace("\\", "");
    // Ordinal suffixes are glued to the number or title before them.
    out = out.replace(" \u{1}", "").replace('\u{1}', "");
    out
}

/// A footnote line: `[1] text` (from `<sup>`), `1 text`, `* text`.
fn footnote_head(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix('[') {
        let (mark, text) = rest.split_once(']')?;
        if mark.len() <= 3 {
            return Some((mark.to_string(), text.trim().to_string()));
        }
    }
    let (first, rest) = t.split_once(' ')?;
    let is_mark = (first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()))
        || (first.len() <= 3 && first.chars().all(|c| c == '*'));
    is_mark.then(|| (first.to_string(), rest.trim().to_string()))
}

fn is_mark_only(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= 3 && (t.chars().all(|c| c.is_ascii_digit()) || t == "*")
}

/// Cleans a text input into masthead, paragraphs and footnotes.
pub fn clean_plain(text: &str) -> CleanText {
    let normalized = normalize_text(&text.replace("\r\n", "\n").replace('\r', "\n"));
    let raw: Vec<&str> = normalized.split('\n').collect();
    let shape = shape_of(&raw);
    let mut out = CleanText::default();
    let mut state = Assembler::new(shape);
    let mut in_masthead = true;
    for (i, raw_line) in raw.iter().enumerate() {
        let indented = raw_line.starts_with(' ');
        let line_text = match shape {
            Shape::Markdown => strip_markup(raw_line),
            _ => raw_line.to_string(),
        };
        let line = collapse_spaces(line_text.trim());
        let stripped_rule = raw_line.trim();
        if stripped_rule == "---" || stripped_rule.starts_with("_____") {
            state.enter_footnotes();
            continue;
        }
        if line.is_empty() {
            state.blank();
            continue;
        }
        if URL_LINE.is_match(&line) {
            state.end_footnotes();
            continue;
        }
        if RUNNING.is_match(&line) {
            out.running.push(line);
            state.end_footnotes();
            continue;
        }
        if in_masthead && out.paragraphs.is_empty() && state.is_empty() && MASTHEAD.is_match(&line)
        {
            out.masthead.push(line);
            continue;
        }
        in_masthead = false;
        let next_is_suffix = raw.get(i + 1).is_some_and(|n| ORDINALS.contains(&n.trim()));
        state.line(&line, indented, next_is_suffix, &mut out);
    }
    state.finish(&mut out);
    out
}

/// Accumulates lines into paragraphs and footnotes.
struct Assembler {
    shape: Shape,
    current: String,
    blanks: usize,
    in_footnotes: bool,
    footnote_open: bool,
    pending_mark: Option<String>,
    glue_next: bool,
}

impl Assembler {
    fn new(shape: Shape) -> Assembler {
        Assembler {
            shape,
            current: String::new(),
            blanks: 0,
            in_footnotes: false,
            footnote_open: false,
            pending_mark: None,
            glue_next: false,
        }
    }

    fn is_empty(&self) -> bool {
        self.current.is_empty()
    }

    fn enter_footnotes(&mut self) {
        self.in_footnotes = true;
        self.footnote_open = false;
        self.blanks = 0;
    }

    fn end_footnotes(&mut self) {
        self.in_footnotes = false;
        self.footnote_open = false;
    }

    fn blank(&mut self) {
        self.blanks += 1;
        if self.in_footnotes && self.shape == Shape::Markdown && self.blanks >= 2 {
            self.end_footnotes();
        }
    }

    fn line(&mut self, line: &str, indented: bool, next_is_suffix: bool, out: &mut CleanText) {
        let blanks = std::mem::take(&mut self.blanks);
        if self.in_footnotes && self.footnote_line(line, indented, blanks, out) {
            return;
        }
        // A lone number in the body is a footnote mark printed on its own line.
        if self.shape == Shape::Spaced
            && is_mark_only(line)
            && !self.current.is_empty()
            && !next_is_suffix
        {
            self.current.push_str(&format!("[{}]", line.trim()));
            self.glue_next = true;
            return;
        }
        if ORDINALS.contains(&line) && self.current.ends_with(|c: char| c.is_ascii_digit()) {
            self.current.push_str(line);
            return;
        }
        if self.glue_next && line.starts_with([',', '.', ';', ')']) {
            self.current.push_str(line);
            self.glue_next = false;
            return;
        }
        self.glue_next = false;
        if self.starts_paragraph(line, indented, blanks) {
            self.flush(out);
        }
        if self.current.ends_with(|c: char| c.is_ascii_digit())
            && ORDINALS.iter().any(|o| line.starts_with(&format!("{o} ")))
        {
            // `1` / `er décembre` split by the extractor.
            self.current.push_str(line);
        } else {
            join_line(&mut self.current, line);
        }
    }

    /// Handles a line in a footnote area; false when the line is body text again.
    fn footnote_line(
        &mut self,
        line: &str,
        indented: bool,
        blanks: usize,
        out: &mut CleanText,
    ) -> bool {
        if is_mark_only(line) {
            self.pending_mark = Some(line.trim().to_string());
            return true;
        }
        if let Some(mark) = self.pending_mark.take() {
            out.footnotes.push(Footnote {
                mark,
                text: line.to_string(),
            });
            self.footnote_open = true;
            return true;
        }
        if let Some((mark, text)) = footnote_head(line) {
            out.footnotes.push(Footnote { mark, text });
            self.footnote_open = true;
            return true;
        }
        let continues = self.footnote_open
            && match self.shape {
                Shape::Spaced => !indented,
                Shape::Blocks => !indented && blanks == 0,
                Shape::Markdown => false,
            };
        if continues {
            if let Some(last) = out.footnotes.last_mut() {
                join_line(&mut last.text, line);
                return true;
            }
        }
        self.end_footnotes();
        false
    }

    fn starts_paragraph(&self, line: &str, indented: bool, blanks: usize) -> bool {
        if self.current.is_empty() {
            return false;
        }
        let first = line.split(' ').next().unwrap_or("");
        let continues = line.starts_with(|c: char| c.is_lowercase())
            && !self.current.ends_with(['.', ':', ';', '!', '?']);
        match self.shape {
            Shape::Markdown => blanks > 0 && !continues,
            Shape::Blocks => (blanks > 0 && !continues) || indented || is_label(first),
            Shape::Spaced => {
                (indented && !continues)
                    || (is_label(first) && self.current.ends_with(['.', ';', ':']))
            }
        }
    }

    fn flush(&mut self, out: &mut CleanText) {
        let p = collapse_spaces(self.current.trim());
        if !p.is_empty() {
            out.paragraphs.push(p);
        }
        self.current.clear();
    }

    fn finish(mut self, out: &mut CleanText) {
        self.flush(out);
        for f in &mut out.footnotes {
            f.text = collapse_spaces(f.text.trim());
        }
    }
}
