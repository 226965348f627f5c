//! Extraction: from a file to positioned pages (text layer, OCR, image inputs).

pub mod decide;
pub mod image_input;
pub mod image_prep;
pub mod ocr;
pub mod render;
