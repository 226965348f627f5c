//! Typed errors of the library. Each names the file it concerns; the CLI adds no more
//! than presentation.

use std::path::PathBuf;

/// Why a document could not be processed. `kind()` gives the stable string written to
/// the record's `error.kind`.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: not a PDF (the file does not start with %PDF-)")]
    NotAPdf { path: PathBuf },
    #[error("{path}: the PDF is encrypted with a password")]
    Encrypted { path: PathBuf },
    #[error("{path}: the PDF is damaged or truncated: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path}: processing took longer than the limit of {seconds} s")]
    Timeout { path: PathBuf, seconds: u64 },
    #[error("{path}: an internal error stopped the processing of this document: {detail}")]
    Panic { path: PathBuf, detail: String },
    #[error("{path}: the PDF has {pages} pages, more than the limit of {limit}")]
    TooManyPages {
        path: PathBuf,
        pages: u32,
        limit: u32,
    },
    #[error("{path}: {tool} is needed to read PDFs but could not be run: {detail} (run scripts/setup.sh)")]
    ToolMissing {
        path: PathBuf,
        tool: &'static str,
        detail: String,
    },
    #[error("{path}: the text is not valid UTF-8 (byte {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: unsupported file type")]
    Unsupported { path: PathBuf },
    #[error("{path}: cannot read the image: {detail}")]
    Image { path: PathBuf, detail: String },
}

impl DocError {
    /// The stable `error.kind` string of the record.
    pub fn kind(&self) -> &'static str {
        match self {
            DocError::Io { .. } => "io",
            DocError::Empty { .. } => "empty",
            DocError::NotAPdf { .. } => "not-a-pdf",
            DocError::Encrypted { .. } => "encrypted",
            DocError::Damaged { .. } => "damaged",
            DocError::Timeout { .. } => "timeout",
            DocError::Panic { .. } => "panic",
            DocError::TooManyPages { .. } => "too-many-pages",
            DocError::ToolMissing { .. } => "tool-missing",
            DocError::NotUtf8 { .. } => "not-utf8",
            DocError::Unsupported { .. } => "unsupported",
            DocError::Image { .. } => "image",
        }
    }
}
