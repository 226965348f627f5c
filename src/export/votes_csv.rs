//! The votes of a records file as CSV, in the layout of the UN Digital Library's voting
//! data (`undoc votes RECORDS.jsonl -o votes.csv`): one row per (vote, State) with the
//! Library's column names and value forms (`Y`, `N`, `A`, `X`; ISO dates; symbols as
//! `S/RES/2815(2026)`). Owns the reading of the records' votes, the rows of one vote
//! (who was a Member that day comes from [`MembershipTable`]) and the CSV writing.
//!
//! `X` (a Member present in no list) is written only where it can be known: for votes of
//! the General Assembly and its Main Committees, whose members are all the Members of the
//! day, on a record with a date, when the lists add up to the stated tally. Elsewhere
//! (Security Council, incomplete lists) only the States of the lists get rows, and a
//! warning says why the others are missing.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::countries::{CountryTable, MembershipTable};
use crate::emit::{AtomicWriter, EmitError, OutputTarget};
use crate::lang::Lang;

/// The columns, in order.
pub const COLUMNS: [&str; 13] = [
    "symbol",
    "draft",
    "meeting",
    "date",
    "ms_code",
    "ms_name",
    "ms_vote",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
    "total_ms",
    "document",
];

/// Why an export of votes stopped. Each names the file (and line).
#[derive(Debug, thiserror::Error)]
pub enum VotesError {
    // The reason is in the message and not chained as a source, so that it is printed
    // once (`undoc: error: {:#}` prints the chain).
    /// The records file could not be read.
    #[error("{path}: cannot read the records: {error}")]
    Read {
        /// The records file.
        path: PathBuf,
        /// What the system said.
        error: io::Error,
    },
    /// A line that is not an undoc record.
    #[error("{path}: line {line} is not an undoc record: {error}")]
    NotARecord {
        /// The records file.
        path: PathBuf,
        /// The line (from 1).
        line: usize,
        /// Why it is not a record.
        error: serde_json::Error,
    },
    /// The CSV could not be written.
    #[error(transparent)]
    Write(#[from] EmitError),
    /// A row could not be formatted.
    #[error("cannot format a CSV row: {0}")]
    Csv(#[from] csv::Error),
}

/// The fields of a record the export reads (any undoc output, old or new).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct VoteRecord {
    pub source: SourceRef,
    pub status: String,
    pub symbol: Option<String>,
    pub date: Option<String>,
    pub doc_type: Option<String>,
    pub votes: Vec<RecordVote>,
}

/// `source` of a record.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct SourceRef {
    pub path: String,
}

/// One entry of a record's `votes`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct RecordVote {
    pub subject: Option<String>,
    pub stated: Option<StatedTally>,
    pub yes: Vec<StateRef>,
    pub no: Vec<StateRef>,
    pub abstain: Vec<StateRef>,
    pub tally_matches: Option<bool>,
    pub resolution: Option<String>,
}

/// The stated counts of a vote.
#[derive(Debug, Clone, Copy, Deserialize, Default, PartialEq, Eq)]
#[serde(default)]
pub struct StatedTally {
    pub yes: usize,
    pub no: usize,
    pub abstain: usize,
}

/// A State of a vote list (only its code is needed).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct StateRef {
    pub iso3: String,
}

/// One row of the CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteRow {
    pub symbol: String,
    pub draft: String,
    pub meeting: String,
    pub date: String,
    pub ms_code: String,
    pub ms_name: String,
    /// `Y`, `N`, `A` or `X`.
    pub ms_vote: char,
    pub total_yes: Option<usize>,
    pub total_no: Option<usize>,
    pub total_abstentions: Option<usize>,
    pub total_non_voting: Option<usize>,
    pub total_ms: Option<usize>,
    pub document: String,
}

