//! Right-to-left pages: from visual to logical order.
//!
//! A PDF text layer gives the glyphs of a line in the order they are drawn, left to
//! right: an Arabic word comes out letters reversed, the words of a right-to-left line
//! come out last first, while the numbers and Latin runs inside it read left to right.
//! Tesseract gives each word in logical order but the words in visual order.
//!
//! A page whose letters are mostly right-to-left is handled mirrored: every box is
//! flipped about the page's vertical axis, so that the later stages (lines, running
//! heads, paragraphs, first-line indents, hanging labels) see the reading direction as
//! left to right. Each line's characters are put in logical order by the Unicode
//! bidirectional algorithm (`unicode-bidi`) applied to the visual string (the usual
//! inverse: a second reordering restores the first), so digits, punctuation and
//! parentheses land where they belong; Arabic presentation forms (U+FB50–FDFF,
//! U+FE70–FEFF) become ordinary letters (NFKC on those characters only), which also
//! mends lam-alef ligatures. Pages without right-to-left letters are left untouched.

use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_normalization::UnicodeNormalization;

use crate::lang::is_rtl_letter;
use crate::model::{BBox, Word};

/// Whether most letters of a page's words are right-to-left.
pub fn rtl_page<'a>(words: impl Iterator<Item = &'a Word>) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in words.flat_map(|w| w.text.chars()) {
        if is_rtl_letter(c) {
            rtl += 1;
        } else if c.is_alphabetic() {
            ltr += 1;
        }
    }
    rtl > ltr
}

/// A box flipped about the vertical axis of a page `width` wide.
pub fn mirror(bbox: BBox, width: f32) -> BBox {
    BBox {
        x0: width - bbox.x1,
        x1: width - bbox.x0,
        ..bbox
    }
}

/// The words of one line of a mirrored page, in logical order, each with its text in
/// logical order. `words` carry mirrored boxes; `visual_text` says whether each word's
/// characters are in visual order (text layers) or already logical (OCR).
pub fn logical_line(mut words: Vec<Word>, visual_text: bool) -> Vec<Word> {
    // Drawing order, left to right, is descending mirrored x.
    words.sort_by(|a, b| b.bbox.x1.total_cmp(&a.bbox.x1));
    if !visual_text {
        return logical_ocr_line(words);
    }
    let mut visual = String::new();
    let mut owner = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            visual.push(' ');
            owner.push(None);
        }
        visual.push_str(&w.text);
        owner.extend(w.text.chars().map(|_| Some(i)));
    }
    let (rtl, ltr) = visual.chars().fold((0, 0), |(r, l), c| {
        if is_rtl_letter(c) {
            (r + 1, l)
        } else if c.is_alphabetic() {
            (r, l + 1)
        } else {
            (r, l)
        }
    });
    let base = if rtl >= ltr {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let chars: Vec<char> = visual.chars().collect();
    let info = ParagraphBidiInfo::new(&visual, Some(base));
    let levels = info.reordered_levels_per_char(0..visual.len());
    let order = ParagraphBidiInfo::reorder_visual(&levels);
    let mut texts = vec![String::new(); words.len()];
    let mut sequence = Vec::with_capacity(words.len());
    for &i in &order {
        if let Some(w) = owner[i] {
            if texts[w].is_empty() {
                sequence.push(w);
            }
            texts[w].push(chars[i]);
        }
    }
    let mut out: Vec<Word> = sequence
        .into_iter()
        .map(|w| Word {
            text: finish_word(&texts[w]),
            bbox: words[w].bbox,
        })
        .collect();
    place_in_reading_order(&mut out);
    join_parenthesised_numbers(out)
}

