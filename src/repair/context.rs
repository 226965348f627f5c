//! Context rules for the French accent pairs that a lexicon alone cannot decide (`a`/`à`,
//! `ou`/`où`, sentence-initial `A`/`À`): the words around decide, from the word classes
//! of `config/repair/context-fr.tsv`. Also tells English words inside French text
//! (titles of English publications in footnotes) so that they are not "repaired".

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon::{lexicon, UNKNOWN_COST};
use crate::lang::Lang;

/// The word classes of the French context rules.
pub struct Context {
    classes: FxHashMap<&'static str, FxHashSet<&'static str>>,
}

impl Context {
    fn read(path: &str) -> Context {
        let mut classes: FxHashMap<&'static str, FxHashSet<&'static str>> = FxHashMap::default();
        let rows = crate::datafile::read(path, &["class", "words"], |r| {
            Ok((r.str("class")?, r.str("words")?))
        });
        for (class, words) in rows {
            classes
                .entry(class)
                .or_default()
                .extend(words.split(' ').filter(|w| !w.is_empty()));
        }
        Context { classes }
    }

    /// Whether lower-case `word` is in `class`.
    pub fn is(&self, class: &str, word: &str) -> bool {
        self.classes.get(class).is_some_and(|c| c.contains(word))
    }
}

/// The French context rules.
pub fn context() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| Context::read("repair/context-fr.tsv"))
}

/// What comes after the word being decided.
#[derive(Clone, Copy, Debug, Default)]
pub struct Next<'a> {
    /// The next word, lower case (`l` for an elided article, whatever glyph OCR used).
    pub word: Option<&'a str>,
    /// The word after it.
    pub word2: Option<&'a str>,
    /// The next token is a number.
    pub number: bool,
}

/// Whether `a` should be the preposition `à`, given the previous word (lower case;
/// `prev_number` when it is a number) and what follows.
pub fn a_is_preposition(prev: Option<&str>, prev_number: bool, next: Next<'_>) -> bool {
    a_is_preposition_after(prev, false, prev_number, next)
}

/// As [`a_is_preposition`]; `prev_capitalized` when the previous word was written with
/// a capital (a proper name: its plural look says nothing).
pub fn a_is_preposition_after(
    prev: Option<&str>,
    prev_capitalized: bool,
    prev_number: bool,
    next: Next<'_>,
) -> bool {
    let ctx = context();
    if next.number {
        return prev_number;
    }
    let Some(word) = next.word else {
        return false;
    };
    if prev.is_some_and(|p| ctx.is("a-subject", p)) {
        return false;
    }
    if ctx.is("a-verb-next", word) || (looks_like_participle(word) && !ctx.is("a-prep-next", word))
    {
        return false;
    }
    if prev.is_some_and(|p| ctx.is("a-prep-prev", p) || looks_like_infinitive(p))
        || ctx.is("a-prep-next", word)
    {
        return true;
    }
    // the verb `a` has a singular subject: after a plural word or a verb it is `à`
    // (`propices à une`, `consacrées à des`, `contribuera à une`)
    if prev
        .is_some_and(|p| !prev_capitalized && (looks_like_plural(p) || looks_like_finite_verb(p)))
    {
        return true;
    }
    if ctx.is("a-pronoun-next", word) && next.word2.is_some_and(looks_like_infinitive) {
        return true;
    }
    if word == "des" {
        return next.word2.is_some_and(|w| ctx.is("a-des-next", w));
    }
    looks_like_infinitive(word)
}

/// Whether what follows can only follow the preposition `à` (`la`, `l’`, `titre`, an
/// infinitive, `des fins`), whatever comes before: decides a misread `4` or capital `A`.
pub fn only_after_preposition(next: Next<'_>) -> bool {
    let ctx = context();
    let Some(word) = next.word else {
        return false;
    };
    ctx.is("a-prep-next", word)
        || looks_like_infinitive(word)
        || word == "des" && next.word2.is_some_and(|w| ctx.is("a-des-next", w))
}

