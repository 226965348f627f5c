//! Splitting lists of country names (`A, B, C et D.`) into codes. Items are cut at `,`
//! and `;` outside parentheses; an item that is not one name is segmented longest match
//! first (so `Royaume-Uni de Grande-Bretagne et d’Irlande du Nord et Ukraine` is two
//! States and `Trinité-et-Tobago` one), then split at a conjunction when both sides are
//! names. Page furniture (symbols, job numbers, page numbers) and footnote blocks that
//! interrupt a list are dropped. What cannot be placed is returned as unknown, never
//! guessed.

use std::sync::OnceLock;

use regex::Regex;

use super::normalize::tokenize;
use super::table::Target;
use super::{as_written, markers, CountryRef, CountryTable};
use crate::lang::Lang;

/// The countries of a list, in order, and the items that could not be placed.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ListParse {
    /// The States of the list, in order.
    pub countries: Vec<CountryRef>,
    /// Items that are not a State of the table (unknown names and non-State names).
    pub unknown: Vec<String>,
}

/// Splits a list of country names (builtin table); see [`CountryTable::split_list`].
pub fn split_country_list(text: &str, lang: Lang) -> ListParse {
    CountryTable::builtin().split_list(text, lang)
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid built-in regex"))
}

/// Markup that may surround names in extracted text: footnote marks, Markdown emphasis
/// and links.
fn strip_markup(text: &str) -> String {
    static SUP: OnceLock<Regex> = OnceLock::new();
    static MARK: OnceLock<Regex> = OnceLock::new();
    static LINK: OnceLock<Regex> = OnceLock::new();
    let t = regex(&SUP, r"<sup>[^<]*</sup>").replace_all(text, "");
    let t = regex(&LINK, r"\[([^\]]+)\]\([^)]*\)").replace_all(&t, "$1");
    regex(&MARK, r"\[(?:\d{1,3}|\*+)\]|[*_#]+")
        .replace_all(&t, "")
        .into_owned()
}

/// A block (text between blank lines) that is a footnote: it starts with a footnote mark.
fn is_footnote_block(block: &str) -> bool {
    static FOOT: OnceLock<Regex> = OnceLock::new();
    regex(
        &FOOT,
        r"^\s*(?:<sup>\s*\w{1,3}\s*</sup>|\[\w{1,3}\]|\d{1,3}\s+\p{Lu}\p{Ll})",
    )
    .is_match(block)
}

/// Removes page furniture that may sit inside a list: document symbols, job numbers,
/// page numbers, barcodes, lone numbers.
pub(crate) fn strip_page_furniture(text: &str) -> String {
    static JUNK: OnceLock<Regex> = OnceLock::new();
    regex(
        &JUNK,
        r"(?-u:\b)[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+|\*\d{5,}\*|\b\d{2}-\d{4,6}\b(?:\s*\([A-Z]\))?|\b\d{1,4}/\d{1,4}\b|\b\d+\b",
    )
    .replace_all(text, " ")
    .into_owned()
}

/// Cuts at `,` `;` (and their full-width, ideographic and Arabic forms) outside
/// parentheses.
fn split_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth - 1).max(0),
            ',' | ';' | '，' | '；' | '、' | '،' | '؛' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}

fn is_conjunction(word: &str) -> bool {
    markers::conjunctions().iter().any(|c| c == word)
}

impl CountryTable {
    /// Splits a list of country names written in `lang` into codes.
    pub fn split_list(&self, text: &str, lang: Lang) -> ListParse {
        let mut out = ListParse::default();
        let cleaned = clean_list_text(text);
        let body = cleaned.trim_end().trim_end_matches(['.', ':']).trim_end();
        for item in split_items(body) {
            self.place_item(item, lang, &mut out);
        }
        out
    }

    fn push(&self, target: Target, written: &str, lang: Lang, out: &mut ListParse) {
        match target {
            Target::Country(i) => {
                let r = self.country_ref(&self.countries[i], lang, written);
                out.countries.push(r);
            }
            Target::NonState(_) => out.unknown.push(as_written(written)),
        }
    }

