//! Parsing the first pages of real English UN and ICJ documents of the shared material
//! (`../shared/real`, read at test time): the pipeline's own stages make the first page
//! (text layer — for the 1971 scan its old, noisy OCR layer — then cleaning) and the
//! parser reads it. The
//! expected values, a small list of facts per document, were read by hand from each
//! first page.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::shared;
use undoc::extract::textlayer;
use undoc::model::CleanText;
use undoc::parse::{CitationKind, ParagraphKind};
use undoc::Limits;

/// The cleaned first page of a shared real PDF, from its text layer (for the 1971
/// scan, its old OCR layer), or `None` when the shared material is absent.
fn first_page(file: &str) -> Option<CleanText> {
    let pdf = shared(&format!("real/{}.pdf", pdf_name(file)))?;
    Some(undoc::clean::pages(&[text_layer_page(&pdf)]))
}

/// The shared file name of a document.
fn pdf_name(name: &str) -> &'static str {
    match name {
        "A_RES_78_237" => "mandate-pipeline__A_RES_78_237",
        "A_RES_78_243" => "mandate-pipeline__A_RES_78_243",
        "A_RES_79_1" => "mandate-pipeline__A_RES_79_1",
        "A_RES_80_1" => "mandate-pipeline__A_RES_80_1",
        "A_C.1_80_L.1" => "mandate-pipeline__A_C.1_80_L.1",
        "A_C.4_80_L.11" => "mandate-pipeline__A_C.4_80_L.11",
        "A_C.2_80_L.50" => "mandate-pipeline__A_C.2_80_L.50",
        "A_80_L.20" => "mandate-pipeline__A_80_L.20",
        "A_80_590" => "un-mandates__A_80_590",
        "A_81_6_SECT_13" => "un-mandates__A_81_6_SECT._13",
        "icj_1541" => "icj-bootcamp__1541",
        "icj_CR_2024_12" => "icj-bootcamp__Verbatim_record_2024_12",
        "A_L.632_1971_ocr" => "un-su__1971-09-29_A_L.632-EN",
        other => panic!("no shared PDF for {other}"),
    }
}

fn text_layer_page(pdf: &Path) -> undoc::model::Page {
    let limits = Limits {
        timeout: Duration::from_secs(60),
        memory_bytes: 4 << 30,
    };
    let layer = textlayer::read_text_layer(pdf, limits, 0).expect("text layer");
    layer.pages.into_iter().next().expect("a first page")
}

/// The parsed first page, or a return from the test when the shared material is absent.
macro_rules! parsed {
    ($file:expr) => {
        match first_page($file) {
            Some(clean) => undoc::parse::document(&clean),
            None => return,
        }
    };
}

struct Expect {
    file: &'static str,
    symbol: Option<&'static str>,
    date: Option<&'static str>,
    title: &'static str,
    doc_type: Option<&'static str>,
    session: Option<u32>,
    agenda: &'static [&'static str],
}

