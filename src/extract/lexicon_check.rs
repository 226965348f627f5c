//! Per-page script and lexicon share: whether a page's text layer is text in one of the
//! six UN languages, or something else set in its letters (a broken glyph map, a font
//! whose codes are not Unicode: Latin garbage for Russian, `aiirmando uue` for
//! `afirmando que`).
//!
//! The page's script is the one most of its letters are in; the languages written in
//! that script are tried, and the page's *lexicon share* is the share of its words
//! found in the best one's lexicon (`config/repair/lexicon-*.tsv`). Chinese, which has
//! no spaces, is counted by characters. The OCR decision sends a page with a low share
//! to OCR (see [`crate::extract::decide`]).

use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;
use crate::repair::lexicon::{lexicon, Lexicon};

/// Lexicon words rarer than this (wordfreq centibels: once in 10^7 words) do not count
/// as known.
const KNOWN_COST: u16 = 700;

/// A writing system of the six UN languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Latin letters (English, French, Spanish).
    Latin,
    /// Cyrillic letters (Russian).
    Cyrillic,
    /// Arabic letters.
    Arabic,
    /// Chinese characters.
    Han,
}

impl Script {
    /// The script of one character, if it is a letter of one of the four.
    pub fn of(c: char) -> Option<Script> {
        match c {
            '\u{0400}'..='\u{052F}' => Some(Script::Cyrillic),
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}' => Some(Script::Arabic),
            c if crate::lang::is_cjk(c) && c.is_alphabetic() => Some(Script::Han),
            'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' if c.is_alphabetic() => {
                Some(Script::Latin)
            }
            _ => None,
        }
    }

    /// The UN languages written in this script.
    pub fn languages(self) -> &'static [Lang] {
        match self {
            Script::Latin => &[Lang::En, Lang::Fr, Lang::Es],
            Script::Cyrillic => &[Lang::Ru],
            Script::Arabic => &[Lang::Ar],
            Script::Han => &[Lang::Zh],
        }
    }
}

