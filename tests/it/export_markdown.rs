//! The Markdown export read back by a CommonMark + GFM parser (pulldown-cmark with
//! tables, footnotes and strikethrough): every record of the corpus and of the tests
//! gives headings, footnotes, lists and tables as such, and the text that comes back is
//! the record's text.
//!
//! How the text is compared: the rendered document is cut into blocks (headings,
//! paragraphs, list items, table cells, footnote definitions) and each block's text
//! (text and code events, soft breaks as spaces, footnote references as `[mark]`
//! through the definitions they point at) is compared with the record's paragraph, its
//! whitespace runs collapsed. Two documented differences are allowed: a bullet
//! paragraph's printed bullet (`•`) is the list marker, and a vote list is a list of
//! the names, so its `, ` / ` et ` separators and final full stop are not in the
//! items; there the check is that the items appear in order in the paragraph text with
//! only separators between them. Nothing else may differ.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde_json::{json, Value};
use undoc::export::{render, MdRecord};

use crate::common::shared;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// One block of the rendered document.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading(String),
    Para(String),
    Item(String),
    /// A table: rows of cells (header first).
    Table(Vec<Vec<String>>),
    Footnote(String, String),
}

/// A parsed Markdown document: blocks in order, emphasised texts per block.
struct Parsed {
    blocks: Vec<Block>,
    emphasis: Vec<Vec<String>>,
}

fn gfm() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Splits front matter and body.
fn split_front_matter(md: &str) -> (&str, &str) {
    let rest = md
        .strip_prefix("---\n")
        .expect("front matter opens the file");
    let end = rest.find("\n---\n").expect("front matter is closed");
    (&rest[..end], &rest[end + 5..])
}

fn parse(body: &str) -> Parsed {
    let mut blocks = Vec::new();
    let mut emphasis = Vec::new();
    let mut text = String::new();
    let mut em: Vec<String> = Vec::new();
    let mut em_start: Option<usize> = None;
    let mut footnote: Option<String> = None;
    let mut table: Option<Vec<Vec<String>>> = None;
    let mut in_item = 0;
    let mut in_para_of_item = false;
    for event in Parser::new_ext(body, gfm()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::FootnoteReference(label) => text.push_str(&format!("[^{label}]")),
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML in the output: {h}"),
            Event::Start(Tag::Emphasis) => em_start = Some(text.len()),
            Event::End(TagEnd::Emphasis) => {
                em.push(text[em_start.take().expect("emphasis start")..].to_string())
            }
            Event::Start(Tag::FootnoteDefinition(label)) => footnote = Some(label.to_string()),
            Event::End(TagEnd::FootnoteDefinition) => {
                let label = footnote.take().expect("definition");
                blocks.push(Block::Footnote(label, std::mem::take(&mut text)));
                emphasis.push(std::mem::take(&mut em));
            }
            Event::Start(Tag::Table(_)) => table = Some(Vec::new()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                table.as_mut().expect("table").push(Vec::new())
            }
            Event::End(TagEnd::TableCell) => table
                .as_mut()
                .and_then(|t| t.last_mut())
                .expect("row")
                .push(std::mem::take(&mut text)),
            Event::End(TagEnd::Table) => {
                blocks.push(Block::Table(table.take().expect("table")));
                emphasis.push(Vec::new());
            }
            Event::Start(Tag::Item) => in_item += 1,
            Event::Start(Tag::Paragraph) if in_item > 0 => in_para_of_item = true,
            Event::End(TagEnd::Paragraph) if in_para_of_item => in_para_of_item = false,
            Event::End(TagEnd::Item) => {
                in_item -= 1;
                blocks.push(Block::Item(std::mem::take(&mut text)));
                emphasis.push(std::mem::take(&mut em));
            }
            Event::End(TagEnd::Paragraph) if footnote.is_none() => {
                blocks.push(Block::Para(std::mem::take(&mut text)));
                emphasis.push(std::mem::take(&mut em));
            }
            Event::End(TagEnd::Heading(_)) => {
                blocks.push(Block::Heading(std::mem::take(&mut text)));
                emphasis.push(std::mem::take(&mut em));
            }
            Event::Start(Tag::CodeBlock(_)) => panic!("a code block in the output:\n{body}"),
            Event::Start(Tag::BlockQuote(_)) => panic!("a block quote in the output:\n{body}"),
            Event::Rule => panic!("a thematic break in the output:\n{body}"),
            _ => {}
        }
    }
    Parsed { blocks, emphasis }
}

