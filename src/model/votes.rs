//! Recorded votes and adoptions without a vote.

use serde::Serialize;

use super::sponsors::CountryRef;

/// Counts of a vote.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    pub yes: usize,
    pub no: usize,
    pub abstain: usize,
}

/// One vote on a draft.
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Vote {
    /// Symbol of the draft voted on (`A/C.1/74/L.49/Rev.1`) when the sentence names one.
    pub subject: Option<String>,
    /// The result as stated in the text.
    pub stated: Option<Tally>,
    pub yes: Vec<CountryRef>,
    pub no: Vec<CountryRef>,
    pub abstain: Vec<CountryRef>,
    /// Whether the list lengths equal the stated numbers (`None` without both).
    pub tally_matches: Option<bool>,
    /// List items that are not States of the table.
    pub unknown: Vec<String>,
    pub adopted_without_vote: bool,
}

impl Vote {
    /// The counts of the parsed lists.
    pub fn counted(&self) -> Tally {
        Tally {
            yes: self.yes.len(),
            no: self.no.len(),
            abstain: self.abstain.len(),
        }
    }

    /// `vote on A/C.1/74/L.49` (or `vote`), for warnings.
    pub fn label(&self) -> String {
        match &self.subject {
            Some(s) => format!("vote on {s}"),
            None => "vote".to_string(),
        }
    }
}