/// The script most of a text's letters are in (letters of other scripts not counted),
/// with that script's share of the counted letters.
pub fn main_script(text: &str) -> Option<(Script, f32)> {
    let mut counts = [0usize; 4];
    for c in text.chars() {
        if let Some(s) = Script::of(c) {
            counts[s as usize] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    let (best, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if n == 0 {
        return None;
    }
    let script = [Script::Latin, Script::Cyrillic, Script::Arabic, Script::Han][best];
    Some((script, n as f32 / total as f32))
}

/// How much of a text is words of a language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LexiconShare {
    /// The language.
    pub lang: Lang,
    /// Words (Chinese: characters) found in the language's lexicon.
    pub known: usize,
    /// Words (Chinese: characters) counted.
    pub counted: usize,
}

impl LexiconShare {
    /// `known / counted` (1 when nothing was counted).
    pub fn share(&self) -> f32 {
        if self.counted == 0 {
            1.0
        } else {
            self.known as f32 / self.counted as f32
        }
    }
}

/// The share of the text's words found in the lexicon of `lang`. A word is a
/// whitespace-separated token with letters; it is known when each run of letters in it
/// (apostrophes, hyphens, digits and punctuation split runs, as in the lexicons) is, in
/// a plausible case (lower, Capitalised or ALL CAPS) and in the language's script.
/// Chinese is counted by characters.
pub fn lexicon_share(text: &str, lang: Lang) -> LexiconShare {
    let lex = lexicon(lang);
    let mut share = LexiconShare {
        lang,
        known: 0,
        counted: 0,
    };
    if lang == Lang::Zh {
        let mut buf = [0u8; 4];
        for c in text.chars().filter(|&c| Script::of(c) == Some(Script::Han)) {
            share.counted += 1;
            if lex.get(c.encode_utf8(&mut buf)).is_some() {
                share.known += 1;
            }
        }
        return share;
    }
    let mut norm = String::new();
    for token in text.split_whitespace() {
        if let Some(known) = token_known(lex, lang, token, &mut norm) {
            share.counted += 1;
            share.known += usize::from(known);
        }
    }
    share
}

/// Whether a whitespace-separated token is a word of `lang` (see [`lexicon_share`]);
/// `None` when it does not count: fewer than two letters (single letters are words in
/// every language and prove nothing), or an unknown Capitalised or ALL-CAPS word of
/// the script (names and acronyms: a list of judges is not garbage).
pub fn token_known(lex: &Lexicon, lang: Lang, token: &str, norm: &mut String) -> Option<bool> {
    token
        .chars()
        .filter(|&c| c.is_alphabetic() && !is_mark(c))
        .nth(1)?;
    let script = Script::of(lang_letter(lang));
    let in_script = |part: &str| {
        part.chars()
            .all(|c| Script::of(c).map_or(true, |s| Some(s) == script))
    };
    if letters_around_digits(token) {
        return Some(false);
    }
    let mut name = true;
    for part in words(token) {
        if !plausible_case(part) || !in_script(part) {
            return Some(false);
        }
        if !known_word(lex, lang, part, norm) {
            name &= part.chars().next().is_some_and(char::is_uppercase);
            if !name {
                return Some(false);
            }
        }
    }
    // Every part known, or the unknown ones are all names.
    if words(token).all(|part| known_word(lex, lang, part, norm)) {
        Some(true)
    } else {
        None
    }
}

/// Whether the lexicon knows a word (lower-cased, NFC). Arabic is looked up with its
/// presentation forms made letters (NFKC) and also reversed: a text layer gives Arabic
/// in visual order, letters last first (put right by `clean::bidi` later).
fn known_word(lex: &Lexicon, lang: Lang, word: &str, norm: &mut String) -> bool {
    norm.clear();
    if lang == Lang::Ar {
        let arabic = |chars: &mut dyn Iterator<Item = char>, norm: &mut String| {
            norm.clear();
            let letters = chars.filter(|&c| !is_mark(c) && c != '\u{0640}');
            norm.extend(letters.collect::<String>().nfkc().map(arabic_letter));
        };
        arabic(&mut word.chars(), norm);
        if is_known(lex, norm) {
            return true;
        }
        arabic(&mut word.chars().rev(), norm);
        return is_known(lex, norm);
    }
    norm.extend(word.nfc().flat_map(char::to_lowercase));
    is_known(lex, norm)
}

/// The Arabic letter for its Persian and Urdu look-alikes, which some fonts' glyph maps
/// give for Arabic text (`ی` for `ي`, `ک` for `ك`, `ھ` and `ہ` for `ه`).
fn arabic_letter(c: char) -> char {
    match c {
        '\u{06CC}' => '\u{064A}',
        '\u{06A9}' => '\u{0643}',
        '\u{06BE}' | '\u{06C1}' => '\u{0647}',
        other => other,
    }
}

/// In the lexicon and not among its rarest words: the rarest entries of web-derived
/// frequency lists include garbage strings (`ÿ`, `kj`) that broken glyph maps make too.
fn is_known(lex: &Lexicon, word: &str) -> bool {
    lex.get(word).is_some_and(|e| e.cost <= KNOWN_COST)
}

/// A token whose letters are broken up by digits (`3ÿ636ÿ2232`, `l0ve1`): not a word,
/// whatever its letters are. Digits before letters (`1er`, `23ª`) or after them
/// (a footnote mark glued to its word: `Ginebra1`) are allowed.
fn letters_around_digits(token: &str) -> bool {
    let mut seen_letter = false;
    let mut digit_after_letter = false;
    for c in token.chars() {
        if c.is_alphabetic() {
            if digit_after_letter {
                return true;
            }
            seen_letter = true;
        } else if c.is_ascii_digit() && seen_letter {
            digit_after_letter = true;
        }
    }
    false
}

/// lower, Capitalised or ALL CAPS (scripts without case are all lower).
fn plausible_case(word: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = chars.collect();
    rest.iter().all(|c| !c.is_uppercase())
        || (first_upper && rest.iter().all(|c| !c.is_lowercase()))
}

/// A letter of the language's script (to tell which script its words are in).
fn lang_letter(lang: Lang) -> char {
    match lang {
        Lang::Ru => 'а',
        Lang::Ar => 'ب',
        Lang::Zh => '中',
        Lang::En | Lang::Fr | Lang::Es => 'a',
    }
}

/// Runs of letters and combining marks: the words of a text (digits, punctuation,
/// apostrophes and hyphens split them, as in the lexicons).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || is_mark(c)))
        .filter(|w| !w.is_empty())
}

/// Combining marks (Arabic vowel signs, decomposed accents) that belong inside words.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{FE70}'..='\u{FE7F}')
}

