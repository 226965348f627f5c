//! Footnotes: finding each page's footnote area and assembling footnote texts.
//!
//! On a text-layer page a footnote is text in the footnote area led by a mark that the
//! page answers: a mark referenced above it (`…during displacement.[1]`, or the
//! masthead's `A/81/6 (Sect. 26)*`), or a raised mark bearing the next number of the
//! document's footnotes. The area opens at a footnote rule typed as text (`_______`)
//! when a footnote follows it, else at the first line so led in the run of lines at the
//! bottom of the page's content, below every body-size line, set in a smaller size.
//! Notes under tables (`a Funded under …`, led by a mark that only table cells
//! reference) are no footnotes and stay where they are. Unmarked lines at the top of
//! the area continue the last footnote of the previous page when that one was left
//! unfinished (or stand under a rule). In the area a mark opens a footnote, a line led by
//! a note label (`Note:`, `Source:`) opens an unmarked one, and other lines continue
//! the footnote before, also across a page break. A mark written as plain text (`1 Voir
//! …`) counts where the page answers it; where the area sets its marks raised, only when
//! it is referenced and next too, so that a line that starts with a number (`1 January
//! 2025`) continues its footnote.
//!
//! On OCR pages, whose marks and sizes are read less surely, the area is the run of
//! small lines at the bottom that starts with a line led by a mark (or sits under a
//! `_____` rule), and every mark opens a footnote.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::TextLine;

/// A label that opens a note of its own in a footnote area: `Note:`, `Source :`.
static NOTE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Notes?|Sources?|Abbreviations?|Nota|Notas|Fuentes?|Abreviaturas?|Примечани[ея]|Источник[и]?|Сокращения)\s?:",
    )
    .expect("note label pattern")
});

/// What a text-layer page's footnote area is judged by besides the page's own lines.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Text printed above the page's content lines (the first page's masthead, whose
    /// symbol or agenda item may carry a mark: `A/81/6 (Sect. 26)/Part A*`).
    pub above: Vec<String>,
    /// The last footnote so far ended on the previous page.
    pub previous_page: bool,
    /// … without ending its sentence: it runs on at the top of this page's area.
    pub unfinished: bool,
    /// The number that the document's next numbered footnote bears.
    pub next_number: u32,
    /// The mark of the document's last footnote so far.
    pub last_mark: Option<String>,
}

/// A line of a footnote area with its role.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteLine {
    /// The mark of the footnote this line opens (empty for an unmarked note such as
    /// `Note: …`); `None` when the line continues the footnote before.
    pub mark: Option<String>,
    pub text: String,
    pub page: u32,
}

impl Context {
    /// The context of the page after `notes` (the footnote lines of the pages before)
    /// on page `page`, under `above`.
    pub fn after(notes: &[NoteLine], page: u32, above: Vec<String>) -> Context {
        let previous_page = notes.last().is_some_and(|n| n.page + 1 == page);
        let unfinished = previous_page && notes.last().is_some_and(|n| !ends_sentence(&n.text));
        let next_number = notes
            .iter()
            .rev()
            .find_map(|n| n.mark.as_deref().and_then(|m| m.parse::<u32>().ok()))
            .map_or(1, |n| n + 1);
        let last_mark = notes.iter().rev().find_map(|n| n.mark.clone());
        Context {
            above,
            previous_page,
            unfinished,
            next_number,
            last_mark,
        }
    }
}

/// Whether `mark` comes next after the last footnote mark: the next number, or one
/// star more (`**` after `*`).
fn comes_next(mark: &str, next_number: u32, last: Option<&str>) -> bool {
    let stars = |m: &str| !m.is_empty() && m.chars().all(|c| c == '*');
    mark.parse::<u32>().ok() == Some(next_number)
        || (stars(mark) && last.is_some_and(|l| stars(l) && l.len() + 1 == mark.len()))
}

