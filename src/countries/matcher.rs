//! Matching names against the table: whole-name lookup (exact folded key, abbreviation,
//! squashed OCR skeleton, leading article, then a bounded edit distance that accepts a
//! code only when no other name is close), and longest-match scanning of text.

use std::ops::Range;

use super::normalize::{fold_key, ocr_skeleton, squash, tokenize, Token, Tokens};
use super::table::{cased_key, CountryTable, Target, TextEntry};

/// Articles that may precede a name in running text or in an English list
/// (`the Niger`, `la France`, `l’Inde`).
const ARTICLES: [&str; 8] = ["the", "la", "le", "les", "l", "el", "los", "las"];

/// The largest edit distance tried for a folded, squashed name of `len` characters.
/// Short names get none: `Mali`/`Bali`, `Iran`/`Irak` are one edit apart.
pub fn fuzzy_threshold(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=7 => 1,
        8..=13 => 2,
        _ => 3,
    }
}

/// The fuzzy match must beat every other name by at least this many edits.
pub const FUZZY_MARGIN: usize = 2;

/// How a name was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The name (or variant) as listed, after folding.
    Exact,
    /// An abbreviation matched with its case and dots (`USA`, `U.S.A.`, `URSS`).
    Abbreviation,
    /// The same letters once spaces and punctuation are taken out and OCR lookalikes are merged.
    Squashed,
    /// The name without a leading article (`la France` → `France`).
    Article,
    /// A near miss, with its edit distance (within [`fuzzy_threshold`] and [`FUZZY_MARGIN`]).
    Fuzzy(usize),
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
/// giving up with `None` as soon as it must exceed `max`.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

impl CountryTable {
    /// Resolves a whole name to a target, or `None` when it cannot be placed.
    pub(crate) fn resolve(&self, name: &str) -> Option<(Target, Method)> {
        // Abbreviations keep their dots: `U.A.E.`, `U.S.`.
        let raw = name.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
        if raw.len() < self.cased_max_len {
            let raw = cased_key(raw);
            let with_dot = format!("{raw}."); // a list's final `.` was taken off `U.S.A.`
            for key in [&raw, &with_dot] {
                if let Some(t) = self.cased.get(key) {
                    return t.map(|t| (t, Method::Abbreviation));
                }
            }
        }
        let name = name.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '*' | '-' | '–' | '—')
        });
        if name.is_empty() {
            return None;
        }
        if name.len() < self.cased_max_len {
            if let Some(t) = self.cased.get(&cased_key(name)) {
                return t.map(|t| (t, Method::Abbreviation));
            }
        }
        let key = fold_key(name);
        if key.is_empty() {
            return None;
        }
        if let Some(found) = self.resolve_key(&key) {
            return found;
        }
        if let Some(rest) = strip_article(&key) {
            if let Some(found) = self.resolve_key(rest) {
                return found.map(|(t, _)| (t, Method::Article));
            }
        }
        self.fuzzy(&key)
    }

    /// Exact and squashed-skeleton lookups of a folded key. `Some(None)` means the key is
    /// known to be ambiguous and must not be guessed further.
    fn resolve_key(&self, key: &str) -> Option<Option<(Target, Method)>> {
        if let Some(t) = self.exact.get(key) {
            return Some(t.map(|t| (t, Method::Exact)));
        }
        let skel = ocr_skeleton(&squash(key));
        self.skeleton
            .get(&skel)
            .map(|t| t.map(|t| (t, Method::Squashed)))
    }

    /// Bounded edit distance over every name's skeleton: accepted only when one target
    /// is nearest and every other target is at least [`FUZZY_MARGIN`] edits further.
    fn fuzzy(&self, key: &str) -> Option<(Target, Method)> {
        let probe: Vec<char> = ocr_skeleton(&squash(key)).chars().collect();
        let max = fuzzy_threshold(probe.len());
        if max == 0 {
            return None;
        }
        let horizon = max + FUZZY_MARGIN - 1;
        let mut best: Option<(usize, Target)> = None;
        let mut runner_up = usize::MAX;
        for (cand, target) in &self.fuzzy_pool {
            let Some(d) = edit_distance(&probe, cand, horizon) else {
                continue;
            };
            match best {
                Some((bd, bt)) if bt == *target => best = Some((bd.min(d), bt)),
                Some((bd, _)) if d < bd => {
                    runner_up = runner_up.min(bd);
                    best = Some((d, *target));
                }
                Some(_) => runner_up = runner_up.min(d),
                None => best = Some((d, *target)),
            }
        }
        let (d, target) = best?;
        (d <= max && runner_up >= d + FUZZY_MARGIN).then_some((target, Method::Fuzzy(d)))
    }

    /// Finds the longest entry of the text index starting at token `i`.
    /// `running_text` requires a capital initial unless the name itself starts with a
    /// lower-case letter, and rejects abbreviations inside all-capital passages.
    pub(crate) fn match_at(
        &self,
        text: &str,
        tokens: &Tokens,
        i: usize,
        running_text: bool,
    ) -> Option<(usize, Target)> {
        let entries = self.text_index.get(tokens.folded(i))?;
        entries
            .iter()
            .find(|e| entry_matches(e, text, tokens, i, running_text))
            .map(|e| (e.tokens.len(), e.target))
    }

    /// Every longest, non-overlapping match of a table name in `text`, in order, with its
    /// byte range (non-State names included so that their words are not read as States).
    pub(crate) fn scan(&self, text: &str, running_text: bool) -> Vec<(Range<usize>, Target)> {
        let tokens = tokenize(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.match_at(text, &tokens, i, running_text) {
                Some((len, target)) => {
                    found.push((tokens[i].span.start..tokens[i + len - 1].span.end, target));
                    i += len;
                }
                None => i += 1,
            }
        }
        found
    }
}

