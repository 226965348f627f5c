//! `undoc votes` (issue 14): the votes of a records file as CSV in the layout of the UN
//! Digital Library's voting data, and the membership dates behind its `X`.
//!
//! On records made here: columns, quoting, X rows, no rows for records without votes,
//! errors naming file and line. With ../shared (read at test time): the membership table
//! against every vote of the Library's voting data 1946–2021, and the export of the
//! meeting records of ../shared/pv (ingested here) against the same data.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{ingest, shared, undoc};
use serde_json::{json, Value};
use undoc::countries::{CountryTable, Lookup, MembershipTable};

fn country(code: &str) -> Value {
    json!({"iso3": code, "m49": null, "name": code, "as_written": code})
}

fn vote_json(subject: &str, resolution: Option<&str>, lists: [&[&str]; 3]) -> Value {
    let [y, n, a] = lists;
    json!({
        "subject": subject,
        "stated": {"yes": y.len(), "no": n.len(), "abstain": a.len()},
        "yes": y.iter().map(|c| country(c)).collect::<Vec<_>>(),
        "no": n.iter().map(|c| country(c)).collect::<Vec<_>>(),
        "abstain": a.iter().map(|c| country(c)).collect::<Vec<_>>(),
        "tally_matches": true,
        "unknown": [],
        "adopted_without_vote": false,
        "resolution": resolution,
    })
}

