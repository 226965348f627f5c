//! Parsing the five seed texts (text inputs: Markdown-like 000/003, pdftotext-like
//! 001/004, Tesseract output 002). The seeds are turned into paragraphs by a deliberately
//! simple reader below (the real one belongs to the cleaning stage); the parser must find
//! the masthead among the first paragraphs, where text inputs keep it.

use crate::parse_common;

use parse_common::{check_golden, data};
use undoc::model::CleanText;
use undoc::model::DocumentMeta;
use undoc::parse::ParagraphKind;

enum Format {
    /// One paragraph per non-blank line.
    Markdown,
    /// A paragraph starts at a line indented by a space.
    Pdftotext,
    /// A paragraph starts at an indented line, or after a blank line unless the text
    /// goes on in lower case.
    Ocr,
}

fn seed(prefix: &str, format: Format) -> CleanText {
    let dir = data("../../corpus/seeds");
    let path = std::fs::read_dir(&dir)
        .expect("seeds dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .expect("seed file");
    let text = std::fs::read_to_string(path).expect("seed text");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut after_blank = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            after_blank = true;
            continue;
        }
        // An indented line starts a paragraph, unless it goes on in lower case (a
        // superscript `er` split off `1`, then ` décembre 1999`).
        let indented =
            line.starts_with(' ') && !line.trim_start().starts_with(|c: char| c.is_lowercase());
        let starts = match format {
            Format::Markdown => true,
            Format::Pdftotext => indented,
            Format::Ocr => {
                indented || (after_blank && !line.starts_with(|c: char| c.is_lowercase()))
            }
        };
        after_blank = false;
        match paragraphs.last_mut() {
            Some(last) if !starts => {
                last.push(' ');
                last.push_str(line.trim());
            }
            _ => paragraphs.push(line.trim().to_string()),
        }
    }
    CleanText {
        paragraphs,
        ..CleanText::default()
    }
}

fn parse(prefix: &str, format: Format) -> DocumentMeta {
    undoc::parse::document(&seed(prefix, format))
}

const TITLE: &str =
    "Progrès de l’informatique et des télécommunications et sécurité internationale";

#[test]
fn markdown_seed_000_keeps_its_masthead_in_the_text() {
    let info = parse("000_", Format::Markdown);
    check_golden("seed-000", &info);
    assert_eq!(info.symbol, None); // the seed has no symbol
    assert_eq!(info.organ.as_deref(), Some("Assemblée générale"));
    assert_eq!(info.distribution.as_deref(), Some("general"));
    assert_eq!(info.date.as_deref(), Some("2019-11-18"));
    assert_eq!(info.document_language.as_deref(), Some("fr"));
    assert_eq!(info.original_language.as_deref(), Some("en"));
    assert_eq!(info.language.as_deref(), Some("fr"));
    assert_eq!(info.session, Some(74));
    assert_eq!(info.agenda_items, ["93"]);
    assert_eq!(
        info.title.as_deref(),
        Some(format!("{TITLE} : rapport de la Première Commission").as_str())
    );
    assert_eq!(info.doc_type.as_deref(), Some("report"));
}

#[test]
fn markdown_seed_003() {
    let info = parse("003_", Format::Markdown);
    check_golden("seed-003", &info);
    assert_eq!(info.distribution.as_deref(), Some("limited"));
    assert_eq!(info.date.as_deref(), Some("2021-01-19"));
    assert_eq!(
        info.title.as_deref(),
        Some("Projet de rapport sur le fond de la question (avant-projet)")
    );
    assert_eq!(info.doc_type.as_deref(), Some("draft report"));
    let numbered = info
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Numbered)
        .count();
    assert!(numbered > 50, "{numbered} numbered paragraphs");
}

#[test]
fn pdftotext_seeds_001_and_004() {
    let info = parse("001_", Format::Pdftotext);
    check_golden("seed-001", &info);
    assert_eq!(
        info.title.as_deref(),
        Some(format!("{TITLE} : projet de résolution").as_str())
    );
    assert_eq!(info.doc_type.as_deref(), Some("draft resolution"));
    let c = info
        .citations
        .iter()
        .find(|c| c.text == "54/49")
        .expect("54/49");
    assert_eq!(c.date.as_deref(), Some("1999-12-01"));

    let info = parse("004_", Format::Pdftotext);
    check_golden("seed-004", &info);
    assert_eq!(info.title.as_deref(), Some(TITLE));
    assert_eq!(info.doc_type.as_deref(), Some("resolution"));
    let operative = info
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Operative)
        .count();
    assert_eq!(operative, 7);
}

#[test]
fn ocr_seed_002() {
    let info = parse("002_", Format::Ocr);
    check_golden("seed-002", &info);
    assert_eq!(info.doc_type.as_deref(), Some("draft resolution"));
    let title = info.title.clone().expect("title");
    assert!(
        title.starts_with("Programme d’action destiné a promouvoir")
            && title.ends_with(" : projet de résolution révisé"),
        "{title}"
    );
    // "résolutions … 74/28 et 74/29 du 12 décembre 2019": two citations, one date.
    for n in ["74/28", "74/29"] {
        let c = info
            .citations
            .iter()
            .find(|c| c.text == n)
            .unwrap_or_else(|| panic!("{n}"));
        assert_eq!(c.symbol.as_deref(), Some(format!("A/RES/{n}").as_str()));
        assert_eq!(c.date.as_deref(), Some("2019-12-12"), "{n}");
    }
}
