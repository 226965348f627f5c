//! The state store of incremental runs: one embedded SQLite database (bundled library)
//! that remembers, for each source path, the content hash, the pipeline version and
//! config hash it was processed with, its status and its record. It decides what a run
//! must do ([`StateStore::plan`]) and receives each record as soon as it is done
//! ([`StateStore::commit_record`]), so a killed run loses only the documents in flight.
//!
//! Durability: WAL journal with `synchronous=NORMAL`. Every commit is in the WAL before
//! `commit_record` returns, so it survives the death of the process (SIGKILL, OOM
//! killer); only an OS crash or power loss can roll back the last few commits, and then
//! the database is still consistent and those documents are simply processed again.
//! `FULL` would add an fsync per document for no gain in what the output contains.
//!
//! Rehashing: a file whose size, mtime, ctime and inode are those recorded last time is
//! not read again; its cached sha256 is used (the `file_hashes` table, which also covers
//! files outside this run's `--shard`). Anything that rewrites a file changes its ctime,
//! which no ordinary tool can set back, so the shortcut only misses changes made by
//! someone forging timestamps and inode together; `--force` rehashes everything.
//!
//! Locking: [`StateStore::open`] takes an exclusive `flock` on `STATE.lock` (which holds
//! the owner's pid) for the life of the store; a second run on the same state gets
//! [`StateError::Locked`] after a short wait (`LOCK_WAIT`). The kernel drops the lock when the process dies, SIGKILL
//! included, so a stale lock cannot block the next night.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension};

pub mod published;
pub use published::{PublishUpdate, Published};
use sha2::{Digest, Sha256};

pub use crate::versions::STATE_SCHEMA_VERSION;

/// How many runs may die while a document is in flight before that document is no
/// longer tried (it is reported `failed` with kind `crashed` until it changes or
/// `--retry-failed` is given). Three, so that a user killing a run by hand (which also
/// leaves documents in flight) does not quarantine innocent documents.
pub const MAX_CRASHES: u32 = 3;

/// `MIGRATIONS[i]` brings a database from layout version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per source path ever seen; `record` is the JSON record, NULL when deleted.
CREATE TABLE sources (
    path             BLOB NOT NULL UNIQUE,
    sha256           TEXT NOT NULL,
    size             INTEGER NOT NULL,
    pipeline_version TEXT NOT NULL,
    config_hash      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'deleted')),
    error_kind       TEXT,
    record           TEXT,
    run_id           INTEGER NOT NULL
);
-- Cached content hashes, valid while size, mtime, ctime and inode are unchanged.
CREATE TABLE file_hashes (
    path     BLOB PRIMARY KEY,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode    INTEGER NOT NULL,
    sha256   TEXT NOT NULL
) WITHOUT ROWID;
-- Documents being processed; rows left behind belong to runs that died.
CREATE TABLE inflight (
    path    BLOB PRIMARY KEY,
    sha256  TEXT NOT NULL,
    run_id  INTEGER,
    crashes INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    pid         INTEGER NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    version     TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    shard       TEXT NOT NULL,
    summary     TEXT
);
"#,
    r#"
-- What the last output written holds, per source: the sha256 of its record line and the
-- record's id. The changes feed compares each new output with it (published.rs).
CREATE TABLE published (
    path          BLOB PRIMARY KEY,
    record_sha256 TEXT NOT NULL,
    id            TEXT NOT NULL
) WITHOUT ROWID;
-- Sources listed in the changes file of a run that has not finished: the next run lists
-- them again, so that it is right whether or not that file was applied.
CREATE TABLE pending_changes (
    path BLOB PRIMARY KEY,
    id   TEXT NOT NULL
) WITHOUT ROWID;
"#,
];

/// Why the state store could not be used. Each names the state file.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("another undoc run is using {path} (pid {}); wait for it to finish or pass another --state", pid.map_or("unknown".to_string(), |p| p.to_string()))]
    Locked { path: PathBuf, pid: Option<u32> },
    #[error("{path}: cannot use the state store: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: state database error: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: the state was written by a newer undoc (layout {found}, this one knows up to {supported}); upgrade undoc or use another --state")]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
}

/// What a source looks like now: path, size and content hash (None when the file could
/// not be read; the pipeline then reports it failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub path: PathBuf,
    pub size: u64,
    pub sha256: Option<[u8; 32]>,
}

impl Fingerprint {
    /// Lower-case hex of the content hash (`"unreadable"` when the file could not be read).
    pub fn sha256_hex(&self) -> String {
        self.sha256
            .map(|h| hex(&h))
            .unwrap_or_else(|| UNREADABLE.to_string())
    }
}