/// Whether a footnote's line ends its sentence (`… Gaza.`, `… (2025).”`).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches([')', ']', '”', '"', '’', '»'])
        .ends_with(['.', '!', '?', '。', '؟', '…'])
}

/// Index of the first footnote line in `lines` (the page's content lines, running
/// matter removed), or `lines.len()` when the page has no footnote area.
pub fn footnote_start(lines: &[TextLine], body_size: f32, ctx: &Context) -> usize {
    if lines.iter().any(|l| l.ocr) {
        ocr_footnote_start(lines, body_size)
    } else {
        text_footnote_start(lines, body_size, ctx)
    }
}

fn is_small(line: &TextLine, body_size: f32) -> bool {
    line.size < body_size * 0.93
}

/// [`footnote_start`] of a text-layer page.
fn text_footnote_start(lines: &[TextLine], body_size: f32, ctx: &Context) -> usize {
    // A rule typed as text opens the area when a footnote follows it.
    for r in (0..lines.len()).filter(|&r| is_rule(&lines[r].text)) {
        let Some(next) = lines.get(r + 1) else {
            continue;
        };
        let opens = next.leading_mark.is_some()
            || answered_mark(lines, r + 1, ctx).is_some()
            || NOTE_LABEL.is_match(&next.text)
            || (ctx.previous_page && is_small(next, body_size));
        if opens {
            return r;
        }
    }
    // The maximal run of small lines at the bottom.
    let mut start = lines.len();
    while start > 0 && is_small(&lines[start - 1], body_size) && !is_rule(&lines[start - 1].text) {
        start -= 1;
    }
    if start == lines.len() {
        return start;
    }
    let set_apart = |gap: f32| start > 0 && gap_above(lines, start) > body_size * gap;
    match (start..lines.len()).find(|&i| answered_mark(lines, i, ctx).is_some()) {
        // Small unmarked lines at the top of the run continue the previous page's
        // footnote only when it was left unfinished and a clear gap sets them apart.
        Some(i) if i > start && ctx.unfinished && set_apart(0.9) => start,
        Some(i) => i,
        None if ctx.unfinished && set_apart(1.2) && start + 4 > lines.len() => start,
        None => lines.len(),
    }
}

/// The mark leading line `i` when the page answers it: referenced in the lines above
/// (or the masthead), or raised and bearing the next footnote number. A letter mark
/// (`a`) leads a note under a table, as UN documents number their footnotes and letter
/// their table notes; only under a footnote rule is it a footnote's.
fn answered_mark(lines: &[TextLine], i: usize, ctx: &Context) -> Option<String> {
    let line = &lines[i];
    let (mark, raised) = match &line.leading_mark {
        Some(mark) => (mark.as_str(), true),
        None => (plain_mark(&line.text)?.0, false),
    };
    if mark.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let above = lines[..i]
        .iter()
        .map(|l| l.text.as_str())
        .chain(ctx.above.iter().map(String::as_str));
    let next = comes_next(mark, ctx.next_number, ctx.last_mark.as_deref());
    (referenced(mark, above) || (raised && next)).then(|| mark.to_string())
}

/// Whether one of `texts` references footnote `mark`: `[12]`, or stars after a word
/// (`Part A*`, `list**`) as mastheads print them.
fn referenced<'a>(mark: &str, mut texts: impl Iterator<Item = &'a str>) -> bool {
    let bracketed = format!("[{mark}]");
    let stars = !mark.is_empty() && mark.chars().all(|c| c == '*');
    texts.any(|t| t.contains(&bracketed) || (stars && has_star_reference(t, mark.len())))
}

/// A word ending in exactly `n` stars (not a barcode such as `*2604991*`).
fn has_star_reference(text: &str, n: usize) -> bool {
    text.split_whitespace().any(|word| {
        let word = word.trim_end_matches(['.', ',', ';', ':', ')']);
        let stem = word.trim_end_matches('*');
        word.len() - stem.len() == n && !stem.is_empty() && !stem.starts_with('*')
    })
}

