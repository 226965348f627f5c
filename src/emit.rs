//! Output that other tools can trust: records as JSON Lines (one compact record per
//! line, sorted by the byte order of the source path), written atomically.
//!
//! A file output is written to `.OUT.tmp-<pid>` in the same folder, flushed and fsynced,
//! renamed over `OUT`, and the folder is fsynced: a reader sees either the previous
//! complete file or the new complete file, whatever happens to the writer (SIGKILL, full
//! disk, power loss). `-o -` streams to stdout instead (no atomicity there: the reader
//! owns the pipe). Temporary files left by a killed writer are removed by the next one.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::Record;

/// Why an output could not be written. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("{path}: cannot write the output: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot serialize a record: {0}")]
    Json(#[from] serde_json::Error),
}

/// Where records go: a file (written atomically) or stdout (`-o -`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputTarget {
    /// A file, replaced atomically.
    File(PathBuf),
    /// Standard output (`-o -`).
    Stdout,
}

impl OutputTarget {
    /// `-` means stdout; anything else is a file path.
    pub fn from_arg(arg: &Path) -> OutputTarget {
        if arg.as_os_str() == "-" {
            OutputTarget::Stdout
        } else {
            OutputTarget::File(arg.to_path_buf())
        }
    }

    /// How to name the output in messages.
    pub fn display_name(&self) -> PathBuf {
        match self {
            OutputTarget::File(path) => path.clone(),
            OutputTarget::Stdout => PathBuf::from("<stdout>"),
        }
    }
}

/// A record as one JSON Lines line (compact JSON, no trailing newline). Every writer of
/// records uses this, so that outputs of different runs compare byte for byte.
pub fn record_line(record: &Record) -> Result<String, serde_json::Error> {
    serde_json::to_string(record)
}

/// A writer that only replaces its target when [`AtomicWriter::commit`] is called.
/// Dropping it without committing removes the temporary file and leaves the target as
/// it was.
pub struct AtomicWriter {
    target: OutputTarget,
    temp: Option<PathBuf>,
    /// The regular file the temporary file is renamed over (the target, or the file a
    /// symbolic link target points to).
    rename_to: PathBuf,
    sink: Sink,
}

enum Sink {
    File(BufWriter<File>),
    /// A device, FIFO or socket (`-o /dev/null`, a named pipe): written in place, since
    /// renaming over it would replace the device with a regular file.
    Special(BufWriter<File>),
    Stdout(BufWriter<io::Stdout>),
    Done,
}

impl AtomicWriter {
    /// Starts writing `target`: creates `.OUT.tmp-<pid>` next to it (after removing the
    /// temporary files of dead writers), or wraps stdout.
    pub fn create(target: &OutputTarget) -> Result<AtomicWriter, EmitError> {
        match target {
            OutputTarget::Stdout => Ok(AtomicWriter {
                target: target.clone(),
                temp: None,
                rename_to: PathBuf::new(),
                sink: Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
            }),
            OutputTarget::File(out) if is_special_file(out) => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(out)
                    .map_err(|source| EmitError::Io {
                        path: out.clone(),
                        source,
                    })?;
                Ok(AtomicWriter {
                    target: target.clone(),
                    temp: None,
                    rename_to: out.clone(),
                    sink: Sink::Special(BufWriter::with_capacity(1 << 16, file)),
                })
            }
            OutputTarget::File(link) => {
                let out = &resolve_symlink(link);
                let dir = parent_dir(out);
                fs::create_dir_all(dir).map_err(|source| EmitError::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
                remove_stale_temp_files(out);
                let temp = temp_path(out, std::process::id());
                let file = File::create(&temp).map_err(|source| EmitError::Io {
                    path: temp.clone(),
                    source,
                })?;
                Ok(AtomicWriter {
                    target: target.clone(),
                    temp: Some(temp),
                    rename_to: out.clone(),
                    sink: Sink::File(BufWriter::with_capacity(1 << 16, file)),
                })
            }
        }
    }

    /// Writes one JSON Lines line (the newline is added).
    pub fn write_line(&mut self, line: &str) -> Result<(), EmitError> {
        let result = match &mut self.sink {
            Sink::File(w) => w
                .write_all(line.as_bytes())
                .and_then(|_| w.write_all(b"\n")),
            Sink::Special(w) => w
                .write_all(line.as_bytes())
                .and_then(|_| w.write_all(b"\n")),
            Sink::Stdout(w) => w
                .write_all(line.as_bytes())
                .and_then(|_| w.write_all(b"\n")),
            Sink::Done => Ok(()),
        };
        result.map_err(|source| self.error(source))
    }

    /// Makes the output visible: flush, fsync, rename over the target, fsync the folder.
    pub fn commit(mut self) -> Result<(), EmitError> {
        match std::mem::replace(&mut self.sink, Sink::Done) {
            Sink::Stdout(mut w) => w.flush().map_err(|source| self.error(source)),
            Sink::Special(mut w) => w.flush().map_err(|source| self.error(source)),
            Sink::File(w) => {
                let file = w.into_inner().map_err(|e| self.error(e.into_error()))?;
                file.sync_all().map_err(|source| self.error(source))?;
                drop(file);
                let temp = self
                    .temp
                    .take()
                    .expect("a file output has a temporary file");
                let out = &self.rename_to;
                if let Err(source) = fs::rename(&temp, out) {
                    let _ = fs::remove_file(&temp);
                    return Err(EmitError::Io {
                        path: out.clone(),
                        source,
                    });
                }
                sync_parent_dir(out).map_err(|source| EmitError::Io {
                    path: out.clone(),
                    source,
                })
            }
            Sink::Done => Ok(()),
        }
    }

