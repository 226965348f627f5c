//! The word lists and patterns the parsers read UN documents with: month names, number
//! words, language names, organs, document kinds, leading verbs. They live in
//! `config/parse/*.tsv` (compiled into the binary) so that adding a language or a
//! document kind is a data change; this module parses each file once.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Rows of a tab-separated data file, skipping comments (`#`) and blank lines.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// A case-insensitive regex built from a data file's pattern; a bad pattern is a bug in
/// the shipped data, caught by the tests.
fn data_regex(pattern: &str) -> Regex {
    Regex::new(&format!("(?i){pattern}"))
        .unwrap_or_else(|e| panic!("bad pattern {pattern:?} in config/parse: {e}"))
}

/// Month name (lower case) → month number.
pub static MONTHS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/months.tsv"))
        .map(|r| (r[0], r[1].parse().expect("month number")))
        .collect()
});

/// A number word of a session line.
#[derive(Debug, Clone, Copy)]
pub struct NumberWord {
    pub value: u32,
    pub ordinal: bool,
}

/// Number words (lower case, hyphens as spaces) → value and kind.
pub static NUMBER_WORDS: LazyLock<HashMap<&'static str, NumberWord>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/ordinals.tsv"))
        .filter(|r| matches!(r[2], "o" | "c"))
        .map(|r| {
            let word = NumberWord {
                value: r[1].parse().expect("number word value"),
                ordinal: r[2] == "o",
            };
            (r[0], word)
        })
        .collect()
});

/// A Chinese numeral character: its value, and whether it multiplies the digit before
/// it (`十`, `百`).
#[derive(Debug, Clone, Copy)]
pub struct NumeralChar {
    pub value: u32,
    pub multiplier: bool,
}

/// Chinese numeral characters (`ordinals.tsv`, kinds `d` and `m`).
pub static NUMERAL_CHARS: LazyLock<HashMap<char, NumeralChar>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/ordinals.tsv"))
        .filter(|r| matches!(r[2], "d" | "m"))
        .map(|r| {
            let c = r[0].chars().next().expect("numeral character");
            let value = r[1].parse().expect("numeral value");
            (
                c,
                NumeralChar {
                    value,
                    multiplier: r[2] == "m",
                },
            )
        })
        .collect()
});

/// Language name (lower case) → ISO 639-1 code.
pub static LANGUAGE_NAMES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/languages.tsv"))
        .map(|r| (r[0], r[1]))
        .collect()
});

/// Distribution word after `Distr.` (lower case) → record value.
pub static DISTRIBUTIONS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/distributions.tsv"))
        .map(|r| (r[0], r[1]))
        .collect()
});

/// Organ patterns and the organ name written to the record.
pub static ORGANS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/organs.tsv"))
        .map(|r| (data_regex(&format!(r"\b(?:{})\b", r[0])), r[1]))
        .collect()
});

/// Where a document-kind pattern is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    Line,
    Sponsors,
    Symbol,
}

/// Where the title is relative to a line that names the document kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleRole {
    /// The front line before ("Report of the Secretary-General").
    Before,
    /// The front line after ("Draft resolution submitted by …").
    After,
    /// The line itself ("Letter dated …").
    Itself,
    /// The line from the kind words on ("… Filed in the Registry on : WRITTEN STATEMENT
    /// OF …"): the pattern is not anchored.
    From,
    /// The case named on an ICJ sitting line ("…, on the Legal Consequences of …").
    Case,
    /// The line with the Part and Section lines after it (programme-budget fascicles).
    Sections,
    /// The line says nothing about the title.
    None,
}

/// One row of `doc_types.tsv`.
#[derive(Debug)]
pub struct KindRule {
    pub source: KindSource,
    pub pattern: Regex,
    pub doc_type: &'static str,
    pub role: TitleRole,
}

