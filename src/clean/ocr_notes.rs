//! Footnotes on OCRed pages: the area and the marks where a scan hides what a text layer
//! gives.
//!
//! A scan's type sizes are estimates (noisy or blurred pages give footnote lines the
//! body's size), and the raised marks that open footnotes are tiny: Tesseract drops
//! them or reads them as `!`, `'`, `>`, `®`, `1.359)`. What stays reliable:
//!
//! - **density**: footnotes are set smaller, so a footnote line holds more characters
//!   per point of width than a body line of the same page (≈ 1.25 times in the six
//!   languages' UN layouts), however its size was estimated;
//! - **the blank above the area**: the separator rule sits in a wide blank between the
//!   body and the notes;
//! - **the hanging mark**: a footnote's first line starts left of (right-to-left pages:
//!   mirrored, so also left of) the text of the lines that continue it, and its mark is
//!   what stands there;
//! - **the numbering**: footnotes are numbered in sequence through the document, so a
//!   misread or lost mark is the one after the last mark read.

use super::footnotes;
use super::lines::{median, TextLine};

/// A line holds this many times the characters per point of the body's lines of its
/// page (or more) to be set smaller than the body. Footnotes measure 1.25–1.35, body
/// lines scatter by less than 0.1 around 1.
const DENSER: f32 = 1.12;

/// Non-space characters per point of width.
fn density(line: &TextLine) -> f32 {
    nonspace(&line.text) as f32 / line.bbox.width().max(1.0)
}

