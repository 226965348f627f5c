//! Rebuilding paragraphs from body lines.
//!
//! Two consecutive body lines belong to one paragraph unless something says otherwise:
//! a change of type size, a gap wider than the usual line pitch, the next line starting
//! with a label (`12.`, `a)`, `•`, `IV.`, and the numbers of programme budgets: `29B.7`,
//! `3.I.12`, `19.155`) after a line that could end a paragraph, the
//! previous line ending short of the right margin, the next line indented as a first
//! line, or the next line a table's or figure's number on a line of its own
//! (`Table 13.3`, `Figure II`, never run on from prose). Line ends are joined with a space (none next to a Chinese or Japanese
//! character), except after a hyphen that ends a word part
//! (`Guinée-` / `Bissau` → `Guinée-Bissau`) and inside a URL cut at the margin.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::TextLine;
use super::normalize::collapse_spaces;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,3}\.(\d{1,2}\.?)?|\d{1,3}[A-Z]?(\.([IVXLC]{1,6}|[A-Z]|\d{1,3})){1,3}\.?|\d{1,4}/\d{1,4}\.|\(?[a-z]{1,2}\)|\(?[ivxlc]{1,6}\)|[IVXLC]{1,6}\.|[A-Z]\.(\d{1,3}\.?)?|[•▪◦●·\-–—]|\(\d{1,3}\)|[一二三四五六七八九十]{1,3}\.)$",
    )
    .expect("label pattern")
});

/// A table's number on a line of its own, in the six languages: `Table 13.3`,
/// `Tableau 2`, `Cuadro A.4`, `Таблица 5`, `الجدول 6`, `表 7`.
static TABLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Table|Tableau|Cuadro|Таблица|الجدول|表)\s*[\dA-Z][\dA-Z.]*$")
        .expect("table number pattern")
});

/// Whether a line is the number of a table or figure printed above it (`Table 13.3`,
/// `Figure II`): it opens a paragraph of its own.
pub fn is_caption_line(text: &str) -> bool {
    let text = text.trim();
    TABLE_NUMBER.is_match(text) || super::figures::is_caption(text)
}

/// Whether a word is a paragraph or list label (`1.`, `a)`, `(ii)`, `IV.`, `A.`, `•`,
/// Chinese `一.`).
pub fn is_label(word: &str) -> bool {
    LABEL.is_match(word)
}

fn first_word(text: &str) -> &str {
    text.split(' ').next().unwrap_or("")
}

/// Column geometry of a document's body, measured on its body-size lines.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub body_size: f32,
    /// Usual baseline-to-baseline distance of body lines.
    pub pitch: f32,
}

/// Right margin of a page: where full body lines end.
pub fn right_edge(lines: &[TextLine]) -> f32 {
    let mut ends: Vec<f32> = lines.iter().map(|l| l.bbox.x1).collect();
    ends.sort_by(f32::total_cmp);
    ends.get(ends.len().saturating_sub(1) * 9 / 10)
        .copied()
        .unwrap_or(0.0)
}

