//! Metadata of every real document of `../shared/real` (UN resolutions, drafts, reports,
//! a programme-budget fascicle, an old scanned draft, a Secretariat memorandum and note
//! verbale, ICJ verbatim records, a written statement and a letter filed with the Court):
//! symbol, date, organ, document kind and title are checked against facts written down by
//! hand from the first pages (an archivist's record, not copies of the documents).
//!
//! The documents are not in the repository: the test reads them from `../shared/real` at
//! test time (`common::shared`: skipped with one line without it, failed under CI).

use crate::common;

use common::*;
use serde_json::Value;

/// What an archivist records for one document: the end of its file name, then symbol,
/// date, organ, document kind and title (`None`: the document has none).
struct Facts {
    file: &'static str,
    symbol: Option<&'static str>,
    date: Option<&'static str>,
    organ: Option<&'static str>,
    doc_type: Option<&'static str>,
    title: Option<&'static str>,
}

const GA: Option<&str> = Some("General Assembly");
const ICJ: Option<&str> = Some("International Court of Justice");

const FACTS: &[Facts] = &[
    Facts {
        file: "A_RES_78_237.pdf",
        symbol: Some("A/RES/78/237"),
        date: Some("2023-12-28"),
        organ: GA,
        doc_type: Some("resolution"),
        title: Some("Developments in the field of information and telecommunications in the context of international security"),
    },
    Facts {
        file: "A_RES_79_237.pdf",
        symbol: Some("A/RES/79/237"),
        date: Some("2024-12-31"),
        organ: GA,
        doc_type: Some("resolution"),
        title: Some("Open-ended working group on security of and in the use of information and communications technologies 2021–2025 established pursuant to General Assembly resolution 75/240"),
    },
    Facts {
        file: "A_RES_78_243.pdf",
        symbol: Some("A/RES/78/243"),
        date: Some("2023-12-28"),
        organ: GA,
        doc_type: Some("resolution"),
        title: Some("Information and communications technology strategy"),
    },
    Facts {
        file: "A_RES_79_1.pdf",
        symbol: Some("A/RES/79/1"),
        date: Some("2024-09-22"),
        organ: GA,
        doc_type: Some("resolution"),
        title: Some("The Pact for the Future"),
    },
    Facts {
        file: "A_RES_80_1.pdf",
        symbol: Some("A/RES/80/1"),
        date: Some("2025-09-19"),
        organ: GA,
        doc_type: Some("resolution"),
        title: Some("Participation by the State of Palestine during the eightieth session"),
    },
    Facts {
        file: "A_RES_78_69.pdf",
        symbol: Some("A/RES/78/69"),
        date: Some("2023-12-11"),
        organ: GA,
        doc_type: Some("resolution"),
        title: Some("Oceans and the law of the sea"),
    },
    Facts {
        file: "A_C.1_80_L.1.pdf",
        symbol: Some("A/C.1/80/L.1"),
        date: Some("2025-10-08"),
        organ: GA,
        doc_type: Some("draft resolution"),
        title: Some("Establishment of a nuclear-weapon-free zone in the region of the Middle East : draft resolution"),
    },
    Facts {
        file: "A_C.1_80_L.35.pdf",
        symbol: Some("A/C.1/80/L.35"),
        date: Some("2025-10-14"),
        organ: GA,
        doc_type: Some("draft decision"),
        title: Some("Reducing space threats through norms, rules and principles of responsible behaviours : draft decision"),
    },
    Facts {
        file: "A_C.2_80_L.50.pdf",
        symbol: Some("A/C.2/80/L.50"),
        date: Some("2025-11-17"),
        organ: GA,
        doc_type: Some("draft resolution"),
        title: Some("Combating sand and dust storms : draft resolution"),
    },
    Facts {
        file: "A_C.4_80_L.11.pdf",
        symbol: Some("A/C.4/80/L.11"),
        date: Some("2025-10-24"),
        organ: GA,
        doc_type: Some("draft decision"),
        title: Some("Increase in the membership of the Committee on the Peaceful Uses of Outer Space : draft decision"),
    },
    Facts {
        file: "A_80_L.20.pdf",
        symbol: Some("A/80/L.20"),
        date: Some("2025-11-25"),
        organ: GA,
        doc_type: Some("amendment"),
        title: Some("Safety and security of humanitarian personnel and protection of United Nations personnel : amendment to draft resolution A/80/L.18"),
    },
    Facts {
        file: "A_80_590.pdf",
        symbol: Some("A/80/590"),
        date: Some("2026-01-07"),
        organ: GA,
        doc_type: Some("report"),
        title: Some("Budget performance of the United Nations Multidimensional Integrated Stabilization Mission in Mali for the period from 1 July 2024 to 30 June 2025 : report of the Secretary-General"),
    },
    Facts {
        file: "A_81_6_SECT._13.pdf",
        symbol: Some("A/81/6 (Sect. 13)/Part A"),
        date: Some("2026-02-19"),
        organ: GA,
        doc_type: Some("proposed programme budget"),
        title: Some("Proposed programme budget for 2027. Part IV, International cooperation for development. Section 13, International Trade Centre"),
    },
    Facts {
        file: "A_L.632-EN.pdf",
        symbol: Some("A/L.632"),
        date: Some("1971-09-29"),
        organ: GA,
        doc_type: Some("draft resolution"),
        title: Some("Restoration of the lawful rights of the People’s Republic of China in the United Nations : draft resolution"),
    },
    Facts {
        file: "Interoffice_memorandum_Fleischhauer.pdf",
        symbol: None,
        date: Some("1991-12-19"),
        organ: Some("Secretariat"),
        doc_type: Some("memorandum"),
        title: Some("The Union of Soviet Socialist Republics and the United Nations"),
    },
    Facts {
        file: "Permanent_Mission_of_Ukraine.pdf",
        symbol: None,
        // The date (4 March 2022) is typed under the Legal Counsel's seal and signature,
        // in blue ink: OCR reads the page with coloured ink faded.
        date: Some("2022-03-04"),
        organ: Some("Secretariat"),
        doc_type: Some("note verbale"),
        title: Some("Note verbale from the Office of Legal Affairs of the Secretariat of the United Nations to the Permanent Mission of Ukraine to the United Nations"),
    },
    Facts {
        file: "Verbatim_record_2024_12.pdf",
        symbol: Some("CR 2024/12"),
        date: Some("2024-02-23"),
        organ: ICJ,
        doc_type: Some("verbatim record"),
        title: Some("Legal Consequences arising from the Policies and Practices of Israel in the Occupied Palestinian Territory, including East Jerusalem (Request for advisory opinion submitted by the General Assembly of the United Nations)"),
    },
    Facts {
        file: "131-20040224-ORA-02-00-BI.pdf",
        symbol: Some("CR 2004/4"),
        date: Some("2004-02-24"),
        organ: ICJ,
        doc_type: Some("verbatim record"),
        title: Some("Legal Consequences of the Construction of a Wall in the Occupied Palestinian Territory (Request for advisory opinion submitted by the General Assembly of the United Nations)"),
    },
    Facts {
        file: "icj-bootcamp__1565.pdf",
        symbol: None,
        // The statement is signed on 29 January 2004 (the registry's stamp of the next
        // day is too faint for OCR).
        date: Some("2004-01-29"),
        organ: ICJ,
        doc_type: Some("written statement"),
        title: Some("Written statement of the Government of Canada"),
    },
    Facts {
        file: "icj-bootcamp__1541.pdf",
        symbol: None,
        date: Some("2004-01-15"),
        organ: ICJ,
        doc_type: Some("letter"),
        title: Some("Letter to the President of the Court from the Permanent Representative of the Republic of Guinea to the United Nations dated 15 January 2004"),
    },
];

