//! `undoc merge`: joins the JSON Lines outputs of `--shard K/N` runs into one output,
//! identical byte for byte to the output of a single run over all the inputs.
//!
//! Each shard output is already sorted by the byte order of the source path, so a k-way
//! merge streams them (memory: one line per shard). Lines are copied verbatim. The merge
//! refuses, naming the file and line, an input that is not sorted, a line that is not a
//! record, and a source path present in two inputs (shards of different runs mixed up).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::emit::{AtomicWriter, EmitError, OutputTarget};

/// Why shard outputs could not be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{path}: cannot read the shard output: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}, line {line}: not an undoc record: {detail}")]
    NotARecord {
        path: PathBuf,
        line: usize,
        detail: String,
    },
    #[error(
        "{path}, line {line}: records are not sorted by source path (is this an undoc output?)"
    )]
    Unsorted { path: PathBuf, line: usize },
    #[error("source {source_path:?} appears in {first} and in {second}: were shards of different runs mixed up?")]
    Duplicate {
        source_path: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error(transparent)]
    Emit(#[from] EmitError),
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeStats {
    pub inputs: usize,
    pub records: usize,
}

#[derive(Deserialize)]
struct KeyOnly {
    source: SourceKey,
}

#[derive(Deserialize)]
struct SourceKey {
    path: String,
    #[serde(default)]
    path_bytes_hex: Option<String>,
}

/// The sort key of a record line: the exact bytes of its source path (`path_bytes_hex`
/// when present, for paths that are not UTF-8; `path` otherwise).
pub fn record_sort_key(line: &str) -> Result<Vec<u8>, String> {
    let key: KeyOnly = serde_json::from_str(line).map_err(|e| e.to_string())?;
    match key.source.path_bytes_hex {
        Some(hex) => decode_hex(&hex).ok_or_else(|| format!("bad path_bytes_hex {hex:?}")),
        None => Ok(key.source.path.into_bytes()),
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    s.as_bytes()
        .chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect()
}

/// One shard output being read.
struct ShardReader {
    path: PathBuf,
    reader: BufReader<File>,
    line_no: usize,
    last_key: Option<Vec<u8>>,
}

impl ShardReader {
    fn open(path: &Path) -> Result<ShardReader, MergeError> {
        let file = File::open(path).map_err(|source| MergeError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(ShardReader {
            path: path.to_path_buf(),
            reader: BufReader::with_capacity(1 << 16, file),
            line_no: 0,
            last_key: None,
        })
    }

    /// The next record line and its key, checking the order.
    fn next_record(&mut self) -> Result<Option<(Vec<u8>, String)>, MergeError> {
        loop {
            let mut line = String::new();
            let n = self
                .reader
                .read_line(&mut line)
                .map_err(|source| MergeError::Io {
                    path: self.path.clone(),
                    source,
                })?;
            if n == 0 {
                return Ok(None);
            }
            self.line_no += 1;
            let line = line.strip_suffix('\n').unwrap_or(&line).to_string();
            if line.trim().is_empty() {
                continue;
            }
            let key = record_sort_key(&line).map_err(|detail| MergeError::NotARecord {
                path: self.path.clone(),
                line: self.line_no,
                detail,
            })?;
            if self.last_key.as_ref().is_some_and(|last| *last >= key) {
                return Err(MergeError::Unsorted {
                    path: self.path.clone(),
                    line: self.line_no,
                });
            }
            self.last_key = Some(key.clone());
            return Ok(Some((key, line)));
        }
    }
}

/// `undoc merge SHARD... -o OUT`.
#[derive(Debug, Clone, clap::Args)]
pub struct MergeArgs {
    /// Outputs of `undoc ingest --shard K/N` runs (JSON Lines, sorted by source path)
    #[arg(required = true, value_name = "SHARD")]
    pub inputs: Vec<PathBuf>,
    /// The merged output (`-` for stdout), written atomically
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
}

/// Runs `undoc merge`.
pub fn run_merge(args: &MergeArgs) -> Result<MergeStats, MergeError> {
    merge_outputs(&args.inputs, &OutputTarget::from_arg(&args.output))
}

/// Merges sorted shard outputs into `out` (written atomically, or stdout).
pub fn merge_outputs(inputs: &[PathBuf], out: &OutputTarget) -> Result<MergeStats, MergeError> {
    let mut readers = inputs
        .iter()
        .map(|p| ShardReader::open(p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut heads: Vec<Option<String>> = vec![None; readers.len()];
    let mut heap = BinaryHeap::new();
    for (i, reader) in readers.iter_mut().enumerate() {
        if let Some((key, line)) = reader.next_record()? {
            heap.push(Reverse((key, i)));
            heads[i] = Some(line);
        }
    }
    let mut writer = AtomicWriter::create(out)?;
    let mut records = 0;
    let mut previous: Option<(Vec<u8>, usize)> = None;
    while let Some(Reverse((key, i))) = heap.pop() {
        if let Some((last, j)) = &previous {
            if *last == key {
                return Err(MergeError::Duplicate {
                    source_path: String::from_utf8_lossy(&key).into_owned(),
                    first: readers[*j].path.clone(),
                    second: readers[i].path.clone(),
                });
            }
        }
        let line = heads[i].take().expect("a queued shard has a head line");
        writer.write_line(&line)?;
        records += 1;
        if let Some((next_key, next_line)) = readers[i].next_record()? {
            heap.push(Reverse((next_key, i)));
            heads[i] = Some(next_line);
        }
        previous = Some((key, i));
    }
    writer.commit()?;
    Ok(MergeStats {
        inputs: inputs.len(),
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn line(path: &str) -> String {
        format!("{{\"id\":\"x\",\"source\":{{\"path\":{path:?},\"bytes\":1}}}}")
    }

    fn write(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
        let p = dir.join(name);
        let mut text = lines.join("\n");
        if !lines.is_empty() {
            text.push('\n');
        }
        fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn interleaves_sorted_shards_into_one_sorted_output() {
        let dir = tempfile::tempdir().unwrap();
        let all: Vec<String> = ["a/1.pdf", "a/2.pdf", "a-b.pdf", "b.pdf", "c d.pdf"]
            .iter()
            .map(|p| line(p))
            .collect();
        let mut sorted = all.clone();
        sorted.sort_by_key(|l| record_sort_key(l).unwrap());
        let s1 = write(dir.path(), "s1", &[sorted[0].clone(), sorted[3].clone()]);
        let s2 = write(
            dir.path(),
            "s2",
            &[sorted[1].clone(), sorted[2].clone(), sorted[4].clone()],
        );
        let s3 = write(dir.path(), "s3", &[]);
        let out = dir.path().join("merged.jsonl");
        let stats = merge_outputs(&[s1, s2, s3], &OutputTarget::File(out.clone())).unwrap();
        assert_eq!(stats.records, 5);
        let expected = sorted.join("\n") + "\n";
        assert_eq!(fs::read_to_string(out).unwrap(), expected);
    }

    #[test]
    fn non_utf8_paths_sort_by_their_exact_bytes() {
        let hexed = "{\"source\":{\"path\":\"\u{fffd}\",\"path_bytes_hex\":\"ff\"}}".to_string();
        assert_eq!(record_sort_key(&hexed).unwrap(), vec![0xff]);
        let dir = tempfile::tempdir().unwrap();
        let s1 = write(dir.path(), "s1", std::slice::from_ref(&hexed));
        let s2 = write(dir.path(), "s2", &[line("z")]);
        let out = dir.path().join("m");
        merge_outputs(&[s1, s2], &OutputTarget::File(out.clone())).unwrap();
        assert_eq!(
            fs::read_to_string(out).unwrap(),
            format!("{}\n{hexed}\n", line("z"))
        );
    }

    #[test]
    fn refuses_duplicates_unsorted_input_and_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputTarget::File(dir.path().join("m"));
        let s1 = write(dir.path(), "s1", &[line("a")]);
        let s2 = write(dir.path(), "s2", &[line("a")]);
        let err = merge_outputs(&[s1.clone(), s2], &out).unwrap_err();
        assert!(matches!(err, MergeError::Duplicate { .. }), "{err}");
        let unsorted = write(dir.path(), "u", &[line("b"), line("a")]);
        let err = merge_outputs(&[unsorted], &out).unwrap_err();
        assert!(matches!(err, MergeError::Unsorted { line: 2, .. }), "{err}");
        let garbage = write(dir.path(), "g", &["not json".to_string()]);
        let err = merge_outputs(&[s1, garbage], &out).unwrap_err();
        assert!(
            err.to_string().contains("line 1: not an undoc record"),
            "{err}"
        );
        assert!(
            !dir.path().join("m").exists(),
            "no output after a failed merge"
        );
    }

    #[test]
    fn a_missing_shard_output_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("shard-9.jsonl");
        let err = merge_outputs(&[missing], &OutputTarget::File(dir.path().join("m"))).unwrap_err();
        assert!(err.to_string().contains("shard-9.jsonl"), "{err}");
    }
}
