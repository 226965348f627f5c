//! Per-page decision: read the text layer, or OCR the page; and whether a page is
//! blank.
//!
//! A page on which nothing is drawn (no text, no image, no vector drawing) is blank and
//! is never rendered ([`draws_nothing`]); a page without text whose images or drawing
//! leave no ink on a small render is blank too ([`is_white`], [`page_is_white`]), found
//! before Tesseract is started on it.
//!
//! `--ocr auto` (the default) OCRs a page when its text layer is missing, when it is too
//! short for the ink on the page, when it is made of unmapped glyphs or mostly of
//! non-words, when few of its words are words of a language written in its script
//! ([`lexicon_check`]: broken glyph maps), or when it is an old OCR layer (text over a page-covering image) of poor
//! quality. `--ocr always` OCRs every page, `--ocr never` none. The tests here are cheap
//! (counts over the text layer; page sizes, images and vector drawing come with the
//! text layer from undoc's helper); the ink on the page is measured on a 50-dpi render,
//! and only when it can change the answer.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::DocError;
use crate::extract::lexicon_check;
use crate::extract::render::{self, GrayImage, PageImage, RenderError};
use crate::extract::textlayer::{self, TextLayer};
use crate::lang::Lang;
use crate::model::Page;
use crate::subprocess::Limits;

/// The `--ocr` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    #[default]
    /// OCR the pages whose text layer is missing or unusable.
    Auto,
    /// OCR every page.
    Always,
    /// Never OCR (pages without text stay empty).
    Never,
}

impl FromStr for OcrMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(OcrMode::Auto),
            "always" => Ok(OcrMode::Always),
            "never" => Ok(OcrMode::Never),
            _ => Err(format!("--ocr must be auto, always or never, not {s:?}")),
        }
    }
}

impl fmt::Display for OcrMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OcrMode::Auto => "auto",
            OcrMode::Always => "always",
            OcrMode::Never => "never",
        })
    }
}

/// Why a page is OCRed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OcrReason {
    /// `--ocr always`.
    Forced,
    /// The page has no text at all.
    NoTextLayer,
    /// Far fewer characters than the ink on the page implies.
    TooFewChars {
        /// Characters of the text layer.
        chars: usize,
        /// Characters the ink implies.
        expected: usize,
    },
    /// Share of characters that are replacement, private-use or control characters.
    UnmappedGlyphs {
        /// The share, 0–1.
        share: f32,
    },
    /// Share of tokens that do not look like words, numbers or symbols.
    NonWords {
        /// The share, 0–1.
        share: f32,
    },
    /// Text over a page-covering image (an OCR layer) whose non-word share is too high.
    PoorOcrLayer {
        /// The non-word share, 0–1.
        share: f32,
    },
    /// Few of the layer's words are words of any language of its script: a broken glyph
    /// map or a font whose codes are not Unicode (Latin garbage for Russian). `lang` is
    /// the language whose lexicon knew the most, `share` that share.
    UnknownWords {
        /// The share of known words, 0–1.
        share: f32,
        /// The language whose lexicon knew the most.
        lang: Lang,
    },
}

impl OcrReason {
    /// A stable short code for records and logs.
    pub fn code(&self) -> &'static str {
        match self {
            OcrReason::Forced => "forced",
            OcrReason::NoTextLayer => "no-text-layer",
            OcrReason::TooFewChars { .. } => "too-few-chars",
            OcrReason::UnmappedGlyphs { .. } => "unmapped-glyphs",
            OcrReason::NonWords { .. } => "non-words",
            OcrReason::PoorOcrLayer { .. } => "poor-ocr-layer",
            OcrReason::UnknownWords { .. } => "unknown-words",
        }
    }
}