/// The footnote lines of a text-layer page's area, `lines[start..]` (stand-ins for
/// tables and figures and the rule left out), each with the mark it opens.
pub fn area_notes(lines: &[TextLine], start: usize, ctx: &Context) -> Vec<NoteLine> {
    let area = &lines[start.min(lines.len())..];
    let raised: HashSet<&str> = area
        .iter()
        .filter_map(|l| l.leading_mark.as_deref())
        .collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut next = ctx.next_number;
    let mut last = ctx.last_mark.clone();
    let mut notes = Vec::new();
    for (k, line) in area.iter().enumerate() {
        if is_rule(&line.text) || line.table.is_some() || line.figure.is_some() {
            continue;
        }
        let (mark, text) = if line.ocr {
            split_mark(line)
        } else if let Some(mark) = &line.leading_mark {
            (Some(mark.clone()), line.text.clone())
        } else if let Some((mark, rest)) = plain_mark(&line.text).filter(|(mark, _)| {
            let above = lines[..start + k]
                .iter()
                .map(|l| l.text.as_str())
                .chain(ctx.above.iter().map(String::as_str));
            let referenced = referenced(mark, above);
            let next = comes_next(mark, next, last.as_deref());
            // Where the area sets its marks raised, a number in plain text opens a
            // footnote only when it is both referenced and next (`116 Ibid.` after
            // footnote 115), not a date that starts a line (`1 January 2025`).
            let answered = if raised.is_empty() {
                referenced || next
            } else {
                referenced && next
            };
            answered && !used.contains(*mark) && !raised.contains(mark)
        }) {
            (Some(mark.to_string()), rest.to_string())
        } else if NOTE_LABEL.is_match(&line.text) {
            (Some(String::new()), line.text.clone())
        } else {
            (None, line.text.clone())
        };
        if let Some(mark) = &mark {
            used.insert(mark.clone());
            if let Ok(n) = mark.parse::<u32>() {
                next = n + 1;
            }
            last = Some(mark.clone());
        }
        notes.push(NoteLine {
            mark,
            text,
            page: line.page,
        });
    }
    notes
}

/// [`footnote_start`] of an OCR page.
fn ocr_footnote_start(lines: &[TextLine], body_size: f32) -> usize {
    // OCR pages: a block set denser than the body below a wide blank (sizes of scans
    // are estimates; see `ocr_notes`).
    let found = layout_start(lines, body_size);
    super::ocr_notes::dense_block_start(lines, body_size).map_or(found, |d| d.min(found))
}

fn layout_start(lines: &[TextLine], body_size: f32) -> usize {
    // A rule typed as text (`__________`) in the lower half opens the area.
    if let Some(i) = lines.iter().position(|l| is_rule(&l.text)) {
        if lines[i].bbox.y0 > lines[0].bbox.y0 && i > 0 {
            return i;
        }
    }
    let small = |l: &TextLine| l.size < body_size * 0.93;
    // The maximal run of small lines at the bottom.
    let mut start = lines.len();
    while start > 0 && small(&lines[start - 1]) {
        start -= 1;
    }
    if start == lines.len() {
        return marked_ocr_area(lines, body_size);
    }
    // Within it, the first line led by a mark opens the area.
    let first_marked = (start..lines.len()).find(|&i| starts_footnote(&lines[i]));
    match first_marked {
        Some(i) if i == start => i,
        // Small unmarked lines at the top of the run continue a footnote from the
        // previous page only when they are separated from the body by a clear gap.
        Some(i) => {
            if start > 0 && gap_above(lines, start) > body_size * 0.9 {
                start
            } else {
                i
            }
        }
        None => {
            // OCR often misreads the marks themselves (`:`, `if`), so an OCR run may be
            // longer.
            let most = if lines[start].ocr { 8 } else { 4 };
            if start > 0 && gap_above(lines, start) > body_size * 1.2 && start + most > lines.len()
            {
                start
            } else {
                lines.len()
            }
        }
    }
}

