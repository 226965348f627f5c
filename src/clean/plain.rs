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
use super::running;
use crate::model::{CleanText, Footnote};

static SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<sup>\s*([^<]*?)\s*</sup>").expect("sup pattern"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[a-zA-Z][^>]*>").expect("tag"));
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<((?:https?|ftp)://[^>\s]+)>").expect("autolink pattern"));
static STAR_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([\p{L})])\\\*(\s|$)").expect("star mark pattern"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("link pattern"));
static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^https?://\S+$").expect("url line"));
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z]{1,4}(/[A-Z0-9.\-]+)+(\s*\([^)]*\))?$").expect("symbol pattern")
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
    if markdown >= 2 {
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

/// A Markdown list item `- text` / `* text` / `+ text` written with a bullet `• text`.
fn bullet(line: &str) -> std::borrow::Cow<'_, str> {
    let t = line.trim_start();
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return format!("• {rest}").into();
        }
    }
    line.into()
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
    let line = AUTOLINK.replace_all(&line, "$1");
    let line = STAR_MARK.replace_all(&line, "$1[\u{2}]$2");
    let line = LINK.replace_all(&line, "$1");
    let line = TAG.replace_all(&line, "");
    let line = bullet(&line);
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

/// Marks the running lines of a text: page numbers, job numbers, barcodes, and, next to
/// those, document symbols and lines that repeat elsewhere (short titles in running heads).
fn running_lines(raw: &[&str]) -> Vec<bool> {
    let trimmed: Vec<String> = raw.iter().map(|l| collapse_spaces(l.trim())).collect();
    let mut running: Vec<bool> = trimmed
        .iter()
        .map(|l| !l.is_empty() && running::is_footer_code(l))
        .collect();
    let mut counts = std::collections::HashMap::new();
    for l in trimmed.iter().filter(|l| !l.is_empty()) {
        *counts.entry(l.as_str()).or_insert(0usize) += 1;
    }
    let anchors: Vec<usize> = (0..raw.len()).filter(|&i| running[i]).collect();
    let non_blank: Vec<usize> = (0..raw.len()).filter(|&i| !trimmed[i].is_empty()).collect();
    for &anchor in &anchors {
        let at = non_blank.iter().position(|&i| i == anchor).unwrap_or(0);
        let window = non_blank[at.saturating_sub(3)..(at + 4).min(non_blank.len())].to_vec();
        for i in window {
            let l = trimmed[i].as_str();
            let ends_with_symbol = l
                .rsplit(' ')
                .next()
                .is_some_and(|w| SYMBOL.is_match(w) && w.contains('/') && !w.ends_with('.'));
            let repeated = counts.get(l).copied().unwrap_or(0) >= 2;
            if l.len() < 160 && (ends_with_symbol || repeated) {
                running[i] = true;
            }
        }
    }
    running
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
    let running = running_lines(&raw);
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
        if in_masthead && out.paragraphs.is_empty() && state.is_empty() && MASTHEAD.is_match(&line)
        {
            out.masthead.push(line);
            continue;
        }
        if running[i] {
            out.running.push(line);
            state.end_footnotes();
            continue;
        }
        in_masthead = false;
        let next_is_suffix = raw.get(i + 1).is_some_and(|n| ORDINALS.contains(&n.trim()));
        state.line(&line, indented, next_is_suffix, &mut out);
    }
    state.finish(&mut out);
    out
}

/// Whether a line after a page's footnotes continues the paragraph before them: the
/// paragraph stopped mid-sentence and the line starts in lower case, or a list of names
/// stopped after a comma and the line goes on with short comma-separated items.
fn resumes_after_break(current: &str, line: &str) -> bool {
    if current.is_empty() || current.ends_with(['.', ':', ';', '!', '?']) {
        return false;
    }
    if line.starts_with(|c: char| c.is_lowercase()) {
        return true;
    }
    current.ends_with(',') && list_like(line, false) && list_like(current, true)
}

