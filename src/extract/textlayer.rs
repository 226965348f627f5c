//! The PDF text layer: every page's lines of positioned words, from poppler's text
//! analysis (the code behind `pdftotext -bbox-layout`) run in undoc's helper process
//! (`textlayer_helper`).
//!
//! Why poppler and not an in-process crate: measured best text on UN PDFs (no stray
//! spaces inside words, superscripts kept as their own small words, damaged files
//! recovered) and a crash or hang stays in the helper (docs/decisions/0001, 0008).
//! We keep poppler's lines and leave the layout decisions (running heads, superscripts,
//! paragraphs) to `clean`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::DocError;
use crate::extract::render::PageImage;
use crate::model::{BBox, Line, Page, PageMethod, Word};
use crate::subprocess::Limits;

use super::textlayer_helper::{self, HelperError, HELPER_ENV, HELPER_NAME};

/// poppler's error code for a file it cannot open without a password.
const POPPLER_ERR_ENCRYPTED: i64 = 4;

/// What a PDF's text layer gives: every page's lines of words, and the images the
/// pages draw (with their resolution, as `pdfimages -list` gives them), read in the same
/// pass, for the OCR decision.
#[derive(Debug, Default)]
pub struct TextLayer {
    /// Every page's lines of words, in page order.
    pub pages: Vec<Page>,
    /// The images the pages draw.
    pub images: Vec<PageImage>,
    /// Per page (in order): path points the page fills or strokes (vector drawing).
    pub drawing_points: Vec<u32>,
    /// Per page (in order), per word of the page (its lines' words in order): the font
    /// the word is set in (that of its first character), as a number that identifies
    /// the font in the document; `None` when not known.
    pub word_fonts: Vec<Vec<Option<u32>>>,
    /// The names of the fonts of `word_fonts` (as the PDF gives them; may be empty).
    pub font_names: BTreeMap<u32, String>,
}

/// Reads every page's words (and images) from the PDF's text layer. A PDF with more than
/// `max_pages` pages (0: no limit) is refused before any page is read.
pub fn read_text_layer(path: &Path, limits: Limits, max_pages: u32) -> Result<TextLayer, DocError> {
    let answer = textlayer_helper::request(path, limits, max_pages)
        .map_err(|e| helper_error(path, limits, e))?;
    parse_answer(&answer).map_err(|failure| match failure {
        AnswerError::Refused { code, .. } if code == POPPLER_ERR_ENCRYPTED => DocError::Encrypted {
            path: path.to_path_buf(),
        },
        AnswerError::Refused { message, .. } => DocError::Damaged {
            path: path.to_path_buf(),
            detail: if message.is_empty() {
                "the PDF reader could not open the file".into()
            } else {
                message
            },
        },
        AnswerError::TooManyPages(pages) => DocError::TooManyPages {
            path: path.to_path_buf(),
            pages,
            limit: max_pages,
        },
        AnswerError::Malformed(detail) => DocError::Damaged {
            path: path.to_path_buf(),
            detail: format!("unreadable answer from {HELPER_NAME}: {detail}"),
        },
    })
}

fn helper_error(path: &Path, limits: Limits, error: HelperError) -> DocError {
    let path = path.to_path_buf();
    match error {
        HelperError::Timeout => DocError::Timeout {
            path,
            seconds: limits.timeout.as_secs(),
        },
        HelperError::Spawn { program, error } => DocError::ToolMissing {
            path,
            tool: HELPER_NAME,
            detail: format!(
                "{}: {error}; it is built with undoc and installed beside it, or named by \
                 {HELPER_ENV}",
                program.display()
            ),
        },
        HelperError::Incompatible { program, greeting } => DocError::ToolMissing {
            path,
            tool: HELPER_NAME,
            detail: format!(
                "{} is not the helper this undoc needs (it said {greeting:?}, expected {:?}); \
                 install undoc and undoc-textlayer together",
                program.display(),
                textlayer_helper::GREETING.trim()
            ),
        },
        HelperError::Died(status) => DocError::Damaged {
            path,
            detail: match status {
                Some(status) => {
                    format!("the PDF reader crashed or ran out of its memory allowance ({status})")
                }
                None => "the PDF reader crashed or ran out of its memory allowance".into(),
            },
        },
    }
}

/// Why an answer gave no pages.
#[derive(Debug, PartialEq)]
pub enum AnswerError {
    /// poppler could not open the file (its error code and messages).
    Refused {
        /// poppler's error code.
        code: i64,
        /// poppler's messages.
        message: String,
    },
    /// The PDF has more pages (this many) than the request allowed.
    TooManyPages(u32),
    /// The answer does not follow the protocol.
    Malformed(String),
}

