//! Character-level normalisation applied to every extracted word: Unicode NFC,
//! typographic ligatures expanded, soft hyphens and zero-width characters removed,
//! exotic spaces made ordinary. Apostrophes and quotes are the document's own and stay.

use unicode_normalization::UnicodeNormalization;

/// Normalises one piece of extracted text.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}' => {}
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// Collapses runs of spaces and trims the ends.
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_ligatures_composes_and_keeps_apostrophes() {
        assert_eq!(normalize_text("e\u{301}tat \u{FB01}n"), "état fin");
        assert_eq!(normalize_text("l’Assemblée d'un"), "l’Assemblée d'un");
        assert_eq!(
            normalize_text("co\u{00AD}opération\u{00A0}:"),
            "coopération :"
        );
        assert_eq!(collapse_spaces("  a   b "), "a b");
    }
}
