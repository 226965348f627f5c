//! The OCR confusion table (`config/repair/confusion-{fr,en,es}.tsv`: what OCR writes for
//! what was printed, `ceuvre` for `œuvre`, `m` for `rn`) and the diacritic policy
//! (`config/repair/diacritics-{fr,es}.tsv`: which accent changes repair may make, at what price).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::RepairKind;
use crate::datafile;
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

/// The kinds of repair a confusion may record.
fn parse_kind(s: &str) -> Result<RepairKind, String> {
    match s {
        "diacritic" => Ok(RepairKind::Diacritic),
        "ligature" => Ok(RepairKind::Ligature),
        "stray-char" => Ok(RepairKind::StrayChar),
        "misread" => Ok(RepairKind::Misread),
        _ => Err(datafile::unknown_value(
            s,
            &["diacritic", "ligature", "stray-char", "misread"],
        )),
    }
}

impl ConfusionTable {
    fn read(path: &str) -> ConfusionTable {
        let columns = ["ocr", "truth", "penalty", "kind"];
        let entries = datafile::read(path, &columns, |r| {
            let kind = r.str("kind")?;
            Ok(Confusion {
                ocr: r.str("ocr")?,
                truth: r.str("truth")?,
                penalty: r.get("penalty")?,
                kind: parse_kind(kind).map_err(|e| r.error(format!("column `kind`: {e}")))?,
            })
        });
        ConfusionTable { entries }
    }
}

/// The confusion table of a language.
pub fn confusions(lang: Lang) -> &'static ConfusionTable {
    static FR: OnceLock<ConfusionTable> = OnceLock::new();
    static EN: OnceLock<ConfusionTable> = OnceLock::new();
    static ES: OnceLock<ConfusionTable> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| ConfusionTable::read("repair/confusion-fr.tsv")),
        Lang::Es => ES.get_or_init(|| ConfusionTable::read("repair/confusion-es.tsv")),
        _ => EN.get_or_init(|| ConfusionTable::read("repair/confusion-en.tsv")),
    }
}

/// Which letter-for-letter accent changes are allowed, with their penalties.
pub struct DiacriticPolicy {
    pairs: FxHashMap<(char, char), i32>,
}

impl DiacriticPolicy {
    fn read(path: &str) -> DiacriticPolicy {
        let columns = ["from", "to", "penalty"];
        let pairs = datafile::read(path, &columns, |r| {
            let from: char = r.get("from")?;
            let to: char = r.get("to")?;
            Ok(((from, to), r.get("penalty")?))
        });
        DiacriticPolicy {
            pairs: pairs.into_iter().collect(),
        }
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
    static ES: OnceLock<DiacriticPolicy> = OnceLock::new();
    static NONE: OnceLock<DiacriticPolicy> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| DiacriticPolicy::read("repair/diacritics-fr.tsv")),
        Lang::Es => ES.get_or_init(|| DiacriticPolicy::read("repair/diacritics-es.tsv")),
        _ => NONE.get_or_init(|| DiacriticPolicy {
            pairs: FxHashMap::default(),
        }),
    }
}
