//! Resolutions, decisions and documents a text cites, resolved to symbols with their
//! dates where the text gives them.
//!
//! - Resolution and decision numbers follow the word `resolution(s)`/`résolution(s)`/
//!   `resolución(es)`/`decision(s)`: `53/70`, `43/78 H`, `36/87 A and B`, `3263 (XXIX)`,
//!   `S-10/2`, `ES-10/14`, `2719 (2023)`. A date after a number (`du 4 décembre 1998`,
//!   `of 4 December 1998`) belongs to it and to the undated numbers just before it
//!   (`74/28 et 74/29 du 12 décembre 2019`). The adopting body is read around the list
//!   (`Security Council resolution`, `résolution … du Conseil de sécurité`); General
//!   Assembly by default for `NN/NN` and `NNNN (XXIX)`, Security Council for `NNNN (YYYY)`.
//! - Document symbols anywhere (`A/74/120`, `A/C.1/74/PV.1`), with trailing parts
//!   (`A/55/140 et Corr.1 et Add.1` → three documents).
//!
//! Each cited item is listed once, with the paragraphs and footnotes citing it.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::date_at_start;
use super::lexicon::CITING_BODIES;
use super::symbols::find_symbols;
use crate::model::Footnote;

pub use crate::model::{Citation, CitationKind};

fn words(kind: &str) -> String {
    super::lexicon::citation_words(kind)
}

/// `resolutions ` / `décision `: group 1 is a resolution word, group 2 a decision word.
static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:({})|({}))\s+",
        words("resolution"),
        words("decision")
    ))
    .expect("keyword regex")
});
/// One number in a list, at the start of the remaining text.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        &r"(?x)^(?:
            (?P<old>\d{1,4})\s?\((?P<roman>(?:E?S-)?[IVXL]{1,7})\)
          | (?P<sc>\d{1,5})\s?\((?P<year>(?:19|20)\d{2})\)
          | (?P<new>(?:ES-|S-)?\d{1,4}/\d{1,4})
            (?P<letters>\s[A-Z]\b(?:\s*(?:,|-|–|(?:AND))\s*[A-Z]\b)*)?
        )"
        .replace("AND", &words("and")),
    )
    .expect("item regex")
});
static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Z]").expect("letter regex"));
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    let and = words("and");
    Regex::new(&format!(r"^(?:\s*,\s*(?:(?:{and})\s+)?|\s+(?:{and})\s+)")).expect("separator regex")
});
static DATE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*,?\s*(?:{})\s+", words("date_lead"))).expect("date lead regex")
});
static PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:,|{})?\s*((?:{})\.\d{{1,3}})\b",
        words("and"),
        words("part")
    ))
    .expect("parts regex")
});

/// Where a citation was found.
#[derive(Debug, Clone)]
enum Place {
    Paragraph(usize),
    Footnote(String),
}

/// Every resolution, decision and document cited in the body and footnotes.
pub fn find_citations(paragraphs: &[String], footnotes: &[Footnote]) -> Vec<Citation> {
    let mut out: Vec<Citation> = Vec::new();
    let places = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (Place::Paragraph(i), p.as_str()))
        .chain(
            footnotes
                .iter()
                .map(|f| (Place::Footnote(f.mark.clone()), f.text.as_str())),
        );
    for (place, text) in places {
        for c in cite_in_text(text) {
            add(&mut out, c, &place);
        }
    }
    out
}

fn add(out: &mut Vec<Citation>, mut c: Citation, place: &Place) {
    let key = |x: &Citation| (x.kind, x.symbol.clone().unwrap_or_else(|| x.text.clone()));
    let existing = out.iter_mut().find(|x| key(x) == key(&c));
    let target = match existing {
        Some(x) => {
            if x.date.is_none() {
                x.date = c.date.take();
            }
            x
        }
        None => {
            out.push(c);
            out.last_mut().expect("just pushed")
        }
    };
    match place {
        Place::Paragraph(i) if !target.paragraphs.contains(i) => target.paragraphs.push(*i),
        Place::Footnote(m) if !target.footnotes.contains(m) => target.footnotes.push(m.clone()),
        _ => {}
    }
}

