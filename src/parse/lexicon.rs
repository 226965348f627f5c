//! The word lists and patterns the parsers read UN documents with: month names, number
//! words, language names, organs, document kinds, leading verbs. They live in
//! `config/parse/*.tsv` (compiled into the binary, read through [`crate::datafile`]) so
//! that adding a language or a document kind is a data change; this module parses each
//! file once.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

use crate::datafile::{self, unknown_value, DataError, Row};

/// A case-insensitive regex of a data file's row: `pattern` is the row's pattern as the
/// code wraps it; a bad pattern is an error naming the file and line.
fn row_regex(row: &Row<'_, 'static>, pattern: &str) -> Result<Regex, DataError> {
    Regex::new(&format!("(?i){pattern}")).map_err(|e| row.error(format!("bad pattern: {e}")))
}

/// A case-insensitive regex built from patterns already checked row by row.
fn data_regex(pattern: &str) -> Regex {
    Regex::new(&format!("(?i){pattern}"))
        .unwrap_or_else(|e| panic!("bad pattern {pattern:?} in config/parse: {e}"))
}

/// The rows of a `kind, pattern` file: each kind must be one of `kinds`, each pattern
/// a regular expression.
fn kind_patterns(path: &str, kinds: &[&str]) -> Vec<(&'static str, &'static str)> {
    datafile::read(path, &["kind", "pattern"], |r| {
        let kind = r.choice("kind", kinds)?;
        let pattern = r.str("pattern")?;
        row_regex(&r, pattern)?;
        Ok((kind, pattern))
    })
}

/// Month name (lower case) → month number.
pub static MONTHS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    datafile::read("parse/months.tsv", &["name", "month"], |r| {
        Ok((r.str("name")?, r.get("month")?))
    })
    .into_iter()
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
    datafile::read("parse/ordinals.tsv", &["word", "value", "kind"], |r| {
        let word = NumberWord {
            value: r.get("value")?,
            ordinal: r.choice("kind", &["o", "c", "d", "m"])? == "o",
        };
        let numeral = matches!(r.str("kind")?, "d" | "m");
        Ok((r.str("word")?, word, numeral))
    })
    .into_iter()
    .filter(|(_, _, numeral)| !numeral)
    .map(|(w, word, _)| (w, word))
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
    datafile::read("parse/ordinals.tsv", &["word", "value", "kind"], |r| {
        let kind = r.choice("kind", &["o", "c", "d", "m"])?;
        if !matches!(kind, "d" | "m") {
            return Ok(None);
        }
        let word = r.str("word")?;
        let mut chars = word.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return Err(r.error("a numeral (kind d or m) is one character"));
        };
        let numeral = NumeralChar {
            value: r.get("value")?,
            multiplier: kind == "m",
        };
        Ok(Some((c, numeral)))
    })
    .into_iter()
    .flatten()
    .collect()
});

/// Language name (lower case) → ISO 639-1 code.
pub static LANGUAGE_NAMES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    datafile::read("parse/languages.tsv", &["name", "code"], |r| {
        let code = r.str("code")?;
        code.parse::<crate::lang::Lang>()
            .map_err(|e| r.error(format!("column `code`: {e}")))?;
        Ok((r.str("name")?, code))
    })
    .into_iter()
    .collect()
});

/// Distribution word after `Distr.` (lower case) → record value.
pub static DISTRIBUTIONS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    datafile::read("parse/distributions.tsv", &["word", "distribution"], |r| {
        Ok((r.str("word")?, r.str("distribution")?))
    })
    .into_iter()
    .collect()
});

/// Organ patterns and the organ name written to the record.
pub static ORGANS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    datafile::read("parse/organs.tsv", &["pattern", "organ"], |r| {
        // Chinese names need no word bounds: Chinese sets no spaces, and OCR glues a
        // masthead's organ to the date or symbol beside it (`大会2015年`).
        let p = r.str("pattern")?;
        let pattern = match p.chars().next().is_some_and(crate::lang::is_cjk) {
            true => row_regex(&r, p)?,
            false => row_regex(&r, &format!(r"\b(?:{p})\b"))?,
        };
        Ok((pattern, r.str("organ")?))
    })
});

