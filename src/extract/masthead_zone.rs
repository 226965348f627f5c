//! A second reading of the masthead of an OCRed first page.
//!
//! Tesseract's full-page layout analysis reads a UN masthead poorly: the large bold
//! symbol loses characters (`S/20` for `S/2015/74`), and the narrow right-hand column
//! (`Distr.: General`, the date, the language lines) is merged into one misread block
//! (`rats`). The top band of the first page, where every UN masthead sits, is therefore
//! read once more as sparse text (Tesseract's page segmentation mode 11: every run of
//! text found on its own, no columns or paragraphs assumed), with the page's languages.
//! The lines of that reading go with the page ([`OcrInfo::masthead_zone`]) and are used
//! by the parsers only to check and complete the symbol, date and organ; they never
//! enter the body.
//!
//! [`OcrInfo::masthead_zone`]: crate::model::page::OcrInfo::masthead_zone

use crate::extract::ocr::{ocr_gray_sparse, Binarization, OcrError};
use crate::extract::render::GrayImage;
use crate::model::Line;

/// Share of the page height, from the top, that the masthead zone covers: the masthead,
/// its rules, the session and agenda lines and the title of an A4 or letter page.
pub const ZONE_HEIGHT: f32 = 0.22;

/// Reads the top band of a page image as sparse text. Boxes are in the image's pixels
/// (the band starts at the top of the page, so they need no shift).
pub fn read(
    image: &GrayImage,
    languages: &str,
    binarization: Binarization,
) -> Result<Vec<Line>, OcrError> {
    let rows = ((image.height as f32 * ZONE_HEIGHT) as u32).min(image.height);
    if rows == 0 || image.width == 0 {
        return Ok(Vec::new());
    }
    let band = GrayImage {
        width: image.width,
        height: rows,
        dpi: image.dpi,
        pixels: image.pixels[..(image.width * rows) as usize].to_vec(),
    };
    Ok(ocr_gray_sparse(&band, languages, binarization)?.lines)
}