static FOOTNOTE_REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^([^\]]+)\]").unwrap());
static LIST_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s,;.،、，]*(?:\b(?:et|and|y|e|и|و)\b)?[\s,;.]*$").unwrap());

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// Checks one record's Markdown against the record (see the module doc).
fn check(record: &Value, md: &str) {
    let name = s(&record["source"]["path"]);
    let (front, body) = split_front_matter(md);
    check_front_matter(record, front);
    let parsed = parse(body);
    let footnotes = record["footnotes"].as_array().cloned().unwrap_or_default();
    // Definitions: one per footnote, in order, with the footnote's text.
    let defs: Vec<(String, String)> = parsed
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Footnote(l, t) => Some((l.clone(), t.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(defs.len(), footnotes.len(), "{name}: footnote count");
    let mut mark_of = HashMap::new();
    for ((label, text), f) in defs.iter().zip(&footnotes) {
        assert_eq!(norm(text), norm(&s(&f["text"])), "{name}: footnote {label}");
        mark_of.insert(label.clone(), s(&f["mark"]));
    }
    let back = |t: &str| -> String {
        let out = FOOTNOTE_REF.replace_all(t, |c: &regex::Captures| {
            let mark = mark_of
                .get(&c[1])
                .unwrap_or_else(|| panic!("{name}: reference [^{}] has no definition", &c[1]));
            format!("[{mark}]")
        });
        norm(&out)
    };
    let blocks: Vec<(Block, Vec<String>)> = parsed
        .blocks
        .iter()
        .cloned()
        .zip(parsed.emphasis.iter().cloned())
        .filter(|(b, _)| !matches!(b, Block::Footnote(..)))
        .collect();
    let paragraphs = record["paragraphs"].as_array().cloned().unwrap_or_default();
    let tables = record["tables"].as_array().cloned().unwrap_or_default();
    let figures = record["figures"].as_array().cloned().unwrap_or_default();
    let mut placed: Vec<usize> = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while i < paragraphs.len() {
        let p = &paragraphs[i];
        let text = norm(&s(&p["text"]));
        let kind = s(&p["kind"]);
        let Some((block, em)) = blocks.get(at) else {
            panic!("{name}: paragraph {i} ({text}) is missing from the Markdown")
        };
        match (kind.as_str(), block) {
            ("heading", Block::Heading(h)) => assert_eq!(back(h), text, "{name}: heading {i}"),
            ("heading", other) => panic!("{name}: heading {i} came back as {other:?}"),
            ("list item", Block::Item(t)) => {
                let item = back(t);
                let bullet = text.strip_suffix(item.as_str()).unwrap_or_else(|| {
                    panic!("{name}: list item {i}: {item:?} is not the end of {text:?}")
                });
                assert!(
                    bullet.chars().all(|c| "•▪◦·‣●○■□–—- ".contains(c)),
                    "{name}: list item {i} lost {bullet:?}"
                );
            }
            ("table", _) => {
                let n = p["table"].as_u64().map_or(placed.len(), |n| n as usize);
                let t = &tables[n];
                placed.push(n);
                let has_rows = t["rows"].as_array().is_some_and(|r| !r.is_empty());
                if has_rows {
                    let Block::Table(rows) = block else {
                        panic!("{name}: paragraph {i} ({text}) came back as {block:?}, not a table")
                    };
                    check_table(&name, t, rows);
                }
                at += usize::from(has_rows) + notes_of(t);
                i += 1;
                continue;
            }
            ("figure", _) => {
                // The figure's text, its printed lines as one paragraph.
                let n = p["figure"].as_u64().expect("figure index") as usize;
                let inside = norm(&s(&figures[n]["text"]));
                if !inside.is_empty() {
                    let Block::Para(t) = block else {
                        panic!("{name}: figure {n} came back as {block:?}")
                    };
                    assert_eq!(back(t), inside, "{name}: figure {n}");
                    at += 1;
                }
                i += 1;
                continue;
            }
            (_, Block::Para(t)) if back(t) == text => {
                if matches!(kind.as_str(), "preambular" | "operative") {
                    check_verb(&name, i, p, em);
                }
            }
            (_, Block::Para(_) | Block::Item(_)) => {
                let (used, blocks_used) =
                    check_vote_list(&name, &paragraphs[i..], &blocks[at..], &back);
                i += used;
                at += blocks_used;
                continue;
            }
            (_, other) => panic!("{name}: paragraph {i} ({text}) came back as {other:?}"),
        }
        at += 1;
        i += 1;
    }
    // Tables no paragraph points at follow the body.
    for (_, t) in tables
        .iter()
        .enumerate()
        .filter(|(n, _)| !placed.contains(n))
    {
        if t["title"].is_string() {
            at += 1;
        }
        let Some((Block::Table(rows), _)) = blocks.get(at) else {
            panic!("{name}: unplaced table missing")
        };
        check_table(&name, t, rows);
        at += 1 + notes_of(t);
    }
    assert_eq!(
        at,
        blocks.len(),
        "{name}: extra blocks: {:?}",
        &blocks[at..]
    );
}

fn notes_of(table: &Value) -> usize {
    match &table["notes"] {
        Value::Array(a) => a.len(),
        Value::String(_) => 1,
        _ => 0,
    }
}

fn check_table(name: &str, table: &Value, rows: &[Vec<String>]) {
    let want: Vec<Vec<String>> = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().iter().map(|c| norm(&s(c))).collect())
        .collect();
    let width = want.iter().map(Vec::len).max().unwrap_or(0);
    let pad = |mut r: Vec<String>| {
        r.resize(width, String::new());
        r
    };
    let mut expected: Vec<Vec<String>> = Vec::new();
    if table["header_rows"].as_u64().unwrap_or(0) == 0 {
        expected.push(vec![String::new(); width]);
    }
    expected.extend(want.into_iter().map(pad));
    let got: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| norm(c)).collect())
        .collect();
    assert_eq!(got, expected, "{name}: table");
}