    fn error(&self, source: io::Error) -> EmitError {
        EmitError::Io {
            path: self.temp.clone().unwrap_or(self.target.display_name()),
            source,
        }
    }
}

impl Drop for AtomicWriter {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let _ = fs::remove_file(temp);
        }
    }
}

/// True for an existing output that is not a regular file (device, FIFO, socket), which
/// must be written in place. Symbolic links are followed.
pub fn is_special_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// A symbolic link's final target, so that the rename replaces the file it points to
/// and not the link; other paths unchanged.
fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Writes a run summary (or any serializable value) as pretty JSON, atomically.
pub fn write_summary_json<T: Serialize>(path: &Path, summary: &T) -> Result<(), EmitError> {
    let json = serde_json::to_string_pretty(summary)?;
    let mut writer = AtomicWriter::create(&OutputTarget::from_arg(path))?;
    writer.write_line(&json)?;
    writer.commit()
}

/// `.OUT.tmp-<pid>` (hidden), in the folder of `OUT`
/// so that the rename stays on one file system.
fn temp_path(out: &Path, pid: u32) -> PathBuf {
    let mut name = temp_prefix(out);
    name.push(pid.to_string());
    out.with_file_name(name)
}

fn temp_prefix(out: &Path) -> OsString {
    let mut name = OsString::from(".");
    name.push(out.file_name().unwrap_or_default());
    name.push(".tmp-");
    name
}

/// Removes `.OUT.tmp-<pid>` files whose writer process no longer exists.
fn remove_stale_temp_files(out: &Path) {
    let prefix = temp_prefix(out).into_vec();
    let dir = parent_dir(out);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().into_vec();
        let Some(pid) = name.strip_prefix(prefix.as_slice()) else {
            continue;
        };
        let Some(pid) = std::str::from_utf8(pid)
            .ok()
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        if pid > 0 && !process_is_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

pub(crate) fn process_is_alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks that the process exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// fsync of the folder, so that the rename itself survives a power loss.
fn sync_parent_dir(path: &Path) -> io::Result<()> {
    File::open(parent_dir(path))?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes all `lines` (already sorted) to `target` atomically.
    fn write_jsonl<I, S>(target: &OutputTarget, lines: I) -> Result<usize, EmitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut writer = AtomicWriter::create(target)?;
        let mut count = 0;
        for line in lines {
            writer.write_line(line.as_ref())?;
            count += 1;
        }
        writer.commit()?;
        Ok(count)
    }

    #[test]
    fn commit_replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("records.jsonl");
        fs::write(&out, "old\n").unwrap();
        let n = write_jsonl(&OutputTarget::File(out.clone()), ["{\"a\":1}", "{\"b\":2}"]).unwrap();
        assert_eq!(n, 2);
        assert_eq!(fs::read_to_string(&out).unwrap(), "{\"a\":1}\n{\"b\":2}\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_abandoned_writer_leaves_the_previous_output_intact() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("records.jsonl");
        fs::write(&out, "old\n").unwrap();
        let mut writer = AtomicWriter::create(&OutputTarget::File(out.clone())).unwrap();
        writer.write_line("new").unwrap();
        drop(writer);
        assert_eq!(fs::read_to_string(&out).unwrap(), "old\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn temporary_files_of_dead_writers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("records.jsonl");
        // A pid far above the usual pid_max is certainly not running.
        let stale = temp_path(&out, 999_999_999);
        fs::write(&stale, "partial").unwrap();
        let unrelated = dir.path().join(".records.jsonl.tmp-notapid");
        fs::write(&unrelated, "keep").unwrap();
        write_jsonl(&OutputTarget::File(out.clone()), ["x"]).unwrap();
        assert!(!stale.exists());
        assert!(unrelated.exists());
    }

    #[test]
    fn a_bare_file_name_is_written_in_the_current_folder_logic() {
        assert_eq!(parent_dir(Path::new("out.jsonl")), Path::new("."));
        assert_eq!(
            temp_path(Path::new("out.jsonl"), 7),
            PathBuf::from(".out.jsonl.tmp-7")
        );
    }

    /// A named pipe stands for `/dev/null` and other special files (a regression must
    /// not be able to replace the machine's real /dev/null).
    #[test]
    fn a_pipe_output_is_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        write_jsonl(&OutputTarget::File(fifo.clone()), ["x", "y"]).unwrap();
        assert_eq!(reader.join().unwrap(), "x\ny\n");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file"
        );
    }

    #[test]
    fn a_symlinked_output_replaces_the_file_it_points_to() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.jsonl");
        fs::write(&real, "old\n").unwrap();
        let link = dir.path().join("link.jsonl");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_jsonl(&OutputTarget::File(link.clone()), ["new"]).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
    }

    #[test]
    fn the_output_folder_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a/b/records.jsonl");
        write_jsonl(&OutputTarget::File(out.clone()), ["x"]).unwrap();
        assert_eq!(fs::read_to_string(out).unwrap(), "x\n");
    }

    #[test]
    fn summary_is_pretty_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.json");
        write_summary_json(&path, &serde_json::json!({"new": 2})).unwrap();
        let back: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(back["new"], 2);
    }
}
