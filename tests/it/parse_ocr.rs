//! The parser on OCR text: Tesseract's French-model output for the clean scans of the
//! corpus (`tests/data/ocr-baseline/NNN.scan-clean.tesseract.txt`), read as a text input
//! by the pipeline. OCR specks around the masthead (`} Assemblée générale`), spaces in
//! symbols (`A/ 74/ 386`) and lines run together must not cost the metadata.

use std::path::Path;

use undoc::extract::text_input;
use undoc::model::DocumentMeta;

fn parse_ocr(id: &str) -> DocumentMeta {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
        "tests/data/ocr-baseline/{id}.scan-clean.tesseract.txt"
    ));
    let bytes = std::fs::read(&path).expect("OCR text");
    let pages = text_input::read_text_input(&path, &bytes).expect("text input");
    undoc::parse::document(&undoc::clean::pages(&pages))
}

#[test]
fn metadata_survives_clean_ocr() {
    const TITLE: &str =
        "Progrès de l’informatique et des télécommunications et sécurité internationale";
    // (id, symbol, distribution, date, session, agenda, doc_type, title)
    let expected = [
        (
            "000",
            "A/74/386",
            Some("general"),
            Some("2019-11-18"),
            Some(74),
            vec!["93"],
            "report",
            format!("{TITLE} : rapport de la Première Commission"),
        ),
        (
            "001",
            "A/C.1/69/L.26",
            Some("limited"),
            Some("2014-10-17"),
            Some(69),
            vec!["91"],
            "draft resolution",
            format!("{TITLE} : projet de résolution"),
        ),
        (
            "003",
            "A/AC.290/2021/L.2",
            Some("limited"),
            Some("2021-01-19"),
            None,
            vec![],
            "draft report",
            "Projet de rapport sur le fond de la question (avant-projet)".to_string(),
        ),
        // The scan of 004 lost its distribution and date to OCR: they stay null.
        (
            "004",
            "A/RES/77/36",
            None,
            None,
            Some(77),
            vec!["94"],
            "resolution",
            TITLE.to_string(),
        ),
    ];
    for (id, symbol, distribution, date, session, agenda, doc_type, title) in expected {
        let info = parse_ocr(id);
        assert_eq!(info.symbol.as_deref(), Some(symbol), "{id}");
        assert_eq!(info.organ.as_deref(), Some("Assemblée générale"), "{id}");
        assert_eq!(info.distribution.as_deref(), distribution, "{id}");
        assert_eq!(info.date.as_deref(), date, "{id}");
        assert_eq!(info.session, session, "{id}");
        assert_eq!(info.agenda_items, agenda, "{id}");
        assert_eq!(info.doc_type.as_deref(), Some(doc_type), "{id}");
        assert_eq!(info.title.as_deref(), Some(title.as_str()), "{id}");
    }
}