fn check_verb(name: &str, i: usize, p: &Value, em: &[String]) {
    let Some(verb) = p["verb"].as_str() else {
        return;
    };
    if s(&p["text"]).contains(verb) {
        assert!(
            em.iter().any(|e| e == verb.trim()),
            "{name}: paragraph {i}: verb {verb:?} not in italics ({em:?})"
        );
    }
}

/// A vote list: a label paragraph (unless the label was the whole paragraph's start)
/// and items. The items must appear in order in the paragraphs' text with only list
/// separators between them. Returns (paragraphs used, blocks used).
fn check_vote_list(
    name: &str,
    paragraphs: &[Value],
    blocks: &[(Block, Vec<String>)],
    back: &dyn Fn(&str) -> String,
) -> (usize, usize) {
    let first = norm(&s(&paragraphs[0]["text"]));
    let mut b = 0;
    let mut source = first.clone();
    if let (Block::Para(label), _) = &blocks[0] {
        let label = back(label);
        source = first
            .strip_prefix(label.as_str())
            .unwrap_or_else(|| panic!("{name}: {label:?} is neither {first:?} nor its label"))
            .to_string();
        b = 1;
    }
    let items: Vec<String> = blocks[b..]
        .iter()
        .map_while(|(blk, _)| match blk {
            Block::Item(t) => Some(back(t)),
            _ => None,
        })
        .collect();
    assert!(
        !items.is_empty(),
        "{name}: {first:?} came back as {:?}",
        blocks[0].0
    );
    let gap = &*LIST_GAP;
    let mut used = 1;
    let mut pos = 0;
    for item in &items {
        let found = loop {
            if let Some(off) = source[pos..].find(item.as_str()) {
                break pos + off;
            }
            assert!(
                used < paragraphs.len(),
                "{name}: vote list item {item:?} not in the text"
            );
            source.push(' ');
            source.push_str(&norm(&s(&paragraphs[used]["text"])));
            used += 1;
        };
        assert!(
            gap.is_match(&source[pos..found]),
            "{name}: text {:?} lost before vote list item {item:?}",
            &source[pos..found]
        );
        pos = found + item.len();
    }
    assert!(
        gap.is_match(&source[pos..]),
        "{name}: text {:?} lost after the vote list",
        &source[pos..]
    );
    (used, b + items.len())
}

