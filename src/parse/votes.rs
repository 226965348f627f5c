//! Recorded votes in UN reports and records (French, English and Spanish styles): the
//! sentence stating the result (`par 161 voix contre 10, avec 8 abstentions`,
//! `by 161 votes to 10, with 8 abstentions`, `sans vote` / `without a vote`), the draft
//! voted on, and the lists after `Ont voté pour :` / `In favour:`, `Ont voté contre :` /
//! `Against:`, `Se sont abstenus :` / `Abstaining:`, as country codes. A list may run over
//! several paragraphs and be interrupted by page furniture or a page's footnotes.
//! The stated numbers are compared with the lists; a difference is reported, never fixed.
//!
//! Input: the body as paragraphs (one per element, as produced by the cleaning stage).
//! Markers come from `config/countries/list_markers.tsv`.

use std::sync::OnceLock;

use regex::Regex;

use crate::countries::{markers, split_country_list};
use crate::lang::Lang;

pub use crate::model::{IntendedVote, Tally, Vote};

/// Warnings about a parsed vote: stated numbers that the lists do not match (both given),
/// names that could not be placed, a State listed twice.
pub fn vote_warnings(vote: &Vote) -> Vec<String> {
    let mut warnings = Vec::new();
    let label = vote.label();
    if let (Some(s), Some(false)) = (vote.stated, vote.tally_matches) {
        let c = vote.counted();
        warnings.push(format!(
            "{label}: stated {}-{}-{} (yes-no-abstain) but the lists have {}-{}-{}",
            s.yes, s.no, s.abstain, c.yes, c.no, c.abstain
        ));
    }
    for name in &vote.unknown {
        warnings.push(format!("{label}: name not placed in a vote list: {name}"));
    }
    let mut seen = std::collections::HashSet::new();
    for r in vote.yes.iter().chain(&vote.no).chain(&vote.abstain) {
        if !seen.insert(&r.iso3) {
            warnings.push(format!(
                "{label}: {} ({}) listed twice",
                r.iso3, r.as_written
            ));
        }
    }
    warnings
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ListKind {
    Yes,
    No,
    Abstain,
}

/// A vote being read: the text of each list, and which list is open.
struct Reading {
    vote: Vote,
    lists: [String; 3],
    open: Option<ListKind>,
    seen_marker: bool,
    skipped: usize,
    unlabelled: usize,
}

fn index(kind: ListKind) -> usize {
    kind as usize
}

/// A document symbol (`A/C.1/74/L.49/Rev.1`, `S/RES/2231 (2015)` without the year).
pub(crate) fn symbol_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?-u:\b)[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+")
            .expect("symbol regex")
    })
}

