//! Real UN and ICJ PDFs of the shared material (`../shared/real`, read at test time:
//! born-digital, scans with and without an old OCR layer): every one gives an `ok`
//! record with sensible metadata, scans are OCRed into readable English, and no running
//! line is left in a body.

use crate::common;

use common::*;
use regex::Regex;

/// The real PDFs these tests read: born-digital drafts and resolutions, an ICJ filing
/// and an ICJ written statement, two scans and a scanned memorandum.
const REAL: &[&str] = &[
    "real/mandate-pipeline__A_RES_78_237.pdf",
    "real/mandate-pipeline__A_C.1_80_L.1.pdf",
    "real/mandate-pipeline__A_80_L.20.pdf",
    "real/mandate-pipeline__A_C.4_80_L.11.pdf",
    "real/un-su__1971-09-29_A_L.632-EN.pdf",
    "real/un-su__2022-03-04_Note_Verbale_from_the_Office_of_Legal_Affairs_to_the_Permanent_Mission_of_Ukraine.pdf",
    "real/icj-bootcamp__1541.pdf",
    "real/icj-bootcamp__1565.pdf",
    "real/un-su__1991-12-19_Interoffice_memorandum_Fleischhauer.pdf",
];

#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn every_real_pdf_gives_an_ok_record() {
    let Some(files) = shared_files(REAL) else {
        return;
    };
    let refs: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &["--repair", "never"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records.len(), REAL.len());
    let running =
        Regex::new(r"^(\d{1,3}/\d{1,3}|\d{2}-\d{5}( \([A-Z]\))?|\*\d{7}\*|Please recycle.*)$")
            .unwrap();
    for record in &records {
        let name = record["source"]["path"].as_str().unwrap();
        assert_eq!(record["status"], "ok", "{name}");
        assert_schema_valid(record);
        let body = record["body"].as_str().unwrap();
        assert!(body.len() > 200, "{name}: readable text");
        // The ICJ filing is bilingual (a French registry stamp and French passages).
        let expected: &[&str] = if name.contains("icj-bootcamp__1565") {
            &["en", "fr"]
        } else {
            &["en"]
        };
        assert!(
            expected.contains(&record["language"].as_str().unwrap_or("")),
            "{name}: {}",
            record["language"]
        );
        for line in body.lines() {
            assert!(
                !running.is_match(line),
                "{name}: running line in body: {line}"
            );
        }
    }
    let resolution = by_name(&records, "A_RES_78_237.pdf");
    assert_eq!(resolution["symbol"], "A/RES/78/237");
    assert_eq!(resolution["date"], "2023-12-28");
    assert_eq!(resolution["doc_type"], "resolution");
    let draft = by_name(&records, "A_C.1_80_L.1.pdf");
    assert_eq!(draft["symbol"], "A/C.1/80/L.1");
    assert_eq!(draft["sponsors"]["original"][0]["iso3"], "EGY");
    assert!(draft["citations"].as_array().unwrap().len() > 20);
    // No masthead: a memorandum's title is its subject (the `OBJET:` label stands
    // alone on the OCRed form), never the form's heading; a note verbale's title is made
    // from its opening sentence (who sends it to whom), never its letterhead (postal
    // address, telephone).
    let memo = by_name(&records, "Interoffice_memorandum_Fleischhauer.pdf");
    assert_eq!(
        memo["title"],
        "The Union of Soviet Socialist Republics and the United Nations"
    );
    let note = by_name(
        &records,
        "Note_Verbale_from_the_Office_of_Legal_Affairs_to_the_Permanent_Mission_of_Ukraine.pdf",
    );
    let title = note["title"].as_str().unwrap_or("");
    assert!(
        title.starts_with("Note verbale from the Office of Legal Affairs"),
        "{title}"
    );
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn scans_are_ocred_page_by_page() {
    let Some(scans) = shared_files(&[
        "real/un-su__2022-03-04_Note_Verbale_from_the_Office_of_Legal_Affairs_to_the_Permanent_Mission_of_Ukraine.pdf",
        "real/un-su__1971-09-29_A_L.632-EN.pdf",
    ]) else {
        return;
    };
    let refs: Vec<&std::path::Path> = scans.iter().map(|p| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &["--repair", "never", "--lang", "eng"]);
    assert_eq!(code, 0, "{stderr}");
    for record in &records {
        let name = record["source"]["path"].as_str().unwrap();
        for page in record["pages"].as_array().unwrap() {
            assert_eq!(page["method"], "ocr", "{name}");
            assert_eq!(page["ocr"]["languages"], "eng");
            assert!(page["ocr"]["confidence"].as_f64().unwrap() > 50.0, "{name}");
        }
        assert!(
            record["warnings"].as_array().unwrap().is_empty(),
            "{name}: {}",
            record["warnings"]
        );
    }
    let note = by_name(
        &records,
        "Note_Verbale_from_the_Office_of_Legal_Affairs_to_the_Permanent_Mission_of_Ukraine.pdf",
    );
    let body = note["body"].as_str().unwrap();
    assert!(body.contains("Ukraine"), "{body}");
    let old = by_name(&records, "A_L.632-EN.pdf");
    assert!(old["body"].as_str().unwrap().contains("Assembly"));
}

/// ICJ verbatim records: the bilingual cover (`International Court` | `Cour
/// internationale`, each half centred) and the court's composition (`Présents :` with
/// titles and names in columns) are text, not tables.
#[test]
fn icj_covers_and_court_lists_are_no_tables() {
    let Some(files) = shared_files(&[
        "real/icj-bootcamp__131-20040224-ORA-02-00-BI.pdf",
        "real/icj-bootcamp__Verbatim_record_2024_12.pdf",
    ]) else {
        return;
    };
    let refs: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &["--repair", "never"]);
    assert_eq!(code, 0, "{stderr}");
    for record in &records {
        let name = record["source"]["path"].as_str().unwrap();
        assert!(
            record["tables"].as_array().unwrap().is_empty(),
            "{name}: {}",
            record["tables"]
        );
        let body = record["body"].as_str().unwrap();
        for text in ["THE HAGUE", "LA HAYE", "Présents : M."] {
            assert!(body.contains(text), "{name}: {text} not in the body");
        }
    }
}
