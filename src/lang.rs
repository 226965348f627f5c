//! Languages: the six UN languages as a type, and detection of a text's language from
//! its most frequent function words (enough to tell the UN languages apart; the
//! scripts of Russian, Chinese and Arabic decide those at once).

use std::fmt;
use std::str::FromStr;

/// One of the six official UN languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Russian.
    Ru,
    /// Chinese.
    Zh,
    /// Arabic.
    Ar,
}

impl Lang {
    /// The six languages, in the order undoc lists them (English, French, Spanish,
    /// Russian, Chinese, Arabic).
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ru, Lang::Zh, Lang::Ar];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
            Lang::Ar => "ar",
        }
    }

    /// Tesseract's traineddata name for the language.
    pub fn tesseract(self) -> &'static str {
        match self {
            Lang::En => "eng",
            Lang::Fr => "fra",
            Lang::Es => "spa",
            Lang::Ru => "rus",
            Lang::Zh => "chi_sim",
            Lang::Ar => "ara",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Lang::En),
            "fr" | "fra" | "fre" | "french" => Ok(Lang::Fr),
            "es" | "spa" | "spanish" => Ok(Lang::Es),
            "ru" | "rus" | "russian" => Ok(Lang::Ru),
            "zh" | "chi" | "chi_sim" | "zho" | "chinese" => Ok(Lang::Zh),
            "ar" | "ara" | "arabic" => Ok(Lang::Ar),
            other => Err(format!(
                "unknown language '{other}' (expected one of en, fr, es, ru, zh, ar)"
            )),
        }
    }
}

/// Whether a character is a letter of a right-to-left script (Arabic, Hebrew, Syriac,
/// Thaana and their presentation forms).
pub fn is_rtl_letter(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

/// Whether a character belongs to Chinese or Japanese writing, which puts no spaces
/// between words: ideographs, kana, and the full-width punctuation and forms set with
/// them (`，`, `。`, `（`, `％`).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3100}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{20000}'..='\u{2FA1F}')
}

const FUNCTION_WORDS: [(Lang, &[&str]); 3] = [
    (
        Lang::En,
        &[
            "the", "of", "and", "to", "in", "that", "for", "is", "on", "with", "by", "its", "as",
            "at", "be", "which", "this", "from", "are", "have",
        ],
    ),
    (
        Lang::Fr,
        &[
            "de", "la", "le", "et", "les", "des", "du", "à", "en", "que", "dans", "pour", "sur",
            "au", "une", "qui", "par", "est", "aux", "sont",
        ],
    ),
    (
        Lang::Es,
        &[
            "de", "la", "el", "y", "los", "las", "del", "en", "que", "para", "por", "con", "una",
            "se", "su", "sus", "al", "es", "como", "sobre",
        ],
    ),
];

/// The language whose script most letters of a short text are in, for the scripts of
/// one language each (Cyrillic → Russian, Han → Chinese, Arabic → Arabic): `None` for
/// Latin letters, mixed text or no letters.
pub fn script_of(text: &str) -> Option<Lang> {
    let (mut cyrillic, mut han, mut arabic, mut letters) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c {
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            c if is_cjk(c) => han += 1,
            c if is_rtl_letter(c) => arabic += 1,
            _ => {}
        }
    }
    let (count, lang) = [(cyrillic, Lang::Ru), (han, Lang::Zh), (arabic, Lang::Ar)]
        .into_iter()
        .max_by_key(|(n, _)| *n)?;
    (count >= 2 && count * 10 >= letters * 8).then_some(lang)
}

/// Detects the language of a text, or `None` when there is too little text to tell.
pub fn detect(text: &str) -> Option<Lang> {
    let mut cyrillic = 0usize;
    let mut han = 0usize;
    let mut arabic = 0usize;
    let mut latin = 0usize;
    for c in text.chars() {
        match c {
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            '\u{4E00}'..='\u{9FFF}' => han += 1,
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            c if c.is_alphabetic() => latin += 1,
            _ => {}
        }
    }
    let script_max = cyrillic.max(han).max(arabic);
    if script_max > latin && script_max >= 20 {
        return Some(if script_max == cyrillic {
            Lang::Ru
        } else if script_max == han {
            Lang::Zh
        } else {
            Lang::Ar
        });
    }
    let mut scores = [0usize; 3];
    let mut words = 0usize;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(5000)
    {
        words += 1;
        let lower = word.to_lowercase();
        for (i, (_, list)) in FUNCTION_WORDS.iter().enumerate() {
            if list.contains(&lower.as_str()) {
                scores[i] += 1;
            }
        }
    }
    let (best, &score) = scores.iter().enumerate().max_by_key(|(_, s)| **s)?;
    if words < 5 || score * 20 < words {
        return None;
    }
    Some(FUNCTION_WORDS[best].0)
}