/// Removes Markdown emphasis and heading marks that extracted text may carry.
fn plain(paragraph: &str) -> String {
    paragraph
        .chars()
        .filter(|c| !matches!(c, '*' | '#' | '_'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The vote-list headings found in a paragraph, in order: (start, end, kind).
fn list_markers(text: &str, lang: Lang) -> Vec<(usize, usize, ListKind)> {
    let mut found = Vec::new();
    for (kind, name) in [
        (ListKind::Yes, "vote_yes"),
        (ListKind::No, "vote_no"),
        (ListKind::Abstain, "vote_abstain"),
    ] {
        for re in markers::of(lang, name) {
            found.extend(re.find_iter(text).map(|m| (m.start(), m.end(), kind)));
        }
    }
    found.sort_by_key(|m| m.0);
    found
}

/// A number in Western, Arabic-Indic or Eastern Arabic-Indic digits.
fn parse_number(s: &str) -> Option<usize> {
    s.chars().try_fold(0usize, |n, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '\u{0660}'..='\u{0669}' => c as u32 - 0x0660,
            '\u{06F0}'..='\u{06F9}' => c as u32 - 0x06F0,
            _ => return None,
        };
        n.checked_mul(10)?.checked_add(d as usize)
    })
}

/// A stated result in a paragraph: (tally, start of the match, end of the match).
fn find_tally(text: &str, lang: Lang) -> Option<(Tally, usize, usize)> {
    markers::of(lang, "tally")
        .filter_map(|re| re.captures(text))
        .map(|c| {
            // Words stand for 0 (`none`, `no`, `aucune`) or 1 (`with one abstention`).
            let num = |n: &str| {
                c.name(n)
                    .map(|m| m.as_str())
                    .and_then(|m| {
                        parse_number(m).or_else(|| {
                            matches!(m.to_lowercase().as_str(), "one" | "une" | "un" | "una")
                                .then_some(1)
                        })
                    })
                    .unwrap_or(0)
            };
            let whole = c.get(0).expect("match");
            (
                Tally {
                    yes: num("yes"),
                    no: num("no"),
                    abstain: num("abstain"),
                },
                whole.start(),
                whole.end(),
            )
        })
        .min_by_key(|t| t.1)
}

/// Whether a text states the result of a vote.
pub(crate) fn has_tally(text: &str, lang: Lang) -> bool {
    find_tally(text, lang).is_some()
}

/// The draft a result sentence is about: the last symbol before the result, else the
/// first symbol of the paragraph.
fn subject_of(text: &str, before: usize) -> Option<String> {
    let re = symbol_regex();
    re.find_iter(&text[..before])
        .last()
        .or_else(|| re.find(text))
        .map(|m| m.as_str().to_string())
}

/// Does this paragraph continue a country list? Most of its items must be States.
fn looks_like_list(text: &str, lang: Lang) -> bool {
    let p = split_country_list(text, lang);
    !p.countries.is_empty() && p.unknown.len() * 3 <= p.countries.len()
}

impl Reading {
    fn new(subject: Option<String>, stated: Option<Tally>) -> Reading {
        Reading {
            vote: Vote {
                subject,
                stated,
                ..Vote::default()
            },
            lists: Default::default(),
            open: None,
            seen_marker: false,
            skipped: 0,
            unlabelled: 0,
        }
    }

    fn open_list_unfinished(&self) -> bool {
        self.open
            .is_some_and(|k| !self.lists[index(k)].trim_end().ends_with('.'))
    }

    /// Feeds one paragraph (or the rest of the result paragraph); returns false when the
    /// paragraph is not part of this vote.
    fn feed(&mut self, text: &str, lang: Lang) -> bool {
        let found = list_markers(text, lang);
        let head = &text[..found.first().map_or(text.len(), |m| m.0)];
        if found.is_empty() {
            return self.feed_plain(head, lang);
        }
        if !head.trim().is_empty() && self.open_list_unfinished() {
            self.append(head);
        }
        for (k, &(_, end, kind)) in found.iter().enumerate() {
            let stop = found.get(k + 1).map_or(text.len(), |m| m.0);
            self.open = Some(kind);
            self.seen_marker = true;
            self.skipped = 0;
            self.append(&text[end..stop]);
        }
        true
    }

    fn feed_plain(&mut self, text: &str, lang: Lang) -> bool {
        if text.trim().is_empty() {
            return true;
        }
        if self.open_list_unfinished() {
            if looks_like_list(text, lang) {
                self.append(text);
                self.skipped = 0;
                return true;
            }
            // A page's footnotes or furniture inside a list.
            self.skipped += 1;
            return self.skipped <= 3;
        }
        if !self.seen_marker {
            // Text between the result sentence and the first list heading; a list whose
            // heading was lost (OCR) is passed over without being assigned.
            self.skipped += if looks_like_list(text, lang) { 0 } else { 1 };
            self.unlabelled += 1;
            return self.skipped <= 2 && self.unlabelled <= 12;
        }
        false
    }

    fn append(&mut self, text: &str) {
        if let Some(kind) = self.open {
            let list = &mut self.lists[index(kind)];
            list.push_str(text.trim());
            list.push('\n');
        }
    }

    fn finish(mut self, lang: Lang) -> Vote {
        let [yes, no, abstain] = self.lists.map(|t| split_country_list(&t, lang));
        let any_list =
            !(yes.countries.is_empty() && no.countries.is_empty() && abstain.countries.is_empty());
        for p in [&yes, &no, &abstain] {
            self.vote.unknown.extend(p.unknown.iter().cloned());
        }
        self.vote.yes = yes.countries;
        self.vote.no = no.countries;
        self.vote.abstain = abstain.countries;
        if let (Some(stated), true) = (self.vote.stated, any_list) {
            self.vote.tally_matches = Some(stated == self.vote.counted());
        }
        self.vote
    }
}

/// Reads every vote of a body. Returns the votes in order and warnings (tally
/// mismatches with both counts, unplaced names, duplicates).
pub fn parse_votes(paragraphs: &[String], lang: Lang) -> (Vec<Vote>, Vec<String>) {
    read_votes(paragraphs, lang, false)
}

/// Reads the votes of a meeting record: like [`parse_votes`], but a result stated
/// inside a delegate's speech (`Mr. X (Country): … was adopted by 120 votes to 5 …`) is
/// no vote, adoptions without a vote are left to the record's decisions, and the notes
/// of delegations that intended to vote otherwise are kept with the vote before them.
pub fn parse_meeting_votes(paragraphs: &[String], lang: Lang) -> (Vec<Vote>, Vec<String>) {
    read_votes(paragraphs, lang, true)
}

/// `Mr. Rogachev (Russian Federation) (spoke in Russian):` opening a paragraph; the
/// presiding officers (`The President (spoke in Arabic):`) are no delegates.
pub(crate) fn is_delegate_speech(text: &str) -> bool {
    if text.starts_with("The ") {
        return false;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[\p{Lu}][^:()]{1,80}\([^)]{2,80}\)(?:\s*\([^)]{2,40}\))?\s*:")
            .expect("speaker regex")
    })
    .is_match(text)
}