impl VoteRow {
    fn fields(&self) -> [String; 13] {
        let n = |v: Option<usize>| v.map(|v| v.to_string()).unwrap_or_default();
        [
            self.symbol.clone(),
            self.draft.clone(),
            self.meeting.clone(),
            self.date.clone(),
            self.ms_code.clone(),
            self.ms_name.clone(),
            self.ms_vote.to_string(),
            n(self.total_yes),
            n(self.total_no),
            n(self.total_abstentions),
            n(self.total_non_voting),
            n(self.total_ms),
            self.document.clone(),
        ]
    }
}

/// The rows of one vote, with what the reader should know about them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoteRows {
    pub rows: Vec<VoteRow>,
    pub warnings: Vec<String>,
}

/// Symbols in the Library's form: no space before the year of a Security Council
/// resolution (`S/RES/2815 (2026)` → `S/RES/2815(2026)`).
pub fn library_symbol(symbol: &str) -> String {
    symbol.replace(" (", "(").trim().to_string()
}

/// Whether a vote was taken by a body of all the Members (the General Assembly, its
/// Main Committees), from the symbols of the resolution, the draft and the record.
fn assembly_wide(vote: &RecordVote, record: &VoteRecord) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^A/(?:RES/|(?:C\.[1-6]/)?(?:(?:ES-|S-)?\d+/)?(?:L|PV)\.\d)")
            .expect("assembly symbol pattern")
    });
    [&vote.resolution, &vote.subject, &record.symbol]
        .into_iter()
        .flatten()
        .any(|s| re.is_match(s.trim()))
}

/// The meeting record's symbol, when the record is one.
fn meeting_of(record: &VoteRecord) -> String {
    match (&record.doc_type, &record.symbol) {
        (Some(t), Some(s)) if t == "verbatim record" => s.clone(),
        _ => String::new(),
    }
}

/// The rows of one vote of a record (none for a vote without a State in its lists).
pub fn rows_of_vote(record: &VoteRecord, vote: &RecordVote, members: &MembershipTable) -> VoteRows {
    let mut out = VoteRows::default();
    let label = vote_label(vote);
    let mut positions: BTreeMap<&str, char> = BTreeMap::new();
    for (list, mark) in [(&vote.yes, 'Y'), (&vote.no, 'N'), (&vote.abstain, 'A')] {
        for s in list {
            match positions.get(s.iso3.as_str()) {
                Some(&first) if first != mark => out.warnings.push(format!(
                    "{label}: {} is in two lists ({first} and {mark}); the first is kept",
                    s.iso3
                )),
                Some(_) => {}
                None => {
                    positions.insert(&s.iso3, mark);
                }
            }
        }
    }
    if positions.is_empty() {
        return out;
    }
    let date = record.date.clone().unwrap_or_default();
    let mut non_voting = Vec::new();
    let mut total_ms = None;
    if assembly_wide(vote, record) {
        match x_blocker(record, vote) {
            Some(why) => out.warnings.push(format!("{label}: no X rows: {why}")),
            None => {
                let on_day = members.members_on(&date);
                non_voting = on_day
                    .iter()
                    .filter(|c| !positions.contains_key(*c))
                    .map(|c| c.to_string())
                    .collect();
                total_ms = Some(on_day.len());
            }
        }
        if !date.is_empty() {
            for code in positions.keys() {
                if !members.is_member(code, &date) {
                    out.warnings.push(format!(
                        "{label}: {code} voted but was not a Member State on {date}"
                    ));
                }
            }
        }
    }
    let resolution = vote.resolution.as_deref().map(library_symbol);
    let draft = vote
        .subject
        .as_deref()
        .map(library_symbol)
        .filter(|d| Some(d) != resolution.as_ref())
        .unwrap_or_default();
    let symbol = resolution.clone().unwrap_or_else(|| draft.clone());
    let stated = vote.stated;
    let template = VoteRow {
        symbol,
        draft,
        meeting: meeting_of(record),
        date,
        ms_code: String::new(),
        ms_name: String::new(),
        ms_vote: 'X',
        total_yes: stated.map(|s| s.yes),
        total_no: stated.map(|s| s.no),
        total_abstentions: stated.map(|s| s.abstain),
        total_non_voting: total_ms.map(|_| non_voting.len()),
        total_ms,
        document: record
            .symbol
            .clone()
            .unwrap_or_else(|| record.source.path.clone()),
    };
    let mut all: Vec<(String, char)> = positions
        .into_iter()
        .map(|(c, v)| (c.to_string(), v))
        .chain(non_voting.into_iter().map(|c| (c, 'X')))
        .collect();
    all.sort();
    out.rows = all
        .into_iter()
        .map(|(code, mark)| VoteRow {
            ms_name: state_name(&code),
            ms_code: code,
            ms_vote: mark,
            ..template.clone()
        })
        .collect();
    out
}

