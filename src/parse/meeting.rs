//! The masthead of a meeting record (verbatim record of a General Assembly or Security
//! Council meeting, symbol `A/79/PV.29`, `S/PV.10100`): the meeting number
//! (`29th plenary meeting`, `10100th meeting`, `FOUR HUNDRED AND NINETY-SECOND MEETING`),
//! the Security Council's year (`Eighty-first year` → 81), the date of the meeting
//! (`Tuesday, 29 October 2024, 3 p.m.`, `Held at Lake Success, New York, on Tuesday,
//! 1 August 1950, at 3 p.m.`) with its time (`15:00`) and the president (`President:
//! Mr. Yang ….. (Cameroon)`).
//!
//! It reads the masthead lines and the first paragraphs of the body, up to the opening
//! of the meeting (`The meeting was called to order …`). Old records print the English
//! and French texts side by side, so a front line may carry both columns (`President:
//! Mr. J. Malik (Union of Soviet Socialist Président: M. J. Malik (Union des
//! Républiques`) and the president's State may end on one of the next lines.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::first_date;
use super::decisions::{parse_decisions, Decision};
use super::masthead::number_from_words;
use super::plain_line;
use super::votes::{parse_meeting_votes, vote_warnings, Vote};
use crate::countries::{CountryTable, Lookup};
use crate::lang::Lang;
use crate::model::CleanText;
pub use crate::model::Meeting;

/// Front lines read at most before the meeting opens.
const MAX_FRONT: usize = 40;

/// Everything read from the front of a meeting record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingFront {
    pub meeting: Meeting,
    /// Date of the meeting, ISO 8601.
    pub date: Option<String>,
    /// The Security Council's year (`Eighty-first year` → 81).
    pub year: Option<u32>,
}

static MEETING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(\d{1,5})(?:st|nd|rd|th)|([a-z][a-z\- ]+?))\s+(?:plenary\s+)?meeting\b")
        .expect("meeting number regex")
});
static YEAR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([a-z][a-z\- ]+?|\d{1,3}(?:st|nd|rd|th))\s+year\b").expect("year regex")
});
static PRESIDENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Acting\s+)?President\s*:\s*(.+?)[\s.…]*\(([^)]*)(?:\)\s*\.?\s*$|$)")
        .expect("president regex")
});
/// The president's label again, where a bilingual line's French column starts.
static PRESIDENT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?:Acting\s+)?Pr[ée]sident\s*:").expect("label regex"));
/// `3 p.m.`, `10.30 a.m.`, `à 15 heures`, `15 h 30`.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ap>[ap])\.?\s?m\b|\b(?P<h24>\d{1,2})\s*(?:heures|h)(?:\s*(?P<m24>\d{2}))?\b",
    )
    .expect("time regex")
});
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:meeting was (?:called to order|opened|resumed)|séance est ouverte)\b")
        .expect("opening regex")
});

/// What a meeting record says beyond the metadata of every document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingRecord {
    pub front: MeetingFront,
    /// Recorded votes and votes by show of hands, linked to their decisions.
    pub votes: Vec<Vote>,
    pub decisions: Vec<Decision>,
    /// Warnings about the votes (tallies the lists do not match, names not placed).
    pub warnings: Vec<String>,
}

/// Reads the front, votes and decisions of a meeting record with symbol `symbol`.
pub fn read_meeting_record(clean: &CleanText, symbol: &str, lang: Lang) -> MeetingRecord {
    let front = read_front(&clean.masthead, &clean.paragraphs);
    let (mut votes, _) = parse_meeting_votes(&clean.paragraphs, lang);
    let decisions = parse_decisions(&clean.paragraphs, symbol, lang, &mut votes);
    let warnings = votes.iter().flat_map(vote_warnings).collect();
    MeetingRecord {
        front,
        votes,
        decisions,
        warnings,
    }
}

/// Whether a symbol is that of a meeting record (`A/79/PV.29`, `S/PV.10100`,
/// `A/ES-11/PV.5`).
pub fn is_meeting_record(symbol: &str) -> bool {
    symbol.contains("/PV.")
}

/// Reads the front of a meeting record from its masthead lines and paragraphs.
pub fn read_front(masthead: &[String], paragraphs: &[String]) -> MeetingFront {
    let mut front = MeetingFront::default();
    let lines: Vec<String> = masthead
        .iter()
        .chain(paragraphs.iter().take_while(|p| !OPENING.is_match(p)))
        .take(MAX_FRONT)
        .map(|l| plain_line(l))
        .collect();
    for (i, line) in lines.iter().enumerate() {
        read_line(&mut front, line, &lines[i + 1..]);
    }
    front
}

fn read_line(front: &mut MeetingFront, line: &str, next: &[String]) {
    if front.meeting.number.is_none() {
        front.meeting.number = meeting_number(line);
    }
    if front.year.is_none() {
        front.year = YEAR_LINE
            .captures(line)
            .and_then(|c| number_from_words(&words_of(&c[1])));
    }
    if !line.starts_with("President") {
        if let Some(date) = first_date(line) {
            if front.date.is_none() {
                front.date = Some(date.iso);
            }
            if front.meeting.time.is_none() {
                front.meeting.time = time_of(&line[date.end..]);
            }
        }
    }
    if front.meeting.president.is_none() {
        // A bilingual line: the English column only.
        let line = PRESIDENT_LABEL
            .find(line)
            .map_or(line, |m| &line[..m.start()]);
        if let Some(c) = PRESIDENT.captures(line) {
            let name = c[1].trim_end_matches(['.', ' ', '…']).trim();
            front.meeting.president = Some(name.to_string());
            front.meeting.president_country = president_state(&c[2], next);
        }
    }
}