const EXPECTED: &[Expect] = &[
    Expect {
        file: "A_RES_78_237",
        symbol: Some("A/RES/78/237"),
        date: Some("2023-12-28"),
        title: "Developments in the field of information and telecommunications in the context of international security",
        doc_type: Some("resolution"),
        session: Some(78),
        agenda: &["94"],
    },
    Expect {
        file: "A_RES_78_243",
        symbol: Some("A/RES/78/243"),
        date: Some("2023-12-28"),
        title: "Information and communications technology strategy",
        doc_type: Some("resolution"),
        session: Some(78),
        agenda: &["133"],
    },
    Expect {
        file: "A_RES_79_1",
        symbol: Some("A/RES/79/1"),
        date: Some("2024-09-22"),
        title: "The Pact for the Future",
        doc_type: Some("resolution"),
        session: Some(79),
        agenda: &["123"],
    },
    Expect {
        file: "A_RES_80_1",
        symbol: Some("A/RES/80/1"),
        date: Some("2025-09-19"),
        title: "Participation by the State of Palestine during the eightieth session",
        doc_type: Some("resolution"),
        session: Some(80),
        agenda: &["7"],
    },
    Expect {
        file: "A_C.1_80_L.1",
        symbol: Some("A/C.1/80/L.1"),
        date: Some("2025-10-08"),
        title: "Establishment of a nuclear-weapon-free zone in the region of the Middle East : draft resolution",
        doc_type: Some("draft resolution"),
        session: Some(80),
        agenda: &["95"],
    },
    Expect {
        file: "A_C.4_80_L.11",
        symbol: Some("A/C.4/80/L.11"),
        date: Some("2025-10-24"),
        title: "Increase in the membership of the Committee on the Peaceful Uses of Outer Space : draft decision",
        doc_type: Some("draft decision"),
        session: Some(80),
        agenda: &["48"],
    },
    Expect {
        file: "A_C.2_80_L.50",
        symbol: Some("A/C.2/80/L.50"),
        date: Some("2025-11-17"),
        title: "Combating sand and dust storms : draft resolution",
        doc_type: Some("draft resolution"),
        session: Some(80),
        agenda: &["18 (i)"],
    },
    Expect {
        file: "A_80_L.20",
        symbol: Some("A/80/L.20"),
        date: Some("2025-11-25"),
        title: "Safety and security of humanitarian personnel and protection of United Nations personnel : amendment to draft resolution A/80/L.18",
        doc_type: Some("amendment"),
        session: Some(80),
        agenda: &["72 (a)"],
    },
    Expect {
        file: "A_80_590",
        symbol: Some("A/80/590"),
        date: Some("2026-01-07"),
        title: "Budget performance of the United Nations Multidimensional Integrated Stabilization Mission in Mali for the period from 1 July 2024 to 30 June 2025 : report of the Secretary-General",
        doc_type: Some("report"),
        session: Some(80),
        agenda: &["155"],
    },
    Expect {
        file: "A_81_6_SECT_13",
        symbol: Some("A/81/6 (Sect. 13)/Part A"),
        date: Some("2026-02-19"),
        title: "Proposed programme budget for 2027. Part IV, International cooperation for development. Section 13, International Trade Centre",
        doc_type: Some("proposed programme budget"),
        session: Some(81),
        agenda: &["138", "139"],
    },
    Expect {
        file: "icj_1541",
        symbol: None,
        date: Some("2004-01-15"),
        title: "Letter to the President of the Court from the Permanent Representative of the Republic of Guinea to the United Nations dated 15 January 2004",
        doc_type: Some("letter"),
        session: None,
        agenda: &[],
    },
    Expect {
        file: "icj_CR_2024_12",
        symbol: Some("CR 2024/12"),
        date: Some("2024-02-23"),
        title: "Legal Consequences arising from the Policies and Practices of Israel in the Occupied Palestinian Territory, including East Jerusalem (Request for advisory opinion submitted by the General Assembly of the United Nations)",
        doc_type: Some("verbatim record"),
        session: None,
        agenda: &[],
    },
    Expect {
        // An old scan with a noisy OCR layer: the date (`~9 September 1971`) and the
        // session (`rrwenty-sixth`) are unreadable and must stay null, not be guessed.
        file: "A_L.632_1971_ocr",
        symbol: Some("A/L.632"),
        date: None,
        title: "Restoration of the lawful rights of the People’s Republic of China in the United Nations : draft resolution",
        doc_type: Some("draft resolution"),
        session: None,
        agenda: &["93"],
    },
];

#[test]
fn first_page_metadata_of_real_documents() {
    for e in EXPECTED {
        let info = parsed!(e.file);
        assert_eq!(info.symbol.as_deref(), e.symbol, "{} symbol", e.file);
        assert_eq!(info.date.as_deref(), e.date, "{} date", e.file);
        assert_eq!(info.title.as_deref(), Some(e.title), "{} title", e.file);
        assert_eq!(info.doc_type.as_deref(), e.doc_type, "{} doc_type", e.file);
        assert_eq!(info.session, e.session, "{} session", e.file);
        assert_eq!(info.agenda_items, e.agenda, "{} agenda", e.file);
        assert_eq!(info.language.as_deref(), Some("en"), "{} language", e.file);
        if e.file.starts_with('A') {
            assert_eq!(
                info.organ.as_deref(),
                Some("General Assembly"),
                "{}",
                e.file
            );
        }
    }
}

