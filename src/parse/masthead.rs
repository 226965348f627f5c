//! First-page metadata of a UN document: symbol(s), organ, distribution, date, language
//! of the copy and original language, session, agenda items, title, document kind and
//! job number.
//!
//! It reads the masthead lines (`CleanText::masthead`) and the front matter, the first
//! paragraphs of the body up to the first body paragraph (session, committee, agenda
//! item, title, sponsors lines; for text inputs the whole masthead may be there too).
//! Every front line gets a [`Role`] from the UN masthead conventions; the fields are then
//! read off the roles. Word lists and patterns come from `config/parse/`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{find_dates, first_date, whole_line_date, year_word_after};
use super::lexicon::{
    KindRule, KindSource, TitleRole, AGENDA_ITEM_PATTERN, AGENDA_LINE, AGENDA_TAIL, BODIES,
    DISTRIBUTIONS, DOC_TYPES, ITEM_LETTERS, LANGUAGE_NAMES, NOISE_LINE, NUMBER_WORDS,
    NUMERAL_CHARS, ORGANS, SESSION_FORMS, SESSION_LINE, SKIP_LINE, SUBJECT_LABEL, TITLE_JOINERS,
};
use super::paragraphs::is_body_start;
use super::plain_line;
use super::symbols::{find_symbols, is_symbol_line};
use super::{cover, letters};
use crate::lang::Lang;
use crate::model::CleanText;

/// How many paragraphs at most may be front matter.
const MAX_FRONT_PARAGRAPHS: usize = 25;

/// Metadata read from the first page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Masthead {
    pub symbol: Option<String>,
    pub other_symbols: Vec<String>,
    pub organ: Option<String>,
    pub distribution: Option<String>,
    pub date: Option<String>,
    pub document_language: Option<String>,
    pub original_language: Option<String>,
    pub session: Option<u32>,
    pub agenda_items: Vec<String>,
    pub title: Option<String>,
    pub doc_type: Option<String>,
    pub job_number: Option<String>,
    /// How many leading paragraphs of the body are front matter.
    pub front_paragraphs: usize,
}

/// What a front line is.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A masthead line (organ, symbol, distribution, date, languages, job number).
    Masthead,
    /// `Seventy-eighth session`.
    Session(u32),
    /// `Agenda item 72 (a)`.
    Agenda(Vec<String>),
    /// The body the document comes from (`First Committee`).
    Body,
    /// A line naming the document kind; `phrase` is the words that join the title
    /// (`rapport de la Première Commission`, `draft resolution`).
    Kind {
        /// The record's `doc_type` the line says.
        doc_type: &'static str,
        /// How the line takes part in the title.
        role: TitleRole,
        /// The words that join the title.
        phrase: String,
    },
    /// A resolution's number and title line (`78/237. Developments in …`).
    ResolutionTitle(String),
    /// Nothing to read (`[Translation]`, rapporteur, bracketed notes).
    Skip,
    /// Anything else: title candidates.
    Text,
}

static DISTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bdistr\.?\s*:?\s*(\p{L}+)").expect("distr regex"));
static ORIGINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\boriginal\s*:\s*(\p{L}+)").expect("original regex"));
static JOB_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{2}-\d{5})(?:\s*\(([A-Z])\))?(?:\s|$)").expect("job regex"));
static AGENDA_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i){AGENDA_ITEM_PATTERN}")).expect("agenda item regex"));
static RESOLUTION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z]/RES/)?(?:ES-|S-)?\d{1,4}/\d{1,4}(?:\s[A-Z])?\.\s+(\S.*)$")
        .expect("resolution title regex")
});
static FOOTNOTE_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\]\s]{1,4}\]|\*+").expect("footnote mark regex"));
static DATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:dated|dat[ée]e?s?\s+du|de\s+fecha|held\s+on|tenue?\s+le|celebrada\s+el)\b",
    )
    .expect("dated regex")
});
static BYLINE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:submitted\s+by|pr[ée]sent[ée]e?\s+par|presentado\s+por)\b.*$")
        .expect("byline tail regex")
});

/// Reads the first-page metadata of a document.
pub fn parse_masthead(clean: &CleanText) -> Masthead {
    let front = front_paragraph_count(&clean.paragraphs);
    // The masthead lines, then the front paragraphs, as plain text with their roles.
    let mut lines: Vec<(String, Role, bool)> = Vec::new();
    let mut seen_front_marker = false;
    for raw in &clean.masthead {
        let line = plain_line(raw);
        if line.is_empty() {
            continue;
        }
        let mut role = classify_line(&line);
        if matches!(role, Role::Session(_) | Role::Agenda(_) | Role::Body) {
            seen_front_marker = true;
        } else if role == Role::Text && !seen_front_marker {
            // Unrecognised masthead lines (emblem text, stray words) are no title.
            role = Role::Skip;
        }
        lines.push((line, role, true));
    }
    let mut paragraph_of_line: Vec<Option<usize>> = vec![None; lines.len()];
    for (index, raw) in clean.paragraphs[..front].iter().enumerate() {
        let line = plain_line(raw);
        if line.is_empty() {
            continue;
        }
        let role = classify_line(&line);
        lines.push((line, role, false));
        paragraph_of_line.push(Some(index));
    }
    // A draft's own title, after its sponsors line, is the last front line: what follows
    // is the text (`Delete operative paragraph 9.` in an amendment).
    let front = draft_title_end(&lines)
        .and_then(|i| paragraph_of_line[i])
        .map_or(front, |p| front.min(p + 1));
    lines.truncate(
        paragraph_of_line
            .iter()
            .position(|p| p.is_some_and(|p| p >= front))
            .unwrap_or(lines.len()),
    );

    let mut m = Masthead {
        front_paragraphs: front,
        ..Masthead::default()
    };
    let masthead_lines: Vec<&str> = lines
        .iter()
        .filter(|(_, r, from_masthead)| *from_masthead || *r == Role::Masthead)
        .map(|(l, _, _)| l.as_str())
        .collect();
    let first: Vec<String> = clean
        .paragraphs
        .iter()
        .take(MAX_FRONT_PARAGRAPHS)
        .map(|p| plain_line(p))
        .collect();
    read_masthead_fields(&mut m, &masthead_lines, &lines, &first);
    if m.organ.is_none() {
        m.organ = organ_in_front_tables(clean, front);
    }
    // OCR of the large bold masthead symbol loses characters (`S/20` for `S/2015/74`,
    // `E/15` for `E/2015/8`): the second reading of an OCRed masthead and the running
    // heads (the same symbol, smaller) complete it when they read it whole.
    let reread: Vec<&str> = clean.masthead_reread.iter().map(String::as_str).collect();
    for other in [reread_symbol(&reread), most_common_symbol(&clean.running)]
        .into_iter()
        .flatten()
    {
        match &m.symbol {
            None => m.symbol = Some(other),
            Some(s) if truncated_form_of(s, &other) => m.symbol = Some(other),
            Some(_) => {}
        }
    }
    if m.date.is_none() {
        m.date = reread_date(&reread);
    }
    if m.organ.is_none() {
        m.organ = organ_in(&reread.join(" ")).or_else(|| organ_in(&organ_column(&reread)));
    }
    if m.symbol.is_none() {
        m.symbol = cover_symbol(clean);
    }
    if m.job_number.is_none() {
        m.job_number = clean.running.iter().find_map(|l| job_number(l.trim()));
    }
    for (line, role, _) in &lines {
        match role {
            Role::Session(n) if m.session.is_none() => {
                m.session = Some(*n);
                // `Soixante-quatorzième session Point 93 de l’ordre du jour` on one line.
                if let Some(items) = session_rest(line).and_then(|r| agenda_items(&r)) {
                    m.agenda_items = items;
                }
            }
            Role::Agenda(items) if m.agenda_items.is_empty() => m.agenda_items = items.clone(),
            _ => {}
        }
    }
    session_and_agenda_from_reread(&mut m, &reread);
    let body_lang = title_language(&clean.paragraphs, front);
    let (title, kind) = title_and_kind(&lines, body_lang);
    // A note verbale without a title line is named by its opening sentence.
    let opening = first.iter().find_map(|p| letters::opening(p));
    m.title = title
        .or_else(|| subject_line(&first))
        .or_else(|| opening.as_ref().map(|o| o.title.clone()))
        .or_else(|| first_text_after_headers(&lines, &first))
        .map(|t| cover::sentence_case(&t, body_lang.unwrap_or(Lang::En)));
    m.doc_type = kind
        .or_else(|| m.symbol.as_deref().and_then(kind_from_symbol))
        .or_else(|| opening.map(|o| o.doc_type.to_string()));
    read_unmarked(&mut m, &clean.paragraphs, &first);
    m
}

