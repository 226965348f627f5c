//! UN document symbols (`A/74/386`, `A/C.1/74/L.49/Rev.1`, `A/RES/ES-10/14`,
//! `S/RES/2719 (2023)`, `A/81/6 (Sect. 13)/Part A`) and the ICJ's verbatim-record numbers
//! (`CR 2024/12`), found in a line of text. A symbol is a series of upper-case letters
//! followed by `/`-separated parts and must contain a digit, which keeps `HIV/AIDS` out.
//! Joint symbols (`A/47/60–S/23329`, `A/47/60-S/23329`) come out as separate symbols.

use std::sync::LazyLock;

use regex::Regex;

static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \bS/RES/\d{1,5}\s?\(\d{4}\)                 # Security Council resolution with its year
        | \bCR\s\d{4}/\d{1,3}\b                     # ICJ verbatim record
        | \b[A-Z]{1,10}(?:\(\d{1,4}\))?
          (?: /
              (?: Part\s[A-Z0-9]{1,3}\b
                | [A-Z0-9][A-Za-z0-9.\-]*(?:\(\d{1,4}\))?
                  (?: \s\((?:Sect|Part|Chap|Prog)\.?\s?[0-9A-Z]{1,4}\) )?
              )
          )+
        ",
    )
    .expect("symbol regex")
});

/// Where a joint symbol's hyphen starts a new symbol: `-S/23329` in `A/47/60-S/23329`.
static JOINT_HYPHEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"-[A-Z]{1,10}/").expect("joint hyphen regex"));

/// A symbol found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSymbol {
    pub start: usize,
    pub end: usize,
    pub symbol: String,
}

/// Every symbol in a text, in order.
pub fn find_symbols(text: &str) -> Vec<FoundSymbol> {
    let mut out = Vec::new();
    for m in SYMBOL.find_iter(text) {
        let raw = m.as_str();
        // Split joint symbols written with a plain hyphen.
        let mut cuts = vec![0];
        cuts.extend(JOINT_HYPHEN.find_iter(raw).map(|h| h.start()));
        cuts.push(raw.len());
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let part = raw[a..b].trim_start_matches('-');
            let offset = a + (raw[a..b].len() - part.len());
            let part = part.trim_end_matches(['.', '-', ',']);
            if plausible(part) {
                out.push(FoundSymbol {
                    start: m.start() + offset,
                    end: m.start() + offset + part.len(),
                    symbol: part.to_string(),
                });
            }
        }
    }
    out
}

/// A symbol has a digit; its parts are upper case except the UN's own words (`Add.1`,
/// `Corr.2`, `Rev.1`, `Res.7`, `Part A`); a bare roman series (`IX/16`, a CBD decision)
/// is no symbol.
fn plausible(symbol: &str) -> bool {
    static ROMAN_ONLY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[IVXLC]+/\d+$").expect("roman regex"));
    static WORD_PART: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][a-z]{1,9}\.?(?:\d{1,3}|\s?[A-Z0-9]{1,3})?$").expect("word part regex")
    });
    symbol.contains('/')
        && symbol.chars().any(|c| c.is_ascii_digit())
        && !ROMAN_ONLY.is_match(symbol)
        && symbol.split('/').all(|part| {
            !part.chars().any(char::is_lowercase) || WORD_PART.is_match(part) || part.contains(" (")
        })
}

/// True when a line holds nothing but symbols (and joining dashes, stars, spaces).
pub fn is_symbol_line(line: &str) -> bool {
    let found = find_symbols(line);
    if found.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut last = 0;
    for f in &found {
        rest.push_str(&line[last..f.start]);
        last = f.end;
    }
    rest.push_str(&line[last..]);
    rest.chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '*' | ','))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str) -> Vec<String> {
        find_symbols(text).into_iter().map(|f| f.symbol).collect()
    }

    #[test]
    fn reads_common_symbols() {
        assert_eq!(symbols("Nations Unies A/74/386"), ["A/74/386"]);
        assert_eq!(
            symbols("Projet de résolution A/C.1/74/L.49/Rev.1."),
            ["A/C.1/74/L.49/Rev.1"]
        );
        assert_eq!(
            symbols("resolution A/RES/ES-10/14 adopted"),
            ["A/RES/ES-10/14"]
        );
        assert_eq!(symbols("S/RES/2719 (2023)"), ["S/RES/2719 (2023)"]);
        assert_eq!(
            symbols("United Nations A/81/6 (Sect. 13)/Part A*"),
            ["A/81/6 (Sect. 13)/Part A"]
        );
        assert_eq!(symbols("CR 2024/12"), ["CR 2024/12"]);
        assert_eq!(
            symbols("A/81/6 (Sect. 13)/PartA*"),
            ["A/81/6 (Sect. 13)/PartA"]
        );
        assert_eq!(symbols("WT/MIN(01)/DEC/1 Doha"), ["WT/MIN(01)/DEC/1"]);
        assert!(symbols("HIV/AIDS and TCP/IP").is_empty());
        assert_eq!(symbols("resolution GC(69)/RES/15,"), ["GC(69)/RES/15"]);
        assert_eq!(
            symbols("UNEP/EA.6/Res.7 and IOC/A-32/Decisions"),
            ["UNEP/EA.6/Res.7", "IOC/A-32/Decisions"]
        );
        assert!(symbols("decision IX/16 and AIRES/ES-lof14par").is_empty());
    }

    #[test]
    fn splits_joint_symbols() {
        assert_eq!(symbols("A/47/60–S/23329"), ["A/47/60", "S/23329"]);
        assert_eq!(symbols("A/47/60-S/23329"), ["A/47/60", "S/23329"]);
        assert!(is_symbol_line("A/47/60 – S/23329"));
        assert!(!is_symbol_line("Nations Unies A/74/386"));
    }
}
