//! Font-substitution repair: a text layer whose glyph map is wrong in one font
//! (`aiirmando uue` for `afirmando que`: the font's `f` glyph reads `i`, its `q` reads
//! `u`) is repaired by learning that font's swaps from the document itself.
//!
//! Learning, per font: for the words of the font the lexicon does not know, every swap
//! of one letter for another (at some or all of its places in the word) that makes a
//! frequent lexicon word is a vote for that swap. A swap is learned when many different
//! words vote for it, a large share of the font's unknown words, and when the letter it
//! restores is (nearly) absent from the font's text — a glyph map that reads `f` as `i`
//! never gives an `f`. Applying: only in that font's words, only to words the lexicon
//! does not know, only the learned swaps, and only when the result is a lexicon word;
//! the most frequent result wins. Nothing is guessed word by word.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lang::Lang;
use crate::repair::lexicon::{lexicon, Lexicon};

/// A word counts as known when it is in the lexicon at most this rare (wordfreq
/// centibels; the rarest entries of web-derived lists include garbage).
const KNOWN_COST: u16 = 700;
/// A swap's result must be at least this frequent to vote.
const VOTE_COST: u16 = 650;
/// A font is examined only when it has at least this many words...
const MIN_FONT_WORDS: usize = 30;
/// ...and fewer than this share of them are known.
const MAX_KNOWN_SHARE: f32 = 0.92;
/// A swap needs this many different words that it turns into lexicon words...
const MIN_VOTING_WORDS: usize = 3;
/// ...making up at least this share of the font's unknown words (by occurrences)...
const MIN_VOTE_SHARE: f32 = 0.08;
/// ...and the letter it restores may occur in the font's known words at most this
/// many times per repaired occurrence.
const MAX_RESTORED_LETTER_RATIO: f32 = 0.2;
/// A known word of a damaged font is replaced only by a word this much more frequent
/// (centibels: 100 = ten times): `iin` (web junk) for `fin`, never `sin` for `sfn`.
const KNOWN_WORD_MARGIN: u16 = 100;
/// The cost given to a word of the document's undamaged fonts that the lexicon lacks.
const VOCABULARY_COST: u16 = 600;
/// At most this many places of a swapped letter in one word are tried (2^n subsets).
const MAX_PLACES: usize = 6;

/// The swaps learned for one font: each `(seen, meant)` pair reads `seen` where the
/// font's glyph is `meant`.
#[derive(Debug, Clone, PartialEq)]
pub struct FontSwaps {
    pub font: u32,
    pub swaps: Vec<(char, char)>,
    /// Different unknown words the swaps turned into lexicon words while learning.
    pub evidence: usize,
}

/// Learns, for each font, the letter swaps that turn its unknown words into `lang`'s
/// words consistently. `words` are the document's words with their fonts.
pub fn learn<'a>(words: impl Iterator<Item = (u32, &'a str)>, lang: Lang) -> Vec<FontSwaps> {
    let lex = lexicon(lang);
    let mut by_font: FxHashMap<u32, FxHashMap<String, usize>> = FxHashMap::default();
    for (font, word) in words {
        for part in letter_runs(word) {
            *by_font
                .entry(font)
                .or_default()
                .entry(part.to_lowercase())
                .or_default() += 1;
        }
    }
    let alphabet = alphabet(lex);
    let mut learned: Vec<FontSwaps> = by_font
        .into_iter()
        .filter_map(|(font, counts)| learn_font(font, &counts, lex, &alphabet))
        .collect();
    learned.sort_by_key(|f| f.font);
    learned
}

/// The swaps of one font, if it is damaged.
fn learn_font(
    font: u32,
    counts: &FxHashMap<String, usize>,
    lex: &Lexicon,
    alphabet: &[char],
) -> Option<FontSwaps> {
    let total: usize = counts.values().sum();
    let unknown: Vec<(&str, usize)> = counts
        .iter()
        .filter(|(w, _)| w.chars().count() >= 2 && !known(lex, w))
        .map(|(w, &n)| (w.as_str(), n))
        .collect();
    let unknown_total: usize = unknown.iter().map(|(_, n)| n).sum();
    let counted = total
        - counts
            .iter()
            .filter(|(w, _)| w.chars().count() < 2)
            .map(|(_, n)| n)
            .sum::<usize>();
    if counted < MIN_FONT_WORDS || 1.0 - unknown_total as f32 / counted as f32 >= MAX_KNOWN_SHARE {
        return None;
    }
    // (seen, meant) → (different words, occurrences)
    let mut votes: FxHashMap<(char, char), (usize, usize)> = FxHashMap::default();
    for &(word, n) in &unknown {
        let chars: Vec<char> = word.chars().collect();
        let distinct: FxHashSet<char> = chars.iter().copied().collect();
        for &seen in &distinct {
            for &meant in alphabet.iter().filter(|&&m| m != seen) {
                let cost = |w: &str| lex.get(w).map_or(u16::MAX, |e| e.cost);
                if best_swap(&chars, &[(seen, meant)], VOTE_COST, cost).is_some() {
                    let v = votes.entry((seen, meant)).or_default();
                    v.0 += 1;
                    v.1 += n;
                }
            }
        }
    }
    // How often each letter occurs in the font's known words.
    let mut letters: FxHashMap<char, usize> = FxHashMap::default();
    for (w, &n) in counts.iter().filter(|(w, _)| known(lex, w)) {
        for c in w.chars() {
            *letters.entry(c).or_default() += n;
        }
    }
    let mut swaps: Vec<((char, char), (usize, usize))> = votes
        .into_iter()
        .filter(|&((_, meant), (words, occurrences))| {
            words >= MIN_VOTING_WORDS
                && occurrences as f32 >= MIN_VOTE_SHARE * unknown_total as f32
                && (letters.get(&meant).copied().unwrap_or(0) as f32)
                    <= MAX_RESTORED_LETTER_RATIO * occurrences as f32
        })
        .collect();
    // One meaning per seen letter: the best supported.
    swaps.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));
    let mut seen_letters = FxHashSet::default();
    swaps.retain(|((seen, _), _)| seen_letters.insert(*seen));
    if swaps.is_empty() {
        return None;
    }
    let evidence = swaps.iter().map(|(_, (w, _))| w).sum();
    let mut swaps: Vec<(char, char)> = swaps.into_iter().map(|(s, _)| s).collect();
    swaps.sort();
    Some(FontSwaps {
        font,
        swaps,
        evidence,
    })
}

