//! The canonical country table: `config/countries/*.tsv` compiled into the binary
//! (`include_str!`), parsed once, and indexed for the matcher (folded keys, case-sensitive
//! abbreviations, squashed OCR skeletons, a fuzzy pool and a first-token index for
//! scanning text).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::{fold_key, ocr_skeleton, squash};
use crate::lang::Lang;

const COUNTRIES_TSV: &str = include_str!("../../config/countries/countries.tsv");
const VARIANTS_TSV: &str = include_str!("../../config/countries/variants.tsv");
const NON_STATES_TSV: &str = include_str!("../../config/countries/non_states.tsv");

/// Standing of a code at the United Nations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// One of the 193 Member States.
    Member,
    /// Non-member observer State (Holy See, State of Palestine).
    Observer,
    /// Other entity that appears in UN lists (European Union, Cook Islands, Niue).
    Other,
    /// Former Member State (USSR, Yugoslavia, …).
    Historical,
}

/// One code of the table with its names.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    pub m49: Option<String>,
    pub status: Status,
    /// UN short names, in the order of [`Lang::ALL`].
    pub names: [String; 6],
    /// Formal names, in the order of [`Lang::ALL`] (the sources give them in English and
    /// French only).
    pub formal: [Option<String>; 6],
}

impl Country {
    /// The UN short name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        &self.names[lang_index(lang)]
    }

    /// The formal name in a language, when the sources give one.
    pub fn formal_name(&self, lang: Lang) -> Option<&str> {
        self.formal[lang_index(lang)].as_deref()
    }
}

/// A name that looks like a country's but is not a State (territory, region, …).
#[derive(Debug, Clone, PartialEq)]
pub struct NonState {
    /// ISO 3166-1 alpha-3 code where one exists (`XKX` for Kosovo).
    pub code: Option<String>,
    pub name: String,
    pub lang: String,
    pub note: String,
}

/// One name or variant of a code, as listed in `variants.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub iso3: String,
    pub text: String,
    pub lang: String,
    pub kind: String,
}

/// A small, fast hasher for short string keys (FxHash's multiply-rotate scheme): the
/// table is ours and fixed, so flooding resistance is not needed.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// What a key points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Country(usize),
    NonState(usize),
}

/// One entry of the first-token index used to scan text.
#[derive(Debug, Clone)]
pub(crate) struct TextEntry {
    /// Folded tokens, or original-case alphanumeric runs when `cased`.
    pub tokens: Vec<String>,
    pub target: Target,
    /// Abbreviation: compared case-sensitively with the original text.
    pub cased: bool,
    /// The name itself starts with a lower-case letter (`ex-République…`), so running
    /// text may too.
    pub lower_initial: bool,
}

/// The canonical country table and its lookup indexes.
pub struct CountryTable {
    pub(crate) countries: Vec<Country>,
    pub(crate) non_states: Vec<NonState>,
    pub(crate) variants: Vec<Variant>,
    pub(crate) by_iso3: HashMap<String, usize>,
    /// Folded key → target; `None` when two targets share the key.
    pub(crate) exact: FastMap<String, Option<Target>>,
    /// Abbreviations and other short cased forms, by [`cased_key`].
    pub(crate) cased: FastMap<String, Option<Target>>,
    /// Length in bytes of the longest cased form (longer names skip that map).
    pub(crate) cased_max_len: usize,
    /// OCR skeleton of the squashed key → target; `None` when ambiguous.
    pub(crate) skeleton: FastMap<String, Option<Target>>,
    /// Distinct (skeleton, target) pairs for bounded edit-distance search.
    pub(crate) fuzzy_pool: Vec<(Vec<char>, Target)>,
    /// First folded token → entries, longest first.
    pub(crate) text_index: FastMap<String, Vec<TextEntry>>,
    /// Keys that two different targets share (the data tests require none).
    pub(crate) conflicts: Vec<String>,
}

pub(crate) fn lang_index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// Data rows of a TSV file (header skipped), split on tabs.
fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn parse_status(s: &str) -> Status {
    match s {
        "observer" => Status::Observer,
        "other" => Status::Other,
        "historical" => Status::Historical,
        _ => Status::Member,
    }
}

/// A variant is matched case-sensitively when it is an abbreviation or so short that
/// folding it would turn it into an ordinary word (`US`, `EAU`, `R.-U.`).
fn is_cased_form(text: &str, kind: &str) -> bool {
    let alnum = text.chars().filter(|c| c.is_alphanumeric()).count();
    let has_cased = text.chars().any(|c| c.is_uppercase() || c.is_lowercase());
    kind == "abbreviation" || (has_cased && alnum <= 3)
}

/// A cased form without its spaces, case and dots kept: `U. S. A.` → `U.S.A.`
/// (`E.-U.` for the United States must not become `EU`).
pub(crate) fn cased_key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Original-case alphanumeric runs: `U.S.A.` → `U`, `S`, `A`.
fn cased_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn insert_unique(
    map: &mut FastMap<String, Option<Target>>,
    key: String,
    target: Target,
    conflicts: Option<&mut Vec<String>>,
) {
    match map.get(&key) {
        None => {
            map.insert(key, Some(target));
        }
        Some(Some(t)) if *t == target => {}
        // Two non-State names with one key (`Taiwan`, `Taïwan`): both say "not a State".
        Some(Some(Target::NonState(_))) if matches!(target, Target::NonState(_)) => {}
        Some(_) => {
            if let Some(c) = conflicts {
                c.push(key.clone());
            }
            map.insert(key, None);
        }
    }
}

