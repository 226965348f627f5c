//! Footnotes: finding each page's footnote area and assembling footnote texts.
//!
//! The area is the run of lines at the bottom of the page's content, below every
//! body-size line, set in a smaller size, that starts with a line led by a footnote
//! mark (or sits under a `_____` rule). Each mark starts a footnote; lines without a
//! mark continue the previous one, also across a page break.

use super::lines::TextLine;

/// Index of the first footnote line in `lines` (the page's content lines, running
/// matter removed), or `lines.len()` when the page has no footnote area.
pub fn footnote_start(lines: &[TextLine], body_size: f32) -> usize {
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