/// Parses the helper's answer (protocol in native/textlayer.cc) into pages of lines of
/// words and the pages' images. Words that are only white space are dropped; lines left
/// empty too.
pub fn parse_answer(answer: &[u8]) -> Result<TextLayer, AnswerError> {
    let mut pages: Vec<Page> = Vec::new();
    let mut images: Vec<PageImage> = Vec::new();
    let mut drawing_points: Vec<u32> = Vec::new();
    let mut line_words: Vec<Word> = Vec::new();
    let mut word_fonts: Vec<Vec<Option<u32>>> = Vec::new();
    let mut font_names: BTreeMap<u32, String> = BTreeMap::new();
    let mut font: Option<u32> = None;
    let mut ended = false;
    for (index, line) in answer.split(|&b| b == b'\n').enumerate() {
        let malformed = || AnswerError::Malformed(format!("line {}", index + 1));
        match line.first() {
            Some(b'W') => {
                let (bbox, text) = parse_word(line).ok_or_else(malformed)?;
                if !text.trim().is_empty() {
                    line_words.push(Word { text, bbox });
                    if let Some(fonts) = word_fonts.last_mut() {
                        fonts.push(font);
                    }
                }
            }
            Some(b'S') => {
                let mut fields = Fields(line.get(2..).ok_or_else(malformed)?);
                let number = fields.int().ok_or_else(malformed)?;
                // Fonts defined inline have no object number of their own.
                let id = u32::try_from(number).unwrap_or(u32::MAX);
                font_names.entry(id).or_insert_with(|| unescape(fields.0));
                font = Some(id);
            }
            Some(b'L') => flush_line(&mut pages, &mut line_words),
            Some(b'P') => {
                flush_line(&mut pages, &mut line_words);
                let mut numbers = Fields(line.get(2..).ok_or_else(malformed)?);
                let width = numbers.coord().ok_or_else(malformed)?;
                let height = numbers.coord().ok_or_else(malformed)?;
                pages.push(new_page(pages.len() as u32 + 1, width, height));
                word_fonts.push(Vec::new());
                font = None;
            }
            Some(b'I') => {
                let page = pages.len() as u32;
                images.push(parse_image(page, line).ok_or_else(malformed)?);
            }
            Some(b'G') => {
                let points = Fields(line.get(2..).ok_or_else(malformed)?).int();
                let points = points.ok_or_else(malformed)?.clamp(0, i64::from(u32::MAX));
                drawing_points.resize(pages.len().saturating_sub(1), 0);
                drawing_points.push(points as u32);
            }
            Some(b'D') => {}
            Some(b'E') => {
                flush_line(&mut pages, &mut line_words);
                ended = true;
                break;
            }
            Some(b'F') => return Err(refusal(line)),
            Some(b'T') => {
                let pages = Fields(line.get(2..).unwrap_or_default()).int();
                let pages = pages.and_then(|p| u32::try_from(p).ok());
                return Err(pages.map_or_else(malformed, AnswerError::TooManyPages));
            }
            None => {}
            Some(_) => return Err(malformed()),
        }
    }
    if !ended {
        return Err(AnswerError::Malformed("the answer is cut short".into()));
    }
    drawing_points.resize(pages.len(), 0);
    Ok(TextLayer {
        pages,
        images,
        drawing_points,
        word_fonts,
        font_names,
    })
}

fn flush_line(pages: &mut [Page], words: &mut Vec<Word>) {
    if let (Some(page), false) = (pages.last_mut(), words.is_empty()) {
        page.lines.push(Line::from_words(std::mem::take(words)));
    }
    words.clear();
}

fn new_page(number: u32, width: f32, height: f32) -> Page {
    Page {
        number,
        width,
        height,
        lines: Vec::new(),
        method: PageMethod::TextLayer,
        ocr: None,
        blank: false,
    }
}

/// `W <x0> <y0> <x1> <y1> <text>`.
fn parse_word(line: &[u8]) -> Option<(BBox, String)> {
    let mut fields = Fields(line.get(2..)?);
    let bbox = BBox {
        x0: fields.coord()?,
        y0: fields.coord()?,
        x1: fields.coord()?,
        y1: fields.coord()?,
    };
    Some((bbox, unescape(fields.0)))
}

