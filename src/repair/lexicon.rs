//! Word lexicons with frequencies in the six UN languages, loaded once (per language, on
//! first use) from `config/repair/lexicon-{en,fr,es,ru,ar,zh}.tsv` (generated from
//! wordfreq by `scripts/gen-lexicon.py`; the Chinese one lists characters, not words),
//! and the *skeleton* index that finds a word's diacritic variants in one lookup
//! (`etats` → `états`, `progres` → `progrès`, `accion` → `acción`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::lang::Lang;

/// Cost of a word that is not in the lexicon (lexicon costs run from about 130 to 800).
pub const UNKNOWN_COST: u16 = 900;

/// Words at least this frequent (about 5,000 in French) also go in the hot table.
const HOT_COST: u16 = 480;

/// One lexicon entry.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// wordfreq centibels: frequency = 10^(-cost/100). Lower is more frequent.
    pub cost: u16,
    /// Some word with the same skeleton is more frequent than this one.
    pub has_better_variant: bool,
}

/// A language's words, their costs and diacritic variants.
pub struct Lexicon {
    /// The most frequent words (a small table that stays in cache: most tokens are these).
    /// Keyed by the word's bytes packed in an integer: no string comparison.
    hot: FxHashMap<u128, Entry>,
    /// Every word of at most 16 bytes, keyed the same way.
    short: FxHashMap<u128, Entry>,
    words: FxHashMap<&'static str, Entry>,
    /// skeleton (diacritics removed, `œ` → `oe`) → the accented words that have it.
    variants: FxHashMap<Box<str>, Vec<&'static str>>,
}

impl Lexicon {
    fn read(path: &str) -> Lexicon {
        let mut words: FxHashMap<&'static str, Entry> = FxHashMap::default();
        words.reserve(crate::datafile::builtin_text(path).len() / 9);
        let buckets = crate::datafile::read(path, &["cost", "words"], |r| {
            Ok((r.get::<u16>("cost")?, r.str("words")?))
        });
        for (cost, list) in buckets {
            for word in list.split(' ').filter(|w| !w.is_empty()) {
                words.entry(word).or_insert(Entry {
                    cost,
                    has_better_variant: false,
                });
            }
        }
        let mut variants: FxHashMap<Box<str>, Vec<&'static str>> = FxHashMap::default();
        let mut skel = String::new();
        for &word in words.keys() {
            if !word.is_ascii() {
                skeleton_into(word, &mut skel);
                if skel == word {
                    // Cyrillic, Arabic, Chinese: no diacritic to take away.
                    continue;
                }
                match variants.get_mut(skel.as_str()) {
                    Some(group) => group.push(word),
                    None => {
                        variants.insert(skel.as_str().into(), vec![word]);
                    }
                }
            }
        }
        let mut lexicon = Lexicon {
            hot: FxHashMap::default(),
            short: FxHashMap::default(),
            words,
            variants,
        };
        lexicon.mark_dominated_words();
        lexicon.hot = lexicon
            .words
            .iter()
            .filter(|(_, e)| e.cost <= HOT_COST)
            .filter_map(|(w, e)| Some((pack(w)?, *e)))
            .collect();
        lexicon.short = lexicon
            .words
            .iter()
            .filter_map(|(w, e)| Some((pack(w)?, *e)))
            .collect();
        lexicon
    }

    /// Marks every word of a skeleton group except the most frequent one.
    fn mark_dominated_words(&mut self) {
        let mut dominated: Vec<&'static str> = Vec::new();
        for (skel, group) in &self.variants {
            let plain = self.words.get_key_value(&**skel).map(|(w, e)| (e.cost, *w));
            let costs = group.iter().map(|w| (self.words[w].cost, *w)).chain(plain);
            let best = costs.clone().map(|(c, _)| c).min().unwrap_or(UNKNOWN_COST);
            dominated.extend(costs.filter(|(c, _)| *c > best).map(|(_, w)| w));
        }
        for word in dominated {
            if let Some(e) = self.words.get_mut(word) {
                e.has_better_variant = true;
            }
        }
    }

    /// The entry of a lower-case word.
    #[inline]
    pub fn get(&self, word: &str) -> Option<Entry> {
        match pack(word) {
            Some(k) => self.hot.get(&k).or_else(|| self.short.get(&k)).copied(),
            None => self.words.get(word).copied(),
        }
    }

    /// Cost of a lower-case word, `UNKNOWN_COST` when absent.
    #[inline]
    pub fn cost(&self, word: &str) -> u16 {
        self.get(word).map_or(UNKNOWN_COST, |e| e.cost)
    }

    /// Whether the lower-case word is in the lexicon.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// Words (including the plain form itself, if known) sharing `word`'s skeleton.
    pub fn variants_of<'a>(&'a self, word: &str, out: &mut Vec<&'a str>) {
        out.clear();
        let skel = skeleton(word);
        if let Some((plain, _)) = self.words.get_key_value(skel.as_str()) {
            out.push(plain);
        }
        if let Some(group) = self.variants.get(skel.as_str()) {
            out.extend(group.iter().copied());
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the lexicon has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// All words with their costs (for tests and tools).
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Entry)> + '_ {
        self.words.iter().map(|(w, e)| (*w, *e))
    }
}

/// A word of at most 16 bytes as an integer (zero-padded; words contain no NUL).
#[inline]
pub fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}

/// The lexicon of a language.
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    static LEXICONS: [OnceLock<Lexicon>; 6] = [const { OnceLock::new() }; 6];
    let path = match lang {
        Lang::En => "repair/lexicon-en.tsv",
        Lang::Fr => "repair/lexicon-fr.tsv",
        Lang::Es => "repair/lexicon-es.tsv",
        Lang::Ru => "repair/lexicon-ru.tsv",
        Lang::Zh => "repair/lexicon-zh.tsv",
        Lang::Ar => "repair/lexicon-ar.tsv",
    };
    let slot = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
    LEXICONS[slot].get_or_init(|| Lexicon::read(path))
}

/// The word with its diacritics removed (`états` → `etats`, `œuvre` → `oeuvre`).
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    skeleton_into(word, &mut out);
    out
}

/// [`skeleton`] into a reused buffer.
pub fn skeleton_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ç' => out.push('c'),
            'ÿ' => out.push('y'),
            'ё' => out.push('е'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            _ => out.push(c),
        }
    }
}