/// The language the title is chosen in: the body's, read as the record's `language` is
/// (the body after the front, else all the text); for a document written in two
/// languages, one of them English (an ICJ verbatim record whose speeches are in French
/// and English, under a bilingual cover), English, as the UN and ICJ catalogues title
/// such documents.
fn title_language(paragraphs: &[String], front: usize) -> Option<Lang> {
    let body = crate::lang::detect_all(&paragraphs[front..].join("\n"));
    if body.len() > 1 && body.contains(&Lang::En) {
        return Some(Lang::En);
    }
    body.first()
        .copied()
        .or_else(|| crate::lang::detect(&paragraphs.join("\n")))
}

/// Organ and date of a document whose masthead gives none (letters, memoranda, notes
/// verbales, statements filed with a court): a filing or letterhead mark names the
/// organ; the date is the registry's filing stamp, else, when there is no symbol either,
/// the first paragraph that is a date alone (a letter's date line, a signature's date).
fn read_unmarked(m: &mut Masthead, paragraphs: &[String], first: &[String]) {
    if m.organ.is_none() {
        m.organ = letters::issuer_organ(first);
    }
    if m.date.is_none() {
        m.date = letters::filed_date(first).or_else(|| {
            m.symbol
                .is_none()
                .then(|| letters::date_line(paragraphs))
                .flatten()
        });
    }
}

/// The last line of the title that follows a sponsors line (or `Draft resolution
/// submitted by …`), if any.
fn draft_title_end(lines: &[(String, Role, bool)]) -> Option<usize> {
    let kind_at = lines.iter().rposition(|(_, r, _)| {
        matches!(
            r,
            Role::Kind {
                role: TitleRole::After,
                ..
            }
        )
    })?;
    let start = (kind_at + 1..lines.len()).find(|&j| lines[j].1 == Role::Text)?;
    let mut end = start;
    while end + 1 < lines.len()
        && lines[end + 1].1 == Role::Text
        && continues(&lines[end].0, &lines[end + 1].0)
    {
        end += 1;
    }
    Some(end)
}

/// Fills symbol, organ, distribution, date, languages and job number.
fn read_masthead_fields(
    m: &mut Masthead,
    masthead: &[&str],
    all: &[(String, Role, bool)],
    first: &[String],
) {
    let mut symbols = masthead_symbols(masthead).into_iter();
    m.symbol = symbols.next();
    m.other_symbols = symbols.collect();

    let joined = masthead.join(" ");
    // Old mastheads set the organ in big letters, one word per line, interleaved with
    // the right column (`UNITED`, `Distr.`, `GENERAL`, `A/L.632`, `ASSEMBLY`): try the
    // lines made of words only, too.
    let words_only = masthead
        .iter()
        .filter(|l| l.chars().all(|c| c.is_alphabetic() || c == ' '))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    m.organ = organ_in(&joined)
        .or_else(|| organ_in(&words_only))
        .or_else(|| organ_in(&organ_column(masthead)))
        .or_else(|| organ_in(&leading_capitals(masthead, false)))
        .or_else(|| organ_in(&leading_capitals(masthead, true)));
    m.distribution = DISTR.captures(&joined).and_then(|c| {
        DISTRIBUTIONS
            .get(c[1].to_lowercase().as_str())
            .map(|d| d.to_string())
    });
    m.original_language = ORIGINAL
        .captures(&joined)
        .and_then(|c| language_code(&c[1]));
    m.document_language = masthead.iter().find_map(|l| copy_language(l));
    m.date = masthead_date(masthead)
        .or_else(|| letters::labelled_date(first))
        .or_else(|| dated_front_line(all));
    m.job_number = masthead.iter().find_map(|l| job_number(l));
}

/// The symbols of masthead lines, in order, each once.
fn masthead_symbols(masthead: &[&str]) -> Vec<String> {
    let mut symbols: Vec<String> = Vec::new();
    for line in masthead {
        let line = &close_symbol_gaps(line);
        if is_symbol_line(line) || starts_with_organ_or_un(line) || line.contains('/') {
            for s in find_symbols(line) {
                if !symbols.contains(&s.symbol) {
                    symbols.push(s.symbol);
                }
            }
        }
    }
    symbols
}

/// The first date of masthead lines that dates the document (not `dated …`, nor an
/// adoption line misplaced in the masthead, which dates the adoption).
fn masthead_date(masthead: &[&str]) -> Option<String> {
    masthead
        .iter()
        .filter(|l| !DATED.is_match(l))
        .filter(|l| !matches!(classify_line(l), Role::Kind { .. }))
        .find_map(|l| first_date(l).map(|d| d.iso))
}

/// The session and agenda items the first reading of an OCRed masthead lost (a faint
/// `Agenda item 34` under a dark scan edge), from the second reading: only a line that
/// is a session or agenda line as a whole counts, as in the masthead itself.
fn session_and_agenda_from_reread(m: &mut Masthead, reread: &[&str]) {
    for line in reread {
        match classify_line(&plain_line(line)) {
            Role::Session(n) if m.session.is_none() => m.session = Some(n),
            Role::Agenda(items) if m.agenda_items.is_empty() => m.agenda_items = items,
            _ => {}
        }
    }
}