/// Why the Members in no list cannot be marked `X`, if they cannot.
fn x_blocker(record: &VoteRecord, vote: &RecordVote) -> Option<&'static str> {
    let dated = match record.date.as_deref() {
        Some(d) => !d.trim().is_empty(),
        None => false,
    };
    if !dated {
        return Some("the record has no date, so its Members are not known");
    }
    match (vote.stated, vote.tally_matches) {
        (None, _) => Some("no stated tally to check the lists against"),
        (Some(_), Some(true)) => None,
        _ => Some("the lists do not add up to the stated tally, so a State in no list may have been missed"),
    }
}

/// The State's UN short name in English, in capitals as the Library writes names.
fn state_name(code: &str) -> String {
    CountryTable::builtin()
        .by_iso3(code)
        .map(|c| c.name(Lang::En).to_uppercase())
        .unwrap_or_default()
}

fn vote_label(vote: &RecordVote) -> String {
    match vote.resolution.as_ref().or(vote.subject.as_ref()) {
        Some(s) => format!("vote on {s}"),
        None => "vote".to_string(),
    }
}

/// What an export did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct VotesStats {
    /// Records read.
    pub records: usize,
    /// Votes that gave rows.
    pub votes: usize,
    /// Rows written (one per vote and State).
    pub rows: usize,
    /// `FILE:LINE: vote on …: …`, one per thing the reader should know.
    pub warnings: Vec<String>,
}

impl VotesStats {
    /// `undoc: 1 vote, 192 rows from 6 records in votes.csv`.
    pub fn one_line(&self, output: &Path) -> String {
        let to = if output.as_os_str() == "-" {
            "standard output".to_string()
        } else {
            output.display().to_string()
        };
        format!(
            "undoc: {} votes, {} rows from {} records in {to}",
            self.votes, self.rows, self.records
        )
    }
}

/// Writes the votes of a records file (`-` for standard input) as CSV to `output`
/// (`-` for standard output; a file is replaced atomically when all is written).
pub fn export_votes_file(records: &Path, output: &Path) -> Result<VotesStats, VotesError> {
    let read_err = |error| VotesError::Read {
        path: records.to_path_buf(),
        error,
    };
    let input: Box<dyn BufRead> = if records.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::new(File::open(records).map_err(read_err)?))
    };
    let mut writer = AtomicWriter::create(&OutputTarget::from_arg(output))?;
    let mut csv_line = CsvLine::default();
    writer.write_line(&csv_line.format(&COLUMNS)?)?;
    let members = MembershipTable::builtin();
    let mut stats = VotesStats::default();
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(read_err)?;
        if line.trim().is_empty() {
            continue;
        }
        let record: VoteRecord =
            serde_json::from_str(&line).map_err(|error| VotesError::NotARecord {
                path: records.to_path_buf(),
                line: i + 1,
                error,
            })?;
        stats.records += 1;
        for vote in &record.votes {
            let VoteRows { rows, warnings } = rows_of_vote(&record, vote, members);
            let place = format!("{}:{}", records.display(), i + 1);
            stats
                .warnings
                .extend(warnings.into_iter().map(|w| format!("{place}: {w}")));
            if rows.is_empty() {
                continue;
            }
            stats.votes += 1;
            stats.rows += rows.len();
            for row in &rows {
                writer.write_line(&csv_line.format(&row.fields())?)?;
            }
        }
    }
    writer.commit()?;
    Ok(stats)
}

