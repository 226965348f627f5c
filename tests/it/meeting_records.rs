//! Meeting records (issue 14): the real GA and SC verbatim records of ../shared/pv, read
//! at test time. Against `expected-votes.json`: symbol, date, every vote with its stated
//! tally and resolution, A/61/PV.107's lists equal to the Digital Library's for all 158
//! States, no other vote; A/76/PV.102 and A/64/PV.121: each adoption without a vote is a
//! decision with its draft and resulting resolution or decision number.

use crate::common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{assert_schema_valid, by_name, ingest, shared};
use serde_json::Value;

const BORN_DIGITAL: &[&str] = &[
    "A_61_PV.107.pdf",
    "A_64_PV.121.pdf",
    "A_76_PV.102.pdf",
    "A_79_PV.29.pdf",
    "S_PV.10100.pdf",
];

fn records() -> Option<(Vec<Value>, Value)> {
    let dir = shared("pv")?;
    let files: Vec<PathBuf> = BORN_DIGITAL.iter().map(|f| dir.join(f)).collect();
    let refs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    let (code, records, stderr) = ingest(&refs, &[]);
    assert_eq!(code, 0, "{stderr}");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected-votes.json")).expect("expected votes"),
    )
    .expect("expected votes are JSON");
    Some((records, expected))
}

fn codes(list: &Value) -> Vec<String> {
    let mut c: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_str()
                .or_else(|| c["iso3"].as_str())
                .unwrap()
                .to_string()
        })
        .collect();
    c.sort();
    c
}

#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn meeting_record_votes_match_the_expected_votes() {
    let Some((records, expected)) = records() else {
        return;
    };
    for r in &records {
        assert_schema_valid(r);
        assert_eq!(r["doc_type"], "verbatim record", "{}", r["source"]["path"]);
        assert!(r["meeting"]["number"].is_u64(), "{}", r["source"]["path"]);
    }
    for (file, exp) in expected.as_object().unwrap() {
        let r = by_name(&records, file);
        assert_eq!(r["symbol"], exp["symbol"], "{file} symbol");
        assert_eq!(r["date"], exp["date"], "{file} date");
        let votes = r["votes"].as_array().unwrap();
        let want = exp["votes"].as_array().unwrap();
        assert_eq!(votes.len(), want.len(), "{file}: votes {votes:#?}");
        for (got, want) in votes.iter().zip(want) {
            assert_eq!(got["stated"], want["stated"], "{file} stated");
            assert_eq!(got["resolution"], want["subject"], "{file} resolution");
            assert_eq!(got["tally_matches"], true, "{file} tally");
            if let Some(lists) = want.get("lists") {
                for side in ["yes", "no", "abstain"] {
                    assert_eq!(codes(&got[side]), codes(&lists[side]), "{file} {side}");
                }
            }
        }
    }
    let a61 = by_name(&records, "A_61_PV.107.pdf");
    let intended = &a61["votes"][0]["intended"][0];
    assert_eq!(intended["country"]["iso3"], "MNE");
    assert_eq!(intended["position"], "yes");
    for (file, time) in [
        ("A_61_PV.107.pdf", "10:00"),
        ("A_64_PV.121.pdf", "15:00"),
        ("A_79_PV.29.pdf", "15:00"),
        ("S_PV.10100.pdf", "15:00"),
    ] {
        assert_eq!(by_name(&records, file)["meeting"]["time"], time, "{file}");
    }
    let sc = by_name(&records, "S_PV.10100.pdf");
    assert_eq!(sc["session"], 81, "Eighty-first year");
    assert_eq!(sc["decisions"][0]["method"], "show of hands");
    assert_eq!(sc["decisions"][0]["subject"], "S/2026/50");
    // The President/Members block is read as text, not as a table.
    assert_eq!(sc["meeting"]["president"], "Mr. Osman");
    assert_eq!(sc["meeting"]["president_country"], "SOM");
    assert!(
        sc["tables"].as_array().unwrap().is_empty(),
        "{}",
        sc["tables"]
    );
}

#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn adoptions_without_a_vote_are_decisions() {
    let Some((records, _)) = records() else {
        return;
    };
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "A_76_PV.102.pdf",
            &[
                ("A/76/L.86", "A/RES/76/305"),
                ("A/76/L.79", "76/575"),
                ("A/76/L.85", "A/RES/76/306"),
                ("A/76/L.87", "A/RES/76/307"),
            ],
        ),
        (
            "A_64_PV.121.pdf",
            &[("A/64/L.72", "A/RES/64/299"), ("A/64/L.68", "A/RES/64/300")],
        ),
    ];
    for (file, want) in cases {
        let r = by_name(&records, file);
        assert!(r["votes"].as_array().unwrap().is_empty(), "{file}: no vote");
        let found: BTreeMap<String, String> = r["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["method"] == "without a vote")
            .filter_map(|d| {
                let number = d["resolution"].as_str().or(d["decision"].as_str())?;
                Some((d["subject"].as_str()?.to_string(), number.to_string()))
            })
            .collect();
        for (draft, number) in *want {
            assert_eq!(
                found.get(*draft).map(String::as_str),
                Some(*number),
                "{file}"
            );
        }
    }
}

/// The 1950 scan S/PV.492: its masthead (symbol from the cover's foot, organ, date,
/// meeting number and hour) and its show-of-hands vote, exact (5–2–4). The cover's table
/// of contents, set dense below a blank, is no footnote area. OCRs 23 pages: slow.
#[test]
#[ignore = "slow: OCR of a 23-page scan of ../shared/pv; scripts/test.sh runs it"]
fn the_1950_scan_keeps_its_masthead_and_its_vote() {
    let Some(pdf) = shared("pv/S_PV.492.pdf") else {
        return;
    };
    let (code, records, stderr) = ingest(&[pdf.as_path()], &["--jobs", "2"]);
    assert_eq!(code, 0, "{stderr}");
    let r = &records[0];
    assert_eq!(r["symbol"], "S/PV.492");
    assert_eq!(r["organ"], "Security Council");
    assert_eq!(r["date"], "1950-08-29");
    assert_eq!(r["meeting"]["number"], 492);
    assert_eq!(r["meeting"]["time"], "15:00");
    let first = &r["votes"][0];
    assert_eq!(
        first["stated"],
        serde_json::json!({"yes": 5, "no": 2, "abstain": 4})
    );
    assert_eq!(first["tally_matches"], true);
    let notes: Vec<&str> = r["footnotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["text"].as_str())
        .collect();
    assert!(
        !notes.iter().any(|n| n.contains("Provisional agenda")),
        "{notes:?}"
    );
}
