//! Word-level repair: for one token, generate candidates (diacritic variants from the
//! lexicon's skeleton index, and single OCR confusions from the confusion table), score
//! them with the lexicon's frequencies, and keep the best only when it is a known word
//! clearly more likely than the token as written.

use rustc_hash::FxHashMap;

use super::confusion::{confusions, diacritic_policy, ConfusionTable, DiacriticPolicy};
use super::lexicon::{lexicon, pack, Lexicon, UNKNOWN_COST};
use super::tokens::is_stray;
use super::RepairKind;
use crate::lang::Lang;

/// How much more likely (in centibels: 85 cB ≈ ×7) a candidate must be than the word as
/// written. Measured on the ground truth and OCR baselines: see docs/decisions/0004.
pub const MARGIN: i32 = 85;

/// Words at least this frequent (cost at most this) with no more frequent diacritic
/// variant are taken as correct without looking for confusions.
pub const TRUSTED_COST: u16 = 450;

/// A capital `E` that lost its accent is repaired when the `É` form is about as frequent
/// as the `E` form or more (within 5 cB, ×1.12): unaccented capitals are a typing
/// habit, so the lexicon's count of the `e…` form is inflated (`egypte` 488, `égypte` 491).
pub const CAPITAL_E_TOLERANCE: i32 = 5;

/// Spanish: a word gets an accent only if the accented word is at least this frequent
/// (wordfreq centibels): rarer accented forms are mostly verb forms whose unaccented
/// twin is another form (`intensificara`/`intensificará`) or names (`Manin`/`Manín`).
pub const SPANISH_MAX_COST: u16 = 600;

/// Spanish: an accent is taken away only from a word rarer than this (`lá`, `pará`):
/// the frequent accented words are words (`dé`, `más`, `está`).
pub const SPANISH_REMOVE_MIN_COST: u16 = 500;

/// Whether `to` differs from `from` by an accent added on `from`'s last vowel
/// (`señalo` → `señaló`, `intensificara` → `intensificará`).
fn adds_final_accent(from: &str, to: &str) -> bool {
    let is_vowel = |c: char| "aeiouáéíóúü".contains(c);
    let f: Vec<char> = from.chars().collect();
    let t: Vec<char> = to.chars().collect();
    let Some(last) = f.iter().rposition(|&c| is_vowel(c)) else {
        return false;
    };
    f.len() == t.len() && "aeiou".contains(f[last]) && t[last] != f[last]
}

/// Whether `to` has fewer accented letters than `from`.
fn removes_accent(from: &str, to: &str) -> bool {
    let accented = |w: &str| w.chars().filter(|c| !c.is_ascii()).count();
    accented(to) < accented(from)
}

/// The capitalisation of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Lower,
    /// First letter upper case, the rest lower case.
    Capital,
    Upper,
    Mixed,
}

/// The capitalisation of `word` (letters only are looked at).
pub fn case_of(word: &str) -> Case {
    // fast path: ASCII lower case and Latin-1 lower-case letters (`é`: C3 A9; `É`: C3 89)
    let b = word.as_bytes();
    let mut k = 0;
    while k < b.len() {
        match b[k] {
            c if c.is_ascii_lowercase() => k += 1,
            0xC3 if b.get(k + 1).is_some_and(|&c| c >= 0xA0) => k += 2,
            _ => break,
        }
    }
    if k == b.len() {
        return Case::Lower;
    }
    let mut letters = word.chars();
    let Some(first) = letters.next() else {
        return Case::Lower;
    };
    let (mut upper, mut lower) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), upper, lower) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) => Case::Capital,
        (true, _, 0) => Case::Upper,
        _ => Case::Mixed,
    }
}