fn strip_article(key: &str) -> Option<&str> {
    let (first, rest) = key.split_once(' ')?;
    ARTICLES.contains(&first).then_some(rest)
}

/// Between two words of one name only spaces, line breaks, hyphens, apostrophes and dots
/// may stand — never a list separator.
fn gap_is_inside_name(gap: &str) -> bool {
    gap.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | '‐'
                    | '‑'
                    | '‒'
                    | '–'
                    | '—'
                    | '’'
                    | '\''
                    | '`'
                    | '‘'
                    | 'ʼ'
                    | '´'
                    | '.'
                    | '\u{AD}'
                    | '\u{0640}'
            )
    })
}

fn is_all_caps_word(text: &str, tok: &Token) -> bool {
    let s = &text[tok.span.clone()];
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !tok.has_lower && tok.upper_initial
}

fn entry_matches(e: &TextEntry, text: &str, tokens: &Tokens, i: usize, running: bool) -> bool {
    let n = e.tokens.len();
    if i + n > tokens.len() {
        return false;
    }
    for k in 0..n {
        let tok = &tokens[i + k];
        let same = if e.cased {
            text[tok.span.clone()] == e.tokens[k]
        } else {
            tokens.folded(i + k) == e.tokens[k]
        };
        if !same {
            return false;
        }
        if k > 0 {
            let prev = &tokens[i + k - 1];
            let gap = &text[prev.span.end..tok.span.start];
            if !gap_is_inside_name(gap) {
                return false;
            }
            // A dot inside a name follows an abbreviation (`St.`, `U.S.`) or is a stray mark
            // before a lower-case word (`arabe. syrienne`); `Guinée. Bissau …` is two sentences.
            let short = text[prev.span.clone()].chars().count() <= 3;
            if gap.contains('.') && !short && tok.upper_initial {
                return false;
            }
        }
    }
    if !running {
        return true;
    }
    if e.cased {
        // The two words on each side (`DE L’EAU`: `L` alone says nothing).
        let before = tokens[i.saturating_sub(2)..i].iter();
        let after = tokens[(i + n).min(tokens.len())..(i + n + 2).min(tokens.len())].iter();
        return !before.chain(after).any(|t| is_all_caps_word(text, t));
    }
    let first = text[tokens[i].span.clone()].chars().next();
    e.lower_initial || !first.is_some_and(char::is_lowercase)
}

