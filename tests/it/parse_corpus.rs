//! Parsing the four born-digital corpus documents (masthead lines typed from their first
//! page, body from the ground truth): metadata equal to `NNN.meta.json`, paragraph kinds
//! and leading verbs of the resolution, citations with dates; and the golden records.

use crate::parse_common;

use parse_common::{check_golden, corpus_document, read};
use serde_json::Value;
use undoc::parse::{CitationKind, ParagraphKind};

/// `18 novembre 2019` → `2019-11-18`, independently of the library's date reader.
fn iso_from_french(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let parts: Vec<&str> = date.split_whitespace().collect();
    let month = MONTHS.iter().position(|m| *m == parts[1]).expect("month") + 1;
    let day: u32 = parts[0].trim_end_matches("er").parse().expect("day");
    format!("{}-{month:02}-{day:02}", parts[2])
}

fn meta(id: &str) -> Value {
    serde_json::from_str(&read(&format!("truth/{id}.meta.json"))).expect("meta json")
}

fn field<'a>(meta: &'a Value, name: &str) -> Option<&'a str> {
    meta.get(name).and_then(Value::as_str)
}

#[test]
fn metadata_matches_the_meta_files() {
    for id in ["000", "001", "003", "004"] {
        let m = meta(id);
        let info = undoc::parse::document(&corpus_document(id));
        assert_eq!(info.symbol.as_deref(), field(&m, "symbol"), "{id} symbol");
        assert_eq!(info.organ.as_deref(), field(&m, "organ"), "{id} organ");
        let distr = match field(&m, "distr") {
            Some("Distr. générale") => "general",
            Some("Distr. limitée") => "limited",
            other => panic!("{id}: unexpected distr {other:?}"),
        };
        assert_eq!(
            info.distribution.as_deref(),
            Some(distr),
            "{id} distribution"
        );
        let date = iso_from_french(field(&m, "date").expect("date"));
        assert_eq!(info.date.as_deref(), Some(date.as_str()), "{id} date");
        assert_eq!(info.language.as_deref(), Some("fr"), "{id} language");
        let copy = field(&m, "language").map(|l| {
            assert_eq!(l, "Français");
            "fr"
        });
        assert_eq!(
            info.document_language.as_deref(),
            copy,
            "{id} copy language"
        );
        let original = field(&m, "original").map(|o| {
            assert_eq!(o, "Original : anglais");
            "en"
        });
        assert_eq!(info.original_language.as_deref(), original, "{id} original");
        assert_eq!(info.title.as_deref(), field(&m, "subject"), "{id} title");
        assert_eq!(
            info.job_number.as_deref(),
            field(&m, "job"),
            "{id} job number"
        );
    }
}

#[test]
fn session_agenda_and_kind() {
    let expect = [
        ("000", Some(74), vec!["93"], "report"),
        ("001", Some(69), vec!["91"], "draft resolution"),
        ("003", None, vec![], "draft report"),
        ("004", Some(77), vec!["94"], "resolution"),
    ];
    for (id, session, agenda, kind) in expect {
        let info = undoc::parse::document(&corpus_document(id));
        assert_eq!(info.session, session, "{id} session");
        assert_eq!(info.agenda_items, agenda, "{id} agenda");
        assert_eq!(info.doc_type.as_deref(), Some(kind), "{id} kind");
    }
}

#[test]
fn resolution_paragraphs_have_kinds_numbers_and_verbs() {
    let info = undoc::parse::document(&corpus_document("004"));
    let p = &info.paragraphs;
    // Front matter: session, agenda item, adoption line, title.
    assert!(p[..4].iter().all(|p| p.kind == ParagraphKind::Heading));
    assert_eq!(p[4].kind, ParagraphKind::Text); // L’Assemblée générale,
    let preambular: Vec<&str> = p
        .iter()
        .filter(|p| p.kind == ParagraphKind::Preambular)
        .map(|p| p.verb.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(
        preambular,
        [
            "Rappelant",
            "Soulignant",
            "Considérant",
            "Réaffirmant",
            "Notant",
            "Réaffirmant",
            "Soulignant",
            "Saluant"
        ]
    );
    let operative: Vec<(&str, &str)> = p
        .iter()
        .filter(|p| p.kind == ParagraphKind::Operative)
        .map(|p| (p.number.as_deref().unwrap(), p.verb.as_deref().unwrap()))
        .collect();
    assert_eq!(
        operative,
        [
            ("1", "Appuie"),
            ("2", "Se félicite"),
            ("3", "Demande"),
            ("4", "Confirme"),
            ("5", "Encourage"),
            ("6", "Invite"),
            ("7", "Décide")
        ]
    );
}

#[test]
fn draft_resolution_sub_items_and_verbs() {
    let info = undoc::parse::document(&corpus_document("001"));
    let subs: Vec<&str> = info
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::SubItem)
        .map(|p| p.number.as_deref().unwrap())
        .collect();
    assert_eq!(subs, ["a", "b", "c", "d"]);
    let verbs: Vec<&str> = info
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Preambular)
        .filter_map(|p| p.verb.as_deref())
        .collect();
    assert!(verbs.contains(&"Rappelant également"));
    assert!(verbs.contains(&"Se déclarant préoccupée"));
    assert!(verbs.contains(&"Prenant note avec satisfaction"));
}