/// The State in the president's parentheses; a name cut at the end of the line
/// (`(Union of Soviet Socialist`) continues on one of the next lines (`Republics).`),
/// not always the first when two columns are interleaved.
fn president_state(inside: &str, next: &[String]) -> Option<String> {
    let table = CountryTable::builtin();
    let place = |name: &str| match table.lookup(name.trim_end_matches([')', '}', ']', '.', ' '])) {
        Lookup::Country(country) => Some(country.iso3.clone()),
        _ => None,
    };
    place(inside).or_else(|| {
        next.iter().take(3).find_map(|line| {
            let end = line.find([')', '}', ']']).unwrap_or(line.len());
            place(&format!("{} {}", inside.trim(), line[..end].trim()))
        })
    })
}

/// The time after a meeting's date (`, 3 p.m.`, `, at 10.30 a.m.`, `, à 15 heures`), on
/// a 24-hour clock.
fn time_of(after_date: &str) -> Option<String> {
    let c = TIME.captures(after_date)?;
    if c.get(0)?.start() > 12 {
        return None;
    }
    let minutes: u32 = c
        .name("m")
        .or(c.name("m24"))
        .map_or(Some(0), |m| m.as_str().parse().ok())?;
    let hour: u32 = match (c.name("h"), c.name("ap")) {
        (Some(h), Some(ap)) => {
            let h: u32 = h.as_str().parse().ok()?;
            if !(1..=12).contains(&h) {
                return None;
            }
            match (ap.as_str(), h) {
                ("a" | "A", 12) => 0,
                ("a" | "A", h) => h,
                (_, 12) => 12,
                (_, h) => h + 12,
            }
        }
        _ => c.name("h24")?.as_str().parse().ok()?,
    };
    (hour < 24 && minutes < 60).then(|| format!("{hour:02}:{minutes:02}"))
}

/// `107th plenary meeting` → 107; `Four hundred and ninety-second meeting` → 492.
fn meeting_number(line: &str) -> Option<u32> {
    let c = MEETING_NUMBER.captures(line.trim())?;
    if let Some(n) = c.get(1) {
        return n.as_str().parse().ok();
    }
    number_from_words(&words_of(&c[2]))
}

fn words_of(text: &str) -> Vec<String> {
    text.split([' ', '-', '‑'])
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "and"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_a_general_assembly_front() {
        let f = read_front(
            &lines(&["United Nations A/61/PV.107", "General Assembly"]),
            &lines(&[
                "Sixty-first session",
                "107th plenary meeting",
                "Thursday, 13 September 2007, 10 a.m. New York",
                "President: Ms. Al-Khalifa . . . . . . . . . . (Bahrain)",
                "The meeting was called to order at 10.25 a.m.",
                "On 9 September 2008 …",
            ]),
        );
        assert_eq!(f.meeting.number, Some(107));
        assert_eq!(f.date.as_deref(), Some("2007-09-13"));
        assert_eq!(f.meeting.president.as_deref(), Some("Ms. Al-Khalifa"));
        assert_eq!(f.meeting.president_country.as_deref(), Some("BHR"));
        assert_eq!(f.meeting.time.as_deref(), Some("10:00"));
    }

    /// 1950: English and French side by side, the State's name cut by the line end.
    #[test]
    fn reads_a_bilingual_scanned_front() {
        let f = read_front(
            &lines(&["UNITED NATIONS / NATIONS UNIES", "SECURITY COUNCIL"]),
            &lines(&[
                "OFFICIAL RECORDS",
                "FIFTH YEAR",
                "492nd MEETING: 29 AUGUST 1950",
                "FOUR HUNDRED AND NINETY-SECOND MEETING",
                "Held at Lake Success, New York on Tuesday, 29 August 1950, at 3 p.m.",
                "Tenue à Lake Success, New-York, le mardi 29 août 1950, à 15 heures",
                "President: Mr. J. Malik (Union of Soviet Socialist Président: M. J. Malik (Union des Républiques",
                "socialistes soviétiques).",
                "Republics}.",
                "Present: The representatives of the following countries: China, Cuba",
            ]),
        );
        assert_eq!(f.meeting.number, Some(492));
        assert_eq!(f.year, Some(5));
        assert_eq!(f.date.as_deref(), Some("1950-08-29"));
        assert_eq!(f.meeting.time.as_deref(), Some("15:00"));
        assert_eq!(f.meeting.president.as_deref(), Some("Mr. J. Malik"));
        assert_eq!(f.meeting.president_country.as_deref(), Some("SUN"));
    }

    #[test]
    fn reads_meeting_times() {
        assert_eq!(time_of(", 3 p.m. New York").as_deref(), Some("15:00"));
        assert_eq!(time_of(", at 10.30 a.m.").as_deref(), Some("10:30"));
        assert_eq!(time_of(", 12 noon").as_deref(), None);
        assert_eq!(time_of(", à 15 heures").as_deref(), Some("15:00"));
        assert_eq!(
            time_of(", when the Assembly met at 3 p.m.").as_deref(),
            None
        );
    }

    #[test]
    fn reads_a_security_council_front() {
        let f = read_front(
            &lines(&["Security Council", "Eighty-first year"]),
            &lines(&[
                "10100th meeting",
                "Friday, 30 January 2026, 3 p.m.",
                "President: Mr. Osman ........................ (Somalia)",
            ]),
        );
        assert_eq!(f.meeting.number, Some(10100));
        assert_eq!(f.year, Some(81));
        assert_eq!(f.date.as_deref(), Some("2026-01-30"));
        assert_eq!(f.meeting.president_country.as_deref(), Some("SOM"));
        assert_eq!(f.meeting.time.as_deref(), Some("15:00"));
    }
}
