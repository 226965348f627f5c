//! Extraction: from an input file to pages of positioned lines. PDFs are read through
//! their text layer ([`textlayer`]); each page is checked ([`decide`]) and OCRed when
//! its text layer is missing or unusable ([`render`], [`image_prep`], [`ocr`]); images
//! ([`image_input`]) are OCRed; text inputs are read as they are ([`text_input`]).

pub mod decide;
pub mod image_input;
pub mod image_prep;
pub mod lib_messages;
pub mod ocr;
pub mod render;
pub mod text_input;
pub mod textlayer;
pub mod textlayer_helper;
