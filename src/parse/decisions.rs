//! The decisions of a meeting record (GA and SC verbatim records), in order: what the
//! body acted on (a draft's symbol `A/79/L.6`, `draft resolution II` of a committee
//! report, an amendment, a paragraph, or a proposal of the President), the outcome
//! (`adopted`, `rejected`, `retained`, `not adopted`, with the permanent members whose
//! negative vote blocked a Security Council draft), the resolution or decision it became
//! (`(resolution 79/6)` → `A/RES/79/6`, `adopted as resolution 2815 (2026)` →
//! `S/RES/2815 (2026)`, `(decision 76/575)` → `76/575`), and how: `recorded vote`,
//! `show of hands` or `without a vote`.
//!
//! Reads the body paragraph by paragraph, remembering the draft last put before the body
//! (`take a decision on draft resolution A/79/L.8`, `document S/2026/50, which contains
//! the text of a draft resolution`), the proposal last put by the President (`May I take
//! it that it is the wish of the Assembly to …?`) and how the last vote was taken. The
//! votes of the record ([`super::votes::parse_meeting_votes`]) are linked in order to the
//! decisions taken by a vote, which gives each vote its resolution and, when its result
//! sentence names no draft, its draft.
//! Patterns: `config/parse/decisions.tsv`.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::lang::Lang;
pub use crate::model::{Decision, Vote};

/// Permanent members of the Security Council (the Republic of China held China's seat
/// until 1971 under the same code; the Soviet Union's seat passed to the Russian
/// Federation).
const PERMANENT_MEMBERS: &[&str] = &["CHN", "FRA", "GBR", "RUS", "SUN", "USA"];

/// The compiled patterns of one kind for a language.
fn patterns(lang: Lang, kind: &str) -> impl Iterator<Item = &'static Regex> + '_ {
    static ALL: LazyLock<Vec<(Lang, &str, Regex)>> = LazyLock::new(|| {
        crate::datafile::read("parse/decisions.tsv", &["lang", "kind", "pattern"], |r| {
            let kind = r.choice("kind", KINDS)?;
            let pattern = r.str("pattern")?.replace('’', "['’]");
            let re = Regex::new(&format!("(?i){pattern}"))
                .map_err(|e| r.error(format!("bad pattern: {e}")))?;
            Ok((r.get("lang")?, kind, re))
        })
    });
    ALL.iter()
        .filter(move |(l, k, _)| *l == lang && *k == kind)
        .map(|(_, _, re)| re)
}

/// The kinds of `decisions.tsv`.
const KINDS: &[&str] = &[
    "draft_before",
    "agenda_heading",
    "report_before",
    "proposal",
    "recorded_vote",
    "show_of_hands",
    "adopted",
    "not_adopted",
    "rejected",
    "retained",
    "so_decided",
    "resolution_number",
    "decision_number",
];

fn first_match<'t>(lang: Lang, kind: &str, text: &'t str) -> Option<Captures<'t>> {
    patterns(lang, kind).find_map(|re| re.captures(text))
}

/// What is known while reading: the draft before the body, the President's proposal,
/// how the next vote is taken.
#[derive(Default)]
struct Context {
    draft: Option<String>,
    report: Option<String>,
    proposal: Option<String>,
    method: Option<&'static str>,
}

/// Reads the decisions of a meeting record and links the votes to them: a linked vote
/// gets the decision's resolution and, when it names no draft, the decision's subject.
/// `symbol` is the record's own symbol (`A/…` or `S/…`), which says whose resolutions
/// they are.
pub fn parse_decisions(
    paragraphs: &[String],
    symbol: &str,
    lang: Lang,
    votes: &mut [Vote],
) -> Vec<Decision> {
    let organ = if symbol.starts_with("S/") { 'S' } else { 'A' };
    let mut decisions = Vec::new();
    let mut ctx = Context::default();
    let mut next_vote = 0;
    for paragraph in paragraphs {
        let text = super::plain_line(paragraph);
        if super::votes::is_delegate_speech(&text) {
            continue;
        }
        note_context(&mut ctx, &text, lang);
        for sentence in sentences(&text) {
            let Some(mut d) = outcome_of(sentence, &ctx, organ, lang) else {
                continue;
            };
            let voted = d.method != "without a vote";
            if voted && next_vote < votes.len() {
                link_vote(&mut d, &mut votes[next_vote], next_vote);
                next_vote += 1;
            }
            if d.outcome == "not adopted" && organ == 'S' {
                d.vetoed_by = vetoes(d.vote.map(|i| &votes[i]));
            }
            ctx.method = None;
            ctx.proposal = None;
            ctx.draft = None;
            decisions.push(d);
        }
    }
    decisions
}

