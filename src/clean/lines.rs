//! From positioned words to text lines: pdftotext (or OCR) lines that share a baseline
//! are merged into one visual line (paragraph numbers are often separate), words are
//! joined with or without a space according to the gap between them, and raised small
//! words are recognised as superscripts: ordinal and title suffixes are rejoined
//! (`1er`, `2e`, `Mme`), other marks become footnote references written `[n]`.

use crate::model::{BBox, Line, Page, PageMethod, Word};

use super::bidi;
use super::normalize::normalize_text;

/// One visual line, with the geometry the later stages need.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub page: u32,
    pub text: String,
    pub bbox: BBox,
    /// Height of the line's ordinary (non-superscript) words: the font size, roughly.
    pub size: f32,
    /// Bottom of the ordinary words: the baseline, roughly.
    pub baseline: f32,
    /// Left edge of the text after a leading label (`1.`, `a)`, `•`), if any.
    pub text_x0: f32,
    /// The footnote mark the line starts with, when its first word is a raised mark.
    pub leading_mark: Option<String>,
    /// Width of the first word: would it have fitted at the end of the line before?
    pub first_word_width: f32,
    /// The line comes from OCR: its size is an estimate from boxes that hug the letters.
    pub ocr: bool,
    /// The line cut at wide gaps (table cells, a label set apart by a tab), left to
    /// right; raised marks are glued to their word as printed (`Cyprusa`).
    pub cells: Vec<Cell>,
    /// Set on the line that stands for a table in the body: the table's position in
    /// the document's tables.
    pub table: Option<usize>,
    /// Set on the line that stands for a figure in the body: the figure's position in
    /// the document's figures.
    pub figure: Option<usize>,
}

/// A run of words of one line with no wide gap inside.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
}

/// A gap between words wider than this share of the type size separates cells: wider
/// than the widest justified space, narrower than a table's gutter.
pub const CELL_GAP: f32 = 0.8;

/// Suffixes that, raised after a number or an abbreviation, belong to the word.
const ORDINAL_SUFFIXES: &[&str] = &[
    "e", "er", "re", "ère", "ème", "eme", "es", "ers", "res", "ères", "èmes", "me", "mes", "lle",
    "lles", "mme", "o", "os", "a", "as", "bis", "ter", "nd", "st", "rd", "th", "d",
];

/// Builds the visual lines of a page.
pub fn page_lines(page: &Page) -> Vec<TextLine> {
    let ocr = page.method == PageMethod::Ocr;
    let mut groups: Vec<Vec<Word>> = Vec::new();
    let mut sorted: Vec<&Line> = page.lines.iter().filter(|l| l.bbox.is_some()).collect();
    sorted.sort_by(|a, b| a.bbox.unwrap().y0.total_cmp(&b.bbox.unwrap().y0));
    let slope = if ocr { page_slope(&sorted) } else { 0.0 };
    if std::env::var_os("UNDOC_DEBUG_LINES").is_some() {
        eprintln!("p{} slope {slope:.4}", page.number);
    }
    let centre = (page.width / 2.0, page.height / 2.0);
    let gutter = super::columns::gutter(page);
    let rtl = bidi::rtl_page(sorted.iter().flat_map(|l| l.words.iter()));
    // Right-to-left pages are handled mirrored (see `bidi`), their gutter too.
    let gutter = gutter.map(|g| if rtl { page.width - g } else { g });
    let mut marked: Vec<Vec<Word>> = Vec::new();
    if rtl && !ocr {
        marked = sorted.iter().map(|l| l.words.clone()).collect();
        bidi::attach_marks(&mut marked);
    }
    for (n, line) in sorted.into_iter().enumerate() {
        let shared = if ocr { shared_line_box(line) } else { None };
        let raw = marked.get(n).unwrap_or(&line.words);
        let words: Vec<Word> = raw
            .iter()
            .map(|w| Word {
                text: normalize_text(&w.text),
                bbox: match shared {
                    Some(lb) if same_vertical(&w.bbox, &lb) => {
                        ascender_box(w.bbox, lb, slope, centre)
                    }
                    _ => deskew(w.bbox, slope, centre),
                },
            })
            .map(|w| match rtl {
                true => Word {
                    bbox: bidi::mirror(w.bbox, page.width),
                    ..w
                },
                false => w,
            })
            .filter(|w| !w.text.trim().is_empty())
            .collect();
        if words.is_empty() {
            continue;
        }
        let words = if ocr || rtl {
            words
        } else {
            join_kerned(words)
        };

        match groups
            .iter_mut()
            .rev()
            .take(3)
            .find(|g| same_baseline(g, &words, ocr) && !across_gutter(g, &words, gutter))
        {
            Some(group) => group.extend(words),
            None => groups.push(words),
        }
    }
    merge_groups(&mut groups, ocr, gutter);
    let mut lines: Vec<TextLine> = groups
        .into_iter()
        .filter_map(|mut words| {
            if rtl {
                words = bidi::logical_line(words, !ocr);
            } else {
                words.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            }
            build_line(page.number, &words, ocr)
        })
        .collect();
    lines.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    if page.method == PageMethod::Ocr {
        smooth_ocr_sizes(&mut lines);
    }
    match gutter {
        Some(g) => super::columns::reading_order(lines, g),
        None => lines,
    }
}