/// Whether `next` starts a new paragraph after `prev`.
pub fn breaks_between(prev: &TextLine, next: &TextLine, prev_right: f32, col: &Column) -> bool {
    let size = prev.size.max(next.size);
    let tolerance = if prev.ocr || next.ocr { 0.2 } else { 0.12 };
    if (prev.size - next.size).abs() > size * tolerance {
        return true;
    }
    let same_page = prev.page == next.page;
    if same_page {
        let expected = col.pitch * (size / col.body_size).max(0.5);
        if next.baseline - prev.baseline > expected * 1.3 {
            return true;
        }
    }
    let centre = |l: &TextLine| (l.bbox.x0 + l.bbox.x1) / 2.0;
    let centred = (centre(prev) - centre(next)).abs() < size && next.bbox.x0 > prev.bbox.x0 + size;
    // The line before ended although the next line's first word would have fitted
    // (a centred line has its room on both sides).
    let room = prev_right - prev.bbox.x1;
    let room = if centred { room * 2.0 } else { room };
    // Titles set larger than the body are ragged and bind dates and numbers to the next
    // word (`30 June`): their lines end short by more than a word before they end.
    let slack = if size > col.body_size * 1.1 { 1.5 } else { 0.6 };
    if room > next.first_word_width + size * slack {
        return true;
    }
    if is_caption_line(&next.text) {
        return true;
    }
    let label = first_word(&next.text);
    let could_end = prev
        .text
        .ends_with(['.', ';', ':', ',', '»', ')', '!', '?']);
    if is_label(label)
        && could_end
        && !label.starts_with(['-', '–', '—'])
        && !inline_item(prev, next, label, size)
    {
        return true;
    }
    // First-line indent: the next line starts clearly right of where the previous
    // line's text started (centred lines aside).
    !centred && next.bbox.x0 > prev.text_x0 + size && next.bbox.x0 > prev.bbox.x0 + size
}

/// Whether a sub-item label that starts `next` (`(a)`, `b)`, `(iv)`) is one of a list
/// run into the sentence (`attributable to: (a) the …; (b) the …`) that happens to start
/// a line: it stands where the paragraph's lines start (not indented, not outdented
/// with its text on the hanging indent of the line before) and is followed by a word
/// space, where a list item's label is set apart from its text by a tab.
fn inline_item(prev: &TextLine, next: &TextLine, label: &str, size: f32) -> bool {
    if !label.ends_with(')') {
        return false;
    }
    // The label's own width is the first word's; its text starts at `text_x0`.
    let gap = next.text_x0 - (next.bbox.x0 + next.first_word_width);
    // Justified spaces measured in reports reach 0.6 of the type size; a tab after a
    // label leaves 0.7 or more.
    let word_space = gap > 0.0 && gap < size * 0.65;
    let aligned = (next.bbox.x0 - prev.bbox.x0).abs() < size * 0.5;
    let hanging = next.bbox.x0 < prev.bbox.x0 - size * 0.5
        && (next.text_x0 - prev.bbox.x0).abs() < size * 0.3;
    word_space && (aligned || (next.bbox.x0 < prev.bbox.x0 && !hanging))
}

/// Appends a line to a paragraph, minding line-end hyphens and cut URLs.
pub fn join_line(paragraph: &mut String, next: &str) {
    if paragraph.is_empty() {
        paragraph.push_str(next);
        return;
    }
    let last = paragraph.rsplit(' ').next().unwrap_or("");
    let hyphen_break = last.len() > 1
        && last.ends_with('-')
        && last[..last.len() - 1]
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric);
    let url_cut = looks_like_url(last)
        && !last.ends_with(['.', ',', ';', ')'])
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || "/-._?=&#%~".contains(c));
    // Chinese and Japanese put no space between words, nor between a character and
    // the Latin letters or figures beside it.
    let cjk_join =
        paragraph.ends_with(crate::lang::is_cjk) || next.starts_with(crate::lang::is_cjk);
    if !(hyphen_break || url_cut || cjk_join) {
        paragraph.push(' ');
    }
    paragraph.push_str(next);
}

fn looks_like_url(token: &str) -> bool {
    token.starts_with("http") || token.starts_with("www.") || token.contains("://")
}

/// The right edge of each line's own block, when it has one: a run of lines of one
/// size, on one page, at the usual pitch, whose widest line spans at least half the
/// page's measure (titles and headings often have a narrower measure than the body).
fn block_rights(lines: &[TextLine], rights: &dyn Fn(u32) -> f32, col: &Column) -> Vec<Option<f32>> {
    let mut result = vec![None; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        let first = &lines[start];
        let mut end = start + 1;
        while end < lines.len()
            && first.table.is_none()
            && lines[end].table.is_none()
            && lines[end].page == first.page
            && (lines[end].size - first.size).abs() < first.size * 0.12
            && lines[end].baseline - lines[end - 1].baseline
                < col.pitch * (first.size / col.body_size) * 1.3
        {
            end += 1;
        }
        let run = &lines[start..end];
        let left = run.iter().map(|l| l.bbox.x0).fold(f32::MAX, f32::min);
        let right = run.iter().map(|l| l.bbox.x1).fold(f32::MIN, f32::max);
        let measure = rights(first.page) - left;
        if run.len() > 1 && right - left >= measure * 0.5 {
            result[start..end].iter_mut().for_each(|r| *r = Some(right));
        }
        start = end;
    }
    result
}