/// Formats one CSV record (RFC 4180 quoting) without its line end.
#[derive(Default)]
struct CsvLine {
    buf: Vec<u8>,
}

impl CsvLine {
    fn format<S: AsRef<[u8]>>(&mut self, fields: &[S]) -> Result<String, csv::Error> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(std::mem::take(&mut self.buf));
        w.write_record(fields)?;
        let mut buf = w
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        let line = String::from_utf8_lossy(&buf).into_owned();
        buf.clear();
        self.buf = buf;
        Ok(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(codes: &[&str]) -> Vec<StateRef> {
        codes
            .iter()
            .map(|c| StateRef {
                iso3: c.to_string(),
            })
            .collect()
    }

    fn record(symbol: &str, date: Option<&str>, vote: RecordVote) -> VoteRecord {
        VoteRecord {
            source: SourceRef {
                path: "in/x.pdf".into(),
            },
            status: "ok".into(),
            symbol: Some(symbol.into()),
            date: date.map(str::to_string),
            doc_type: Some("verbatim record".into()),
            votes: vec![vote],
        }
    }

    fn vote(subject: &str, resolution: Option<&str>, lists: [&[&str]; 3]) -> RecordVote {
        let [y, n, a] = lists;
        RecordVote {
            subject: Some(subject.into()),
            stated: Some(StatedTally {
                yes: y.len(),
                no: n.len(),
                abstain: a.len(),
            }),
            yes: refs(y),
            no: refs(n),
            abstain: refs(a),
            tally_matches: Some(true),
            resolution: resolution.map(str::to_string),
        }
    }

    fn marks(rows: &[VoteRow]) -> BTreeMap<String, char> {
        rows.iter()
            .map(|r| (r.ms_code.clone(), r.ms_vote))
            .collect()
    }

    #[test]
    fn assembly_vote_marks_every_other_member_of_the_day_x() {
        let v = vote(
            "A/50/L.1",
            Some("A/RES/50/1"),
            [&["FRA", "DEU"], &["USA"], &["SUN"]],
        );
        let r = record("A/50/PV.1", Some("1990-10-02"), v);
        let out = rows_of_vote(&r, &r.votes[0], MembershipTable::builtin());
        let members = MembershipTable::builtin().members_on("1990-10-02");
        assert_eq!(out.rows.len(), members.len());
        let m = marks(&out.rows);
        assert_eq!(m["FRA"], 'Y');
        assert_eq!(m["USA"], 'N');
        assert_eq!(m["SUN"], 'A');
        assert_eq!(m["DDR"], 'X');
        assert!(!m.contains_key("RUS") && !m.contains_key("SSD"));
        let first = &out.rows[0];
        assert_eq!(first.symbol, "A/RES/50/1");
        assert_eq!(first.draft, "A/50/L.1");
        assert_eq!(first.meeting, "A/50/PV.1");
        assert_eq!(first.total_ms, Some(members.len()));
        assert_eq!(first.total_non_voting, Some(members.len() - 4));
        assert_eq!(
            (first.total_yes, first.total_no, first.total_abstentions),
            (Some(2), Some(1), Some(1))
        );
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        let codes: Vec<&str> = out.rows.iter().map(|r| r.ms_code.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn security_council_vote_has_rows_for_its_lists_only() {
        let v = vote(
            "S/2026/50",
            Some("S/RES/2815 (2026)"),
            [&["FRA", "GBR"], &[], &["RUS"]],
        );
        let r = record("S/PV.10100", Some("2026-01-30"), v);
        let out = rows_of_vote(&r, &r.votes[0], MembershipTable::builtin());
        assert_eq!(out.rows.len(), 3);
        assert_eq!(out.rows[0].symbol, "S/RES/2815(2026)");
        assert_eq!(out.rows[0].total_ms, None);
        assert_eq!(out.rows[0].ms_name, "FRANCE");
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn not_adopted_draft_is_the_symbol_and_no_x_without_a_matching_tally() {
        let mut v = vote("A/79/L.99", None, [&["FRA"], &["USA"], &[]]);
        v.tally_matches = Some(false);
        let r = record("A/79/PV.9", Some("2024-10-29"), v);
        let out = rows_of_vote(&r, &r.votes[0], MembershipTable::builtin());
        assert_eq!(out.rows.len(), 2);
        assert_eq!(out.rows[0].symbol, "A/79/L.99");
        assert_eq!(out.rows[0].draft, "A/79/L.99");
        assert!(out.warnings[0].contains("no X rows"), "{:?}", out.warnings);
        let r = record(
            "A/79/PV.9",
            None,
            vote("A/79/L.99", None, [&["FRA"], &[], &[]]),
        );
        let out = rows_of_vote(&r, &r.votes[0], MembershipTable::builtin());
        assert_eq!(out.rows.len(), 1);
        assert!(out.warnings[0].contains("no date"), "{:?}", out.warnings);
    }

    #[test]
    fn a_vote_without_states_gives_no_rows_and_doubles_are_reported() {
        let v = vote("A/79/L.1", None, [&[], &[], &[]]);
        let r = record("A/79/PV.9", Some("2024-10-29"), v);
        assert!(rows_of_vote(&r, &r.votes[0], MembershipTable::builtin())
            .rows
            .is_empty());
        let v = vote("A/79/L.1", None, [&["FRA"], &["FRA"], &[]]);
        let r = record("A/79/PV.9", Some("2024-10-29"), v);
        let out = rows_of_vote(&r, &r.votes[0], MembershipTable::builtin());
        assert_eq!(marks(&out.rows)["FRA"], 'Y');
        assert!(
            out.warnings.iter().any(|w| w.contains("two lists")),
            "{:?}",
            out.warnings
        );
        let v = vote("A/79/L.1", None, [&["SUN"], &[], &[]]);
        let r = record("A/79/PV.9", Some("2024-10-29"), v);
        let out = rows_of_vote(&r, &r.votes[0], MembershipTable::builtin());
        assert!(
            out.warnings
                .iter()
                .any(|w| w.contains("SUN voted but was not")),
            "{:?}",
            out.warnings
        );
    }

    #[test]
    fn assembly_symbols_of_all_periods() {
        for s in [
            "A/RES/61/295",
            "A/61/L.67",
            "A/C.1/74/L.49/Rev.1",
            "A/L.323",
            "A/C.3/L.1",
            "A/ES-10/L.22",
            "A/61/PV.107",
            "A/PV.1500",
            "A/S-28/L.1",
        ] {
            let v = RecordVote {
                subject: Some(s.into()),
                ..RecordVote::default()
            };
            let r = VoteRecord::default();
            assert!(assembly_wide(&v, &r), "{s}");
        }
        for s in [
            "S/RES/2815 (2026)",
            "A/HRC/55/L.1",
            "A/AC.109/L.1",
            "E/2020/L.1",
            "S/PV.10100",
        ] {
            let v = RecordVote {
                subject: Some(s.into()),
                ..RecordVote::default()
            };
            assert!(!assembly_wide(&v, &VoteRecord::default()), "{s}");
        }
    }

    #[test]
    fn csv_lines_are_quoted() {
        let mut c = CsvLine::default();
        assert_eq!(
            c.format(&["a", "b,c", "d\"e"]).unwrap(),
            "a,\"b,c\",\"d\"\"e\""
        );
        assert_eq!(c.format(&["x"]).unwrap(), "x");
    }
}