/// The symbol of the second reading of an OCRed masthead: only a line that is a symbol
/// (or an organ's name and its symbol) counts. The band read a second time also holds
/// the first lines of a document without a masthead (a statement, a letter), whose
/// prose cites other documents (`… through resolution A/RES/ES-10/14, in which …`).
fn reread_symbol(reread: &[&str]) -> Option<String> {
    let lines: Vec<String> = reread.iter().map(|l| close_symbol_gaps(l)).collect();
    lines
        .iter()
        .filter(|l| is_symbol_line(l) || starts_with_organ_or_un(l))
        .find_map(|l| find_symbols(l).into_iter().next().map(|s| s.symbol))
}

/// The date of the second reading of an OCRed masthead: a short line that is a date
/// with at most three other words (`Distr.: General 6 February 2015`, `6 февраля 2015
/// года`), never a date inside prose (`… in its Order of 19 December 2003, the …`).
fn reread_date(reread: &[&str]) -> Option<String> {
    const MAX_CHARS: usize = 60;
    const MAX_OTHER_WORDS: usize = 3;
    let short: Vec<&str> = reread
        .iter()
        .copied()
        .filter(|l| l.trim().chars().count() <= MAX_CHARS)
        .filter(|l| {
            find_dates(l).first().is_some_and(|d| {
                let others =
                    l[..d.start].split_whitespace().count() + l[d.end..].split_whitespace().count();
                others <= MAX_OTHER_WORDS
            })
        })
        .collect();
    masthead_date(&short)
}

/// The organ named in a table among the front paragraphs: a two-column letterhead (the
/// ICJ cover's `International Court of Justice | Cour internationale de Justice`) is read
/// as a table, its cells are masthead lines.
fn organ_in_front_tables(clean: &CleanText, front: usize) -> Option<String> {
    clean
        .table_at
        .iter()
        .filter(|(paragraph, _)| *paragraph < front)
        .filter_map(|(_, table)| clean.tables.get(*table))
        .flat_map(|t| t.rows.iter().flatten())
        .find_map(|cell| organ_in(&plain_line(cell)))
}

