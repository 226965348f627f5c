//! Votes and sponsors read from real document texts: the ground truth of 000 and 001,
//! the seed extractions, the born-digital PDFs' text layers (pdftotext output of the
//! synthetic corpus stored in tests/data/countries/; of real drafts, read at test time
//! from the shared material `../shared/real`) and the Tesseract baselines of the scans.
//!
//! The ground truth gives one paragraph per line. The other texts are not yet cut into
//! paragraphs (the pipeline's cleaning stage supplies real paragraphs); `blocks` is a
//! simple stand-in: text between blank lines, a block that starts in lower case being
//! joined to the previous one.

use crate::common;

use common::{pdftotext, shared};
use undoc::countries::CountryRef;
use undoc::lang::Lang;
use undoc::model::{Tally, Vote};
use undoc::parse::{parse_sponsors, parse_votes};

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn seed(prefix: &str) -> String {
    let dir = std::fs::read_dir("corpus/seeds").expect("corpus/seeds");
    let path = dir
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .expect("seed file");
    std::fs::read_to_string(path).expect("seed text")
}

/// Body paragraphs of a ground-truth file: the lines before the first empty line.
fn truth_body(path: &str) -> Vec<String> {
    read(path)
        .lines()
        .take_while(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Paragraphs of an extraction that has not been cleaned (see the module comment).
fn blocks(text: &str) -> Vec<String> {
    let text = text.replace('\r', "").replace('\u{c}', "\n\n");
    let mut out: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(prev) if block.starts_with(char::is_lowercase) => {
                prev.push('\n');
                prev.push_str(block);
            }
            _ => out.push(block.to_string()),
        }
    }
    out
}

fn codes(refs: &[CountryRef]) -> Vec<&str> {
    refs.iter().map(|r| r.iso3.as_str()).collect()
}

fn counts(v: &Vote) -> (usize, usize, usize) {
    (v.yes.len(), v.no.len(), v.abstain.len())
}

fn assert_000_votes(paragraphs: &[String], what: &str) {
    let (votes, warnings) = parse_votes(paragraphs, Lang::Fr);
    assert_eq!(votes.len(), 2, "{what}: {votes:#?}");
    assert_eq!(counts(&votes[0]), (161, 10, 8), "{what}");
    assert_eq!(counts(&votes[1]), (124, 6, 48), "{what}");
    for v in &votes {
        assert_eq!(v.tally_matches, Some(true), "{what}");
        assert!(v.unknown.is_empty(), "{what}: {:?}", v.unknown);
        assert!(!v.adopted_without_vote);
    }
    assert_eq!(
        votes[0].subject.as_deref(),
        Some("A/C.1/74/L.49/Rev.1"),
        "{what}"
    );
    assert_eq!(
        votes[1].subject.as_deref(),
        Some("A/C.1/74/L.50/Rev.1"),
        "{what}"
    );
    assert_eq!(
        votes[0].stated,
        Some(Tally {
            yes: 161,
            no: 10,
            abstain: 8
        })
    );
    assert_eq!(
        codes(&votes[0].no),
        ["BOL", "CHN", "CUB", "EGY", "RUS", "IRN", "NIC", "SYR", "PRK", "VEN"],
        "{what}"
    );
    assert_eq!(
        codes(&votes[1].no),
        ["CAN", "USA", "GEO", "ISR", "GBR", "UKR"],
        "{what}"
    );
    assert!(warnings.is_empty(), "{what}: {warnings:?}");
    let gbr = votes[1].no.iter().find(|r| r.iso3 == "GBR").unwrap();
    assert_eq!(
        gbr.name,
        "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord"
    );
    assert!(gbr
        .as_written
        .starts_with("Royaume-Uni de Grande-Bretagne et d"));
}

#[test]
fn votes_of_000_ground_truth() {
    assert_000_votes(&truth_body("tests/data/truth/000.gt.txt"), "000.gt.txt");
}

#[test]
fn votes_of_000_seed() {
    assert_000_votes(&blocks(&seed("000_")), "seed 000");
}

#[test]
fn votes_of_000_born_digital_text_layer() {
    let text = read("tests/data/countries/000.born-digital.pdftotext.txt");
    assert_000_votes(&blocks(&text), "000.born-digital.pdf");
}

