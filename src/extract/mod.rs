//! Extraction: from an input file to pages of lines. PDFs are read through their text
//! layer ([`textlayer`]); text inputs are read as they are ([`text_input`]).

pub mod text_input;
pub mod textlayer;