/// The masthead without the lines and dates of its right column (distribution, date,
/// language lines, symbols): what is left is the left column, where an organ's name set
/// on two lines (`Экономический и Социальный` / `Совет`) may have had the right
/// column's lines put between or beside its parts.
fn organ_column(masthead: &[&str]) -> String {
    masthead
        .iter()
        .filter(|l| {
            !(DISTR.is_match(l)
                || ORIGINAL.is_match(l)
                || copy_language(l).is_some()
                || is_symbol_line(&close_symbol_gaps(l)))
        })
        .map(|l| without_dates(l))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line with its dates taken out.
fn without_dates(line: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for d in find_dates(line) {
        out.push_str(&line[at..d.start]);
        at = d.end + year_word_after(&line[d.end..]);
    }
    out.push_str(&line[at..]);
    out
}

/// The first word of each masthead line when it is a word in capitals, joined: the left
/// column of an old masthead (`UNITED` / `GENERAL` / `ASSEMBLY`) when OCR put the right
/// column (`Distr.`, `LIMITED`, the symbol) on the same lines or between them. Without
/// the distribution words (`GENERAL`) when `skip_distribution`, for `SECURITY` /
/// `GENERAL` / `COUNCIL`.
fn leading_capitals(masthead: &[&str], skip_distribution: bool) -> String {
    masthead
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_uppercase))
        .filter(|w| !skip_distribution || !DISTRIBUTIONS.contains_key(w.to_lowercase().as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// OCR puts spaces after the slashes of a symbol (`A/ 74/ 386`) and loses the full stop
/// of a meeting record's number (`S/PV 492`): close them up. OCR with a Cyrillic model
/// reads a symbol's Latin capitals as their Cyrillic look-alikes (`Е/2015/8`), and `S`
/// may come out as `$`: in a word with a slash and a digit they are turned back. A
/// symbol glued to the Chinese name before it (`联合国S/2015/74`) is set apart.
fn close_symbol_gaps(line: &str) -> String {
    static GAP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/\s+([A-Z0-9])").expect("gap regex"));
    static RECORD_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/(PV|SR)\s+(\d)").expect("record number regex"));
    static AFTER_HAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\p{Han})([A-Z$]{1,2}/)").expect("han regex"));
    let closed = AFTER_HAN.replace_all(line, "$1 $2");
    let closed = GAP.replace_all(&closed, "/$1");
    let closed = RECORD_NUMBER.replace_all(&closed, "/$1.$2");
    closed
        .split(' ')
        .map(|w| {
            if w.contains('/') && w.chars().any(|c| c.is_ascii_digit()) {
                w.chars().map(latin_look_alike).collect()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The symbol printed alone at the foot of an old record's cover (`S/PV.492`, beside
/// the page count `(24 p.)`), which the cleaning stage sets apart with the page's
/// notes: used when neither the masthead nor the running lines give a symbol.
fn cover_symbol(clean: &CleanText) -> Option<String> {
    static PAGE_COUNT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\(\s*\d{1,4}\s*p\.?\s*\)\s*").expect("page count regex"));
    clean.footnotes.iter().take(3).find_map(|note| {
        let line = close_symbol_gaps(PAGE_COUNT.replace(note.text.trim(), "").trim());
        if !is_symbol_line(&line) {
            return None;
        }
        find_symbols(&line).into_iter().next().map(|s| s.symbol)
    })
}

/// The Latin capital a Cyrillic capital (or `$`) looks like (`Е` → `E`), else the
/// character.
fn latin_look_alike(c: char) -> char {
    match c {
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'Ѕ' | '$' => 'S',
        _ => c,
    }
}

/// The earliest organ named in a text. Spaces between Chinese characters (OCR's sparse
/// reading sets them: `经 济 及 社会 理事 会`) do not count.
fn organ_in(text: &str) -> Option<String> {
    static CJK_GAP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\p{Han})\s+(\p{Han})").expect("cjk gap regex"));
    let once = CJK_GAP.replace_all(text, "$1$2");
    let text = &CJK_GAP.replace_all(&once, "$1$2");
    ORGANS
        .iter()
        .filter_map(|(re, name)| re.find(text).map(|f| (f.start(), *name)))
        .min_by_key(|(start, _)| *start)
        .map(|(_, name)| name.to_string())
}

/// The date of a letter or a sitting when the masthead has none (`dated 15 January 2004`,
/// `held on Friday 23 February 2024`).
fn dated_front_line(lines: &[(String, Role, bool)]) -> Option<String> {
    lines.iter().find_map(|(l, _, _)| {
        let key = DATED.find(l)?;
        let rest = &l[key.end()..];
        let d = find_dates(rest).into_iter().next()?;
        (d.start <= 12).then_some(d.iso)
    })
}

fn starts_with_organ_or_un(line: &str) -> bool {
    NOISE_LINE.is_match(line)
        || ORGANS
            .iter()
            .any(|(re, _)| re.find(line).is_some_and(|f| f.start() == 0))
}

fn language_code(name: &str) -> Option<String> {
    LANGUAGE_NAMES
        .get(name.to_lowercase().as_str())
        .map(|c| c.to_string())
}

/// The language of the copy, when a masthead line names it alone (`Français`), possibly
/// after the date of a merged line.
fn copy_language(line: &str) -> Option<String> {
    let rest = match first_date(line) {
        Some(d) if d.start == 0 => &line[d.end..],
        _ => line,
    };
    language_code(rest.trim())
}

fn job_number(line: &str) -> Option<String> {
    JOB_NUMBER.captures(line).map(|c| c[1].to_string())
}

fn most_common_symbol(running: &[String]) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for line in running {
        let line = close_symbol_gaps(line.trim());
        if !is_symbol_line(&line) {
            continue;
        }
        for s in find_symbols(&line) {
            if !counts.contains_key(&s.symbol) {
                order.push(s.symbol.clone());
            }
            *counts.entry(s.symbol).or_default() += 1;
        }
    }
    // The most frequent; among equals, the first seen.
    let best = order.iter().map(|s| counts[s]).max()?;
    order.into_iter().find(|s| counts[s] == best)
}

/// Whether `short` is `full` with characters lost: the same series (the letters before
/// the first `/`), shorter, and its characters in `full` in the same order
/// (`S/20`, `S/2015`, `E/15` of `S/2015/74`, `S/2015/74`, `E/2015/8`).
fn truncated_form_of(short: &str, full: &str) -> bool {
    let series = |s: &str| s.split('/').next().unwrap_or("").to_string();
    if short.len() >= full.len() || series(short) != series(full) {
        return false;
    }
    let mut rest = full.chars();
    short.chars().all(|c| rest.any(|f| f == c))
}

/// How many leading paragraphs are front matter: they end at the first body paragraph.
pub fn front_paragraph_count(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .take(MAX_FRONT_PARAGRAPHS)
        .position(|p| {
            let line = plain_line(p);
            !line.is_empty() && is_body_start(&line) && !is_sponsors_line(&line)
        })
        .unwrap_or_else(|| paragraphs.len().min(MAX_FRONT_PARAGRAPHS))
}

fn is_sponsors_line(line: &str) -> bool {
    sponsors_kind(line).is_some()
}

/// `Algérie, …, et Zimbabwe : projet de résolution` → the kind and its phrase.
fn sponsors_kind(line: &str) -> Option<(&'static str, String)> {
    let (_, after) = line.rsplit_once([':', '：'])?;
    // `Russian Federation:* amendment …`: the star is a footnote mark.
    let phrase = after
        .trim()
        .trim_start_matches('*')
        .trim_end_matches('.')
        .trim();
    DOC_TYPES
        .iter()
        .filter(|r| r.source == KindSource::Sponsors)
        .find(|r| r.pattern.is_match(phrase))
        .map(|r| (r.doc_type, phrase.to_string()))
}

/// What a front line is.
pub fn classify_line(line: &str) -> Role {
    if let Some(c) = RESOLUTION_TITLE.captures(line) {
        return Role::ResolutionTitle(c[1].to_string());
    }
    if let Some(n) = session_number(line) {
        return Role::Session(n);
    }
    if let Some(items) = agenda_items(line) {
        return Role::Agenda(items);
    }
    if is_masthead_line(line) {
        return Role::Masthead;
    }
    if BODIES.iter().any(|re| re.is_match(line)) {
        return Role::Body;
    }
    if SKIP_LINE.is_match(line) {
        return Role::Skip;
    }
    if let Some((doc_type, phrase)) = sponsors_kind(line) {
        return Role::Kind {
            doc_type,
            role: TitleRole::After,
            phrase,
        };
    }
    if let Some(rule) = DOC_TYPES
        .iter()
        .filter(|r| r.source == KindSource::Line)
        .find(|r| kind_words_at(r, line))
    {
        let phrase = match rule.role {
            TitleRole::After => {
                let m = rule.pattern.find(line).map_or(line, |m| m.as_str());
                BYLINE_TAIL.replace(m, "").trim().to_string()
            }
            TitleRole::From => line[rule.pattern.find(line).map_or(0, |m| m.start())..].to_string(),
            _ => line.to_string(),
        };
        return Role::Kind {
            doc_type: rule.doc_type,
            role: rule.role,
            phrase,
        };
    }
    Role::Text
}

/// Whether a line rule finds its words in a line; words found inside a line (role
/// `from`) must be set as a title, with a capital.
fn kind_words_at(rule: &KindRule, line: &str) -> bool {
    match rule.role {
        TitleRole::From => rule
            .pattern
            .find(line)
            .is_some_and(|m| m.as_str().starts_with(char::is_uppercase)),
        _ => rule.pattern.is_match(line),
    }
}

fn is_masthead_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    NOISE_LINE.is_match(line)
        || DISTR.is_match(line)
        || lower.starts_with("original")
        || whole_line_date(line).is_some()
        || copy_language(line).is_some()
        || JOB_NUMBER.is_match(line)
        || is_symbol_line(&close_symbol_gaps(line))
        || (line.chars().count() < 70 && is_organ_line(line) && !line.trim_end().ends_with(','))
}

/// A line naming an organ: it starts with the name (after OCR specks such as `}`), or
/// little else is on the line (`ey) Assemblée générale ce`).
fn is_organ_line(line: &str) -> bool {
    let start = line.len()
        - line
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    ORGANS.iter().any(|(re, _)| {
        re.find(line).is_some_and(|f| {
            let rest = line[..f.start()].chars().chain(line[f.end()..].chars());
            f.start() == start || rest.filter(|c| c.is_alphanumeric()).count() <= 4
        })
    })
}

/// `Soixante-quatorzième session` → 74, `Seventy-eighth session` → 78, `74th session` → 74.
pub fn session_number(line: &str) -> Option<u32> {
    if line.chars().count() > 80 {
        return None;
    }
    let Some(c) = SESSION_LINE.captures(line) else {
        return session_of_other_form(line);
    };
    let rest = c[2].trim();
    if rest.chars().count() > 40 || rest.contains(['.', ';']) {
        return None;
    }
    // The number words must be whole tokens at the end (`rrwenty-sixth` is no number);
    // what comes before may only name the body or qualify the session
    // (`Human Rights Council`, `Resumed`).
    let tokens: Vec<&str> = c[1].split_whitespace().collect();
    (0..tokens.len()).find_map(|start| {
        let prefix_ok = tokens[..start].iter().all(|w| {
            w.starts_with(|ch: char| ch.is_uppercase())
                || matches!(*w, "of" | "on" | "the" | "and" | "de" | "la" | "des" | "du")
        });
        if !prefix_ok {
            return None;
        }
        let words: Vec<String> = tokens[start..]
            .iter()
            .flat_map(|t| t.split(['-', '‑']))
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !matches!(w.as_str(), "et" | "and" | "y"))
            .collect();
        number_from_words(&words)
    })
}

/// A session line of another shape (`config/parse/front_lines.tsv`, `session_form`):
/// a year (`Session de 2015`), number words after the word for session
/// (`الدورة التاسعة والستون`), or Chinese numerals (`第六十九届会议`).
fn session_of_other_form(line: &str) -> Option<u32> {
    let c = SESSION_FORMS.iter().find_map(|re| re.captures(line))?;
    if let Some(year) = c.name("year") {
        return year.as_str().parse().ok();
    }
    let n = c.name("n")?.as_str();
    chinese_numeral(n).or_else(|| {
        let words: Vec<String> = n.split_whitespace().map(str::to_lowercase).collect();
        number_from_words(&words)
    })
}

/// `六十九` → 69, `十` → 10, `一百零一` → 101; `None` unless every character is a
/// Chinese numeral.
fn chinese_numeral(text: &str) -> Option<u32> {
    let mut total = 0;
    let mut digit: Option<u32> = None;
    for c in text.chars() {
        let n = NUMERAL_CHARS.get(&c)?;
        if n.multiplier {
            total += digit.take().unwrap_or(1) * n.value;
        } else {
            digit = Some(n.value);
        }
    }
    let total = total + digit.unwrap_or(0);
    (total > 0).then_some(total)
}

/// What follows the word "session" on a session line.
fn session_rest(line: &str) -> Option<String> {
    SESSION_LINE
        .captures(line)
        .map(|c| c[2].trim().to_string())
        .filter(|r| !r.is_empty())
}

/// Reads number words (`soixante dix septième`) or a numeral (`74th`, `74e`).
pub(crate) fn number_from_words(words: &[String]) -> Option<u32> {
    if let [single] = words {
        let digits: String = single.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &single[digits.len()..];
        if !digits.is_empty()
            && matches!(
                suffix,
                "" | "st" | "nd" | "rd" | "th" | "e" | "ème" | "er" | "°" | "º"
            )
        {
            return digits.parse().ok();
        }
    }
    // OCR with an English model reads `è` as `é` (`quatorziéme`).
    let words: Vec<String> = words
        .iter()
        .map(|w| w.replace("iéme", "ième").replace("ieme", "ième"))
        .collect();
    let mut total = 0;
    let mut i = 0;
    let mut last_ordinal = false;
    while i < words.len() {
        let two = words.get(i + 1).map(|w| format!("{} {}", words[i], w));
        let (word, used) = match two.as_deref().and_then(|t| NUMBER_WORDS.get(t)) {
            Some(w) => (*w, 2),
            None => (*NUMBER_WORDS.get(words[i].as_str())?, 1),
        };
        total += word.value;
        last_ordinal = word.ordinal;
        i += used;
    }
    (last_ordinal && total > 0).then_some(total)
}

/// `Agenda items 12 and 118` → `["12", "118"]`; `Point 72 a)` is not an agenda line.
pub fn agenda_items(line: &str) -> Option<Vec<String>> {
    let c = AGENDA_LINE.captures(line)?;
    if !AGENDA_TAIL.is_match(&c[2]) {
        return None;
    }
    let items = AGENDA_ITEM
        .captures_iter(&c[1])
        .map(|i| match i.get(2) {
            Some(sub) => format!("{} ({})", &i[1], item_letter(sub.as_str())),
            None => i[1].to_string(),
        })
        .collect();
    Some(items)
}

/// A sub-item letter as the record writes it: Latin, lower case (`(ب)` → `b`).
fn item_letter(printed: &str) -> String {
    ITEM_LETTERS
        .get(printed)
        .map_or_else(|| printed.to_lowercase(), |l| l.to_string())
}

/// The document kind from its symbol (`A/RES/…` → resolution).
fn kind_from_symbol(symbol: &str) -> Option<String> {
    DOC_TYPES
        .iter()
        .filter(|r| r.source == KindSource::Symbol)
        .find(|r| r.pattern.is_match(symbol))
        .map(|r| r.doc_type.to_string())
}

/// A title as printed, without footnote marks.
fn clean_title(text: &str) -> String {
    let t = FOOTNOTE_MARK.replace_all(text, "");
    let mut t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    // A footnote star read by OCR as a closing quote (`(avant-projet)”`).
    for (open, close) in [('“', '”'), ('"', '"'), ('«', '»')] {
        let opens = t.matches(open).count();
        let closes = t.matches(close).count();
        if t.ends_with(close)
            && (open == close && opens % 2 == 1 || open != close && closes > opens)
        {
            t.pop();
            t = t.trim_end().to_string();
        }
    }
    t
}

/// The first letter in lower case (`Rapport de la Première Commission` → `rapport de …`),
/// unless the first word is an acronym.
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    if first_word.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn is_candidate(role: &Role) -> bool {
    matches!(role, Role::Text | Role::Kind { .. })
}

/// The title (UN library style `Main title : kind`) and the document kind.
fn title_and_kind(
    lines: &[(String, Role, bool)],
    body_lang: Option<Lang>,
) -> (Option<String>, Option<String>) {
    let last_kind = lines
        .iter()
        .rposition(|(_, r, _)| matches!(r, Role::Kind { .. }));
    let kind = last_kind.and_then(|i| match &lines[i].1 {
        Role::Kind { doc_type, .. } => Some(doc_type.to_string()),
        _ => None,
    });
    if let Some(title) = lines.iter().enumerate().find_map(|(i, (_, r, _))| match r {
        Role::ResolutionTitle(t) => {
            let rest = title_block(lines, i, lines.len());
            let more = rest[lines[i].0.len()..].trim();
            Some(clean_title(&format!("{t} {more}")))
        }
        _ => None,
    }) {
        return (Some(title), kind.or(Some("resolution".to_string())));
    }
    // The title hangs on the last kind line that says where the title is; in bilingual
    // documents (ICJ), on the last one in the body's language.
    let titles: Vec<String> = lines
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(i, _)| title_at_kind_line(lines, i))
        .collect();
    // A title read in the body's language goes before one whose language is unclear (a
    // short French title beside the English one on a bilingual cover).
    let detected: Vec<Option<crate::lang::Lang>> =
        titles.iter().map(|t| crate::lang::detect(t)).collect();
    let title = (0..titles.len())
        .find(|&k| body_lang.is_some() && detected[k] == body_lang)
        .or_else(|| {
            (0..titles.len()).find(|&k| {
                body_lang.is_none() || detected[k].map_or(true, |l| Some(l) == body_lang)
            })
        })
        .map(|k| &titles[k])
        .or(titles.first())
        .cloned();
    (title, kind)
}

