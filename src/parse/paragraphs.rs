//! The structure of the body: each paragraph's kind (heading, numbered, preambular,
//! operative, sub-item, list item, text), its number or letter, and for resolutions the
//! leading verb (`Rappelant`, `Décide`, `Recalling also`, `Se félicite`).
//!
//! Resolution text starts at its opening line (`The General Assembly,`,
//! `L’Assemblée générale,`; `config/parse/openings.tsv`): unnumbered paragraphs after it
//! that open with a participle or a UN-style adjective are preambular until the first
//! operative one; numbered paragraphs that open with a present tense are operative
//! (verb forms judged in the body's language, so that an annexed declaration's
//! `1. We, the Heads of State …` stays a numbered paragraph). The leading verb is read
//! from the paragraph's first words with the word lists of
//! `config/parse/leading_verbs.tsv`.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{OPENING, RESOLUTION_STOP, VERB_WORDS};
use super::plain_line;
use crate::lang::Lang;

pub use crate::model::{Paragraph, ParagraphKind};

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s+(\S.*)$").expect("numbered regex"));
static SUB_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?([a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)\s+(\S.*)$").expect("sub-item regex")
});
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[•▪◦·‣●○■□–—-]\s+\S").expect("bullet regex"));
static HEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([IVXLC]{1,6}|[A-Z]|\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")
        .expect("heading number regex")
});
static LONE_NUMERAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[IVXLC]{1,6}|[A-Z])\.?$").expect("lone numeral regex"));
static EMBEDDED_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i),\s+((?:also\s+|further\s+)?[\p{Ll}]+)\s+(?:to|that|d[’']|de|que|qu[’']|the|les|la|le|à|a|el|la|los|las)\b",
    )
    .expect("embedded verb regex")
});

/// True for a resolution's opening line (`The General Assembly,`).
pub fn is_opening(line: &str) -> bool {
    OPENING.is_match(line)
}

/// True when a front-matter line is where the body starts.
pub fn is_body_start(line: &str) -> bool {
    let len = line.chars().count();
    is_opening(line)
        || NUMBERED.is_match(line)
        || BULLET.is_match(line)
        || (HEADING_NUMBER.is_match(line) && !line.contains('/') && len < 150)
        || (len > 250 && !is_name_list(line))
        || (len > 150 && line.ends_with('.'))
}

/// A comma-separated list of capitalised names (a sponsors list cut before its
/// `: draft resolution`), which is front matter however long.
fn is_name_list(line: &str) -> bool {
    let items: Vec<&str> = line
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let capitalised = items
        .iter()
        .filter(|s| {
            s.starts_with(|c: char| c.is_uppercase())
                || s.starts_with("et ")
                || s.starts_with("and ")
        })
        .count();
    items.len() >= 6 && capitalised * 10 >= items.len() * 9
}