/// Where a document-kind pattern is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    Line,
    Sponsors,
    Symbol,
}

impl FromStr for KindSource {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "line" => Ok(KindSource::Line),
            "sponsors" => Ok(KindSource::Sponsors),
            "symbol" => Ok(KindSource::Symbol),
            _ => Err(unknown_value(s, &["line", "sponsors", "symbol"])),
        }
    }
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
    /// The line says nothing about the title (`none`; `-` for rows that are not lines).
    None,
}

impl FromStr for TitleRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "before" => Ok(TitleRole::Before),
            "after" => Ok(TitleRole::After),
            "title" => Ok(TitleRole::Itself),
            "from" => Ok(TitleRole::From),
            "case" => Ok(TitleRole::Case),
            "sections" => Ok(TitleRole::Sections),
            "none" | "-" => Ok(TitleRole::None),
            _ => Err(unknown_value(
                s,
                &[
                    "before", "after", "title", "from", "case", "sections", "none", "-",
                ],
            )),
        }
    }
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
    let columns = ["source", "pattern", "doc_type", "role"];
    datafile::read("parse/doc_types.tsv", &columns, |r| {
        let source = r.get("source")?;
        let role = r.get("role")?;
        let text = r.str("pattern")?;
        let pattern = match source {
            KindSource::Line if role == TitleRole::From => row_regex(&r, text)?,
            KindSource::Line => row_regex(&r, &format!("^(?:{text})"))?,
            KindSource::Sponsors => row_regex(&r, &format!("^(?:{text})$"))?,
            KindSource::Symbol => row_regex(&r, text)?,
        };
        Ok(KindRule {
            source,
            pattern,
            doc_type: r.str("doc_type")?,
            role,
        })
    })
});

/// Whole-line patterns of front lines naming the body a document comes from.
pub static BODIES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    datafile::read("parse/bodies.tsv", &["pattern"], |r| {
        row_regex(&r, &format!("^(?:{})$", r.str("pattern")?))
    })
});

/// The kinds of `front_lines.tsv`.
const FRONT_KINDS: &[&str] = &[
    "noise",
    "subject",
    "skip",
    "case_intro",
    "case_end",
    "division",
    "date_label",
    "filed_on",
    "session_word",
    "session_form",
    "agenda_word",
    "agenda_joiner",
    "agenda_tail",
];

/// The patterns of `front_lines.tsv` of one kind, joined as alternatives.
fn front_patterns(kind: &str) -> String {
    alternatives(&FRONT_ROWS, kind)
}

/// The rows of `front_lines.tsv`: kind and pattern.
static FRONT_ROWS: LazyLock<Vec<(&str, &str)>> =
    LazyLock::new(|| kind_patterns("parse/front_lines.tsv", FRONT_KINDS));

/// The patterns of one kind, joined as alternatives.
fn alternatives(rows: &[(&str, &str)], kind: &str) -> String {
    rows.iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, p)| format!("(?:{p})"))
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
    datafile::read("parse/proper_names.tsv", &["pattern"], |r| {
        row_regex(&r, r.str("pattern")?)
    })
});

/// Where an issuer pattern is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuerScope {
    Front,
    Sender,
}

impl FromStr for IssuerScope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "front" => Ok(IssuerScope::Front),
            "sender" => Ok(IssuerScope::Sender),
            _ => Err(unknown_value(s, &["front", "sender"])),
        }
    }
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
    let columns = ["scope", "pattern", "organ_en", "organ_fr"];
    datafile::read("parse/issuers.tsv", &columns, |r| {
        Ok(Issuer {
            scope: r.get("scope")?,
            pattern: row_regex(&r, r.str("pattern")?)?,
            organ_en: r.str("organ_en")?,
            organ_fr: r.str("organ_fr")?,
        })
    })
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
    let columns = ["pattern", "doc_type", "template"];
    datafile::read("parse/letter_openings.tsv", &columns, |r| {
        Ok(LetterOpening {
            pattern: row_regex(&r, &format!("^(?:{})", r.str("pattern")?))?,
            doc_type: r.str("doc_type")?,
            template: r.str("template")?,
        })
    })
});

