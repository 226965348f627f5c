//! OCR repair for French and English text: lost or wrong diacritics, the `a`/`à` and
//! `ou`/`où` pairs, `œ`, elisions (`I’` → `l’`), ordinals (`1°°` → `1er`), stray OCR
//! characters, split and joined words, footnote marks read as punctuation and
//! inconsistent apostrophes.
//!
//! Built on language data in `config/repair/` (wordfreq lexicons, an OCR confusion
//! table, a diacritic policy, function-word classes for context): a token changes only
//! when the repaired form is a known word clearly more likely than what is written.
//! Every change is recorded (`Change`) so that records can count them and `--audit`
//! can list them.
//!
//! Submodules: `lexicon` (words, frequencies, diacritic variants), `confusion` (OCR
//! confusions and accent policy), `candidates` (word-level repair), `context` (pairs
//! decided by neighbouring words), `rules` (the pass over the text), `tokens`,
//! `audit`.

pub mod audit;
pub mod candidates;
pub mod confusion;
pub mod context;
pub mod lexicon;
pub mod rules;
pub mod tokens;

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;

use serde::Serialize;

use crate::lang::Lang;
pub use crate::model::RepairKind;

/// When the pipeline repairs text (`--repair auto|always|never`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RepairMode {
    /// Text undoc OCRed, and text layers or text inputs that look like OCR output.
    #[default]
    Auto,
    Always,
    Never,
}

impl FromStr for RepairMode {
    type Err = String;
    fn from_str(s: &str) -> Result<RepairMode, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(RepairMode::Auto),
            "always" => Ok(RepairMode::Always),
            "never" => Ok(RepairMode::Never),
            other => Err(format!(
                "unknown repair mode '{other}' (expected auto, always or never)"
            )),
        }
    }
}

impl fmt::Display for RepairMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RepairMode::Auto => "auto",
            RepairMode::Always => "always",
            RepairMode::Never => "never",
        })
    }
}

impl RepairMode {
    /// Whether to repair a text, given whether undoc OCRed it itself.
    pub fn applies(self, ocred_by_undoc: bool, text: &str, lang: Lang) -> bool {
        match self {
            RepairMode::Always => true,
            RepairMode::Never => false,
            RepairMode::Auto => ocred_by_undoc || looks_like_ocr(text, lang),
        }
    }
}

/// One change: `before` at byte `offset` of the input became `after`.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Change {
    pub offset: usize,
    pub before: String,
    pub after: String,
    pub kind: RepairKind,
}

/// The repaired text and the changes made.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    pub text: String,
    pub changes: Vec<Change>,
}

/// Repairs OCR errors in French or English text (other languages: returned unchanged).
/// Line structure is kept: only text inside lines changes.
pub fn repair_text(text: &str, lang: Lang) -> Repaired {
    if !matches!(lang, Lang::Fr | Lang::En) {
        return Repaired {
            text: text.to_string(),
            changes: Vec::new(),
        };
    }
    let mut pass = rules::Repairer::new(text, lang);
    pass.run();
    let changes = pass.changes;
    Repaired {
        text: apply(text, &changes),
        changes,
    }
}

/// The text with the (ordered, non-overlapping) changes applied.
fn apply(text: &str, changes: &[Change]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for c in changes {
        out.push_str(&text[at..c.offset]);
        out.push_str(&c.after);
        at = c.offset + c.before.len();
    }
    out.push_str(&text[at..]);
    out
}

/// Whether a text layer or text input looks like OCR output that repair would improve:
/// at least 3 repairs, and at least 3 per 1,000 words (apostrophe style not counted).
pub fn looks_like_ocr(text: &str, lang: Lang) -> bool {
    is_ocr_like(text, &repair_text(text, lang))
}

/// The `--repair` decision and the repair in one pass: the repaired text when `mode`
/// says to repair (`Auto`: text undoc OCRed, or text that looks like OCR output), else
/// None. Saves repairing twice in `Auto` mode.
pub fn repair_with_mode(
    mode: RepairMode,
    ocred_by_undoc: bool,
    text: &str,
    lang: Lang,
) -> Option<Repaired> {
    match mode {
        RepairMode::Never => None,
        RepairMode::Always => Some(repair_text(text, lang)),
        RepairMode::Auto => {
            let repaired = repair_text(text, lang);
            (ocred_by_undoc || is_ocr_like(text, &repaired)).then_some(repaired)
        }
    }
}

fn is_ocr_like(text: &str, repaired: &Repaired) -> bool {
    let n = repaired
        .changes
        .iter()
        .filter(|c| c.kind != RepairKind::Apostrophe)
        .count();
    let words = text.split_whitespace().count().max(1);
    n >= 3 && n * 1000 >= 3 * words
}

/// Number of changes of each kind (for the record).
pub fn counts(changes: &[Change]) -> BTreeMap<RepairKind, usize> {
    let mut m = BTreeMap::new();
    for c in changes {
        *m.entry(c.kind.clone()).or_insert(0) += 1;
    }
    m
}

/// `undoc repair`: reads text from `input`, writes the repaired text to `out` and, with
/// `audit`, one JSON line per change to `audit_out` (page numbers from form feeds).
pub fn run_repair_command(
    lang: Lang,
    audit: bool,
    input: &mut dyn Read,
    out: &mut dyn Write,
    audit_out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = String::new();
    input.read_to_string(&mut text)?;
    let repaired = repair_text(&text, lang);
    out.write_all(repaired.text.as_bytes())?;
    out.flush()?;
    if audit {
        audit::write_audit_by_form_feed(&text, &repaired.changes, audit_out)?;
        audit_out.flush()?;
    }
    Ok(())
}
