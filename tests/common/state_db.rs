//! Reading a run's state store from outside, as any reader may while a run writes it
//! (SQLite in WAL mode): the tests that SIGKILL a run part-way use it to know when.

use std::path::Path;

/// Records the unfinished (latest) run has committed to the state so far: 0 until it
/// has started, or when the database cannot be opened yet.
pub fn committed_by_unfinished_run(db: &Path) -> usize {
    use rusqlite::{Connection, OpenFlags};
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row(
        "SELECT count(*) FROM sources WHERE run_id =
           (SELECT max(id) FROM runs WHERE finished_at IS NULL)",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map_or(0, |n| n as usize)
}
