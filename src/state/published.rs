//! What the last written output holds (`published`), for the changes feed: per source
//! path, the sha256 of its record line and the record's id; and the sources listed by
//! the changes file of a run that did not finish (`pending_changes`).
//!
//! The output and the changes file are renamed into place first, then
//! [`StateStore::publish`] records the new output and the sources the changes file
//! listed (one transaction), and [`StateStore::finish_run`] clears that list. A run that
//! dies before `publish` leaves the old baseline: the next changes file is relative to
//! the previous output. A run that dies after it leaves its sources pending: the next
//! changes file lists them again, so it is right whether or not the dead run's changes
//! file was applied.

use std::collections::HashMap;

use rusqlite::{params, Transaction};
use sha2::{Digest, Sha256};

use super::{hex, StateError, StateStore};

/// A source as the last written output has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// sha256 (hex) of the record line; `unknown` when it cannot be known (a source
    /// touched by a run that died when the state was upgraded).
    pub record_sha256: String,
    /// The record's `id`.
    pub id: String,
}

/// What a run's output changed: applied by [`StateStore::publish`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishUpdate {
    /// (path, record sha256, id) of records new or changed in the output.
    pub changed: Vec<(Vec<u8>, String, String)>,
    /// Paths no longer in the output.
    pub removed: Vec<Vec<u8>>,
    /// (path, id) of every source the changes file listed.
    pub listed: Vec<(Vec<u8>, String)>,
}

/// sha256 (hex) of a record line, as stored in `published`.
pub fn record_sha256(line: &str) -> String {
    hex(&Sha256::digest(line.as_bytes()))
}

impl StateStore {
    /// Every source of the last written output, in path byte order.
    pub fn published(&self) -> Result<Vec<(Vec<u8>, Published)>, StateError> {
        let conn = self.conn();
        let load = (|| -> rusqlite::Result<Vec<(Vec<u8>, Published)>> {
            let mut stmt =
                conn.prepare("SELECT path, record_sha256, id FROM published ORDER BY path")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    Published {
                        record_sha256: r.get(1)?,
                        id: r.get(2)?,
                    },
                ))
            })?;
            rows.collect()
        })();
        load.map_err(|e| self.sql_err(e))
    }

    /// Sources listed by the changes file of a run that did not finish: path → id.
    pub fn pending_changes(&self) -> Result<HashMap<Vec<u8>, String>, StateError> {
        let conn = self.conn();
        let load = (|| -> rusqlite::Result<HashMap<Vec<u8>, String>> {
            let mut stmt = conn.prepare("SELECT path, id FROM pending_changes")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })();
        load.map_err(|e| self.sql_err(e))
    }

    /// Records a newly written output (and the sources its changes file listed), in
    /// one transaction.
    pub fn publish(&self, update: &PublishUpdate) -> Result<(), StateError> {
        let mut conn = self.conn();
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            {
                let mut upsert = tx.prepare(
                    "INSERT INTO published (path, record_sha256, id) VALUES (?1, ?2, ?3)
                     ON CONFLICT (path) DO UPDATE SET
                       record_sha256 = excluded.record_sha256, id = excluded.id",
                )?;
                for (path, sha, id) in &update.changed {
                    upsert.execute(params![path, sha, id])?;
                }
                let mut remove = tx.prepare("DELETE FROM published WHERE path = ?1")?;
                for path in &update.removed {
                    remove.execute(params![path])?;
                }
                tx.execute("DELETE FROM pending_changes", [])?;
                let mut pending = tx
                    .prepare("INSERT OR REPLACE INTO pending_changes (path, id) VALUES (?1, ?2)")?;
                for (path, id) in &update.listed {
                    pending.execute(params![path, id])?;
                }
            }
            tx.commit()
        })();
        result.map_err(|e| self.sql_err(e))
    }
}

/// Fills `published` when a state of layout 1 is upgraded: the records stored by
/// finished runs are what the last output holds. Sources touched by a run that did not
/// finish may or may not be in it: they are entered as `unknown`, so the next changes
/// file lists them (in full, or as deleted), which is right either way.
pub(super) fn fill_from_records(tx: &Transaction) -> rusqlite::Result<()> {
    let last_finished: i64 = tx.query_row(
        "SELECT coalesce(max(id), 0) FROM runs WHERE finished_at IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    let mut rows = tx.prepare("SELECT path, record, sha256, run_id FROM sources")?;
    let rows: Vec<(Vec<u8>, Option<String>, String, i64)> = rows
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert =
        tx.prepare("INSERT INTO published (path, record_sha256, id) VALUES (?1, ?2, ?3)")?;
    for (path, record, sha256, run_id) in rows {
        let id = record.as_deref().and_then(record_id).unwrap_or(sha256);
        match (record, run_id > last_finished) {
            (_, true) => insert.execute(params![path, "unknown", id])?,
            (Some(line), false) => insert.execute(params![path, record_sha256(&line), id])?,
            (None, false) => 0,
        };
    }
    Ok(())
}

/// The `id` field of a record line.
pub fn record_id(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    serde_json::from_str::<IdOnly>(line).ok().map(|r| r.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Fingerprint, RunSettings, SourceStatus};
    use std::path::PathBuf;

    /// A state of layout 1 (as written by an older undoc) is upgraded with `published`
    /// holding the records of its finished runs: the first changes file after the
    /// upgrade lists only what really changed.
    #[test]
    fn upgrading_a_layout_1_state_publishes_its_finished_records() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let settings = RunSettings {
            pipeline_version: "v".into(),
            config_hash: "c".into(),
            force: false,
            retry_failed: false,
            shard: "1/1".into(),
        };
        let line = r#"{"id":"abc","source":{"path":"a.txt"}}"#;
        {
            let store = StateStore::open(&db).unwrap();
            let run = store.begin_run(&settings).unwrap();
            let fp = Fingerprint {
                path: PathBuf::from("a.txt"),
                size: 1,
                sha256: Some([7; 32]),
            };
            store
                .commit_record(&run, &fp, SourceStatus::Ok, None, line)
                .unwrap();
            store.finish_run(&run, "{}").unwrap();
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TABLE published; DROP TABLE pending_changes;
             UPDATE meta SET value = '1' WHERE key = 'schema_version';",
        )
        .unwrap();
        drop(conn);
        let store = StateStore::open(&db).unwrap();
        assert_eq!(
            store.published().unwrap(),
            [(
                b"a.txt".to_vec(),
                Published {
                    record_sha256: record_sha256(line),
                    id: "abc".into()
                }
            )]
        );
    }
}