/// Classifies the body's paragraphs; the first `front` ones are front matter (headings).
/// `lang`, the body's language, lets verb forms tell preambular from operative
/// paragraphs (`Recalling` / `Recalls`); without it every verb is taken as it comes.
pub fn classify_paragraphs(
    paragraphs: &[String],
    front: usize,
    lang: Option<Lang>,
) -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut in_resolution = false;
    let mut seen_operative = false;
    for (index, raw) in paragraphs.iter().enumerate() {
        let line = plain_line(raw);
        let mut p = Paragraph {
            index,
            kind: ParagraphKind::Text,
            number: None,
            verb: None,
            text: raw.clone(),
            table: None,
            figure: None,
        };
        if index < front {
            p.kind = ParagraphKind::Heading;
        } else if let Some(c) = OPENING.captures(&line) {
            in_resolution = true;
            seen_operative = false;
            let rest = c.name("rest").map_or("", |m| m.as_str());
            let rest = rest.trim_start_matches([',', ' ']);
            if rest.starts_with(|c: char| c.is_uppercase()) {
                // The opening run into the first preambular paragraph.
                p.kind = ParagraphKind::Preambular;
                p.verb = leading_verb(rest);
            } else if rest.len() > 3 {
                // A one-paragraph decision: "The General Assembly, recalling …, decides …".
                p.kind = ParagraphKind::Operative;
                p.verb = embedded_verb(rest);
                seen_operative = true;
            }
        } else if let Some(c) = NUMBERED.captures(&line) {
            p.number = Some(c[1].to_string());
            let verb = leading_verb(&c[2]).filter(|v| looks_operative(v, lang));
            if in_resolution && !starts_with_non_verb(&c[2]) && verb.is_some() {
                p.kind = ParagraphKind::Operative;
                p.verb = verb;
                seen_operative = true;
            } else {
                p.kind = ParagraphKind::Numbered;
            }
        } else if let Some(c) = SUB_ITEM.captures(&line) {
            p.kind = ParagraphKind::SubItem;
            p.number = Some(c[1].to_string());
        } else if BULLET.is_match(&line) {
            p.kind = ParagraphKind::ListItem;
        } else if LONE_NUMERAL.is_match(&line) {
            p.kind = ParagraphKind::Heading;
            p.number = Some(line.trim_end_matches('.').to_string());
        } else if is_heading(&line)
            && !(in_resolution && !seen_operative && !numbered_heading(&line))
        {
            p.kind = ParagraphKind::Heading;
            if let Some(c) = HEADING_NUMBER.captures(&line) {
                p.number = Some(c[1].to_string());
            }
            if RESOLUTION_STOP.is_match(&line) {
                in_resolution = false;
            }
        } else if in_resolution && !seen_operative && starts_upper(&line) {
            // Preambular paragraphs end with a comma; an unnumbered paragraph that ends
            // the sentence is the (only) operative one.
            let verb = leading_verb(&line);
            p.kind = match verb.as_deref() {
                Some(v)
                    if looks_operative(v, lang)
                        && (line.trim_end().ends_with('.') || is_present_tense(v)) =>
                {
                    seen_operative = true;
                    ParagraphKind::Operative
                }
                Some(v) if looks_preambular(v, lang) => ParagraphKind::Preambular,
                _ if is_heading(&line) => ParagraphKind::Heading,
                _ => ParagraphKind::Text,
            };
            if matches!(p.kind, ParagraphKind::Operative | ParagraphKind::Preambular) {
                p.verb = verb;
            }
        }
        out.push(p);
    }
    out
}

/// True when the paragraph's first word cannot be an operative verb (`We`, `The`).
fn starts_with_non_verb(text: &str) -> bool {
    let first = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("")
        .to_lowercase();
    VERB_WORDS.not_verbs.contains(&first)
}

/// The verb proper of a leading-verb phrase: its first word that is no adverb or
/// reflexive pronoun (`Also decides` → `decides`, `Se félicitant` → `félicitant`).
fn main_word(verb: &str) -> String {
    let v = &*VERB_WORDS;
    verb.split_whitespace()
        .map(str::to_lowercase)
        .find(|w| {
            !v.adverbs.iter().any(|a| a.len() == 1 && &a[0] == w) && !v.reflexives.contains(w)
        })
        .unwrap_or_default()
}

/// Whether a verb can open an operative paragraph in the body's language: a present
/// tense (`Decides`, `Décide`, `Prend`, `Reconnaît`, `Exhorta`).
fn looks_operative(verb: &str, lang: Option<Lang>) -> bool {
    let w = main_word(verb);
    if w.contains(['’', '\'']) {
        return false;
    }
    match lang {
        Some(Lang::En) => {
            w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ous") && !w.ends_with("ness")
        }
        Some(Lang::Fr) => w.ends_with(['e', 't', 'd']),
        Some(Lang::Es) => w.ends_with(['a', 'e']),
        _ => true,
    }
}

