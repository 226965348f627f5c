//! Properties of repair over large input spaces: text made only of frequent lexicon
//! words in their correct form is never changed (French, English, Spanish, Russian;
//! Latin words in Russian text stay Latin), and repair is idempotent on damaged
//! French text (the ground truth with typical English-model OCR damage applied).

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use undoc::lang::Lang;
use undoc::repair::lexicon::lexicon;
use undoc::repair::{repair_text, TRUSTED_COST};

/// Frequent words with no more frequent diacritic variant: the "correct forms".
/// Left out: the context-decided pairs (`a`, `ou`, `la`…: their accented twin is a
/// word too) and one-letter words (elided articles, letter labels).
fn correct_words(lang: Lang) -> &'static [&'static str] {
    static FR: OnceLock<Vec<&'static str>> = OnceLock::new();
    static EN: OnceLock<Vec<&'static str>> = OnceLock::new();
    static ES: OnceLock<Vec<&'static str>> = OnceLock::new();
    static RU: OnceLock<Vec<&'static str>> = OnceLock::new();
    let cell = match lang {
        Lang::Fr => &FR,
        Lang::Es => &ES,
        Lang::Ru => &RU,
        _ => &EN,
    };
    cell.get_or_init(|| {
        let lex = lexicon(lang);
        let mut v: Vec<&'static str> = lex
            .iter()
            .filter(|(w, e)| {
                e.cost <= TRUSTED_COST
                    && !e.has_better_variant
                    && w.chars().count() > 1
                    && !matches!(*w, "a" | "à" | "ou" | "où" | "la" | "là" | "des" | "dès")
                    // Russian: its own words (wordfreq's list has some English ones)
                    && (lang != Lang::Ru || w.chars().all(|c| ('а'..='я').contains(&c) || c == 'ё'))
            })
            .map(|(w, _)| w)
            .collect();
        v.sort_unstable();
        v
    })
}

fn sentence(lang: Lang, picks: &[(usize, u8)]) -> String {
    let words = correct_words(lang);
    let mut out = String::new();
    for (k, &(i, sep)) in picks.iter().enumerate() {
        let w = words[i % words.len()];
        if k == 0 || out.ends_with(". ") {
            let mut c = w.chars();
            let first = c.next().unwrap();
            out.extend(first.to_uppercase());
            out.push_str(c.as_str());
        } else {
            out.push_str(w);
        }
        out.push_str(match sep % 8 {
            0 => ", ",
            1 => ". ",
            2 => "\n",
            _ => " ",
        });
    }
    out
}

fn ground_truth() -> &'static [String] {
    static GT: OnceLock<Vec<String>> = OnceLock::new();
    GT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/truth");
        let mut lines = Vec::new();
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.to_string_lossy().ends_with(".gt.txt") {
                lines.extend(fs::read_to_string(p).unwrap().lines().map(str::to_string));
            }
        }
        lines.sort();
        lines
    })
}

