//! The changes feed (`undoc ingest --changes FILE`): applying the changes files of runs
//! 2..n to the output of run 1 gives exactly the output of run n — for random sequences
//! of added, changed, deleted, touched and force-reprocessed text files, after runs
//! SIGKILLed at any point and resumed, and after a run that died between writing its
//! changes file and finishing (whether or not a consumer applied that file). Applying
//! is a merge by `source.path`, as `scripts/apply-changes.sh` and docs/refresh.md do it.

use crate::common::state_db::committed_by_unfinished_run;
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use proptest::prelude::*;
use serde_json::Value;
use undoc::{process_file, OutputTarget, PipelineOptions, StateArgs};

/// The key of a line: the exact bytes of its source path.
fn key(line: &str) -> Vec<u8> {
    let v: Value = serde_json::from_str(line).expect("a JSON line");
    match v["source"]["path_bytes_hex"].as_str() {
        Some(hex) => (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect(),
        None => v["source"]["path"].as_str().unwrap().as_bytes().to_vec(),
    }
}

fn is_deleted(line: &str) -> bool {
    serde_json::from_str::<Value>(line).unwrap()["status"] == "deleted"
}

/// A copy of an output with a changes file applied.
fn apply(copy: &str, changes: &str) -> String {
    let mut records: BTreeMap<Vec<u8>, String> =
        copy.lines().map(|l| (key(l), l.to_string())).collect();
    for line in changes.lines() {
        if is_deleted(line) {
            records.remove(&key(line));
        } else {
            records.insert(key(line), line.to_string());
        }
    }
    records.values().map(|l| format!("{l}\n")).collect()
}

/// Every line of `changes` changes something in `copy` (nothing listed for nothing).
fn assert_minimal(copy: &str, changes: &str) {
    let records: BTreeMap<Vec<u8>, &str> = copy.lines().map(|l| (key(l), l)).collect();
    for line in changes.lines() {
        let before = records.get(&key(line));
        if is_deleted(line) {
            assert!(before.is_some(), "deleted but not in the output: {line}");
        } else {
            assert_ne!(before, Some(&line), "listed but unchanged: {line}");
        }
    }
}

/// One run through the library with the real pipeline, `--changes` into `changes`.
fn run(dir: &Path, force: bool, changes: &str) -> (String, String) {
    let inputs = undoc::discover(&[dir.join("in")]).unwrap();
    let args = StateArgs {
        force,
        changes: Some(dir.join(changes)),
        ..StateArgs::default()
    };
    let out = dir.join("out.jsonl");
    let mut opts = args.options(inputs, OutputTarget::File(out.clone()), "test", 2);
    opts.progress = false;
    opts.report_failures = false;
    undoc::run(&opts, |input| {
        process_file(input, &PipelineOptions::default())
    })
    .unwrap();
    (
        fs::read_to_string(out).unwrap(),
        fs::read_to_string(dir.join(changes)).unwrap(),
    )
}

fn text(version: u8) -> String {
    format!(
        "Seventy-eighth session\n\nThe General Assembly,\n\nRecalling its resolution 77/{version},\n\n1. Decides to remain seized of the matter {version}.\n"
    )
}

#[derive(Debug, Clone)]
enum Op {
    /// Writes file `i` with text version `v` (adds, changes, or rewrites the same).
    Write(u8, u8),
    Delete(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..6, 0u8..3).prop_map(|(i, v)| Op::Write(i, v)),
        1 => (0u8..6).prop_map(Op::Delete),
    ]
}