/// The title a kind line points to (`Main title : phrase`, or the line itself).
fn title_at_kind_line(lines: &[(String, Role, bool)], i: usize) -> Option<String> {
    let Role::Kind { role, phrase, .. } = &lines[i].1 else {
        return None;
    };
    let with_phrase = |start: usize| {
        format!(
            "{} : {}",
            clean_title(&title_block(lines, start, i)),
            lower_first(phrase)
        )
    };
    match role {
        TitleRole::Before => {
            let mut j = (0..i)
                .rev()
                .take_while(|&j| !matches!(lines[j].1, Role::Agenda(_) | Role::Session(_)))
                .find(|&j| is_candidate(&lines[j].1))?;
            // A title split over lines: go back to where it starts.
            while j > 0 && continues(&lines[j - 1].0, &lines[j].0) && lines[j - 1].1 == Role::Text {
                j -= 1;
            }
            Some(with_phrase(j))
        }
        TitleRole::After => (i + 1..lines.len())
            .find(|&j| is_candidate(&lines[j].1))
            .map(|j| {
                format!(
                    "{} : {}",
                    clean_title(&title_block(lines, j, lines.len())),
                    lower_first(phrase)
                )
            })
            .or_else(|| {
                (0..i)
                    .rev()
                    .take_while(|&j| !matches!(lines[j].1, Role::Agenda(_)))
                    .find(|&j| is_candidate(&lines[j].1))
                    .map(with_phrase)
            }),
        TitleRole::Itself => Some(clean_title(&line_with_continuation(lines, i, &lines[i].0))),
        TitleRole::From => Some(clean_title(&line_with_continuation(lines, i, phrase))),
        TitleRole::Case => cover::case_title(&sitting_block(lines, i)).map(|t| clean_title(&t)),
        TitleRole::Sections => {
            let next: Vec<&str> = lines[i + 1..].iter().map(|(l, _, _)| l.as_str()).collect();
            Some(clean_title(&cover::sections_title(
                &lines[i].0,
                &next,
                continues,
            )))
        }
        TitleRole::None => None,
    }
}