#[test]
fn report_paragraphs_are_numbered_and_headed() {
    let info = undoc::parse::document(&corpus_document("000"));
    let heading = info
        .paragraphs
        .iter()
        .find(|p| p.text == "I. Introduction")
        .expect("heading I");
    assert_eq!(heading.kind, ParagraphKind::Heading);
    assert_eq!(heading.number.as_deref(), Some("I"));
    let first = info
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("1. La question"))
        .expect("paragraph 1");
    assert_eq!(first.kind, ParagraphKind::Numbered);
    assert_eq!(first.number.as_deref(), Some("1"));
    // The annexed draft resolutions are resolution text again.
    assert!(info
        .paragraphs
        .iter()
        .any(|p| p.kind == ParagraphKind::Operative));
}

#[test]
fn citations_resolve_to_symbols_and_dates() {
    let info = undoc::parse::document(&corpus_document("001"));
    let find = |symbol: &str| {
        info.citations
            .iter()
            .find(|c| c.symbol.as_deref() == Some(symbol))
            .unwrap_or_else(|| panic!("no citation of {symbol}"))
    };
    let c = find("A/RES/53/70");
    assert_eq!(c.kind, CitationKind::Resolution);
    assert_eq!(c.text, "53/70");
    assert_eq!(c.date.as_deref(), Some("1998-12-04"));
    assert_eq!(find("A/RES/54/49").date.as_deref(), Some("1999-12-01"));
    // Footnote 3: "A/55/140 et Corr.1 et Add.1".
    for s in ["A/55/140", "A/55/140/Corr.1", "A/55/140/Add.1"] {
        assert_eq!(find(s).footnotes, ["3"], "{s}");
    }

    let info = undoc::parse::document(&corpus_document("004"));
    let c = info
        .citations
        .iter()
        .find(|c| c.text == "43/78 H")
        .expect("43/78 H");
    assert_eq!(c.date.as_deref(), Some("1988-12-07"));
    let resolutions = info
        .citations
        .iter()
        .filter(|c| c.kind == CitationKind::Resolution)
        .count();
    assert!(resolutions >= 25, "{resolutions} resolutions");
    assert!(info
        .citations
        .iter()
        .any(|c| c.symbol.as_deref() == Some("A/77/275") && c.footnotes == ["1"]));

    // "conformément aux résolutions 73/27 et 73/266" (paragraph 1 of the report).
    let info = undoc::parse::document(&corpus_document("000"));
    let para1 = info
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("1. La question"))
        .expect("paragraph 1")
        .index;
    let cited: Vec<_> = info
        .citations
        .iter()
        .filter(|c| c.paragraphs.contains(&para1))
        .map(|c| c.symbol.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(cited, ["A/RES/73/27", "A/RES/73/266"]);
    // The records of the debate, listed in footnote 2 of the report.
    let pv = info
        .citations
        .iter()
        .filter(|c| c.text.starts_with("A/C.1/74/PV.") && c.footnotes == ["2"])
        .count();
    assert_eq!(pv, 27);
    assert!(info
        .citations
        .iter()
        .any(|c| c.symbol.as_deref() == Some("A/74/120")));
}

#[test]
fn golden_records() {
    for id in ["000", "001", "003", "004"] {
        check_golden(
            &format!("corpus-{id}"),
            &undoc::parse::document(&corpus_document(id)),
        );
    }
}
