//! Titles made of several cover lines, and titles printed in capitals: the case named on
//! the sitting lines of an ICJ verbatim record, a programme-budget fascicle's title with
//! its Part and Section, and all-capital titles (old scans, court filings) set in sentence
//! case with the names of States, organs and the United Nations kept capitalised.
//! Patterns and word lists come from `config/parse/` (`front_lines.tsv`,
//! `proper_names.tsv`).

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon::{CASE_END, CASE_INTRO, DIVISION, PROPER_NAMES, TITLE_JOINERS};
use crate::lang::Lang;

/// The case named on an ICJ sitting block (`Public sitting held on …, President X
/// presiding, on the Legal Consequences of … (Request for advisory opinion …)`): what
/// follows the first case introducer, without the lines that ran into it (`Present:`).
pub fn case_title(sitting: &str) -> Option<String> {
    let intro = CASE_INTRO.find(sitting)?;
    let rest = CASE_END.replace(&sitting[intro.end()..], "");
    let rest = rest.trim().trim_end_matches([',', ';']).trim();
    (rest.chars().filter(|c| c.is_alphabetic()).count() >= 3).then(|| upper_first(rest))
}

/// A programme-budget title with the Part and Section lines that follow it:
/// `Proposed programme budget for 2027. Part IV, International cooperation for
/// development. Section 13, International Trade Centre`. `next` are the front lines after
/// the title line; `continues(a, b)` says whether line `b` goes on with line `a`.
pub fn sections_title(head: &str, next: &[&str], continues: impl Fn(&str, &str) -> bool) -> String {
    let mut title = head.trim_end_matches('.').to_string();
    let mut k = 0;
    while let Some(c) = next.get(k).and_then(|l| DIVISION.captures(l)) {
        let label = c[1].to_string();
        let mut name = c[2].trim().to_string();
        k += 1;
        if name.is_empty() {
            if let Some(line) = next.get(k).filter(|l| !DIVISION.is_match(l)) {
                name = line.to_string();
                k += 1;
            }
        }
        while let Some(line) = next
            .get(k)
            .filter(|l| !name.is_empty() && continues(&name, l))
        {
            name = format!("{name} {line}");
            k += 1;
        }
        title = if name.is_empty() {
            format!("{title}. {label}")
        } else {
            format!("{title}. {label}, {name}")
        };
    }
    title
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether a text is set in capitals: at least ten letters, nine in ten of them capitals.
fn is_capitals(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = text.chars().filter(|c| c.is_uppercase()).count();
    letters >= 10 && capitals * 10 >= letters * 9
}

/// A title whose parts (` : ` apart) are printed in capitals, in sentence case: the first
/// letter a capital, the names of States (from the country table) and the proper names
/// of `proper_names.tsv` capitalised, the rest lower case. Other titles are returned as
/// they are.
pub fn sentence_case(title: &str, lang: Lang) -> String {
    title
        .split(" : ")
        .map(|part| {
            if is_capitals(part) {
                part_in_sentence_case(part, lang)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" : ")
}

fn part_in_sentence_case(part: &str, lang: Lang) -> String {
    let lower = part.to_lowercase();
    // Lower-casing may change byte lengths: work on the lower-case text, finding names
    // in it; the country finder wants capitals, so it is given a word-capitalised copy.
    let capitalised = capitalise_words(&lower, 0..lower.len());
    let mut names: Vec<Range<usize>> = crate::countries::find_countries(&capitalised, lang)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    for name in PROPER_NAMES.iter() {
        names.extend(name.find_iter(&lower).map(|m| m.range()));
    }
    let mut out = lower.clone();
    for r in names {
        if out.is_char_boundary(r.start) && out.is_char_boundary(r.end) {
            out = capitalise_words(&out, r);
        }
    }
    upper_first(&out)
}

/// The words of `text` within `range` with their first letter a capital, except the small
/// words that stay lower case inside names (`of`, `the`, `de`).
fn capitalise_words(text: &str, range: Range<usize>) -> String {
    static SMALL: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| TITLE_JOINERS.iter().copied().collect());
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..range.start]);
    let mut word_start = true;
    let inner = &text[range.clone()];
    for (i, c) in inner.char_indices() {
        if word_start && c.is_alphabetic() {
            let word: String = inner[i..]
                .chars()
                .take_while(|c| c.is_alphabetic() || matches!(c, '’' | '\''))
                .collect();
            let first_word = i == 0;
            if first_word || !SMALL.contains(&word.as_str()) {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        } else {
            out.push(c);
        }
        word_start = !(c.is_alphanumeric() || matches!(c, '’' | '\''));
    }
    out.push_str(&text[range.end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_case_of_a_sitting() {
        assert_eq!(
            case_title(
                "Public sitting held on Monday 1 March 2027, at 10 a.m., at the Peace Palace, \
                 President Doe presiding, in the case concerning Maritime Delimitation \
                 (Ruritania v. Freedonia) Present: President Doe"
            )
            .as_deref(),
            Some("Maritime Delimitation (Ruritania v. Freedonia)")
        );
        assert_eq!(
            case_title(
                "Audience publique tenue le lundi 1er mars 2027, sous la présidence de M. Doe, \
                 président, sur les Effets juridiques de la séparation"
            )
            .as_deref(),
            Some("Effets juridiques de la séparation")
        );
        assert!(case_title("Public sitting held on Monday 1 March 2027").is_none());
    }

    #[test]
    fn joins_parts_and_sections() {
        let next = [
            "Part VIII",
            "Common support services",
            "Section 29A",
            "Department of Management Strategy, Policy and",
            "Compliance",
            "Subprogramme 1",
        ];
        let joins = |a: &str, _: &str| a.ends_with(" and");
        assert_eq!(
            sections_title("Proposed programme budget for 2030", &next, joins),
            "Proposed programme budget for 2030. Part VIII, Common support services. \
             Section 29A, Department of Management Strategy, Policy and Compliance"
        );
        assert_eq!(
            sections_title("Proposed programme budget for 2030", &["Contents"], joins),
            "Proposed programme budget for 2030"
        );
    }

    #[test]
    fn sets_capitals_in_sentence_case() {
        assert_eq!(
            sentence_case(
                "WRITTEN STATEMENT OF THE GOVERNMENT OF THE KINGDOM OF THE NETHERLANDS",
                Lang::En
            ),
            "Written statement of the Government of the Kingdom of the Netherlands"
        );
        assert_eq!(
            sentence_case(
                "QUESTION OF NAMIBIA IN THE UNITED NATIONS : draft resolution",
                Lang::En
            ),
            "Question of Namibia in the United Nations : draft resolution"
        );
        assert_eq!(
            sentence_case("Oceans and the law of the sea", Lang::En),
            "Oceans and the law of the sea"
        );
    }
}