/// Words that the text layer cut inside a word: poppler ends a word at any gap wider
/// than a tenth of the type size, and justification or kerning in Word's PDFs leaves
/// such gaps inside words (`col laborate`, `non -field`, `( A/80/604)`). A gap is no
/// space when it is under half the line's usual gap between words and under a sixth
/// of the words' height, between two words of one size on one baseline (a raised
/// note mark stays apart). Lines of fewer than four words have no usual gap to go by.
/// On the 12 reports of ../shared/realtext (poppler's words against the Word files),
/// the rule joins 617 of the 741 word pairs written joined and none of the 133,278
/// written apart (docs/notes/realtext.md).
fn join_kerned(words: Vec<Word>) -> Vec<Word> {
    if words.len() < 4 {
        return words;
    }
    let gaps: Vec<f32> = words
        .windows(2)
        .map(|w| w[1].bbox.x0 - w[0].bbox.x1)
        .collect();
    let Some(usual) = median(gaps.clone()) else {
        return words;
    };
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for (i, word) in words.into_iter().enumerate() {
        let joins = i > 0
            && out.last().is_some_and(|prev: &Word| {
                let h = prev.bbox.height();
                let gap = gaps[i - 1];
                gap < usual * 0.5
                    && gap < h * 0.16
                    && gap > -h * 0.05
                    && (word.bbox.height() - h).abs() < h * 0.1
                    && (word.bbox.y1 - prev.bbox.y1).abs() < h * 0.1
            });
        match out.last_mut() {
            Some(prev) if joins => {
                prev.text.push_str(&word.text);
                prev.bbox = prev.bbox.union(&word.bbox);
            }
            _ => out.push(word),
        }
    }
    out
}

/// Whether two pieces of a line lie on opposite sides of the page's column gutter.
fn across_gutter(group: &[Word], words: &[Word], gutter: Option<f32>) -> bool {
    use super::columns::{side, Side};
    let Some(g) = gutter else {
        return false;
    };
    let span = |ws: &[Word]| ws.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b));
    match (span(group), span(words)) {
        (Some(a), Some(b)) => matches!(
            (side(&a, g), side(&b, g)),
            (Side::Left, Side::Right) | (Side::Right, Side::Left)
        ),
        _ => false,
    }
}

/// Groups that turn out to share a baseline once a later piece bridged the gap between
/// them (a paragraph label, then a line drawn in two pieces) become one.
fn merge_groups(groups: &mut Vec<Vec<Word>>, ocr: bool, gutter: Option<f32>) {
    let mut i = 0;
    while i < groups.len() {
        let partner = (i + 1..groups.len().min(i + 4)).find(|&j| {
            same_baseline(&groups[i], &groups[j], ocr)
                && !across_gutter(&groups[i], &groups[j], gutter)
        });
        match partner {
            Some(j) => {
                let words = groups.remove(j);
                groups[i].extend(words);
            }
            None => i += 1,
        }
    }
}

/// Whether an OCR word has letters that reach the ascender line and none that hang
/// below the baseline: the vertical centres of such words lie on one line.
fn tall_without_descender(text: &str) -> bool {
    text.chars().count() >= 2 && has_tall_letter(text) && !descends(text)
}

/// Whether a word has a letter that reaches the ascender line: capitals, digits, the
/// ascenders of Latin and Cyrillic lower case, Arabic alef, lam, kaf, ṭāʾ and ẓāʾ, and
/// Chinese characters (which fill the em).
fn has_tall_letter(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || "bdfhklt".contains(c)
            || "бё".contains(c)
            || "اأإآلكطظ".contains(c)
            || (crate::lang::is_cjk(c) && c.is_alphabetic())
    })
}

/// Whether a word has a letter or sign that hangs below the baseline (Latin, Cyrillic,
/// Arabic).
fn descends(text: &str) -> bool {
    text.contains(DESCENDING)
        || text.contains(|c| "рудфцщДЦЩ".contains(c) || "رزوىيجحخعغقصضسشمن".contains(c))
}

const DESCENDING: [char; 16] = [
    'g', 'j', 'p', 'q', 'y', 'Q', ',', ';', '(', ')', '[', ']', '{', '}', '|', '/',
];

/// The skew of a scanned page, as the slope dy/dx of its text lines (0 when unknown).
///
/// Scans are rarely straight: a rotation of half a degree moves a line's end by a third
/// of its type size, which spoils baselines and size estimates. The slope is the median
/// of the slopes between the centres of tall, descender-free words of the same OCR line
/// (the centre of a box does not move when the box is rotated about it).
fn page_slope(lines: &[&Line]) -> f32 {
    let mut slopes = Vec::new();
    for line in lines {
        let shared = shared_line_box(line);
        let centres: Vec<BBox> = line
            .words
            .iter()
            .filter(|w| tall_without_descender(&w.text))
            .filter(|w| !shared.is_some_and(|b| same_vertical(&w.bbox, &b)))
            .map(|w| w.bbox)
            .collect();
        for (i, a) in centres.iter().enumerate() {
            for b in &centres[i + 1..] {
                // Identical vertical extents are boxes Tesseract did not fit to the word.
                if same_vertical(a, b) {
                    continue;
                }
                let (a, b) = (
                    ((a.x0 + a.x1) / 2.0, (a.y0 + a.y1) / 2.0),
                    ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0),
                );
                let dx = b.0 - a.0;
                if dx.abs() > 100.0 {
                    slopes.push((b.1 - a.1) / dx);
                }
            }
        }
    }
    median(slopes).filter(|s| s.abs() < 0.05).unwrap_or(0.0)
}

