//! Latin/Cyrillic look-alike repair for Russian OCR output. Tesseract with `rus+eng` (or
//! with the wrong model) writes Cyrillic words in the Latin letters they look like
//! (`Ha` for `на`, `toro` for `того`, `BCOOHK` for `ВСООНК`, `3a` for `за`) and, the
//! other way round, Latin document symbols in Cyrillic letters (`А/69/720`).
//!
//! A word changes script only when the text around it says so:
//! * a word with letters of both scripts, most of them Cyrillic, becomes the Russian
//!   lexicon word its letters spell, if there is one; one with most letters Latin is
//!   written in Latin when its Cyrillic letters all have a Latin twin (`UNIСЕF`);
//! * a word in Latin letters only, next to Cyrillic words, becomes the frequent Russian
//!   word its letters spell (lexicon cost ≤ [`MAX_COST`]); an acronym in look-alike
//!   capitals between two Cyrillic words (`BCOOHK`) is spelled in Cyrillic; Roman
//!   numerals, and Latin words with a letter Cyrillic has no look-alike for (`General`,
//!   `NF3`), are left alone;
//! * one or two Cyrillic capitals in a run with `/` and digits (`А/69/720`) are Latin:
//!   UN document symbols are always written in Latin letters.

use super::candidates::{case_of, recase, Case};
use super::lexicon::lexicon;
use super::{Change, RepairKind};
use crate::lang::Lang;

/// A Latin-only word becomes a Russian word only if that word is at least this frequent
/// (wordfreq centibels: once in a million words).
pub const MAX_COST: u16 = 600;

/// The Cyrillic letters (lower case) a Latin letter or digit may be OCR's reading of.
fn cyrillic_readings(c: char) -> &'static [char] {
    match c {
        'A' | 'a' => &['а'],
        'B' => &['в'],
        'b' => &['ь'],
        'C' | 'c' => &['с'],
        'E' | 'e' => &['е'],
        'H' => &['н'],
        'K' | 'k' => &['к'],
        'M' => &['м'],
        'm' => &['т', 'м'],
        'n' => &['п'],
        'O' | 'o' => &['о'],
        'P' | 'p' => &['р'],
        'r' => &['г'],
        'T' | 't' => &['т'],
        'u' => &['и'],
        'X' | 'x' => &['х'],
        'Y' | 'y' => &['у'],
        '3' => &['з'],
        _ => &[],
    }
}

/// The Cyrillic letter of the same shape and case (`A` → `А`, `o` → `о`).
fn same_shape_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'a' => 'а',
        'B' => 'В',
        'C' => 'С',
        'c' => 'с',
        'E' => 'Е',
        'e' => 'е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'o' => 'о',
        'P' => 'Р',
        'p' => 'р',
        'T' => 'Т',
        'X' => 'Х',
        'x' => 'х',
        'Y' => 'У',
        'y' => 'у',
        _ => return None,
    })
}

/// The Latin letter of the same shape and case (`А` → `A`).
fn same_shape_latin(c: char) -> Option<char> {
    Some(match c {
        'А' => 'A',
        'а' => 'a',
        'В' => 'B',
        'С' => 'C',
        'с' => 'c',
        'Е' => 'E',
        'е' => 'e',
        'Н' => 'H',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'о' => 'o',
        'Р' => 'P',
        'р' => 'p',
        'Т' => 'T',
        'Х' => 'X',
        'х' => 'x',
        'У' => 'Y',
        'у' => 'y',
        _ => return None,
    })
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic())
}

/// A word of the text (letters and digits), with its byte range.
#[derive(Clone, Copy)]
struct Word<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    latin: usize,
    cyrillic: usize,
}

impl Word<'_> {
    fn is_cyrillic_word(&self) -> bool {
        self.cyrillic > 0 && self.cyrillic >= self.latin
    }
    fn has_letters(&self) -> bool {
        self.text.chars().any(char::is_alphabetic)
    }
    fn starts_lower(&self) -> bool {
        self.text
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
    }
}

