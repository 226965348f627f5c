//! Failure isolation: a PDF reader that hangs or crashes costs one document, never the
//! batch. The text-layer helper (`undoc-textlayer`) is replaced, through
//! `UNDOC_TEXTLAYER`, by stand-ins that sleep, crash, or crash on one file only.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::fake_textlayer::{fake_helper, selective_helper};
use common::*;

fn run_with_helper(helper: &Path, args: &[&str]) -> (i32, Vec<serde_json::Value>, String) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("r.jsonl");
    let status = Command::new(env!("CARGO_BIN_EXE_undoc"))
        .args(["ingest", "--quiet", "-o"])
        .arg(&out)
        .args(args)
        .env("UNDOC_TEXTLAYER", helper)
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
    let helper = fake_helper(bin.path(), "exec sleep 30");
    let start = std::time::Instant::now();
    let (code, records, _) = run_with_helper(
        &helper,
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
    let helper = fake_helper(bin.path(), "kill -SEGV $$");
    let (code, records, stderr) =
        run_with_helper(&helper, &["corpus/synthetic/004.born-digital.pdf"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["status"], "failed");
    assert_eq!(records[0]["error"]["kind"], "damaged");
    assert!(records[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("crashed"));
    assert_schema_valid(&records[0]);
}

/// One worker thread, so the documents go one after another through the same helper
/// slot: the crash on the middle file must cost that file only, and the documents after
/// it are read by a fresh helper.
#[test]
fn the_reader_is_replaced_after_a_crash_and_a_hang() {
    let bin = tempfile::tempdir().unwrap();
    let docs = tempfile::tempdir().unwrap();
    let names = ["a.pdf", "b-crash.pdf", "c.pdf", "d-hang.pdf", "e.pdf"];
    for name in names {
        std::fs::copy(
            root().join("corpus/synthetic/004.born-digital.pdf"),
            docs.path().join(name),
        )
        .unwrap();
    }
    let helper = selective_helper(
        bin.path(),
        "-",
        "case \"$req\" in *crash*) kill -SEGV $$;; *) exec sleep 30;; esac",
    );
    let dir = docs.path().to_str().unwrap();
    let (code, records, stderr) =
        run_with_helper(&helper, &["--jobs", "1", "--doc-timeout", "2", dir]);
    assert_eq!(code, 1, "{stderr}");
    let kinds: Vec<String> = records
        .iter()
        .map(|r| {
            r["error"]["kind"]
                .as_str()
                .unwrap_or(r["status"].as_str().unwrap())
                .to_string()
        })
        .collect();
    assert_eq!(kinds, ["ok", "damaged", "ok", "timeout", "ok"], "{stderr}");
    assert_eq!(records[0]["body"], records[4]["body"]);
}

/// A program that is not this undoc's helper (another version's, say) is reported as
/// the wrong helper, with what it said, and the document fails `tool-missing` (retried
/// by the next run once the right helper is installed).
#[test]
fn a_helper_of_another_version_is_reported_not_misread() {
    let bin = tempfile::tempdir().unwrap();
    let helper = fake_helper(
        bin.path(),
        "printf 'undoc-textlayer protocol 0\\n'; cat >/dev/null",
    );
    let (code, records, stderr) =
        run_with_helper(&helper, &["corpus/synthetic/004.born-digital.pdf"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records[0]["error"]["kind"], "tool-missing");
    let message = records[0]["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("protocol 0") && message.contains("protocol 2"),
        "{message}"
    );
}
