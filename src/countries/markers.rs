//! Words and phrases around country lists in UN documents (vote headings, tally sentences,
//! sponsor titles, list conjunctions), per language, from
//! `config/countries/list_markers.tsv`. Patterns are case-insensitive regexes; a `’` in a
//! pattern also matches a straight apostrophe.

use std::sync::OnceLock;

use regex::Regex;

use crate::lang::Lang;

const MARKERS_TSV: &str = include_str!("../../config/countries/list_markers.tsv");

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
        MARKERS_TSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let lang = cols.next()?.parse().ok()?;
                let kind = cols.next()?.to_string();
                let pattern = cols.next()?.replace('’', "['’]");
                let regex = Regex::new(&format!("(?i){pattern}"))
                    .unwrap_or_else(|e| panic!("bad pattern in list_markers.tsv: {e}"));
                Some(Marker { lang, kind, regex })
            })
            .collect()
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
