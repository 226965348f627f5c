//! The nightly refresh, end to end through the `undoc` binary: reruns skip unchanged
//! files, exactly the changed/added/removed files are handled, SIGKILL at any point
//! loses nothing, shards merge into the single-run output, and a hostile batch neither
//! crashes the run nor touches the good records.

use crate::common::fake_textlayer;
use crate::common::hostile;
use crate::common::state_db::committed_by_unfinished_run;

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

fn undoc() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_undoc"));
    cmd.stdin(Stdio::null());
    cmd
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Nine small documents: the four born-digital PDFs and the five seed texts of `corpus/`.
const SMALL_CORPUS: &[&str] = &[
    "corpus/synthetic/000.born-digital.pdf",
    "corpus/synthetic/001.born-digital.pdf",
    "corpus/synthetic/003.born-digital.pdf",
    "corpus/synthetic/004.born-digital.pdf",
    "corpus/seeds/000_f3372c5a09e885c6.txt",
    "corpus/seeds/001_6a96f7bb74aaf6a5.txt",
    "corpus/seeds/002_67f8880aa14b2c22.txt",
    "corpus/seeds/003_cbb90a1089c47f55.txt",
    "corpus/seeds/004_ce1862d2c26edbbb.txt",
];

/// Copies the named files of the small corpus (all of them by default) into `cwd/in`.
fn copy_corpus(cwd: &Path, which: &[&str]) {
    let input = cwd.join("in");
    fs::create_dir_all(&input).unwrap();
    for rel in SMALL_CORPUS {
        let from = repo(rel);
        let name = from.file_name().unwrap().to_str().unwrap();
        if which.is_empty() || which.contains(&name) {
            fs::copy(&from, input.join(name)).unwrap();
        }
    }
}

/// `undoc ingest INPUT... -o OUT --jobs J --quiet EXTRA...` run in `cwd` (paths are
/// relative to it, so records of different folders compare byte for byte).
fn ingest_command(cwd: &Path, inputs: &[&str], out: &str, jobs: u32, extra: &[&str]) -> Command {
    let mut cmd = undoc();
    cmd.current_dir(cwd)
        .arg("ingest")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .args(["--jobs", &jobs.to_string(), "--quiet"])
        .args(extra);
    cmd
}

/// Runs ingest with `--summary OUT.summary.json`; panics (with stderr) unless it ended
/// normally. Returns the summary.
fn ingest(cwd: &Path, inputs: &[&str], out: &str, jobs: u32, extra: &[&str]) -> Value {
    let summary = format!("{out}.summary.json");
    let output = ingest_command(cwd, inputs, out, jobs, extra)
        .args(["--summary", &summary])
        .output()
        .unwrap();
    assert_finished(&output);
    serde_json::from_str(&fs::read_to_string(cwd.join(&summary)).unwrap()).unwrap()
}

/// The run ended normally: no signal, and an exit code that is not a usage error or a
/// crash (undoc may exit non-zero to say that some documents failed).
fn assert_finished(output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.signal().is_none(),
        "undoc died: {:?}\n{stderr}",
        output.status
    );
    let code = output.status.code().unwrap();
    assert!(code == 0 || code == 1, "undoc exited with {code}\n{stderr}");
}

fn count(summary: &Value, field: &str) -> u64 {
    summary[field]
        .as_u64()
        .unwrap_or_else(|| panic!("summary has no {field}: {summary}"))
}