fn link_vote(d: &mut Decision, vote: &mut Vote, index: usize) {
    d.vote = Some(index);
    if vote.resolution.is_none() {
        vote.resolution = d.resolution.clone();
    }
    if vote.subject.is_none() {
        vote.subject = d.subject.clone().filter(|s| is_symbol(s));
    }
    if d.subject.is_none() {
        d.subject = vote.subject.clone();
    }
}

fn is_symbol(s: &str) -> bool {
    super::votes::symbol_regex()
        .find(s)
        .is_some_and(|m| m.as_str() == s)
}

/// The permanent members among the votes against.
fn vetoes(vote: Option<&Vote>) -> Vec<String> {
    vote.map(|v| {
        v.no.iter()
            .filter(|c| PERMANENT_MEMBERS.contains(&c.iso3.as_str()))
            .map(|c| c.iso3.clone())
            .collect()
    })
    .unwrap_or_default()
}

/// Sentences of a paragraph (cut after `.`, `?` or `]` followed by a space and a capital
/// or a bracket, never inside parentheses).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '.' | '?' | '!' if depth <= 0 => {
                let next = bytes.get(k + 2).map(|x| x.1);
                let space = bytes.get(k + 1).map(|x| x.1) == Some(' ');
                if space && next.is_some_and(|n| n.is_uppercase() || n == '[') {
                    out.push(&text[start..=i]);
                    start = i + 2;
                }
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Remembers the draft put before the body, the President's proposal and how a vote is
/// being taken.
fn note_context(ctx: &mut Context, text: &str, lang: Lang) {
    if let Some(c) = patterns(lang, "draft_before")
        .flat_map(|re| re.captures_iter(text))
        .last()
    {
        ctx.draft = c.name("draft").map(|m| m.as_str().to_string());
        ctx.report = None;
    }
    if first_match(lang, "agenda_heading", text).is_some() {
        ctx.report = None;
    }
    if let Some(c) = first_match(lang, "report_before", text) {
        ctx.report = c.name("report").map(|m| m.as_str().to_string());
    }
    if let Some(c) = first_match(lang, "proposal", text) {
        ctx.proposal = c.name("what").map(|m| m.as_str().trim().to_string());
    }
    if first_match(lang, "recorded_vote", text).is_some() {
        ctx.method = Some("recorded vote");
    } else if first_match(lang, "show_of_hands", text).is_some() {
        ctx.method = Some("show of hands");
    }
}

/// The decision an outcome sentence states, if it states one.
fn outcome_of(sentence: &str, ctx: &Context, organ: char, lang: Lang) -> Option<Decision> {
    let (c, outcome) = [
        ("not_adopted", "not adopted"),
        ("rejected", "rejected"),
        ("retained", "retained"),
        ("adopted", "adopted"),
        ("so_decided", "adopted"),
    ]
    .iter()
    .find_map(|(kind, outcome)| first_match(lang, kind, sentence).map(|c| (c, *outcome)))?;
    let words = c.name("subject").map(|m| subject_words(m.as_str()));
    let symbol = c.name("symbol").map(|m| m.as_str().to_string());
    let numbered = c.name("numbered").is_some();
    // What was acted on, and the report a draft named by its words or number is in.
    let (subject, report) = match (words, symbol) {
        (None, _) => (ctx.proposal.clone(), None),
        (Some(_), Some(symbol)) => (Some(symbol), None),
        (Some(words), None) if numbered || ctx.draft.is_none() => (Some(words), ctx.report.clone()),
        (Some(_), None) => (ctx.draft.clone(), None),
    };
    let tally = super::votes::has_tally(sentence, lang);
    let method = match (ctx.method, tally) {
        (Some(m), _) => m,
        (None, true) if organ == 'S' => "show of hands",
        (None, true) => "recorded vote",
        (None, false) => "without a vote",
    };
    Some(Decision {
        subject,
        report,
        outcome: outcome.to_string(),
        vetoed_by: Vec::new(),
        resolution: first_match(lang, "resolution_number", sentence)
            .map(|r| resolution_symbol(&r["number"], organ)),
        decision: first_match(lang, "decision_number", sentence).map(|r| r["number"].to_string()),
        method: method.to_string(),
        vote: None,
    })
}