/// What the check found on one page: its main script and the best language of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageLanguage {
    /// The script most of the page's letters are in.
    pub script: Script,
    /// The language of that script whose lexicon knows the most of the page.
    pub best: LexiconShare,
}

/// The page's main script and the language of that script whose lexicon knows the
/// largest share of its words; `None` when the page has no letters. The languages are
/// tried most likely first (by their function words), and the search stops at the
/// first whose share reaches `enough` (1.0: try them all).
pub fn page_language(text: &str, enough: f32) -> Option<PageLanguage> {
    let (script, _) = main_script(text)?;
    let mut langs: Vec<Lang> = script.languages().to_vec();
    if langs.len() > 1 {
        if let Some(likely) = crate::lang::detect(text) {
            langs.sort_by_key(|&l| l != likely);
        }
    }
    let mut best: Option<LexiconShare> = None;
    for lang in langs {
        let share = lexicon_share(text, lang);
        if best.map_or(true, |b| share.share() > b.share()) {
            best = Some(share);
        }
        if share.share() >= enough {
            break;
        }
    }
    Some(PageLanguage {
        script,
        best: best?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_the_six_languages() {
        assert_eq!(
            main_script("Генеральная Ассамблея").unwrap().0,
            Script::Cyrillic
        );
        assert_eq!(
            main_script("الدورة التاسعة والستون").unwrap().0,
            Script::Arabic
        );
        assert_eq!(main_script("提高数据质量 (A/69/1)").unwrap().0, Script::Han);
        assert_eq!(main_script("Asamblea General").unwrap().0, Script::Latin);
        assert_eq!(main_script("12 345 (—)"), None);
    }

    #[test]
    fn clean_text_in_each_language_is_mostly_known_words() {
        for (text, lang) in [
            ("The General Assembly, recalling its resolutions on the security of States", Lang::En),
            ("L’Assemblée générale, rappelant ses résolutions sur la sécurité des États", Lang::Fr),
            ("La Asamblea General, afirmando que la construcción del muro es contraria al derecho internacional", Lang::Es),
            ("Генеральная Ассамблея, ссылаясь на свои резолюции о безопасности государств", Lang::Ru),
            ("إن الجمعية العامة، إذ تشير إلى قراراتها المتعلقة بأمن الدول", Lang::Ar),
            ("大会回顾其关于各国安全的各项决议", Lang::Zh),
        ] {
            let page = page_language(text, 1.0).unwrap();
            assert_eq!(page.best.lang, lang, "{text}");
            assert!(page.best.share() >= 0.85, "{text}: {:?}", page.best);
        }
    }

    #[test]
    fn broken_glyph_maps_are_mostly_unknown_words() {
        // Cyrillic set in a font whose codes are Latin letters (a real Russian statement).
        let garbage = "lZcmjefmjÿb_Z]ÿ_XnXbÿWÿcdZ_Xoÿpdj^jÿnbX_iqÿkajrZeÿsjat[ÿkjb \
                       _XnWX_iZ[ÿucX[[idÿvtbtwZ^jxyÿzjcciqÿcÿkj_i[X_iZ[ÿjd_ZceXcfÿmÿibZZ";
        let page = page_language(garbage, 1.0).unwrap();
        assert_eq!(page.script, Script::Latin);
        assert!(page.best.share() < 0.3, "{:?}", page.best);
    }
}