fn apply_ops(dir: &Path, ops: &[Op]) {
    let file = |i: u8| dir.join("in").join(format!("doc {i}.txt"));
    for op in ops {
        match op {
            Op::Write(i, v) => fs::write(file(*i), text(*v)).unwrap(),
            Op::Delete(i) => {
                let _ = fs::remove_file(file(*i));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn applying_the_changes_of_each_run_gives_its_output(
        first in proptest::collection::vec(op(), 0..6),
        nights in proptest::collection::vec((proptest::collection::vec(op(), 0..5), any::<bool>()), 1..5),
    ) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("in")).unwrap();
        apply_ops(dir.path(), &first);
        let (out1, changes1) = run(dir.path(), false, "changes-1.jsonl");
        prop_assert_eq!(apply("", &changes1), out1.clone(), "run 1 lists its whole output");
        let mut copy = out1;
        for (n, (ops, force)) in nights.iter().enumerate() {
            apply_ops(dir.path(), ops);
            let (out, changes) = run(dir.path(), *force, &format!("changes-{}.jsonl", n + 2));
            assert_minimal(&copy, &changes);
            copy = apply(&copy, &changes);
            prop_assert_eq!(&copy, &out, "after run {}", n + 2);
        }
    }
}

#[test]
#[ignore = "slow: many undoc runs; scripts/test.sh runs it"]
fn a_forced_rerun_of_unchanged_files_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    apply_ops(dir.path(), &[Op::Write(0, 0), Op::Write(1, 1)]);
    let (out1, changes1) = run(dir.path(), false, "c1.jsonl");
    assert_eq!(changes1.lines().count(), 2);
    let (out2, changes2) = run(dir.path(), true, "c2.jsonl");
    assert_eq!(out1, out2);
    assert_eq!(
        changes2, "",
        "reprocessed records with the same bytes are not listed"
    );
}

/// A run that died after its changes file was in place but before it finished: the
/// next run lists that file's sources again, so a consumer that applied the dead run's
/// file and one that did not both end with the next output, even when the next run
/// reverts what the dead one changed.
#[test]
fn a_run_dying_after_its_changes_file_is_covered_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("in")).unwrap();
    apply_ops(d, &[Op::Write(0, 0), Op::Write(1, 0), Op::Write(2, 0)]);
    let (out1, _) = run(d, false, "c1.jsonl");
    apply_ops(d, &[Op::Write(0, 1), Op::Delete(1), Op::Write(2, 1)]);
    let (_, changes2) = run(d, false, "c2.jsonl");
    // Make run 2 look as if it died right after writing its files.
    let db = d.join(".out.jsonl.undoc-state.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE runs SET finished_at = NULL WHERE id = (SELECT max(id) FROM runs)",
        [],
    )
    .unwrap();
    for line in changes2.lines() {
        let id: Value = serde_json::from_str(line).unwrap();
        conn.execute(
            "INSERT INTO pending_changes (path, id) VALUES (?1, ?2)",
            rusqlite::params![key(line), id["id"].as_str().unwrap()],
        )
        .unwrap();
    }
    drop(conn);
    // Run 3 reverts file 0, brings file 1 back as it was, and leaves file 2 as run 2
    // made it (only the pending list tells a consumer that skipped run 2 about it).
    apply_ops(d, &[Op::Write(0, 0), Op::Write(1, 0)]);
    let (out3, changes3) = run(d, false, "c3.jsonl");
    assert_ne!(out3, out1);
    assert!(changes3.contains("doc 2.txt"), "{changes3}");
    assert_eq!(apply(&out1, &changes3), out3, "consumer that skipped run 2");
    assert_eq!(
        apply(&apply(&out1, &changes2), &changes3),
        out3,
        "consumer that applied run 2"
    );
}

// ---- SIGKILL through the binary ----

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

const SEEDS: &[&str] = &[
    "000_f3372c5a09e885c6.txt",
    "001_6a96f7bb74aaf6a5.txt",
    "002_67f8880aa14b2c22.txt",
    "003_cbb90a1089c47f55.txt",
    "004_ce1862d2c26edbbb.txt",
];