fn nonspace(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Start of the footnote area of an OCR page found by density: the last lines, below a
/// blank wider than the body size, whose characters are set denser than the body lines
/// above them (a blank alone is no sign: Arabic scans space paragraphs as widely as the
/// notes). `None` when the page is not OCR or has no such block.
pub fn dense_block_start(lines: &[TextLine], body_size: f32) -> Option<usize> {
    if lines.len() < 4 || !lines.iter().all(|l| l.ocr) {
        return None;
    }
    let long = |l: &&TextLine| nonspace(&l.text) >= 20;
    let n = lines.len();
    (1..n).rev().take(12).find(|&start| {
        let gap = lines[start].bbox.y0 - lines[start - 1].bbox.y1;
        if gap <= body_size {
            return false;
        }
        let above: Vec<&TextLine> = lines[..start].iter().filter(long).collect();
        if above.len() < 3 {
            return false;
        }
        let Some(body) = median(above.iter().map(|l| density(l)).collect()) else {
            return false;
        };
        let widest = above.iter().map(|l| l.bbox.width()).fold(0.0, f32::max);
        // The block's lines with some text (a stray footer or page number aside, and
        // a word box OCR stretched across the page).
        let block: Vec<&TextLine> = lines[start..]
            .iter()
            .filter(|l| {
                nonspace(&l.text) >= 8 && !figures_line(l) && l.bbox.width() <= widest * 1.2
            })
            .collect();
        // A table of contents (a meeting record's cover) is set dense too, but its
        // entries run to their page numbers on dot leaders, which footnotes never do.
        if block.iter().any(|l| has_leaders(&l.text)) {
            return false;
        }
        let chars: usize = block.iter().map(|l| nonspace(&l.text)).sum();
        let width: f32 = block.iter().map(|l| l.bbox.width()).sum();
        !block.is_empty() && chars as f32 / width.max(1.0) >= body * DENSER
    })
}

/// Whether a line runs on dot leaders (`Adoption of the agenda ........ 1`): ten dots
/// or more in a row, OCR's stray commas and spaces among them.
fn has_leaders(text: &str) -> bool {
    let mut dots = 0;
    for c in text.chars() {
        match c {
            '.' | '…' => {
                dots += if c == '.' { 1 } else { 3 };
                if dots >= 10 {
                    return true;
                }
            }
            ',' | ' ' if dots > 0 => {}
            _ => dots = 0,
        }
    }
    false
}

/// Index from which the last lines of a page's footnote area are running matter that
/// the running-line rules missed (a job number or page number misread, `15-7`): short
/// lines of figures (a letter or two at most) below a blank.
pub fn footer_tail(notes: &[TextLine], body_size: f32) -> usize {
    let mut end = notes.len();
    while end > 0 {
        let l = &notes[end - 1];
        let gap = match end {
            1 => f32::MAX,
            _ => l.bbox.y0 - notes[end - 2].bbox.y1,
        };
        let junk = l.ocr && figures_line(l) && gap > body_size * 0.8;
        if !junk {
            break;
        }
        end -= 1;
    }
    end
}

/// A short line of figures with a letter or two at most: a job number or page number
/// (`15-7`, `15-0254 (F) 190215`, `2/3 15-02544`).
fn figures_line(l: &TextLine) -> bool {
    let chars = nonspace(&l.text);
    let letters = l.text.chars().filter(|c| c.is_alphabetic()).count();
    let digits = l.text.chars().filter(char::is_ascii_digit).count();
    chars <= 22 && letters <= 2 && digits * 2 >= chars
}

/// Characters OCR makes of a raised footnote number standing alone.
const MARK_LOOKALIKES: &[char] = &[
    '!', '\'', '’', '‘', '°', '®', '©', '>', '*', '^', '|', '¹', '²', '³', '"', '”', '“', '‚', '„',
    '¢', '§', ':', '?',
];

/// Lookalikes that no footnote text starts with (quotation marks may), stripped from a
/// note's first line when they are glued to its first word (`:许多`).
const STRAY: &[char] = &[
    '!', '°', '®', '©', '>', '^', '|', '¹', '²', '³', '¢', '§', ':',
];

/// The number a mark token gives (`)2` → `2`), or empty (numbered in sequence) when it
/// shows no one- or two-digit number.
fn mark_digits(token: &str) -> String {
    let digits: String = token.chars().filter(|c| c.is_ascii_digit()).collect();
    match digits.len() {
        1 | 2 if !digits.starts_with('0') => digits,
        _ => String::new(),
    }
}

fn is_terminal(text: &str) -> bool {
    text.trim_end_matches(['»', '"', '”', '’', ')', '）', ' '])
        .ends_with(['.', '!', '?', '。', '؟', '…', '！', '？'])
}

/// The first token of an OCR footnote line, when it stands for the footnote's mark:
/// a number, or a lookalike of a raised digit; on a hanging line (set left of the
/// area's text), any short run without letters (`1.359)` for `(3)`).
fn mark_token(first: &str, hanging: bool) -> bool {
    let letters = first.chars().filter(|c| c.is_alphabetic()).count();
    let short = first.chars().count() <= 2;
    let digit_like = first
        .chars()
        .all(|c| c.is_ascii_digit() || "lIi".contains(c));
    (short
        && letters == 0
        && first
            .chars()
            .all(|c| c.is_ascii_digit() || MARK_LOOKALIKES.contains(&c)))
        || (short && hanging && digit_like)
        || (hanging && letters == 0 && first.chars().count() <= 6)
}

/// Each footnote line of a document split into its mark (when it opens a footnote) and
/// its text. Text-layer lines go by [`footnotes::split_mark`]. OCR lines also open a
/// footnote when they start with a mark's lookalike or hang left of the area's text, or
/// when they start a page's area or follow a footnote's short last line after the end
/// of a sentence (the mark was lost); misread and lost marks are numbered in sequence.
pub fn split_marks(lines: &[&TextLine], body_size: f32) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = Vec::with_capacity(lines.len());
    let mut last_number: u32 = 0;
    let mut last_text_terminal = true;
    for (i, line) in lines.iter().enumerate() {
        let (mark, text) = footnotes::split_mark(line);
        let page_first = i == 0 || lines[i - 1].page != line.page;
        let result = if !line.ocr || mark.is_some() {
            (mark, text)
        } else {
            ocr_mark(lines, i, body_size, page_first, last_text_terminal)
        };
        // A misread mark (or a lost one, left empty) is the next in sequence. A number
        // out of sequence is a misread mark when raised or hanging, else the text's own
        // figure (`948 personas` continuing a note).
        let raised = line.leading_mark.is_some() || hanging(lines, i, body_size);
        let next = last_number + 1;
        let result = match result {
            (Some(m), t) if line.ocr => match m.parse::<u32>() {
                Ok(n) if n == next || (n == 1 && raised) => (Some(m), t),
                Ok(_) if !raised => (None, line.text.clone()),
                _ => (Some(next.to_string()), t),
            },
            other => other,
        };
        if let Some(n) = result.0.as_deref().and_then(|m| m.parse::<u32>().ok()) {
            last_number = n;
        }
        last_text_terminal = is_terminal(&result.1);
        out.push(result);
    }
    out
}

/// Whether line `i` starts left of the text of its page's footnote area (where lines
/// led by a word start): a footnote's first line, its mark hanging in the margin.
fn hanging(lines: &[&TextLine], i: usize, body_size: f32) -> bool {
    let line = lines[i];
    let column = median(
        lines
            .iter()
            .filter(|l| l.page == line.page)
            .filter(|l| {
                l.text
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            })
            .map(|l| l.bbox.x0)
            .collect(),
    );
    column.is_some_and(|c| line.bbox.x0 < c - body_size * 0.4)
}

