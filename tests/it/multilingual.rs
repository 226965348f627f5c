//! The six official languages on the shared test set (`../shared/multilingual/synthetic`:
//! the same documents typeset in Arabic, Chinese, English, French, Russian and Spanish,
//! with exact ground truth): born-digital text comes out in logical order, joined by
//! each script's rules, within the error budget. Skips with one line when the
//! shared folder is absent (fails under CI=true).

use crate::common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{cer, footnote_lines, ingest, shared};

const LANGS: [&str; 6] = ["ar", "zh", "ru", "es", "fr", "en"];

fn truth(stem: &str, lang: &str) -> Option<(String, String)> {
    let path = shared(&format!("multilingual/synthetic/{stem}.{lang}.gt.txt"))?;
    let text = std::fs::read_to_string(path).expect("ground truth");
    let (body, notes) = text.split_once("\n\n").unwrap_or((&text, ""));
    Some((body.to_string(), notes.to_string()))
}

#[test]
#[ignore = "slow: a whole ../shared folder; scripts/test.sh runs it"]
fn born_digital_text_in_every_language_is_within_budget() {
    let stem = "S_2015_18";
    let Some(pdfs) = LANGS
        .iter()
        .map(|l| {
            shared(&format!(
                "multilingual/synthetic/{stem}.{l}.born-digital.pdf"
            ))
        })
        .collect::<Option<Vec<PathBuf>>>()
    else {
        return;
    };
    let refs: Vec<&std::path::Path> = pdfs.iter().map(|p| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &[]);
    assert_eq!(code, 0, "{stderr}");
    for (lang, pdf) in LANGS.iter().zip(&pdfs) {
        let name = pdf.file_name().unwrap().to_string_lossy();
        let record = common::by_name(&records, &name);
        let (body, notes) = truth(stem, lang).expect("truth beside the PDF");
        let body_cer = cer(record["body"].as_str().unwrap(), &body);
        let notes_cer = cer(&footnote_lines(record), &notes);
        assert!(
            body_cer <= 0.005,
            "{name}: body CER {:.2} %\n{}",
            body_cer * 100.0,
            record["body"]
        );
        assert!(
            notes_cer <= 0.01,
            "{name}: footnote CER {:.2} %\n{}",
            notes_cer * 100.0,
            footnote_lines(record)
        );
        assert_eq!(record["language"], *lang, "{name}");
    }
}

/// Justified Russian prose (spaces widened past a table's gutter) and Arabic paragraphs
/// numbered `20 -` are body text, never a table.
#[test]
fn body_text_is_never_read_as_a_table() {
    let docs = [
        ("A_69_779", "ar"),
        ("S_2015_3", "ar"),
        ("S_2015_74", "ar"),
        ("A_70_62", "ru"),
        ("E_2015_7", "ru"),
    ];
    let Some(pdfs) = docs
        .iter()
        .map(|(stem, l)| {
            shared(&format!(
                "multilingual/synthetic/{stem}.{l}.born-digital.pdf"
            ))
        })
        .collect::<Option<Vec<PathBuf>>>()
    else {
        return;
    };
    let refs: Vec<&std::path::Path> = pdfs.iter().map(|p| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &[]);
    assert_eq!(code, 0, "{stderr}");
    for ((stem, lang), pdf) in docs.iter().zip(&pdfs) {
        let name = pdf.file_name().unwrap().to_string_lossy();
        let record = common::by_name(&records, &name);
        assert!(
            record["tables"].as_array().unwrap().is_empty(),
            "{name}: {}",
            record["tables"]
        );
        let (body, _) = truth(stem, lang).expect("truth beside the PDF");
        let body_cer = cer(record["body"].as_str().unwrap(), &body);
        assert!(
            body_cer <= 0.005,
            "{name}: body CER {:.2} %",
            body_cer * 100.0
        );
    }
}