impl fmt::Display for OcrReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OcrReason::Forced => write!(f, "OCR forced by --ocr always"),
            OcrReason::NoTextLayer => write!(f, "no text layer"),
            OcrReason::TooFewChars { chars, expected } => write!(
                f,
                "text layer too short for the ink on the page ({chars} characters, about {expected} expected)"
            ),
            OcrReason::UnmappedGlyphs { share } => {
                write!(f, "unmapped glyphs in the text layer ({:.0} %)", share * 100.0)
            }
            OcrReason::NonWords { share } => {
                write!(f, "text layer mostly non-words ({:.0} %)", share * 100.0)
            }
            OcrReason::PoorOcrLayer { share } => write!(
                f,
                "poor OCR layer over a page image ({:.0} % non-words)",
                share * 100.0
            ),
            OcrReason::UnknownWords { share, lang } => write!(
                f,
                "text layer not words of its script's languages (at best {:.0} % known, {lang})",
                share * 100.0
            ),
        }
    }
}

/// Thresholds of the decision (measured in docs/decisions/0003-ocr-engine.md).
pub mod thresholds {
    /// Unmapped-glyph share above which the text layer is unusable (decorative rules set
    /// in symbol fonts give 3–4 % on short born-digital pages).
    pub const UNMAPPED_SHARE: f32 = 0.10;
    /// Non-word share above which a text layer is unusable.
    pub const NON_WORD_SHARE: f32 = 0.35;
    /// Lexicon share (words known in the best language of the page's script) under which
    /// a text layer is not text: broken glyph maps measured 0–2.3 %, born-digital and
    /// OCR layers in the six languages 63–100 % (docs/decisions/0015-six-language-lexicons.md).
    pub const MIN_LEXICON_SHARE: f32 = 0.35;
    /// Words a page must have before its lexicon share is judged.
    pub const MIN_LEXICON_WORDS: usize = 20;
    /// Non-word share above which an OCR layer (text over a page image) is re-read: old
    /// layers measured 2–5 %, born-digital text 0–1.7 %.
    pub const OCR_LAYER_NON_WORD_SHARE: f32 = 0.01;
    /// Fewer characters than this share of what the ink implies: the layer is partial.
    pub const MIN_CHARS_FOR_INK: f32 = 0.25;
    /// Characters per square inch of dark pixels at 50 dpi: 340–600 on born-digital UN
    /// pages, 170–220 on scans with a complete OCR layer (blacker, thicker strokes).
    pub const CHARS_PER_INK_INCH2: f32 = 450.0;
    /// The ink must imply at least this many characters for a short layer to be doubted
    /// (a nearly blank page with a page number is fine).
    pub const MIN_MISSING_CHARS: usize = 300;
    /// Below this many characters a page's ink is checked (unless nothing on the page
    /// could hide text: no image and less vector drawing than [`DRAWING_POINTS`]).
    pub const SHORT_PAGE_CHARS: usize = 200;
    /// Path points a page must fill or stroke before its drawing could be text turned
    /// into outlines: a glyph takes 10–40 points, so the [`MIN_MISSING_CHARS`] that
    /// would make a short layer doubtful need several thousand; rules, underlines and
    /// table borders take tens to a few hundred.
    pub const DRAWING_POINTS: u32 = 1000;
    /// An image covering this share of the page (both ways) is a page scan.
    pub const COVERING_IMAGE_SHARE: f32 = 0.8;
    /// Grey level under which a pixel of the 50-dpi render counts as ink.
    pub const INK_LEVEL: u8 = 160;
    /// Resolution of the small render that tells a white page from one with ink (an A4
    /// page is 413 × 585 pixels); larger page images are shrunk to about this size.
    pub const BLANK_CHECK_DPI: u32 = 50;
    /// A pixel of that render is ink when it is at least this much darker than the
    /// paper (the median grey): 2 × 2-pixel specks of a 300-dpi scan come out about 40
    /// levels darker, strokes of text 60 to 200 levels.
    pub const INK_CONTRAST: u8 = 64;
    /// A page image with at most this many ink pixels at [`BLANK_CHECK_DPI`] is white
    /// (a dust spot, a full stop); a single digit of 8-point text gives 6–7.
    pub const BLANK_MAX_INK_PIXELS: usize = 3;
    /// The paper must be at least this light for a page to count as white (a black or
    /// dark page image is not a blank page).
    pub const MIN_PAPER_LEVEL: u8 = 128;
}

