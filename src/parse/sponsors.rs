//! Sponsors of drafts: the States submitting a draft — the list before
//! `: projet de résolution` / `: draft resolution` (also decisions, amendments, revised
//! drafts), and lists after `au nom des pays suivants :` / `on behalf of the following
//! countries:` — and the States that joined later (`Par la suite, les pays suivants se
//! sont joints aux auteurs …`, `Subsequently, … joined in sponsoring`). Each State comes
//! with its code and the text as written; what cannot be placed is reported.
//!
//! Input: the body as paragraphs (one per element, as produced by the cleaning stage).
//! Markers come from `config/countries/list_markers.tsv`.

use super::votes::symbol_regex;
use crate::countries::{markers, split_country_list, ListParse};
use crate::lang::Lang;

pub use crate::model::{DraftSponsors, Sponsors};

fn plain(paragraph: &str) -> String {
    paragraph
        .chars()
        .filter(|c| !matches!(c, '*' | '#' | '_'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// End of the sentence that starts at `from`: a `.` followed by a space and a capital, or
/// the end of the paragraph. A `.` after a one- or two-letter word (`St.`) does not end it.
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(off) = text[i..].find('.') {
        let dot = i + off;
        let rest = &text[dot + 1..];
        let next_capital = rest
            .trim_start()
            .chars()
            .next()
            .map_or(true, |c| !c.is_lowercase());
        let before = &text[..dot];
        let after_bracket = before.ends_with([')', '»', '"', '”']);
        let word_before = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let spaced = rest.is_empty() || rest.starts_with(char::is_whitespace);
        if spaced && next_capital && (after_bracket || word_before.chars().count() > 2) {
            return dot;
        }
        i = dot + 1;
        if i >= bytes.len() {
            break;
        }
    }
    text.len()
}

/// A list is accepted as a sponsor list only when most of its items are States.
fn is_country_list(p: &ListParse, strict: bool) -> bool {
    !p.countries.is_empty()
        && if strict {
            p.unknown.is_empty()
        } else {
            p.unknown.len() * 3 <= p.countries.len()
        }
}

fn last_symbol(text: &str) -> Option<String> {
    symbol_regex()
        .find_iter(text)
        .last()
        .map(|m| m.as_str().to_string())
}

/// The list before a sponsor title. When the paragraph also carries the lines above the
/// list (session, agenda item, title), the list starts at the first line from which every
/// item is a State.
fn title_list(text: &str, lang: Lang) -> ListParse {
    let whole = split_country_list(text, lang);
    if whole.unknown.is_empty() {
        return whole;
    }
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        start += line.len();
        if start >= text.len() {
            break;
        }
        let p = split_country_list(&text[start..], lang);
        if p.unknown.is_empty() && !p.countries.is_empty() {
            return p;
        }
    }
    whole
}

struct Found {
    original: Option<ListParse>,
    joined: Vec<ListParse>,
    subject: Option<String>,
}

/// The sponsor statements of one paragraph.
fn read_paragraph(text: &str, lang: Lang) -> Option<Found> {
    let mut found = Found {
        original: None,
        joined: Vec::new(),
        subject: None,
    };
    // `A, B et C : projet de résolution` — the whole paragraph before the title.
    for re in markers::of(lang, "sponsors_title") {
        if let Some(m) = re.find(text) {
            // The rest of the title line (`A/80/L.18`, `révisé`), not the text below it.
            let tail = text[m.end()..].lines().next().unwrap_or("").trim();
            let p = title_list(&text[..m.start()], lang);
            if tail.split_whitespace().count() <= 12 && is_country_list(&p, false) {
                found.original = Some(p);
                found.subject = last_symbol(tail);
                break;
            }
        }
    }
    // `… (A/C.1/74/L.49/Rev.1) au nom des pays suivants : A, B et C.`
    for re in markers::of(lang, "sponsors_follow") {
        if let Some(m) = re.find(text) {
            let end = sentence_end(text, m.end());
            let p = split_country_list(&text[m.end()..end], lang);
            if is_country_list(&p, false) {
                found.subject = last_symbol(&text[..m.start()]);
                found.original = Some(p);
                break;
            }
        }
    }
    for re in markers::of(lang, "joined_follow") {
        for m in re.find_iter(text) {
            let end = sentence_end(text, m.end());
            let p = split_country_list(&text[m.end()..end], lang);
            if is_country_list(&p, false) {
                found.joined.push(p);
            }
        }
    }
    for re in markers::of(lang, "joined_inline") {
        for c in re.captures_iter(text) {
            if let Some(list) = c.name("list") {
                let p = split_country_list(list.as_str(), lang);
                if is_country_list(&p, true) {
                    found.joined.push(p);
                }
            }
        }
    }
    (found.original.is_some() || !found.joined.is_empty()).then_some(found)
}

/// Paragraph `i`, preceded by the paragraphs that a page break cut from it when it is a
/// sponsor title (`…, Royaume-Uni` / `de Grande-Bretagne …, Ukraine : projet de
/// résolution`): earlier paragraphs are joined while the later one starts in lower case
/// or the earlier one ends with a comma.
fn with_list_start(paragraphs: &[String], i: usize, lang: Lang) -> String {
    let text = plain(&paragraphs[i]);
    if !markers::of(lang, "sponsors_title").any(|re| re.is_match(&text)) {
        return text;
    }
    let mut parts = vec![text];
    let mut j = i;
    while j > 0 && parts.len() < 6 {
        let first = parts.last().map(|p| p.starts_with(char::is_lowercase));
        let prev = plain(&paragraphs[j - 1]);
        if !(first == Some(true) || prev.ends_with(',')) {
            break;
        }
        parts.push(prev);
        j -= 1;
    }
    parts.reverse();
    parts.join("\n")
}

/// Reads the sponsors of every draft in a body. Warnings name the items that could not
/// be placed.
pub fn parse_sponsors(paragraphs: &[String], lang: Lang) -> (Sponsors, Vec<String>) {
    let mut sponsors = Sponsors::default();
    for i in 0..paragraphs.len() {
        let text = with_list_start(paragraphs, i, lang);
        let Some(found) = read_paragraph(&text, lang) else {
            continue;
        };
        // `Par la suite, … se sont joints …` alone refers to the draft just described.
        let continues_last = found.original.is_none()
            && found.subject.is_none()
            && sponsors.drafts.last().is_some_and(|d| d.joined.is_empty());
        let mut draft = match continues_last {
            true => sponsors.drafts.pop().unwrap_or_default(),
            false => DraftSponsors {
                subject: found.subject,
                ..DraftSponsors::default()
            },
        };
        if let Some(p) = found.original {
            sponsors.unknown.extend(p.unknown);
            draft.original = p.countries;
        }
        for p in found.joined {
            sponsors.unknown.extend(p.unknown);
            draft.joined.extend(p.countries);
        }
        sponsors.drafts.push(draft);
    }
    for d in &sponsors.drafts {
        sponsors.original.extend(d.original.iter().cloned());
        sponsors.joined.extend(d.joined.iter().cloned());
    }
    let warnings = sponsor_warnings(&sponsors);
    (sponsors, warnings)
}

/// One warning per item of a sponsor list that is not a State of the table.
pub fn sponsor_warnings(sponsors: &Sponsors) -> Vec<String> {
    sponsors
        .unknown
        .iter()
        .map(|n| format!("name not placed in a sponsor list: {n}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CountryRef;

    fn codes(refs: &[CountryRef]) -> Vec<&str> {
        refs.iter().map(|r| r.iso3.as_str()).collect()
    }

    #[test]
    fn joined_lists_after_a_colon() {
        let body: Vec<String> = [
            "2. Le 20 octobre, le représentant du Brésil a présenté le projet de résolution \
             A/C.1/80/L.9 au nom des pays suivants : Brésil, Chili et Mexique. Par la suite, \
             les pays suivants ont rejoint les auteurs : Pérou et Uruguay.",
            "3. At the same meeting, the representative of Japan introduced draft resolution \
             A/C.1/80/L.10 on behalf of the following countries: Japan and Australia. \
             The following countries joined the sponsors of the draft resolution: Fiji and Samoa.",
        ]
        .map(String::from)
        .to_vec();
        let (s, w) = parse_sponsors(&body[..1], Lang::Fr);
        assert_eq!(codes(&s.original), ["BRA", "CHL", "MEX"]);
        assert_eq!(codes(&s.joined), ["PER", "URY"]);
        assert_eq!(s.drafts[0].subject.as_deref(), Some("A/C.1/80/L.9"));
        assert!(w.is_empty());
        let (s, _) = parse_sponsors(&body[1..], Lang::En);
        assert_eq!(codes(&s.original), ["JPN", "AUS"]);
        assert_eq!(codes(&s.joined), ["FJI", "WSM"]);
    }

    #[test]
    fn english_title_and_joined_sentence() {
        let body: Vec<String> = [
            "Eightieth session",
            "Austria, France, Germany, Honduras, Maldives, South Africa, Spain and Zimbabwe: draft decision",
            "Russian Federation:* amendment to draft resolution A/80/L.18",
            "Subsequently, Andorra, Saint Lucia and Ukraine joined in sponsoring the draft resolution.",
        ]
        .map(String::from)
        .to_vec();
        let (s, w) = parse_sponsors(&body, Lang::En);
        assert_eq!(
            codes(&s.original),
            ["AUT", "FRA", "DEU", "HND", "MDV", "ZAF", "ESP", "ZWE", "RUS"]
        );
        assert_eq!(codes(&s.joined), ["AND", "LCA", "UKR"]);
        assert_eq!(s.drafts[1].subject.as_deref(), Some("A/80/L.18"));
        assert!(w.is_empty(), "{w:?}");
    }
}