    fn place_item(&self, item: &str, lang: Lang, out: &mut ListParse) {
        let item = item.trim();
        if !item.chars().any(char::is_alphabetic) {
            return;
        }
        if let Some((target, _)) = self.resolve(item) {
            return self.push(target, item, lang, out);
        }
        let without_furniture = strip_page_furniture(item);
        let without_furniture = without_furniture.trim();
        if without_furniture != item {
            return self.place_item(without_furniture, lang, out);
        }
        if let Some(parts) = self.segment_whole(item) {
            for (target, written) in parts {
                self.push(target, written, lang, out);
            }
            return;
        }
        if let Some(parts) = self.split_at_conjunctions(item, 0) {
            for (target, written) in parts {
                self.push(target, written, lang, out);
            }
            return;
        }
        // Arabic writes `and` as a prefix: `ألبانيا والجزائر`.
        if let Some(spaced) = split_arabic_waw(item) {
            if let Some(parts) = self.split_at_conjunctions(&spaced, 0) {
                for (target, written) in parts {
                    self.push(target, written, lang, out);
                }
                return;
            }
        }
        // The list's own final conjunction (`… et Zambic`): place each side on its own.
        if let Some(conj) = self.last_spaced_conjunction(item) {
            self.place_item(&item[..conj.start], lang, out);
            self.place_item(&item[conj.end..], lang, out);
            return;
        }
        out.unknown.push(as_written(item));
    }

    fn last_spaced_conjunction(&self, item: &str) -> Option<std::ops::Range<usize>> {
        spaced_conjunctions(item).last().cloned()
    }

    /// Longest-match segmentation of an item; accepted only when everything between the
    /// names is a conjunction.
    fn segment_whole<'t>(&self, item: &'t str) -> Option<Vec<(Target, &'t str)>> {
        let matches = self.scan(item, false);
        if matches.is_empty() {
            return None;
        }
        let mut pos = 0;
        let mut parts = Vec::new();
        for (range, target) in &matches {
            if !only_conjunctions(&item[pos..range.start]) {
                return None;
            }
            parts.push((*target, &item[range.clone()]));
            pos = range.end;
        }
        only_conjunctions(&item[pos..]).then_some(parts)
    }

    /// `A et B` where both sides resolve as whole names (OCR-damaged ones included).
    fn split_at_conjunctions<'t>(
        &self,
        item: &'t str,
        depth: usize,
    ) -> Option<Vec<(Target, &'t str)>> {
        if depth > 0 {
            if let Some((target, _)) = self.resolve(item) {
                return Some(vec![(target, item.trim())]);
            }
        }
        if depth > 4 {
            return None;
        }
        for conj in spaced_conjunctions(item) {
            let left = &item[..conj.start];
            let Some((target, _)) = self.resolve(left) else {
                continue;
            };
            if let Some(rest) = self.split_at_conjunctions(&item[conj.end..], depth + 1) {
                let mut parts = vec![(target, left.trim())];
                parts.extend(rest);
                return Some(parts);
            }
        }
        None
    }
}

/// Byte ranges of the conjunctions of an item that stand between two words with spaces
/// on both sides (the `et` of `Trinité-et-Tobago` does not).
fn spaced_conjunctions(item: &str) -> Vec<std::ops::Range<usize>> {
    let tokens = tokenize(item);
    let spaced = |a: usize, b: usize| item[a..b].chars().any(char::is_whitespace);
    (1..tokens.len().saturating_sub(1))
        .filter(|&k| {
            is_conjunction(tokens.folded(k))
                && spaced(tokens[k - 1].span.end, tokens[k].span.start)
                && spaced(tokens[k].span.end, tokens[k + 1].span.start)
        })
        .map(|k| tokens[k].span.clone())
        .collect()
}

/// `… والجزائر` → `… و الجزائر`, when a word after the first starts with the Arabic
/// conjunction `و` (tried only when the item failed as written).
fn split_arabic_waw(item: &str) -> Option<String> {
    item.contains(" و").then(|| item.replace(" و", " و "))
}