/// A title line (from `start`) with the lines that go on with it: lines in lower case,
/// lines after a comma, capitals after capitals ending or starting with a joining word
/// (`WRITTEN STATEMENT` / `OF THE KINGDOM OF …`).
fn line_with_continuation(lines: &[(String, Role, bool)], i: usize, start: &str) -> String {
    let mut t = start.to_string();
    for (l, _, _) in &lines[i + 1..] {
        let goes_on =
            starts_lower(l) || (t.ends_with(',') && !l.starts_with('(')) || capitals_joined(&t, l);
        if !goes_on {
            break;
        }
        t.push(' ');
        t.push_str(l);
    }
    t
}

/// The lines of an ICJ sitting (`Public sitting` / `held on …,` / `President X
/// presiding,` / `on the …` / `(Request for advisory opinion …)`), joined.
fn sitting_block(lines: &[(String, Role, bool)], i: usize) -> String {
    let mut t = lines[i].0.clone();
    for (l, _, _) in &lines[i + 1..] {
        if !(starts_lower(l) || t.ends_with(',') || l.starts_with('(')) {
            break;
        }
        t.push(' ');
        t.push_str(l);
    }
    t
}

/// Two lines in capitals where the first ends, or the second starts, with a word that
/// joins a title (`OF`, `DE`).
fn capitals_joined(previous: &str, next: &str) -> bool {
    let capitals =
        |s: &str| s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase);
    let joiner =
        |w: Option<&str>| w.is_some_and(|w| TITLE_JOINERS.contains(&w.to_lowercase().as_str()));
    capitals(previous)
        && capitals(next)
        && (joiner(previous.split_whitespace().last()) || joiner(next.split_whitespace().next()))
}

fn starts_lower(line: &str) -> bool {
    line.starts_with(|c: char| c.is_lowercase())
}

/// Whether `next` goes on with the title that `previous` began: it starts in lower case,
/// or `previous` ends with a word no title ends with (`of`, `from`, `de`).
fn continues(previous: &str, next: &str) -> bool {
    let last = previous
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    starts_lower(next) || TITLE_JOINERS.contains(&last.as_str())
}

/// A title line with the lines that continue it in lower case (`… in the region of` /
/// `the Middle East`), stopping before `end`.
fn title_block(lines: &[(String, Role, bool)], start: usize, end: usize) -> String {
    let mut t = lines[start].0.clone();
    for (l, r, _) in &lines[start + 1..end] {
        if *r != Role::Text || !continues(&t, l) {
            break;
        }
        t.push(' ');
        t.push_str(l);
    }
    t
}

/// Documents without a masthead title (letters, memoranda, notes verbales, old scans):
/// the subject of a `SUBJECT:` / `OBJET :` line when there is one, else the first text
/// line after the session, agenda and body lines that reads as words (the OCR of a
/// decorative letterhead does not). A long sentence first means the text has begun:
/// no title rather than a paragraph of the body.
fn first_text_after_headers(lines: &[(String, Role, bool)], first: &[String]) -> Option<String> {
    if let Some(subject) = subject_line(first) {
        return Some(subject);
    }
    let start = lines
        .iter()
        .rposition(|(_, r, _)| matches!(r, Role::Session(_) | Role::Agenda(_) | Role::Body))
        .map_or(0, |i| i + 1);
    // The line right after the session and agenda lines is the title when it is spelled
    // as words, in any language (no lexicon needed).
    if let Some((l, Role::Text, _)) = lines.get(start).filter(|_| start > 0) {
        if spelled_as_words(l) && l.split_whitespace().count() <= MAX_FALLBACK_TITLE_WORDS {
            return Some(clean_title(l));
        }
    }
    lines[start..]
        .iter()
        .chain(lines[..start].iter())
        .filter(|(l, r, _)| *r == Role::Text && reads_as_words(l))
        .map(|(l, _, _)| l)
        .next()
        .filter(|l| l.split_whitespace().count() <= MAX_FALLBACK_TITLE_WORDS)
        .map(|l| clean_title(l))
}

/// Whether a line is made of words only: every token letters (with its punctuation),
/// one of them of four letters or more, and no heading number first (`I.`, `1.`).
fn spelled_as_words(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let letters = |t: &str| {
        t.trim_matches(|c: char| c.is_ascii_punctuation() || "’«»“”¿¡".contains(c))
            .to_string()
    };
    let first_is_number = tokens
        .first()
        .is_some_and(|t| t.ends_with('.') && t.chars().count() <= 5);
    !first_is_number
        && tokens.iter().all(|t| {
            let w = letters(t);
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\''))
        })
        && tokens.iter().any(|t| letters(t).chars().count() >= 4)
}

/// Longest first line taken as a title when nothing marks the title.
const MAX_FALLBACK_TITLE_WORDS: usize = 30;

/// The text after the last subject label among the first paragraphs (on its line, or
/// the next readable one when the label stands alone, as on memorandum forms).
fn subject_line(first: &[String]) -> Option<String> {
    let i = first.iter().rposition(|l| SUBJECT_LABEL.is_match(l))?;
    let rest = SUBJECT_LABEL.replace(&first[i], "").trim().to_string();
    let text = if rest.is_empty() {
        first[i + 1..]
            .iter()
            .find(|l| reads_as_words(l) && !SKIP_LINE.is_match(l))?
            .clone()
    } else {
        rest
    };
    reads_as_words(&text).then(|| clean_title(&text))
}