fn same_vertical(a: &BBox, b: &BBox) -> bool {
    (a.y0 - b.y0).abs() < 0.3 && (a.y1 - b.y1).abs() < 0.3
}

/// On noisy scans Tesseract often gives most words of a line the line's own box (top
/// of the tallest letter to bottom of the lowest descender, tilt included) instead of
/// boxes that hug each word. Returns that shared box when most of the line's words
/// (three at least) have it and it holds all of them.
fn shared_line_box(line: &Line) -> Option<BBox> {
    if line.words.len() < 3 {
        return None;
    }
    let (box_, count) = line
        .words
        .iter()
        .map(|w| {
            let n = line
                .words
                .iter()
                .filter(|o| same_vertical(&o.bbox, &w.bbox))
                .count();
            (w.bbox, n)
        })
        .max_by_key(|(_, n)| *n)?;
    let bbox = line
        .words
        .iter()
        .filter(|w| same_vertical(&w.bbox, &box_))
        .map(|w| w.bbox)
        .reduce(|a, b| a.union(&b))?;
    // The line's own box holds every word of the line; identical boxes that some word
    // sticks out of (below with a descender, above with a capital) are just words of
    // the same height hugged alike (a run of figures: `1998`, `54/49`, `du`).
    let all = line
        .words
        .iter()
        .map(|w| w.bbox)
        .reduce(|a, b| a.union(&b))?;
    let slack = bbox.height() * 0.1;
    let holds_all = all.y1 <= bbox.y1 + slack && all.y0 >= bbox.y0 - slack;
    (count >= 3 && count * 5 >= line.words.len() * 3 && holds_all).then_some(bbox)
}

/// Share of a full line height (ascender to descender) above the baseline, in Times-like
/// fonts.
const ASCENDER_SHARE: f32 = 0.76;

/// The box a word given its line's shared box would have had if it hugged a word with
/// tall letters: from the ascender line to the baseline, derived from the deskewed
/// line box (its height less the tilt over the line's width).
fn ascender_box(word: BBox, line: BBox, slope: f32, centre: (f32, f32)) -> BBox {
    let full = (line.height() - line.width() * slope.abs()).max(line.height() * 0.5);
    let (lxc, lyc) = ((line.x0 + line.x1) / 2.0, (line.y0 + line.y1) / 2.0);
    let dx = slope * (lyc - centre.1);
    let mid = lyc - slope * (lxc - centre.0);
    let top = mid - full / 2.0;
    BBox {
        x0: word.x0 + dx,
        x1: word.x1 + dx,
        y0: top,
        y1: top + full * ASCENDER_SHARE,
    }
}

/// A word box of a page skewed by `slope`, turned back about the page centre. The box
/// of a tilted word is taller than the word by its width times the slope: that is
/// taken off.
fn deskew(bbox: BBox, slope: f32, centre: (f32, f32)) -> BBox {
    if slope == 0.0 {
        return bbox;
    }
    let (xc, yc) = ((bbox.x0 + bbox.x1) / 2.0, (bbox.y0 + bbox.y1) / 2.0);
    let dx = slope * (yc - centre.1);
    let dy = -slope * (xc - centre.0);
    let tilt = (bbox.width() * slope.abs() / 2.0).min(bbox.height() * 0.25);
    BBox {
        x0: bbox.x0 + dx,
        x1: bbox.x1 + dx,
        y0: bbox.y0 + dy + tilt,
        y1: bbox.y1 + dy - tilt,
    }
}

/// OCR boxes hug the letters, so a line's size estimate depends on its words (ascenders,
/// descenders). Sizes within 16 % of the page's median line size are set to the median;
/// clearly larger (headings) or smaller (footnotes) lines keep their own, unless they
/// sit at the usual line pitch right under or over a median-size line: a line of a body
/// paragraph whose estimate went astray (a run of figures, a short last line without
/// tall letters, a box Tesseract stretched over noise). Headings and footnotes are set
/// apart by a wider gap.
fn smooth_ocr_sizes(lines: &mut [TextLine]) {
    let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
    if sizes.is_empty() {
        return;
    }
    sizes.sort_by(f32::total_cmp);
    let median = sizes[sizes.len() / 2];
    for line in lines.iter_mut() {
        if (line.size - median).abs() <= median * 0.16 {
            line.size = median;
        }
    }
    let Some(pitch) = body_pitch(lines, median) else {
        return;
    };
    // The line right above or below (not one beside it on the same baseline).
    let close = |a: &TextLine, b: &TextLine| {
        let step = (b.baseline - a.baseline).abs();
        step >= pitch * 0.6 && step <= pitch * 1.25
    };
    let astray = |l: &TextLine| l.size != median && (l.size - median).abs() <= median * 0.35;
    for i in 1..lines.len() {
        if astray(&lines[i]) && lines[i - 1].size == median && close(&lines[i - 1], &lines[i]) {
            lines[i].size = median;
        }
    }
    for i in (0..lines.len().saturating_sub(1)).rev() {
        if astray(&lines[i]) && lines[i + 1].size == median && close(&lines[i], &lines[i + 1]) {
            lines[i].size = median;
        }
    }
}