/// The organ as the masthead of each language's copy prints it (hand-written facts).
const ORGANS: [(&str, [&str; 6]); 3] = [
    (
        "General Assembly",
        [
            "الجمعية العامة",
            "大会",
            "Генеральная Ассамблея",
            "Asamblea General",
            "Assemblée générale",
            "General Assembly",
        ],
    ),
    (
        "Security Council",
        [
            "مجلس الأمن",
            "安全理事会",
            "Совет Безопасности",
            "Consejo de Seguridad",
            "Conseil de sécurité",
            "Security Council",
        ],
    ),
    (
        "Economic and Social Council",
        [
            "المجلس الاقتصادي والاجتماعي",
            "经济及社会理事会",
            "Экономический и Социальный Совет",
            "Consejo Económico y Social",
            "Conseil économique et social",
            "Economic and Social Council",
        ],
    ),
];

/// Masthead metadata of every born-digital copy of the set in the six languages
/// (General Assembly reports with one or two agenda items, Economic and Social Council
/// reports with the year as session and sub-items, Security Council letters and
/// reports; dates in each language's form): all right.
#[test]
fn masthead_metadata_in_every_language() {
    let Some(dir) = shared("multilingual/synthetic") else {
        return;
    };
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            Some(name.strip_suffix(".en.born-digital.pdf")?.to_string())
        })
        .collect();
    stems.sort();
    assert!(stems.len() >= 8, "{stems:?}");
    let mut pdfs = Vec::new();
    for stem in &stems {
        let stem = stem.as_str();
        for lang in LANGS {
            let Some(pdf) = shared(&format!(
                "multilingual/synthetic/{stem}.{lang}.born-digital.pdf"
            )) else {
                return;
            };
            pdfs.push((stem, lang, pdf));
        }
    }
    let refs: Vec<&std::path::Path> = pdfs.iter().map(|(_, _, p)| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &[]);
    assert_eq!(code, 0, "{stderr}");
    for (stem, lang, pdf) in &pdfs {
        let name = pdf.file_name().unwrap().to_string_lossy();
        let wrong = wrong_metadata(common::by_name(&records, &name), stem, lang, pdf);
        assert!(wrong.is_empty(), "{name}: {}", wrong.join("; "));
    }
}

/// The masthead fields of a record of the set that differ from its `.meta.json`:
/// symbol, date, language, agenda items, session, organ (as the copy's language prints
/// it) and title.
fn wrong_metadata(
    record: &serde_json::Value,
    stem: &str,
    lang: &str,
    pdf: &std::path::Path,
) -> Vec<String> {
    let meta_path = pdf.with_file_name(format!("{stem}.{lang}.meta.json"));
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(meta_path).unwrap()).unwrap();
    let mut wrong = Vec::new();
    for field in ["symbol", "date", "language", "agenda_items"] {
        if record[field] != meta[field] {
            wrong.push(format!("{field} {} for {}", record[field], meta[field]));
        }
    }
    let session = record["session"].as_u64().map(|n| n.to_string());
    if session.as_deref() != meta["session"].as_str() {
        wrong.push(format!("session {session:?} for {}", meta["session"]));
    }
    let column = LANGS.iter().position(|l| *l == lang).unwrap();
    let organ = ORGANS
        .iter()
        .find(|(en, _)| meta["organ"] == *en)
        .map(|(_, names)| names[column]);
    if record["organ"].as_str() != organ {
        wrong.push(format!("organ {} for {organ:?}", record["organ"]));
    }
    // The record sets apostrophes between letters typographically (`l’homme`).
    let title = record["title"].as_str().unwrap_or("").replace('’', "'");
    if title != meta["title"].as_str().unwrap() {
        wrong.push(format!("title {title:?} for {}", meta["title"]));
    }
    wrong
}