fn only_conjunctions(gap: &str) -> bool {
    let tokens = tokenize(gap);
    (0..tokens.len()).all(|k| is_conjunction(tokens.folded(k)))
}

/// Drops footnote blocks and markup; joins the rest.
fn clean_list_text(text: &str) -> String {
    let mut kept = Vec::new();
    for block in text.split("\n\n") {
        if block.trim().is_empty() || (!kept.is_empty() && is_footnote_block(block)) {
            continue;
        }
        kept.push(block);
    }
    strip_markup(&kept.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str, lang: Lang) -> (Vec<String>, Vec<String>) {
        let p = split_country_list(text, lang);
        (p.countries.into_iter().map(|c| c.iso3).collect(), p.unknown)
    }

    #[test]
    fn names_containing_separator_words_stay_whole() {
        let (c, u) = codes(
            "Trinité-et-Tobago, Saint-Vincent-et-les Grenadines, Royaume-Uni de \
             Grande-Bretagne et d’Irlande du Nord et Ukraine.",
            Lang::Fr,
        );
        assert_eq!(c, ["TTO", "VCT", "GBR", "UKR"]);
        assert!(u.is_empty());
        let (c, _) = codes(
            "Trinidad and Tobago, Bosnia and Herzegovina and Zimbabwe",
            Lang::En,
        );
        assert_eq!(c, ["TTO", "BIH", "ZWE"]);
    }

    #[test]
    fn parenthesised_parts_are_kept() {
        let (c, u) = codes(
            "Bolivie (État plurinational de), Iran (République islamique d’), Pays-Bas (Royaume des) et Venezuela (République bolivarienne du).",
            Lang::Fr,
        );
        assert_eq!(c, ["BOL", "IRN", "NLD", "VEN"]);
        assert!(u.is_empty());
    }

    #[test]
    fn page_breaks_and_footnotes_inside_a_list_are_skipped() {
        let text = "Pologne, Portugal,\n\n19-20187\n\n2/6\n\nA/74/386\n\nQatar, \
                    Soudan,\n\n2 Les débats sont consignés dans les documents A/C.1/74/PV.1 et A/C.1/74/PV.2.\n\nSri Lanka et Suisse.";
        let (c, u) = codes(text, Lang::Fr);
        assert_eq!(c, ["POL", "PRT", "QAT", "SDN", "LKA", "CHE"]);
        assert!(u.is_empty(), "{u:?}");
    }

    #[test]
    fn unknown_names_are_reported_not_guessed() {
        let (c, u) = codes("France, Atlantide, Samoa américaines et Zambic", Lang::Fr);
        assert_eq!(c, ["FRA"]);
        assert_eq!(u, ["Atlantide", "Samoa américaines", "Zambic"]);
    }

    #[test]
    fn lists_in_russian_chinese_and_arabic() {
        let (c, u) = codes("Афганистан, Албания и Российская Федерация.", Lang::Ru);
        assert_eq!(c, ["AFG", "ALB", "RUS"]);
        assert!(u.is_empty());
        let (c, u) = codes("阿富汗、阿尔巴尼亚、俄罗斯联邦和中国", Lang::Zh);
        assert_eq!(c, ["AFG", "ALB", "RUS", "CHN"]);
        assert!(u.is_empty());
        let (c, u) = codes("أفغانستان، ألبانيا والولايات المتحدة الأمريكية", Lang::Ar);
        assert_eq!(c, ["AFG", "ALB", "USA"]);
        assert!(u.is_empty());
    }

    #[test]
    fn damaged_names_in_lists() {
        let (c, u) = codes(
            "Suéde, Gréce, Norvege, ltalie, République démocratique\nPopulaire lao, Trinité-\net-Tobago, Yémen et Zambie.",
            Lang::Fr,
        );
        assert_eq!(c, ["SWE", "GRC", "NOR", "ITA", "LAO", "TTO", "YEM", "ZMB"]);
        assert!(u.is_empty());
    }
}