/// Median baseline distance between consecutive median-size lines of a page.
fn body_pitch(lines: &[TextLine], size: f32) -> Option<f32> {
    let gaps: Vec<f32> = lines
        .windows(2)
        .filter(|w| w[0].size == size && w[1].size == size)
        .map(|w| w[1].baseline - w[0].baseline)
        .filter(|&g| g > size * 0.5)
        .collect();
    if gaps.len() < 3 {
        return None;
    }
    median(gaps)
}

/// Ratio of a Times-like font's box height (what text layers give) to its ascender
/// height (what OCR boxes of tall letters give), so OCR sizes compare with text-layer ones.
const OCR_ASCENDER_TO_SIZE: f32 = 1.34;

/// The line's type size and baseline.
///
/// Text layers give every word of a font the same box: the size is the usual box height
/// and the baseline the bottom of full-size boxes. OCR boxes hug the letters (`une` is
/// shorter than `les`, `pour` hangs below the line): the baseline is the median bottom
/// of words without descenders, the size is the ascender height of words with tall
/// letters, scaled to a text layer's box height.
fn main_metrics(words: &[Word], ocr: bool) -> (f32, f32) {
    if ocr {
        return ocr_metrics(words);
    }
    let mut heights: Vec<f32> = words.iter().map(|w| w.bbox.height()).collect();
    heights.sort_by(f32::total_cmp);
    let size = heights[heights.len() / 2].max(heights[heights.len() - 1] * 0.8);
    let baseline = words
        .iter()
        .filter(|w| w.bbox.height() >= size * 0.8)
        .map(|w| w.bbox.y1)
        .fold(f32::MIN, f32::max);
    (size, baseline)
}

/// The middle value (the upper one of an even count); `None` of nothing.
pub(super) fn median(mut values: Vec<f32>) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f32::total_cmp);
    Some(values[values.len() / 2])
}

/// The height of a line's tallest OCR word box, not counting one box Tesseract
/// stretched over noise: with three words or more, at most a fifth over the next
/// tallest. One stretched box (`и` boxed a line and a half high, over a speck of the
/// line below) otherwise takes the line's short words (`в`) out of its baseline and
/// swells its size, and the line below is merged into it, words interleaved.
fn robust_tallest(words: &[Word]) -> f32 {
    let mut heights: Vec<f32> = words.iter().map(|w| w.bbox.height()).collect();
    heights.sort_by(|a, b| b.total_cmp(a));
    match heights.as_slice() {
        [first, second, _, ..] => first.min(second * 1.2),
        [first, ..] => *first,
        [] => 0.0,
    }
}

fn ocr_metrics(words: &[Word]) -> (f32, f32) {
    let tallest = robust_tallest(words);
    let solid = |w: &&Word| w.bbox.height() >= tallest * 0.4;
    let descends = |w: &Word| descends(&w.text);
    let tall = |w: &Word| has_tall_letter(&w.text);
    let baseline = median(
        words
            .iter()
            .filter(solid)
            .filter(|w| !descends(w))
            .map(|w| w.bbox.y1)
            .collect(),
    )
    .or_else(|| median(words.iter().map(|w| w.bbox.y1).collect()))
    .unwrap_or(0.0);
    let top = median(
        words
            .iter()
            .filter(solid)
            .filter(|w| tall(w))
            .map(|w| w.bbox.y0)
            .collect(),
    )
    .unwrap_or_else(|| words.iter().map(|w| w.bbox.y0).fold(f32::MAX, f32::min));
    let ascender = (baseline - top).max(tallest * 0.5);
    (ascender * OCR_ASCENDER_TO_SIZE, baseline)
}

/// Whether words are set on end (furniture printed sideways on a landscape page): every
/// word of three characters or more has a box nearly twice as tall as wide, which no
/// word read across has (`ill` and `iii` reach 1.4; `I.` is too short to tell).
fn on_end(words: &[Word]) -> bool {
    let mut long = words
        .iter()
        .filter(|w| w.text.chars().count() >= 3)
        .peekable();
    long.peek().is_some() && long.all(|w| w.bbox.height() > w.bbox.width() * 1.8)
}

