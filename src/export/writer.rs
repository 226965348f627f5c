//! Writing the Markdown export into a folder: one `.md` per record, each written
//! atomically (`.NAME.tmp-<pid>` in the same folder, fsynced, renamed over `NAME`; the
//! folder is fsynced at the end), so a reader never sees half a file. A file whose
//! content would not change is left alone (its modification time too), so nightly
//! exports only touch what changed.
//!
//! Failed records (`status` `failed`) get no file: a document that could not be read
//! has no text for a reader or an index, and a stub would put empty documents into
//! them; the count of failed records is reported instead. `deleted` lines of a changes
//! file are skipped the same way. Files of records that left the output are not
//! removed: the folder may hold other files, and undoc deletes nothing it cannot be
//! sure it wrote (export into a fresh folder, or use the changes feed, for deletions).

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::markdown::{render, MdRecord};
use super::names::Namer;

/// Why an export stopped. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The records file could not be read.
    #[error("{path}: cannot read the records: {source}")]
    Read {
        /// The records file.
        path: PathBuf,
        #[source]
        /// What the system said.
        source: io::Error,
    },
    /// A line that is not an undoc record.
    #[error("{path}: line {line} is not an undoc record: {source}")]
    NotARecord {
        /// The records file.
        path: PathBuf,
        /// The line (from 1).
        line: usize,
        #[source]
        /// Why it is not a record.
        source: serde_json::Error,
    },
    /// A Markdown file could not be written.
    #[error("{path}: cannot write the Markdown file: {source}")]
    Write {
        /// The Markdown file.
        path: PathBuf,
        #[source]
        /// What the system said.
        source: io::Error,
    },
}

/// What an export did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExportStats {
    /// Files written (new or changed).
    pub written: usize,
    /// Files already there with the same content.
    pub unchanged: usize,
    /// Failed records (no file).
    pub failed: usize,
    /// Lines that are not records of a document (`deleted` lines of a changes file).
    pub skipped: usize,
}

impl ExportStats {
    /// `undoc: 9 Markdown files in out/md (7 written, 2 unchanged); 1 failed record has no file`.
    pub fn one_line(&self, dir: &Path) -> String {
        let mut line = format!(
            "undoc: {} Markdown files in {} ({} written, {} unchanged)",
            self.written + self.unchanged,
            dir.display(),
            self.written,
            self.unchanged
        );
        if self.failed > 0 {
            line += &format!("; {} failed records have no file", self.failed);
        }
        line
    }
}

/// A folder receiving Markdown files, record after record.
pub struct MarkdownDir {
    dir: PathBuf,
    namer: Namer,
    stats: ExportStats,
}

impl MarkdownDir {
    /// Creates the folder if needed and removes temporary files of dead exports.
    pub fn create(dir: &Path) -> Result<MarkdownDir, ExportError> {
        fs::create_dir_all(dir).map_err(|source| ExportError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        remove_stale_temp_files(dir);
        Ok(MarkdownDir {
            dir: dir.to_path_buf(),
            namer: Namer::default(),
            stats: ExportStats::default(),
        })
    }

    /// Adds one record given as a JSON line. `origin` and `line` name it in errors.
    pub fn add_json(&mut self, json: &str, origin: &Path, line: usize) -> Result<(), ExportError> {
        let record: MdRecord =
            serde_json::from_str(json).map_err(|source| ExportError::NotARecord {
                path: origin.to_path_buf(),
                line,
                source,
            })?;
        self.add(&record)
    }

    /// Adds one record: writes its file unless it failed.
    pub fn add(&mut self, record: &MdRecord) -> Result<(), ExportError> {
        match record.status.as_str() {
            "ok" => {}
            "failed" => {
                self.stats.failed += 1;
                return Ok(());
            }
            _ => {
                self.stats.skipped += 1;
                return Ok(());
            }
        }
        let path = self.dir.join(self.namer.name(record));
        let content = render(record);
        if write_if_changed(&path, content.as_bytes())? {
            self.stats.written += 1;
        } else {
            self.stats.unchanged += 1;
        }
        Ok(())
    }

    /// Makes the renames durable (fsync of the folder) and tells what was done.
    pub fn finish(self) -> Result<ExportStats, ExportError> {
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(|source| ExportError::Write {
                path: self.dir.clone(),
                source,
            })?;
        Ok(self.stats)
    }
}

/// Exports every record of a JSON Lines file (`-` for standard input) into `dir`.
pub fn export_records_file(records: &Path, dir: &Path) -> Result<ExportStats, ExportError> {
    let read_err = |source| ExportError::Read {
        path: records.to_path_buf(),
        source,
    };
    let input: Box<dyn BufRead> = if records.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::new(File::open(records).map_err(read_err)?))
    };
    let mut out = MarkdownDir::create(dir)?;
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(read_err)?;
        if line.trim().is_empty() {
            continue;
        }
        out.add_json(&line, records, i + 1)?;
    }
    out.finish()
}