/// Whether a verb can open a preambular paragraph in the body's language: a participle
/// or one of the adjectives of the UN style (`Recalling`, `Deeply concerned`, `Mindful`,
/// `Rappelant`, `Consciente`, `Recordando`).
fn looks_preambular(verb: &str, lang: Option<Lang>) -> bool {
    let w = main_word(verb);
    if VERB_WORDS.adjectives.contains(&w) {
        return true;
    }
    match lang {
        Some(Lang::En) => w.ends_with("ing") || w.ends_with("ed"),
        Some(Lang::Fr) => ["ant", "ants", "é", "ée", "és", "ées"]
            .iter()
            .any(|e| w.ends_with(e)),
        Some(Lang::Es) => ["ando", "endo", "ado", "ada", "ados", "adas", "ido", "ida"]
            .iter()
            .any(|e| w.ends_with(e)),
        _ => true,
    }
}

/// An English operative verb (`Adopts`, `Also decides`): a third-person present, which
/// preambular participles and adjectives (`Recalling`, `Conscious`) never are.
fn is_present_tense(verb: &str) -> bool {
    let v = &*VERB_WORDS;
    verb.split_whitespace()
        .map(str::to_lowercase)
        .find(|w| !v.adverbs.iter().any(|a| a.len() == 1 && &a[0] == w))
        .is_some_and(|w| {
            w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("ous")
                && w.is_ascii()
        })
}

fn starts_upper(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_uppercase)
}

fn numbered_heading(line: &str) -> bool {
    HEADING_NUMBER.is_match(line) || RESOLUTION_STOP.is_match(line)
}

/// A short line without closing punctuation that starts with a capital or a number.
fn is_heading(line: &str) -> bool {
    let len = line.chars().count();
    let numbered = HEADING_NUMBER.is_match(line) && len < 200;
    let plain_heading = len < 120
        && starts_upper(line)
        && !line.ends_with(['.', ',', ';', ':'])
        && !line.contains(". ");
    (numbered && !line.ends_with([',', ';'])) || plain_heading
}

/// The first word of the paragraph as a lower-case word sequence match.
fn starts_with_words(words: &[String], at: usize, seq: &[String]) -> bool {
    seq.len() <= words.len().saturating_sub(at)
        && seq
            .iter()
            .zip(&words[at..])
            .all(|(a, b)| a == &b.to_lowercase())
}

/// The leading verb of a resolution paragraph (`Recalling also`, `Décide`,
/// `Prenant note avec satisfaction`, `Deeply concerned`).
pub fn leading_verb(text: &str) -> Option<String> {
    let head = text
        .split([',', ';', ':', '[', '(', '“', '«', '，', '；', '：'])
        .next()
        .unwrap_or("");
    let words: Vec<String> = head
        .split_whitespace()
        .take(8)
        .map(|w| w.trim_end_matches(['.', '*']).to_string())
        .collect();
    let first = words.first()?;
    if first.chars().count() > 24
        || !first
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '’' | '\'' | '-'))
    {
        return None;
    }
    let v = &*VERB_WORDS;
    if let Some(phrase) = v.phrases.iter().find(|p| starts_with_words(&words, 0, p)) {
        return Some(words[..phrase.len()].join(" "));
    }
    let mut at = 0;
    let skip_adverbs = |at: &mut usize| {
        while let Some(a) = v.adverbs.iter().find(|a| starts_with_words(&words, *at, a)) {
            *at += a.len();
        }
    };
    skip_adverbs(&mut at);
    if at < words.len() && v.reflexives.contains(&words[at].to_lowercase()) {
        at += 1;
    }
    if at >= words.len() {
        return None;
    }
    // A phrase may follow leading adverbs ("Also takes note").
    if let Some(phrase) = v.phrases.iter().find(|p| starts_with_words(&words, at, p)) {
        return Some(words[..at + phrase.len()].join(" "));
    }
    let auxiliary = v.auxiliaries.contains(&words[at].to_lowercase());
    at += 1;
    skip_adverbs(&mut at);
    if auxiliary && at < words.len() {
        // "Having also considered": the participle belongs to the verb.
        at += 1;
    }
    if at < words.len() && v.complements.contains(&words[at].to_lowercase()) {
        at += 1;
    }
    Some(words[..at].join(" "))
}