impl CountryTable {
    /// The table compiled from `config/countries/`, parsed on first use.
    pub fn builtin() -> &'static CountryTable {
        static TABLE: OnceLock<CountryTable> = OnceLock::new();
        TABLE.get_or_init(|| CountryTable::from_tsv(COUNTRIES_TSV, VARIANTS_TSV, NON_STATES_TSV))
    }

    /// Builds a table from the three TSV texts (same columns as `config/countries/`).
    pub fn from_tsv(countries_tsv: &str, variants_tsv: &str, non_states_tsv: &str) -> Self {
        let countries: Vec<Country> = rows(countries_tsv)
            .filter(|r| r.len() >= 12)
            .map(|r| Country {
                iso3: r[0].to_string(),
                iso2: r[1].to_string(),
                m49: non_empty(r[2]),
                status: parse_status(r[3]),
                names: [r[4], r[6], r[8], r[9], r[10], r[11]].map(str::to_string),
                formal: [non_empty(r[5]), non_empty(r[7]), None, None, None, None],
            })
            .collect();
        let by_iso3: HashMap<String, usize> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3.clone(), i))
            .collect();
        let variants: Vec<Variant> = rows(variants_tsv)
            .filter(|r| r.len() >= 4)
            .map(|r| Variant {
                iso3: r[0].to_string(),
                text: r[1].to_string(),
                lang: r[2].to_string(),
                kind: r[3].to_string(),
            })
            .collect();
        let non_states: Vec<NonState> = rows(non_states_tsv)
            .filter(|r| r.len() >= 4)
            .map(|r| NonState {
                code: non_empty(r[0]),
                name: r[1].to_string(),
                lang: r[2].to_string(),
                note: r[3].to_string(),
            })
            .collect();

        let mut table = CountryTable {
            countries,
            non_states,
            variants,
            by_iso3,
            exact: FastMap::default(),
            cased: FastMap::default(),
            cased_max_len: 0,
            skeleton: FastMap::default(),
            fuzzy_pool: Vec::new(),
            text_index: FastMap::default(),
            conflicts: Vec::new(),
        };
        table.build_indexes();
        table
    }

    /// All names of the table with their target and kind: every variant, every
    /// country's names, every non-State name.
    fn all_forms(&self) -> Vec<(String, Target, String)> {
        let mut forms = Vec::new();
        for (i, c) in self.countries.iter().enumerate() {
            for n in c.names.iter().chain(c.formal.iter().flatten()) {
                forms.push((n.clone(), Target::Country(i), "short".to_string()));
            }
        }
        for v in &self.variants {
            if let Some(&i) = self.by_iso3.get(&v.iso3) {
                forms.push((v.text.clone(), Target::Country(i), v.kind.clone()));
            }
        }
        for (i, n) in self.non_states.iter().enumerate() {
            forms.push((n.name.clone(), Target::NonState(i), "non_state".to_string()));
        }
        forms
    }

    fn build_indexes(&mut self) {
        let mut conflicts = Vec::new();
        let mut pool = HashMap::new();
        for (text, target, kind) in self.all_forms() {
            let entry = if is_cased_form(&text, &kind) {
                let key = cased_key(&text);
                self.cased_max_len = self.cased_max_len.max(key.len() + 1);
                insert_unique(&mut self.cased, key, target, Some(&mut conflicts));
                TextEntry {
                    tokens: cased_tokens(&text),
                    target,
                    cased: true,
                    lower_initial: false,
                }
            } else {
                let key = fold_key(&text);
                if key.is_empty() {
                    continue;
                }
                let skel = ocr_skeleton(&squash(&key));
                insert_unique(&mut self.exact, key.clone(), target, Some(&mut conflicts));
                insert_unique(&mut self.skeleton, skel.clone(), target, None);
                pool.insert((skel, target), ());
                TextEntry {
                    tokens: key.split(' ').map(str::to_string).collect(),
                    target,
                    cased: false,
                    lower_initial: text.chars().next().is_some_and(char::is_lowercase),
                }
            };
            // Inverted forms contain the list separator `,`: only whole-name lookups use them.
            if kind == "inverted" || entry.tokens.is_empty() {
                continue;
            }
            let first = entry.tokens[0].to_lowercase();
            let list = self.text_index.entry(first).or_default();
            if !list
                .iter()
                .any(|e| e.tokens == entry.tokens && e.cased == entry.cased)
            {
                list.push(entry);
            }
        }
        for list in self.text_index.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.tokens.len()));
        }
        let mut pool: Vec<(Vec<char>, Target)> = pool
            .into_keys()
            .map(|(s, t)| (s.chars().collect(), t))
            .collect();
        pool.sort_by(|a, b| a.0.cmp(&b.0));
        self.fuzzy_pool = pool;
        conflicts.sort();
        conflicts.dedup();
        self.conflicts = conflicts;
    }

    /// All codes, sorted by iso3.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// All variants as listed in `variants.tsv`.
    pub fn variants(&self) -> &[Variant] {
        &self.variants
    }

    /// All non-State names as listed in `non_states.tsv`.
    pub fn non_states(&self) -> &[NonState] {
        &self.non_states
    }

    /// The country with this ISO 3166-1 alpha-3 code (or table convention such as `EUU`).
    pub fn by_iso3(&self, iso3: &str) -> Option<&Country> {
        self.by_iso3.get(iso3).map(|&i| &self.countries[i])
    }

    /// Folded keys that two different codes share (should be empty; checked by tests).
    pub fn conflicting_keys(&self) -> &[String] {
        &self.conflicts
    }
}