/// What is known about a PDF page besides its text layer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageImageInfo {
    /// Page size in points (as displayed).
    pub width_pt: f32,
    /// Page height in points.
    pub height_pt: f32,
    /// An image covers (nearly) the whole page: a scan.
    pub covering_image: bool,
    /// Some image covers at least a quarter of the page.
    pub large_image: bool,
    /// Images drawn on the page, of any size.
    pub images: u32,
    /// Path points the page fills or strokes (counted by undoc's text-layer helper);
    /// `None` when not known, which counts as "could hide text".
    pub drawing_points: Option<u32>,
}

impl PageImageInfo {
    /// Whether something on the page could carry text the text layer lacks: an image,
    /// or enough vector drawing to be text turned into outlines (or not known).
    pub fn could_hide_text(&self) -> bool {
        self.images > 0
            || self
                .drawing_points
                .map_or(true, |points| points >= thresholds::DRAWING_POINTS)
    }
}

/// The facts of every page of a PDF, read as `undoc ingest` reads them (its text
/// layer's pass), for tools and tests that decide page by page.
pub fn inspect_pdf(pdf: &Path) -> Result<Vec<PageImageInfo>, DocError> {
    Ok(page_facts(&textlayer::read_text_layer(
        pdf,
        Limits::default(),
        0,
    )?))
}

/// The facts of every page from its text layer's pass: size, images, vector drawing.
pub fn page_facts(layer: &TextLayer) -> Vec<PageImageInfo> {
    let sizes: Vec<(f32, f32)> = layer.pages.iter().map(|p| (p.width, p.height)).collect();
    let mut infos = page_image_infos(&sizes, &layer.images);
    for (info, &points) in infos.iter_mut().zip(&layer.drawing_points) {
        info.drawing_points = Some(points);
    }
    infos
}

/// Combines page sizes and the image list into per-page facts.
pub fn page_image_infos(sizes: &[(f32, f32)], images: &[PageImage]) -> Vec<PageImageInfo> {
    sizes
        .iter()
        .enumerate()
        .map(|(i, &(w, h))| {
            let mut info = PageImageInfo {
                width_pt: w,
                height_pt: h,
                ..Default::default()
            };
            for img in images.iter().filter(|im| im.page as usize == i + 1) {
                info.images += 1;
                let (iw, ih) = img.size_pt();
                // Rotated placements swap the axes: compare both ways.
                let cover = |a: f32, b: f32| {
                    w > 0.0
                        && h > 0.0
                        && a / w >= thresholds::COVERING_IMAGE_SHARE
                        && b / h >= thresholds::COVERING_IMAGE_SHARE
                };
                if cover(iw, ih) || cover(ih, iw) {
                    info.covering_image = true;
                }
                if w > 0.0 && h > 0.0 && (iw * ih) / (w * h) >= 0.25 {
                    info.large_image = true;
                }
            }
            info
        })
        .collect()
}

/// Whether nothing at all is drawn on a PDF page: no text, no image and no vector
/// drawing (as the text-layer helper counted them; unknown drawing counts as some).
pub fn draws_nothing(page: &Page, info: &PageImageInfo) -> bool {
    info.images == 0 && info.drawing_points == Some(0) && page.chars() == 0
}

