//! The changes feed (`undoc ingest --changes FILE`): what this run's output changed
//! compared with the previous output on the same state — every new or changed record
//! in full, and one line `{"status":"deleted","id":…,"source":{"path":…}}` for each
//! source that left the output — so that downstream indexes read only that.
//!
//! [`ChangesFeed`] sees the new output's records in path byte order, while the output
//! is written, and merges them with the previous output as the state recorded it
//! (`published`: the sha256 of each record line). A record whose line is byte for byte
//! the same is not listed, even when it was reprocessed (`--force`, a new undoc version
//! that writes the same record). Sources left pending by a run that died after writing
//! its changes file are listed again. The file is written atomically like the output
//! and in the same order (path bytes), so applying it is a merge by `source.path`.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::emit::{AtomicWriter, EmitError, OutputTarget};
use crate::state::{published, PublishUpdate, Published};

/// The line of a deleted source.
#[derive(Debug, Serialize)]
struct Deleted<'a> {
    status: &'static str,
    id: &'a str,
    source: DeletedSource,
}

#[derive(Debug, Serialize)]
struct DeletedSource {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes_hex: Option<String>,
}

/// Compares a new output with the previous one as it is written; optionally writes the
/// changes file.
pub struct ChangesFeed {
    writer: Option<AtomicWriter>,
    /// The previous output (and pending sources), sorted by path bytes.
    previous: Vec<(Vec<u8>, Published)>,
    next: usize,
    pending: HashMap<Vec<u8>, String>,
    update: PublishUpdate,
    lines: usize,
}

impl ChangesFeed {
    /// `previous`: the published sources in path byte order; `pending`: sources a dead
    /// run listed; `file`: where to write the changes (none: only the update is made).
    pub fn new(
        previous: Vec<(Vec<u8>, Published)>,
        pending: HashMap<Vec<u8>, String>,
        file: Option<&Path>,
    ) -> Result<ChangesFeed, EmitError> {
        let writer = file
            .map(|f| AtomicWriter::create(&OutputTarget::from_arg(f)))
            .transpose()?;
        Ok(ChangesFeed {
            writer,
            previous: with_pending(previous, &pending),
            next: 0,
            pending,
            update: PublishUpdate::default(),
            lines: 0,
        })
    }

    /// One record of the new output (in path byte order).
    pub fn record(&mut self, path: &[u8], line: &str) -> Result<(), EmitError> {
        self.deleted_before(Some(path))?;
        let sha = published::record_sha256(line);
        let same = match self.previous.get(self.next) {
            Some((p, before)) if p.as_slice() == path => {
                self.next += 1;
                before.record_sha256 == sha
            }
            _ => false,
        };
        if same && !self.pending.contains_key(path) {
            return Ok(());
        }
        let id = published::record_id(line).unwrap_or_default();
        if !same {
            self.update.changed.push((path.to_vec(), sha, id.clone()));
        }
        self.update.listed.push((path.to_vec(), id));
        self.write(line)
    }

    /// Lists what is left of the previous output as deleted, commits the changes file,
    /// and returns what the state must record.
    pub fn finish(mut self) -> Result<(PublishUpdate, usize), EmitError> {
        self.deleted_before(None)?;
        if let Some(writer) = self.writer.take() {
            writer.commit()?;
        }
        Ok((self.update, self.lines))
    }

    /// Previous sources before `limit` (all when `None`) that the new output lacks.
    fn deleted_before(&mut self, limit: Option<&[u8]>) -> Result<(), EmitError> {
        while let Some((path, before)) = self.previous.get(self.next) {
            if limit.is_some_and(|l| path.as_slice() >= l) {
                break;
            }
            let line = deleted_line(path, &before.id)?;
            self.update.removed.push(path.clone());
            self.update.listed.push((path.clone(), before.id.clone()));
            self.next += 1;
            self.write(&line)?;
        }
        Ok(())
    }