/// `word` (lower case) written with capitalisation `case`.
pub fn recase(word: &str, case: Case) -> String {
    match case {
        Case::Capital => {
            let mut chars = word.chars();
            match chars.next() {
                Some(f) => f.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        Case::Upper => word.to_uppercase(),
        _ => word.to_string(),
    }
}

/// A word-level repair.
#[derive(Clone, Debug, PartialEq)]
pub struct WordFix {
    pub after: String,
    pub kind: RepairKind,
}

/// Repairs single words of one language; remembers its answers for the document.
pub struct WordRepairer {
    lex: &'static Lexicon,
    table: &'static ConfusionTable,
    policy: &'static DiacriticPolicy,
    /// Answers already given in this document: tokens of up to 16 bytes keyed by their
    /// packed bytes, longer ones by their text.
    cache: FxHashMap<u128, Option<WordFix>>,
    cache_long: FxHashMap<String, Option<WordFix>>,
    variants: Vec<&'static str>,
    buf: String,
    spanish: bool,
}

struct Best {
    total: i32,
    word: String,
    case: Case,
    kind: RepairKind,
}

impl WordRepairer {
    pub fn new(lang: Lang) -> WordRepairer {
        WordRepairer {
            lex: lexicon(lang),
            table: confusions(lang),
            policy: diacritic_policy(lang),
            cache: FxHashMap::default(),
            cache_long: FxHashMap::default(),
            variants: Vec::new(),
            buf: String::new(),
            spanish: lang == Lang::Es,
        }
    }

    /// The repair of `token` (a Word token), if one is clearly better.
    #[cfg(test)]
    pub fn repair(&mut self, token: &str) -> Option<WordFix> {
        if self.is_trusted(token) {
            return None;
        }
        self.repair_untrusted(token)
    }

    /// [`WordRepairer::repair`] for a token already known not to be trusted.
    pub fn repair_untrusted(&mut self, token: &str) -> Option<WordFix> {
        let key = pack(token);
        let known = match key {
            Some(k) => self.cache.get(&k),
            None => self.cache_long.get(token),
        };
        if let Some(done) = known {
            return done.clone();
        }
        let fix = self.search(token, token.chars().any(is_stray));
        match key {
            Some(k) => self.cache.insert(k, fix.clone()),
            None => self.cache_long.insert(token.to_string(), fix.clone()),
        };
        fix
    }

    /// The fast path: a frequent word with no better variant (or an acronym or a
    /// mixed-case word, which are never repaired).
    pub fn is_trusted(&mut self, token: &str) -> bool {
        let entry = if token.bytes().all(|b| b.is_ascii_lowercase()) {
            self.lex.get(token)
        } else {
            if token.chars().any(is_stray) {
                return false;
            }
            match case_of(token) {
                Case::Lower => self.lex.get(token),
                Case::Capital => {
                    self.buf.clear();
                    self.buf.extend(token.chars().flat_map(char::to_lowercase));
                    self.lex.get(&self.buf)
                }
                Case::Upper | Case::Mixed => return true,
            }
        };
        entry.is_some_and(|e| !e.has_better_variant && e.cost <= TRUSTED_COST)
    }

    fn search(&mut self, token: &str, has_stray: bool) -> Option<WordFix> {
        let case = case_of(token);
        if matches!(case, Case::Upper | Case::Mixed) || token.chars().count() < 2 {
            return None;
        }
        let lower = token.to_lowercase();
        let current = if has_stray {
            i32::from(UNKNOWN_COST) + 100
        } else {
            i32::from(self.lex.cost(&lower))
        };
        let mut best: Option<Best> = None;
        if !has_stray {
            self.diacritic_candidates(&lower, case, RepairKind::Diacritic, 0, &mut best);
        }
        for c in &self.table.entries {
            for (pos, _) in token.match_indices(c.ocr) {
                let changed = format!(
                    "{}{}{}",
                    &token[..pos],
                    c.truth,
                    &token[pos + c.ocr.len()..]
                );
                let changed_case = case_of(&changed);
                if matches!(changed_case, Case::Upper | Case::Mixed)
                    || !changed.chars().all(char::is_alphabetic)
                {
                    continue;
                }
                let changed_lower = changed.to_lowercase();
                if changed_lower == lower {
                    continue;
                }
                if let Some(e) = self.lex.get(&changed_lower) {
                    consider(
                        &mut best,
                        i32::from(e.cost) + c.penalty,
                        &changed_lower,
                        changed_case,
                        c.kind.clone(),
                    );
                }
                self.diacritic_candidates(
                    &changed_lower,
                    changed_case,
                    c.kind.clone(),
                    c.penalty,
                    &mut best,
                );
            }
        }
        let best = best?;
        if best.total > current {
            return None;
        }
        Some(WordFix {
            after: recase(&best.word, best.case),
            kind: best.kind,
        })
    }

    /// Candidates that differ from `lower` by accents only. Their total includes the
    /// margin, so that a candidate wins when its total is at most the current cost.
    fn diacritic_candidates(
        &mut self,
        lower: &str,
        case: Case,
        kind: RepairKind,
        penalty: i32,
        best: &mut Option<Best>,
    ) {
        if self.policy.is_empty() {
            return;
        }
        let mut variants = std::mem::take(&mut self.variants);
        self.lex.variants_of(lower, &mut variants);
        for &alt in &variants {
            if alt == lower {
                continue;
            }
            // Spanish: verb forms differ by a final accent (`señalo`/`señaló`), and the
            // frequent accented words are words
            if self.spanish
                && (self.lex.cost(alt) > SPANISH_MAX_COST && !removes_accent(lower, alt)
                    || self.lex.contains(lower) && adds_final_accent(lower, alt)
                    || removes_accent(lower, alt) && self.lex.cost(lower) < SPANISH_REMOVE_MIN_COST)
            {
                continue;
            }
            // a capital E that lost its accent (`Etats`, `Equateur`): typographic, free
            let capital_e = case == Case::Capital
                && lower.starts_with('e')
                && alt.starts_with('é')
                && alt['é'.len_utf8()..] == lower[1..];
            let price = if capital_e {
                Some((-MARGIN - CAPITAL_E_TOLERANCE, false))
            } else {
                self.policy.price(lower, alt)
            };
            let Some((price, ligature)) = price else {
                continue;
            };
            // `oe` for `œ` is a keyboard habit, not a word of its own: no margin needed
            let (price, kind) = if ligature {
                (price - MARGIN, RepairKind::Ligature)
            } else {
                (price, kind.clone())
            };
            let total = i32::from(self.lex.cost(alt)) + price + penalty;
            consider(best, total, alt, case, kind);
        }
        self.variants = variants;
    }
}

fn consider(best: &mut Option<Best>, cost: i32, word: &str, case: Case, kind: RepairKind) {
    let total = cost + MARGIN;
    if best.as_ref().map_or(true, |b| total < b.total) {
        *best = Some(Best {
            total,
            word: word.to_string(),
            case,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(lang: Lang, w: &str) -> Option<String> {
        WordRepairer::new(lang).repair(w).map(|f| f.after)
    }

    #[test]
    fn repairs_french_ocr_words() {
        for (bad, good) in [
            ("progres", "progrès"),
            ("Suéde", "Suède"),
            ("Etats", "États"),
            ("Equateur", "Équateur"),
            ("étre", "être"),
            ("ceuvre", "œuvre"),
            ("sir", "sûr"),
            ("matiére", "matière"),
            ("intemational", "international"),
            ("¢laboration", "élaboration"),
            ("soeur", "sœur"),
        ] {
            assert_eq!(fix(Lang::Fr, bad).as_deref(), Some(good), "{bad}");
        }
    }

    #[test]
    fn leaves_correct_words() {
        for w in [
            "des",
            "dès",
            "structurés",
            "États",
            "a",
            "ou",
            "Balázs",
            "ONU",
            "présente",
            "élabore",
        ] {
            assert_eq!(fix(Lang::Fr, w), None, "{w}");
        }
    }
}