/// Whether a page image carries no ink: shrunk to about [`thresholds::BLANK_CHECK_DPI`]
/// (a page-sized image of unknown resolution is taken to be A4-sized), at most
/// [`thresholds::BLANK_MAX_INK_PIXELS`] pixels are [`thresholds::INK_CONTRAST`] levels
/// darker than the paper, and the paper is light.
pub fn is_white(image: &GrayImage) -> bool {
    let factor = if image.dpi > 0 {
        image.dpi / thresholds::BLANK_CHECK_DPI
    } else {
        // 585 pixels: the long side of an A4 page at 50 dpi.
        image.width.max(image.height) / 585
    };
    let small = image.shrink(factor);
    let histogram = small.histogram();
    let total: u32 = histogram.iter().sum();
    if total == 0 {
        return true;
    }
    let mut seen = 0;
    let paper = histogram
        .iter()
        .position(|&n| {
            seen += n;
            seen * 2 >= total
        })
        .unwrap_or(255) as u8;
    if paper < thresholds::MIN_PAPER_LEVEL {
        return false;
    }
    let ink_below = paper - thresholds::INK_CONTRAST;
    let ink: u32 = histogram[..=ink_below as usize].iter().sum();
    ink as usize <= thresholds::BLANK_MAX_INK_PIXELS
}

/// Whether page `page` (1-based) of `pdf` leaves no ink on a render at
/// [`thresholds::BLANK_CHECK_DPI`]: a white scan, or drawing that shows nothing.
pub fn page_is_white(pdf: &Path, page: u32) -> Result<bool, RenderError> {
    let image = render::render_page_gray(pdf, page, thresholds::BLANK_CHECK_DPI)?;
    Ok(is_white(&image))
}

/// Share of ink (dark pixels) on a 50-dpi grey render of the page.
pub fn ink_share(pdf: &Path, page: u32) -> Result<f32, RenderError> {
    let img = render::render_page_gray(pdf, page, 50)?;
    Ok(img.dark_share(thresholds::INK_LEVEL))
}

/// The decision for one page under `mode`. `ink` is called (at most once) only when the
/// ink on the page can change the answer; it returns the share of dark pixels at 50 dpi.
pub fn decide(
    mode: OcrMode,
    text_layer: &Page,
    info: &PageImageInfo,
    ink: impl FnOnce() -> Option<f32>,
) -> Option<OcrReason> {
    match mode {
        OcrMode::Always => Some(OcrReason::Forced),
        OcrMode::Never => None,
        OcrMode::Auto => needs_ocr(text_layer, info, ink),
    }
}

/// `--ocr auto`: whether the text layer of a page is unusable and the page must be OCRed.
pub fn needs_ocr(
    text_layer: &Page,
    info: &PageImageInfo,
    ink: impl FnOnce() -> Option<f32>,
) -> Option<OcrReason> {
    let text: String = text_layer
        .lines
        .iter()
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join("\n");
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    if chars == 0 {
        return Some(OcrReason::NoTextLayer);
    }
    let unmapped = unmapped_share(&text);
    if unmapped > thresholds::UNMAPPED_SHARE {
        return Some(OcrReason::UnmappedGlyphs { share: unmapped });
    }
    let non_words = non_word_share(&text);
    if non_words > thresholds::NON_WORD_SHARE {
        return Some(OcrReason::NonWords { share: non_words });
    }
    if let Some(page) = lexicon_check::page_language(&text, thresholds::MIN_LEXICON_SHARE) {
        let known = page.best;
        if known.counted >= thresholds::MIN_LEXICON_WORDS
            && known.share() < thresholds::MIN_LEXICON_SHARE
        {
            return Some(OcrReason::UnknownWords {
                share: known.share(),
                lang: known.lang,
            });
        }
    }
    if info.covering_image && non_words > thresholds::OCR_LAYER_NON_WORD_SHARE {
        return Some(OcrReason::PoorOcrLayer { share: non_words });
    }
    if info.large_image || (chars < thresholds::SHORT_PAGE_CHARS && info.could_hide_text()) {
        if let Some(share) = ink() {
            let area_in2 = (info.width_pt / 72.0) * (info.height_pt / 72.0);
            let expected = (share * area_in2 * thresholds::CHARS_PER_INK_INCH2) as usize;
            if expected >= thresholds::MIN_MISSING_CHARS
                && (chars as f32) < expected as f32 * thresholds::MIN_CHARS_FOR_INK
            {
                return Some(OcrReason::TooFewChars { chars, expected });
            }
        }
    }
    None
}