    fn write(&mut self, line: &str) -> Result<(), EmitError> {
        self.lines += 1;
        match self.writer.as_mut() {
            Some(w) => w.write_line(line),
            None => Ok(()),
        }
    }
}

/// The previous output plus the pending sources it lacks (as `unknown`, so that they
/// are listed whatever they are now), in path byte order.
fn with_pending(
    mut previous: Vec<(Vec<u8>, Published)>,
    pending: &HashMap<Vec<u8>, String>,
) -> Vec<(Vec<u8>, Published)> {
    let known: std::collections::HashSet<&[u8]> =
        previous.iter().map(|(p, _)| p.as_slice()).collect();
    let extra: Vec<(Vec<u8>, Published)> = pending
        .iter()
        .filter(|(p, _)| !known.contains(p.as_slice()))
        .map(|(p, id)| {
            let unknown = Published {
                record_sha256: "unknown".into(),
                id: id.clone(),
            };
            (p.clone(), unknown)
        })
        .collect();
    previous.extend(extra);
    previous.sort_by(|a, b| a.0.cmp(&b.0));
    previous
}

/// `{"status":"deleted","id":…,"source":{"path":…}}` (with `path_bytes_hex` for a path
/// that is not UTF-8, as in records).
pub fn deleted_line(path: &[u8], id: &str) -> Result<String, serde_json::Error> {
    let exact = std::str::from_utf8(path).is_ok();
    serde_json::to_string(&Deleted {
        status: "deleted",
        id,
        source: DeletedSource {
            path: String::from_utf8_lossy(path).into_owned(),
            path_bytes_hex: (!exact).then(|| crate::state::hex(path)),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(entries: &[(&str, &str)]) -> Vec<(Vec<u8>, Published)> {
        entries
            .iter()
            .map(|(p, line)| {
                (
                    p.as_bytes().to_vec(),
                    Published {
                        record_sha256: published::record_sha256(line),
                        id: format!("id-{p}"),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn lists_new_changed_and_deleted_sources_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("changes.jsonl");
        let before = published(&[("a", "A1"), ("b", "B1"), ("c", "C1"), ("e", "E1")]);
        let mut feed = ChangesFeed::new(before, HashMap::new(), Some(&file)).unwrap();
        for (path, line) in [("a", "A1"), ("c", "C2"), ("d", "D1")] {
            feed.record(path.as_bytes(), line).unwrap();
        }
        let (update, lines) = feed.finish().unwrap();
        assert_eq!(lines, 4);
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "{\"status\":\"deleted\",\"id\":\"id-b\",\"source\":{\"path\":\"b\"}}\nC2\nD1\n\
             {\"status\":\"deleted\",\"id\":\"id-e\",\"source\":{\"path\":\"e\"}}\n"
        );
        assert_eq!(update.removed, [b"b".to_vec(), b"e".to_vec()]);
        assert_eq!(update.changed.len(), 2);
    }

    #[test]
    fn pending_sources_are_listed_even_when_unchanged() {
        let before = published(&[("a", "A1")]);
        let pending = HashMap::from([
            (b"a".to_vec(), "id-a".to_string()),
            (b"z".to_vec(), "z".into()),
        ]);
        let mut feed = ChangesFeed::new(before, pending, None).unwrap();
        feed.record(b"a", "A1").unwrap();
        let (update, lines) = feed.finish().unwrap();
        assert_eq!(lines, 2, "a again, z as deleted");
        assert!(update.changed.is_empty());
        assert_eq!(update.removed, [b"z".to_vec()]);
    }

    #[test]
    fn a_path_that_is_not_utf8_keeps_its_bytes() {
        let line = deleted_line(b"x\xff.pdf", "1").unwrap();
        assert_eq!(
            line,
            "{\"status\":\"deleted\",\"id\":\"1\",\"source\":{\"path\":\"x\u{fffd}.pdf\",\"path_bytes_hex\":\"78ff2e706466\"}}"
        );
    }
}
