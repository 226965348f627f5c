//! The canonical country table: `config/countries/*.tsv` compiled into the binary and
//! read through [`crate::datafile`], parsed once, and indexed for the matcher (folded keys, case-sensitive
//! abbreviations, squashed OCR skeletons, a fuzzy pool and a first-token index for
//! scanning text).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::{fold_key, ocr_skeleton, squash};
use crate::datafile::{self, unknown_value, DataError, Row, Table};
use crate::lang::Lang;

/// The columns of `countries.tsv` (and `countries_extra.tsv`).
pub const COUNTRY_COLUMNS: [&str; 12] = [
    "iso3",
    "iso2",
    "m49",
    "status",
    "name_en",
    "name_en_formal",
    "name_fr",
    "name_fr_formal",
    "name_es",
    "name_ru",
    "name_zh",
    "name_ar",
];

/// The columns of `variants.tsv` (and `variants_extra.tsv`).
pub const VARIANT_COLUMNS: [&str; 4] = ["iso3", "variant", "lang", "kind"];

/// The columns of `non_states.tsv` (and `non_states_extra.tsv`).
pub const NON_STATE_COLUMNS: [&str; 4] = ["code", "name", "lang", "note"];

/// The kinds of variant (`config/countries/README.md`).
pub const VARIANT_KINDS: &[&str] = &[
    "short",
    "formal",
    "iso",
    "alias",
    "inverted",
    "no_accent",
    "typographic",
    "old_name",
    "ocr",
    "abbreviation",
    "hyphenation",
];

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

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "member" => Ok(Status::Member),
            "observer" => Ok(Status::Observer),
            "other" => Ok(Status::Other),
            "historical" => Ok(Status::Historical),
            _ => Err(unknown_value(
                s,
                &["member", "observer", "other", "historical"],
            )),
        }
    }
}

/// One code of the table with its names.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code (or the UN's code for a former State).
    pub iso3: String,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// UN M49 numeric code, when it has one.
    pub m49: Option<String>,
    /// Member State, observer State, other entity or former Member.
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
    /// The name as written.
    pub name: String,
    /// Its language (`en`, `fr`, …).
    pub lang: String,
    /// What the name is (why it is not a State).
    pub note: String,
}

/// One name or variant of a code, as listed in `variants.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The code the text stands for.
    pub iso3: String,
    /// The name or variant as written.
    pub text: String,
    /// Its language (`en`, `fr`, …; empty when any).
    pub lang: String,
    /// What kind of variant it is (former name, abbreviation, OCR damage, …).
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

/// A language code column (`en`, …, `ar`), kept as written.
fn lang_code(row: &Row<'_, '_>, column: &str) -> Result<String, DataError> {
    let code = row.str(column)?;
    code.parse::<Lang>()
        .map_err(|e| row.error(format!("column `{column}`: {e}")))?;
    Ok(code.to_string())
}

fn country(r: Row<'_, '_>) -> Result<Country, DataError> {
    let name = |lang: &str| r.get::<String>(&format!("name_{lang}"));
    Ok(Country {
        iso3: r.get("iso3")?,
        iso2: r.get("iso2")?,
        m49: r.opt("m49")?,
        status: r.get("status")?,
        names: [
            name("en")?,
            name("fr")?,
            name("es")?,
            name("ru")?,
            name("zh")?,
            name("ar")?,
        ],
        formal: [
            r.opt("name_en_formal")?,
            r.opt("name_fr_formal")?,
            None,
            None,
            None,
            None,
        ],
    })
}

fn variant(r: Row<'_, '_>) -> Result<Variant, DataError> {
    Ok(Variant {
        iso3: r.get("iso3")?,
        text: r.get("variant")?,
        lang: lang_code(&r, "lang")?,
        kind: r.choice("kind", VARIANT_KINDS)?.to_string(),
    })
}

