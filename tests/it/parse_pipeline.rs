//! The parser on what the pipeline's own stages make of the PDFs in `corpus/`
//! (text layer → cleaning → parsing): the four born-digital corpus documents against
//! their `NNN.meta.json`, English real PDFs of the shared material (`../shared/real`,
//! read at test time) against their first pages as read by hand, and the five seeds
//! through the pipeline's text-input reader.

use crate::common;

use std::path::Path;
use std::time::Duration;

use undoc::extract::{text_input, textlayer};
use undoc::model::DocumentMeta;
use undoc::Limits;

use common::{repo_file, shared};

fn parse_pdf(path: &Path) -> DocumentMeta {
    let limits = Limits {
        timeout: Duration::from_secs(60),
        memory_bytes: 4 << 30,
    };
    let pages = textlayer::read_text_layer(path, limits, 0)
        .expect("text layer")
        .pages;
    undoc::parse::document(&undoc::clean::pages(&pages))
}

#[test]
fn born_digital_corpus_metadata() {
    // (id, symbol, distribution, date, title)
    let expected = [
        ("000", "A/74/386", "general", "2019-11-18", "Progrès de l’informatique et des télécommunications et sécurité internationale : rapport de la Première Commission"),
        ("001", "A/C.1/69/L.26", "limited", "2014-10-17", "Progrès de l’informatique et des télécommunications et sécurité internationale : projet de résolution"),
        ("003", "A/AC.290/2021/L.2", "limited", "2021-01-19", "Projet de rapport sur le fond de la question (avant-projet)"),
        ("004", "A/RES/77/36", "general", "2022-12-12", "Progrès de l’informatique et des télécommunications et sécurité internationale"),
    ];
    for (id, symbol, distribution, date, title) in expected {
        let info = parse_pdf(&repo_file(&format!(
            "corpus/synthetic/{id}.born-digital.pdf"
        )));
        assert_eq!(info.symbol.as_deref(), Some(symbol), "{id}");
        assert_eq!(info.organ.as_deref(), Some("Assemblée générale"), "{id}");
        assert_eq!(info.distribution.as_deref(), Some(distribution), "{id}");
        assert_eq!(info.date.as_deref(), Some(date), "{id}");
        assert_eq!(info.language.as_deref(), Some("fr"), "{id}");
        assert_eq!(info.title.as_deref(), Some(title), "{id}");
        if id != "004" {
            assert_eq!(info.document_language.as_deref(), Some("fr"), "{id}");
            assert_eq!(info.original_language.as_deref(), Some("en"), "{id}");
        }
    }
}

#[test]
fn english_real_pdfs() {
    // (file, symbol, date, doc_type, title)
    let expected = [
        ("mandate-pipeline__A_RES_78_237.pdf", Some("A/RES/78/237"), Some("2023-12-28"), Some("resolution"), "Developments in the field of information and telecommunications in the context of international security"),
        ("mandate-pipeline__A_C.1_80_L.1.pdf", Some("A/C.1/80/L.1"), Some("2025-10-08"), Some("draft resolution"), "Establishment of a nuclear-weapon-free zone in the region of the Middle East : draft resolution"),
        ("mandate-pipeline__A_C.4_80_L.11.pdf", Some("A/C.4/80/L.11"), Some("2025-10-24"), Some("draft decision"), "Increase in the membership of the Committee on the Peaceful Uses of Outer Space : draft decision"),
        ("mandate-pipeline__A_80_L.20.pdf", Some("A/80/L.20"), Some("2025-11-25"), Some("amendment"), "Safety and security of humanitarian personnel and protection of United Nations personnel : amendment to draft resolution A/80/L.18"),
        ("icj-bootcamp__1541.pdf", None, Some("2004-01-15"), Some("letter"), "Letter to the President of the Court from the Permanent Representative of the Republic of Guinea to the United Nations dated 15 January 2004"),
        ("un-su__1971-09-29_A_L.632-EN.pdf", Some("A/L.632"), None, Some("draft resolution"), "Restoration of the lawful rights of the People’s Republic of China in the United Nations : draft resolution"),
    ];
    for (file, symbol, date, doc_type, title) in expected {
        let Some(pdf) = shared(&format!("real/{file}")) else {
            return;
        };
        let info = parse_pdf(&pdf);
        assert_eq!(info.symbol.as_deref(), symbol, "{file}");
        assert_eq!(info.date.as_deref(), date, "{file}");
        assert_eq!(info.doc_type.as_deref(), doc_type, "{file}");
        assert_eq!(info.title.as_deref(), Some(title), "{file}");
        assert_eq!(info.language.as_deref(), Some("en"), "{file}");
    }
}

#[test]
fn real_resolution_structure_and_citations() {
    let Some(pdf) = shared("real/mandate-pipeline__A_RES_78_237.pdf") else {
        return;
    };
    let info = parse_pdf(&pdf);
    assert_eq!(info.session, Some(78));
    assert_eq!(info.agenda_items, ["94"]);
    let operative: Vec<_> = info
        .paragraphs
        .iter()
        .filter(|p| p.kind == undoc::parse::ParagraphKind::Operative)
        .map(|p| p.number.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(operative, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    let c = info
        .citations
        .iter()
        .find(|c| c.symbol.as_deref() == Some("A/RES/77/36"))
        .expect("77/36");
    assert_eq!(c.date.as_deref(), Some("2022-12-07"));
}

#[test]
fn seeds_through_the_text_input_reader() {
    const TITLE: &str =
        "Progrès de l’informatique et des télécommunications et sécurité internationale";
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    let parsed: Vec<DocumentMeta> = seeds
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("seed");
            let pages = text_input::read_text_input(path, &bytes).expect("text input");
            undoc::parse::document(&undoc::clean::pages(&pages))
        })
        .collect();
    let kinds: Vec<_> = parsed.iter().map(|i| i.doc_type.as_deref()).collect();
    assert_eq!(
        kinds,
        [
            Some("report"),
            Some("draft resolution"),
            Some("draft resolution"),
            Some("draft report"),
            Some("resolution")
        ]
    );
    assert_eq!(
        parsed[0].title.as_deref(),
        Some(format!("{TITLE} : rapport de la Première Commission").as_str())
    );
    assert_eq!(parsed[0].date.as_deref(), Some("2019-11-18"));
    assert_eq!(parsed[0].session, Some(74));
    assert_eq!(parsed[0].agenda_items, ["93"]);
    assert_eq!(parsed[0].organ.as_deref(), Some("Assemblée générale"));
    assert_eq!(
        parsed[1].title.as_deref(),
        Some(format!("{TITLE} : projet de résolution").as_str())
    );
    assert!(parsed[2]
        .title
        .as_deref()
        .is_some_and(|t| t.ends_with(" : projet de résolution révisé")));
    assert_eq!(parsed[3].date.as_deref(), Some("2021-01-19"));
    assert_eq!(parsed[4].title.as_deref(), Some(TITLE));
    for info in &parsed {
        assert_eq!(info.language.as_deref(), Some("fr"));
    }
}
