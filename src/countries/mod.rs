//! Country names: every way a State is written in UN documents (six languages, old names,
//! variants, OCR damage) mapped to one stable code from the canonical list in
//! `config/countries/`, so records can be joined with voting datasets and with each
//! other. Owns the table, the folding rules, the matcher, list splitting and the
//! `undoc countries` command. A name that cannot be placed is reported, never guessed.

mod list;
pub(crate) mod markers;
pub(crate) mod matcher;
mod membership;
mod normalize;
mod table;

use std::io::{BufRead, Write};
use std::ops::Range;

use crate::lang::Lang;

pub use crate::model::CountryRef;
pub use list::{split_country_list, ListParse};
pub use matcher::{edit_distance, fuzzy_threshold, Method, FUZZY_MARGIN};
pub use membership::{Membership, MembershipTable};
pub use normalize::fold_key;
pub use table::{Country, CountryTable, NonState, Status, Variant};

use table::Target;

/// The result of looking up one whole name.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<'a> {
    /// A State or other entity of the table.
    Country(&'a Country),
    /// A name that looks like a country's but is not a State; carries the listed name.
    NotAState(String),
    /// Nothing close enough and unambiguous.
    Unknown,
}

impl CountryTable {
    /// Looks up one whole name (sponsor, voter, command-line argument).
    pub fn lookup(&self, name: &str) -> Lookup<'_> {
        self.lookup_with_method(name).0
    }

    /// Like [`CountryTable::lookup`], also telling how the name was matched.
    pub fn lookup_with_method(&self, name: &str) -> (Lookup<'_>, Option<Method>) {
        match self.resolve(name) {
            Some((t, m)) => (self.lookup_of(t), Some(m)),
            None => (Lookup::Unknown, None),
        }
    }

    pub(crate) fn lookup_of(&self, target: Target) -> Lookup<'_> {
        match target {
            Target::Country(i) => Lookup::Country(&self.countries[i]),
            Target::NonState(i) => Lookup::NotAState(self.non_states[i].name.clone()),
        }
    }

    pub(crate) fn country_ref(&self, country: &Country, lang: Lang, written: &str) -> CountryRef {
        CountryRef {
            iso3: country.iso3.clone(),
            m49: country.m49.clone(),
            name: country.name(lang).to_string(),
            as_written: as_written(written),
        }
    }

    /// Mentions of States in running text, with their byte ranges in `text`.
    /// Exact (folded) names only, starting with a capital unless the name itself does
    /// not; territories and other non-State names are recognised and skipped.
    pub fn find_countries(&self, text: &str, lang: Lang) -> Vec<(Range<usize>, CountryRef)> {
        self.scan(text, true)
            .into_iter()
            .filter_map(|(range, target)| match target {
                Target::Country(i) => {
                    let r = self.country_ref(&self.countries[i], lang, &text[range.clone()]);
                    Some((range, r))
                }
                Target::NonState(_) => None,
            })
            .collect()
    }
}

/// Mentions of States in running text (builtin table); see
/// [`CountryTable::find_countries`].
pub fn find_countries(text: &str, lang: Lang) -> Vec<(Range<usize>, CountryRef)> {
    CountryTable::builtin().find_countries(text, lang)
}

/// Collapses whitespace runs (line breaks included) to one space, and drops the line
/// break after a hyphen that ends a line (`Guinée-\nBissau` → `Guinée-Bissau`).
pub(crate) fn as_written(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.ends_with(['-', '‐', '‑']) {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// `undoc countries [--lang fr] [NAME …]`: one line per name (the arguments, or the lines
/// of `input` when there are none): `iso3<TAB>canonical name`, or `NONE<TAB>input` for a
/// non-State or an unknown name. Empty input lines are skipped.
pub fn run_countries_command(
    lang: Lang,
    names: &[String],
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let table = CountryTable::builtin();
    let answer = |name: &str, out: &mut dyn Write| -> std::io::Result<()> {
        match table.lookup(name) {
            Lookup::Country(c) => writeln!(out, "{}\t{}", c.iso3, c.name(lang)),
            _ => writeln!(out, "NONE\t{name}"),
        }
    };
    if names.is_empty() {
        let mut line = String::new();
        while input.read_line(&mut line)? > 0 {
            let name = line.trim_end_matches(['\n', '\r']);
            if !name.trim().is_empty() {
                answer(name, out)?;
            }
            line.clear();
        }
    } else {
        for name in names {
            answer(name, out)?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_prints_code_and_name_or_none() {
        let mut out = Vec::new();
        let names = ["Pays-Bas (Royaume des)", "Nouvelle-Calédonie", "Atlantis"].map(String::from);
        run_countries_command(Lang::Fr, &names, &mut std::io::empty(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "NLD\tPays-Bas (Royaume des)\nNONE\tNouvelle-Calédonie\nNONE\tAtlantis\n"
        );
        let mut out = Vec::new();
        let mut input = "Swaziland\r\n\nZaïre\n".as_bytes();
        run_countries_command(Lang::En, &[], &mut input, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "SWZ\tEswatini\nCOD\tDemocratic Republic of the Congo\n"
        );
    }

    #[test]
    fn running_text_mentions() {
        let text = "La délégation des États-Unis d’Amérique, au nom de la Guinée-\nBissau, \
                    de la Nouvelle-Calédonie et des Samoa américaines, a remercié la guinée.";
        let found = find_countries(text, Lang::Fr);
        let codes: Vec<_> = found.iter().map(|(_, r)| r.iso3.as_str()).collect();
        assert_eq!(codes, ["USA", "GNB"]);
        assert_eq!(found[1].1.as_written, "Guinée-Bissau");
        assert_eq!(&text[found[0].0.clone()], "États-Unis d’Amérique");
        assert_eq!(found[0].1.name, "États-Unis d’Amérique");
    }

    #[test]
    fn abbreviations_in_capital_headings_are_not_countries() {
        let codes = |t: &str| {
            find_countries(t, Lang::Fr)
                .into_iter()
                .map(|(_, r)| r.iso3)
                .collect::<Vec<_>>()
        };
        assert!(codes("GESTION DE L’EAU ET DE L’ASSAINISSEMENT").is_empty());
        assert_eq!(codes("Les EAU et la RDC ont voté."), ["ARE", "COD"]);
    }
}
