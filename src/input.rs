//! Finding the inputs: files and folders given on the command line, walked
//! recursively, classified as PDF, image or text, in a stable order (by path bytes).

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::model::SourceFormat;

/// One input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The path, as given or as found below a given folder.
    pub path: PathBuf,
    /// How the file is read.
    pub format: SourceFormat,
}

/// A path given on the command line that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// A path that does not exist.
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    /// A folder that cannot be listed.
    #[error("{path}: cannot read the folder: {source}")]
    Unreadable {
        /// The folder.
        path: PathBuf,
        #[source]
        /// What the system said.
        source: std::io::Error,
    },
}

const PDF_EXT: &[&str] = &["pdf"];
const IMAGE_EXT: &[&str] = &["png", "jpg", "jpeg", "tif", "tiff"];
const TEXT_EXT: &[&str] = &["txt", "md", "markdown"];

/// The format a file name announces, if it is one undoc reads.
pub fn format_by_extension(path: &Path) -> Option<SourceFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if PDF_EXT.contains(&ext.as_str()) {
        Some(SourceFormat::Pdf)
    } else if IMAGE_EXT.contains(&ext.as_str()) {
        Some(SourceFormat::Image)
    } else if TEXT_EXT.contains(&ext.as_str()) {
        Some(SourceFormat::Text)
    } else {
        None
    }
}

/// Collects the documents below the given paths, sorted by path bytes, without
/// duplicates. Files named explicitly are taken whatever their extension (as PDF unless
/// their name says otherwise); inside folders only known extensions are taken, and
/// hidden files and folders are skipped.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<InputFile>, InputError> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|_| InputError::Missing(path.clone()))?;
        if meta.is_dir() {
            walk(path, &mut found)?;
        } else {
            let format = format_by_extension(path).unwrap_or(SourceFormat::Pdf);
            found.push(InputFile {
                path: path.clone(),
                format,
            });
        }
    }
    found.sort_by(|a, b| {
        a.path
            .as_os_str()
            .as_bytes()
            .cmp(b.path.as_os_str().as_bytes())
    });
    found.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_bytes().first() == Some(&b'.')
}

fn walk(dir: &Path, found: &mut Vec<InputFile>) -> Result<(), InputError> {
    let entries = std::fs::read_dir(dir).map_err(|source| InputError::Unreadable {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        if is_hidden(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, found)?;
        } else if let Some(format) = format_by_extension(&path) {
            found.push(InputFile { path, format });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_extension() {
        assert_eq!(
            format_by_extension(Path::new("a/B.PDF")),
            Some(SourceFormat::Pdf)
        );
        assert_eq!(
            format_by_extension(Path::new("x.tiff")),
            Some(SourceFormat::Image)
        );
        assert_eq!(
            format_by_extension(Path::new("x.md")),
            Some(SourceFormat::Text)
        );
        assert_eq!(format_by_extension(Path::new("x.docx")), None);
    }
}