/// Facts undoc cannot read yet (file, field): the record must then leave the field empty
/// rather than guess, and the entry must go once the field is read right.
const KNOWN_GAPS: &[(&str, &str)] = &[];

fn field<'a>(record: &'a Value, name: &str) -> Option<&'a str> {
    record[name].as_str()
}

#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn every_real_document_has_the_archivists_metadata() {
    let Some(dir) = shared("real") else {
        return;
    };
    let (code, records, stderr) = ingest(&[&dir], &["--repair", "never"]);
    assert_eq!(code, 0, "{stderr}");
    let pdfs = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        })
        .count();
    assert_eq!(
        pdfs,
        FACTS.len(),
        "one fact list per PDF of {}",
        dir.display()
    );
    let mut wrong: Vec<String> = Vec::new();
    for facts in FACTS {
        let matching: Vec<&Value> = records
            .iter()
            .filter(|r| {
                r["source"]["path"]
                    .as_str()
                    .is_some_and(|p| p.ends_with(facts.file))
            })
            .collect();
        assert_eq!(matching.len(), 1, "one record for {}", facts.file);
        let record = matching[0];
        let checks = [
            ("symbol", facts.symbol),
            ("date", facts.date),
            ("organ", facts.organ),
            ("doc_type", facts.doc_type),
            ("title", facts.title),
        ];
        for (name, expected) in checks {
            let got = field(record, name);
            if KNOWN_GAPS.contains(&(facts.file, name)) {
                assert!(
                    got.is_none(),
                    "{} {name}: known gap, must stay empty rather than {got:?} \
                     (if it now reads {expected:?}, remove it from KNOWN_GAPS)",
                    facts.file
                );
                continue;
            }
            if got != expected {
                wrong.push(format!(
                    "{} {name}: got {got:?}, expected {expected:?}",
                    facts.file
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "wrong metadata:\n{}", wrong.join("\n"));
}