fn ingest(cwd: &Path, changes: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_undoc"));
    cmd.current_dir(cwd)
        .args([
            "ingest",
            "in",
            "-o",
            "out/records.jsonl",
            "--jobs",
            "1",
            "--quiet",
        ])
        .args(["--changes", changes])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Yesterday: two seed texts, run 1. Today: one of them changed, the other deleted, the
/// other seeds and three synthetic PDFs added. Returns yesterday's output.
fn yesterday_then_today(cwd: &Path) -> String {
    let input = cwd.join("in");
    fs::create_dir_all(&input).unwrap();
    for seed in &SEEDS[..2] {
        fs::copy(repo(&format!("corpus/seeds/{seed}")), input.join(seed)).unwrap();
    }
    assert!(ingest(cwd, "c1.jsonl").status().unwrap().success());
    let out1 = fs::read_to_string(cwd.join("out/records.jsonl")).unwrap();
    assert_eq!(
        apply("", &fs::read_to_string(cwd.join("c1.jsonl")).unwrap()),
        out1
    );
    let changed = input.join(SEEDS[0]);
    let mut text = fs::read_to_string(&changed).unwrap();
    text.push_str("\n\nA paragraph added today.\n");
    fs::write(&changed, text).unwrap();
    fs::remove_file(input.join(SEEDS[1])).unwrap();
    for seed in &SEEDS[2..] {
        fs::copy(repo(&format!("corpus/seeds/{seed}")), input.join(seed)).unwrap();
    }
    for pdf in ["000", "001", "004"] {
        let name = format!("{pdf}.born-digital.pdf");
        fs::copy(repo(&format!("corpus/synthetic/{name}")), input.join(name)).unwrap();
    }
    out1
}

const TODAY: usize = 7;

/// Today's run with `--changes c2.jsonl`, SIGKILLed once it has committed `after`
/// records (at once when `None`); false when it finished first.
fn run_and_kill(cwd: &Path, after: Option<usize>) -> bool {
    let mut child = ingest(cwd, "c2.jsonl").spawn().unwrap();
    let db = cwd.join("out/.records.jsonl.undoc-state.sqlite");
    if let Some(after) = after {
        while committed_by_unfinished_run(&db) < after {
            if child.try_wait().unwrap().is_some() {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    child.kill().unwrap();
    child.wait().unwrap().signal() == Some(libc::SIGKILL)
}

#[test]
#[ignore = "slow: many undoc runs; scripts/test.sh runs it"]
fn a_sigkilled_and_resumed_run_gives_changes_that_rebuild_its_output() {
    let dir = tempfile::tempdir().unwrap();
    let points = [None, Some(1), Some(TODAY / 2), Some(TODAY)];
    let mut killed = 0;
    for (i, after) in points.iter().enumerate() {
        let cwd = dir.path().join(format!("kill-{i}"));
        let out1 = yesterday_then_today(&cwd);
        killed += usize::from(run_and_kill(&cwd, *after));
        let c2 = fs::read_to_string(cwd.join("c2.jsonl")).ok();
        assert!(ingest(&cwd, "c3.jsonl").status().unwrap().success());
        let out3 = fs::read_to_string(cwd.join("out/records.jsonl")).unwrap();
        let c3 = fs::read_to_string(cwd.join("c3.jsonl")).unwrap();
        assert_eq!(out3.lines().count(), SEEDS.len() - 1 + 3);
        assert_eq!(
            apply(&out1, &c3),
            out3,
            "killed after {after:?}: run 2 skipped"
        );
        if let Some(c2) = c2 {
            let applied = apply(&out1, &c2);
            assert_eq!(
                apply(&applied, &c3),
                out3,
                "killed after {after:?}: run 2 applied"
            );
        }
    }
    assert!(
        killed >= 3,
        "only {killed} runs were killed before they finished"
    );
}

/// The recipe of docs/refresh.md (`scripts/apply-changes.sh`, jq) rebuilds each output
/// byte for byte.
#[test]
fn the_documented_jq_recipe_applies_a_changes_file() {
    if Command::new("jq").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "jq is required under CI (scripts/setup-packages.txt)"
        );
        eprintln!("jq is not installed: the jq recipe is not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("in")).unwrap();
    apply_ops(d, &[Op::Write(0, 0), Op::Write(1, 0), Op::Write(2, 0)]);
    let (out1, _) = run(d, false, "c1.jsonl");
    fs::write(d.join("copy.jsonl"), &out1).unwrap();
    apply_ops(d, &[Op::Write(0, 1), Op::Delete(1), Op::Write(3, 2)]);
    let (out2, changes2) = run(d, false, "c2.jsonl");
    assert_eq!(changes2.lines().count(), 3);
    let applied = Command::new("bash")
        .arg(repo("scripts/apply-changes.sh"))
        .arg(d.join("copy.jsonl"))
        .arg(d.join("c2.jsonl"))
        .output()
        .unwrap();
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    assert_eq!(String::from_utf8(applied.stdout).unwrap(), out2);
}