/// The citations of one text, in order, not yet merged.
pub fn cite_in_text(text: &str) -> Vec<Citation> {
    let mut found: Vec<(usize, Citation)> = Vec::new();
    for k in KEYWORD.captures_iter(text) {
        let whole = k.get(0).expect("whole match");
        let decision = k.get(2).is_some();
        let before = &text[..whole.start()];
        found.extend(number_list(text, whole.end(), before, decision));
    }
    for s in find_symbols(text) {
        let kind = if s.symbol.contains("/RES/") {
            CitationKind::Resolution
        } else {
            CitationKind::Document
        };
        let mut end = s.end;
        let date = date_after(&text[end..]);
        found.push((
            s.start,
            citation(kind, &s.symbol, Some(s.symbol.clone()), date),
        ));
        let base = s.symbol.clone();
        while let Some(c) = PARTS.captures(&text[end..]) {
            let part = &c[1];
            let sym = format!("{base}/{part}");
            found.push((
                end,
                citation(CitationKind::Document, &sym, Some(sym.clone()), None),
            ));
            end += c.get(0).expect("whole").end();
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, c)| c).collect()
}

fn citation(
    kind: CitationKind,
    text: &str,
    symbol: Option<String>,
    date: Option<String>,
) -> Citation {
    Citation {
        kind,
        text: text.to_string(),
        symbol,
        date,
        paragraphs: Vec::new(),
        footnotes: Vec::new(),
    }
}

/// A date right after a citation (`du 4 décembre 1998`): its ISO form.
fn date_after(rest: &str) -> Option<String> {
    date_len_after(rest).map(|(iso, _)| iso)
}

/// A date right after a citation, and how many bytes it takes with its lead word.
fn date_len_after(rest: &str) -> Option<(String, usize)> {
    let lead = DATE_LEAD.find(rest)?;
    let (iso, len) = date_at_start(&rest[lead.end()..])?;
    let end = lead.end() + len;
    // Russian dates end with "года" ("year").
    let year_word = rest[end..]
        .strip_prefix(" года")
        .map_or(0, |_| " года".len());
    Some((iso, end + year_word))
}

/// The numbers listed from `start` on (after the keyword), with their positions.
fn number_list(text: &str, start: usize, before: &str, decision: bool) -> Vec<(usize, Citation)> {
    let mut items: Vec<(usize, Citation)> = Vec::new();
    let mut pending_from = 0; // first item still waiting for a date
    let mut at = start;
    while let Some(c) = ITEM.captures(&text[at..]) {
        let whole = c.get(0).expect("whole match");
        let item_at = at;
        for (number, family) in item_numbers(&c) {
            let kind = if decision {
                CitationKind::Decision
            } else {
                CitationKind::Resolution
            };
            let mut cit = citation(kind, &number, None, None);
            cit.symbol = Some(family.to_string()); // provisional: the family, resolved below
            items.push((item_at, cit));
        }
        at += whole.end();
        if let Some((iso, len)) = date_len_after(&text[at..]) {
            for (_, it) in &mut items[pending_from..] {
                it.date = Some(iso.clone());
            }
            pending_from = items.len();
            at += len;
        }
        match SEPARATOR.find(&text[at..]) {
            Some(sep) if ITEM.is_match(&text[at + sep.end()..]) => at += sep.end(),
            _ => break,
        }
    }
    let prefix = body_prefix(before, &text[at..]);
    for (_, it) in &mut items {
        let family = it.symbol.take().unwrap_or_default();
        it.symbol = resolution_symbol(&it.text, &family, prefix, it.kind);
    }
    items
}

/// The numbers of one list item: `36/87 A and B` → `36/87 A`, `36/87 B`; with the
/// family of number (`new`, `old`, `sc`).
fn item_numbers(c: &regex::Captures) -> Vec<(String, &'static str)> {
    if let (Some(n), Some(r)) = (c.name("old"), c.name("roman")) {
        return vec![(format!("{} ({})", n.as_str(), r.as_str()), "old")];
    }
    if let (Some(n), Some(y)) = (c.name("sc"), c.name("year")) {
        return vec![(format!("{} ({})", n.as_str(), y.as_str()), "sc")];
    }
    let n = c.name("new").map_or("", |m| m.as_str());
    match c.name("letters") {
        Some(letters) => LETTER
            .find_iter(letters.as_str())
            .map(|l| (format!("{n} {}", l.as_str()), "new"))
            .collect(),
        None => vec![(n.to_string(), "new")],
    }
}

