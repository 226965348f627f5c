//! Golden records: the whole record of each seed text and each born-digital corpus PDF,
//! reviewed by hand and kept under `tests/golden/records/`. Any change to what undoc
//! writes for them shows up here as a diff. After an intended change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test it golden_records` and review the diff before
//! committing.

use crate::common;

use std::path::PathBuf;

use common::*;
use serde_json::Value;

fn inputs() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("corpus/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for id in ["000", "001", "003", "004"] {
        paths.push(root().join(format!("corpus/synthetic/{id}.born-digital.pdf")));
    }
    paths.sort();
    paths
}

fn golden_name(record: &Value) -> String {
    let path = record["source"]["path"].as_str().unwrap();
    let file = path.rsplit('/').next().unwrap();
    format!(
        "{}.json",
        file.split('_')
            .next()
            .unwrap()
            .replace(".born-digital.pdf", ".pdf")
    )
}

fn comparable(record: &Value) -> Value {
    let mut r = record.clone();
    r.as_object_mut().unwrap().remove("undoc_version");
    let path = r["source"]["path"].as_str().unwrap();
    let relative = path.split("corpus/").last().unwrap().to_string();
    r["source"]["path"] = Value::String(format!("corpus/{relative}"));
    r
}

#[test]
fn records_match_the_reviewed_golden_records() {
    let paths = inputs();
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records.len(), 9);
    let dir = root().join("tests/golden/records");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut differ = Vec::new();
    for record in &records {
        assert_schema_valid(record);
        let actual = comparable(record);
        let file = dir.join(golden_name(record));
        if update {
            std::fs::write(&file, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&file)
                .unwrap_or_else(|_| panic!("missing {}", file.display())),
        )
        .unwrap();
        if expected != actual {
            differ.push(format!(
                "{}:\n{}",
                golden_name(record),
                json_diff_report(&expected, &actual, 20)
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "records differ from their golden copies (see the module doc):\n{}",
        differ.join("\n")
    );
}

#[test]
fn golden_votes_and_sponsors_are_complete() {
    let dir = root().join("tests/golden/records");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    for name in ["000.json", "000.pdf.json"] {
        let r = read(name);
        let votes = r["votes"].as_array().unwrap();
        let counts: Vec<(usize, usize, usize)> = votes
            .iter()
            .map(|v| {
                assert_eq!(v["tally_matches"], true, "{name}");
                assert!(v["unknown"].as_array().unwrap().is_empty(), "{name}");
                let n = |k: &str| v[k].as_array().unwrap().len();
                (n("yes"), n("no"), n("abstain"))
            })
            .collect();
        assert_eq!(counts, [(161, 10, 8), (124, 6, 48)], "{name}");
    }
    for (name, original) in [("000.json", 50), ("001.json", 38), ("002.json", 52)] {
        let r = read(name);
        let sponsors = &r["sponsors"];
        assert_eq!(
            sponsors["original"].as_array().unwrap().len(),
            original,
            "{name}"
        );
        assert!(sponsors["unknown"].as_array().unwrap().is_empty(), "{name}");
    }
}