/// Share of non-whitespace characters that are U+FFFD, private-use or control
/// characters: glyphs the PDF gives no Unicode for.
pub fn unmapped_share(text: &str) -> f32 {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        let cp = c as u32;
        if c == '\u{FFFD}'
            || c.is_control()
            || (0xE000..=0xF8FF).contains(&cp)
            || (0xF0000..=0x10FFFF).contains(&cp)
        {
            bad += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        bad as f32 / total as f32
    }
}

/// Share of tokens that look like neither a word, a number nor a document symbol.
/// Punctuation-only tokens (dashes, bullets) are not counted either way.
pub fn non_word_share(text: &str) -> f32 {
    let mut counted = 0usize;
    let mut bad = 0usize;
    for token in text.split_whitespace() {
        match token_kind(token) {
            TokenKind::Neutral => {}
            TokenKind::Word => counted += 1,
            TokenKind::NonWord => {
                counted += 1;
                bad += 1;
            }
        }
    }
    if counted == 0 {
        0.0
    } else {
        bad as f32 / counted as f32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Word,
    NonWord,
    Neutral,
}

const EDGE_PUNCT: &[char] = &[
    '(', ')', '[', ']', '"', '\'', '«', '»', '“', '”', '‘', '’', ',', ';', ':', '.', '!', '?', '*',
    '…',
];

fn token_kind(raw: &str) -> TokenKind {
    let t = raw.trim_matches(EDGE_PUNCT);
    if t.is_empty() || t.chars().all(|c| !c.is_alphanumeric()) {
        return TokenKind::Neutral;
    }
    let lower = t.to_lowercase();
    if lower.starts_with("http") || lower.starts_with("www.") || t.contains('@') {
        return TokenKind::Neutral;
    }
    // Characters that do not occur inside words, numbers or symbols of running text.
    if t.chars().any(|c| {
        matches!(
            c,
            '~' | '|' | '¦' | '^' | '{' | '}' | '<' | '>' | '\\' | '_' | '·' | '¬' | '¤'
        )
    }) {
        return TokenKind::NonWord;
    }
    // Mojibake of UTF-8 read as Latin-1 (Ã©, Ã¨, Â ).
    if t.contains('Ã') || t.contains('Â') {
        return TokenKind::NonWord;
    }
    if is_word(t) || is_number(t) || is_symbol(t) || is_cjk_run(t) {
        TokenKind::Word
    } else {
        TokenKind::NonWord
    }
}

/// A run of Chinese or Japanese text (no spaces between words: a whole line can be one
/// token), with the figures, Latin letters and punctuation set inside it.
fn is_cjk_run(t: &str) -> bool {
    t.chars()
        .any(|c| crate::lang::is_cjk(c) && c.is_alphabetic())
        && t.chars().all(|c| {
            crate::lang::is_cjk(c)
                || c.is_alphanumeric()
                || matches!(
                    c,
                    '(' | ')' | '-' | '–' | '—' | '/' | '%' | '.' | ',' | ':' | ';' | '+'
                )
        })
}

/// Letters (with inner apostrophes, hyphens, periods), in a plausible case pattern:
/// lower, Capitalised, ALL CAPS, or parts of such joined by hyphens/apostrophes.
fn is_word(t: &str) -> bool {
    t.split(['-', '\'', '’', '.', '/'])
        .all(|part| part.is_empty() || is_word_part(part))
        && t.chars().any(char::is_alphabetic)
}

fn is_word_part(part: &str) -> bool {
    if !part.chars().all(char::is_alphabetic) {
        // Ordinals and footnote-glued forms: 1er, 2e, 27e, 3rd, 21st.
        return is_ordinal(part);
    }
    // Name prefixes: McDonald, MacArthur.
    let part = ["Mc", "Mac"]
        .iter()
        .find_map(|p| {
            part.strip_prefix(p)
                .filter(|r| r.starts_with(char::is_uppercase))
        })
        .unwrap_or(part);
    let mut chars = part.chars();
    let first = chars.next().expect("non-empty");
    let rest: Vec<char> = chars.collect();
    let rest_lower = rest.iter().all(|c| !c.is_uppercase());
    let rest_upper = rest.iter().all(|c| !c.is_lowercase());
    // Scripts without case (Arabic, Chinese) are all "lower" here.
    rest_lower || (first.is_uppercase() && rest_upper) || part.chars().count() <= 3
}

fn is_ordinal(part: &str) -> bool {
    let digits = part.chars().take_while(char::is_ascii_digit).count();
    let suffix = &part[digits..];
    digits > 0
        && matches!(
            suffix,
            "e" | "er"
                | "re"
                | "ère"
                | "eme"
                | "ème"
                | "st"
                | "nd"
                | "rd"
                | "th"
                | "o"
                | "a"
                | "bis"
        )
}

/// Digits with separators: 1971, 2021-2025, 3.5, 1 000, 12,5, 10%, 1)
fn is_number(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '–' | '/' | '%' | ')' | '°' | '+')
        })
}