fn check_front_matter(record: &Value, front: &str) {
    let docs = yaml_rust2::YamlLoader::load_from_str(front).expect("front matter is YAML");
    let y = &docs[0];
    let name = s(&record["source"]["path"]);
    for key in ["symbol", "date", "organ", "doc_type", "language", "title"] {
        let want = record[key].as_str();
        assert_eq!(y[key].as_str(), want, "{name}: front matter {key}");
    }
    assert_eq!(
        y["session"].as_i64(),
        record["session"].as_i64(),
        "{name}: session"
    );
    let list = |v: &yaml_rust2::Yaml| -> Vec<String> {
        v.as_vec()
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    let rlist = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().map(s).collect())
            .unwrap_or_default()
    };
    assert_eq!(list(&y["agenda_items"]), rlist(&record["agenda_items"]));
    assert_eq!(list(&y["other_symbols"]), rlist(&record["other_symbols"]));
    assert_eq!(y["source"]["path"].as_str(), Some(name.as_str()));
    assert_eq!(
        y["source"]["sha256"].as_str(),
        record["id"].as_str().or(Some(""))
    );
}

fn md_of(record: &Value) -> String {
    let typed: MdRecord = serde_json::from_value(record.clone()).expect("record reads");
    render(&typed)
}

/// The records kept with the tests: whole golden records and the parse goldens of
/// real documents (paragraphs and metadata only).
fn test_records() -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    for dir in ["tests/golden/records", "tests/data/parse/golden"] {
        let Ok(entries) = fs::read_dir(repo(dir)) else {
            eprintln!("{dir} not found; its records are not checked");
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let mut v: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
            if v["source"].is_null() {
                v["source"] = json!({ "path": p.file_name().unwrap().to_str().unwrap() });
            }
            out.push((p, v));
        }
    }
    out
}

#[test]
fn records_of_the_tests_come_back_from_a_markdown_parser() {
    let records = test_records();
    assert!(records.len() >= 9, "the golden records are there");
    for (_, record) in &records {
        check(record, &md_of(record));
    }
}

/// Ingests `inputs` (run in `cwd`) with `--markdown` and checks every file against its
/// record; returns how many records were ok.
fn ingest_and_check(cwd: &Path, inputs: &[PathBuf], extra: &[&str]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("records.jsonl");
    let md = dir.path().join("md");
    let status = Command::new(env!("CARGO_BIN_EXE_undoc"))
        .current_dir(cwd)
        .arg("ingest")
        .args(inputs)
        .args(["--quiet", "-o"])
        .arg(&out)
        .arg("--markdown")
        .arg(&md)
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        status.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let records: Vec<Value> = fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut by_path: HashMap<String, String> = HashMap::new();
    for entry in fs::read_dir(&md).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        let (front, _) = split_front_matter(&text);
        let y = &yaml_rust2::YamlLoader::load_from_str(front).unwrap()[0];
        let path = y["source"]["path"].as_str().unwrap().to_string();
        assert!(by_path.insert(path, text).is_none(), "one file per record");
    }
    let ok: Vec<&Value> = records.iter().filter(|r| r["status"] == "ok").collect();
    assert_eq!(
        by_path.len(),
        ok.len(),
        "one file per ok record, none for failed ones"
    );
    for record in &ok {
        let md = &by_path[&s(&record["source"]["path"])];
        check(record, md);
        assert_eq!(md, &md_of(record), "ingest --markdown and render agree");
    }
    ok.len()
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn every_corpus_document_comes_back_from_a_markdown_parser() {
    let ok = ingest_and_check(&repo(""), &[PathBuf::from("corpus")], &[]);
    assert!(ok >= 14, "the corpus has its documents: {ok}");
}