/// Whether text (its start, or its end) is a run of short comma-separated items, like
/// a list of country names.
fn list_like(text: &str, at_end: bool) -> bool {
    let items: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    let window: Vec<&&str> = if at_end {
        items.iter().rev().take(3).collect()
    } else {
        items.iter().take(3).collect()
    };
    window.len() >= 3 && window.iter().all(|i| i.split_whitespace().count() <= 5)
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
    /// Footnotes came between the last body line and the next one (a page break).
    interrupted: bool,
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
            interrupted: false,
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
            self.interrupted = true;
            return;
        }
        // Markdown converters write a page's footnotes as lines led by `<sup>n</sup>`,
        // wherever the page ends.
        if self.shape == Shape::Markdown && line.starts_with('[') {
            if let Some((mark, text)) = footnote_head(line) {
                out.footnotes.push(Footnote { mark, text });
                self.interrupted = true;
                return;
            }
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
        let interrupted = std::mem::take(&mut self.interrupted);
        let resumes = (interrupted || blanks > 0) && resumes_after_break(&self.current, line);
        if !resumes && self.starts_paragraph(line, indented, blanks) {
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
            // Markdown converters write one paragraph per line.
            Shape::Markdown => !continues,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_superscripts_footnotes_and_page_breaks() {
        let text = "# Assemblée générale\n\nDistr. générale  \n18 novembre 2019\n\n---\n\n\
## Soixante-quatorzième session\n\n*Rapporteuse* : M<sup>me</sup> X\n\n\
2. À sa 2<sup>e</sup> séance, le 1<sup>er</sup> novembre, elle était saisie<sup>1</sup>, puis\n\n---\n\n\
<sup>1</sup> Voir [A/74/120](http://x).\n\n\n\nla liste a été arrêtée.\n\n- un point\n";
        let clean = clean_plain(text);
        assert_eq!(
            clean.masthead,
            ["Assemblée générale", "Distr. générale", "18 novembre 2019"]
        );
        assert_eq!(
            clean.paragraphs,
            [
                "Soixante-quatorzième session",
                "Rapporteuse : Mme X",
                "2. À sa 2e séance, le 1er novembre, elle était saisie[1], puis la liste a été arrêtée.",
                "• un point",
            ]
        );
        assert_eq!(
            clean.footnotes,
            [Footnote {
                mark: "1".into(),
                text: "Voir A/74/120.".into()
            }]
        );
    }

    #[test]
    fn pdftotext_shape_with_split_superscripts_and_running_lines() {
        let text = concat!(
            " Rappelant ses résolutions 54/49 du 1\n\ner\n\n décembre 1999, \n\nsur la question\n\n3\n\n, \n\n",
            " Notant que \n\n__________________ \n\n \n\n3\n\n  Voir A/51/261. \n\nhttp://undocs.org/fr/A/51/261\n",
            " Titre court A/RES/77/36 \n\n \n\n2/3 22-28101 \n\n \n\nla suite.\n"
        );
        let clean = clean_plain(text);
        assert_eq!(
            clean.paragraphs,
            [
                "Rappelant ses résolutions 54/49 du 1er décembre 1999, sur la question[3],",
                "Notant que la suite."
            ]
        );
        assert_eq!(
            clean.footnotes,
            [Footnote {
                mark: "3".into(),
                text: "Voir A/51/261.".into()
            }]
        );
        assert!(clean.running.contains(&"2/3 22-28101".to_string()));
        assert!(clean
            .running
            .contains(&"Titre court A/RES/77/36".to_string()));
    }

    #[test]
    fn vote_lists_cut_by_a_page_rejoin() {
        let text = "# Assemblée générale\n\nOnt voté pour :\n\nAfghanistan, Albanie, Algérie, Andorre,\n\n\
<sup>2</sup> Une note.\n\nAngola, Argentine, Arménie et Zambie.\n\nL’Assemblée générale,\n\nRappelant, à cet égard, ses résolutions,\n";
        let clean = clean_plain(text);
        assert_eq!(
            clean.paragraphs,
            [
                "Ont voté pour :",
                "Afghanistan, Albanie, Algérie, Andorre, Angola, Argentine, Arménie et Zambie.",
                "L’Assemblée générale,",
                "Rappelant, à cet égard, ses résolutions,",
            ]
        );
        assert_eq!(clean.footnotes.len(), 1);
    }
}