/// Places of tables or figures in the body: `(paragraph, table or figure)`.
pub type StandIns = Vec<(usize, usize)>;

/// Groups body lines into paragraphs. A line standing for a table (`table` set) or a
/// figure (`figure` set) is a paragraph of its own, `[table N]` or `[figure N]`; the
/// second and third results pair such paragraphs with their table or figure.
pub fn build_paragraphs(
    lines: &[TextLine],
    rights: &dyn Fn(u32) -> f32,
    col: &Column,
) -> (Vec<String>, StandIns, StandIns) {
    let mut paragraphs = Vec::new();
    let mut table_at = Vec::new();
    let mut figure_at = Vec::new();
    let mut current = String::new();
    let mut prev: Option<&TextLine> = None;
    let block_rights = block_rights(lines, rights, col);
    for (i, line) in lines.iter().enumerate() {
        if let Some(table) = line.table {
            if !current.trim().is_empty() {
                paragraphs.push(collapse_spaces(&current));
            }
            current.clear();
            table_at.push((paragraphs.len(), table));
            paragraphs.push(format!("[table {table}]"));
            prev = None;
            continue;
        }
        if let Some(figure) = line.figure {
            if !current.trim().is_empty() {
                paragraphs.push(collapse_spaces(&current));
            }
            current.clear();
            figure_at.push((paragraphs.len(), figure));
            paragraphs.push(format!("[figure {figure}]"));
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let right =
                block_rights[i - 1].map_or_else(|| rights(p.page), |b| b.min(rights(p.page)));
            if breaks_between(p, line, right, col) && !current.is_empty() {
                paragraphs.push(collapse_spaces(&current));
                current.clear();
            }
        }
        join_line(&mut current, &line.text);
        prev = Some(line);
    }
    if !current.trim().is_empty() {
        paragraphs.push(collapse_spaces(&current));
    }
    (paragraphs, table_at, figure_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for l in [
            "1.", "12.", "a)", "(b)", "(ii)", "IV.", "A.", "•", "–", "77/36.", "27.I.1", "29B.7",
            "3.I.12", "19.155", "18.A.3", "A.2", "B.12",
        ] {
            assert!(is_label(l), "{l}");
        }
        for l in ["2019.", "La", "A/74/386", "États"] {
            assert!(!is_label(l), "{l}");
        }
    }

    /// A body line at `x0` of type size 11 on a 12-point pitch, its label (if any)
    /// `label_w` wide and its text starting at `text_x0`.
    fn line(n: usize, x0: f32, x1: f32, text: &str, label_w: f32, text_x0: f32) -> TextLine {
        let baseline = 100.0 + n as f32 * 12.0;
        TextLine {
            page: 1,
            text: text.to_string(),
            bbox: crate::model::BBox {
                x0,
                y0: baseline - 11.0,
                x1,
                y1: baseline,
            },
            size: 11.0,
            baseline,
            text_x0,
            leading_mark: None,
            first_word_width: label_w,
            ocr: false,
            cells: Vec::new(),
            table: None,
            figure: None,
        }
    }

    fn paragraphs_of(lines: &[TextLine]) -> Vec<String> {
        let col = Column {
            body_size: 11.0,
            pitch: 12.0,
        };
        build_paragraphs(lines, &|_| 488.0, &col).0
    }

    #[test]
    fn an_inline_sub_item_starting_a_line_stays_in_its_paragraph() {
        // `(a)` at the paragraph's margin, one word space before its text (a wide one,
        // 0.53 of the type size, on the justified second line).
        let lines = [
            line(
                0,
                123.4,
                487.6,
                "54. For the period, the requirements are due to:",
                15.0,
                147.1,
            ),
            line(
                1,
                123.4,
                487.6,
                "(a) the non-deployment of a medical contingent; and",
                11.8,
                141.0,
            ),
            line(2, 123.4, 300.0, "(b) lower costs.", 12.9, 139.2),
        ];
        assert_eq!(
            paragraphs_of(&lines),
            vec![
                "54. For the period, the requirements are due to: (a) the non-deployment \
                 of a medical contingent; and (b) lower costs."
            ]
        );
    }

    #[test]
    fn a_list_item_set_apart_by_a_tab_opens_a_paragraph() {
        // Outdented labels on a hanging indent, and indented labels, both with a tab.
        let lines = [
            line(
                0,
                123.4,
                487.6,
                "54. For the period, the requirements are due to:",
                15.0,
                147.1,
            ),
            line(
                1,
                123.4,
                487.6,
                "(a) the non-deployment of a medical contingent and",
                12.9,
                147.1,
            ),
            line(
                2,
                147.1,
                487.6,
                "of other units of the mission in the area of the;",
                10.0,
                147.1,
            ),
            line(
                3,
                123.4,
                487.6,
                "(b) lower costs of rations and of fuel for the mission",
                12.9,
                147.1,
            ),
        ];
        assert_eq!(paragraphs_of(&lines).len(), 3);
        let lines = [
            line(
                0,
                123.4,
                487.6,
                "54. For the period, the requirements are due to:",
                15.0,
                147.1,
            ),
            line(
                1,
                147.1,
                487.6,
                "(a) the non-deployment of a medical contingent and",
                12.9,
                170.9,
            ),
        ];
        assert_eq!(paragraphs_of(&lines).len(), 2);
    }

    #[test]
    fn a_ragged_title_keeps_its_lines_and_title_paragraphs_stay_apart() {
        let at = |n: usize, x1: f32, text: &str, first: f32| {
            let mut l = line(n, 123.4, x1, text, first, 123.4);
            l.size = 15.5;
            l.baseline = 100.0 + n as f32 * 15.0;
            l
        };
        // `30 June` is bound by a no-break space: the first line ends short of it.
        let title = [
            at(
                0,
                455.9,
                "Budget performance for the period from 1 July 2024 to",
                15.5,
            ),
            at(
                1,
                481.3,
                "30 June 2025 and budget for the period from 1 July 2026 to",
                15.5,
            ),
            at(2, 315.1, "Referendum in Western Sahara", 70.0),
        ];
        assert_eq!(paragraphs_of(&title).len(), 1);
        let heading = [
            at(0, 185.2, "Section 13", 50.0),
            at(1, 288.2, "International Trade Centre", 85.0),
        ];
        assert_eq!(paragraphs_of(&heading).len(), 2);
    }

    #[test]
    fn table_and_figure_numbers_open_a_paragraph() {
        for l in ["Table 13.3", "Tableau 2", "Figure II", "Figure 27.I"] {
            assert!(is_caption_line(l), "{l}");
        }
        for l in [
            "Table 13.3 lists all deliverables.",
            "Figure 3 shows the trend",
        ] {
            assert!(!is_caption_line(l), "{l}");
        }
    }

    #[test]
    fn joins_hyphens_and_urls() {
        let mut p = String::from("Guinée-");
        join_line(&mut p, "Bissau, Inde");
        assert_eq!(p, "Guinée-Bissau, Inde");
        let mut p = String::from("voir www.un.org/en/ga/first/74/docume");
        join_line(&mut p, "ntation74.shtml.");
        assert_eq!(p, "voir www.un.org/en/ga/first/74/documentation74.shtml.");
        let mut p = String::from("la");
        join_line(&mut p, "paix");
        assert_eq!(p, "la paix");
    }
}