/// Real reports with tables and real resolutions, votes and ICJ records from the shared
/// material (born-digital ones; `--ocr never` keeps the test short).
#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn shared_real_documents_come_back_from_a_markdown_parser() {
    let names = [
        "realtext/A_80_590.pdf",
        "realtext/A_81_6_SECT_13.pdf",
        "real/mandate-pipeline__A_RES_78_237.pdf",
        "real/mandate-pipeline__A_C.1_80_L.1.pdf",
        "real/mandate-pipeline__A_80_L.20.pdf",
        "real/mandate-pipeline__A_C.2_80_L.50.pdf",
        "real/icj-bootcamp__1541.pdf",
    ];
    let Some(files) = shared::shared_files(&names) else {
        return;
    };
    let ok = ingest_and_check(&repo(""), &files, &["--ocr", "never"]);
    assert_eq!(ok, names.len());
}

fn table_record() -> Value {
    json!({
        "id": "00ff", "status": "ok", "source": {"path": "report.pdf"},
        "symbol": "A/80/1", "language": "en", "title": "A \"quoted\": title\u{2028}x",
        "session": 80, "agenda_items": ["1", "2 (a)"], "other_symbols": [],
        "footnotes": [{"mark": "a", "text": "Funded | under *x*."}],
        "paragraphs": [
            {"index": 0, "kind": "heading", "number": "I", "verb": null, "text": "I. Resources #1"},
            {"index": 1, "kind": "text", "number": null, "verb": null, "text": "Table 1 Financial resources[a]"},
            {"index": 2, "kind": "table", "number": null, "verb": null, "text": "[table 0]", "table": 0},
            {"index": 3, "kind": "text", "number": null, "verb": null, "text": "1. After the table."}
        ],
        "tables": [
            {"index": 0, "pages": [2], "title": "Table 1", "header_rows": 2,
             "rows": [["Category", "2024 | 2025"], ["", "(1)"], ["Posts", "(1 491.1)", "extra"], ["–", null]],
             "notes": ["a Funded under the support account."]},
            {"index": 1, "pages": [3], "title": "Table 2", "header_rows": 0,
             "rows": [["x*y", "`z`"]], "notes": "Source: DPO."}
        ]
    })
}

#[test]
fn tables_come_back_as_tables() {
    let record = table_record();
    let md = md_of(&record);
    check(&record, &md);
    assert!(
        md.contains("| Category | 2024 \\| 2025 |  |\n| --- | --- | --- |\n"),
        "{md}"
    );
}

/// Texts of one line with every character Markdown gives a meaning to.
fn hostile_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        r"[a-zé0-9 *_\[\]\\`<>&#!|~$.()+=:;\-^{}]{1,30}|[0-9]{1,4}[.)] [a-z*_#]{1,10}|[-+*#>=] [a-z]{1,8}|&[a-z]{2,5};|    [a-z]{1,5}|(---|\*\*\*|___|~~~|```)",
    )
    .unwrap()
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn kind() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("heading"),
        Just("numbered"),
        Just("text"),
        Just("sub-item"),
        Just("list item"),
        Just("preambular"),
        Just("operative"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_survives_the_round_trip(
        paras in proptest::collection::vec((kind(), hostile_text(), hostile_text()), 1..8),
        notes in proptest::collection::vec(hostile_text(), 0..3),
        with_ref in any::<bool>(),
    ) {
        let paragraphs: Vec<Value> = paras.iter().enumerate().map(|(i, (kind, text, verb))| {
            let mut text = text.clone();
            if with_ref && !notes.is_empty() && *kind != "list item" {
                text.push_str("[1]");
            }
            let bullet = if *kind == "list item" { format!("• {text}") } else { text.clone() };
            let verb = if matches!(*kind, "preambular" | "operative") {
                let v = verb.trim().to_string();
                // The verb opens the paragraph, as in the records.
                Some(v)
            } else { None };
            let text = match &verb { Some(v) => format!("{v} {bullet}"), None => bullet };
            json!({"index": i, "kind": kind, "number": null, "verb": verb, "text": text})
        }).collect();
        let footnotes: Vec<Value> = notes.iter().enumerate()
            .map(|(i, t)| json!({"mark": (i + 1).to_string(), "text": t})).collect();
        let record = json!({
            "id": "x", "status": "ok", "source": {"path": "p.txt"}, "title": paras[0].1,
            "paragraphs": paragraphs, "footnotes": footnotes,
        });
        check(&record, &md_of(&record));
    }
}
