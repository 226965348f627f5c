//! Countries found in a document, and the sponsors of its drafts.

use serde::Serialize;

/// One country found in a document: its code, its canonical name in the document's
/// language, and the text as written.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct CountryRef {
    /// ISO 3166-1 alpha-3 code (or the UN's code for a former State).
    pub iso3: String,
    /// UN M49 numeric code, when it has one.
    pub m49: Option<String>,
    /// Canonical (UN short) name in the document's language.
    pub name: String,
    /// The text as written in the document (whitespace runs collapsed).
    pub as_written: String,
}

/// The sponsors found in a document.
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Sponsors {
    /// States submitting a draft (all drafts of the document, in order of appearance).
    pub original: Vec<CountryRef>,
    /// States that joined later.
    pub joined: Vec<CountryRef>,
    /// Items of sponsor lists that are not States of the table.
    pub unknown: Vec<String>,
    /// The same, per draft: one entry per sponsor statement found.
    pub drafts: Vec<DraftSponsors>,
}

/// The sponsors of one draft.
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct DraftSponsors {
    /// Symbol of the draft when the sentence names one (`A/C.1/74/L.49/Rev.1`).
    pub subject: Option<String>,
    /// States submitting the draft.
    pub original: Vec<CountryRef>,
    /// States that joined later.
    pub joined: Vec<CountryRef>,
}