#[test]
fn a_list_with_a_name_removed_is_reported_not_fixed() {
    let mut body = truth_body("tests/data/truth/000.gt.txt");
    let against = body.iter().position(|p| p == "Ont voté contre :").unwrap() + 1;
    assert!(body[against].contains("Nicaragua, "));
    body[against] = body[against].replacen("Nicaragua, ", "", 1);
    let (votes, warnings) = parse_votes(&body, Lang::Fr);
    assert_eq!(counts(&votes[0]), (161, 9, 8));
    assert_eq!(votes[0].tally_matches, Some(false));
    assert_eq!(
        votes[0].stated,
        Some(Tally {
            yes: 161,
            no: 10,
            abstain: 8
        })
    );
    let w = warnings
        .iter()
        .find(|w| w.contains("A/C.1/74/L.49/Rev.1"))
        .expect("a warning for the first vote");
    assert!(w.contains("161-10-8") && w.contains("161-9-8"), "{w}");
    assert_eq!(votes[1].tally_matches, Some(true));
}

/// The Tesseract baselines lose whole lines at page breaks: the parser must say so.
#[test]
fn votes_of_000_scans_report_lost_lines() {
    for name in [
        "000.scan-clean.tesseract.txt",
        "000.scan-clean.tesseract-eng.txt",
        "000.scan-poor.tesseract.txt",
        "000.scan-poor.tesseract-eng.txt",
    ] {
        let text = read(&format!("tests/data/ocr-baseline/{name}"));
        let (votes, warnings) = parse_votes(&blocks(&text), Lang::Fr);
        assert_eq!(votes.len(), 2, "{name}: {votes:#?}");
        for v in &votes {
            let stated = v.stated.expect("stated");
            let c = v.counted();
            let complete = (c.yes, c.no, c.abstain) == (stated.yes, stated.no, stated.abstain);
            assert_eq!(v.tally_matches, Some(complete), "{name}");
            if !complete {
                let msg = format!("{}-{}-{}", c.yes, c.no, c.abstain);
                assert!(
                    warnings.iter().any(|w| w.contains(&msg)),
                    "{name}: {warnings:?}"
                );
            }
            // Whatever was read is right: every code is in the ground-truth lists.
            assert!(
                c.yes <= stated.yes && c.no <= stated.no && c.abstain <= stated.abstain,
                "{name}: {c:?}"
            );
        }
        eprintln!(
            "{name}: {:?} {:?} unknown {:?}",
            counts(&votes[0]),
            counts(&votes[1]),
            votes
                .iter()
                .flat_map(|v| v.unknown.clone())
                .collect::<Vec<_>>()
        );
    }
}

const L49_SPONSORS: [&str; 28] = [
    "ALB", "AUS", "CAN", "HRV", "DNK", "EST", "USA", "FIN", "GEO", "HTI", "HUN", "ISL", "ISR",
    "ITA", "JPN", "LVA", "LTU", "LUX", "MWI", "MNE", "NOR", "NLD", "POL", "PRT", "COD", "MDA",
    "ROU", "GBR",
];

#[test]
fn sponsors_of_000() {
    for (what, body) in [
        ("gt", truth_body("tests/data/truth/000.gt.txt")),
        ("seed", blocks(&seed("000_"))),
        (
            "pdf",
            blocks(&read("tests/data/countries/000.born-digital.pdftotext.txt")),
        ),
    ] {
        let (s, warnings) = parse_sponsors(&body, Lang::Fr);
        assert!(warnings.is_empty(), "{what}: {warnings:?}");
        assert_eq!(s.drafts.len(), 2, "{what}: {:#?}", s.drafts);
        let first = &s.drafts[0];
        assert_eq!(
            first.subject.as_deref(),
            Some("A/C.1/74/L.49/Rev.1"),
            "{what}"
        );
        let mut expected = L49_SPONSORS.to_vec();
        expected.push("SWE");
        assert_eq!(codes(&first.original), expected, "{what}");
        assert_eq!(first.joined.len(), 20, "{what}");
        assert_eq!(first.joined.last().unwrap().iso3, "TUR");
        // `Tchèque` (sic) and `Nouvelle Zélande` are the source's own slips.
        assert!(codes(&first.joined).contains(&"CZE") && codes(&first.joined).contains(&"NZL"));
        let second = &s.drafts[1];
        assert_eq!(
            second.subject.as_deref(),
            Some("A/C.1/74/L.50/Rev.1"),
            "{what}"
        );
        assert_eq!(second.original.len(), 21, "{what}");
        assert_eq!(second.joined.len(), 10, "{what}");
        assert_eq!(s.original.len(), 50);
        assert_eq!(s.joined.len(), 30);
    }
}

