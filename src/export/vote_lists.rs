//! Vote lists in the body, for the Markdown export: a label paragraph (`In favour:`,
//! `Ont voté pour :`, `Votos a favor:` … from `config/countries/list_markers.tsv`) with
//! the names after it, on the same line or in the paragraphs that follow (a list may run
//! over several paragraphs when a page breaks it). The names are given as printed,
//! split at the list's commas and semicolons and at a final conjunction (`et`, `and`)
//! only where both sides are States (`Royaume-Uni de Grande-Bretagne et d’Irlande du
//! Nord` stays whole).

use super::markdown::MdParagraph;
use crate::countries::{markers, split_country_list, CountryTable, Lookup};
use crate::lang::Lang;

/// A vote list read from the body.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteList {
    /// The label as printed (`Ont voté pour :`).
    pub label: String,
    /// The names as printed, without separators.
    pub items: Vec<String>,
    /// Index of the first paragraph after the list.
    pub next: usize,
}

/// The vote list starting at paragraph `i`, if that paragraph is a vote label.
pub fn read(paragraphs: &[MdParagraph], i: usize, lang: Lang) -> Option<VoteList> {
    let first = &paragraphs[i];
    if first.kind != "text" {
        return None;
    }
    let text = first.text.trim();
    let end = label_end(text, lang)?;
    let (label, rest) = text.split_at(end);
    let mut items = split_items(rest);
    let mut next = i + 1;
    while let Some(p) = paragraphs.get(next) {
        let t = p.text.trim();
        if p.kind != "text" || t.is_empty() || label_end(t, lang).is_some() || !is_list(t, lang) {
            break;
        }
        items.extend(split_items(t));
        next += 1;
    }
    if items.is_empty() {
        return None;
    }
    Some(VoteList {
        label: label.trim().to_string(),
        items,
        next,
    })
}

/// Where a vote label that opens `text` ends.
fn label_end(text: &str, lang: Lang) -> Option<usize> {
    ["vote_yes", "vote_no", "vote_abstain"]
        .iter()
        .flat_map(|kind| markers::of(lang, kind))
        .filter_map(|re| re.find(text))
        .find(|m| m.start() == 0)
        .map(|m| m.end())
}

/// Most of the paragraph's items are States.
fn is_list(text: &str, lang: Lang) -> bool {
    let p = split_country_list(text, lang);
    !p.countries.is_empty() && p.unknown.len() * 3 <= p.countries.len()
}

/// The names of a list as printed: split at top-level `,` `;` (and their Arabic and
/// Chinese forms), the final full stop dropped, a conjunction split where both sides
/// are States.
pub fn split_items(text: &str) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' | '،' | '؛' | '、' | '，' | '；' if depth <= 0 => {
                chunks.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    chunks.push(&text[start..]);
    let last = chunks.len() - 1;
    chunks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let c = c.trim();
            if i == last {
                c.trim_end_matches(['.', '。']).trim_end()
            } else {
                c
            }
        })
        .filter(|c| !c.is_empty())
        .flat_map(split_conjunction)
        .collect()
}

/// `A et B` → `A`, `B` when both are States and the whole is not one.
fn split_conjunction(chunk: &str) -> Vec<String> {
    let table = CountryTable::builtin();
    let is_state = |s: &str| matches!(table.lookup(s), Lookup::Country(_));
    if is_state(chunk) {
        return vec![chunk.to_string()];
    }
    for word in markers::conjunctions() {
        let sep = format!(" {word} ");
        for (at, _) in chunk.match_indices(&sep) {
            let (left, right) = (&chunk[..at], &chunk[at + sep.len()..]);
            if is_state(left.trim()) && is_state(right.trim()) {
                return vec![left.trim().to_string(), right.trim().to_string()];
            }
        }
    }
    vec![chunk.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> MdParagraph {
        MdParagraph {
            kind: "text".into(),
            text: t.into(),
            ..MdParagraph::default()
        }
    }

    #[test]
    fn a_french_list_over_two_paragraphs() {
        let ps = [
            text("Ont voté pour :"),
            text("Afghanistan, Afrique du Sud, Bolivie (État plurinational de),"),
            text("Royaume-Uni de Grande-Bretagne et d’Irlande du Nord, Palaos et Zimbabwe."),
            text("Ont voté contre :"),
        ];
        let list = read(&ps, 0, Lang::Fr).unwrap();
        assert_eq!(list.label, "Ont voté pour :");
        assert_eq!(
            list.items,
            [
                "Afghanistan",
                "Afrique du Sud",
                "Bolivie (État plurinational de)",
                "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
                "Palaos",
                "Zimbabwe"
            ]
        );
        assert_eq!(list.next, 3);
    }

    #[test]
    fn an_english_list_on_the_label_line() {
        let ps = [text("In favour: Albania, Trinidad and Tobago, Zimbabwe.")];
        let list = read(&ps, 0, Lang::En).unwrap();
        assert_eq!(list.label, "In favour:");
        assert_eq!(list.items, ["Albania", "Trinidad and Tobago", "Zimbabwe"]);
    }

    #[test]
    fn prose_is_not_a_list() {
        assert!(read(&[text("In favour of the proposal, it said.")], 0, Lang::En).is_none());
    }
}