/// Whole-name lookups of a few names, for tests in this module.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::countries::{CountryTable, Lookup};

    fn code(name: &str) -> Option<String> {
        match CountryTable::builtin().lookup(name) {
            Lookup::Country(c) => Some(c.iso3.clone()),
            _ => None,
        }
    }

    #[test]
    fn edit_distance_is_bounded_osa() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&c("suede"), &c("suede"), 2), Some(0));
        assert_eq!(edit_distance(&c("suede"), &c("sudee"), 2), Some(1));
        assert_eq!(edit_distance(&c("gambie"), &c("zambie"), 2), Some(1));
        assert_eq!(edit_distance(&c("niger"), &c("nigeria"), 1), None);
    }

    #[test]
    fn ocr_damage_is_repaired_when_unambiguous() {
        for (damaged, iso3) in [
            ("Suéde", "SWE"),
            ("Gréce", "GRC"),
            ("Norvege", "NOR"),
            ("ltalie", "ITA"),
            ("Equateur", "ECU"),
            ("Cote d’Ivoire", "CIV"),
            ("Babrein", "BHR"),
            ("Thaflande", "THA"),
            ("GuinéeBissau", "GNB"),
            ("Trinitéet-Tobago", "TTO"),
            ("Nicar~gua", "NIC"),
            ("fles Salomon", "SLB"),
            ("the Niger", "NER"),
        ] {
            assert_eq!(code(damaged).as_deref(), Some(iso3), "{damaged}");
        }
    }

    #[test]
    fn lookalikes_stay_apart() {
        for (name, iso3) in [
            ("Niger", "NER"),
            ("Nigéria", "NGA"),
            ("Guinée", "GIN"),
            ("Guinée-Bissau", "GNB"),
            ("Guinée équatoriale", "GNQ"),
            ("Papouasie-Nouvelle-Guinée", "PNG"),
            ("Congo", "COG"),
            ("République démocratique du Congo", "COD"),
            ("République de Corée", "KOR"),
            ("République populaire démocratique de Corée", "PRK"),
            ("Dominique", "DMA"),
            ("République dominicaine", "DOM"),
            ("Soudan", "SDN"),
            ("Soudan du Sud", "SSD"),
            ("Autriche", "AUT"),
            ("Australie", "AUS"),
            ("Gambie", "GMB"),
            ("Zambie", "ZMB"),
            ("Saint-Marin", "SMR"),
        ] {
            assert_eq!(code(name).as_deref(), Some(iso3), "{name}");
        }
        // Damaged halfway between two lookalikes: no guess.
        for damaged in ["Nigera", "Nigeri", "Gambic", "Zambic", "Saint-Marti"] {
            assert_eq!(code(damaged), None, "{damaged}");
        }
    }

    #[test]
    fn a_sentence_end_does_not_join_two_words_of_a_name() {
        let t = CountryTable::builtin();
        let codes = |text: &str| -> Vec<String> {
            t.find_countries(text, crate::lang::Lang::Fr)
                .into_iter()
                .map(|(_, r)| r.iso3)
                .collect()
        };
        assert_eq!(
            codes("Il a visité la Guinée. Bissau est la capitale."),
            ["GIN"]
        );
        assert_eq!(codes("la République arabe. syrienne"), ["SYR"]);
        assert_eq!(codes("St. Lucia and St. Kitts and Nevis"), ["LCA", "KNA"]);
    }

    #[test]
    fn non_states_are_not_states() {
        let t = CountryTable::builtin();
        for name in [
            "Nouvelle-Calédonie",
            "Samoa américaines",
            "Taiwan",
            "Kosovo",
            "Saint-Martin",
        ] {
            assert!(matches!(t.lookup(name), Lookup::NotAState(_)), "{name}");
        }
    }

    #[test]
    fn abbreviations_are_case_sensitive() {
        assert_eq!(code("USA").as_deref(), Some("USA"));
        assert_eq!(code("U.S.A.").as_deref(), Some("USA"));
        assert_eq!(code("U.S.A").as_deref(), Some("USA"));
        assert_eq!(code("E.-U.").as_deref(), Some("USA"));
        assert_eq!(code("EU").as_deref(), Some("EUU"));
        assert_eq!(code("UK*").as_deref(), Some("GBR"));
        assert_eq!(code("us"), None);
        assert_eq!(code("RDC").as_deref(), Some("COD"));
    }
}