/// The mark of OCR line `i` (empty string: a mark to number in sequence), if it opens
/// a footnote.
fn ocr_mark(
    lines: &[&TextLine],
    i: usize,
    body_size: f32,
    page_first: bool,
    after_terminal: bool,
) -> (Option<String>, String) {
    let line = lines[i];
    let hanging = hanging(lines, i, body_size);
    let text = line.text.clone();
    // A mark alone on its line (read apart from the text beside it).
    if !text.contains(' ') && text.chars().count() <= 3 && mark_token(&text, hanging) {
        return (Some(mark_digits(&text)), String::new());
    }
    if let Some((first, rest)) = text.split_once(' ') {
        if !rest.trim().is_empty() && mark_token(first, hanging) {
            return (Some(mark_digits(first)), rest.trim_start().to_string());
        }
    }
    let starts_sentence = text.chars().next().is_some_and(|c| !c.is_lowercase());
    if hanging {
        // A mark glued to the first word (`'À`): what precedes its first letter.
        let lead: String = text.chars().take_while(|c| !c.is_alphanumeric()).collect();
        let rest = text[lead.len()..].to_string();
        return (
            Some(String::new()),
            if rest.is_empty() { text } else { rest },
        );
    }
    // The line before ends a footnote when it ends a sentence well before the right edge
    // of its page's area (OCR may lose the full stop: across a page, a short line alone
    // ends the note).
    let prev_short = i > 0 && {
        let prev = lines[i - 1];
        let right = lines
            .iter()
            .filter(|l| l.page == prev.page)
            .map(|l| l.bbox.x1)
            .fold(f32::MIN, f32::max);
        prev.bbox.x1 < right - body_size * 2.0
    };
    let ended = match page_first {
        true => after_terminal || prev_short,
        false => prev_short && is_terminal(&lines[i - 1].text),
    };
    // The document's first footnote line opens a note, whatever it starts with.
    if (starts_sentence && ended) || i == 0 {
        let lead: String = text.chars().take_while(|c| STRAY.contains(c)).collect();
        let rest = text[lead.len()..].trim_start();
        let text = if rest.is_empty() { &text } else { rest };
        return (Some(String::new()), text.to_string());
    }
    (None, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BBox;

    fn line(page: u32, x0: f32, x1: f32, y0: f32, size: f32, text: &str) -> TextLine {
        TextLine {
            page,
            text: text.to_string(),
            bbox: BBox {
                x0,
                y0,
                x1,
                y1: y0 + size * 0.75,
            },
            size,
            baseline: y0 + size * 0.75,
            text_x0: x0,
            leading_mark: None,
            first_word_width: 20.0,
            ocr: true,
            cells: Vec::new(),
            table: None,
            figure: None,
        }
    }

    const BODY: &str = "the quick brown fox jumps over the lazy dog and runs far away now";
    const NOTE: &str =
        "the quick brown fox jumps over the lazy dog and runs far away now, yes it is so, and more";

    /// A page of body lines 400 pt wide, then a blank and two footnote lines that hold
    /// more characters in the same width; all OCR lines with one estimated size.
    fn page() -> Vec<TextLine> {
        let mut lines: Vec<TextLine> = (0..8)
            .map(|i| line(1, 100.0, 500.0, 100.0 + i as f32 * 12.0, 9.0, BODY))
            .collect();
        lines.push(line(1, 100.0, 260.0, 196.0, 9.0, "the end of it."));
        lines.push(line(1, 100.0, 500.0, 240.0, 9.0, NOTE));
        lines.push(line(1, 100.0, 200.0, 250.0, 9.0, "a short end of a note."));
        lines.push(line(1, 60.0, 90.0, 270.0, 9.0, "15-7"));
        lines.push(line(1, 60.0, 160.0, 290.0, 9.0, "15-0254 (F) 190215"));
        lines
    }

    #[test]
    fn a_denser_block_below_a_blank_is_the_footnote_area() {
        let lines = page();
        assert_eq!(dense_block_start(&lines, 9.0), Some(9));
        // The same block set like the body is no footnote area.
        let mut plain = page();
        plain[9].text = BODY.to_string();
        plain[10].text = "a short".to_string();
        assert_eq!(dense_block_start(&plain, 9.0), None);
        // Nor below an ordinary paragraph blank.
        let mut close = page();
        for l in &mut close[9..] {
            l.bbox.y0 -= 30.0;
            l.bbox.y1 -= 30.0;
        }
        assert_eq!(dense_block_start(&close, 9.0), None);
    }

    /// A dense block whose lines run on dot leaders is a table of contents, not notes.
    #[test]
    fn a_table_of_contents_below_a_blank_is_no_footnote_area() {
        let mut lines = page();
        lines[9].text = format!("{NOTE} .........,.......... 1");
        assert_eq!(dense_block_start(&lines, 9.0), None);
        assert!(has_leaders("Adoption of the agenda. .......... .... 1"));
        assert!(!has_leaders("See A/69/720, para. 3. Ibid., p. 4..."));
    }

    #[test]
    fn a_misread_footer_below_the_notes_is_no_note() {
        let lines = page();
        assert_eq!(footer_tail(&lines[9..], 9.0), 2);
    }

    #[test]
    fn misread_and_lost_marks_are_numbered_in_sequence() {
        let a = line(
            1,
            92.0,
            500.0,
            700.0,
            7.0,
            "! The Association has set up a system",
        );
        let b = line(1, 100.0, 300.0, 709.0, 7.0, "of support for its members.");
        // Lost mark: a new page's area after a finished note.
        let c = line(
            2,
            100.0,
            500.0,
            700.0,
            7.0,
            "It should be noted that a statutory",
        );
        let d = line(2, 100.0, 200.0, 709.0, 7.0, "exception exists.");
        // Lost mark after a short last line in the same area.
        let e = line(
            2,
            100.0,
            500.0,
            718.0,
            7.0,
            "One aircraft infringed regulations",
        );
        let f = line(2, 100.0, 500.0, 727.0, 7.0, "by entering the region.");
        // A hanging mark read as figures and punctuation.
        let g = line(
            3,
            92.0,
            500.0,
            700.0,
            7.0,
            "1.359) Another note begins here",
        );
        let h = line(3, 100.0, 300.0, 709.0, 7.0, "and ends here.");
        let lines = [&a, &b, &c, &d, &e, &f, &g, &h];
        let got = split_marks(&lines, 9.0);
        let marks: Vec<Option<&str>> = got.iter().map(|(m, _)| m.as_deref()).collect();
        assert_eq!(
            marks,
            [
                Some("1"),
                None,
                Some("2"),
                None,
                Some("3"),
                None,
                Some("4"),
                None
            ]
        );
        assert_eq!(got[0].1, "The Association has set up a system");
        assert_eq!(got[6].1, "Another note begins here");
        // A continuation on the next page (no full stop before) stays one note.
        let c2 = line(2, 100.0, 500.0, 700.0, 7.0, "Continued text of the note.");
        let b2 = line(
            1,
            100.0,
            500.0,
            709.0,
            7.0,
            "of support for its members and",
        );
        let got = split_marks(&[&a, &b2, &c2], 9.0);
        assert_eq!(got[2].0, None);
        // A note whose last line is short ends there, full stop read or not; a mark
        // read alone on its line opens the note that the next line carries.
        let b3 = line(1, 100.0, 250.0, 709.0, 7.0, "of support for its members");
        let m = line(2, 90.0, 95.0, 698.0, 4.0, ")2");
        let c3 = line(2, 100.0, 500.0, 703.0, 7.0, "Another note of the document");
        let got = split_marks(&[&a, &b2, &b3, &m, &c3], 9.0);
        let marks: Vec<Option<&str>> = got.iter().map(|(m, _)| m.as_deref()).collect();
        assert_eq!(marks, [Some("1"), None, None, Some("2"), None]);
    }

    #[test]
    fn numbers_out_of_sequence_continue_the_note_unless_raised() {
        let a = line(
            1,
            92.0,
            500.0,
            700.0,
            7.0,
            "1 As at 18 December, the teams had exhumed",
        );
        let b = line(
            1,
            100.0,
            500.0,
            709.0,
            7.0,
            "948 persons on both sides of the island.",
        );
        let c = line(
            2,
            100.0,
            300.0,
            700.0,
            7.0,
            ":We seek international support.",
        );
        let mut d = line(3, 100.0, 300.0, 700.0, 7.0, "Raised and misread as five.");
        d.leading_mark = Some("5".to_string());
        let got = split_marks(&[&a, &b, &c, &d], 9.0);
        let marks: Vec<Option<&str>> = got.iter().map(|(m, _)| m.as_deref()).collect();
        assert_eq!(marks, [Some("1"), None, Some("2"), Some("3")]);
        assert_eq!(got[2].1, "We seek international support.");
    }

    #[test]
    fn an_area_that_is_only_a_misread_footer_is_dropped() {
        let lines = page();
        assert_eq!(footer_tail(&lines[11..], 9.0), 0);
        // A footnote line with figures in it stays.
        let mut note = lines[10].clone();
        note.text = "2015, p. 12.".to_string();
        assert_eq!(footer_tail(&[lines[9].clone(), note], 9.0), 2);
    }
}