/// The damage Tesseract's English model does to French text.
fn damage(text: &str, seed: u64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut r = seed | 1;
    let mut coin = |p: u64| {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        r % 100 < p
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'à' if coin(80) => out.push('a'),
            'è' | 'ê' if coin(80) => out.push('é'),
            'É' if coin(80) => out.push('E'),
            'œ' if coin(80) => out.push_str("ce"),
            'ô' if coin(50) => out.push('é'),
            'l' if chars.peek() == Some(&'’') && coin(50) => out.push('I'),
            _ => out.push(c),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn correct_french_words_are_never_changed(picks in prop::collection::vec((0usize..1_000_000, 0u8..255), 1..40)) {
        let text = sentence(Lang::Fr, &picks);
        let r = repair_text(&text, Lang::Fr);
        prop_assert!(r.changes.is_empty(), "{:?} in {text:?}", r.changes);
    }

    #[test]
    fn correct_english_words_are_never_changed(picks in prop::collection::vec((0usize..1_000_000, 0u8..255), 1..40)) {
        let text = sentence(Lang::En, &picks);
        let r = repair_text(&text, Lang::En);
        prop_assert!(r.changes.is_empty(), "{:?} in {text:?}", r.changes);
    }

    #[test]
    fn correct_spanish_words_are_never_changed(picks in prop::collection::vec((0usize..1_000_000, 0u8..255), 1..40)) {
        let text = sentence(Lang::Es, &picks);
        let r = repair_text(&text, Lang::Es);
        prop_assert!(r.changes.is_empty(), "{:?} in {text:?}", r.changes);
    }

    #[test]
    fn correct_russian_words_are_never_changed(picks in prop::collection::vec((0usize..1_000_000, 0u8..255), 1..40)) {
        let text = sentence(Lang::Ru, &picks);
        let r = repair_text(&text, Lang::Ru);
        prop_assert!(r.changes.is_empty(), "{:?} in {text:?}", r.changes);
    }

    /// Latin words with a letter no Cyrillic one looks like (`General`, `the`), Roman
    /// numerals and symbols, among Russian words, stay Latin.
    #[test]
    fn latin_words_in_russian_text_stay_latin(
        picks in prop::collection::vec((0usize..1_000_000, 0u8..255), 1..30),
        latin in prop::collection::vec((0usize..30, 0usize..1_000_000), 1..8),
    ) {
        let mut words: Vec<String> = sentence(Lang::Ru, &picks).split(' ').map(str::to_string).collect();
        let english: Vec<&str> = correct_words(Lang::En)
            .iter()
            .copied()
            .filter(|w| w.chars().any(|c| "dfgijlqsvwz".contains(c)))
            .collect();
        for (at, k) in latin {
            let w = match k % 4 {
                0 => "XXI".to_string(),
                1 => "A/69/720".to_string(),
                _ => english[k % english.len()].to_string(),
            };
            words.insert(at % (words.len() + 1), w);
        }
        let text = words.join(" ");
        let r = repair_text(&text, Lang::Ru);
        prop_assert!(r.changes.is_empty(), "{:?} in {text:?}", r.changes);
    }

    #[test]
    fn repair_is_idempotent(line in 0usize..10_000, len in 1usize..6, seed in any::<u64>()) {
        let gt = ground_truth();
        let start = line % gt.len();
        let text = damage(&gt[start..(start + len).min(gt.len())].join("\n"), seed);
        let once = repair_text(&text, Lang::Fr).text;
        let twice = repair_text(&once, Lang::Fr);
        prop_assert!(twice.changes.is_empty(), "{:?}", twice.changes);
        prop_assert_eq!(twice.text, once);
    }
}

/// Text made of the characters repair reacts to, in any order.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "A",
        "à",
        "ou",
        "Etats",
        "étre",
        "ceuvre",
        "sir",
        "I",
        "V",
        "1",
        "4",
        "11",
        "2",
        "°",
        "°°",
        "’",
        "'",
        "‘",
        "¢",
        "&",
        "@",
        "€",
        "!",
        "?",
        "*",
        "»",
        ")",
        "(",
        "[",
        "]",
        "|",
        "\\",
        "™",
        "M",
        "d",
        "l",
        "qu",
        "résul",
        "tats",
        "lateneur",
        "des",
        "fins",
        "la",
        "www.un.org",
        "A/RES/77/36",
        "¹",
        "²",
        " ",
        " ",
        " ",
        "\n",
        "\x0c",
        ",",
        ".",
        ":",
        "é",
        "É",
        "œ",
        "ß",
        "中",
        "ﬁ",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn changes_are_exact_on_any_text(text in tricky_text()) {
        for lang in [Lang::Fr, Lang::En] {
            let r = repair_text(&text, lang);
            let mut rebuilt = String::new();
            let mut at = 0;
            for c in &r.changes {
                prop_assert!(c.offset >= at, "overlapping changes {:?}", r.changes);
                prop_assert_eq!(&text[c.offset..c.offset + c.before.len()], c.before.as_str());
                rebuilt.push_str(&text[at..c.offset]);
                rebuilt.push_str(&c.after);
                at = c.offset + c.before.len();
            }
            rebuilt.push_str(&text[at..]);
            prop_assert_eq!(&rebuilt, &r.text);
            prop_assert_eq!(text.matches('\n').count(), r.text.matches('\n').count());
        }
    }
}