/// The operative verb inside a one-paragraph decision (`…, decides to include …`).
fn embedded_verb(rest: &str) -> Option<String> {
    EMBEDDED_VERB
        .captures_iter(rest)
        .map(|c| c[1].to_string())
        .find(|w| {
            let last = w.split_whitespace().last().unwrap_or("");
            !(last.ends_with("ing") || last.ends_with("ant") || last.ends_with("ante"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_leading_verbs() {
        let cases = [
            ("Rappelant ses résolutions 53/70", "Rappelant"),
            ("Rappelant également ses résolutions", "Rappelant également"),
            ("Rappelant, à cet égard, les modalités", "Rappelant"),
            (
                "Se déclarant préoccupée par le fait",
                "Se déclarant préoccupée",
            ),
            (
                "Prenant note avec satisfaction des travaux",
                "Prenant note avec satisfaction",
            ),
            ("Jugeant indispensable de prévenir", "Jugeant indispensable"),
            ("Se félicite de l’adoption", "Se félicite"),
            ("Décide d’inscrire à l’ordre du jour", "Décide"),
            ("Recalling also the recommendations", "Recalling also"),
            ("Deeply concerned about the", "Deeply concerned"),
            ("Also requests the Secretary-General", "Also requests"),
            ("Calls upon all States", "Calls upon"),
            ("Bearing in mind that", "Bearing in mind"),
            ("Decides to include", "Decides"),
            ("Having also considered the note", "Having also considered"),
            ("Pays tribute to the Court", "Pays tribute"),
        ];
        for (text, verb) in cases {
            assert_eq!(leading_verb(text).as_deref(), Some(verb), "{text}");
        }
    }

    #[test]
    fn recognises_openings() {
        assert!(is_opening("The General Assembly,"));
        assert!(is_opening("L’Assemblée générale,"));
        assert!(is_opening("The Security Council,"));
        assert!(is_opening("The General Assembly"));
        assert!(is_opening(
            "The General Assembly, recalling its resolution 79/22, decides to include"
        ));
        assert!(!is_opening(
            "The General Assembly adopted resolution 77/36 in 2022."
        ));
    }

    #[test]
    fn an_opening_run_into_the_preamble() {
        let paras = vec!["The General Assembly, Recalling its resolution 75/240,".to_string()];
        let p = classify_paragraphs(&paras, 0, Some(Lang::En));
        assert_eq!(p[0].kind, ParagraphKind::Preambular);
        assert_eq!(p[0].verb.as_deref(), Some("Recalling"));
    }

    #[test]
    fn classifies_a_small_resolution() {
        let paras: Vec<String> = [
            "Seventy-eighth session",
            "The General Assembly,",
            "Recalling its resolutions 36/103,",
            "1. Decides to include the item;",
            "(a) To report;",
            "2. Requests the Secretary-General to report.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let p = classify_paragraphs(&paras, 1, Some(Lang::En));
        let kinds: Vec<_> = p.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ParagraphKind::Heading,
                ParagraphKind::Text,
                ParagraphKind::Preambular,
                ParagraphKind::Operative,
                ParagraphKind::SubItem,
                ParagraphKind::Operative
            ]
        );
        assert_eq!(p[2].verb.as_deref(), Some("Recalling"));
        assert_eq!(p[3].number.as_deref(), Some("1"));
        assert_eq!(p[4].number.as_deref(), Some("a"));
        assert_eq!(p[5].verb.as_deref(), Some("Requests"));
    }
}