/// Document-kind rules, in priority order.
pub static DOC_TYPES: LazyLock<Vec<KindRule>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/doc_types.tsv"))
        .map(|r| {
            let source = match r[0] {
                "line" => KindSource::Line,
                "sponsors" => KindSource::Sponsors,
                "symbol" => KindSource::Symbol,
                other => panic!("doc_types.tsv: unknown source {other}"),
            };
            let pattern = match source {
                KindSource::Line if r[3] == "from" => data_regex(r[1]),
                KindSource::Line => data_regex(&format!("^(?:{})", r[1])),
                KindSource::Sponsors => data_regex(&format!("^(?:{})$", r[1])),
                KindSource::Symbol => data_regex(r[1]),
            };
            let role = match r[3] {
                "before" => TitleRole::Before,
                "after" => TitleRole::After,
                "title" => TitleRole::Itself,
                "from" => TitleRole::From,
                "case" => TitleRole::Case,
                "sections" => TitleRole::Sections,
                _ => TitleRole::None,
            };
            KindRule {
                source,
                pattern,
                doc_type: r[2],
                role,
            }
        })
        .collect()
});

/// Whole-line patterns of front lines naming the body a document comes from.
pub static BODIES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/bodies.tsv"))
        .map(|r| data_regex(&format!("^(?:{})$", r[0])))
        .collect()
});

/// The patterns of `front_lines.tsv` of one kind, joined as alternatives.
fn front_patterns(kind: &str) -> String {
    rows(include_str!("../../config/parse/front_lines.tsv"))
        .filter(|r| r[0] == kind)
        .map(|r| format!("(?:{})", r[1]))
        .collect::<Vec<_>>()
        .join("|")
}

/// Masthead lines that carry no field.
pub static NOISE_LINE: LazyLock<Regex> =
    LazyLock::new(|| data_regex(&format!("^(?:{})$", front_patterns("noise"))));

/// The label of a memo's or letter's subject line, at the start of a line (the title
/// follows it).
pub static SUBJECT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| data_regex(&format!(r"^\W*(?:{})\s*", front_patterns("subject"))));

/// Front lines that are neither title nor field.
pub static SKIP_LINE: LazyLock<Regex> =
    LazyLock::new(|| data_regex(&format!("^(?:{})$", front_patterns("skip"))));

/// What introduces the case on an ICJ sitting line, after a comma; the case follows.
pub static CASE_INTRO: LazyLock<Regex> =
    LazyLock::new(|| data_regex(&format!(r",\s*(?:{})\s+", front_patterns("case_intro"))));

/// What ends a case name that later lines ran into, with the rest of the line.
pub static CASE_END: LazyLock<Regex> =
    LazyLock::new(|| data_regex(&format!(r"\s+(?:{}).*$", front_patterns("case_end"))));

/// A Part or Section line of a programme budget: the label with its number, then the
/// name when it is on the same line.
pub static DIVISION: LazyLock<Regex> = LazyLock::new(|| {
    data_regex(&format!(
        r"^((?:{})\s+(?:[IVXLC]+|\d+[A-Z]?))\b\s*[.:,–-]?\s*(.*)$",
        front_patterns("division")
    ))
});

/// The label of a memo's date field (`DATE:`), anywhere in a line.
pub static DATE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| data_regex(&format!(r"\b(?:{})\s*:", front_patterns("date_label"))));

/// A court registry's filing stamp, up to its date.
pub static FILED_ON: LazyLock<Regex> =
    LazyLock::new(|| data_regex(&format!(r"\b(?:{})\s*:?", front_patterns("filed_on"))));

/// Names that keep their capitals when a title in capitals is set in sentence case.
pub static PROPER_NAMES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/proper_names.tsv"))
        .map(|r| data_regex(r[0]))
        .collect()
});

/// Where an issuer pattern is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuerScope {
    Front,
    Sender,
}

/// One issuer mark of `issuers.tsv`.
#[derive(Debug)]
pub struct Issuer {
    pub scope: IssuerScope,
    pub pattern: Regex,
    /// The organ's name in English and in French.
    pub organ_en: &'static str,
    pub organ_fr: &'static str,
}

/// Issuer marks of documents without a masthead (`issuers.tsv`), in priority order.
pub static ISSUERS: LazyLock<Vec<Issuer>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/issuers.tsv"))
        .map(|r| {
            let scope = match r[0] {
                "front" => IssuerScope::Front,
                "sender" => IssuerScope::Sender,
                other => panic!("issuers.tsv: unknown scope {other}"),
            };
            Issuer {
                scope,
                pattern: data_regex(r[1]),
                organ_en: r[2],
                organ_fr: r[3],
            }
        })
        .collect()
});