/// Repairs the words of one damaged font with its learned swaps.
pub struct FontRepairer<'a> {
    lex: &'static Lexicon,
    swaps: &'a [(char, char)],
    /// Words of the document set in fonts that are not damaged (lower case): names and
    /// terms the lexicon lacks (`qalqilya`), counted as known.
    vocabulary: &'a FxHashSet<String>,
}

impl<'a> FontRepairer<'a> {
    pub fn new(lang: Lang, swaps: &'a [(char, char)], vocabulary: &'a FxHashSet<String>) -> Self {
        FontRepairer {
            lex: lexicon(lang),
            swaps,
            vocabulary,
        }
    }

    /// The repaired form of a word: each run of letters in it becomes the most frequent
    /// word the swaps make of it (case kept) when that is a lexicon word (or a word of
    /// the document's undamaged fonts) and the run is not, or is a much rarer one;
    /// `None` when nothing changes.
    pub fn repair(&self, word: &str) -> Option<String> {
        let mut out = String::with_capacity(word.len());
        let mut changed = false;
        let mut rest = word;
        while let Some(start) = rest.find(|c: char| c.is_alphabetic()) {
            out.push_str(&rest[..start]);
            let run_end = rest[start..]
                .find(|c: char| !c.is_alphabetic())
                .map_or(rest.len(), |e| start + e);
            let run = &rest[start..run_end];
            match self.repair_run(run) {
                Some(fixed) => {
                    changed = true;
                    for (orig, new) in run.chars().zip(fixed.chars()) {
                        if orig.is_uppercase() {
                            out.extend(new.to_uppercase());
                        } else {
                            out.push(new);
                        }
                    }
                }
                None => out.push_str(run),
            }
            rest = &rest[run_end..];
        }
        out.push_str(rest);
        changed.then_some(out)
    }

    fn repair_run(&self, run: &str) -> Option<String> {
        let lower: Vec<char> = run.chars().flat_map(char::to_lowercase).collect();
        if lower.len() != run.chars().count() {
            return None;
        }
        let own = self.cost(&lower.iter().collect::<String>());
        // An unknown run may become any lexicon word, however rare: only the learned
        // swaps are tried, so a rare word (`bifurcaba`) is no guess.
        let max_cost = if own <= KNOWN_COST {
            own.checked_sub(KNOWN_WORD_MARGIN)?
        } else {
            u16::MAX - 1
        };
        best_swap(&lower, self.swaps, max_cost, |w| self.cost(w))
    }

    /// Lexicon cost (the lower of it and [`VOCABULARY_COST`] for a word of the
    /// undamaged fonts), `u16::MAX` for a word known to neither.
    fn cost(&self, word: &str) -> u16 {
        let lexicon = self.lex.get(word).map_or(u16::MAX, |e| e.cost);
        if lexicon > VOCABULARY_COST && self.vocabulary.contains(word) {
            VOCABULARY_COST
        } else {
            lexicon
        }
    }
}

/// The lower-case runs of letters of words, as a set (a document's vocabulary).
pub fn vocabulary<'a>(words: impl Iterator<Item = &'a str>) -> FxHashSet<String> {
    words.flat_map(letter_runs).map(str::to_lowercase).collect()
}