const UNREADABLE: &str = "unreadable";

/// Status of a source in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceStatus {
    Ok,
    Failed,
    Deleted,
}

impl SourceStatus {
    fn as_str(self) -> &'static str {
        match self {
            SourceStatus::Ok => "ok",
            SourceStatus::Failed => "failed",
            SourceStatus::Deleted => "deleted",
        }
    }
    fn parse(s: &str) -> SourceStatus {
        match s {
            "ok" => SourceStatus::Ok,
            "failed" => SourceStatus::Failed,
            _ => SourceStatus::Deleted,
        }
    }
}

/// What the records of this run depend on besides the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSettings {
    /// Changes whenever an upgrade may change records (see `versions::pipeline_version`).
    pub pipeline_version: String,
    /// Hash of the options that change records.
    pub config_hash: String,
    /// Reprocess everything.
    pub force: bool,
    /// Reprocess documents that failed even if they did not change.
    pub retry_failed: bool,
    /// `K/N`, recorded in the run log.
    pub shard: String,
}

/// A run in progress, as returned by [`StateStore::begin_run`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInfo {
    pub id: i64,
    pub settings: RunSettings,
    /// The previous run on this state did not finish (it was killed or crashed).
    pub resumes_interrupted_run: bool,
}

/// What a run has to do, each list sorted by path bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Never seen (or seen, deleted, and back).
    pub new: Vec<Fingerprint>,
    /// Content changed since it was processed (or could not be read).
    pub changed: Vec<Fingerprint>,
    /// Same content, processed by another pipeline version or config, or `--force`.
    pub reprocess: Vec<Fingerprint>,
    /// Same content, failed last time, `--retry-failed`.
    pub retry: Vec<Fingerprint>,
    /// Same content, version and config: its stored record is reused.
    pub unchanged: Vec<Fingerprint>,
    /// In the store but not among this run's inputs.
    pub deleted: Vec<PathBuf>,
    /// Same content was in flight when [`MAX_CRASHES`] runs died: not tried again.
    pub quarantined: Vec<(Fingerprint, u32)>,
}

impl Plan {
    /// The documents to process, sorted by path bytes.
    pub fn to_process(&self) -> Vec<&Fingerprint> {
        let mut all: Vec<&Fingerprint> = self
            .new
            .iter()
            .chain(&self.changed)
            .chain(&self.reprocess)
            .chain(&self.retry)
            .collect();
        all.sort_by(|a, b| path_bytes(&a.path).cmp(path_bytes(&b.path)));
        all
    }
}

/// The embedded state store. Methods take `&self` and may be called from several
/// threads (the connection is behind a mutex; each call is its own transaction).
pub struct StateStore {
    path: PathBuf,
    conn: Mutex<Connection>,
    /// Holds the `flock` for the life of the store.
    _lock: File,
}