fn non_state(r: Row<'_, '_>) -> Result<NonState, DataError> {
    Ok(NonState {
        code: r.opt("code")?,
        name: r.get("name")?,
        lang: lang_code(&r, "lang")?,
        note: r.str("note")?.to_string(),
    })
}

/// The rows of one table of the country data, with its columns checked.
fn table_rows<T>(
    table: &Table<'_>,
    columns: &[&str],
    f: impl FnMut(Row<'_, '_>) -> Result<T, DataError>,
) -> Result<Vec<T>, DataError> {
    table.expect_columns(columns)?;
    table.rows().map(f).collect()
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
        TABLE.get_or_init(|| {
            let text = datafile::builtin_text;
            CountryTable::from_tsv(
                text("countries/countries.tsv"),
                text("countries/variants.tsv"),
                text("countries/non_states.tsv"),
            )
            .unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// Builds a table from the three TSV texts (same files and columns as
    /// `config/countries/`); a row the reader refuses is an error naming file and line.
    pub fn from_tsv(
        countries_tsv: &str,
        variants_tsv: &str,
        non_states_tsv: &str,
    ) -> Result<Self, DataError> {
        let file = |name: &str, text| Table::parse(&format!("config/countries/{name}"), text);
        let countries_table = file("countries.tsv", countries_tsv)?;
        let countries = table_rows(&countries_table, &COUNTRY_COLUMNS, country)?;
        let variants_table = file("variants.tsv", variants_tsv)?;
        let variants = table_rows(&variants_table, &VARIANT_COLUMNS, variant)?;
        let non_states_table = file("non_states.tsv", non_states_tsv)?;
        let non_states = table_rows(&non_states_table, &NON_STATE_COLUMNS, non_state)?;
        let by_iso3: HashMap<String, usize> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3.clone(), i))
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
        Ok(table)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written inputs of the generator hold rows the reader accepts, with the
    /// columns of the files they feed.
    #[test]
    fn hand_written_country_files_read_as_typed_rows() {
        let read = |path: &str, columns: &[&str]| datafile::builtin(path, columns).unwrap();
        let extra = read("countries/countries_extra.tsv", &COUNTRY_COLUMNS);
        let rows: Vec<Country> = extra.rows().map(country).collect::<Result<_, _>>().unwrap();
        assert!(rows.iter().any(|c| c.status == Status::Observer));
        let extra = read("countries/variants_extra.tsv", &VARIANT_COLUMNS);
        extra.rows().try_for_each(|r| variant(r).map(drop)).unwrap();
        let extra = read("countries/non_states_extra.tsv", &NON_STATE_COLUMNS);
        extra
            .rows()
            .try_for_each(|r| non_state(r).map(drop))
            .unwrap();
        read(
            "countries/corrections.tsv",
            &["iso3", "column", "value", "note"],
        );
        assert!(!CountryTable::builtin().countries().is_empty());
    }

    #[test]
    fn a_bad_country_row_names_file_line_and_column() {
        let header = COUNTRY_COLUMNS.join("\t");
        let row = "ZZZ\tZZ\t999\tmenber\tZ\t\tZ\t\tZ\tZ\tZ\tZ";
        let countries = format!("{header}\n{row}\n");
        let variants = VARIANT_COLUMNS.join("\t");
        let non_states = NON_STATE_COLUMNS.join("\t");
        let err = CountryTable::from_tsv(&countries, &variants, &non_states)
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "config/countries/countries.tsv:2: column `status`: \"menber\": unknown value \
             \"menber\" (known: member, observer, other, historical)"
        );
        let countries = format!("{header}\n");
        let variants = format!("{variants}\nAFG\tAfghanistan\ten\tnickname\n");
        let err = CountryTable::from_tsv(&countries, &variants, &non_states)
            .err()
            .unwrap();
        assert!(err.to_string().starts_with(
            "config/countries/variants.tsv:2: column `kind`: unknown value \"nickname\""
        ));
    }
}