/// Writes `content` to `path` atomically unless the file already holds exactly it.
/// Returns whether it wrote.
fn write_if_changed(path: &Path, content: &[u8]) -> Result<bool, ExportError> {
    if fs::read(path).is_ok_and(|old| old == content) {
        return Ok(false);
    }
    let err = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let temp = temp_path(path);
    let written = (|| -> io::Result<()> {
        let mut file = File::create(&temp)?;
        file.write_all(content)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(source) = written {
        let _ = fs::remove_file(&temp);
        return Err(err(source));
    }
    Ok(true)
}

const TEMP_MARK: &str = ".tmp-";

/// `.NAME.tmp-<pid>` next to `path`.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}{TEMP_MARK}{}", std::process::id()))
}

/// Removes `.*.md.tmp-<pid>` files whose writer is dead.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Ok(name) = std::str::from_utf8(name.as_bytes()) else {
            continue;
        };
        let Some((stem, pid)) = name.rsplit_once(TEMP_MARK) else {
            continue;
        };
        if !stem.starts_with('.') || !stem.ends_with(".md") {
            continue;
        }
        if let Ok(pid) = pid.parse::<i32>() {
            if pid > 0 && !crate::emit::process_is_alive(pid) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_what_changed_and_skips_failed_records() {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join("r.jsonl");
        let ok = r#"{"id":"ab","status":"ok","symbol":"A/1","language":"en","source":{"path":"a.pdf"},"body":"Hello.","paragraphs":[{"index":0,"kind":"text","number":null,"verb":null,"text":"Hello."}]}"#;
        let failed = r#"{"id":"cd","status":"failed","source":{"path":"b.pdf"}}"#;
        fs::write(&records, format!("{ok}\n{failed}\n")).unwrap();
        let md = dir.path().join("md");
        fs::create_dir_all(&md).unwrap();
        fs::write(md.join(".A_1.en.md.tmp-999999999"), "stale").unwrap();
        let first = export_records_file(&records, &md).unwrap();
        assert_eq!((first.written, first.failed), (1, 1));
        let again = export_records_file(&records, &md).unwrap();
        assert_eq!((again.written, again.unchanged), (0, 1));
        let names: Vec<_> = fs::read_dir(&md)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, ["A_1.en.md"]);
        assert!(fs::read_to_string(md.join("A_1.en.md"))
            .unwrap()
            .ends_with("---\n\nHello.\n"));
    }

    #[test]
    fn a_line_that_is_not_a_record_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join("r.jsonl");
        fs::write(&records, "{\"id\":\"x\",\"status\":\"ok\"}\nnot json\n").unwrap();
        let err = export_records_file(&records, &dir.path().join("md")).unwrap_err();
        assert!(err
            .to_string()
            .contains("r.jsonl: line 2 is not an undoc record"));
    }
}
