//! Pages, lines and words as extraction delivers them.
//!
//! A text layer (or OCR) gives words with boxes in page coordinates (points for PDFs,
//! pixels for images, origin top-left, y growing downwards). Text inputs have no
//! geometry: their lines carry text only.

use serde::Serialize;

/// An axis-aligned box, top-left origin.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BBox {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl BBox {
    /// `y1 - y0`.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
    /// `x1 - x0`.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    /// The smallest box containing both.
    pub fn union(&self, other: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }
    /// How much the two boxes overlap vertically, as a share of the smaller height.
    pub fn vertical_overlap(&self, other: &BBox) -> f32 {
        let top = self.y0.max(other.y0);
        let bottom = self.y1.min(other.y1);
        let smaller = self.height().min(other.height()).max(f32::EPSILON);
        ((bottom - top) / smaller).max(0.0)
    }
}

/// One word with its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word as read.
    pub text: String,
    /// Its box.
    pub bbox: BBox,
}

/// One visual line. `bbox` is `None` for text inputs, which have no geometry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The words, left to right (in reading order for right-to-left scripts after cleaning).
    pub words: Vec<Word>,
    /// The union of the words' boxes.
    pub bbox: Option<BBox>,
    /// The line's text when it has no words (text inputs).
    pub plain: Option<String>,
}

impl Line {
    /// A line of a text input: text only, no geometry.
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            words: Vec::new(),
            bbox: None,
            plain: Some(text.into()),
        }
    }

    /// A positioned line made of words; its box is the union of theirs.
    pub fn from_words(words: Vec<Word>) -> Line {
        let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b));
        Line {
            words,
            bbox,
            plain: None,
        }
    }

    /// The words joined by single spaces (or the plain text).
    pub fn text(&self) -> String {
        match &self.plain {
            Some(t) => t.clone(),
            None => self
                .words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// How a page's text was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageMethod {
    /// Read from the PDF's text layer.
    TextLayer,
    /// OCRed by undoc.
    Ocr,
    /// A text input's lines.
    TextInput,
}

/// One page of a document as extracted.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width (points for PDFs, pixels for images).
    pub width: f32,
    /// Page height (points for PDFs, pixels for images).
    pub height: f32,
    /// The page's lines.
    pub lines: Vec<Line>,
    /// How the text was obtained.
    pub method: PageMethod,
    /// OCR details, when the page was OCRed.
    pub ocr: Option<OcrInfo>,
    /// Nothing on the page: no text, image or drawing, or only images without ink
    /// (a white scan). A blank page is neither rendered nor OCRed and gets no warning.
    pub blank: bool,
}

impl Page {
    /// Number of non-whitespace characters on the page.
    pub fn chars(&self) -> usize {
        self.lines
            .iter()
            .map(|l| l.text().chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    }
}

/// What OCR reports about a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OcrInfo {
    /// Tesseract language string used, e.g. `fra+eng`.
    pub languages: String,
    /// Tesseract's mean word confidence, 0–100.
    pub confidence: f32,
    /// Why these languages (`--lang auto`): `option` (`--lang` named them), `page-text`,
    /// `document-text`, `file-name`, `script-detection` or `ocr-text` (a first reading
    /// of the page showed its language).
    pub languages_from: &'static str,
    /// The script Tesseract's orientation and script detection saw (`Latin`,
    /// `Cyrillic`, `Arabic`, `Han`, …), when it ran on the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// Degrees (90, 180, 270) the page image was turned clockwise before OCR, because
    /// the scan was rotated or upside down; 0 (not written) when it was not turned.
    #[serde(skip_serializing_if = "is_zero")]
    pub rotation: u32,
    /// The first page's masthead read a second time, as sparse text
    /// (`extract::masthead_zone`): for checking the symbol, date and organ, never body
    /// text. Empty on other pages.
    #[serde(skip)]
    pub masthead_zone: Vec<Line>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