impl StateStore {
    /// Opens (creating if needed) the state at `path` and takes its lock.
    pub fn open(path: &Path) -> Result<StateStore, StateError> {
        let io_err = |source| StateError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_err)?;
        }
        let lock = take_lock(path)?;
        let conn = Connection::open(path).map_err(|source| StateError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
        let store = StateStore {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
            _lock: lock,
        };
        store.configure()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent (transactions
        // roll back on drop), so a poisoned mutex is still usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn sql_err(&self, source: rusqlite::Error) -> StateError {
        StateError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn configure(&self) -> Result<(), StateError> {
        let mut conn = self.conn();
        let setup = (|| -> rusqlite::Result<u32> {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            let has_meta: bool = conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0).map(|n| n > 0),
            )?;
            if !has_meta {
                return Ok(0);
            }
            let v: Option<String> = conn
                .query_row(
                    "SELECT value FROM meta WHERE key = 'schema_version'",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
        })();
        let found = setup.map_err(|e| self.sql_err(e))?;
        if found > STATE_SCHEMA_VERSION {
            return Err(StateError::NewerSchema {
                path: self.path.clone(),
                found,
                supported: STATE_SCHEMA_VERSION,
            });
        }
        for (version, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = conn.transaction().map_err(|e| self.sql_err(e))?;
            tx.execute_batch(migration).map_err(|e| self.sql_err(e))?;
            if version == 1 && found == 1 {
                published::fill_from_records(&tx).map_err(|e| self.sql_err(e))?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?1)",
                params![(version + 1).to_string()],
            )
            .map_err(|e| self.sql_err(e))?;
            tx.commit().map_err(|e| self.sql_err(e))?;
        }
        Ok(())
    }

    /// Starts a run: records it, and counts one crash for every document left in flight
    /// by runs that died (no other run can be alive: we hold the lock).
    pub fn begin_run(&self, settings: &RunSettings) -> Result<RunInfo, StateError> {
        let mut conn = self.conn();
        let result = (|| -> rusqlite::Result<RunInfo> {
            let tx = conn.transaction()?;
            let interrupted: bool = tx
                .query_row(
                    "SELECT finished_at IS NULL FROM runs ORDER BY id DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(false);
            tx.execute(
                "UPDATE inflight SET crashes = crashes + 1, run_id = NULL WHERE run_id IS NOT NULL",
                [],
            )?;
            tx.execute(
                "INSERT INTO runs (pid, started_at, version, config_hash, shard) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    std::process::id(),
                    unix_now(),
                    settings.pipeline_version,
                    settings.config_hash,
                    settings.shard
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok(RunInfo {
                id,
                settings: settings.clone(),
                resumes_interrupted_run: interrupted,
            })
        })();
        result.map_err(|e| self.sql_err(e))
    }

    /// Marks a run finished and stores its summary (JSON).
    /// The run's changes file, if any, is in place by then: its sources need not be
    /// listed again (`pending_changes` is cleared in the same transaction).
    pub fn finish_run(&self, run: &RunInfo, summary_json: &str) -> Result<(), StateError> {
        let mut conn = self.conn();
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute(
                "UPDATE runs SET finished_at = ?1, summary = ?2 WHERE id = ?3",
                params![unix_now(), summary_json, run.id],
            )?;
            tx.execute("DELETE FROM pending_changes", [])?;
            tx.commit()
        })();
        result.map_err(|e| self.sql_err(e))
    }

    /// Size and content hash of every path, in the order given. Files whose size, mtime,
    /// ctime and inode match the cache are not read (unless `rehash`); the others are
    /// hashed in parallel. The cache then holds exactly these paths.
    pub fn fingerprint(
        &self,
        paths: &[PathBuf],
        rehash: bool,
    ) -> Result<Vec<Fingerprint>, StateError> {
        let cached = self.load_hash_cache()?;
        let results: Vec<(Fingerprint, Option<CacheEntry>)> = paths
            .par_iter()
            .map(|path| fingerprint_one(path, cached.get(path_bytes(path)), rehash))
            .collect();
        let mut conn = self.conn();
        let save = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            let current: HashSet<&[u8]> = paths.iter().map(|p| path_bytes(p)).collect();
            {
                let mut delete = tx.prepare("DELETE FROM file_hashes WHERE path = ?1")?;
                for gone in cached.keys().filter(|k| !current.contains(k.as_slice())) {
                    delete.execute(params![gone])?;
                }
                let mut upsert = tx.prepare(
                    "INSERT OR REPLACE INTO file_hashes (path, size, mtime_ns, ctime_ns, inode, sha256)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?;
                for (fp, entry) in &results {
                    match entry {
                        Some(e) if cached.get(path_bytes(&fp.path)) != Some(e) => {
                            upsert.execute(params![
                                path_bytes(&fp.path),
                                e.size as i64,
                                e.mtime_ns,
                                e.ctime_ns,
                                e.inode as i64,
                                e.sha256
                            ])?;
                        }
                        Some(_) => {}
                        None => {
                            delete.execute(params![path_bytes(&fp.path)])?;
                        }
                    }
                }
            }
            tx.commit()
        })();
        save.map_err(|e| self.sql_err(e))?;
        Ok(results.into_iter().map(|(fp, _)| fp).collect())
    }

    fn load_hash_cache(&self) -> Result<HashMap<Vec<u8>, CacheEntry>, StateError> {
        let conn = self.conn();
        let load = (|| -> rusqlite::Result<HashMap<Vec<u8>, CacheEntry>> {
            let mut stmt = conn
                .prepare("SELECT path, size, mtime_ns, ctime_ns, inode, sha256 FROM file_hashes")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    CacheEntry {
                        size: r.get::<_, i64>(1)? as u64,
                        mtime_ns: r.get(2)?,
                        ctime_ns: r.get(3)?,
                        inode: r.get::<_, i64>(4)? as u64,
                        sha256: r.get(5)?,
                    },
                ))
            })?;
            rows.collect()
        })();
        load.map_err(|e| self.sql_err(e))
    }

    /// Decides what to do with each input (fingerprints of this run's inputs, already
    /// restricted to its shard). Pure: changes nothing in the store.
    pub fn plan(&self, inputs: &[Fingerprint], settings: &RunSettings) -> Result<Plan, StateError> {
        let known = self.load_sources()?;
        let inflight = self.load_inflight()?;
        let mut plan = Plan::default();
        let mut sorted: Vec<&Fingerprint> = inputs.iter().collect();
        sorted.sort_by(|a, b| path_bytes(&a.path).cmp(path_bytes(&b.path)));
        sorted.dedup_by(|a, b| a.path == b.path);
        let mut seen: HashSet<&[u8]> = HashSet::new();
        for fp in sorted {
            let key = path_bytes(&fp.path);
            seen.insert(key);
            let hash = fp.sha256_hex();
            if let Some((crash_hash, crashes)) = inflight.get(key) {
                if *crash_hash == hash
                    && *crashes >= MAX_CRASHES
                    && !settings.retry_failed
                    && fp.sha256.is_some()
                {
                    plan.quarantined.push((fp.clone(), *crashes));
                    continue;
                }
            }
            let list = match known.get(key) {
                None => &mut plan.new,
                Some(row) if row.status == SourceStatus::Deleted => &mut plan.new,
                Some(row) if row.sha256 != hash || fp.sha256.is_none() => &mut plan.changed,
                Some(_) if settings.force => &mut plan.reprocess,
                Some(row)
                    if row.pipeline_version != settings.pipeline_version
                        || row.config_hash != settings.config_hash =>
                {
                    &mut plan.reprocess
                }
                Some(row) if row.status == SourceStatus::Failed && settings.retry_failed => {
                    &mut plan.retry
                }
                Some(row) if row.failed_for_the_machine() => &mut plan.retry,
                Some(_) => &mut plan.unchanged,
            };
            list.push(fp.clone());
        }
        let mut deleted: Vec<&Vec<u8>> = known
            .iter()
            .filter(|(k, row)| row.status != SourceStatus::Deleted && !seen.contains(k.as_slice()))
            .map(|(k, _)| k)
            .collect();
        deleted.sort();
        plan.deleted = deleted
            .into_iter()
            .map(|k| PathBuf::from(std::ffi::OsString::from_vec(k.clone())))
            .collect();
        Ok(plan)
    }

    fn load_sources(&self) -> Result<HashMap<Vec<u8>, SourceRow>, StateError> {
        let conn = self.conn();
        let load = (|| -> rusqlite::Result<HashMap<Vec<u8>, SourceRow>> {
            let mut stmt = conn.prepare(
                "SELECT path, sha256, pipeline_version, config_hash, status, error_kind FROM sources",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    SourceRow {
                        sha256: r.get(1)?,
                        pipeline_version: r.get(2)?,
                        config_hash: r.get(3)?,
                        status: SourceStatus::parse(&r.get::<_, String>(4)?),
                        error_kind: r.get(5)?,
                    },
                ))
            })?;
            rows.collect()
        })();
        load.map_err(|e| self.sql_err(e))
    }

    fn load_inflight(&self) -> Result<HashMap<Vec<u8>, (String, u32)>, StateError> {
        let conn = self.conn();
        let load = (|| -> rusqlite::Result<HashMap<Vec<u8>, (String, u32)>> {
            let mut stmt = conn.prepare("SELECT path, sha256, crashes FROM inflight")?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, (r.get(1)?, r.get(2)?)))
            })?;
            rows.collect()
        })();
        load.map_err(|e| self.sql_err(e))
    }

    /// Marks sources as deleted (their records leave the output), in one transaction.
    pub fn mark_deleted(&self, run: &RunInfo, paths: &[PathBuf]) -> Result<(), StateError> {
        let mut conn = self.conn();
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            {
                let mut stmt = tx.prepare(
                    "UPDATE sources SET status = 'deleted', record = NULL, error_kind = NULL, run_id = ?2
                     WHERE path = ?1",
                )?;
                let mut forget = tx.prepare("DELETE FROM inflight WHERE path = ?1")?;
                for path in paths {
                    stmt.execute(params![path_bytes(path), run.id])?;
                    forget.execute(params![path_bytes(path)])?;
                }
            }
            tx.commit()
        })();
        result.map_err(|e| self.sql_err(e))
    }

    /// Notes that a document is being processed, so that if the process dies now the
    /// next run knows which document may have killed it.
    pub fn begin_document(&self, run: &RunInfo, fp: &Fingerprint) -> Result<(), StateError> {
        let hash = fp.sha256_hex();
        self.conn()
            .execute(
                "INSERT INTO inflight (path, sha256, run_id, crashes) VALUES (?1, ?2, ?3, 0)
                 ON CONFLICT (path) DO UPDATE SET
                   crashes = CASE WHEN sha256 = excluded.sha256 THEN crashes ELSE 0 END,
                   sha256 = excluded.sha256, run_id = excluded.run_id",
                params![path_bytes(&fp.path), hash, run.id],
            )
            .map(drop)
            .map_err(|e| self.sql_err(e))
    }

    /// Stores a finished document's record, in its own transaction, and clears its
    /// in-flight mark. `status` is `Ok` or `Failed`.
    pub fn commit_record(
        &self,
        run: &RunInfo,
        fp: &Fingerprint,
        status: SourceStatus,
        error_kind: Option<&str>,
        record_json: &str,
    ) -> Result<(), StateError> {
        let mut conn = self.conn();
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO sources (path, sha256, size, pipeline_version, config_hash, status, error_kind, record, run_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (path) DO UPDATE SET
                   sha256 = excluded.sha256, size = excluded.size,
                   pipeline_version = excluded.pipeline_version, config_hash = excluded.config_hash,
                   status = excluded.status, error_kind = excluded.error_kind,
                   record = excluded.record, run_id = excluded.run_id",
                params![
                    path_bytes(&fp.path),
                    fp.sha256_hex(),
                    fp.size as i64,
                    run.settings.pipeline_version,
                    run.settings.config_hash,
                    status.as_str(),
                    error_kind,
                    record_json,
                    run.id
                ],
            )?;
            tx.execute(
                "DELETE FROM inflight WHERE path = ?1",
                params![path_bytes(&fp.path)],
            )?;
            tx.commit()
        })();
        result.map_err(|e| self.sql_err(e))
    }

    /// Calls `each(path bytes, record JSON)` for every live record (status ok or
    /// failed), in byte order of the path. Returns how many there were.
    pub fn records_in_order<E>(
        &self,
        mut each: impl FnMut(&[u8], &str) -> Result<(), E>,
    ) -> Result<Result<usize, E>, StateError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT path, record FROM sources WHERE status != 'deleted' AND record IS NOT NULL
                 ORDER BY path",
            )
            .map_err(|e| self.sql_err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.sql_err(e))?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(|e| self.sql_err(e))? {
            let path = row
                .get_ref(0)
                .and_then(|v| v.as_blob().map_err(Into::into))
                .map_err(|e| self.sql_err(e))?;
            let record = row
                .get_ref(1)
                .and_then(|v| v.as_str().map_err(Into::into))
                .map_err(|e| self.sql_err(e))?;
            if let Err(e) = each(path, record) {
                return Ok(Err(e));
            }
            count += 1;
        }
        Ok(Ok(count))
    }

    /// The stored status of a path, if any (for reports and tests).
    pub fn status_of(&self, path: &Path) -> Result<Option<SourceStatus>, StateError> {
        self.conn()
            .query_row(
                "SELECT status FROM sources WHERE path = ?1",
                params![path_bytes(path)],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .map(|s| s.map(|s| SourceStatus::parse(&s)))
            .map_err(|e| self.sql_err(e))
    }
}

