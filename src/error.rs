//! Typed errors of the library. Each names the file it concerns; the CLI adds no more
//! than presentation.

use std::path::PathBuf;

/// Why a document could not be processed. `kind()` gives the stable string written to
/// the record's `error.kind`.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// The file could not be read.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The document.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The file has no bytes.
    #[error("{path}: the file is empty")]
    Empty {
        /// The document.
        path: PathBuf,
    },
    /// A file taken as a PDF that does not start with `%PDF-`.
    #[error("{path}: not a PDF (the file does not start with %PDF-)")]
    NotAPdf {
        /// The document.
        path: PathBuf,
    },
    /// A PDF that needs a password.
    #[error("{path}: the PDF is encrypted with a password")]
    Encrypted {
        /// The document.
        path: PathBuf,
    },
    /// A PDF that poppler cannot read.
    #[error("{path}: the PDF is damaged or truncated: {detail}")]
    Damaged {
        /// The document.
        path: PathBuf,
        /// What the reader said.
        detail: String,
    },
    /// The document took longer than its deadline (`--doc-timeout`, plus the OCR pages').
    #[error("{path}: processing took longer than the limit of {seconds} s")]
    Timeout {
        /// The document.
        path: PathBuf,
        /// The limit that was passed.
        seconds: u64,
    },
    /// A stage panicked on this document (caught; the batch goes on).
    #[error("{path}: an internal error stopped the processing of this document: {detail}")]
    Panic {
        /// The document.
        path: PathBuf,
        /// The panic's message.
        detail: String,
    },
    /// A PDF with more pages than `--max-pages`.
    #[error("{path}: the PDF has {pages} pages, more than the limit of {limit}")]
    TooManyPages {
        /// The document.
        path: PathBuf,
        /// Its page count.
        pages: u32,
        /// The limit.
        limit: u32,
    },
    /// A program undoc runs (the text-layer helper, poppler's tools) could not be run.
    #[error("{path}: {tool} is needed to read PDFs but could not be run: {detail} (run scripts/setup.sh)")]
    ToolMissing {
        /// The document.
        path: PathBuf,
        /// The program.
        tool: &'static str,
        /// Why it could not be run.
        detail: String,
    },
    /// A text input that is not UTF-8.
    #[error("{path}: the text is not valid UTF-8 (byte {offset})")]
    NotUtf8 {
        /// The document.
        path: PathBuf,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A file of a kind undoc does not read.
    #[error("{path}: unsupported file type")]
    Unsupported {
        /// The document.
        path: PathBuf,
    },
    /// An image input that cannot be decoded.
    #[error("{path}: cannot read the image: {detail}")]
    Image {
        /// The document.
        path: PathBuf,
        /// What the decoder said.
        detail: String,
    },
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