fn same_baseline(group: &[Word], words: &[Word], ocr: bool) -> bool {
    // A page number set on end beside a heading ends where the heading does: one line
    // does not read across both.
    if on_end(group) != on_end(words) {
        return false;
    }
    let (gs, gb) = main_metrics(group, ocr);
    let (ws, wb) = main_metrics(words, ocr);
    let size = gs.max(ws);
    let g = group
        .iter()
        .map(|w| w.bbox)
        .reduce(|a, b| a.union(&b))
        .unwrap();
    let w = words
        .iter()
        .map(|w| w.bbox)
        .reduce(|a, b| a.union(&b))
        .unwrap();
    // A raised mark set apart from its line (footnote marks) overlaps it mostly; two
    // lines of small type beside one line of large type (a masthead's organ beside the
    // `Distr.` and date lines) overlap it too, but are no mark.
    let mark_like = |ws: &[Word]| ws.iter().map(|w| w.text.chars().count()).sum::<usize>() <= 6;
    let smaller_is_mark = if gs <= ws {
        mark_like(group)
    } else {
        mark_like(words)
    };
    let aligned = (gb - wb).abs() <= size * 0.3
        || (smaller_is_mark && g.vertical_overlap(&w) > 0.6 && (gb - wb).abs() <= size * 0.6);
    if !aligned {
        return false;
    }
    // Columns far apart stay apart.
    let gap = if w.x0 >= g.x1 {
        w.x0 - g.x1
    } else {
        g.x0 - w.x1
    };
    // Type of very different sizes far apart on one baseline: two columns of a masthead.
    if size > gs.min(ws) * 1.5 && gap > gs.min(ws) * 2.0 {
        return false;
    }
    gap < gs.min(ws).max(size * 0.5) * 4.0
}

fn is_superscript(word: &Word, size: f32, baseline: f32, ocr: bool) -> bool {
    let h = word.bbox.height();
    if ocr {
        // In OCR units: clearly smaller than the ascender height, and clearly raised.
        let ascender = size / OCR_ASCENDER_TO_SIZE;
        return h < ascender * 0.8 && word.bbox.y1 < baseline - ascender * 0.3;
    }
    h < size * 0.82 && word.bbox.y1 < baseline - size * 0.12
}

fn is_mark_text(text: &str) -> bool {
    let t = text.trim_matches(|c| c == ',' || c == ')' || c == '(');
    !t.is_empty()
        && t.len() <= 3
        && (t.chars().all(|c| c.is_ascii_digit())
            || t.chars().all(|c| c == '*' || c == '†' || c == '‡')
            || (t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase())))
}

fn ends_with_digit_or_title(prev: &str) -> bool {
    prev.chars().last().is_some_and(|c| c.is_ascii_digit())
        || matches!(prev, "M" | "MM" | "Mme" | "N" | "n" | "Me" | "Dr")
}

/// Builds one line's text from its words sorted left to right.
fn build_line(page: u32, words: &[Word], ocr: bool) -> Option<TextLine> {
    let (size, baseline) = main_metrics(words, ocr);
    let mut text = String::new();
    let mut prev: Option<&Word> = None;
    let mut leading_mark = None;
    for (i, word) in words.iter().enumerate() {
        let sup = is_superscript(word, size, baseline, ocr);
        let gap = prev.map_or(f32::MAX, |p| word.bbox.x0 - p.bbox.x1);
        // Tesseract's words are separate words; text-layer words touch when the PDF
        // had no space between them (a superscript followed by a comma).
        // Only punctuation (after a raised mark) or boxes that touch are joined: tight
        // justified lines have spaces narrower than 15 % of the size.
        let touching = gap < size * 0.03
            || (gap < size * 0.15
                && word
                    .text
                    .starts_with([',', '.', ';', ':', ')', ']', '»', '’']));
        let glued = !ocr && touching;
        let last_token = text.rsplit(' ').next().unwrap_or("");
        if sup && i == 0 && is_mark_text(&word.text) {
            leading_mark = Some(strip_parentheses(word.text.trim()).to_string());
        } else if sup && prev.is_some() && glued_suffix(last_token, &word.text) {
            text.push_str(&word.text);
        } else if sup && prev.is_some() && is_mark_text(&word.text) {
            for mark in word
                .text
                .split(',')
                .map(|m| strip_parentheses(m.trim()))
                .filter(|m| !m.is_empty())
            {
                text.push('[');
                text.push_str(mark);
                text.push(']');
            }
        } else {
            // No space beside a Chinese character, except after a paragraph label.
            let after_label = i == 1 && super::paragraphs::is_label(&text);
            let cjk_join = !after_label
                && (text.ends_with(crate::lang::is_cjk)
                    || word.text.starts_with(crate::lang::is_cjk));
            if !text.is_empty() && !glued && !cjk_join {
                text.push(' ');
            }
            text.push_str(&word.text);
        }
        prev = Some(word);
    }
    let text = text.trim().to_string();
    if text.is_empty() && leading_mark.is_none() {
        return None;
    }
    let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b))?;
    let text_x0 = label_end_x(words, size, baseline, ocr).unwrap_or(bbox.x0);
    let first_word_width = words
        .iter()
        .find(|w| !is_superscript(w, size, baseline, ocr))
        .map_or(0.0, |w| w.bbox.width());
    let cells = cells_of(words, size, baseline, ocr);
    Some(TextLine {
        page,
        text,
        bbox,
        size,
        baseline,
        text_x0,
        leading_mark,
        first_word_width,
        ocr,
        cells,
        table: None,
        figure: None,
    })
}

/// A mark printed in parentheses (`(1)`, the Arabic habit) without them.
fn strip_parentheses(mark: &str) -> &str {
    mark.strip_prefix('(')
        .and_then(|m| m.strip_suffix(')'))
        .unwrap_or(mark)
}

/// A word that is a figure of a table cell: `945.0`, `(6`, `442.2)`, `–`, `12.5%`.
fn is_figure(text: &str) -> bool {
    let t = text
        .trim_start_matches(['(', '-', '–', '−'])
        .trim_end_matches([')', '%']);
    matches!(text, "–" | "-" | "—")
        || (!t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ','))
            && t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// `945.0` after `41`: the next group of one number (`41 945.0`), not a new figure.