#[derive(Debug)]
struct SourceRow {
    sha256: String,
    pipeline_version: String,
    config_hash: String,
    status: SourceStatus,
    error_kind: Option<String>,
}

/// Error kinds that say nothing about the document, only about the machine it was read
/// on (a helper program missing): such failures are retried by every run, without
/// `--retry-failed`, so installing the missing program is enough.
const MACHINE_FAILURES: &[&str] = &["tool-missing"];

impl SourceRow {
    fn failed_for_the_machine(&self) -> bool {
        self.status == SourceStatus::Failed
            && self
                .error_kind
                .as_deref()
                .is_some_and(|kind| MACHINE_FAILURES.contains(&kind))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct CacheEntry {
    size: u64,
    mtime_ns: i64,
    ctime_ns: i64,
    inode: u64,
    sha256: String,
}

/// The exact bytes of a path: the key of the store and the order of the output.
pub fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_bytes()
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn parse_hex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
        out[i] = u8::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
    }
    Some(out)
}

/// Hashes a file unless the cache entry still describes it. Returns the new cache entry
/// (None when the file could not be read).
fn fingerprint_one(
    path: &Path,
    cached: Option<&CacheEntry>,
    rehash: bool,
) -> (Fingerprint, Option<CacheEntry>) {
    let unreadable = |size| {
        (
            Fingerprint {
                path: path.to_path_buf(),
                size,
                sha256: None,
            },
            None,
        )
    };
    let Ok(meta) = std::fs::metadata(path) else {
        return unreadable(0);
    };
    let stat = CacheEntry {
        size: meta.len(),
        mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
        ctime_ns: meta.ctime() * 1_000_000_000 + meta.ctime_nsec(),
        inode: meta.ino(),
        sha256: String::new(),
    };
    if let Some(c) = cached.filter(|_| !rehash) {
        let same = c.size == stat.size
            && c.mtime_ns == stat.mtime_ns
            && c.ctime_ns == stat.ctime_ns
            && c.inode == stat.inode;
        if let (true, Some(sha)) = (same, parse_hex32(&c.sha256)) {
            let fp = Fingerprint {
                path: path.to_path_buf(),
                size: stat.size,
                sha256: Some(sha),
            };
            return (fp, Some(c.clone()));
        }
    }
    match sha256_file(path) {
        Ok(sha) => {
            let entry = CacheEntry {
                sha256: hex(&sha),
                ..stat
            };
            let fp = Fingerprint {
                path: path.to_path_buf(),
                size: entry.size,
                sha256: Some(sha),
            };
            (fp, Some(entry))
        }
        Err(_) => unreadable(stat.size),
    }
}

