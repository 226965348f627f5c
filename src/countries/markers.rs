//! Words and phrases around country lists in UN documents (vote headings, tally sentences,
//! sponsor titles, list conjunctions), per language, from
//! `config/countries/list_markers.tsv`. Patterns are case-insensitive regexes; a `’` in a
//! pattern also matches a straight apostrophe.

use std::sync::OnceLock;

use regex::Regex;

use crate::lang::Lang;

/// The kinds of `list_markers.tsv`.
const KINDS: &[&str] = &[
    "conjunction",
    "sponsors_title",
    "sponsors_follow",
    "joined_follow",
    "joined_inline",
    "tally",
    "vote_yes",
    "vote_no",
    "vote_abstain",
    "intended_yes",
    "intended_no",
    "intended_abstain",
    "intended_not_voting",
    "without_vote",
];

/// One compiled marker.
#[derive(Debug)]
pub struct Marker {
    pub lang: Lang,
    pub kind: String,
    pub regex: Regex,
}

/// All markers of the configuration, compiled once.
pub fn all() -> &'static [Marker] {
    static MARKERS: OnceLock<Vec<Marker>> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let columns = ["lang", "kind", "pattern"];
        crate::datafile::read("countries/list_markers.tsv", &columns, |r| {
            let pattern = r.str("pattern")?.replace('’', "['’]");
            let regex = Regex::new(&format!("(?i){pattern}"))
                .map_err(|e| r.error(format!("bad pattern: {e}")))?;
            Ok(Marker {
                lang: r.get("lang")?,
                kind: r.choice("kind", KINDS)?.to_string(),
                regex,
            })
        })
    })
}

/// The markers of one kind for a language.
pub fn of(lang: Lang, kind: &str) -> impl Iterator<Item = &'static Regex> + '_ {
    all()
        .iter()
        .filter(move |m| m.lang == lang && m.kind == kind)
        .map(|m| &m.regex)
}

/// The list conjunctions of every language (`et`, `and`, `y`, …), as folded words.
pub fn conjunctions() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        all()
            .iter()
            .filter(|m| m.kind == "conjunction")
            .map(|m| m.regex.as_str().trim_start_matches("(?i)").to_lowercase())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_row_is_read() {
        let rows =
            crate::datafile::builtin("countries/list_markers.tsv", &["lang", "kind", "pattern"])
                .unwrap();
        assert_eq!(all().len(), rows.len());
        assert!(conjunctions().iter().any(|c| c == "and"));
    }
}
