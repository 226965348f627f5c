//! Latin misreadings of Arabic words, read again with the right-to-left model alone.
//!
//! An Arabic page is OCRed with its model and English's (`ara+eng`: UN documents in
//! every language carry Latin symbols, names and masthead lines). Tesseract then takes
//! some Arabic words for Latin ones, with low confidence (`lay` for `بما`, `GLAS` for
//! `تشابهًا`, `Jose` for `جدول`): about 1.5 % of the characters of the Arabic scans of
//! `../shared/multilingual`. Reading the whole page with `ara` alone gets those words
//! right but loses every Latin word (decision 0016). So each Latin word read under
//! [`LATIN_CONFIDENCE`] inside a line of Arabic words is cut out of the page image and
//! read again alone (one word, page segmentation mode 8) with the right-to-left model;
//! the new reading replaces the word when it is written in right-to-left letters. Latin
//! words read with confidence (symbols, acronyms, names: 90–97 on those scans) and the
//! Latin lines of the masthead are left alone.

use crate::extract::ocr::{self, Binarization, OcrError, OcrResult};
use crate::extract::render::GrayImage;
use crate::lang::is_rtl_letter;
use crate::model::BBox;

/// Tesseract's word confidence (0–100) under which a Latin word in an Arabic line is
/// read again. On the Arabic scans of `../shared/multilingual` most misread words had
/// 12–73 and the real Latin words 91–97.
pub const LATIN_CONFIDENCE: f32 = 80.0;

/// A Latin word read with confidence but standing alone between Arabic words, without
/// digits (`ale` for `عام` at 91, `duty`, `Book`: English words the model was sure of),
/// is read again too; the Arabic reading then replaces it only with at least this
/// confidence, which the Arabic model does not give to a real Latin word.
pub const SURE_ARABIC_CONFIDENCE: f32 = 70.0;

/// Main models that read a right-to-left script.
const RTL_MODELS: [&str; 5] = ["ara", "fas", "urd", "pus", "heb"];

/// The right-to-left model to read Latin misreadings again with, when the page was read
/// with one and other models added to it (`ara+eng` gives `ara`).
pub fn rtl_model(models: &str) -> Option<&str> {
    let mut parts = models.split('+');
    let main = parts.next()?;
    (RTL_MODELS.contains(&main) && parts.next().is_some()).then_some(main)
}

/// The words (line, word) to read again, in a line with at least as many words of
/// right-to-left letters as of Latin ones: Latin words under [`LATIN_CONFIDENCE`]
/// (`false`), and Latin words without digits whose neighbours are not Latin (`true`: the
/// new reading needs [`SURE_ARABIC_CONFIDENCE`]).
pub fn candidates(result: &OcrResult) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for (l, line) in result.lines.iter().enumerate() {
        let rtl = line
            .words
            .iter()
            .filter(|w| w.text.chars().any(is_rtl_letter))
            .count();
        let latin: Vec<usize> = (0..line.words.len())
            .filter(|&i| is_latin(&line.words[i].text))
            .collect();
        if rtl == 0 || latin.len() > rtl {
            continue;
        }
        for i in latin {
            let conf = result
                .confidences
                .get(l)
                .and_then(|c| c.get(i))
                .copied()
                .unwrap_or(100.0);
            let latin_at = |j: Option<usize>| {
                j.and_then(|j| line.words.get(j))
                    .is_some_and(|w| is_latin(&w.text))
            };
            if conf < LATIN_CONFIDENCE {
                out.push((l, i, false));
            } else if !line.words[i].text.chars().any(|c| c.is_ascii_digit())
                && !latin_at(i.checked_sub(1))
                && !latin_at(Some(i + 1))
            {
                out.push((l, i, true));
            }
        }
    }
    out
}

fn is_latin(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphabetic()) && !text.chars().any(is_rtl_letter)
}