/// The opening of a note verbale: who sends it, to whom, and the title made from it.
#[derive(Debug)]
pub struct LetterOpening {
    pub pattern: Regex,
    pub doc_type: &'static str,
    pub template: &'static str,
}

/// Note verbale openings (`letter_openings.tsv`).
pub static LETTER_OPENINGS: LazyLock<Vec<LetterOpening>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/letter_openings.tsv"))
        .filter(|r| r[0] == "opening")
        .map(|r| LetterOpening {
            pattern: data_regex(&format!("^(?:{})", r[1])),
            doc_type: r[2],
            template: r[3],
        })
        .collect()
});

/// Word pairs a title template may produce and what they contract to (`de le` → `du`).
pub static CONTRACTIONS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/letter_openings.tsv"))
        .filter(|r| r[0] == "contraction")
        .map(|r| (r[1], r[2]))
        .collect()
});

/// A session line: number words, then the word for "session", then at most a short rest.
pub static SESSION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    data_regex(&format!(
        r"^(.+?)\s+(?:(?:emergency\s+)?special\s+)?(?:{})\b(.*)$",
        front_patterns("session_word")
    ))
});

/// Session lines of other shapes (`Session de 2015`, `第六十九届会议`, `الدورة …`):
/// whole-line patterns with a `year` or an `n` group.
pub static SESSION_FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/front_lines.tsv"))
        .filter(|r| r[0] == "session_form")
        .map(|r| data_regex(&format!(r"^(?:{})\s*$", r[1])))
        .collect()
});

/// One agenda item number with its sub-item letter (`72 (a)`, `18 b)`, `18 (ب)`).
pub const AGENDA_ITEM_PATTERN: &str = r"(\d{1,3})(?:\s?\(?([a-z]{1,4}|\p{Arabic}{1,2})\))?";

/// An agenda line: the words, the item numbers (`72 (a)`, `12 and 118`), the rest.
pub static AGENDA_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let item = unnamed(AGENDA_ITEM_PATTERN);
    data_regex(&format!(
        r"^(?:provisional\s+)?(?:{})\s*({item}(?:(?:{}){item})*)\s*(.*)$",
        front_patterns("agenda_word"),
        front_patterns("agenda_joiner"),
    ))
});

/// A pattern with its capturing groups made non-capturing.
fn unnamed(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else if c == '(' && chars.peek() != Some(&'?') {
            out.push_str("?:");
        }
    }
    out
}

/// Latin letter of an agenda sub-item printed in Arabic (`(ب)` → `b`).
pub static ITEM_LETTERS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/item_letters.tsv"))
        .map(|r| (r[0], r[1]))
        .collect()
});

/// What may follow an agenda line's numbers.
pub static AGENDA_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    data_regex(&format!(
        r"^(?:(?:{})\s*)*[\s*]*$",
        front_patterns("agenda_tail")
    ))
});

/// The patterns of `openings.tsv` of one kind, joined as alternatives.
fn opening_patterns(kind: &str) -> String {
    rows(include_str!("../../config/parse/openings.tsv"))
        .filter(|r| r[0] == kind)
        .map(|r| format!("(?:{})", r[1]))
        .collect::<Vec<_>>()
        .join("|")
}

/// A resolution's opening line (`The General Assembly,`), with what follows the comma
/// as `rest` (a one-paragraph decision, or the first preambular paragraph run in).
pub static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    data_regex(&format!(
        r"^(?:(?:{})\s*(?:{})|(?:{}))(?P<rest>\s*[,，].*|)$",
        opening_patterns("article"),
        opening_patterns("body"),
        opening_patterns("bare")
    ))
});

/// A heading that ends resolution text (`Annex`, `Draft resolution II`).
pub static RESOLUTION_STOP: LazyLock<Regex> =
    LazyLock::new(|| data_regex(&format!(r"^(?:{})\b", opening_patterns("stop"))));

/// Words a title line cannot end with (its next line continues it).
pub static TITLE_JOINERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/title_joiners.tsv"))
        .map(|r| r[0])
        .collect()
});