/// `The draft resolution II` → `draft resolution II`.
fn subject_words(text: &str) -> String {
    let t = text.trim().trim_start_matches('[');
    let t = t
        .strip_prefix("The ")
        .or_else(|| t.strip_prefix("the "))
        .unwrap_or(t);
    let mut chars = t.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `79/6` → `A/RES/79/6`; `2625 (XXV)` → `A/RES/2625 (XXV)`; `2815 (2026)` (Security
/// Council) → `S/RES/2815 (2026)`.
pub fn resolution_symbol(number: &str, organ: char) -> String {
    let number = number.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{organ}/RES/{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_pattern_row_is_read() {
        let rows = crate::datafile::builtin("parse/decisions.tsv", &["lang", "kind", "pattern"]);
        let rows = rows.unwrap().len();
        let read: usize = Lang::ALL
            .iter()
            .flat_map(|l| KINDS.iter().map(move |k| patterns(*l, k).count()))
            .sum();
        assert_eq!(read, rows);
    }

    #[test]
    fn adoptions_without_a_vote_and_so_decided() {
        let body = paras(&[
            "The President: The General Assembly will now take a decision on draft resolution A/76/L.86, entitled “Financing for peacebuilding”.",
            "May I take it that is the wish of the General Assembly to adopt draft resolution A/76/L.86?",
            "Draft resolution A/76/L.86 was adopted (resolution 76/305).",
            "Mr. Smith (Ruritania): The resolution was adopted (resolution 76/305) as we hoped.",
            "May I take it that the General Assembly wishes to adopt the draft decision?",
            "Draft decision A/76/L.79 was adopted (decision 76/575).",
            "May I take it that it is the wish of the General Assembly to defer the consideration of agenda item 14?",
            "It was so decided (decision 76/576).",
            "The Assembly will now take a decision on draft resolution A/76/L.87.",
            "The draft resolution was adopted (resolution 76/307).",
        ]);
        let d = parse_decisions(&body, "A/76/PV.102", Lang::En, &mut []);
        assert_eq!(d.len(), 4, "{d:#?}");
        assert_eq!(d[0].subject.as_deref(), Some("A/76/L.86"));
        assert_eq!(d[0].resolution.as_deref(), Some("A/RES/76/305"));
        assert_eq!(d[0].method, "without a vote");
        assert_eq!(d[1].subject.as_deref(), Some("A/76/L.79"));
        assert_eq!(d[1].decision.as_deref(), Some("76/575"));
        assert_eq!(
            d[2].subject.as_deref(),
            Some("defer the consideration of agenda item 14")
        );
        assert_eq!(d[2].decision.as_deref(), Some("76/576"));
        assert_eq!(d[3].subject.as_deref(), Some("A/76/L.87"));
        assert_eq!(d[3].resolution.as_deref(), Some("A/RES/76/307"));
    }

    #[test]
    fn security_council_vote_and_veto() {
        let body = paras(&[
            "Members of the Council have before them document S/2026/50, which contains the text of a draft resolution submitted by France.",
            "A vote was taken by show of hands.",
            "The President: The draft resolution received 13 votes in favour, none against and 2 abstentions. The draft resolution has been adopted as resolution 2815 (2026).",
            "Members of the Council have before them document S/2026/60, which contains the text of a draft resolution.",
            "A vote was taken by show of hands.",
            "The President: The draft resolution received 13 votes in favour, 1 against and 1 abstention. The draft resolution has not been adopted, owing to the negative vote of a permanent member of the Council.",
        ]);
        let table = crate::countries::CountryTable::builtin();
        let russia = match table.lookup("Russian Federation") {
            crate::countries::Lookup::Country(c) => table.country_ref(c, Lang::En, "Russia"),
            _ => panic!("Russia"),
        };
        let mut votes = vec![
            Vote::default(),
            Vote {
                no: vec![russia],
                ..Vote::default()
            },
        ];
        let d = parse_decisions(&body, "S/PV.10100", Lang::En, &mut votes);
        assert_eq!(d.len(), 2, "{d:#?}");
        assert_eq!(d[0].resolution.as_deref(), Some("S/RES/2815 (2026)"));
        assert_eq!(d[0].method, "show of hands");
        assert_eq!(d[0].subject.as_deref(), Some("S/2026/50"));
        assert_eq!(votes[0].resolution.as_deref(), Some("S/RES/2815 (2026)"));
        assert_eq!(votes[0].subject.as_deref(), Some("S/2026/50"));
        assert_eq!(d[1].outcome, "not adopted");
        assert_eq!(d[1].vetoed_by, ["RUS"]);
    }

    /// 1950: a challenge of the President's ruling put to the vote.
    #[test]
    fn a_ruling_upheld_by_show_of_hands() {
        let body = paras(&[
            "A vote was taken by show of hands, as follows:",
            "The results of the vote was 5 in favour, 2 against and 4 abstentions. The President's ruling was upheld, the challenge having failed to secure the affirmative votes of seven members.",
        ]);
        let mut votes = vec![Vote::default()];
        let d = parse_decisions(&body, "S/PV.492", Lang::En, &mut votes);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].subject.as_deref(), Some("president’s ruling"));
        assert_eq!(d[0].outcome, "retained");
        assert_eq!(d[0].method, "show of hands");
        assert_eq!(d[0].vote, Some(0));
    }
}
