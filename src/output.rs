//! Writing records: JSON Lines, one record per line, committed atomically. A file
//! output is written to a temporary file beside the target, flushed to disk and renamed
//! over the target only when complete, so readers never see a half-written file and an
//! interrupted run leaves the previous output intact.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::model::Record;

/// Where records go.
pub enum RecordWriter {
    Stdout(BufWriter<io::Stdout>),
    File {
        target: PathBuf,
        temp: PathBuf,
        writer: Option<BufWriter<File>>,
    },
}

impl RecordWriter {
    /// `-` means standard output; anything else a file committed on [`finish`].
    pub fn create(target: &Path) -> io::Result<RecordWriter> {
        if target.as_os_str() == "-" {
            return Ok(RecordWriter::Stdout(BufWriter::new(io::stdout())));
        }
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other(format!("{}: not a file name", target.display())))?;
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".tmp-{}", std::process::id()));
        let temp = target.with_file_name(temp_name);
        let file = File::create(&temp)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", temp.display())))?;
        Ok(RecordWriter::File {
            target: target.to_path_buf(),
            temp,
            writer: Some(BufWriter::new(file)),
        })
    }

    /// Appends one record as a JSON line.
    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        let w: &mut dyn Write = match self {
            RecordWriter::Stdout(w) => w,
            RecordWriter::File { writer, .. } => writer
                .as_mut()
                .ok_or_else(|| io::Error::other("output already committed"))?,
        };
        serde_json::to_writer(&mut *w, record)?;
        w.write_all(b"\n")
    }

    /// Flushes and, for a file, makes it durable and renames it into place.
    pub fn finish(mut self) -> io::Result<()> {
        match &mut self {
            RecordWriter::Stdout(w) => w.flush(),
            RecordWriter::File {
                target,
                temp,
                writer,
            } => {
                let writer = writer
                    .take()
                    .ok_or_else(|| io::Error::other("output already committed"))?;
                let file = writer.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                drop(file);
                std::fs::rename(&*temp, &*target)?;
                sync_parent(target)
            }
        }
    }
}

/// Makes a rename durable by syncing the folder that holds the file.
pub fn sync_parent(path: &Path) -> io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(parent)?.sync_all()
}

impl Drop for RecordWriter {
    fn drop(&mut self) {
        // A writer dropped without `finish` (an error) leaves no temporary file behind.
        if let RecordWriter::File {
            temp,
            writer: Some(_),
            ..
        } = self
        {
            let _ = std::fs::remove_file(temp);
        }
    }
}