fn words<'t>(text: &'t str) -> Vec<Word<'t>> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |s: usize, e: usize, out: &mut Vec<Word<'t>>| {
        let w = &text[s..e];
        out.push(Word {
            start: s,
            end: e,
            text: w,
            latin: w.chars().filter(|&c| is_latin(c)).count(),
            cyrillic: w.chars().filter(|&c| is_cyrillic(c)).count(),
        });
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// Whether the text between two words breaks the context: a blank line, a form feed,
/// or the end of a sentence.
fn breaks(between: &str) -> bool {
    between.contains("\n\n") || between.contains('\x0c')
}

fn ends_sentence(between: &str) -> bool {
    between.contains(['.', '!', '?', ':', ';', '\n'])
}

fn is_roman(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// The most frequent Russian word (lower case) the letters of `word` may be a reading
/// of, Cyrillic letters kept, with its cost.
fn best_reading(word: &str) -> Option<(String, u16)> {
    let lex = lexicon(Lang::Ru);
    let mut options: Vec<Vec<char>> = Vec::new();
    for c in word.chars() {
        if is_cyrillic(c) {
            options.push(c.to_lowercase().collect());
        } else {
            let r = cyrillic_readings(c);
            if r.is_empty() {
                return None;
            }
            options.push(r.to_vec());
        }
    }
    let combos: usize = options.iter().map(Vec::len).product();
    if combos > 64 {
        return None;
    }
    let mut best: Option<(String, u16)> = None;
    for mut k in 0..combos {
        let mut candidate = String::with_capacity(word.len() * 2);
        for o in &options {
            candidate.push(o[k % o.len()]);
            k /= o.len();
        }
        if let Some(e) = lex.get(&candidate) {
            if best.as_ref().map_or(true, |(_, c)| e.cost < *c) {
                best = Some((candidate, e.cost));
            }
        }
    }
    best
}

/// `word` with every letter of the other script replaced by its same-shape twin, if
/// each has one.
fn same_shape(word: &str, to_cyrillic: bool) -> Option<String> {
    word.chars()
        .map(|c| {
            if to_cyrillic && is_latin(c) {
                same_shape_cyrillic(c)
            } else if !to_cyrillic && is_cyrillic(c) {
                same_shape_latin(c)
            } else {
                Some(c)
            }
        })
        .collect()
}

/// The look-alike repairs of a Russian text.
pub fn repair(text: &str) -> Vec<Change> {
    let words = words(text);
    let mut changes = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let prev = i
            .checked_sub(1)
            .map(|k| (&words[k], &text[words[k].end..w.start]))
            .filter(|(_, between)| !breaks(between));
        let next = words
            .get(i + 1)
            .map(|n| (n, &text[w.end..n.start]))
            .filter(|(_, between)| !breaks(between));
        let after = if w.latin > 0 && w.cyrillic > 0 {
            mixed(w, prev)
        } else if w.latin > 0 {
            latin_only(w, prev, next)
        } else if w.cyrillic > 0 {
            symbol_part(text, w)
        } else {
            None
        };
        if let Some(after) = after.filter(|a| a != w.text) {
            changes.push(Change {
                offset: w.start,
                before: w.text.to_string(),
                after,
                kind: RepairKind::LookAlike,
            });
        }
    }
    changes
}

/// The case a word read in Cyrillic is written in: `Ha`, `B` inside a sentence are
/// `на`, `в` (lower-case `н`, `т`, `в`, `к`, `м` look like small capitals).
fn cyrillic_case(w: &Word, prev: Option<(&Word, &str)>) -> Case {
    let case = case_of(w.text);
    let mid_sentence = prev.is_some_and(|(p, between)| {
        p.is_cyrillic_word() && p.starts_lower() && !ends_sentence(between)
    });
    let small_caps = |c: char| matches!(c, 'B' | 'H' | 'K' | 'M' | 'T');
    let first_small = w.text.chars().next().is_some_and(small_caps);
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    match case {
        // `Ha`, `Te`, a lone `B`; a word in capitals (`OOH`, `BO3`) may be an acronym
        Case::Capital if mid_sentence && first_small => Case::Lower,
        Case::Upper if mid_sentence && first_small && letters == 1 => Case::Lower,
        Case::Mixed => {
            if w.text.chars().next().is_some_and(char::is_uppercase) {
                Case::Capital
            } else {
                Case::Lower
            }
        }
        _ => case,
    }
}

/// A word of both scripts: in the script of most of its letters.
fn mixed(w: &Word, prev: Option<(&Word, &str)>) -> Option<String> {
    if w.cyrillic >= w.latin {
        // only into a Russian word: the source text itself may mix scripts in a typo
        best_reading(w.text).map(|(word, _)| recase(&word, cyrillic_case(w, prev)))
    } else {
        same_shape(w.text, false)
    }
}

/// A word in Latin letters only, inside Russian text.
fn latin_only(
    w: &Word,
    prev: Option<(&Word, &str)>,
    next: Option<(&Word, &str)>,
) -> Option<String> {
    if is_roman(w.text) || !w.has_letters() {
        return None;
    }
    let cyr = |n: Option<(&Word, &str)>| n.is_some_and(|(n, _)| n.is_cyrillic_word());
    let spaced = |n: Option<(&Word, &str)>| n.is_some_and(|(_, between)| between == " ");
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    let context = if w.text.chars().count() == 1 {
        // a lone letter (`B` for `в`) only between two Cyrillic words, spaces around
        cyr(prev) && cyr(next) && spaced(prev) && spaced(next)
    } else {
        cyr(prev) || cyr(next)
    };
    if !context {
        return None;
    }
    if let Some((word, cost)) = best_reading(w.text) {
        if cost <= MAX_COST {
            return Some(recase(&word, cyrillic_case(w, prev)));
        }
    }
    // an acronym in look-alike capitals between Cyrillic words (`BCOOHK`)
    let acronym = letters >= 2
        && case_of(w.text) == Case::Upper
        && w.text.chars().all(char::is_alphabetic)
        && cyr(prev)
        && cyr(next);
    if acronym {
        return same_shape(w.text, true);
    }
    None
}

/// One or two Cyrillic capitals in a run of text with `/` and digits (a document
/// symbol, `А/69/720`, `Е/CN.6/2015/1`): Latin.
fn symbol_part(text: &str, w: &Word) -> Option<String> {
    if w.cyrillic > 2 || case_of(w.text) != Case::Upper && w.cyrillic > 1 {
        return None;
    }
    if !w.text.chars().all(|c| c.is_uppercase()) {
        return None;
    }
    let run_start = text[..w.start]
        .rfind(char::is_whitespace)
        .map_or(0, |k| k + 1);
    let run_end = text[w.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |k| w.end + k);
    let run = &text[run_start..run_end];
    let touches_slash = text[..w.start].ends_with('/') || text[w.end..].starts_with('/');
    if !(touches_slash && run.contains(|c: char| c.is_ascii_digit())) {
        return None;
    }
    same_shape(w.text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        crate::repair::repair_text(s, Lang::Ru).text
    }

    #[test]
    fn cyrillic_words_read_in_latin_letters() {
        assert_eq!(fix("работы Ha местах"), "работы на местах");
        assert_eq!(fix("в том числе toro, что"), "в том числе того, что");
        assert_eq!(fix("доклад 3a 2015 год"), "доклад за 2015 год");
        assert_eq!(fix("силами BCOOHK в районе"), "силами ВСООНК в районе");
        assert_eq!(fix("работа B этой области"), "работа в этой области");
        assert_eq!(fix("Рoссия и Китай"), "Россия и Китай");
        assert_eq!(fix("см. документ А/69/720."), "см. документ A/69/720.");
    }

    #[test]
    fn latin_in_russian_text_is_kept() {
        for s in [
            "Distr.: General\nOriginal: Russian",
            "в XX веке",
            "программа Microsoft Office и",
            "пункт a) и пункт b)",
            "организации ООН/ЮНЕП и",
            "NF3 и F3",
            "документ A/69/720 и",
            "Совета Безопасности ООН",
        ] {
            assert_eq!(fix(s), s);
        }
    }
}
