//! The kinds of OCR repair a record counts.

use serde::Serialize;

/// The kinds of repair, as counted in records and listed by `--audit`.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum RepairKind {
    /// Lost or wrong accents (`progres` → `progrès`, `Etats` → `États`).
    Diacritic,
    /// `a`/`à`, `ou`/`où`, `A`/`À` decided by context.
    AccentPair,
    /// `œ` (`ceuvre` → `œuvre`, `soeur` → `sœur`).
    Ligature,
    /// `I’`, `1’`, `[’`, `|’` → `l’`; `d ’experts` → `d’experts`.
    Elision,
    /// `1°°` → `1er`, `2°` → `2e`.
    Ordinal,
    /// OCR characters in place of letters (`¢`, `&`, `@`, `4` for `à`).
    StrayChar,
    /// A word split in two (`résul tats` → `résultats`).
    SplitWord,
    /// Two words run together (`lateneur` → `la teneur`).
    JoinedWord,
    /// A footnote mark read as punctuation (`premier!` → `premier[1]`).
    FootnoteMark,
    /// An apostrophe made consistent with the rest of the document.
    Apostrophe,
    /// Letters read as other letters (`intemational` → `international`, `II a` → `Il a`).
    Misread,
    /// A word in the look-alike letters of the other script (`Ha` → `на`, `А/69/720` →
    /// `A/69/720`): Russian OCR output.
    LookAlike,
}