/// Whether a line reads as words: most of its words (two letters or more) are French,
/// English or Spanish words (as far as the lexicons know them), or it is written in Cyrillic, Chinese or Arabic letters (the script
/// of a Russian, Chinese or Arabic copy; OCR garbage of a letterhead is Latin letters).
fn reads_as_words(line: &str) -> bool {
    use crate::repair::lexicon::lexicon;
    if matches!(
        crate::lang::script_of(line),
        Some(Lang::Ru | Lang::Zh | Lang::Ar)
    ) {
        return true;
    }
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return false;
    }
    // English first: for an English line the French and Spanish lexicons (about 0.1 s of
    // CPU to load) are never needed; the answer is the same as counting all at once.
    let english = words
        .iter()
        .filter(|w| lexicon(Lang::En).contains(w))
        .count();
    if english * 2 >= words.len() {
        return true;
    }
    let known = words
        .iter()
        .filter(|w| {
            [Lang::Fr, Lang::En, Lang::Es]
                .iter()
                .any(|&l| lexicon(l).contains(w))
        })
        .count();
    known * 2 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_session_numbers() {
        assert_eq!(session_number("Soixante-quatorzième session"), Some(74));
        assert_eq!(session_number("Soixante-dix-septième session"), Some(77));
        assert_eq!(session_number("Quatre-vingtième session"), Some(80));
        assert_eq!(session_number("Quatre-vingt-unième session"), Some(81));
        assert_eq!(session_number("Seventy-eighth session"), Some(78));
        assert_eq!(session_number("Eightieth session"), Some(80));
        assert_eq!(session_number("Eighty-first session"), Some(81));
        assert_eq!(session_number("Vingt et unième session"), Some(21));
        assert_eq!(
            session_number("Septuagésimo octavo período de sesiones"),
            Some(78)
        );
        assert_eq!(session_number("Tenth emergency special session"), Some(10));
        assert_eq!(
            session_number("Human Rights Council Fifty-fifth session"),
            Some(55)
        );
        assert_eq!(session_number("74th session"), Some(74));
        assert_eq!(session_number("Soixante-quatorziéme session"), Some(74));
        assert_eq!(session_number("Organizational session"), None);
        assert_eq!(session_number("Session de 2015"), Some(2015));
        assert_eq!(session_number("Período de sesiones de 2015"), Some(2015));
        assert_eq!(session_number("Сессия 2015 года"), Some(2015));
        assert_eq!(session_number("2015 年届会"), Some(2015));
        assert_eq!(session_number("دورة عام 2015"), Some(2015));
        assert_eq!(session_number("第六十九届会议"), Some(69));
        assert_eq!(session_number("第七十届会议"), Some(70));
        assert_eq!(session_number("الدورة التاسعة والستون"), Some(69));
        assert_eq!(session_number("الدورة السبعون"), Some(70));
        assert_eq!(session_number("Шестьдесят девятая сессия"), Some(69));
    }

    #[test]
    fn reads_agenda_items() {
        assert_eq!(agenda_items("Point 93 de l’ordre du jour").unwrap(), ["93"]);
        assert_eq!(
            agenda_items("Points 93 et 94 de l’ordre du jour").unwrap(),
            ["93", "94"]
        );
        assert_eq!(agenda_items("Agenda item 72 (a)").unwrap(), ["72 (a)"]);
        assert_eq!(
            agenda_items("Agenda items 12 and 118").unwrap(),
            ["12", "118"]
        );
        assert_eq!(
            agenda_items("Items 138 and 139 of the preliminary list**").unwrap(),
            ["138", "139"]
        );
        assert_eq!(
            agenda_items("Item 4 of the provisional agenda*").unwrap(),
            ["4"]
        );
        assert!(agenda_items("Items 89 to 105 were discussed at length").is_none());
        assert_eq!(agenda_items("Tema 18 b) del programa").unwrap(), ["18 (b)"]);
        assert_eq!(
            agenda_items("Point 18 b) de l'ordre du jour").unwrap(),
            ["18 (b)"]
        );
        assert_eq!(
            agenda_items("Пункты 134 и 148 повестки дня").unwrap(),
            ["134", "148"]
        );
        assert_eq!(
            agenda_items("Пункт 18(b) повестки дня").unwrap(),
            ["18 (b)"]
        );
        assert_eq!(agenda_items("议程项目134和148").unwrap(), ["134", "148"]);
        assert_eq!(agenda_items("议程项目 34").unwrap(), ["34"]);
        assert_eq!(
            agenda_items("البندان 134 و 148 من جدول الأعمال").unwrap(),
            ["134", "148"]
        );
        assert_eq!(
            agenda_items("البند 18 (ب) من جدول الأعمال").unwrap(),
            ["18 (b)"]
        );
    }

    /// A scanned 1950 cover: the symbol only at the foot, beside the page count, its
    /// full stop lost by OCR.
    #[test]
    fn reads_the_symbol_at_the_foot_of_an_old_cover() {
        let clean = CleanText {
            masthead: vec!["UNITED NATIONS".into(), "SECURITY COUNCIL".into()],
            paragraphs: vec![
                "OFFICIAL RECORDS".into(),
                "FIFTH YEAR".into(),
                "492nd MEETING: 29 AUGUST 1950".into(),
            ],
            footnotes: vec![crate::model::Footnote {
                mark: String::new(),
                text: "( 24 p.) S/PV 492".into(),
            }],
            ..CleanText::default()
        };
        let m = parse_masthead(&clean);
        assert_eq!(m.symbol.as_deref(), Some("S/PV.492"));
        assert_eq!(m.organ.as_deref(), Some("Security Council"));
        assert_eq!(close_symbol_gaps("A/ 74/ 386"), "A/74/386");
    }

    #[test]
    fn classifies_front_lines() {
        assert_eq!(classify_line("Distr. générale"), Role::Masthead);
        assert_eq!(
            classify_line("General Assembly Distr.: General"),
            Role::Masthead
        );
        assert_eq!(classify_line("Première Commission"), Role::Body);
        assert_eq!(classify_line("(Fourth Committee)"), Role::Body);
        assert!(matches!(
            classify_line("Egypt: draft resolution"),
            Role::Kind {
                doc_type: "draft resolution",
                ..
            }
        ));
        assert!(matches!(
            classify_line("Report of the Secretary-General"),
            Role::Kind {
                doc_type: "report",
                role: TitleRole::Before,
                ..
            }
        ));
        assert_eq!(
            classify_line("78/237. Developments in the field"),
            Role::ResolutionTitle("Developments in the field".into())
        );
        assert_eq!(
            classify_line("Sustainable development: combating sand and dust storms"),
            Role::Text
        );
    }

    #[test]
    fn symbols_cut_by_ocr_are_completed_from_running_heads() {
        assert!(truncated_form_of("S/20", "S/2015/74"));
        assert!(truncated_form_of("S/2015", "S/2015/74"));
        assert!(truncated_form_of("E/15", "E/2015/8"));
        assert!(truncated_form_of("A/69/7", "A/69/720"));
        assert!(!truncated_form_of("A/69/720", "A/69/720"));
        assert!(!truncated_form_of("A/69/72", "S/2015/720"));
        assert!(!truncated_form_of("A/69/8", "A/69/720"));
    }

    fn masthead_of(lines: &[&str]) -> Masthead {
        parse_masthead(&CleanText {
            masthead: lines.iter().map(|l| l.to_string()).collect(),
            paragraphs: vec!["1. Текст доклада начинается здесь.".into()],
            ..CleanText::default()
        })
    }

    /// Real Russian, Chinese and Arabic mastheads print the Distr. line, the date and
    /// the language line in English.
    #[test]
    fn dates_printed_in_english_on_other_mastheads() {
        for organ in ["Генеральная Ассамблея", "大会", "الجمعية العامة"]
        {
            let m = masthead_of(&[
                "A/69/720",
                organ,
                "Distr.: General",
                "6 January 2015",
                "Original: English",
            ]);
            assert_eq!(m.date.as_deref(), Some("2015-01-06"), "{organ}");
            assert_eq!(m.organ.as_deref(), Some(organ), "{organ}");
            assert_eq!(m.symbol.as_deref(), Some("A/69/720"));
        }
    }

    /// A symbol cut by OCR is completed from the second reading of the masthead; a
    /// date the first reading lost is taken from it.
    #[test]
    fn the_second_reading_completes_symbol_and_date() {
        let m = parse_masthead(&CleanText {
            masthead: vec![
                "United Nations S/20".into(),
                "Security Council rats".into(),
                "Original: French".into(),
            ],
            masthead_reread: vec![
                "United Nations".into(),
                "S/2015/74".into(),
                "Distr.: General".into(),
                "3 February 2015".into(),
            ],
            paragraphs: vec!["1. The text begins here.".into()],
            ..CleanText::default()
        });
        assert_eq!(m.symbol.as_deref(), Some("S/2015/74"));
        assert_eq!(m.date.as_deref(), Some("2015-02-03"));
        // A whole symbol of the first reading is kept.
        let m = parse_masthead(&CleanText {
            masthead: vec!["United Nations S/2015/74".into(), "3 February 2015".into()],
            masthead_reread: vec!["S/2015/7".into(), "3 February 2018".into()],
            paragraphs: vec!["1. The text begins here.".into()],
            ..CleanText::default()
        });
        assert_eq!(m.symbol.as_deref(), Some("S/2015/74"));
        assert_eq!(m.date.as_deref(), Some("2015-02-03"));
    }

    /// Session and agenda lines the first reading lost come from the second reading;
    /// those the first reading has are kept, and prose gives none.
    #[test]
    fn the_second_reading_gives_a_lost_session_and_agenda_item() {
        let clean = |masthead: Vec<String>, reread: &[&str]| CleanText {
            masthead,
            masthead_reread: reread.iter().map(|l| l.to_string()).collect(),
            paragraphs: vec!["1. The text begins here.".into()],
            ..CleanText::default()
        };
        let first = vec![
            "United Nations A/69/720".to_string(),
            "General Assembly".into(),
            "Sixty-ninth session".into(),
        ];
        let m = parse_masthead(&clean(
            first.clone(),
            &["A/69/720", "Sixty-ninth session", "Agenda item 34"],
        ));
        assert_eq!(m.session, Some(69));
        assert_eq!(m.agenda_items, ["34"]);
        let mut both = first.clone();
        both.push("Agenda item 72 (a)".into());
        let m = parse_masthead(&clean(both, &["Seventieth session", "Agenda item 34"]));
        assert_eq!(m.session, Some(69));
        assert_eq!(m.agenda_items, ["72 (a)"]);
        let m = parse_masthead(&clean(
            first,
            &["Items 89 to 105 were discussed at length in the sixtieth session of the"],
        ));
        assert!(m.agenda_items.is_empty(), "{:?}", m.agenda_items);
    }

    /// A document in French and English is titled in English; a document in one
    /// language in its own.
    #[test]
    fn a_bilingual_document_is_titled_in_english() {
        let en = "The Court has before it the question put by the General Assembly, and the \
                  parties have made their statements on the law of the matter in the hearings.";
        let fr = "La Cour est saisie de la question posée par l’Assemblée générale, et les \
                  participants ont fait leurs déclarations sur le droit dans les audiences.";
        let paragraphs: Vec<String> = [en, fr, en, fr].iter().map(|p| p.to_string()).collect();
        assert_eq!(title_language(&paragraphs, 0), Some(Lang::En));
        let french: Vec<String> = [fr, fr].iter().map(|p| p.to_string()).collect();
        assert_eq!(title_language(&french, 0), Some(Lang::Fr));
    }

    #[test]
    fn second_reading_takes_no_symbol_or_date_from_prose() {
        let prose = [
            "WRITTEN STATEMENT OF THE GOVERNMENT OF CANADA",
            "by the Registrar of the International Court of Justice in its Order of 19 December 2003, the",
            "Advisory Opinion submitted to the Court through Resolution A/RES/ES-10/14, in which the",
        ];
        assert_eq!(reread_symbol(&prose), None);
        assert_eq!(reread_date(&prose), None);
        let masthead = [
            "United Nations A/69/720",
            "Distr.: General",
            "6 January 2015",
        ];
        assert_eq!(reread_symbol(&masthead).as_deref(), Some("A/69/720"));
        assert_eq!(reread_date(&masthead).as_deref(), Some("2015-01-06"));
        assert_eq!(
            reread_date(&["6 февраля 2015 года"]).as_deref(),
            Some("2015-02-06")
        );
    }

    #[test]
    fn symbols_read_in_cyrillic_letters_are_latin() {
        assert_eq!(close_symbol_gaps("Е/2015/8 Distr."), "E/2015/8 Distr.");
        assert_eq!(close_symbol_gaps("Совет А/ 69/ 720"), "Совет A/69/720");
        assert_eq!(
            masthead_symbols(&["Ѕ/2015/74"]).first().map(String::as_str),
            Some("S/2015/74")
        );
    }

    #[test]
    fn titles_after_the_agenda_line_are_words() {
        assert!(spelled_as_words("Prevención de los conflictos armados"));
        assert!(spelled_as_words(
            "Promotion et protection des droits de l’homme"
        ));
        assert!(!spelled_as_words("I. Introducción"));
        assert!(!spelled_as_words("ey) 4 Assemblée"));
        assert!(!spelled_as_words("LS a"));
    }

    #[test]
    fn lowers_the_first_letter_of_phrases() {
        assert_eq!(
            lower_first("Rapport de la Première Commission"),
            "rapport de la Première Commission"
        );
        assert_eq!(lower_first("UNICEF report"), "UNICEF report");
    }
}