/// Masthead metadata of the clean and poor scans in Chinese, Russian, Spanish, French
/// and English, read from the OCRed masthead and its second reading (organs glued to the
/// date beside them, symbols glued to `联合国` or with `$` for `S`, organ names split
/// around the date, an agenda line the first reading lost): all right. Arabic scans have
/// their floors in `arabic_scans.rs`. Slow: the OCR of the set's scans ([`scans`]).
#[test]
#[ignore = "slow: OCR of the 36 scans of ../shared/multilingual; scripts/test.sh runs it"]
fn scan_metadata_in_every_language_but_arabic() {
    let Some(scans) = scans() else {
        return;
    };
    let mut failures = Vec::new();
    for scan in scans.iter().filter(|s| s.lang != "ar") {
        let wrong = wrong_metadata(&scan.record, scan.stem, scan.lang, &scan.pdf);
        if !wrong.is_empty() {
            let name = scan.pdf.file_name().unwrap().to_string_lossy();
            failures.push(format!("{name}: {}", wrong.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Body and footnote CER ceilings (%) of the scans, per language: (body clean, notes
/// clean, body poor, notes poor). What undoc reached with `--lang auto` (models from the
/// file name's language) on 2026-12-03, scripts/score-multilingual.py over every scan of
/// the set, with a small margin; a change that loses ground in one language fails here.
/// Chinese lowered after the punctuation repair of Chinese OCR output (`repair::cjk`,
/// measured 2.60 % clean, 7.95 % poor); Russian clean scans lowered when one word box
/// Tesseract stretched over noise no longer merged two lines (1.56 -> 1.14 %). Arabic
/// footnotes of clean scans went from 74 % to 90 % when Latin misreadings became Arabic
/// words (src/extract/latin_in_rtl.rs): one footnote of E/2015/8 no longer read as
/// smaller than the body. Footnotes measured after the OCR footnote areas found by
/// density and the marks numbered in sequence (clean/ocr_notes.rs): before, 0.9–92 %
/// clean, 32–95 % poor; Arabic (main at ae2b764, with lost_lines.rs) body 2.49 / 2.74 %,
/// footnotes 0.87 / 3.21 % (a mark read into the first word, first words misread).
/// The targets (body ≤ 2 % clean, ≤ 5 % poor) are not all met: Arabic and
/// Chinese poor scans, Chinese footnotes OCRed as Latin letters.
const SCAN_CEILINGS: [(&str, [f64; 4]); 6] = [
    ("ar", [2.9, 1.3, 3.2, 4.2]),
    ("zh", [2.8, 1.3, 8.5, 15.5]),
    ("ru", [0.8, 0.3, 1.4, 1.3]),
    ("es", [0.2, 0.3, 0.4, 0.5]),
    ("fr", [0.15, 0.3, 0.6, 0.5]),
    ("en", [0.2, 0.3, 0.5, 1.0]),
];

/// The scanned documents of the set (clean and poor scans of each).
pub const SCANNED: [&str; 3] = ["A_69_720", "S_2015_74", "E_2015_8"];

/// The two scan variants of each scanned document.
pub const VARIANTS: [&str; 2] = ["scan-clean", "scan-poor"];

/// One scan of the set: its language, document stem, variant, file and record.
pub struct Scan {
    pub lang: &'static str,
    pub stem: &'static str,
    pub variant: &'static str,
    pub pdf: PathBuf,
    pub record: serde_json::Value,
}

/// The 36 scans of the set (every language, the three scanned documents, clean and
/// poor) OCRed in one `undoc ingest` run that every test of scans in this binary shares:
/// their OCR takes minutes. `None` when the shared folder is absent.
pub fn scans() -> Option<&'static [Scan]> {
    static SCANS: OnceLock<Option<Vec<Scan>>> = OnceLock::new();
    SCANS.get_or_init(ocr_every_scan).as_deref()
}

fn ocr_every_scan() -> Option<Vec<Scan>> {
    let mut named = Vec::new();
    for lang in LANGS {
        for stem in SCANNED {
            for variant in VARIANTS {
                let pdf = shared(&format!(
                    "multilingual/synthetic/{stem}.{lang}.{variant}.pdf"
                ))?;
                named.push((lang, stem, variant, pdf));
            }
        }
    }
    let refs: Vec<&std::path::Path> = named.iter().map(|(_, _, _, p)| p.as_path()).collect();
    let (code, records, stderr) = ingest(&refs, &["--jobs", "2"]);
    assert_eq!(code, 0, "{stderr}");
    let scans = named
        .into_iter()
        .map(|(lang, stem, variant, pdf)| {
            let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
            let record = common::by_name(&records, &name).clone();
            Scan {
                lang,
                stem,
                variant,
                pdf,
                record,
            }
        })
        .collect();
    Some(scans)
}

/// Scans in every language are OCRed with the models of their language and read within
/// each language's ceilings (CER over all characters of the scanned documents, as the
/// scorer counts). OCRs every scan of the set: slow.
#[test]
#[ignore = "slow: OCR of the 36 scans of ../shared/multilingual; scripts/test.sh runs it"]
fn scans_in_every_language_are_within_their_ceilings() {
    let Some(scans) = scans() else {
        return;
    };
    let mut failures = Vec::new();
    for (lang, ceilings) in SCAN_CEILINGS {
        for (v, variant) in VARIANTS.iter().enumerate() {
            // Edit distance and length summed over the documents: (body, notes).
            let mut sums = [(0usize, 0usize); 2];
            for scan in scans
                .iter()
                .filter(|s| s.lang == lang && s.variant == *variant)
            {
                let name = scan.pdf.file_name().unwrap().to_string_lossy();
                assert_eq!(scan.record["language"], lang, "{name}");
                let (body, notes) = truth(scan.stem, lang).expect("truth beside the PDF");
                for (i, (got, want)) in [
                    (scan.record["body"].as_str().unwrap().to_string(), body),
                    (footnote_lines(&scan.record), notes),
                ]
                .into_iter()
                .enumerate()
                {
                    let n = common::normalize(&want).chars().count();
                    sums[i].0 += (cer(&got, &want) * n as f64).round() as usize;
                    sums[i].1 += n;
                }
            }
            for (i, part) in ["body", "footnotes"].iter().enumerate() {
                let got = sums[i].0 as f64 / sums[i].1.max(1) as f64 * 100.0;
                let ceiling = ceilings[v * 2 + i];
                if got > ceiling {
                    failures.push(format!(
                        "{lang} {variant} {part}: CER {got:.2} % over the ceiling {ceiling} %"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each language's clean scan of A/69/720 (three footnotes, on three pages, marks raised
/// and tiny on the scan) gives its footnotes numbered 1, 2, 3, within a ceiling of CER
/// (% of the footnotes' characters; Arabic loses a misread first word). Before the OCR
/// footnote rules of clean/ocr_notes.rs: marks lost or merged notes in every language,
/// Arabic notes in the body (74 %).
#[test]
#[ignore = "slow: OCR of the 36 scans of ../shared/multilingual; scripts/test.sh runs it"]
fn footnotes_of_clean_scans_in_every_language() {
    let Some(scans) = scans() else {
        return;
    };
    let stem = "A_69_720";
    let mut failures = Vec::new();
    for scan in scans
        .iter()
        .filter(|s| s.stem == stem && s.variant == "scan-clean")
    {
        let (lang, record) = (&scan.lang, &scan.record);
        let name = scan.pdf.file_name().unwrap().to_string_lossy();
        let marks: Vec<&str> = record["footnotes"]
            .as_array()
            .expect("footnotes")
            .iter()
            .map(|n| n["mark"].as_str().unwrap_or(""))
            .collect();
        if marks != ["1", "2", "3"] {
            failures.push(format!("{name}: marks {marks:?}"));
        }
        let (_, notes) = truth(stem, lang).expect("truth beside the PDF");
        let got = cer(&footnote_lines(record), &notes) * 100.0;
        let ceiling = if *lang == "ar" { 2.0 } else { 1.0 };
        if got > ceiling {
            failures.push(format!("{name}: footnote CER {got:.2} % over {ceiling} %"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