const L26_SPONSORS: [&str; 38] = [
    "DZA", "AGO", "ARM", "BLR", "BEN", "BOL", "BRA", "BFA", "CHN", "COG", "CUB", "EGY", "ARE",
    "ECU", "ERI", "RUS", "GAB", "GHA", "GNB", "IDN", "KAZ", "KEN", "KGZ", "MDG", "MLI", "MAR",
    "NIC", "NGA", "UGA", "PAK", "SYR", "LAO", "PRK", "SDN", "TJK", "TKM", "VNM", "ZWE",
];

#[test]
fn sponsors_of_001() {
    for (what, body) in [
        ("gt", truth_body("tests/data/truth/001.gt.txt")),
        ("seed", blocks(&seed("001_"))),
        (
            "pdf",
            blocks(&read("tests/data/countries/001.born-digital.pdftotext.txt")),
        ),
    ] {
        let (s, warnings) = parse_sponsors(&body, Lang::Fr);
        assert!(warnings.is_empty(), "{what}: {warnings:?}");
        assert_eq!(codes(&s.original), L26_SPONSORS, "{what}");
        assert!(s.joined.is_empty());
        assert_eq!(s.original[5].as_written, "Bolivie (État plurinational de)");
    }
}

/// Seed 002 is English-model OCR of a French draft: `Cote d’Ivoire`, `Gréce`, `Norvege`,
/// `Suéde`, and a list cut by page breaks.
#[test]
fn sponsors_of_002_ocr_seed() {
    let (s, warnings) = parse_sponsors(&blocks(&seed("002_")), Lang::Fr);
    assert!(warnings.is_empty(), "{warnings:?}");
    let c = codes(&s.original);
    assert_eq!(c.len(), 52, "{c:?}");
    for iso3 in [
        "CIV", "ECU", "GRC", "NOR", "SWE", "GBR", "NLD", "UKR", "SMR",
    ] {
        assert!(c.contains(&iso3), "{iso3}");
    }
}

/// Real English drafts (text layers of ../shared/real PDFs): a 1971 scan with OCR damage
/// (`Nicar~gua`) and an old name (`Swaziland`), a 2025 draft decision, an amendment.
#[test]
fn sponsors_of_real_english_drafts() {
    let cases: [(&str, &[&str]); 3] = [
        (
            "un-su__1971-09-29_A_L.632-EN",
            &[
                "AUS", "COL", "CRI", "DOM", "SLV", "FJI", "GMB", "GTM", "HTI", "HND", "JPN", "LSO",
                "LBR", "NZL", "NIC", "PHL", "SWZ", "THA", "USA", "URY",
            ],
        ),
        (
            "mandate-pipeline__A_C.4_80_L.11",
            &["AUT", "FRA", "DEU", "HND", "MDV", "ZAF", "ESP", "ZWE"],
        ),
        ("mandate-pipeline__A_80_L.20", &["RUS"]),
    ];
    let text_of = |name: &str| shared(&format!("real/{name}.pdf")).map(|pdf| pdftotext(&pdf));
    for (name, expected) in cases {
        let Some(text) = text_of(name) else {
            return;
        };
        let (s, warnings) = parse_sponsors(&blocks(&text), Lang::En);
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_eq!(codes(&s.original), expected, "{name}");
    }
    let Some(text) = text_of("un-su__1971-09-29_A_L.632-EN") else {
        return;
    };
    let (s, _) = parse_sponsors(&blocks(&text), Lang::En);
    let nic = s.original.iter().find(|r| r.iso3 == "NIC").unwrap();
    assert_eq!(
        (nic.as_written.as_str(), nic.name.as_str()),
        ("Nicar~gua", "Nicaragua")
    );
    let swz = s.original.iter().find(|r| r.iso3 == "SWZ").unwrap();
    assert_eq!(swz.name, "Eswatini");
}