fn read_votes(paragraphs: &[String], lang: Lang, meeting: bool) -> (Vec<Vote>, Vec<String>) {
    let mut votes = Vec::new();
    let mut reading: Option<Reading> = None;
    for paragraph in paragraphs {
        let text = plain(paragraph);
        if meeting {
            let notes = intended_votes(&text, lang);
            if !notes.is_empty() {
                votes.extend(reading.take().map(|r| r.finish(lang)));
                if let Some(last) = votes.last_mut() {
                    last.intended.extend(notes);
                }
                continue;
            }
        }
        let tally = find_tally(&text, lang).filter(|_| !(meeting && is_delegate_speech(&text)));
        if let Some((tally, start, end)) = tally {
            // Verbatim records give the lists first, then `… was adopted by 161 votes to 10`.
            let pending = reading
                .as_ref()
                .is_some_and(|r| r.vote.stated.is_none() && r.seen_marker);
            if let (true, Some(mut r)) = (pending, reading.take()) {
                r.vote.stated = Some(tally);
                r.vote.subject = subject_of(&text, start);
                votes.push(r.finish(lang));
                continue;
            }
            votes.extend(reading.take().map(|r| r.finish(lang)));
            let mut r = Reading::new(subject_of(&text, start), Some(tally));
            r.feed(&text[end..], lang);
            reading = Some(r);
            continue;
        }
        if let Some(m) = markers::of(lang, "without_vote").find_map(|re| re.find(&text)) {
            votes.extend(reading.take().map(|r| r.finish(lang)));
            if !meeting {
                votes.push(Vote {
                    subject: subject_of(&text, m.start()),
                    adopted_without_vote: true,
                    ..Vote::default()
                });
            }
            continue;
        }
        if let Some(r) = reading.as_mut() {
            if !r.feed(&text, lang) {
                votes.extend(reading.take().map(|r| r.finish(lang)));
            }
        }
        if reading.is_none() && !list_markers(&text, lang).is_empty() {
            // A list heading before any result sentence: the verbatim-record layout.
            let mut r = Reading::new(None, None);
            r.feed(&text, lang);
            reading = Some(r);
        }
    }
    votes.extend(reading.take().map(|r| r.finish(lang)));
    if meeting {
        // Lists without any stated result are fragments, not votes.
        votes.retain(|v| v.stated.is_some());
    }
    let warnings = votes.iter().flat_map(vote_warnings).collect();
    (votes, warnings)
}

