//! The project's shared test material (real UN and ICJ PDFs, texts, meeting records,
//! reference tables), which the repository does not hold: tests read it at test time
//! from `../shared` beside the repository root (or from `$UNDOC_SHARED`).
//!
//! `shared(path)` gives the file or folder, or `None` when the shared folder is absent
//! (a fresh clone): the test then returns early after one visible line on stderr saying
//! what it skipped and why. Under CI (`CI=true`) an absent shared folder is a failure,
//! so the suite never passes green by skipping. A path missing from a shared folder that
//! is present is always a failure (the test names a file that is not there).

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// The shared folder: `$UNDOC_SHARED` when set, else `../shared` beside the repository.
pub fn shared_root() -> PathBuf {
    match std::env::var_os("UNDOC_SHARED") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    }
}

/// `path` inside the shared folder, or `None` (after one visible line) when the shared
/// folder is absent; panics when it is absent under `CI=true`, or when the folder is
/// there but `path` is not.
pub fn shared(path: &str) -> Option<PathBuf> {
    let root = shared_root();
    if !root.is_dir() {
        let test = std::thread::current()
            .name()
            .unwrap_or("a test")
            .to_string();
        let need = format!(
            "{test} needs ../shared/{path} (not present at {})",
            root.display()
        );
        assert!(
            !in_ci(),
            "{need}: under CI=true the shared material is required"
        );
        // Written to the process's stderr, not through `eprintln!`, which the test
        // harness captures: the line is seen in a plain `cargo test` run.
        let _ = writeln!(std::io::stderr(), "skipped: {need}");
        return None;
    }
    let full = root.join(path);
    assert!(
        full.exists(),
        "{} is missing from the shared folder {}",
        path,
        root.display()
    );
    Some(full)
}

/// Like [`shared`], for several paths at once: all of them or `None`.
pub fn shared_files(paths: &[&str]) -> Option<Vec<PathBuf>> {
    paths.iter().map(|p| shared(p)).collect()
}

/// True when running under CI (`CI` set to `true` or `1`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}