/// Word lists for reading leading verbs.
#[derive(Debug, Default)]
pub struct VerbWords {
    pub adverbs: Vec<Vec<String>>,
    pub reflexives: Vec<String>,
    pub complements: Vec<String>,
    /// Words that cannot start an operative paragraph (`We`, `The`).
    pub not_verbs: Vec<String>,
    /// Verbs whose participle follows (`Having`, `Ayant`).
    pub auxiliaries: Vec<String>,
    /// Adjectives that open preambular paragraphs (`Mindful`, `Consciente`).
    pub adjectives: Vec<String>,
    /// Known phrases as word sequences, longest first.
    pub phrases: Vec<Vec<String>>,
}

fn words_of(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

/// The leading-verb word lists.
pub static VERB_WORDS: LazyLock<VerbWords> = LazyLock::new(|| {
    let mut v = VerbWords::default();
    for r in rows(include_str!("../../config/parse/leading_verbs.tsv")) {
        match r[0] {
            "adverb" => v.adverbs.push(words_of(r[1])),
            "reflexive" => v.reflexives.push(r[1].to_lowercase()),
            "complement" => v.complements.push(r[1].to_lowercase()),
            "phrase" => v.phrases.push(words_of(r[1])),
            "not_verb" => v.not_verbs.push(r[1].to_lowercase()),
            "auxiliary" => v.auxiliaries.push(r[1].to_lowercase()),
            "adjective" => v.adjectives.push(r[1].to_lowercase()),
            other => panic!("leading_verbs.tsv: unknown kind {other}"),
        }
    }
    v.phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v.adverbs.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v
});

/// A body whose resolutions are cited: its name as a pattern, and its resolution prefix.
#[derive(Debug)]
pub struct CitingBody {
    /// Matches the name at the end of the text before "resolution(s)".
    pub before: Regex,
    /// Matches "du …"/"of the …" at the start of the text after the list.
    pub after: Regex,
    pub prefix: &'static str,
}

/// Bodies whose resolutions have their own symbol prefix.
pub static CITING_BODIES: LazyLock<Vec<CitingBody>> = LazyLock::new(|| {
    rows(include_str!("../../config/parse/citation_bodies.tsv"))
        .map(|r| CitingBody {
            before: data_regex(&format!(r"\b(?:{})(?:[’']s)?\s*$", r[0])),
            after: data_regex(&format!(
                r"^\s*(?:du|de\s+la|de\s+l[’']|de|of\s+the|del|,\s*(?:the|le|la|el))\s+(?:{})\b",
                r[0]
            )),
            prefix: r[1],
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_parses() {
        assert_eq!(MONTHS["décembre"], 12);
        assert_eq!(MONTHS["diciembre"], 12);
        assert!(NUMBER_WORDS["quatorzième"].ordinal);
        assert_eq!(LANGUAGE_NAMES["anglais"], "en");
        assert_eq!(DISTRIBUTIONS["limitée"], "limited");
        assert!(ORGANS.len() > 10);
        assert!(DOC_TYPES.iter().any(|r| r.source == KindSource::Symbol));
        assert!(!BODIES.is_empty());
        assert!(VERB_WORDS.phrases[0].len() >= VERB_WORDS.phrases.last().unwrap().len());
        assert!(!CITING_BODIES.is_empty());
        assert!(TITLE_JOINERS.contains(&"of"));
        assert!(NOISE_LINE.is_match("*1920187*"));
        assert!(SKIP_LINE.is_match("[Translation]"));
        assert!(SESSION_LINE.is_match("Seventy-eighth session"));
        assert!(AGENDA_LINE.is_match("Agenda item 94"));
        assert!(AGENDA_TAIL.is_match("de l’ordre du jour"));
        assert!(OPENING.is_match("L’Assemblée générale,"));
        assert!(RESOLUTION_STOP.is_match("Annexe"));
        assert!(CASE_INTRO.is_match("President Shi presiding, on the Legal Consequences"));
        assert!(CASE_END.is_match("(Request) Present: President Shi"));
        assert!(DIVISION.is_match("Section 29A"));
        assert!(DATE_LABEL.is_match("A: The Secretary-General DATE: 19 December 1991"));
        assert!(FILED_ON.is_match("Filed in the Registry on: 30 January 2004"));
        assert!(ISSUERS.len() > 4);
        assert!(!LETTER_OPENINGS.is_empty());
        assert!(!CONTRACTIONS.is_empty());
    }
}