/// On OCR pages whose size estimates fail (noisy scans), a footnote area still shows as
/// lines led by raised marks, at the bottom, set apart from the text above by a gap.
fn marked_ocr_area(lines: &[TextLine], body_size: f32) -> usize {
    (1..lines.len())
        .find(|&i| {
            lines[i].ocr
                && lines[i].leading_mark.is_some()
                && gap_above(lines, i) > body_size * 0.9
                && lines.len() - i <= 8
        })
        .or_else(|| small_block_below_gap(lines, body_size))
        .unwrap_or(lines.len())
}

/// The last few OCR lines, set apart by a gap, when most of their characters are in
/// lines of a smaller size (one misjudged line does not hide the area), or when a wide
/// blank sets them apart and one of them at least is smaller.
fn small_block_below_gap(lines: &[TextLine], body_size: f32) -> Option<usize> {
    let start = (1..lines.len())
        .rev()
        .take(8)
        .find(|&i| gap_above(lines, i) > body_size * 1.2)?;
    let block = &lines[start..];
    let chars = |l: &TextLine| l.text.chars().count();
    let total: usize = block.iter().map(chars).sum();
    let small: usize = block
        .iter()
        .filter(|l| l.size < body_size * 0.93)
        .map(chars)
        .sum();
    // After a wide blank (a short last page), a smaller line among a few suffices.
    let set_apart = gap_above(lines, start) > body_size * 5.0 && block.len() <= 4 && small > 0;
    (block.iter().all(|l| l.ocr) && (small * 2 > total || set_apart)).then_some(start)
}

fn gap_above(lines: &[TextLine], i: usize) -> f32 {
    lines[i].bbox.y0 - lines[i - 1].bbox.y1
}

/// A footnote rule typed as text.
pub fn is_rule(text: &str) -> bool {
    text.len() >= 5 && text.chars().all(|c| c == '_')
}

/// Whether a footnote-area line starts a new footnote.
pub fn starts_footnote(line: &TextLine) -> bool {
    line.leading_mark.is_some() || plain_mark(&line.text).is_some()
}

/// A mark written as ordinary text at the start of a footnote line (`1 Voir …`, `* …`).
pub fn plain_mark(text: &str) -> Option<(&str, &str)> {
    let (first, rest) = text.split_once(' ')?;
    let is_mark = (first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()))
        || (first.len() <= 3 && first.chars().all(|c| c == '*'));
    // Table rows start with numbers too; a footnote's text starts otherwise.
    let text_follows = rest
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && c != '(');
    (is_mark && text_follows).then_some((first, rest))
}

