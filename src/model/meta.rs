//! What the parse stage reads from a document's clean text: first-page metadata, who
//! sponsored and how States voted, the body's structure and what it cites. A record
//! embeds it whole (`#[serde(flatten)]`), so a new metadata field is one field here,
//! one in `schema/record.schema.json` and one line in `docs/record.md`.

use serde::Serialize;

use super::sponsors::Sponsors;
use super::structure::{Citation, Paragraph};
use super::votes::{Decision, Vote};

/// Everything parsing reads from a document. Its fields are record fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocumentMeta {
    /// ISO 639-1 code of the body's language, detected from the text.
    pub language: Option<String>,
    /// Document symbol from the first page, e.g. `A/74/386`.
    pub symbol: Option<String>,
    /// Date from the first page, ISO 8601 (`2019-11-18`).
    pub date: Option<String>,
    /// Title from the first page, UN library style (`Main title : kind`).
    pub title: Option<String>,
    /// Further symbols on the first page (second half of a joint symbol).
    pub other_symbols: Vec<String>,
    /// Issuing organ as printed (`General Assembly`, `Assemblée générale`).
    pub organ: Option<String>,
    /// `general`, `limited` or `restricted`.
    pub distribution: Option<String>,
    /// ISO 639-1 code of the language the masthead says this copy is in (`Français`).
    pub document_language: Option<String>,
    /// ISO 639-1 code of the original language (`Original: English`).
    pub original_language: Option<String>,
    /// Session number (`Seventy-eighth session` → 78).
    pub session: Option<u32>,
    /// Agenda items as printed without the words (`94`, `72 (a)`).
    pub agenda_items: Vec<String>,
    /// `resolution`, `draft resolution`, `report`, `letter`, `note verbale` …
    pub doc_type: Option<String>,
    /// Job number of the UN document system (`19-20187`).
    pub job_number: Option<String>,
    /// States submitting the draft(s) and those who joined later.
    pub sponsors: Sponsors,
    /// Recorded votes and adoptions without a vote.
    pub votes: Vec<Vote>,
    /// Meeting records: the meeting's number and president (absent for other documents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Meeting>,
    /// Meeting records: every action of the body, in order (absent when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Body paragraphs with their kind, number and leading verb.
    pub paragraphs: Vec<Paragraph>,
    /// Resolutions and documents the text cites.
    pub citations: Vec<Citation>,
}

/// What the masthead of a meeting record says about the meeting.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meeting {
    /// The meeting's number (`107th plenary meeting` → 107).
    pub number: Option<u32>,
    /// Name of the president as printed (`Ms. Al-Khalifa`).
    pub president: Option<String>,
    /// ISO 3166-1 alpha-3 code of the president's State (`BHR`), when it is one.
    pub president_country: Option<String>,
    /// The time the meeting was convened for, as printed beside its date, on a 24-hour
    /// clock (`Tuesday, 29 October 2024, 3 p.m.` → `15:00`).
    pub time: Option<String>,
}