fn records(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const N: u64 = SMALL_CORPUS.len() as u64;

#[test]
#[ignore = "slow: many undoc runs; scripts/test.sh runs it"]
fn a_rerun_over_an_unchanged_corpus_processes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    copy_corpus(cwd, &[]);
    let out = cwd.join("out/records.jsonl");
    let first = ingest(cwd, &["in"], "out/records.jsonl", 2, &[]);
    assert_eq!(count(&first, "new"), N, "{first}");
    assert_eq!(count(&first, "records"), N);
    assert!(count(&first, "pages") > 0);
    let before = fs::read(&out).unwrap();
    assert_eq!(records(&out).len() as u64, N);

    let second = ingest(cwd, &["in"], "out/records.jsonl", 2, &[]);
    assert_eq!(count(&second, "processed"), 0, "{second}");
    assert_eq!(count(&second, "unchanged"), N);
    assert_eq!(count(&second, "pages"), 0);
    assert_eq!(
        fs::read(&out).unwrap(),
        before,
        "same output, byte for byte"
    );

    let forced = ingest(cwd, &["in"], "out/records.jsonl", 2, &["--force"]);
    assert_eq!(count(&forced, "reprocessed"), N, "{forced}");
    assert_eq!(fs::read(&out).unwrap(), before);
}

#[test]
#[ignore = "slow: many undoc runs; scripts/test.sh runs it"]
fn exactly_the_changed_added_and_removed_files_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    copy_corpus(cwd, &[]);
    ingest(cwd, &["in"], "out/records.jsonl", 2, &[]);

    let edited = cwd.join("in/001_6a96f7bb74aaf6a5.txt");
    let mut text = fs::read_to_string(&edited).unwrap();
    text.push_str("\nA paragraph added overnight to this document.\n");
    fs::write(&edited, text).unwrap();
    fs::copy(
        repo("corpus/synthetic/004.scan-clean.pdf"),
        cwd.join("in/added.pdf"),
    )
    .unwrap();
    fs::remove_file(cwd.join("in/004.born-digital.pdf")).unwrap();

    let night = ingest(cwd, &["in"], "out/records.jsonl", 2, &[]);
    assert_eq!(count(&night, "changed"), 1, "{night}");
    assert_eq!(count(&night, "new"), 1, "{night}");
    assert_eq!(count(&night, "deleted"), 1, "{night}");
    assert_eq!(count(&night, "processed"), 2, "{night}");
    assert_eq!(count(&night, "unchanged"), N - 2, "{night}");
    assert_eq!(
        night["deleted_paths"],
        serde_json::json!(["in/004.born-digital.pdf"])
    );

    // The output is what a fresh run over tonight's files gives.
    let fresh = ingest(cwd, &["in"], "fresh/records.jsonl", 2, &[]);
    assert_eq!(count(&fresh, "new"), N);
    assert_eq!(
        fs::read(cwd.join("out/records.jsonl")).unwrap(),
        fs::read(cwd.join("fresh/records.jsonl")).unwrap()
    );
}

/// Yesterday's corpus in the SIGKILL test: two of the seed texts.
const YESTERDAY: &[&str] = &["000_f3372c5a09e885c6.txt", "002_67f8880aa14b2c22.txt"];

/// Makes yesterday's output in `cwd/out`, then adds today's files (the rest of the
/// small corpus: 7 documents to process); returns yesterday's output bytes.
fn yesterday_then_today(cwd: &Path) -> Vec<u8> {
    copy_corpus(cwd, YESTERDAY);
    ingest(cwd, &["in"], "out/records.jsonl", 1, &[]);
    copy_corpus(cwd, &[]);
    fs::read(cwd.join("out/records.jsonl")).unwrap()
}

const TODAY: usize = SMALL_CORPUS.len() - YESTERDAY.len();