/// `I <width px> <height px> <x ppi> <y ppi>` (ppi in millionths), on page `page`.
fn parse_image(page: u32, line: &[u8]) -> Option<PageImage> {
    let mut fields = Fields(line.get(2..)?);
    Some(PageImage {
        page,
        width_px: u32::try_from(fields.int()?).ok()?,
        height_px: u32::try_from(fields.int()?).ok()?,
        x_ppi: fields.coord()?,
        y_ppi: fields.coord()?,
    })
}

/// `F <code> <message>`.
fn refusal(line: &[u8]) -> AnswerError {
    let rest = line.get(2..).unwrap_or_default();
    let (code, message) = match rest.iter().position(|&b| b == b' ') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    AnswerError::Refused {
        code: std::str::from_utf8(code)
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(-1),
        message: unescape(message),
    }
}

/// Space-separated integer fields read from the front.
struct Fields<'a>(&'a [u8]);

impl Fields<'_> {
    /// A length in millionths of a point (or a resolution in millionths), as `f32`.
    fn coord(&mut self) -> Option<f32> {
        Some((self.int()? as f64 / 1e6) as f32)
    }

    fn int(&mut self) -> Option<i64> {
        let end = self
            .0
            .iter()
            .position(|&b| b == b' ')
            .unwrap_or(self.0.len());
        let (digits, negative) = match self.0[..end].split_first() {
            Some((b'-', rest)) => (rest, true),
            _ => (&self.0[..end], false),
        };
        if digits.is_empty() || digits.len() > 18 {
            return None;
        }
        let mut value: i64 = 0;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            value = value * 10 + i64::from(d - b'0');
        }
        self.0 = self.0.get(end + 1..).unwrap_or_default();
        Some(if negative { -value } else { value })
    }
}

/// Undoes the helper's escapes (`\\`, `\n`, `\r`); invalid UTF-8 becomes U+FFFD.
fn unescape(raw: &[u8]) -> String {
    if !raw.contains(&b'\\') {
        return String::from_utf8_lossy(raw).into_owned();
    }
    let mut bytes = Vec::with_capacity(raw.len());
    let mut iter = raw.iter();
    while let Some(&b) = iter.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match iter.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b'r') => bytes.push(b'\r'),
            Some(&other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pages_lines_words_and_escapes() {
        let answer = b"D 2\nP 595000000 842000000\nL\nS 12 EHDOJC+TimesNewRoman\nW 10000000 20000000 30000000 29000000 A\\\\B\nS 40 Arial\nW 32000000 20000000 40500000 29000000 x\\ny\nL\nW -1000000 5 6 7  \nP 595000000 842000000\nI 2481 3508 300000000 299500000\nG 1234\nE\n";
        let layer = parse_answer(answer).unwrap();
        let pages = &layer.pages;
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].width, 595.0);
        assert_eq!(pages[0].lines.len(), 1, "a line of blank words is dropped");
        assert_eq!(pages[0].lines[0].text(), "A\\B x\ny");
        assert_eq!(pages[0].lines[0].bbox.unwrap().x1, 40.5);
        assert!(pages[1].lines.is_empty());
        assert_eq!(pages[1].number, 2);
        assert_eq!(layer.images.len(), 1);
        let image = &layer.images[0];
        assert_eq!(
            (image.page, image.width_px, image.height_px),
            (2, 2481, 3508)
        );
        assert_eq!((image.x_ppi, image.y_ppi), (300.0, 299.5));
        assert_eq!(layer.drawing_points, [0, 1234]);
        assert_eq!(layer.word_fonts, [vec![Some(12), Some(40)], vec![]]);
        assert_eq!(layer.font_names[&12], "EHDOJC+TimesNewRoman");
    }

    #[test]
    fn refusals_and_broken_answers_are_errors() {
        assert_eq!(
            parse_answer(b"F 4 Incorrect password\n").unwrap_err(),
            AnswerError::Refused {
                code: 4,
                message: "Incorrect password".into()
            }
        );
        assert_eq!(
            parse_answer(b"T 3000\n").unwrap_err(),
            AnswerError::TooManyPages(3000)
        );
        assert!(matches!(
            parse_answer(b"D 1\nP 1 2\nL\nW 1 2 3 4 a\n"),
            Err(AnswerError::Malformed(_))
        ));
        assert!(matches!(
            parse_answer(b"D 1\nP 1 2\nW 1 2 x 4 a\nE\n"),
            Err(AnswerError::Malformed(_))
        ));
    }
}