/// The symbol prefix of the body named around a list, if any.
fn body_prefix(before: &str, after: &str) -> Option<&'static str> {
    let tail_start = before.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let tail = &before[tail_start..];
    let tail = tail
        .trim_end()
        .trim_end_matches(|c: char| c.is_alphabetic())
        .trim_end();
    CITING_BODIES
        .iter()
        .find(|b| b.before.is_match(tail) || b.before.is_match(before.trim_end()))
        .or_else(|| CITING_BODIES.iter().find(|b| b.after.is_match(after)))
        .map(|b| b.prefix)
}

/// The symbol of a cited resolution.
fn resolution_symbol(
    number: &str,
    family: &str,
    prefix: Option<&'static str>,
    kind: CitationKind,
) -> Option<String> {
    if kind == CitationKind::Decision {
        return None;
    }
    match family {
        "old" => Some(format!(
            "{}{}",
            prefix.unwrap_or("A/RES/"),
            number.replace(' ', "")
        )),
        "sc" => Some(format!("{}{}", prefix.unwrap_or("S/RES/"), number)),
        _ => {
            let session: u32 = number
                .trim_start_matches("ES-")
                .trim_start_matches("S-")
                .split('/')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            match prefix {
                Some(p) => Some(format!("{p}{number}")),
                // Year-numbered resolutions (ECOSOC, commissions) need their body.
                None if session >= 1946 => None,
                None => Some(format!("A/RES/{number}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        cite_in_text(text)
            .into_iter()
            .map(|c| (c.text, c.symbol, c.date))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn resolutions_with_their_own_dates() {
        let c = brief("Rappelant ses résolutions 53/70 du 4 décembre 1998, 54/49 du 1er décembre 1999 et 43/78 H du 7 décembre 1988,");
        assert_eq!(
            c,
            [
                ("53/70".into(), s("A/RES/53/70"), s("1998-12-04")),
                ("54/49".into(), s("A/RES/54/49"), s("1999-12-01")),
                ("43/78 H".into(), s("A/RES/43/78 H"), s("1988-12-07")),
            ]
        );
    }

    #[test]
    fn a_shared_date() {
        let c = brief("résolutions 74/28 et 74/29 du 12 décembre 2019");
        assert_eq!(c.len(), 2);
        assert!(c.iter().all(|x| x.2 == s("2019-12-12")));
        assert_eq!(c[1].1, s("A/RES/74/29"));
    }

    #[test]
    fn other_numbering_schemes() {
        let c = brief("Recalling its resolutions 3263 (XXIX) of 9 December 1974, 36/87 A and B of 9 December 1981 and S-10/2");
        assert_eq!(c[0].1, s("A/RES/3263(XXIX)"));
        assert_eq!(c[1].1, s("A/RES/36/87 A"));
        assert_eq!(c[2].1, s("A/RES/36/87 B"));
        assert_eq!(c[2].2, s("1981-12-09"));
        assert_eq!(c[3].1, s("A/RES/S-10/2"));
        let c = brief(
            "Security Council resolution 2231 (2015) and Human Rights Council resolution 47/16",
        );
        assert_eq!(c[0].1, s("S/RES/2231 (2015)"));
        assert_eq!(c[1].1, s("A/HRC/RES/47/16"));
        let c = brief("la résolution 1325 (2000) du Conseil de sécurité");
        assert_eq!(c[0].1, s("S/RES/1325 (2000)"));
        let c = brief("In its resolution 1819 (LV) of 9 August 1973, the Economic and Social Council reaffirmed");
        assert_eq!(c[0].1, s("E/RES/1819(LV)"));
        let c = brief("its decision 77/548 B of 18 April 2023");
        assert_eq!(c[0].0, "77/548 B");
        assert_eq!(c[0].1, None);
        assert_eq!(c[0].2, s("2023-04-18"));
    }

    #[test]
    fn documents_and_their_parts() {
        let c = brief("A/54/213, A/55/140 et Corr.1 et Add.1, A/56/164 et Add.1");
        let symbols: Vec<_> = c.iter().filter_map(|x| x.1.clone()).collect();
        assert_eq!(
            symbols,
            [
                "A/54/213",
                "A/55/140",
                "A/55/140/Corr.1",
                "A/55/140/Add.1",
                "A/56/164",
                "A/56/164/Add.1"
            ]
        );
    }

    #[test]
    fn a_number_without_keyword_is_no_citation() {
        assert!(brief("77/36. Progrès de l’informatique").is_empty());
    }
}