/// The words of an OCRed right-to-left line, given in drawing order, in logical order.
///
/// Tesseract writes each word in logical order, brackets and punctuation already as
/// the characters they stand for (`(57.9`, `2014,`, `و2012`, `8-` for the label `8 -`);
/// only the order of the words is visual. So the words keep their text and only their
/// order is found, by the bidirectional algorithm run over one character per word that
/// stands for the word's direction (an Arabic letter, a Latin letter, a digit or the
/// word itself when it has none): a run of Latin words or of numbers keeps its order
/// inside the right-to-left line. Reversing the letters of each word and reordering
/// the characters of the line instead turned `2014،` into `,2014`, `(57.9` into `57.9(`
/// and `و2012` into `و2102`.
fn logical_ocr_line(words: Vec<Word>) -> Vec<Word> {
    let stand_in = |w: &Word| {
        if w.text.chars().any(is_rtl_letter) {
            '\u{0628}'
        } else if w.text.chars().any(char::is_alphabetic) {
            'a'
        } else if w.text.chars().any(|c| c.is_ascii_digit()) {
            '1'
        } else {
            '-'
        }
    };
    let visual: String = words
        .iter()
        .map(stand_in)
        .flat_map(|c| [' ', c])
        .skip(1)
        .collect();
    let rtl = words.iter().filter(|w| stand_in(w) == '\u{0628}').count();
    let ltr = words.iter().filter(|w| stand_in(w) == 'a').count();
    let base = if rtl >= ltr {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let info = ParagraphBidiInfo::new(&visual, Some(base));
    let levels = info.reordered_levels_per_char(0..visual.len());
    let order = ParagraphBidiInfo::reorder_visual(&levels);
    // Every stand-in is one byte, at byte 2i for word i.
    let mut out: Vec<Word> = order
        .into_iter()
        .filter(|i| i % 2 == 0)
        .map(|i| {
            let w = &words[i / 2];
            Word {
                text: finish_word(&w.text),
                bbox: w.bbox,
            }
        })
        .collect();
    if base.is_rtl() {
        split_label(&mut out);
        for w in out.iter_mut() {
            arabic_number_punctuation(w);
        }
    }
    place_in_reading_order(&mut out);
    join_parenthesised_numbers(out)
}

/// The paragraph label `8 -` that opens a right-to-left line, read as one word `8-` (or,
/// by the English model, `-8`), becomes the two words of the label: a right-to-left
/// line does not open with a minus sign, nor with a number that a hyphen follows
/// without a space.
fn split_label(words: &mut Vec<Word>) {
    let Some(first) = words.first() else {
        return;
    };
    let t = first.text.as_str();
    let digits = t
        .strip_suffix('-')
        .or_else(|| t.strip_prefix('-'))
        .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
    let Some(digits) = digits else {
        return;
    };
    let n = t.chars().count() as f32;
    let b = first.bbox;
    // Mirrored space: the number first, then the hyphen, left to right.
    let cut = b.x0 + b.width() * (n - 1.0) / n;
    let number = Word {
        text: digits.to_string(),
        bbox: BBox { x1: cut, ..b },
    };
    let hyphen = Word {
        text: "-".to_string(),
        bbox: BBox { x0: cut, ..b },
    };
    words.splice(0..1, [number, hyphen]);
}

/// A number followed by a comma or semicolon in a right-to-left line is followed by the
/// Arabic one, which looks like the Latin one on the page (`2014،`); Latin words keep
/// theirs.
fn arabic_number_punctuation(w: &mut Word) {
    if w.text.chars().any(char::is_alphabetic) || !w.text.chars().any(|c| c.is_ascii_digit()) {
        return;
    }
    let replace = |c: char| match c {
        ',' => Some('\u{060C}'),
        ';' => Some('\u{061B}'),
        _ => None,
    };
    if let Some(arabic) = w.text.chars().last().and_then(replace) {
        w.text.pop();
        w.text.push(arabic);
    }
}

/// `(`, `1`, `)` drawn as three touching words (Arabic fonts often lack the
/// parentheses, which come from a fallback font) become one word `(1)`: the footnote
/// call of Arabic documents.
fn join_parenthesised_numbers(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if let [open, number, close, ..] = &words[i..] {
            let touching = |a: &Word, b: &Word| b.bbox.x0 - a.bbox.x1 < a.bbox.height() * 0.1;
            if open.text == "("
                && close.text == ")"
                && !number.text.is_empty()
                && number.text.chars().all(|c| c.is_ascii_digit())
                && touching(open, number)
                && touching(number, close)
            {
                out.push(Word {
                    text: format!("({})", number.text),
                    bbox: open.bbox.union(&number.bbox).union(&close.bbox),
                });
                i += 3;
                continue;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

/// Presentation forms as plain letters.
fn finish_word(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_presentation_form(c) {
            out.extend(c.to_string().nfkc());
        } else {
            out.push(c);
        }
    }
    out.nfc().collect()
}

/// Text layers often give the combining marks of Arabic (shadda, tanween) as words of
/// their own, drawn over their letter: each goes into the word under it, before the
/// letter under its centre in drawing order (so it follows that letter once the word
/// is reversed). `lines` are a page's lines in page coordinates, as drawn.
pub fn attach_marks(lines: &mut [Vec<Word>]) {
    let is_mark_word = |w: &Word| !w.text.is_empty() && w.text.chars().all(is_arabic_mark);
    let marks: Vec<Word> = lines
        .iter_mut()
        .flat_map(|l| {
            let (marks, rest): (Vec<Word>, Vec<Word>) = l.drain(..).partition(is_mark_word);
            *l = rest;
            marks
        })
        .collect();
    for mark in marks {
        let cx = (mark.bbox.x0 + mark.bbox.x1) / 2.0;
        let host = lines
            .iter_mut()
            .flat_map(|l| l.iter_mut())
            .filter(|w| w.bbox.x0 <= cx && cx <= w.bbox.x1 && w.text.chars().any(is_rtl_letter))
            .filter(|w| {
                w.bbox.vertical_overlap(&mark.bbox) > 0.0
                    || w.bbox.y0 - mark.bbox.y1 < w.bbox.height()
            })
            .min_by(|a, b| centre_distance(a, &mark).total_cmp(&centre_distance(b, &mark)));
        let Some(host) = host else {
            continue;
        };
        let n = host.text.chars().count();
        let share = (cx - host.bbox.x0) / host.bbox.width().max(0.01);
        let k = ((share * n as f32) as usize).min(n.saturating_sub(1));
        let at = host
            .text
            .char_indices()
            .nth(k)
            .map_or(host.text.len(), |(i, _)| i);
        host.text.insert_str(at, &mark.text);
    }
}

fn centre_distance(a: &Word, b: &Word) -> f32 {
    ((a.bbox.y0 + a.bbox.y1) / 2.0 - (b.bbox.y0 + b.bbox.y1) / 2.0).abs()
}

fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Gives the words, now in logical order, boxes that follow each other left to right
/// in mirrored space, keeping each box's size and its distance to the previous word:
/// a left-to-right run inside a right-to-left line had its boxes in the opposite order.
fn place_in_reading_order(words: &mut [Word]) {
    let mut prev: Option<BBox> = None;
    for w in words.iter_mut() {
        if let Some(p) = prev {
            if w.bbox.x0 < p.x1 - 0.01 {
                let gap = if w.bbox.x1 <= p.x0 {
                    p.x0 - w.bbox.x1
                } else {
                    0.0
                };
                let width = w.bbox.width();
                w.bbox.x0 = p.x1 + gap;
                w.bbox.x1 = w.bbox.x0 + width;
            }
        }
        prev = Some(w.bbox);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words drawn left to right at the given visual positions, mirrored on a page
    /// 600 wide as the line builder sees them.
    fn drawn(words: &[&str]) -> Vec<Word> {
        let mut x = 50.0;
        words
            .iter()
            .map(|t| {
                let w = t.chars().count() as f32 * 5.0;
                let bbox = BBox {
                    x0: x,
                    y0: 100.0,
                    x1: x + w,
                    y1: 110.0,
                };
                x += w + 3.0;
                Word {
                    text: t.to_string(),
                    bbox: mirror(bbox, 600.0),
                }
            })
            .collect()
    }

    fn text(words: &[Word]) -> String {
        words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn rev(s: &str) -> String {
        s.chars().rev().collect()
    }

    #[test]
    fn arabic_words_and_numbers_come_out_in_logical_order() {
        // الدورة التاسعة والستون, drawn from the right: last word leftmost, letters reversed.
        let line = drawn(&[&rev("والستون"), &rev("التاسعة"), &rev("الدورة")]);
        assert_eq!(text(&logical_line(line, true)), "الدورة التاسعة والستون");
        // البند 34 من جدول الأعمال: the number reads left to right.
        let line = drawn(&[
            &rev("الأعمال"),
            &rev("جدول"),
            &rev("من"),
            "34",
            &rev("البند"),
        ]);
        assert_eq!(text(&logical_line(line, true)), "البند 34 من جدول الأعمال");
    }

    #[test]
    fn latin_runs_keep_their_order_and_boxes_follow_reading_order() {
        let line = drawn(&["Distr.:", "General"]);
        let out = logical_line(line, true);
        assert_eq!(text(&out), "Distr.: General");
        assert!(out[0].bbox.x1 <= out[1].bbox.x0);
        // An OCR line: words already logical, in visual order.
        let line = drawn(&["A/69/720", "الوثيقة"]);
        assert_eq!(text(&logical_line(line, false)), "الوثيقة A/69/720");
    }

    #[test]
    fn ocr_words_keep_their_text_and_only_their_order_changes() {
        // Tesseract's words, logical each, listed as drawn (left to right).
        let ocr = |drawn_words: &[&str]| text(&logical_line(drawn(drawn_words), false));
        // The paragraph label `3 -` read as one word, by either model.
        assert_eq!(ocr(&["وقامت", "3-"]), "3 - وقامت");
        assert_eq!(ocr(&["وقامت", "-10"]), "10 - وقامت");
        // A number and the Arabic comma after it; brackets around a number.
        assert_eq!(
            ocr(&["أجرت", "2014,", "الأول/ديسمبر", "كانون"]),
            "كانون الأول/ديسمبر 2014، أجرت"
        );
        assert_eq!(ocr(&["المائة)", "في", "(57.9"]), "(57.9 في المائة)");
        // Digits inside an Arabic word; a Latin acronym in brackets; a Latin run.
        assert_eq!(ocr(&["تدنّياً", "و2012"]), "و2012 تدنّياً");
        assert_eq!(ocr(&["بين", "(SOMAGEP)", "للشرب"]), "للشرب (SOMAGEP) بين");
        assert_eq!(
            ocr(&["اليوم", "Security", "Council,", "مجلس"]),
            "مجلس Security Council, اليوم"
        );
        // A hyphen inside a line is no label; a Latin line is left as it is.
        assert_eq!(ocr(&["2015", "-", "2010", "الفترة"]), "الفترة 2010 - 2015");
        assert_eq!(ocr(&["Distr.:", "General", "15-"]), "Distr.: General 15-");
    }

    #[test]
    fn presentation_forms_become_letters() {
        // لا as the lam-alef ligature, and سلام in presentation forms, drawn reversed.
        let line = drawn(&["\u{FEE1}\u{FEFC}\u{FEB3}"]);
        assert_eq!(text(&logical_line(line, true)), "سلام");
        assert!(rtl_page(
            drawn(&["\u{FEFB}", "ab", "\u{0627}\u{0644}"]).iter()
        ));
    }
}