fn thousands_group(prev: &str, next: &str) -> bool {
    let head = prev.trim_start_matches(['(', '-', '–', '−']);
    let group = next.trim_end_matches([')', '%']);
    let digits = group.split(['.', ',']).next().unwrap_or("");
    (1..=3).contains(&head.len())
        && head.chars().all(|c| c.is_ascii_digit())
        && digits.len() == 3
        && digits.chars().all(|c| c.is_ascii_digit())
}

/// The line's words cut into cells at gaps wider than [`CELL_GAP`] type sizes, unless
/// the line is [`stretched`] (a justified line of prose whose spaces all grew alike).
fn cells_of(words: &[Word], size: f32, baseline: f32, ocr: bool) -> Vec<Cell> {
    let stretched_from = if ocr { None } else { stretched(words, size) };
    let mut cells: Vec<Cell> = Vec::new();
    let mut prev: Option<&Word> = None;
    for (i, word) in words.iter().enumerate() {
        let gap = prev.map_or(f32::MAX, |p| word.bbox.x0 - p.bbox.x1);
        let in_stretch = stretched_from.is_some_and(|from| i > from);
        let gap = if in_stretch {
            gap.min(size * CELL_GAP)
        } else {
            gap
        };
        let sup = is_superscript(word, size, baseline, ocr);
        let figures_apart = prev.is_some_and(|p| {
            !in_stretch
                && gap > size * 0.4
                && is_figure(&p.text)
                && is_figure(&word.text)
                && !thousands_group(&p.text, &word.text)
        });
        match cells.last_mut() {
            Some(cell) if gap <= size * CELL_GAP && !figures_apart => {
                let touching = gap < size * 0.03
                    || (gap < size * 0.15 && word.text.starts_with([',', '.', ';', ':', ')']));
                if !(sup || (touching && !ocr)) {
                    cell.text.push(' ');
                }
                cell.text.push_str(&word.text);
                cell.x1 = cell.x1.max(word.bbox.x1);
            }
            _ => cells.push(Cell {
                text: word.text.clone(),
                x0: word.bbox.x0,
                x1: word.bbox.x1,
            }),
        }
        prev = Some(word);
    }
    cells
}

