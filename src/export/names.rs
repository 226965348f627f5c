//! File names of the Markdown export: `A_RES_77_36.fr.md` from the symbol and the body's
//! language, else from the source file's name (`004.born-digital.fr.md`).
//!
//! Names are safe on every common file system: only letters, digits, `-`, `_` and `.`
//! (other characters become `_`, runs collapse), no leading dot, no Windows device
//! name, at most 120 bytes before the suffixes. Names are unique within one export,
//! compared without case (for case-insensitive file systems): the first record in the
//! output's order (by source path) gets the plain name, a later one with the same
//! name gets the first 8 hex digits of its source path's sha256 added
//! (`A_RES_77_36.fr.1f2e3d4c.md`), so a name depends only on the records, not on
//! timing.

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use super::markdown::MdRecord;

/// Longest stem, in bytes.
const MAX_STEM: usize = 120;

/// Gives each record of one export its own file name.
#[derive(Debug, Default)]
pub struct Namer {
    used: HashSet<String>,
}

impl Namer {
    /// The file name for a record (unique among those given out so far).
    pub fn name(&mut self, record: &MdRecord) -> String {
        let stem = stem(record);
        let lang = record
            .language
            .as_deref()
            .map(safe)
            .filter(|l| !l.is_empty())
            .map_or(String::new(), |l| format!(".{l}"));
        let plain = format!("{stem}{lang}.md");
        if self.used.insert(plain.to_lowercase()) {
            return plain;
        }
        let digest = Sha256::digest(record.source.path.as_bytes());
        let tag: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        let mut n = 1;
        loop {
            let candidate = if n == 1 {
                format!("{stem}{lang}.{tag}.md")
            } else {
                format!("{stem}{lang}.{tag}-{n}.md")
            };
            if self.used.insert(candidate.to_lowercase()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// The name before the language: the symbol, else the source file's name without its
/// extension, else the record id.
fn stem(record: &MdRecord) -> String {
    let from_symbol = record.symbol.as_deref().map(safe).unwrap_or_default();
    if !from_symbol.is_empty() {
        return from_symbol;
    }
    let file = record
        .source
        .path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let without_ext = match file.rfind('.') {
        Some(dot) if dot > 0 => &file[..dot],
        _ => &file[..],
    };
    let from_file = safe(without_ext);
    if !from_file.is_empty() {
        return from_file;
    }
    let id: String = record.id.chars().take(16).collect();
    match safe(&id) {
        s if s.is_empty() => "document".to_string(),
        s => s,
    }
}

/// A file-system-safe form of `text` (see the module doc).
pub fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let keep = c.is_alphanumeric() || matches!(c, '-' | '.');
        let c = if keep { c } else { '_' };
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches(|c| c == '_' || c == '.');
    let mut s = String::new();
    for c in trimmed.chars() {
        if s.len() + c.len_utf8() > MAX_STEM {
            break;
        }
        s.push(c);
    }
    let s = s.trim_end_matches(['_', '.']).to_string();
    if is_windows_device(&s) {
        format!("_{s}")
    } else {
        s
    }
}

fn is_windows_device(stem: &str) -> bool {
    let base = stem
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::markdown::MdSource;

    fn record(symbol: Option<&str>, lang: Option<&str>, path: &str) -> MdRecord {
        MdRecord {
            symbol: symbol.map(Into::into),
            language: lang.map(Into::into),
            source: MdSource { path: path.into() },
            ..MdRecord::default()
        }
    }

    #[test]
    fn names_from_symbol_language_and_file() {
        let mut n = Namer::default();
        assert_eq!(
            n.name(&record(Some("A/RES/77/36"), Some("fr"), "x/004.pdf")),
            "A_RES_77_36.fr.md"
        );
        assert_eq!(
            n.name(&record(Some("S/RES/2719 (2023)"), Some("en"), "y.pdf")),
            "S_RES_2719_2023.en.md"
        );
        assert_eq!(
            n.name(&record(None, None, "in/004.born-digital.pdf")),
            "004.born-digital.md"
        );
        assert_eq!(
            n.name(&record(None, Some("en"), "in/con.txt")),
            "_con.en.md"
        );
        assert_eq!(n.name(&record(None, None, "in/.hidden")), "hidden.md");
    }

    #[test]
    fn colliding_names_get_a_tag_from_the_path() {
        let mut n = Namer::default();
        let a = n.name(&record(Some("A/RES/77/36"), Some("fr"), "born.pdf"));
        let b = n.name(&record(Some("a/res/77/36"), Some("fr"), "scan.pdf"));
        assert_eq!(a, "A_RES_77_36.fr.md");
        assert!(b.starts_with("a_res_77_36.fr.") && b.len() == "a_res_77_36.fr.12345678.md".len());
        assert_ne!(a.to_lowercase(), b.to_lowercase());
    }
}