#[test]
fn distribution_original_and_job_number() {
    let info = parsed!("A_C.1_80_L.1");
    assert_eq!(info.distribution.as_deref(), Some("limited"));
    assert_eq!(info.original_language.as_deref(), Some("en"));
    assert_eq!(info.document_language, None);
    assert_eq!(info.job_number.as_deref(), Some("25-16208"));
    let info = parsed!("A_RES_78_237");
    assert_eq!(info.distribution.as_deref(), Some("general"));
    assert_eq!(info.original_language, None);
    let info = parsed!("A_L.632_1971_ocr");
    assert_eq!(info.distribution.as_deref(), Some("limited"));
    assert_eq!(info.original_language.as_deref(), Some("en"));
    assert_eq!(info.job_number.as_deref(), Some("71-19641"));
    // The organ in big letters, one word per line, interleaved with the right column.
    assert_eq!(info.organ.as_deref(), Some("General Assembly"));
    let info = parsed!("icj_CR_2024_12");
    assert_eq!(
        info.organ.as_deref(),
        Some("International Court of Justice")
    );
}

#[test]
fn citations_of_real_documents() {
    let info = parsed!("A_C.1_80_L.1");
    let by_symbol = |s: &str| {
        info.citations
            .iter()
            .find(|c| c.symbol.as_deref() == Some(s))
            .unwrap_or_else(|| panic!("no {s}"))
            .clone()
    };
    assert_eq!(
        by_symbol("A/RES/3263(XXIX)").date.as_deref(),
        Some("1974-12-09")
    );
    assert_eq!(
        by_symbol("A/RES/36/87 A").date.as_deref(),
        Some("1981-12-09")
    );
    assert_eq!(
        by_symbol("A/RES/36/87 B").date.as_deref(),
        Some("1981-12-09")
    );
    assert_eq!(by_symbol("A/RES/79/16").date.as_deref(), Some("2024-12-02"));
    assert_eq!(by_symbol("A/RES/S-10/2").footnotes, ["1"]);

    let info = parsed!("A_RES_78_243");
    let decision = info
        .citations
        .iter()
        .find(|c| c.kind == CitationKind::Decision)
        .expect("decision 77/548 B");
    assert_eq!(decision.text, "77/548 B");
    assert_eq!(decision.date.as_deref(), Some("2023-04-18"));
    assert!(info
        .citations
        .iter()
        .any(|c| c.symbol.as_deref() == Some("A/RES/67/254 A")
            && c.date.as_deref() == Some("2013-04-12")));
    assert!(info
        .citations
        .iter()
        .any(|c| c.symbol.as_deref() == Some("A/78/643")));

    let info = parsed!("icj_1541");
    let c = info
        .citations
        .iter()
        .find(|c| c.symbol.as_deref() == Some("A/RES/ES-10/14"))
        .expect("ES-10/14");
    assert_eq!(c.kind, CitationKind::Resolution);
    assert_eq!(c.date.as_deref(), Some("2003-12-08"));

    let info = parsed!("A_RES_80_1");
    assert!(info
        .citations
        .iter()
        .any(|c| c.symbol.as_deref() == Some("A/RES/169(II)")));
}

#[test]
fn paragraphs_of_real_resolutions() {
    let info = parsed!("A_RES_80_1");
    let verbs: Vec<(ParagraphKind, &str)> = info
        .paragraphs
        .iter()
        .filter_map(|p| p.verb.as_deref().map(|v| (p.kind, v)))
        .collect();
    assert_eq!(
        verbs,
        [
            (ParagraphKind::Preambular, "Expressing concern"),
            (ParagraphKind::Preambular, "Regretting"),
            (ParagraphKind::Preambular, "Taking note"),
            (ParagraphKind::Preambular, "Recalling"),
            (ParagraphKind::Preambular, "Recalling also"),
            (ParagraphKind::Operative, "Decides"),
        ]
    );
    let last = info.paragraphs.last().expect("a paragraph");
    assert_eq!(last.kind, ParagraphKind::SubItem);
    assert_eq!(last.number.as_deref(), Some("a"));

    // A one-paragraph decision: "The General Assembly, taking note …, decides to appoint …".
    let info = parsed!("A_C.4_80_L.11");
    let op = info
        .paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Operative)
        .expect("operative");
    assert_eq!(op.verb.as_deref(), Some("decides"));

    // An unnumbered single operative paragraph ends the sentence with a full stop. (The
    // old OCR layer breaks it into lines that cleaning keeps apart: continuations follow.)
    let info = parsed!("A_L.632_1971_ocr");
    let kinds: Vec<_> = info.paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds[4..7],
        [
            ParagraphKind::Text,
            ParagraphKind::Preambular,
            ParagraphKind::Operative
        ]
    );
}
