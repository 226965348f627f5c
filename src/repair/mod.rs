//! OCR repair for French, English and Spanish text (and Latin/Cyrillic look-alikes in
//! Russian text, `lookalike`; punctuation in Chinese text, `cjk`): lost or wrong diacritics, the `a`/`à` and
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
//! `lookalike` (Russian), `cjk` (Chinese punctuation), `audit`.

mod audit;
mod candidates;
mod cjk;
mod confusion;
mod context;
pub(crate) mod glyphmap;
pub mod lexicon;
mod lookalike;
mod rules;
mod tokens;

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;

use serde::Serialize;

use crate::lang::Lang;
use crate::model::CleanText;
pub use crate::model::RepairKind;
pub use candidates::TRUSTED_COST;

/// When the pipeline repairs text (`--repair auto|always|never`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RepairMode {
    /// Text undoc OCRed, and text layers or text inputs that look like OCR output.
    #[default]
    Auto,
    /// Every text.
    Always,
    /// No text.
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
    /// Byte offset in the input.
    pub offset: usize,
    /// The text as it was.
    pub before: String,
    /// The text as repaired.
    pub after: String,
    /// What kind of repair.
    pub kind: RepairKind,
}

/// The repaired text and the changes made.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// The changes, in text order.
    pub changes: Vec<Change>,
}

/// Repairs OCR errors in French, English or Spanish text, Latin/Cyrillic look-alikes
/// in Russian text and punctuation in Chinese text (`cjk`; Arabic: returned unchanged). Line structure is kept:
/// only text inside lines changes.
pub fn repair_text(text: &str, lang: Lang) -> Repaired {
    if matches!(lang, Lang::Ru | Lang::Zh) {
        let changes = match lang {
            Lang::Ru => lookalike::repair(text),
            _ => cjk::repair(text),
        };
        return Repaired {
            text: apply(text, &changes),
            changes,
        };
    }
    if !matches!(lang, Lang::Fr | Lang::En | Lang::Es) {
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
    is_ocr_like(text, lang, &repair_text(text, lang))
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
            (ocred_by_undoc || is_ocr_like(text, lang, &repaired)).then_some(repaired)
        }
    }
}

/// Chinese text is never judged OCR output by its repairs: its punctuation repairs
/// (`cjk`) would fire on list items and tables of a text layer, and its words are not
/// counted by spaces.
fn is_ocr_like(text: &str, lang: Lang, repaired: &Repaired) -> bool {
    if lang == Lang::Zh {
        return false;
    }
    let n = repaired
        .changes
        .iter()
        .filter(|c| c.kind != RepairKind::Apostrophe)
        .count();
    let words = text.split_whitespace().count().max(1);
    n >= 3 && n * 1000 >= 3 * words
}

/// Where a document's text comes from, as far as `--repair auto` cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// Some page was OCRed by undoc.
    pub ocred_by_undoc: bool,
    /// Text undoc did not OCR may be OCR output (an old OCR layer, a text input).
    pub may_be_ocr: bool,
}

/// The stage's entry point: repairs OCR artifacts in a document's body paragraphs and
/// footnotes as `mode` decides (`Auto`: text undoc OCRed, or text that may be OCR
/// output and looks like it; a born-digital text layer is the document's own), in the
/// body's language. Paragraphs and footnotes keep their bounds: the body is repaired as
/// one text (context crosses paragraphs) and each change goes back to the paragraph it
/// falls in; a change that would cross a bound is not made and gets a warning. Returns
/// the number of changes made per kind.
pub fn clean_text(
    clean: &mut CleanText,
    mode: RepairMode,
    origin: Origin,
    warnings: &mut Vec<String>,
) -> BTreeMap<RepairKind, usize> {
    let wanted = origin.ocred_by_undoc || origin.may_be_ocr || mode == RepairMode::Always;
    let body = clean.paragraphs.join("\n");
    let Some(lang) = wanted.then(|| crate::lang::detect(&body)).flatten() else {
        return BTreeMap::new();
    };
    let Some(repaired) = repair_with_mode(mode, origin.ocred_by_undoc, &body, lang) else {
        return BTreeMap::new();
    };
    let mut made = apply_within(
        &mut clean.paragraphs,
        repaired.changes,
        "paragraph",
        warnings,
    );
    let mut notes: Vec<String> = clean.footnotes.iter().map(|n| n.text.clone()).collect();
    let notes_repaired = repair_text(&notes.join("\n"), lang);
    made.extend(apply_within(
        &mut notes,
        notes_repaired.changes,
        "footnote",
        warnings,
    ));
    for (note, text) in clean.footnotes.iter_mut().zip(notes) {
        note.text = text;
    }
    counts(&made)
}

