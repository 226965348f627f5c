//! The OCR confusion table (`config/repair/confusion-{fr,en}.tsv`: what OCR writes for
//! what was printed, `ceuvre` for `œuvre`, `m` for `rn`) and the diacritic policy
//! (`config/repair/diacritics-fr.tsv`: which accent changes repair may make, at what price).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::RepairKind;
use crate::lang::Lang;

/// One confusion: OCR wrote `ocr` where `truth` was printed.
#[derive(Debug, Clone)]
pub struct Confusion {
    pub ocr: &'static str,
    pub truth: &'static str,
    pub penalty: i32,
    pub kind: RepairKind,
}

/// The confusions of a language, and the characters that start one (a fast pre-filter).
pub struct ConfusionTable {
    pub entries: Vec<Confusion>,
}

fn parse_kind(s: &str) -> RepairKind {
    match s {
        "ligature" => RepairKind::Ligature,
        "stray-char" => RepairKind::StrayChar,
        "misread" => RepairKind::Misread,
        _ => RepairKind::Diacritic,
    }
}

fn data_lines(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect::<Vec<_>>())
}

impl ConfusionTable {
    fn parse(data: &'static str) -> ConfusionTable {
        let entries = data_lines(data)
            .filter(|f| f.len() >= 4)
            .map(|f| Confusion {
                ocr: f[0],
                truth: f[1],
                penalty: f[2].trim().parse().unwrap_or(0),
                kind: parse_kind(f[3].trim()),
            })
            .collect();
        ConfusionTable { entries }
    }
}

/// The confusion table of a language.
pub fn confusions(lang: Lang) -> &'static ConfusionTable {
    static FR: OnceLock<ConfusionTable> = OnceLock::new();
    static EN: OnceLock<ConfusionTable> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| {
            ConfusionTable::parse(include_str!("../../config/repair/confusion-fr.tsv"))
        }),
        _ => EN.get_or_init(|| {
            ConfusionTable::parse(include_str!("../../config/repair/confusion-en.tsv"))
        }),
    }
}

/// Which letter-for-letter accent changes are allowed, with their penalties.
pub struct DiacriticPolicy {
    pairs: FxHashMap<(char, char), i32>,
}

impl DiacriticPolicy {
    fn parse(data: &'static str) -> DiacriticPolicy {
        let mut pairs = FxHashMap::default();
        for f in data_lines(data).filter(|f| f.len() >= 3) {
            let (Some(a), Some(b)) = (f[0].chars().next(), f[1].chars().next()) else {
                continue;
            };
            pairs.insert((a, b), f[2].trim().parse().unwrap_or(0));
        }
        DiacriticPolicy { pairs }
    }

    /// The price of turning `from` into `to` (same skeleton, lower case) by accent
    /// changes only, or None when a change is not allowed. A `œ` in `to` facing `oe`
    /// in `from` is free (the ligature); the bool tells whether one was made.
    pub fn price(&self, from: &str, to: &str) -> Option<(i32, bool)> {
        let mut total = 0;
        let mut ligature = false;
        let mut f = from.chars().peekable();
        let mut t = to.chars();
        loop {
            match (f.next(), t.next()) {
                (None, None) => return Some((total, ligature)),
                (Some(a), Some(b)) if a == b => {}
                (Some('o'), Some('œ')) if f.peek() == Some(&'e') => {
                    f.next();
                    ligature = true;
                }
                (Some(a), Some(b)) => total += *self.pairs.get(&(a, b))?,
                _ => return None,
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// The diacritic policy of a language (English makes no accent changes).
pub fn diacritic_policy(lang: Lang) -> &'static DiacriticPolicy {
    static FR: OnceLock<DiacriticPolicy> = OnceLock::new();
    static NONE: OnceLock<DiacriticPolicy> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| {
            DiacriticPolicy::parse(include_str!("../../config/repair/diacritics-fr.tsv"))
        }),
        _ => NONE.get_or_init(|| DiacriticPolicy {
            pairs: FxHashMap::default(),
        }),
    }
}