/// Reads the [`candidates`] of `result` again with `model`, replacing each whose new
/// reading is written in right-to-left letters. Returns how many were replaced.
pub fn reread(
    image: &GrayImage,
    result: &mut OcrResult,
    model: &str,
    binarization: Binarization,
) -> Result<usize, OcrError> {
    let mut replaced = 0;
    for (l, i, sure) in candidates(result) {
        let word = &result.lines[l].words[i];
        let Some(crop) = crop(image, word.bbox) else {
            continue;
        };
        let reading = ocr::ocr_gray_word(&crop, model, binarization)?;
        let text = reading
            .lines
            .iter()
            .flat_map(|line| line.words.iter().map(|w| w.text.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        let conf = reading
            .confidences
            .iter()
            .flatten()
            .copied()
            .fold(f32::INFINITY, f32::min);
        if is_rtl_reading(&text) && (!sure || conf >= SURE_ARABIC_CONFIDENCE) {
            result.lines[l].words[i].text = text;
            replaced += 1;
        }
    }
    Ok(replaced)
}

/// Whether a reading is made of right-to-left letters (and marks, digits, punctuation).
fn is_rtl_reading(text: &str) -> bool {
    text.chars().any(is_rtl_letter)
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(is_rtl_letter)
}

/// White margin around a word cut out of the page, in pixels at 300 dpi.
const MARGIN: u32 = 12;

/// The word's box cut out of the image (a little taller, for the dots and marks above
/// and below the letters), on a white margin.
fn crop(image: &GrayImage, bbox: BBox) -> Option<GrayImage> {
    let pad_y = (bbox.height() * 0.15).max(2.0);
    let x0 = (bbox.x0 - 2.0).max(0.0) as u32;
    let x1 = (bbox.x1 + 2.0).max(0.0) as u32;
    let y0 = (bbox.y0 - pad_y).max(0.0) as u32;
    let y1 = (bbox.y1 + pad_y).max(0.0) as u32;
    image.cut_out(x0, y0, x1, y1, MARGIN * image.dpi.max(1) / 300)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Line, Word};

    fn word(text: &str, x: f32) -> Word {
        Word {
            text: text.to_string(),
            bbox: BBox {
                x0: x,
                y0: 10.0,
                x1: x + 20.0,
                y1: 30.0,
            },
        }
    }

    #[test]
    fn only_unsure_latin_words_of_arabic_lines_are_read_again() {
        let result = OcrResult {
            lines: vec![
                Line::from_words(vec![
                    word("البند", 90.0),
                    word("Jose", 60.0),
                    word("14", 30.0),
                ]),
                Line::from_words(vec![word("Distr.:", 10.0), word("General", 40.0)]),
                Line::from_words(vec![word("للشرب", 90.0), word("(SOMAGEP)", 60.0)]),
            ],
            confidences: vec![vec![95.0, 40.0, 90.0], vec![30.0, 30.0], vec![96.0, 94.0]],
            confidence: 80.0,
        };
        assert_eq!(candidates(&result), vec![(0, 1, false), (2, 1, true)]);
        // A sure Latin run (two Latin words side by side) and a symbol are left alone.
        let result = OcrResult {
            lines: vec![Line::from_words(vec![
                word("السيد", 90.0),
                word("Dennis", 60.0),
                word("Francis", 30.0),
                word("قال", 20.0),
                word("A-400", 10.0),
                word("في", 8.0),
                word("دورة", 5.0),
                word("ale", 0.0),
                word("الأمم", -5.0),
            ])],
            confidences: vec![vec![95.0, 96.0, 96.0, 92.0, 95.0, 93.0, 91.0, 91.0, 90.0]],
            confidence: 90.0,
        };
        assert_eq!(candidates(&result), vec![(0, 7, true)]);
    }

    #[test]
    fn only_pages_read_with_a_right_to_left_model_and_others() {
        assert_eq!(rtl_model("ara+eng"), Some("ara"));
        assert_eq!(rtl_model("ara"), None);
        assert_eq!(rtl_model("fra+eng"), None);
        assert!(is_rtl_reading("تشابهًا"));
        assert!(!is_rtl_reading("2014"));
        assert!(!is_rtl_reading("بما x"));
    }

    #[test]
    fn a_word_is_cut_out_on_a_white_margin() {
        let image = GrayImage {
            width: 100,
            height: 50,
            dpi: 300,
            pixels: vec![0; 5000],
        };
        let bbox = BBox {
            x0: 10.0,
            y0: 10.0,
            x1: 30.0,
            y1: 30.0,
        };
        let c = crop(&image, bbox).unwrap();
        assert_eq!((c.width, c.height), (24 + 24, 26 + 24));
        assert_eq!(c.pixels[0], 255);
        assert_eq!(c.pixels[(12 * c.width + 12) as usize], 0);
    }
}