/// Whether `ou` should be the relative `où`.
pub fn ou_is_where(prev: Option<&str>, prev2: Option<&str>) -> bool {
    let ctx = context();
    match prev {
        Some("cas") => prev2.is_some_and(|p| ctx.is("ou-cas-prev", p)),
        Some(p) => ctx.is("ou-where-prev", p),
        None => false,
    }
}

fn looks_like_plural(word: &str) -> bool {
    (word.ends_with('s') || word.ends_with('x'))
        && word.chars().count() > 3
        && !context().is("not-plural", word)
        && lexicon(Lang::Fr).cost(word) < 700
}

fn looks_like_finite_verb(word: &str) -> bool {
    ["era", "ira", "ront", "rait", "raient", "ent"]
        .iter()
        .any(|s| word.ends_with(s))
        && !word.ends_with("ment")
        && word.chars().count() > 4
        && !context().is("not-plural", word)
        && lexicon(Lang::Fr).cost(word) < 700
}

fn looks_like_participle(word: &str) -> bool {
    ["é", "és", "ée", "ées"].iter().any(|s| word.ends_with(s)) && lexicon(Lang::Fr).contains(word)
}

fn looks_like_infinitive(word: &str) -> bool {
    ["er", "ir", "re", "oir"].iter().any(|s| word.ends_with(s))
        && word.chars().count() > 3
        && !context().is("not-infinitive", word)
        && lexicon(Lang::Fr).cost(word) < 700
}

/// Whether a lower-case word is much more frequent in English than in French (×10):
/// the neighbour test for [`is_english_leaning`] words.
pub fn is_strongly_english(word: &str) -> bool {
    let en = lexicon(Lang::En).cost(word);
    en < UNKNOWN_COST && en + 100 < lexicon(Lang::Fr).cost(word)
}

/// Whether a lower-case word is rather English than French (more frequent in English
/// than in French): such words in French text are left alone when a neighbour is too.
pub fn is_english_leaning(word: &str) -> bool {
    let en = lexicon(Lang::En).cost(word);
    en < UNKNOWN_COST && en < lexicon(Lang::Fr).cost(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every data file of the repair stage is read (a bad row stops the test with its
    /// file and line).
    #[test]
    fn repair_data_files_are_read() {
        use crate::repair::{confusion, lexicon};
        assert!(context().is("a-subject", "il"));
        for lang in [Lang::Fr, Lang::En] {
            assert!(!confusion::confusions(lang).entries.is_empty());
            assert!(lexicon::lexicon(lang).len() > 100_000);
        }
        assert!(!confusion::diacritic_policy(Lang::Fr).is_empty());
    }

    fn next<'a>(w: &'a str, w2: Option<&'a str>) -> Next<'a> {
        Next {
            word: Some(w),
            word2: w2,
            number: false,
        }
    }

    #[test]
    fn decides_a_by_context() {
        assert!(a_is_preposition(
            Some("utilisés"),
            false,
            next("des", Some("fins"))
        ));
        assert!(a_is_preposition(Some("ainsi"), false, next("la", None)));
        assert!(a_is_preposition(
            Some("travail"),
            false,
            next("composition", None)
        ));
        assert!(a_is_preposition(
            Some("états"),
            false,
            next("examiner", None)
        ));
        assert!(!a_is_preposition(Some("il"), false, next("la", None)));
        assert!(!a_is_preposition(
            Some("commission"),
            false,
            next("adopté", None)
        ));
        assert!(!a_is_preposition(
            Some("qui"),
            false,
            next("des", Some("effets"))
        ));
        assert!(a_is_preposition(Some("propices"), false, next("une", None)));
        assert!(!a_is_preposition_after(
            Some("unies"),
            true,
            false,
            next("un", Some("rôle"))
        ));
    }

    #[test]
    fn decides_ou_by_context() {
        assert!(ou_is_where(Some("mesure"), Some("la")));
        assert!(ou_is_where(Some("cas"), Some("le")));
        assert!(!ou_is_where(Some("pays"), Some("les")));
    }

    #[test]
    fn tells_english_words() {
        assert!(is_english_leaning("theme"));
        assert!(is_strongly_english("by"));
        assert!(!is_strongly_english("stable"));
        assert!(!is_english_leaning("ouvert"));
    }
}
