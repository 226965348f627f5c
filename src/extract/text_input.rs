//! Text inputs (`.txt`, `.md`): extractions made by other tools. The whole file is one
//! page of plain lines (form feeds, when present, separate pages).

use std::path::Path;

use crate::error::DocError;
use crate::model::{Line, Page, PageMethod};

/// Reads a UTF-8 text file into pages of plain lines.
pub fn read_text_input(path: &Path, bytes: &[u8]) -> Result<Vec<Page>, DocError> {
    let text = std::str::from_utf8(bytes).map_err(|e| DocError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    Ok(text
        .split('\u{000C}')
        .enumerate()
        .map(|(i, page)| Page {
            number: i as u32 + 1,
            width: 0.0,
            height: 0.0,
            lines: page.split('\n').map(Line::plain).collect(),
            method: PageMethod::TextInput,
            ocr: None,
            blank: false,
        })
        .collect())
}