/// The languages a text is written in: its main language (as [`detect`]) first, then any
/// other Latin-script language that has a good share of the words a language alone uses
/// (a bilingual page in French and English gives `[Fr, En]`). Empty when there is too
/// little text to tell.
pub fn detect_all(text: &str) -> Vec<Lang> {
    let Some(main) = detect(text) else {
        return Vec::new();
    };
    let mut langs = vec![main];
    if !matches!(main, Lang::En | Lang::Fr | Lang::Es) {
        return langs;
    }
    let own = own_word_counts(text);
    let words = own.iter().map(|(_, n)| *n).max().unwrap_or(0);
    for (lang, n) in own {
        // A second language needs a quarter of the main one's own words: quoted titles
        // and names (`Conseil de sécurité` in English) stay far below.
        if lang != main && words > 0 && n * 4 >= words && n >= 5 {
            langs.push(lang);
        }
    }
    langs
}

/// For each Latin language, how many words of the text are function words of that
/// language alone (`the`, `les`, `los`; not `de`, `la`, `en`, shared by two).
fn own_word_counts(text: &str) -> Vec<(Lang, usize)> {
    let only = |lang: Lang, w: &str| {
        FUNCTION_WORDS
            .iter()
            .all(|(l, list)| *l == lang || !list.contains(&w))
    };
    let mut counts: Vec<(Lang, usize)> = FUNCTION_WORDS.iter().map(|(l, _)| (*l, 0)).collect();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(5000)
    {
        let lower = word.to_lowercase();
        for (i, (lang, list)) in FUNCTION_WORDS.iter().enumerate() {
            if list.contains(&lower.as_str()) && only(*lang, &lower) {
                counts[i].1 += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_french_from_english_and_spanish() {
        assert_eq!(
            detect("L’Assemblée générale, rappelant ses résolutions sur la sécurité des États et le désarmement"),
            Some(Lang::Fr)
        );
        assert_eq!(
            detect("The General Assembly, recalling its resolutions on the security of States and the use of force"),
            Some(Lang::En)
        );
        assert_eq!(
            detect("La Asamblea General, recordando sus resoluciones sobre la seguridad de los Estados y el uso de la fuerza"),
            Some(Lang::Es)
        );
        assert_eq!(
            detect("Генеральная Ассамблея, ссылаясь на свои резолюции"),
            Some(Lang::Ru)
        );
        assert_eq!(detect("12 3"), None);
    }

    #[test]
    fn finds_both_languages_of_a_bilingual_page() {
        let en = "The Court considers that the request of the Government is admissible and that the provisions of the treaty apply to the case which is before it. ";
        let fr = "La Cour estime que la demande du Gouvernement est recevable et que les dispositions du traité sont applicables dans les circonstances de l’espèce. ";
        assert_eq!(
            detect_all(&format!("{en}{fr}{en}{fr}")),
            vec![Lang::En, Lang::Fr]
        );
        assert_eq!(detect_all(&en.repeat(3)), vec![Lang::En]);
        assert_eq!(detect_all(&fr.repeat(3)), vec![Lang::Fr]);
        // A French title quoted in English text does not make the page French.
        let quoted = format!(
            "{} It cited the Conseil de sécurité and the Cour internationale de Justice.",
            en.repeat(2)
        );
        assert_eq!(detect_all(&quoted), vec![Lang::En]);
        let es = "El Consejo de Seguridad examinó el informe del Secretario General sobre la situación y los progresos realizados en la aplicación de las resoluciones. ";
        assert_eq!(detect_all(&es.repeat(3)), vec![Lang::Es]);
        assert_eq!(
            detect_all("Генеральная Ассамблея, ссылаясь на свои резолюции"),
            vec![Lang::Ru]
        );
        assert!(detect_all("12 3").is_empty());
    }
}