/// Word spaces that justification widened past [`CELL_GAP`] are spaces still: in a
/// justified line of prose every space between words grows by the same amount, while
/// the gutters between a table's cells differ with the cells' widths. A line of at
/// least four spaced words (after a leading label such as `15.`) whose wide spaces are
/// all equal to within a twentieth of the type size and narrower than two type sizes,
/// with words that are not all figures, is stretched. Returns the index of the word
/// after which its spaces stop cutting cells (0, or 1 after a label).
fn stretched(words: &[Word], size: f32) -> Option<usize> {
    let from = usize::from(
        words
            .first()
            .is_some_and(|w| super::paragraphs::is_label(&w.text)),
    );
    let body = words.get(from..)?;
    if body.iter().all(|w| is_figure(&w.text)) {
        return None;
    }
    let gaps: Vec<f32> = body
        .windows(2)
        .map(|w| w[1].bbox.x0 - w[0].bbox.x1)
        .filter(|g| *g > size * 0.3)
        .collect();
    let (lo, hi) = gaps
        .iter()
        .fold((f32::MAX, f32::MIN), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
    let uniform = gaps.len() >= 3 && hi - lo <= size * 0.05 && hi < size * 2.0;
    (uniform && hi > size * CELL_GAP).then_some(from)
}

fn glued_suffix(last_token: &str, sup: &str) -> bool {
    let s = sup.trim();
    ORDINAL_SUFFIXES.contains(&s) && ends_with_digit_or_title(last_token)
}

/// Where the text starts when the line begins with a label or a raised mark.
fn label_end_x(words: &[Word], size: f32, baseline: f32, ocr: bool) -> Option<f32> {
    let first = words.first()?;
    let second = words.get(1)?;
    let is_label = super::paragraphs::is_label(&first.text)
        || (is_superscript(first, size, baseline, ocr) && is_mark_text(&first.text));
    is_label.then_some(second.bbox.x0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, y0: f32, w: f32, h: f32) -> Word {
        Word {
            text: text.into(),
            bbox: BBox {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            },
        }
    }

    /// One OCR line of tall, descender-free words, tilted by `slope`.
    fn tilted_line(y: f32, slope: f32) -> Line {
        let words: Vec<Word> = (0..8)
            .map(|i| {
                let x = 100.0 + i as f32 * 50.0;
                // The box of a tilted word is taller than the word by width × slope.
                let top = y + slope * (x + 20.0 - 300.0) - 20.0 * slope;
                word("Etat", x, top, 40.0, 7.0 + 40.0 * slope)
            })
            .collect();
        let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b));
        Line {
            words,
            bbox,
            plain: None,
        }
    }

    #[test]
    fn skewed_ocr_lines_get_level_baselines_and_one_size() {
        let slope = 0.015;
        let page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            lines: (0..5)
                .map(|i| tilted_line(100.0 + i as f32 * 12.0, slope))
                .collect(),
            method: PageMethod::Ocr,
            ocr: None,
            blank: false,
        };
        let refs: Vec<&Line> = page.lines.iter().collect();
        assert!((page_slope(&refs) - slope).abs() < 0.002);
        let lines = page_lines(&page);
        assert_eq!(lines.len(), 5);
        for pair in lines.windows(2) {
            let pitch = pair[1].baseline - pair[0].baseline;
            assert!((pitch - 12.0).abs() < 0.5, "pitch {pitch}");
        }
        // Tilt taken off: the size comes from the 7-unit letters, not the tilted boxes.
        for line in &lines {
            assert!(
                (line.size - 7.0 * OCR_ASCENDER_TO_SIZE).abs() < 0.6,
                "{line:?}"
            );
        }
    }

    /// A scanned Russian line whose `и` Tesseract boxed a line and a half high (over a
    /// speck of the line below) stays apart from the next line: its short words keep
    /// their say in its baseline.
    #[test]
    fn a_stretched_word_box_does_not_merge_two_ocr_lines() {
        let line = |words: Vec<Word>| Line::from_words(words);
        let first = [
            word("движения", 101.0, 114.5, 41.0, 6.7),
            word("и", 144.0, 113.5, 4.3, 14.2),
            word("вторгся", 154.0, 115.2, 31.0, 7.0),
            word("в", 188.0, 115.4, 4.0, 4.8),
            word("национальное", 196.0, 115.4, 59.0, 6.8),
            word("Республики", 260.0, 115.2, 49.0, 9.1),
            word("в", 320.0, 115.4, 4.0, 4.8),
        ];
        let second = [
            word("район", 101.0, 123.6, 24.0, 9.1),
            word("полетной", 130.0, 124.3, 39.0, 7.0),
            word("информации", 172.0, 124.3, 53.0, 9.4),
            word("Никосии", 229.0, 125.3, 36.0, 6.9),
            word("и", 269.0, 127.7, 4.5, 4.5),
            word("национальное", 277.0, 127.7, 59.0, 6.5),
        ];
        let page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            lines: vec![line(first.to_vec()), line(second.to_vec())],
            method: PageMethod::Ocr,
            ocr: None,
            blank: false,
        };
        let texts: Vec<String> = page_lines(&page).into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "движения и вторгся в национальное Республики в",
                "район полетной информации Никосии и национальное"
            ]
        );
    }

    #[test]
    fn a_page_number_set_on_end_stays_apart_from_the_heading_beside_it() {
        // Landscape page: `44/48` runs up the left edge, its foot level with `Annex`.
        let page = Page {
            number: 44,
            width: 792.0,
            height: 612.0,
            lines: vec![
                Line::from_words(vec![word("44/48", 36.8, 59.8, 9.4, 19.7)]),
                Line::from_words(vec![word("Annex", 60.0, 68.5, 37.2, 11.0)]),
                // A narrow label and short words read across stay one line.
                Line::from_words(vec![word("I.", 100.0, 200.0, 6.4, 13.0)]),
                Line::from_words(vec![
                    word("ill", 120.0, 200.0, 9.2, 13.0),
                    word("police", 133.0, 200.0, 30.0, 13.0),
                ]),
            ],
            method: PageMethod::TextLayer,
            ocr: None,
            blank: false,
        };
        let texts: Vec<String> = page_lines(&page).into_iter().map(|l| l.text).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts.contains(&"I. ill police".to_string()), "{texts:?}");
        assert!(texts.contains(&"44/48".to_string()));
    }

    #[test]
    fn figures_of_narrow_columns_are_cells_of_their_own() {
        // `43 122.3` and `36 680.1` set 6 points apart; thousands 2.2 points apart.
        let words = vec![
            word("43", 414.1, 100.0, 8.5, 9.4),
            word("122.3", 424.8, 100.0, 19.3, 9.4),
            word("36", 450.1, 100.0, 8.6, 9.4),
            word("680.1", 460.9, 100.0, 19.2, 9.4),
            word("(6", 484.4, 100.0, 7.2, 9.4),
            word("442.2)", 493.8, 100.0, 22.1, 9.4),
        ];
        let line = build_line(1, &words, false).expect("a line");
        let cells: Vec<&str> = line.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, vec!["43 122.3", "36 680.1", "(6 442.2)"]);
        assert_eq!(line.text, "43 122.3 36 680.1 (6 442.2)");
    }

    #[test]
    fn gaps_of_kerning_inside_words_are_no_spaces() {
        // Justified 10-point text: spaces of 4.7 points, and `collaborate` cut by a
        // gap of 1.05 points; a raised note mark right after a word stays apart, and
        // the thousands gap of `1 491.1` (2.5 points) is a space.
        let line = |texts: &[(&str, f32, f32, f32)]| {
            texts
                .iter()
                .map(|(t, x, w, h)| word(t, *x, 100.0 + 11.0 - h, *w, *h))
                .collect::<Vec<Word>>()
        };
        let words = line(&[
            ("the", 100.0, 14.0, 11.0),
            ("Office", 118.7, 27.0, 11.0),
            ("will", 150.4, 15.0, 11.0),
            ("col", 170.1, 13.0, 11.0),
            ("laborate", 184.05, 36.0, 11.0),
            ("with", 224.75, 18.0, 11.0),
            ("1", 243.0, 4.0, 6.0),
        ]);
        let texts: Vec<String> = join_kerned(words).into_iter().map(|w| w.text).collect();
        assert_eq!(texts, ["the", "Office", "will", "collaborate", "with", "1"]);
        let figures = line(&[
            ("Total", 100.0, 22.0, 11.0),
            ("1", 200.0, 5.0, 11.0),
            ("491.1", 207.5, 22.0, 11.0),
            ("37", 300.0, 10.0, 11.0),
            ("472.6", 312.5, 22.0, 11.0),
        ]);
        assert_eq!(join_kerned(figures.clone()), figures);
    }

    #[test]
    fn a_justified_line_with_wide_spaces_is_one_cell() {
        // Russian prose set justified: six spaces of 14.2 points at a size of 13.
        let texts = [
            "своими",
            "основными",
            "заинтересованными",
            "группами",
            "при",
            "помощи",
            "современный",
        ];
        let mut x = 98.5;
        let mut words = Vec::new();
        for t in texts {
            let w = t.chars().count() as f32 * 6.0;
            words.push(word(t, x, 100.0, w, 13.0));
            x += w + 14.2;
        }
        let line = build_line(1, &words, false).expect("a line");
        assert_eq!(line.cells.len(), 1);
        // After a paragraph number set apart, the rest is one cell too.
        let mut numbered = vec![word("15.", 60.0, 100.0, 12.0, 13.0)];
        numbered.extend(words);
        let line = build_line(1, &numbered, false).expect("a line");
        let cells: Vec<&str> = line.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells.len(), 2, "{cells:?}");
        assert_eq!(cells[0], "15.");
    }

    #[test]
    fn table_cells_at_unequal_gutters_stay_apart() {
        let words = vec![
            word("Civilian", 70.0, 100.0, 30.0, 9.0),
            word("personnel", 102.0, 100.0, 36.0, 9.0),
            word("Approved", 200.0, 100.0, 34.0, 9.0),
            word("Planned", 260.0, 100.0, 30.0, 9.0),
            word("Actual", 330.0, 100.0, 25.0, 9.0),
        ];
        let line = build_line(1, &words, false).expect("a line");
        assert_eq!(line.cells.len(), 4);
    }

    #[test]
    fn shared_line_boxes_are_recognised() {
        let words: Vec<Word> = ["Les", "États", "Membres", "ont", "voté"]
            .iter()
            .enumerate()
            .map(|(i, t)| word(t, 100.0 + i as f32 * 60.0, 200.0, 50.0, 17.0))
            .collect();
        let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b));
        let line = Line {
            words,
            bbox,
            plain: None,
        };
        let shared = shared_line_box(&line).expect("shared box");
        let b = ascender_box(line.words[0].bbox, shared, 0.0, (300.0, 400.0));
        assert!((b.height() - 17.0 * ASCENDER_SHARE).abs() < 0.01);
        assert!((b.y0 - 200.0).abs() < 0.01);
    }

    /// Figures and short words of one height are hugged alike; the words that stick
    /// out of their box (a descender, a comma) show it is not the line's box.
    #[test]
    fn alike_word_boxes_inside_a_line_are_not_its_box() {
        let mut words: Vec<Word> = ["du", "9", "43/78", "H", "7", "du"]
            .iter()
            .enumerate()
            .map(|(i, t)| word(t, 100.0 + i as f32 * 40.0, 302.6, 30.0, 7.5))
            .collect();
        words.push(word("Rappelant", 40.0, 302.2, 50.0, 9.8));
        words.push(word("1981,", 350.0, 302.6, 30.0, 8.9));
        let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b));
        let line = Line {
            words,
            bbox,
            plain: None,
        };
        assert_eq!(shared_line_box(&line), None);
    }

    fn ocr_line(baseline: f32, size: f32) -> TextLine {
        TextLine {
            page: 1,
            text: "ligne".into(),
            bbox: BBox {
                x0: 90.0,
                y0: baseline - size,
                x1: 500.0,
                y1: baseline,
            },
            size,
            baseline,
            text_x0: 90.0,
            leading_mark: None,
            first_word_width: 20.0,
            ocr: true,
            cells: Vec::new(),
            table: None,
            figure: None,
        }
    }

    #[test]
    fn astray_sizes_inside_a_paragraph_are_smoothed_but_footnotes_keep_theirs() {
        let mut lines: Vec<TextLine> = [9.1, 9.0, 9.1, 9.1, 6.5, 9.2, 11.5, 9.1, 9.0, 6.2]
            .iter()
            .enumerate()
            .map(|(i, &size)| ocr_line(100.0 + i as f32 * 12.0, size))
            .collect();
        // Footnotes: smaller, after a gap, at a smaller pitch.
        lines.extend((0..3).map(|i| ocr_line(250.0 + i as f32 * 9.0, 7.0)));
        // A heading after a gap.
        lines.push(ocr_line(300.0, 12.5));
        smooth_ocr_sizes(&mut lines);
        let sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
        assert_eq!(
            sizes,
            [9.1, 9.1, 9.1, 9.1, 9.1, 9.1, 9.1, 9.1, 9.1, 9.1, 7.0, 7.0, 7.0, 12.5]
        );
    }
}