/// Document symbols and references: A/RES/77/36, A/C.1/69/L.26, S/2022/123, E/CN.4/Sub.2.
fn is_symbol(t: &str) -> bool {
    t.contains('/')
        && t.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '(' | ')'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BBox, Line, PageMethod, Word};

    fn page_of(text: &str) -> Page {
        let lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                Line::from_words(
                    l.split_whitespace()
                        .enumerate()
                        .map(|(j, w)| Word {
                            text: w.to_string(),
                            bbox: BBox {
                                x0: j as f32 * 30.0,
                                y0: i as f32 * 12.0,
                                x1: j as f32 * 30.0 + 25.0,
                                y1: i as f32 * 12.0 + 10.0,
                            },
                        })
                        .collect(),
                )
            })
            .collect();
        Page {
            number: 1,
            width: 595.0,
            height: 842.0,
            lines,
            method: PageMethod::TextLayer,
            ocr: None,
            blank: false,
        }
    }

    const A4: PageImageInfo = PageImageInfo {
        width_pt: 595.0,
        height_pt: 842.0,
        covering_image: false,
        large_image: false,
        images: 0,
        drawing_points: None,
    };

    const FRENCH: &str = "Saluant les efforts que fait le Président du Groupe de travail à composition non limitée pour\n\
        dégager un consensus entre les États sur l’objectif commun (A/RES/77/36, 2021-2025) ;\n\
        1. Appuie les travaux menés par le Groupe de travail conformément au 1er mandat énoncé";

    #[test]
    fn modes_parse() {
        assert_eq!("auto".parse::<OcrMode>().unwrap(), OcrMode::Auto);
        assert_eq!("ALWAYS".parse::<OcrMode>().unwrap(), OcrMode::Always);
        assert_eq!("never".parse::<OcrMode>().unwrap(), OcrMode::Never);
        assert!("sometimes".parse::<OcrMode>().is_err());
        assert_eq!(OcrMode::default().to_string(), "auto");
    }

    #[test]
    fn good_text_layer_is_kept() {
        let page = page_of(FRENCH);
        assert_eq!(needs_ocr(&page, &A4, || panic!("ink not needed")), None);
        assert_eq!(decide(OcrMode::Never, &page, &A4, || None), None);
        assert_eq!(
            decide(OcrMode::Always, &page, &A4, || None),
            Some(OcrReason::Forced)
        );
    }

    #[test]
    fn a_short_page_is_rendered_only_if_something_could_hide_text() {
        let page = page_of("Annexe\nListe des participants");
        let bare = PageImageInfo {
            drawing_points: Some(40),
            ..A4
        };
        assert_eq!(
            needs_ocr(&page, &bare, || panic!("nothing to render for")),
            None
        );
        let mut checked = 0;
        for info in [
            A4,
            PageImageInfo {
                drawing_points: Some(6000),
                ..A4
            },
            PageImageInfo { images: 1, ..bare },
        ] {
            // Ink of a full page of text: the short layer is partial.
            let reason = needs_ocr(&page, &info, || {
                checked += 1;
                Some(0.08)
            });
            assert!(
                matches!(reason, Some(OcrReason::TooFewChars { .. })),
                "{info:?}"
            );
        }
        assert_eq!(checked, 3);
    }

    #[test]
    fn empty_page_needs_ocr() {
        let page = page_of("");
        assert_eq!(needs_ocr(&page, &A4, || None), Some(OcrReason::NoTextLayer));
    }

    #[test]
    fn unmapped_glyphs_need_ocr() {
        let page = page_of("\u{FFFD}\u{FFFD}\u{FFFD} \u{E001}\u{E002}\u{E003} de la");
        assert!(matches!(
            needs_ocr(&page, &A4, || None),
            Some(OcrReason::UnmappedGlyphs { .. })
        ));
    }

    #[test]
    fn garbage_needs_ocr() {
        let page = page_of("~I~Lc~~~aL J|UBL ,i·/ ocR1x9 q#@% gG{}hh rrW3nty ^^a b<c");
        assert!(matches!(
            needs_ocr(&page, &A4, || None),
            Some(OcrReason::NonWords { .. })
        ));
    }

    #[test]
    fn a_layer_that_is_no_language_needs_ocr() {
        // A Russian statement whose fonts map Cyrillic to Latin letters: each token
        // passes as a word, none is one.
        let garbage = "lzcmjefmj b z xnxb w cdzxo pdjj nbxiq kajrze sjat kjb\n\
            xnwxiz ucx idx vtbtwzjxy zjcciq c kjixiz jdzcexcf m ibzz\n\
            zaxefjj czmazdxaq j zj cjnwg kjcmjefmt mainic xrz\n\
            kidxei cjwazz icdjaii v ejb xajb jd vzbcdwi wj xajbx";
        let page = page_of(garbage);
        assert!(
            matches!(
                needs_ocr(&page, &A4, || None),
                Some(OcrReason::UnknownWords { share, .. }) if share < 0.2
            ),
            "{:?}",
            needs_ocr(&page, &A4, || None)
        );
        // Clean text in each language is kept.
        for text in [
            FRENCH,
            "La Asamblea General, afirmando que la construcción del muro que levanta Israel en el territorio palestino ocupado es contraria al derecho internacional, pide a todos los Estados que no reconozcan la situación ilegal",
            "Генеральная Ассамблея, ссылаясь на свои резолюции о положении на оккупированной палестинской территории и подтверждая принцип недопустимости приобретения территории силой, призывает все государства",
        ] {
            assert_eq!(needs_ocr(&page_of(text), &A4, || None), None, "{text}");
        }
    }

    #[test]
    fn slightly_noisy_ocr_layer_over_a_scan_is_redone() {
        let text = format!("{FRENCH}\nUBRAR'( ~9 Nicar~gua ,i·/ septembre");
        let page = page_of(&text);
        let scan = PageImageInfo {
            covering_image: true,
            large_image: true,
            ..A4
        };
        // The same text without a page image is not an OCR layer: kept.
        assert_eq!(needs_ocr(&page, &A4, || None), None);
        assert!(matches!(
            needs_ocr(&page, &scan, || None),
            Some(OcrReason::PoorOcrLayer { .. })
        ));
    }

    #[test]
    fn short_layer_over_an_inked_page_needs_ocr() {
        let page = page_of("Page 2");
        // A page whose dark pixels cover 8 % at 50 dpi holds ~3,500 characters.
        assert!(matches!(
            needs_ocr(&page, &A4, || Some(0.08)),
            Some(OcrReason::TooFewChars { .. })
        ));
        // A nearly blank page with a short text is fine.
        assert_eq!(needs_ocr(&page, &A4, || Some(0.001)), None);
    }

    #[test]
    fn chinese_lines_are_words() {
        let page = page_of("一. 导言\n1. 然而，实际采用记分卡的国家工作队的数字可能更高(做出答复的国家工作队中的37%已完成，50%计划在今后12个月内完成)。各机构和秘书处一直致力于解决人道主义、发展和政治行为体之间联系的问题");
        assert!(
            non_word_share(
                &page
                    .lines
                    .iter()
                    .map(|l| l.text())
                    .collect::<Vec<_>>()
                    .join("\n")
            ) < 0.1
        );
        assert_eq!(token_kind("ﾂ¤ﾂ¤"), TokenKind::NonWord);
    }

    #[test]
    fn a_page_with_nothing_drawn_is_blank() {
        let empty = page_of("");
        let bare = PageImageInfo {
            drawing_points: Some(0),
            ..A4
        };
        assert!(draws_nothing(&empty, &bare));
        assert!(!draws_nothing(&page_of("3"), &bare), "a page number");
        for info in [
            A4, // drawing not known
            PageImageInfo { images: 1, ..bare },
            PageImageInfo {
                drawing_points: Some(4),
                ..bare
            },
        ] {
            assert!(!draws_nothing(&empty, &info), "{info:?}");
        }
    }

    /// A 300-dpi A4 page of grey `paper`, with `marks` dark squares of `side` pixels.
    fn scan(paper: u8, marks: &[(u32, u32)], side: u32) -> GrayImage {
        let mut image = GrayImage::blank(2480, 3508, 300);
        image.pixels.fill(paper);
        for &(x0, y0) in marks {
            for y in y0..y0 + side {
                for x in x0..x0 + side {
                    image.pixels[(y * 2480 + x) as usize] = 20;
                }
            }
        }
        image
    }

    #[test]
    fn white_and_inked_page_images() {
        assert!(is_white(&scan(255, &[], 0)));
        // Grey paper with scattered 2×2 specks (dust) is still blank paper.
        let specks: Vec<(u32, u32)> = (0..400).map(|i| (13 + i * 6 % 2400, 7 + i * 8)).collect();
        assert!(is_white(&scan(205, &specks, 2)));
        // A short word: strokes 4 pixels wide, 30 pixels tall, side by side.
        let word: Vec<(u32, u32)> = (0..8)
            .flat_map(|i| (0..8).map(move |j| (300 + i * 12, 400 + j * 4)))
            .collect();
        assert!(!is_white(&scan(255, &word, 4)));
        assert!(!is_white(&scan(205, &word, 4)));
        // A black page is not white paper; unknown resolution is measured too.
        assert!(!is_white(&scan(0, &[], 0)));
        let mut unknown = scan(255, &word, 4);
        unknown.dpi = 0;
        assert!(!is_white(&unknown));
    }

    #[test]
    fn token_kinds() {
        for w in [
            "États",
            "l’objectif",
            "Guinée-Bissau",
            "A/C.1/69/L.26",
            "1er",
            "2e",
            "77/36.",
            "(2021-2025)",
            "UNITED",
            "McDonald",
            "GA",
            "«",
            "—",
            "www.un.org/fr",
            "27e",
        ] {
            assert_ne!(token_kind(w), TokenKind::NonWord, "{w}");
        }
        for w in ["Nicar~gua", "rrWenty", ",i·/", "WRlTTEN", "l0ve1", "Ã©tats"] {
            assert_eq!(token_kind(w), TokenKind::NonWord, "{w}");
        }
    }

    #[test]
    fn image_infos_from_pdfimages() {
        let sizes = [(612.0, 792.0), (612.0, 792.0)];
        let images = [
            PageImage {
                page: 1,
                width_px: 1275,
                height_px: 1649,
                x_ppi: 150.0,
                y_ppi: 149.0,
            },
            PageImage {
                page: 2,
                width_px: 300,
                height_px: 200,
                x_ppi: 300.0,
                y_ppi: 300.0,
            },
        ];
        let infos = page_image_infos(&sizes, &images);
        assert!(infos[0].covering_image && infos[0].large_image);
        assert!(!infos[1].covering_image && !infos[1].large_image);
    }
}