/// The cheapest word (at most `max_cost`) made from `chars` by applying the swaps at
/// some of the places of their `seen` letters (at least one).
fn best_swap(
    chars: &[char],
    swaps: &[(char, char)],
    max_cost: u16,
    cost: impl Fn(&str) -> u16,
) -> Option<String> {
    let places: Vec<(usize, char)> = chars
        .iter()
        .enumerate()
        .filter_map(|(i, c)| swaps.iter().find(|(s, _)| s == c).map(|&(_, m)| (i, m)))
        .take(MAX_PLACES)
        .collect();
    if places.is_empty() {
        return None;
    }
    let mut best: Option<(u16, String)> = None;
    let mut candidate = chars.to_vec();
    for subset in 1u32..(1 << places.len()) {
        candidate.copy_from_slice(chars);
        for (bit, &(i, meant)) in places.iter().enumerate() {
            if subset & (1 << bit) != 0 {
                candidate[i] = meant;
            }
        }
        let word: String = candidate.iter().collect();
        let c = cost(&word);
        if c <= max_cost && best.as_ref().map_or(true, |(b, _)| c < *b) {
            best = Some((c, word));
        }
    }
    best.map(|(_, w)| w)
}

fn known(lex: &Lexicon, word: &str) -> bool {
    lex.get(word).is_some_and(|e| e.cost <= KNOWN_COST)
}

/// The runs of letters of a word (digits, apostrophes, hyphens split them).
fn letter_runs(word: &str) -> impl Iterator<Item = &str> {
    word.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

/// The letters of the language: those of its 2,000 or so most frequent words.
fn alphabet(lex: &Lexicon) -> Vec<char> {
    let mut letters: Vec<char> = lex
        .iter()
        .filter(|(_, e)| e.cost <= 450)
        .flat_map(|(w, _)| w.chars())
        .collect::<FxHashSet<char>>()
        .into_iter()
        .collect();
    letters.sort();
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spanish text; the words of font 2 are damaged the way a real resolution's glyph
    /// map damages them (`f` reads `i`, `q` reads `u`), those of font 1 are not.
    const BODY: &str = "La Asamblea General, reafirmando que la adquisición de territorio por la \
        fuerza es inadmisible, afirmando que los Estados tienen la obligación de cumplir de \
        buena fe sus compromisos, recordando que la Corte ha confirmado que el muro que \
        construye la Potencia ocupante es contrario al derecho internacional, pide que se \
        ponga fin a la construcción, a fin de que se respeten las fronteras y se facilite la \
        paz, y afirma que la comunidad internacional debe buscar una solución justa, que \
        ofrezca garantías a ambas partes, a fin de que la paz sea firme y duradera, conforme \
        a las resoluciones que figuran en el informe, y requiere que cualquier Estado que \
        quiera ayudar a aquellos que sufren lo haga";

    fn damage(word: &str) -> String {
        word.chars()
            .map(|c| match c {
                'f' => 'i',
                'q' => 'u',
                'F' => 'I',
                'Q' => 'U',
                c => c,
            })
            .collect()
    }

    fn document() -> Vec<(u32, String)> {
        let mut words: Vec<(u32, String)> = BODY
            .split_whitespace()
            .map(|w| (1, w.to_string()))
            .collect();
        // The same text again in the damaged font (another part of the document).
        for w in BODY.split_whitespace() {
            words.push((2, damage(w)));
        }
        words
    }

    #[test]
    fn learns_the_swaps_of_the_damaged_font_only() {
        let words = document();
        let learned = learn(words.iter().map(|(f, w)| (*f, w.as_str())), Lang::Es);
        assert_eq!(learned.len(), 1, "{learned:?}");
        assert_eq!(learned[0].font, 2);
        assert_eq!(learned[0].swaps, [('i', 'f'), ('u', 'q')]);
    }

    #[test]
    fn repairs_words_of_the_damaged_font() {
        let swaps = [('i', 'f'), ('u', 'q')];
        let vocabulary = vocabulary(["Qalqilya"].into_iter());
        let repairer = FontRepairer::new(Lang::Es, &swaps, &vocabulary);
        for (bad, good) in [
            ("aiirmando", "afirmando"),
            ("uue", "que"),
            ("Reaiirmando", "Reafirmando"),
            ("inadmisible,", "inadmisible,"),
            ("coniirmado", "confirmado"),
            ("UUE", "QUE"),
            ("Ualuilya", "Qalqilya"),
        ] {
            let fixed = repairer.repair(bad);
            assert_eq!(fixed.as_deref().unwrap_or(bad), good, "{bad}");
        }
        // A known word stays as it is, whatever the swaps could make of it.
        assert_eq!(repairer.repair("fin"), None);
        assert_eq!(repairer.repair("sin"), None);
    }

    #[test]
    fn clean_fonts_learn_nothing() {
        for (text, lang) in [
            (BODY, Lang::Es),
            ("The General Assembly, reaffirming that the acquisition of territory by force is inadmissible, affirming that States have the obligation to fulfil in good faith their commitments, recalling that the Court has confirmed that the wall being built by the occupying Power is contrary to international law, and the Security Council, requests the Secretary-General to report", Lang::En),
        ] {
            let words: Vec<(u32, &str)> = text.split_whitespace().map(|w| (1, w)).collect();
            assert!(learn(words.into_iter(), lang).is_empty(), "{lang}");
        }
    }
}