/// Starts today's `--jobs 1` run in `cwd` and SIGKILLs it as soon as it has committed
/// `after` records (at once when `None`); false when it finished first.
fn run_and_kill(cwd: &Path, after: Option<usize>) -> bool {
    let mut child = ingest_command(cwd, &["in"], "out/records.jsonl", 1, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let db = cwd.join("out/.records.jsonl.undoc-state.sqlite");
    if let Some(after) = after {
        while committed_by_unfinished_run(&db) < after {
            if child.try_wait().unwrap().is_some() {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    status.signal() == Some(libc::SIGKILL)
}

#[test]
#[ignore = "slow: many undoc runs; scripts/test.sh runs it"]
fn sigkill_at_any_point_then_rerun_gives_the_uninterrupted_output() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    yesterday_then_today(&reference);
    ingest(&reference, &["in"], "out/records.jsonl", 1, &[]);
    let expected = fs::read(reference.join("out/records.jsonl")).unwrap();

    // At start-up, after the first record, mid-run, and once every record is committed
    // (while the output is being written).
    let points = [None, Some(1), Some(TODAY / 2), Some(TODAY - 1), Some(TODAY)];
    let mut killed = 0;
    for (i, after) in points.iter().enumerate() {
        let cwd = dir.path().join(format!("kill-{i}"));
        let previous = yesterday_then_today(&cwd);
        let out = cwd.join("out/records.jsonl");
        if run_and_kill(&cwd, *after) {
            killed += 1;
            let state =
                committed_by_unfinished_run(&cwd.join("out/.records.jsonl.undoc-state.sqlite"));
            assert!(state >= after.unwrap_or(0), "{state} records committed");
            let now = fs::read(&out).unwrap();
            assert!(
                now == previous || now == expected,
                "killed after {after:?} records: the output is neither yesterday's nor today's"
            );
        }
        let rerun = ingest(&cwd, &["in"], "out/records.jsonl", 1, &[]);
        assert_eq!(
            fs::read(&out).unwrap(),
            expected,
            "killed after {after:?} records, then rerun: {rerun}"
        );
        if let Some(after) = after {
            assert!(
                count(&rerun, "processed") as usize <= TODAY - after,
                "the rerun redid committed work: {rerun}"
            );
        }
        let leftovers: Vec<_> = fs::read_dir(cwd.join("out"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().as_bytes().windows(5).any(|w| w == b".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
    assert!(
        killed >= 4,
        "only {killed} runs were killed before they finished"
    );
}

#[test]
#[ignore = "slow: many undoc runs; scripts/test.sh runs it"]
fn four_shards_merged_equal_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    copy_corpus(cwd, &[]);
    ingest(cwd, &["in"], "all/records.jsonl", 2, &[]);
    let mut total = 0;
    let mut shards = Vec::new();
    for k in 1..=4 {
        let out = format!("shards/shard-{k}.jsonl");
        let summary = ingest(cwd, &["in"], &out, 1, &["--shard", &format!("{k}/4")]);
        assert_eq!(summary["shard"], format!("{k}/4"));
        total += count(&summary, "records");
        shards.push(out);
    }
    assert_eq!(total, N, "every document in exactly one shard");
    let merged = undoc()
        .current_dir(cwd)
        .arg("merge")
        .args(&shards)
        .args(["-o", "merged.jsonl"])
        .output()
        .unwrap();
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(
        fs::read(cwd.join("merged.jsonl")).unwrap(),
        fs::read(cwd.join("all/records.jsonl")).unwrap()
    );

    // Shards of another split mixed in: refused, naming the duplicate.
    let bad = undoc()
        .current_dir(cwd)
        .args(["merge", "all/records.jsonl", &shards[0], "-o", "bad.jsonl"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("appears in"));
    assert!(!cwd.join("bad.jsonl").exists());
}

#[test]
fn a_second_run_on_the_same_state_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    copy_corpus(cwd, YESTERDAY);
    // This test process holds the state, as a run in progress would.
    let _held = undoc::StateStore::open(&cwd.join("state.sqlite")).unwrap();
    let output = ingest_command(cwd, &["in"], "out.jsonl", 1, &["--state", "state.sqlite"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!(
            "another undoc run is using state.sqlite (pid {})",
            std::process::id()
        )),
        "{stderr}"
    );
    assert!(!cwd.join("out.jsonl").exists());
}

/// Waits for `child` with wait4 and returns its status and peak RSS in KiB.
fn wait_with_peak_rss(child: std::process::Child) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: plain wait4 on our own child, with valid out-pointers; the Child handle
    // is forgotten afterwards so std does not wait for it again.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    std::mem::forget(child);
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(rc, pid, "wait4: {}", std::io::Error::last_os_error());
    (status, usage.ru_maxrss as u64)
}

#[test]
#[ignore = "slow: many undoc runs; scripts/test.sh runs it"]
fn a_hostile_batch_gives_one_failed_record_per_bad_file_and_leaves_good_records_intact() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let batch_dir = cwd.join("batch");
    fs::create_dir_all(&batch_dir).unwrap();
    let batch = hostile::make_hostile_batch(&batch_dir);
    let relative = |p: &Path| p.strip_prefix(cwd).unwrap().to_path_buf();

    // Reference: the good files alone, named on the command line.
    let good: Vec<PathBuf> = batch.good.iter().map(|p| relative(p)).collect();
    let mut reference = undoc();
    reference.current_dir(cwd).arg("ingest").args(&good).args([
        "-o",
        "good.jsonl",
        "--jobs",
        "2",
        "--quiet",
    ]);
    assert_finished(&reference.output().unwrap());
    let good_lines: Vec<String> = fs::read_to_string(cwd.join("good.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(good_lines.len(), batch.good.len());

    // The whole batch, good and bad mixed, with a short per-document time limit.
    let child = ingest_command(
        cwd,
        &["batch"],
        "all.jsonl",
        2,
        &["--doc-timeout", "5", "--summary", "all.summary.json"],
    )
    .stdout(Stdio::null())
    .stderr(fs::File::create(cwd.join("all.stderr")).unwrap())
    .spawn()
    .unwrap();
    let (status, peak_kib) = wait_with_peak_rss(child);
    assert!(
        libc::WIFEXITED(status),
        "undoc was killed by a signal: {status}"
    );
    assert!(
        libc::WEXITSTATUS(status) <= 1,
        "exit code {}",
        libc::WEXITSTATUS(status)
    );
    assert!(peak_kib < 1024 * 1024, "undoc peaked at {peak_kib} KiB");

    let all = fs::read_to_string(cwd.join("all.jsonl")).unwrap();
    let all_lines: Vec<&str> = all.lines().collect();
    assert_eq!(all_lines.len(), batch.good.len() + batch.bad.len() + 2);
    for line in &good_lines {
        assert!(
            all_lines.contains(&line.as_str()),
            "good record changed: {line:.200}"
        );
    }
    let by_path = |path: &Path| -> Vec<Value> {
        let exact = relative(path);
        all_lines
            .iter()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|r| {
                let bytes = match r["source"]["path_bytes_hex"].as_str() {
                    Some(hex) => (0..hex.len())
                        .step_by(2)
                        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                        .collect(),
                    None => r["source"]["path"].as_str().unwrap().as_bytes().to_vec(),
                };
                bytes == exact.as_os_str().as_bytes()
            })
            .collect()
    };
    for bad in &batch.bad {
        let found = by_path(&bad.path);
        assert_eq!(found.len(), 1, "{}: {} records", bad.what, found.len());
        assert_eq!(found[0]["status"], "failed", "{}: {}", bad.what, found[0]);
        let kind = found[0]["error"]["kind"].as_str().unwrap_or_default();
        assert!(!kind.is_empty(), "{}: no error kind", bad.what);
    }
    let huge = by_path(&batch.huge);
    assert_eq!(huge.len(), 1, "the {}-page PDF", batch.huge_pages);
    if huge[0]["status"] == "ok" {
        assert_eq!(
            huge[0]["pages"].as_array().unwrap().len() as u32,
            batch.huge_pages
        );
    }
    // Thousands of blank pages: read, every page flagged, nothing OCRed, no warning
    // (within the 5-second limit; before blank pages were found, every page was
    // rendered and OCRed).
    let blank = by_path(&batch.blank);
    assert_eq!(blank.len(), 1, "the {}-page blank PDF", batch.blank_pages);
    assert_eq!(blank[0]["status"], "ok", "{:.300}", blank[0]);
    let pages = blank[0]["pages"].as_array().unwrap();
    assert_eq!(pages.len() as u32, batch.blank_pages);
    assert!(pages
        .iter()
        .all(|p| p["blank"] == true && p["method"] == "text-layer"));
    assert_eq!(blank[0]["warnings"], serde_json::json!([]));
    let summary: Value =
        serde_json::from_str(&fs::read_to_string(cwd.join("all.summary.json")).unwrap()).unwrap();
    let failed_here = batch.bad.len() as u64 + u64::from(huge[0]["status"] == "failed");
    assert_eq!(count(&summary, "failed"), failed_here, "{summary}");

    // Failed documents are not retried unless they change or --retry-failed is given.
    let again = ingest(cwd, &["batch"], "all.jsonl", 2, &["--doc-timeout", "5"]);
    assert_eq!(count(&again, "processed"), 0, "{again}");
    let zero = batch.bad.iter().find(|b| b.what == "zero bytes").unwrap();
    fs::write(&zero.path, b"still not a PDF").unwrap();
    let retry = ingest(
        cwd,
        &["batch"],
        "all.jsonl",
        2,
        &["--doc-timeout", "5", "--retry-failed"],
    );
    assert_eq!(count(&retry, "changed"), 1, "{retry}");
    assert_eq!(count(&retry, "retried"), failed_here - 1, "{retry}");
}

/// A document that kills undoc itself (here a stand-in text-layer helper that SIGKILLs
/// undoc on one file) would kill every following night: after three deaths with it in
/// flight it is reported `failed` (kind `crashed`) and the run completes.
#[test]
#[ignore = "slow: many undoc runs; scripts/test.sh runs it"]
fn a_document_that_kills_undoc_is_quarantined_after_three_deaths() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    copy_corpus(cwd, &["004.born-digital.pdf", "004_ce1862d2c26edbbb.txt"]);
    fs::copy(repo(SMALL_CORPUS[0]), cwd.join("in/killer.pdf")).unwrap();
    let bin = cwd.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let helper = fake_textlayer::selective_helper(&bin, "killer", "kill -9 $PPID; sleep 1");

    for death in 1..=undoc::MAX_CRASHES {
        let status = ingest_command(cwd, &["in"], "out/records.jsonl", 1, &[])
            .env("UNDOC_TEXTLAYER", &helper)
            .output()
            .unwrap()
            .status;
        assert_eq!(
            status.signal(),
            Some(libc::SIGKILL),
            "run {death} should die"
        );
    }
    let output = ingest_command(cwd, &["in"], "out/records.jsonl", 1, &[])
        .env("UNDOC_TEXTLAYER", &helper)
        .args(["--summary", "s.json"])
        .output()
        .unwrap();
    assert_finished(&output);
    let summary: Value =
        serde_json::from_str(&fs::read_to_string(cwd.join("s.json")).unwrap()).unwrap();
    assert_eq!(count(&summary, "quarantined"), 1, "{summary}");
    let records = records(&cwd.join("out/records.jsonl"));
    assert_eq!(records.len(), 3);
    for record in &records {
        let killer = record["source"]["path"] == "in/killer.pdf";
        let expected = if killer { "failed" } else { "ok" };
        assert_eq!(record["status"], expected, "{record}");
        if killer {
            assert_eq!(record["error"]["kind"], "crashed");
        }
    }
}

/// A document that failed because undoc's text-layer helper could not be started says
/// nothing about the document: the next run retries it without `--retry-failed`.
#[test]
fn documents_failed_for_a_missing_helper_are_retried_once_it_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    copy_corpus(cwd, &["004.born-digital.pdf"]);
    let first = ingest_command(cwd, &["in"], "out/records.jsonl", 1, &[])
        .env("UNDOC_TEXTLAYER", cwd.join("no-such-helper"))
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(1));
    let failed = records(&cwd.join("out/records.jsonl"));
    assert_eq!(failed[0]["error"]["kind"], "tool-missing");

    let summary = ingest(cwd, &["in"], "out/records.jsonl", 1, &[]);
    assert_eq!(count(&summary, "retried"), 1, "{summary}");
    let records = records(&cwd.join("out/records.jsonl"));
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["status"], "ok");
}