/// Applies changes found in `parts` joined by newlines to the parts themselves; returns
/// the changes made. A change that is not inside one part is left out with a warning.
fn apply_within(
    parts: &mut [String],
    changes: Vec<Change>,
    what: &str,
    warnings: &mut Vec<String>,
) -> Vec<Change> {
    let mut made = Vec::with_capacity(changes.len());
    let mut pending = changes.into_iter().peekable();
    let mut start = 0;
    for (i, part) in parts.iter_mut().enumerate() {
        let end = start + part.len();
        let mut here = Vec::new();
        while let Some(c) = pending.next_if(|c| c.offset <= end) {
            let inside =
                c.offset >= start && c.offset + c.before.len() <= end && !c.after.contains('\n');
            if inside {
                here.push(Change {
                    offset: c.offset - start,
                    ..c
                });
            } else {
                warnings.push(format!(
                    "repair of {:?} to {:?} not made: it crosses the end of {what} {}",
                    c.before,
                    c.after,
                    i + 1
                ));
            }
        }
        *part = apply(part, &here);
        made.extend(here.into_iter().map(|c| Change {
            offset: c.offset + start,
            ..c
        }));
        start = end + 1;
    }
    for c in pending {
        warnings.push(format!(
            "repair of {:?} to {:?} not made: it lies past the last {what}",
            c.before, c.after
        ));
    }
    made
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

#[cfg(test)]
mod tests {
    use super::*;

    fn change(offset: usize, before: &str, after: &str) -> Change {
        Change {
            offset,
            before: before.into(),
            after: after.into(),
            kind: RepairKind::Misread,
        }
    }

    #[test]
    fn changes_go_back_to_their_part() {
        let mut parts = vec!["ab".to_string(), "cd".to_string(), String::new()];
        let mut warnings = Vec::new();
        let made = apply_within(
            &mut parts,
            vec![
                change(0, "a", "A"),
                change(3, "c", "xy"),
                change(6, "", "z"),
            ],
            "paragraph",
            &mut warnings,
        );
        assert_eq!(parts, ["Ab", "xyd", "z"]);
        assert_eq!(made.len(), 3);
        assert_eq!(made[1].offset, 3);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_change_across_a_bound_is_not_made_and_is_reported() {
        let mut parts = vec!["ab".to_string(), "cd".to_string()];
        let mut warnings = Vec::new();
        let made = apply_within(
            &mut parts,
            vec![
                change(1, "b\nc", "bc"),
                change(4, "d", "D"),
                change(9, "q", "Q"),
            ],
            "footnote",
            &mut warnings,
        );
        assert_eq!(parts, ["ab", "cD"]);
        assert_eq!(made.len(), 1);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("footnote 1"), "{warnings:?}");
    }

    #[test]
    fn born_digital_text_is_left_alone_in_auto_mode() {
        let mut clean = CleanText {
            paragraphs: vec!["Les Etats Membres ont decide de progres.".into()],
            ..CleanText::default()
        };
        let before = clean.clone();
        let counts = clean_text(
            &mut clean,
            RepairMode::Auto,
            Origin::default(),
            &mut Vec::new(),
        );
        assert!(counts.is_empty());
        assert_eq!(clean, before);
    }
}