/// The notes `Subsequently, the delegation of X advised the Secretariat that it had
/// intended to vote in favour` in a paragraph (patterns `intended_yes`, `intended_no`,
/// `intended_abstain`, `intended_not_voting` of `list_markers.tsv`, group `who`).
fn intended_votes(text: &str, lang: Lang) -> Vec<IntendedVote> {
    let mut found: Vec<(usize, IntendedVote)> = Vec::new();
    for (kind, position) in [
        ("intended_yes", "yes"),
        ("intended_no", "no"),
        ("intended_abstain", "abstain"),
        ("intended_not_voting", "not voting"),
    ] {
        for re in markers::of(lang, kind) {
            for c in re.captures_iter(text) {
                let who = c.name("who").expect("intended patterns have a `who` group");
                for country in split_country_list(who.as_str(), lang).countries {
                    found.push((
                        who.start(),
                        IntendedVote {
                            country,
                            position: position.to_string(),
                        },
                    ));
                }
            }
        }
    }
    found.sort_by_key(|f| f.0);
    found.into_iter().map(|f| f.1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    /// Security Council style: `received 13 votes in favour, none against and 2 abstentions`.
    #[test]
    fn security_council_result_sentence() {
        let body = paras(&[
            "The President: The draft resolution received 2 votes in favour, none against and 1 abstention. \
             The draft resolution S/2024/100 has not been adopted.",
            "In favour:",
            "France and United Kingdom of Great Britain and Northern Ireland",
            "Against:",
            "Abstaining:",
            "China",
        ]);
        let (votes, _) = parse_votes(&body, Lang::En);
        assert_eq!(
            votes[0].stated,
            Some(Tally {
                yes: 2,
                no: 0,
                abstain: 1
            })
        );
        assert_eq!(votes[0].tally_matches, Some(true));
    }

    /// Verbatim records: `A recorded vote was taken.`, the lists, then the result.
    #[test]
    fn verbatim_record_layout() {
        let body = paras(&[
            "A recorded vote was taken.",
            "In favour:",
            "Albania, Andorra and Trinidad and Tobago",
            "Against:",
            "Nicaragua",
            "Abstaining:",
            "Cuba",
            "Draft resolution A/78/L.1 was adopted by 3 votes to 1, with 1 abstention (resolution 78/1).",
        ]);
        let (votes, warnings) = parse_votes(&body, Lang::En);
        assert_eq!(votes.len(), 1, "{votes:?}");
        assert_eq!(votes[0].subject.as_deref(), Some("A/78/L.1"));
        assert_eq!(
            votes[0].counted(),
            Tally {
                yes: 3,
                no: 1,
                abstain: 1
            }
        );
        assert_eq!(votes[0].tally_matches, Some(true), "{warnings:?}");

        let body = paras(&[
            "Il est procédé au vote enregistré.",
            "Votent pour :",
            "Albanie, Andorre, Trinité-et-Tobago",
            "Votent contre :",
            "Nicaragua",
            "S’abstiennent :",
            "Cuba",
            "Par 3 voix contre 2, avec 1 abstention, le projet de résolution A/78/L.1 est adopté (résolution 78/1).",
        ]);
        let (votes, warnings) = parse_votes(&body, Lang::Fr);
        assert_eq!(votes.len(), 1, "{votes:?}");
        assert_eq!(votes[0].subject.as_deref(), Some("A/78/L.1"));
        assert_eq!(votes[0].tally_matches, Some(false));
        assert!(
            warnings[0].contains("3-2-1") && warnings[0].contains("3-1-1"),
            "{warnings:?}"
        );
    }

    /// A 1950 Security Council vote: lists headed by what was voted on, the result after.
    #[test]
    fn show_of_hands_with_headed_lists() {
        let body = paras(&[
            "A vote was taken by show of hands, as follows:",
            "In favour of overruling the President's decision: China, Cuba, Ecuador, Norway, United States of America.",
            "Against overruling the President's decision: Union of Soviet Socialist Republics, Yugoslavia.",
            "Abstaining: Egypt, France, India, United Kingdom",
            "of Great Britain and Northern Ireland.",
            "The results of the vote was 5 in favour, 2 against and 4 abstentions. The President's ruling was upheld.",
            "Mr. Austin (United States of America): Against the proposal: that is our position.",
        ]);
        let (votes, warnings) = parse_meeting_votes(&body, Lang::En);
        assert_eq!(votes.len(), 1, "{votes:#?}");
        assert_eq!(
            votes[0].stated,
            Some(Tally {
                yes: 5,
                no: 2,
                abstain: 4
            })
        );
        let no: Vec<_> = votes[0].no.iter().map(|c| c.iso3.as_str()).collect();
        assert_eq!(no, ["SUN", "YUG"]);
        assert_eq!(votes[0].tally_matches, Some(true), "{warnings:?}");
        let (tally, _, _) =
            find_tally("adopted by 7 votes to 2, with one abstention", Lang::En).unwrap();
        assert_eq!((tally.yes, tally.no, tally.abstain), (7, 2, 1));
        let (tally, _, _) = find_tally(
            "The result of the voting was as follows: 13 votes in favour, 1 against and 1 abstention.",
            Lang::En,
        )
        .unwrap();
        assert_eq!((tally.yes, tally.no, tally.abstain), (13, 1, 1));
    }

    #[test]
    fn chinese_and_arabic_votes() {
        let body = paras(&[
            "委员会以3票对1票、1票弃权通过了决议草案A/C.1/74/L.49。表决情况如下：",
            "赞成：",
            "阿富汗、阿尔巴尼亚和美国。",
            "反对：",
            "俄罗斯联邦。",
            "弃权：",
            "中国。",
        ]);
        let (votes, warnings) = parse_votes(&body, Lang::Zh);
        assert_eq!(votes.len(), 1);
        let codes: Vec<_> = votes[0].yes.iter().map(|c| c.iso3.as_str()).collect();
        assert_eq!(codes, ["AFG", "ALB", "USA"]);
        assert_eq!(votes[0].yes[2].name, "美利坚合众国");
        assert_eq!(votes[0].subject.as_deref(), Some("A/C.1/74/L.49"));
        assert_eq!(votes[0].tally_matches, Some(true), "{warnings:?}");

        let body = paras(&[
            "اعتمدت اللجنة مشروع القرار A/C.1/74/L.49 بأغلبية ٣ صوتا مقابل ١ وامتناع ١ عن التصويت.",
            "المؤيدون:",
            "أفغانستان، ألبانيا والجزائر.",
            "المعارضون:",
            "الاتحاد الروسي.",
            "الممتنعون:",
            "الصين.",
        ]);
        let (votes, warnings) = parse_votes(&body, Lang::Ar);
        assert_eq!(votes.len(), 1);
        assert_eq!(
            votes[0].stated,
            Some(Tally {
                yes: 3,
                no: 1,
                abstain: 1
            })
        );
        let codes: Vec<_> = votes[0].yes.iter().map(|c| c.iso3.as_str()).collect();
        assert_eq!(codes, ["AFG", "ALB", "DZA"], "{warnings:?}");
        assert_eq!(votes[0].tally_matches, Some(true));
    }

    #[test]
    fn english_recorded_vote() {
        let body = paras(&[
            "At its 25th meeting, the Committee adopted draft resolution A/C.1/74/L.49 by 3 votes to 1, with 1 abstention. The voting was as follows:",
            "In favour:",
            "Australia, Trinidad and Tobago and United Kingdom of Great Britain and Northern Ireland.",
            "Against:",
            "Russian Federation.",
            "Abstaining:",
            "China.",
            "The draft resolution A/C.1/74/L.51 was adopted without a vote.",
        ]);
        let (votes, warnings) = parse_votes(&body, Lang::En);
        assert_eq!(votes.len(), 2, "{votes:?}");
        let v = &votes[0];
        assert_eq!(v.subject.as_deref(), Some("A/C.1/74/L.49"));
        assert_eq!(
            v.stated,
            Some(Tally {
                yes: 3,
                no: 1,
                abstain: 1
            })
        );
        let codes: Vec<_> = v.yes.iter().map(|c| c.iso3.as_str()).collect();
        assert_eq!(codes, ["AUS", "TTO", "GBR"]);
        assert_eq!(v.tally_matches, Some(true));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(votes[1].adopted_without_vote);
        assert_eq!(votes[1].subject.as_deref(), Some("A/C.1/74/L.51"));
    }
}