/// sha256 of a file's bytes, read in 256 KiB blocks.
pub fn sha256_file(path: &Path) -> io::Result<[u8; 32]> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().into())
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// How long opening a store waits for its lock before it reports [`StateError::Locked`].
/// A lock is briefly held after its store is dropped when another thread of the process
/// was starting a program at that moment: the child holds a copy of every descriptor
/// until it executes the program, which closes them (seen when one test process runs
/// many stores and programs at once). A run that really holds the lock is reported
/// after this wait.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);
/// Interval between attempts to take a busy lock.
const LOCK_POLL: std::time::Duration = std::time::Duration::from_millis(20);

/// `STATE.lock`, locked with `flock(LOCK_EX | LOCK_NB)`; holds the owner's pid.
fn take_lock(state: &Path) -> Result<File, StateError> {
    let mut name = state.as_os_str().to_os_string();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    let io_err = |source| StateError::Io {
        path: lock_path.clone(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(io_err)?;
    let started = std::time::Instant::now();
    let rc = loop {
        // SAFETY: flock on a file descriptor we own.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        let busy = rc != 0 && io::Error::last_os_error().raw_os_error() == Some(libc::EWOULDBLOCK);
        if !busy || started.elapsed() >= LOCK_WAIT {
            break rc;
        }
        std::thread::sleep(LOCK_POLL);
    };
    if rc != 0 {
        let err = io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            return Err(StateError::Locked {
                path: state.to_path_buf(),
                pid: text.trim().parse().ok(),
            });
        }
        return Err(io_err(err));
    }
    file.set_len(0).map_err(io_err)?;
    file.rewind().map_err(io_err)?;
    writeln!(file, "{}", std::process::id()).map_err(io_err)?;
    file.flush().map_err(io_err)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> RunSettings {
        RunSettings {
            pipeline_version: "v1".into(),
            config_hash: "c1".into(),
            force: false,
            retry_failed: false,
            shard: "1/1".into(),
        }
    }

    struct Fixture {
        dir: tempfile::TempDir,
        store: StateStore,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let store = StateStore::open(&dir.path().join("state.sqlite")).unwrap();
            Fixture { dir, store }
        }
        fn file(&self, name: &str, content: &str) -> PathBuf {
            let p = self.dir.path().join(name);
            std::fs::write(&p, content).unwrap();
            p
        }
        /// One whole run where every planned document "succeeds" with its hash as record.
        fn run(&self, paths: &[PathBuf], settings: &RunSettings) -> Plan {
            let run = self.store.begin_run(settings).unwrap();
            let fps = self.store.fingerprint(paths, settings.force).unwrap();
            let plan = self.store.plan(&fps, settings).unwrap();
            self.store.mark_deleted(&run, &plan.deleted).unwrap();
            for fp in plan.to_process() {
                self.store.begin_document(&run, fp).unwrap();
                let name = fp.path.to_string_lossy();
                let kind = if name.contains("bad") {
                    Some("not-a-pdf")
                } else if name.contains("toolless") {
                    Some("tool-missing")
                } else {
                    None
                };
                let status = if kind.is_some() {
                    SourceStatus::Failed
                } else {
                    SourceStatus::Ok
                };
                self.store
                    .commit_record(
                        &run,
                        fp,
                        status,
                        kind,
                        &format!("{{\"id\":\"{}\"}}", fp.sha256_hex()),
                    )
                    .unwrap();
            }
            self.store.finish_run(&run, "{}").unwrap();
            plan
        }
        fn records(&self) -> Vec<(Vec<u8>, String)> {
            let mut out = Vec::new();
            self.store
                .records_in_order(|p, r| {
                    out.push((p.to_vec(), r.to_string()));
                    Ok::<(), ()>(())
                })
                .unwrap()
                .unwrap();
            out
        }
    }

    fn names(list: &[Fingerprint]) -> Vec<String> {
        list.iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn second_run_over_unchanged_files_does_nothing() {
        let fx = Fixture::new();
        let paths = vec![fx.file("a.txt", "a"), fx.file("b.txt", "b")];
        let first = fx.run(&paths, &settings());
        assert_eq!(names(&first.new), ["a.txt", "b.txt"]);
        let second = fx.run(&paths, &settings());
        assert!(second.to_process().is_empty());
        assert_eq!(second.unchanged.len(), 2);
        assert_eq!(fx.records().len(), 2);
    }

    #[test]
    fn changed_added_and_removed_files_are_exactly_what_is_handled() {
        let fx = Fixture::new();
        let a = fx.file("a.txt", "a");
        let b = fx.file("b.txt", "b");
        let c = fx.file("c.txt", "c");
        fx.run(&[a.clone(), b.clone(), c.clone()], &settings());
        std::fs::write(&b, "b, edited").unwrap();
        std::fs::remove_file(&c).unwrap();
        let d = fx.file("d.txt", "d");
        let plan = fx.run(&[a, b, d], &settings());
        assert_eq!(names(&plan.changed), ["b.txt"]);
        assert_eq!(names(&plan.new), ["d.txt"]);
        assert_eq!(plan.deleted.len(), 1);
        assert!(plan.deleted[0].ends_with("c.txt"));
        assert_eq!(names(&plan.unchanged), ["a.txt"]);
        assert_eq!(
            fx.store.status_of(&plan.deleted[0]).unwrap(),
            Some(SourceStatus::Deleted)
        );
        let recorded: Vec<String> = fx
            .records()
            .iter()
            .map(|(p, _)| {
                String::from_utf8_lossy(p)
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(recorded, ["a.txt", "b.txt", "d.txt"]);
    }

    #[test]
    fn a_deleted_file_that_comes_back_is_new() {
        let fx = Fixture::new();
        let a = fx.file("a.txt", "a");
        fx.run(std::slice::from_ref(&a), &settings());
        fx.run(&[], &settings());
        let plan = fx.run(&[a], &settings());
        assert_eq!(names(&plan.new), ["a.txt"]);
    }

    #[test]
    fn upgrade_config_change_and_force_reprocess_everything() {
        let fx = Fixture::new();
        let paths = vec![fx.file("a.txt", "a")];
        fx.run(&paths, &settings());
        let upgraded = RunSettings {
            pipeline_version: "v2".into(),
            ..settings()
        };
        assert_eq!(fx.run(&paths, &upgraded).reprocess.len(), 1);
        let reconfigured = RunSettings {
            config_hash: "c2".into(),
            ..upgraded.clone()
        };
        assert_eq!(fx.run(&paths, &reconfigured).reprocess.len(), 1);
        assert_eq!(fx.run(&paths, &reconfigured).reprocess.len(), 0);
        let forced = RunSettings {
            force: true,
            ..reconfigured
        };
        assert_eq!(fx.run(&paths, &forced).reprocess.len(), 1);
    }

    #[test]
    fn failed_documents_are_retried_only_when_changed_or_asked() {
        let fx = Fixture::new();
        let bad = fx.file("bad.pdf", "not a pdf");
        fx.run(std::slice::from_ref(&bad), &settings());
        assert_eq!(
            fx.store.status_of(&bad).unwrap(),
            Some(SourceStatus::Failed)
        );
        assert_eq!(
            fx.run(std::slice::from_ref(&bad), &settings())
                .unchanged
                .len(),
            1
        );
        let retry = RunSettings {
            retry_failed: true,
            ..settings()
        };
        assert_eq!(fx.run(std::slice::from_ref(&bad), &retry).retry.len(), 1);
        std::fs::write(&bad, "still not a pdf").unwrap();
        assert_eq!(fx.run(&[bad], &settings()).changed.len(), 1);
    }

    #[test]
    fn failures_of_the_machine_are_retried_by_every_run() {
        let fx = Fixture::new();
        let pdf = fx.file("toolless.pdf", "%PDF-1.7");
        fx.run(std::slice::from_ref(&pdf), &settings());
        assert_eq!(
            fx.store.status_of(&pdf).unwrap(),
            Some(SourceStatus::Failed)
        );
        assert_eq!(fx.run(&[pdf], &settings()).retry.len(), 1);
    }

    #[test]
    fn cached_hash_is_used_only_while_the_file_is_untouched() {
        let fx = Fixture::new();
        let a = fx.file("a.txt", "one");
        let first = fx
            .store
            .fingerprint(std::slice::from_ref(&a), false)
            .unwrap();
        // Same size, new content: mtime/ctime change, so the file is rehashed.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&a, "two").unwrap();
        let second = fx
            .store
            .fingerprint(std::slice::from_ref(&a), false)
            .unwrap();
        assert_ne!(first[0].sha256, second[0].sha256);
        assert_eq!(second[0].sha256, Some(sha256_file(&a).unwrap()));
        assert_eq!(fx.load_cache_len(), 1);
        fx.store.fingerprint(&[], false).unwrap();
        assert_eq!(
            fx.load_cache_len(),
            0,
            "the cache forgets files that are gone"
        );
    }

    impl Fixture {
        fn load_cache_len(&self) -> usize {
            self.store.load_hash_cache().unwrap().len()
        }
    }

    #[test]
    fn unreadable_files_are_always_processed() {
        let fx = Fixture::new();
        let missing = fx.dir.path().join("missing.pdf");
        let plan = fx.run(std::slice::from_ref(&missing), &settings());
        assert_eq!(plan.new.len(), 1);
        assert_eq!(plan.new[0].sha256, None);
        assert_eq!(fx.run(&[missing], &settings()).changed.len(), 1);
    }

    #[test]
    fn a_second_store_on_the_same_state_is_refused_with_the_pid() {
        let fx = Fixture::new();
        let err = StateStore::open(fx.store.path()).err().expect("locked");
        let message = err.to_string();
        assert!(matches!(err, StateError::Locked { pid: Some(p), .. } if p == std::process::id()));
        assert!(message.contains("another undoc run is using"), "{message}");
        assert!(
            message.contains(&format!("(pid {})", std::process::id())),
            "{message}"
        );
    }

    #[test]
    fn the_lock_is_released_with_the_store() {
        let fx = Fixture::new();
        let path = fx.store.path().to_path_buf();
        drop(fx.store);
        StateStore::open(&path).unwrap();
    }

    #[test]
    fn records_come_out_in_byte_order_of_the_path_including_non_utf8() {
        let fx = Fixture::new();
        let names: Vec<PathBuf> = [&b"b"[..], b"a-b", b"a/b", b"\xffz", b"A"]
            .iter()
            .map(|n| fx.dir.path().join(std::ffi::OsStr::from_bytes(n)))
            .collect();
        let run = fx.store.begin_run(&settings()).unwrap();
        for p in &names {
            let fp = Fingerprint {
                path: p.clone(),
                size: 0,
                sha256: Some([0; 32]),
            };
            fx.store
                .commit_record(&run, &fp, SourceStatus::Ok, None, "{}")
                .unwrap();
        }
        let got: Vec<Vec<u8>> = fx.records().into_iter().map(|(p, _)| p).collect();
        let mut expected: Vec<Vec<u8>> = names.iter().map(|p| path_bytes(p).to_vec()).collect();
        expected.sort();
        assert_eq!(got, expected);
    }

    #[test]
    fn documents_in_flight_when_runs_die_are_quarantined_after_three_deaths() {
        let fx = Fixture::new();
        let a = fx.file("a.pdf", "boom");
        for death in 1..=MAX_CRASHES {
            let run = fx.store.begin_run(&settings()).unwrap();
            assert_eq!(run.resumes_interrupted_run, death > 1);
            let fps = fx
                .store
                .fingerprint(std::slice::from_ref(&a), false)
                .unwrap();
            let plan = fx.store.plan(&fps, &settings()).unwrap();
            assert_eq!(plan.new.len(), 1, "tried again after {} deaths", death - 1);
            fx.store.begin_document(&run, &plan.new[0]).unwrap();
            // The process "dies" here: no commit, no finish.
        }
        let run = fx.store.begin_run(&settings()).unwrap();
        let fps = fx
            .store
            .fingerprint(std::slice::from_ref(&a), false)
            .unwrap();
        let plan = fx.store.plan(&fps, &settings()).unwrap();
        assert_eq!(plan.quarantined.len(), 1);
        assert_eq!(plan.quarantined[0].1, MAX_CRASHES);
        let retry = RunSettings {
            retry_failed: true,
            ..settings()
        };
        assert_eq!(fx.store.plan(&fps, &retry).unwrap().new.len(), 1);
        // A changed file starts again from zero.
        std::fs::write(&a, "fixed").unwrap();
        let fps = fx.store.fingerprint(&[a], false).unwrap();
        assert_eq!(fx.store.plan(&fps, &settings()).unwrap().new.len(), 1);
        fx.store.finish_run(&run, "{}").unwrap();
    }

    #[test]
    fn state_from_a_newer_undoc_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        drop(StateStore::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
        drop(conn);
        let err = StateStore::open(&path).err().expect("refused");
        assert!(
            matches!(err, StateError::NewerSchema { found: 99, .. }),
            "{err}"
        );
    }
}
