//! A batch of broken files mixed with good ones: every good record is intact, each broken
//! file gives one `failed` record naming the file and the reason, and the exit code is 1.

use crate::common;

use std::path::Path;

use common::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn broken_files_fail_alone_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = std::fs::read(root().join("corpus/synthetic/004.born-digital.pdf")).unwrap();
    let seed = std::fs::read(root().join("corpus/seeds/004_ce1862d2c26edbbb.txt")).unwrap();
    write(d, "a-good.pdf", &good);
    write(d, "b-empty.pdf", b"");
    write(
        d,
        "c-not-a-pdf.pdf",
        b"<html>this is a web page, not a PDF</html>",
    );
    write(d, "d-truncated.pdf", &good[..good.len() / 3]);
    std::fs::copy(
        root().join("tests/data/bad/encrypted.pdf"),
        d.join("e-encrypted.pdf"),
    )
    .unwrap();
    write(d, "f-good seed.txt", &seed);
    write(d, "g-latin1.txt", b"R\xe9solution adopt\xe9e");

    let (code, records, stderr) = ingest(&[d], &["--jobs", "2"]);
    assert_eq!(code, 1, "some documents failed: exit 1\n{stderr}");
    assert_eq!(records.len(), 7, "one record per input");
    let names: Vec<&str> = records
        .iter()
        .map(|r| {
            r["source"]["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "records sorted by path");

    let expect = [
        ("b-empty.pdf", "empty"),
        ("c-not-a-pdf.pdf", "not-a-pdf"),
        ("d-truncated.pdf", "damaged"),
        ("e-encrypted.pdf", "encrypted"),
        ("g-latin1.txt", "not-utf8"),
    ];
    for (name, kind) in expect {
        let r = by_name(&records, name);
        assert_eq!(r["status"], "failed", "{name}");
        assert_eq!(r["error"]["kind"], kind, "{name}: {}", r["error"]);
        let message = r["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(name),
            "the message names the file: {message}"
        );
        assert!(stderr.contains(name), "stderr names the failed file");
        assert_schema_valid(r);
    }

    // The good records are exactly what a run on them alone gives.
    for name in ["a-good.pdf", "f-good seed.txt"] {
        let in_batch = by_name(&records, name);
        assert_eq!(in_batch["status"], "ok");
        let (code, alone, _) = ingest(&[&d.join(name)], &[]);
        assert_eq!(code, 0);
        let mut alone = alone[0].clone();
        alone["source"]["path"] = in_batch["source"]["path"].clone();
        assert_eq!(
            in_batch, &alone,
            "{name} is intact in a batch with broken files"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, stderr) = undoc(&["ingest", "no/such/folder", "-o", "-"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/folder"), "{stderr}");
    let (code, _, _) = undoc(&["ingest", "--no-such-flag"]);
    assert_eq!(code, 2);
}

#[test]
fn output_to_stdout_and_help() {
    let (code, stdout, _) = undoc(&[
        "ingest",
        "--quiet",
        "corpus/seeds/004_ce1862d2c26edbbb.txt",
        "-o",
        "-",
    ]);
    assert_eq!(code, 0);
    let record: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(record["source"]["format"], "text");
    assert_eq!(record["pages"][0]["method"], "text-input");
    let (code, help, _) = undoc(&["ingest", "--help"]);
    assert_eq!(code, 0);
    for flag in ["--output", "--jobs", "--quiet", "--doc-timeout"] {
        assert!(help.contains(flag), "ingest --help explains {flag}");
    }
}

#[test]
fn a_pdf_over_the_page_limit_fails_alone() {
    let (code, records, stderr) = ingest(
        &[
            &root().join("corpus/synthetic/000.born-digital.pdf"),
            &root().join("corpus/synthetic/004.born-digital.pdf"),
        ],
        &["--max-pages", "5"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records[0]["status"], "failed");
    assert_eq!(records[0]["error"]["kind"], "too-many-pages");
    let message = records[0]["error"]["message"].as_str().unwrap();
    assert!(message.contains("000.born-digital.pdf") && message.contains("6 pages"));
    assert_eq!(records[1]["status"], "ok", "004 has fewer pages");
    for record in &records {
        assert_schema_valid(record);
    }
}