/// Word pairs a title template may produce and what they contract to (`de le` → `du`).
pub static CONTRACTIONS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    datafile::read("parse/contractions.tsv", &["words", "contraction"], |r| {
        Ok((r.str("words")?, r.str("contraction")?))
    })
});

/// A session line: number words, then the word for "session", then at most a short rest.
pub static SESSION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    data_regex(&format!(
        r"^(.+?)\s+(?:(?:emergency\s+)?special\s+)?(?:{})\b(.*)$",
        front_patterns("session_word")
    ))
});

/// An agenda line: the words, the item numbers (`72 (a)`, `12 and 118`), the rest.
pub static AGENDA_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let item = unnamed(AGENDA_ITEM_PATTERN);
    data_regex(&format!(
        r"^(?:provisional\s+)?(?:{})\s*({item}(?:(?:{}){item})*)\s*(.*)$",
        front_patterns("agenda_word"),
        front_patterns("agenda_joiner"),
    ))
});

/// Session lines of other shapes (`Session de 2015`, `第六十九届会议`, `الدورة …`):
/// whole-line patterns with a `year` or an `n` group.
pub static SESSION_FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    FRONT_ROWS
        .iter()
        .filter(|(k, _)| *k == "session_form")
        .map(|(_, p)| data_regex(&format!(r"^(?:{p})\s*$")))
        .collect()
});

/// One agenda item number with its sub-item letter (`72 (a)`, `18 b)`, `18 (ب)`).
pub const AGENDA_ITEM_PATTERN: &str = r"(\d{1,3})(?:\s?\(?([a-z]{1,4}|\p{Arabic}{1,2})\))?";

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
    datafile::read("parse/item_letters.tsv", &["printed", "letter"], |r| {
        Ok((r.str("printed")?, r.str("letter")?))
    })
    .into_iter()
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
    static ROWS: LazyLock<Vec<(&str, &str)>> =
        LazyLock::new(|| kind_patterns("parse/openings.tsv", &["article", "body", "bare", "stop"]));
    alternatives(&ROWS, kind)
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
pub static TITLE_JOINERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| datafile::read("parse/title_joiners.tsv", &["word"], |r| r.str("word")));

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
    let kinds = [
        "adverb",
        "reflexive",
        "complement",
        "phrase",
        "not_verb",
        "auxiliary",
        "adjective",
    ];
    let rows = datafile::read("parse/leading_verbs.tsv", &["kind", "words"], |r| {
        Ok((r.choice("kind", &kinds)?, r.str("words")?))
    });
    for (kind, words) in rows {
        match kind {
            "adverb" => v.adverbs.push(words_of(words)),
            "reflexive" => v.reflexives.push(words.to_lowercase()),
            "complement" => v.complements.push(words.to_lowercase()),
            "phrase" => v.phrases.push(words_of(words)),
            "not_verb" => v.not_verbs.push(words.to_lowercase()),
            "auxiliary" => v.auxiliaries.push(words.to_lowercase()),
            _ => v.adjectives.push(words.to_lowercase()),
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
    datafile::read("parse/citation_bodies.tsv", &["pattern", "prefix"], |r| {
        let name = r.str("pattern")?;
        Ok(CitingBody {
            before: row_regex(&r, &format!(r"\b(?:{name})(?:[’']s)?\s*$"))?,
            after: row_regex(
                &r,
                &format!(
                    r"^\s*(?:du|de\s+la|de\s+l[’']|de|of\s+the|del|,\s*(?:the|le|la|el))\s+(?:{name})\b"
                ),
            )?,
            prefix: r.str("prefix")?,
        })
    })
});

/// The words around citations (`citation_words.tsv`) of one kind, joined as alternatives.
pub fn citation_words(kind: &str) -> String {
    static ROWS: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| {
        let kinds = ["resolution", "decision", "and", "date_lead", "part"];
        kind_patterns("parse/citation_words.tsv", &kinds)
    });
    alternatives(&ROWS, kind)
}

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
        for kind in ["resolution", "decision", "and", "date_lead", "part"] {
            assert!(!citation_words(kind).is_empty(), "{kind}");
        }
        for kind in FRONT_KINDS {
            assert!(!front_patterns(kind).is_empty(), "{kind}");
        }
    }
}