/// Splits a footnote line into its mark (if it starts a footnote) and its text.
pub fn split_mark(line: &TextLine) -> (Option<String>, String) {
    if let Some(mark) = &line.leading_mark {
        // OCR reads a raised `1` as `l` or `I`.
        let mark = if line.ocr && (mark == "l" || mark == "I") {
            "1"
        } else {
            mark
        };
        return (Some(mark.to_string()), line.text.clone());
    }
    match plain_mark(&line.text) {
        Some((mark, rest)) => (Some(mark.to_string()), rest.to_string()),
        None => (None, line.text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BBox;

    const BODY: f32 = 11.0;
    const NOTE: f32 = 9.4;

    fn line(y: f32, text: &str, size: f32) -> TextLine {
        TextLine {
            page: 4,
            text: text.to_string(),
            bbox: BBox {
                x0: 123.0,
                y0: y - size,
                x1: 123.0 + text.chars().count() as f32 * size * 0.5,
                y1: y,
            },
            size,
            baseline: y,
            text_x0: 123.0,
            leading_mark: None,
            first_word_width: 20.0,
            ocr: false,
            cells: Vec::new(),
            table: None,
            figure: None,
        }
    }

    fn marked(y: f32, mark: &str, text: &str) -> TextLine {
        TextLine {
            leading_mark: Some(mark.to_string()),
            ..line(y, text, NOTE)
        }
    }

    fn rule(y: f32) -> TextLine {
        line(y, "__________________", 8.9)
    }

    fn notes(lines: &[TextLine], ctx: &Context) -> Vec<(Option<String>, String)> {
        let start = footnote_start(lines, BODY, ctx);
        area_notes(lines, start, ctx)
            .into_iter()
            .map(|n| (n.mark, n.text))
            .collect()
    }

    fn some(mark: &str, text: &str) -> (Option<String>, String) {
        (Some(mark.to_string()), text.to_string())
    }

    #[test]
    fn notes_under_a_table_at_the_foot_of_a_page_are_no_footnotes() {
        // The table's title carries the mark; the table itself went to `tables`.
        let lines = vec![
            line(100.0, "Human resources[a]", BODY),
            TextLine {
                table: Some(0),
                ..line(300.0, "", BODY)
            },
            marked(
                652.0,
                "a",
                "Represents the highest level of authorized strength.",
            ),
            marked(662.0, "b", "Funded under general temporary assistance."),
        ];
        let ctx = Context::default();
        assert_eq!(footnote_start(&lines, BODY, &ctx), lines.len());
    }

    #[test]
    fn a_rule_opens_the_area_and_a_line_starting_with_a_number_continues() {
        let lines = vec![
            line(
                448.0,
                "of persons with disabilities lost their devices.[1] The",
                BODY,
            ),
            line(
                460.0,
                "subprogramme delivers direct rehabilitation services.",
                BODY,
            ),
            rule(699.0),
            marked(
                713.0,
                "1",
                "UNRWA, “Flash appeal progress report for the reporting period",
            ),
            line(723.0, "1 January–30 June 2025” (2025).", NOTE),
        ];
        let ctx = Context {
            next_number: 1,
            ..Context::default()
        };
        assert_eq!(footnote_start(&lines, BODY, &ctx), 2);
        assert_eq!(
            notes(&lines, &ctx),
            vec![
                some(
                    "1",
                    "UNRWA, “Flash appeal progress report for the reporting period"
                ),
                (None, "1 January–30 June 2025” (2025).".to_string()),
            ]
        );
    }

    #[test]
    fn a_plain_number_among_raised_marks_opens_a_note_when_referenced_and_next() {
        let lines = vec![
            line(
                500.0,
                "as the Court found.[115] Ibid.[116] And so on.[117]",
                BODY,
            ),
            rule(700.0),
            marked(
                714.0,
                "115",
                "Legal Consequences, Advisory Opinion, p. 178,",
            ),
            line(724.0, "116 Ibid., p. 184-194, para. 123-137.", NOTE),
            marked(734.0, "117", "Ibid., p. 183-184, para. 120."),
            line(744.0, "118 words that no body line references.", NOTE),
        ];
        let ctx = Context {
            next_number: 115,
            ..Context::default()
        };
        assert_eq!(
            notes(&lines, &ctx),
            vec![
                some("115", "Legal Consequences, Advisory Opinion, p. 178,"),
                some("116", "Ibid., p. 184-194, para. 123-137."),
                some("117", "Ibid., p. 183-184, para. 120."),
                (None, "118 words that no body line references.".to_string()),
            ]
        );
    }

    /// The last lines of a page: a small one-column table under its title.
    fn table_at_the_foot() -> Vec<TextLine> {
        vec![
            line(546.0, "Table 26.6", BODY),
            line(558.0, "Subprogramme 4: deliverables for 2027", BODY),
            line(583.0, "Category and subcategory", 7.7),
            line(605.0, "C. Substantive deliverables", NOTE),
            line(
                619.0,
                "Direct service delivery: issuance of microfinance loans.",
                NOTE,
            ),
        ]
    }

    #[test]
    fn small_lines_at_the_foot_continue_only_an_unfinished_footnote() {
        let lines = table_at_the_foot();
        let finished = Context::after(
            &[NoteLine {
                mark: Some("20".into()),
                text: "All figures exclude Gaza.".into(),
                page: 3,
            }],
            4,
            Vec::new(),
        );
        assert_eq!(finished.next_number, 21);
        assert!(finished.previous_page && !finished.unfinished);
        assert_eq!(footnote_start(&lines, BODY, &finished), lines.len());
        let unfinished = Context::after(
            &[NoteLine {
                mark: Some("20".into()),
                text: "All figures exclude".into(),
                page: 3,
            }],
            4,
            Vec::new(),
        );
        assert!(unfinished.unfinished);
        assert_eq!(footnote_start(&lines, BODY, &unfinished), 2);
    }

    #[test]
    fn a_number_in_plain_text_at_the_foot_is_no_mark_unless_referenced() {
        let mut lines = vec![
            line(600.0, "generators by", NOTE),
            line(610.0, "90 per cent", NOTE),
        ];
        lines.insert(0, line(400.0, "The consumption fell.", BODY));
        let ctx = Context {
            next_number: 3,
            ..Context::default()
        };
        assert_eq!(footnote_start(&lines, BODY, &ctx), lines.len());
        lines[0].text = "The consumption fell by half.[90]".into();
        assert_eq!(footnote_start(&lines, BODY, &ctx), 2);
    }

    #[test]
    fn starred_notes_answer_the_masthead_and_follow_each_other() {
        let lines = vec![
            line(476.0, "A. Proposed programme plan for 2027 . . . . 3", BODY),
            line(
                648.0,
                "* The present document will be replaced by a document",
                NOTE,
            ),
            line(658.0, "containing parts A and B.", NOTE),
            line(687.0, "** A/81/50.", NOTE),
            line(
                697.0,
                "*** In keeping with paragraph 10 of resolution 77/267.",
                NOTE,
            ),
        ];
        let ctx = Context {
            above: vec![
                "A/81/6 (Sect. 26)/Part A*".into(),
                "*2604991*".into(),
                "Items 138 and 139 of the preliminary list**".into(),
            ],
            next_number: 1,
            ..Context::default()
        };
        assert_eq!(
            notes(&lines, &ctx),
            vec![
                some("*", "The present document will be replaced by a document"),
                (None, "containing parts A and B.".to_string()),
                some("**", "A/81/50."),
                some("***", "In keeping with paragraph 10 of resolution 77/267."),
            ]
        );
        // Without the masthead's star, the first note is not answered.
        let bare = Context {
            above: vec!["*2604991*".into()],
            ..ctx
        };
        assert_eq!(footnote_start(&lines, BODY, &bare), lines.len());
    }

    #[test]
    fn a_cover_ornament_rule_opens_no_area() {
        let lines = vec![
            line(300.0, "COUR INTERNATIONALE DE JUSTICE", BODY),
            rule(440.0),
            line(475.0, "VERBATIM RECORD", 9.9),
            line(526.0, "ANNÉE 2004", 9.9),
        ];
        assert_eq!(
            footnote_start(&lines, BODY, &Context::default()),
            lines.len()
        );
    }

    #[test]
    fn a_note_label_under_the_rule_opens_an_unmarked_note() {
        let lines = vec![
            line(660.0, "Net change (1)", BODY),
            rule(688.0),
            line(
                702.0,
                "Note: The following abbreviations are used in the tables:",
                NOTE,
            ),
            line(713.0, "ASG, Assistant Secretary-General.", NOTE),
            marked(
                734.0,
                "1",
                "The actual number of posts is based on the rounded average.",
            ),
        ];
        let ctx = Context {
            previous_page: true,
            next_number: 1,
            last_mark: Some("b".into()),
            ..Context::default()
        };
        assert_eq!(
            notes(&lines, &ctx),
            vec![
                some(
                    "",
                    "Note: The following abbreviations are used in the tables:"
                ),
                (None, "ASG, Assistant Secretary-General.".to_string()),
                some(
                    "1",
                    "The actual number of posts is based on the rounded average."
                ),
            ]
        );
    }
}
