//! Stand-ins for undoc's text-layer helper (`undoc-textlayer`), named to undoc through
//! `UNDOC_TEXTLAYER`: scripts that hang, crash, or misbehave on one file only.
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// The real helper, built with the tests.
pub const REAL_HELPER: &str = env!("CARGO_BIN_EXE_undoc-textlayer");

/// Writes an executable bash script `dir/fake-textlayer` with `body` and returns its path.
pub fn fake_helper(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("fake-textlayer");
    std::fs::write(&path, format!("#!/bin/bash\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A stand-in that greets like the real helper and hands every request to a fresh real
/// helper (its greeting dropped), except requests whose path contains `trigger`, on
/// which it runs `action` first.
pub fn selective_helper(dir: &Path, trigger: &str, action: &str) -> PathBuf {
    fake_helper(
        dir,
        &format!(
            "printf '{greeting}'\nwhile IFS= read -r -d '' req; do\n  case \"$req\" in *{trigger}*) {action};; esac\n  printf '%s\\0' \"$req\" | {REAL_HELPER} | tail -n +2\ndone",
            greeting = undoc::extract::HELPER_GREETING.escape_default()
        ),
    )
}
