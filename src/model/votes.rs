//! Recorded votes and adoptions without a vote.

use serde::Serialize;

use super::sponsors::CountryRef;

/// Counts of a vote.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Votes in favour.
    pub yes: usize,
    /// Votes against.
    pub no: usize,
    /// Abstentions.
    pub abstain: usize,
}

/// One vote on a draft.
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Vote {
    /// Symbol of the draft voted on (`A/C.1/74/L.49/Rev.1`) when the sentence names one.
    pub subject: Option<String>,
    /// The result as stated in the text.
    pub stated: Option<Tally>,
    /// States voting in favour.
    pub yes: Vec<CountryRef>,
    /// States voting against.
    pub no: Vec<CountryRef>,
    /// States abstaining.
    pub abstain: Vec<CountryRef>,
    /// Whether the list lengths equal the stated numbers (`None` without both).
    pub tally_matches: Option<bool>,
    /// List items that are not States of the table.
    pub unknown: Vec<String>,
    /// The text says the draft was adopted without a vote.
    pub adopted_without_vote: bool,
    /// Meeting records: the resolution the vote adopted (`A/RES/79/6`,
    /// `S/RES/2815 (2026)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Meeting records: what delegations later told the Secretariat they had intended
    /// to vote (`Subsequently, the delegation of … had intended to abstain`). The lists
    /// are never changed by it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intended: Vec<IntendedVote>,
}

/// A delegation's note that it had intended to vote otherwise than recorded.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct IntendedVote {
    /// The delegation.
    pub country: CountryRef,
    /// `yes`, `no`, `abstain` or `not voting`.
    pub position: String,
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

/// One action of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// What was acted on, as printed: a symbol (`A/79/L.6`), `draft resolution II`,
    /// `operative paragraph 5`, or the President's proposal.
    pub subject: Option<String>,
    /// Symbol of the committee report a numbered draft comes from (`A/64/420`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// `adopted`, `rejected`, `retained` or `not adopted`.
    pub outcome: String,
    /// Security Council: the permanent members whose negative vote blocked the draft.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vetoed_by: Vec<String>,
    /// The resolution adopted (`A/RES/79/6`, `S/RES/2815 (2026)`).
    pub resolution: Option<String>,
    /// The decision number (`76/575`).
    pub decision: Option<String>,
    /// `recorded vote`, `show of hands` or `without a vote`.
    pub method: String,
    /// Index of the vote in the record's `votes`, for decisions taken by a vote.
    pub vote: Option<usize>,
}
