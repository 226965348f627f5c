//! Image preparation before OCR.

use crate::extract::render::GrayImage;

/// Prepares a page image for Tesseract.
pub fn prepare(image: GrayImage) -> GrayImage {
    image
}
