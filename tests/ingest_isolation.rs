//! Failure isolation: a PDF reader that hangs or crashes costs one document, never the
//! batch. The reader is replaced by stand-ins on PATH that sleep or kill themselves.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::*;

fn fake_tool(dir: &Path, body: &str) {
    let path = dir.join("pdftotext");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn run_with_path(bin_dir: &Path, args: &[&str]) -> (i32, Vec<serde_json::Value>, String) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("r.jsonl");
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let status = Command::new(env!("CARGO_BIN_EXE_undoc"))
        .args(["ingest", "--quiet", "-o"])
        .arg(&out)
        .args(args)
        .env("PATH", path)
        .current_dir(root())
        .output()
        .unwrap();
    let records = std::fs::read_to_string(&out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        status.status.code().unwrap_or(-1),
        records,
        String::from_utf8_lossy(&status.stderr).into_owned(),
    )
}

#[test]
fn a_hanging_reader_is_cut_off_at_the_document_time_limit() {
    let bin = tempfile::tempdir().unwrap();
    fake_tool(bin.path(), "sleep 30");
    let start = std::time::Instant::now();
    let (code, records, _) = run_with_path(
        bin.path(),
        &[
            "--doc-timeout",
            "1",
            "corpus/synthetic/004.born-digital.pdf",
            "corpus/seeds/004_ce1862d2c26edbbb.txt",
        ],
    );
    assert!(start.elapsed().as_secs() < 20, "not waited on forever");
    assert_eq!(code, 1);
    assert_eq!(records[0]["status"], "ok", "the text input is unaffected");
    assert_eq!(records[1]["error"]["kind"], "timeout");
    assert!(records[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("004.born-digital.pdf"));
}

#[test]
fn a_crashing_reader_fails_one_document() {
    let bin = tempfile::tempdir().unwrap();
    fake_tool(bin.path(), "kill -SEGV $$");
    let (code, records, stderr) =
        run_with_path(bin.path(), &["corpus/synthetic/004.born-digital.pdf"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["status"], "failed");
    assert_eq!(records[0]["error"]["kind"], "damaged");
    assert_schema_valid(&records[0]);
}