fn records_file(dir: &Path) -> PathBuf {
    let lines = [
        json!({
            "status": "ok", "source": {"path": "pv/A_50_PV.1.pdf"}, "symbol": "A/50/PV.1",
            "date": "1995-10-02", "doc_type": "verbatim record",
            "votes": [vote_json("A/50/L.1", Some("A/RES/50/1"), [&["FRA", "DEU"], &["USA"], &["CHN"]])],
        }),
        json!({"status": "failed", "source": {"path": "bad.pdf"}, "error": {"kind": "damaged"}}),
        json!({"status": "ok", "source": {"path": "letter.pdf"}, "symbol": "A/50/2", "votes": []}),
        json!({
            "status": "ok", "source": {"path": "odd, \"quoted\".pdf"}, "symbol": null,
            "date": "2026-01-30", "doc_type": "verbatim record",
            "votes": [vote_json("S/2026/50", Some("S/RES/2815 (2026)"), [&["FRA", "GBR"], &[], &["RUS"]])],
        }),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = dir.join("records.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

fn read_csv(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn votes_command_writes_the_library_layout() {
    let dir = tempfile::tempdir().unwrap();
    let records = records_file(dir.path());
    let out = dir.path().join("votes.csv");
    let (code, _, stderr) = undoc(&[
        "votes",
        records.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    let (code, stdout, _) = undoc(&["votes", records.to_str().unwrap(), "-o", "-"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, text, "-o - writes what -o FILE writes");

    let (header, rows) = read_csv(&text);
    assert_eq!(
        header.join(","),
        "symbol,draft,meeting,date,ms_code,ms_name,ms_vote,total_yes,total_no,\
total_abstentions,total_non_voting,total_ms,document"
    );
    let members = MembershipTable::builtin().members_on("1995-10-02");
    assert_eq!(members.len(), 185);
    let ga: Vec<_> = rows
        .iter()
        .filter(|r| r["symbol"] == "A/RES/50/1")
        .collect();
    assert_eq!(ga.len(), members.len(), "one row per Member of the day");
    let by_code: BTreeMap<&str, &str> = ga
        .iter()
        .map(|r| (r["ms_code"].as_str(), r["ms_vote"].as_str()))
        .collect();
    assert_eq!(by_code["FRA"], "Y");
    assert_eq!(by_code["USA"], "N");
    assert_eq!(by_code["CHN"], "A");
    assert_eq!(by_code["ITA"], "X");
    assert_eq!(ga.iter().filter(|r| r["ms_vote"] == "X").count(), 181);
    let first = ga[0];
    assert_eq!(first["draft"], "A/50/L.1");
    assert_eq!(first["meeting"], "A/50/PV.1");
    assert_eq!(first["date"], "1995-10-02");
    assert_eq!(first["total_non_voting"], "181");
    assert_eq!(first["total_ms"], "185");
    assert_eq!(first["ms_name"], by_name(&rows, "AFG"));

    let sc: Vec<_> = rows
        .iter()
        .filter(|r| r["symbol"] == "S/RES/2815(2026)")
        .collect();
    assert_eq!(
        sc.len(),
        3,
        "a Security Council vote has rows for its lists only"
    );
    assert_eq!(sc[0]["document"], "odd, \"quoted\".pdf", "quoting survives");
    assert_eq!(sc[0]["total_ms"], "");
    assert_eq!(
        rows.len(),
        185 + 3,
        "failed records and records without votes give no rows"
    );
    assert!(
        stderr.contains("2 votes, 188 rows from 4 records"),
        "{stderr}"
    );
}

fn by_name(rows: &[BTreeMap<String, String>], code: &str) -> String {
    rows.iter().find(|r| r["ms_code"] == code).unwrap()["ms_name"].clone()
}

#[test]
fn votes_command_names_the_file_and_line_of_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("recs.jsonl");
    let out = dir.path().join("votes.csv");
    std::fs::write(&out, "old\n").unwrap();
    for (bad, what) in [
        ("{not json", "line 2 is not an undoc record"),
        ("{\"votes\": 3}", "line 2 is not an undoc record"),
    ] {
        std::fs::write(
            &records,
            format!("{{\"status\":\"ok\",\"votes\":[]}}\n{bad}\n"),
        )
        .unwrap();
        let (code, _, stderr) = undoc(&[
            "votes",
            records.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!("{}: {what}", records.display())),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "old\n",
            "the output is left as it was"
        );
    }
    let missing = dir.path().join("missing.jsonl");
    let (code, _, stderr) = undoc(&["votes", missing.to_str().unwrap(), "-o", "-"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!("{}: cannot read the records", missing.display())),
        "{stderr}"
    );
}

/// The Library's wide voting data: (organ, date, resolution, TOTAL VOTES, code → vote).
struct LibraryVote {
    organ: String,
    date: String,
    resolution: String,
    total: Option<usize>,
    votes: BTreeMap<String, String>,
}

/// Reads the wide CSV, placing each State column with undoc's country table. Columns it
/// cannot place (a few damaged headers of this copy) are reported with their cell count.
fn library_votes(path: &Path) -> (Vec<LibraryVote>, Vec<(String, usize)>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (organ, date, res, total, first_state) = (
        col("Council"),
        col("Date"),
        col("Resolution"),
        col("TOTAL VOTES"),
        col("token") + 1,
    );
    let table = CountryTable::builtin();
    let codes: Vec<Option<String>> = header[first_state..]
        .iter()
        .map(|name| match table.lookup(name) {
            Lookup::Country(c) => Some(c.iso3.clone()),
            _ => None,
        })
        .collect();
    let mut unplaced: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let mut votes = BTreeMap::new();
        for (i, cell) in rec.iter().skip(first_state).enumerate() {
            if cell.is_empty() {
                continue;
            }
            match &codes[i] {
                Some(code) => {
                    votes.insert(code.clone(), cell.to_string());
                }
                None => *unplaced.entry(header[first_state + i].clone()).or_default() += 1,
            }
        }
        out.push(LibraryVote {
            organ: rec[organ].to_string(),
            date: rec[date].to_string(),
            resolution: rec[res].to_string(),
            total: rec[total].parse().ok(),
            votes,
        });
    }
    (out, unplaced.into_iter().collect())
}

fn full_date(d: &str) -> bool {
    d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-'
}

/// The date a year after `d` (same month and day).
fn year_after(d: &str) -> String {
    let y: u32 = d[..4].parse().unwrap();
    format!("{}{}", y + 1, &d[4..])
}

#[test]
fn membership_dates_agree_with_the_library_voting_data() {
    let Some(path) = shared("pv/voting-data/undl-votes-wide-1946-2021.csv") else {
        return;
    };
    let (votes, unplaced) = library_votes(&path);
    let damaged_cells: usize = unplaced.iter().map(|(_, n)| n).sum();
    eprintln!(
        "voting data: {} votes; State columns undoc cannot place: {unplaced:?}",
        votes.len()
    );
    assert!(
        damaged_cells <= 10,
        "too many cells under unplaced headers: {unplaced:?}"
    );

    let table = MembershipTable::builtin();
    let admitted_on =
        |code: &str, day: &str| table.rows().iter().any(|r| r.iso3 == code && r.from == day);
    let admitted_within_year = |code: &str, day: &str| {
        let limit = year_after(day);
        table
            .rows()
            .iter()
            .any(|r| r.iso3 == code && r.from.as_str() > day && r.from <= limit)
    };
    let (mut ga, mut exact, mut same_day, mut later_in_session, mut undated) = (0, 0, 0, 0, 0);
    let mut totals_equal = 0;
    let mut others = Vec::new();
    let mut sc_outside = Vec::new();
    for v in &votes {
        if !full_date(&v.date) {
            undated += 1;
            continue;
        }
        let members: BTreeSet<&str> = table.members_on(&v.date).into_iter().collect();
        let voters: BTreeSet<&str> = v.votes.keys().map(String::as_str).collect();
        if v.organ == "Security Council" {
            sc_outside.extend(
                voters
                    .difference(&members)
                    .map(|c| format!("{} {} {c}", v.date, v.resolution)),
            );
            continue;
        }
        ga += 1;
        if v.total == Some(members.len()) {
            totals_equal += 1;
        }
        let extra: Vec<&str> = voters.difference(&members).copied().collect();
        let missing: Vec<&str> = members.difference(&voters).copied().collect();
        if extra.is_empty() && missing.is_empty() {
            exact += 1;
        } else if extra.is_empty() && missing.iter().all(|c| admitted_on(c, &v.date)) {
            // Admitted that day, after the vote.
            same_day += 1;
        } else if missing.iter().all(|c| admitted_on(c, &v.date))
            && extra.iter().all(|c| admitted_within_year(c, &v.date))
        {
            // The Library lists States admitted later in the session (mostly as X).
            later_in_session += 1;
        } else {
            others.push(format!(
                "{} {} extra {extra:?} missing {missing:?}",
                v.date, v.resolution
            ));
        }
    }
    eprintln!(
        "General Assembly: {ga} dated votes; the Members of the day equal the States with Y/N/A/X in {exact} \
         ({:.2} %); {same_day} on a day of admission (the new Member not yet in the vote); {later_in_session} \
         with States admitted later in the session listed; {} others: {others:?}; TOTAL VOTES equals the \
         number of Members in {totals_equal}; {undated} votes without a full date skipped",
        100.0 * exact as f64 / ga as f64,
        others.len()
    );
    eprintln!("Security Council: States voting that were not Members that day: {sc_outside:?}");
    assert!(ga > 5000, "{ga}");
    assert!(exact as f64 >= 0.99 * ga as f64, "{exact} of {ga}");
    assert!(others.len() <= 3, "{others:#?}");
    assert!(
        totals_equal as f64 >= 0.99 * ga as f64,
        "{totals_equal} of {ga}"
    );
    assert!(sc_outside.len() <= 1, "{sc_outside:?}");
}

#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn export_of_the_shared_meeting_records_agrees_with_the_library_voting_data() {
    let (Some(pv), Some(data)) = (
        shared("pv"),
        shared("pv/voting-data/undl-votes-wide-1946-2021.csv"),
    ) else {
        return;
    };
    let files: Vec<PathBuf> = ["A_61_PV.107.pdf", "A_79_PV.29.pdf", "S_PV.10100.pdf"]
        .iter()
        .map(|f| pv.join(f))
        .collect();
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (code, records, stderr) = ingest(&refs, &[]);
    assert_eq!(code, 0, "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("pv.jsonl");
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(&jsonl, text).unwrap();
    let (code, csv_text, stderr) = undoc(&["votes", jsonl.to_str().unwrap(), "-o", "-"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, rows) = read_csv(&csv_text);

    let mut exported: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for r in &rows {
        exported
            .entry(r["symbol"].clone())
            .or_default()
            .insert(r["ms_code"].clone(), r["ms_vote"].clone());
    }
    let (library, _) = library_votes(&data);
    let (mut both, mut positions, mut agree) = (0, 0, 0);
    for v in &library {
        let Some(ours) = exported.get(&v.resolution) else {
            continue;
        };
        both += 1;
        let codes: BTreeSet<&String> = ours.keys().chain(v.votes.keys()).collect();
        for c in codes {
            positions += 1;
            if ours.get(c) == v.votes.get(c) {
                agree += 1;
            } else {
                eprintln!(
                    "{}: {c}: undoc {:?}, Library {:?}",
                    v.resolution,
                    ours.get(c),
                    v.votes.get(c)
                );
            }
        }
    }
    eprintln!(
        "votes exported: {} ({:?}); in the Library's data (1946–2021) too: {both}; positions agreeing: {agree} of {positions}",
        exported.len(),
        exported.keys().collect::<Vec<_>>()
    );
    assert!(both >= 1, "A/RES/61/295 is in both");
    assert_eq!(agree, positions, "every position agrees, X included");
    let a61 = &exported["A/RES/61/295"];
    assert_eq!(a61.len(), 192);
    assert_eq!(a61.values().filter(|v| *v == "X").count(), 34);
    let a79 = &exported["A/RES/79/6"];
    assert_eq!(a79.len(), 193, "2024: every Member of the day has a row");
    assert_eq!(exported["S/RES/2815(2026)"].len(), 15);
}
