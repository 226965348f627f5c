//! `undoc repair` as a library call: text in, repaired text out, and the audit trail
//! (one JSON object per change: page, offset, before, after, kind).

use undoc::lang::Lang;
use undoc::repair::{counts, run_repair_command, RepairKind, RepairMode};

#[test]
fn repairs_stdin_text_and_writes_an_audit_with_pages() {
    let input =
        "Les Etats ont pris des mesures.\n\x0cLe groupe de travail a composition non limitée.\n";
    let (mut out, mut audit) = (Vec::new(), Vec::new());
    run_repair_command(Lang::Fr, true, &mut input.as_bytes(), &mut out, &mut audit).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "Les États ont pris des mesures.\n\x0cLe groupe de travail à composition non limitée.\n"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(audit)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["page"], 1);
    assert_eq!(lines[0]["offset"], 4);
    assert_eq!(lines[0]["before"], "Etats");
    assert_eq!(lines[0]["after"], "États");
    assert_eq!(lines[0]["kind"], "diacritic");
    assert_eq!(lines[1]["page"], 2);
    assert_eq!(lines[1]["kind"], "accent-pair");
    let offset = lines[1]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&input[offset..offset + 1], "a");
}

#[test]
fn audit_without_pages_has_null_page_and_no_audit_when_not_asked() {
    let input = "des progres considérables";
    let (mut out, mut audit) = (Vec::new(), Vec::new());
    run_repair_command(Lang::Fr, true, &mut input.as_bytes(), &mut out, &mut audit).unwrap();
    let line: serde_json::Value = serde_json::from_slice(&audit).unwrap();
    assert!(line["page"].is_null());
    let (mut out2, mut audit2) = (Vec::new(), Vec::new());
    run_repair_command(
        Lang::Fr,
        false,
        &mut input.as_bytes(),
        &mut out2,
        &mut audit2,
    )
    .unwrap();
    assert!(audit2.is_empty());
    assert_eq!(out, out2);
}

#[test]
fn english_text_gets_english_repairs_only() {
    let input = "The intemational community and the Government of Cote d'Ivoire.\n";
    let (mut out, mut audit) = (Vec::new(), Vec::new());
    run_repair_command(Lang::En, false, &mut input.as_bytes(), &mut out, &mut audit).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "The international community and the Government of Cote d'Ivoire.\n"
    );
}

#[test]
fn modes_and_counts() {
    assert_eq!("auto".parse::<RepairMode>(), Ok(RepairMode::Auto));
    assert_eq!("ALWAYS".parse::<RepairMode>(), Ok(RepairMode::Always));
    assert_eq!("never".parse::<RepairMode>(), Ok(RepairMode::Never));
    assert!("sometimes".parse::<RepairMode>().is_err());
    assert!(RepairMode::Auto.applies(true, "", Lang::Fr));
    assert!(!RepairMode::Never.applies(true, "", Lang::Fr));
    let ocr = "Les Etats et les Etats a des fins de progres.";
    let clean = "Les États ont adopté la résolution.";
    use undoc::repair::repair_with_mode;
    assert!(repair_with_mode(RepairMode::Auto, false, ocr, Lang::Fr).is_some());
    assert!(repair_with_mode(RepairMode::Auto, false, clean, Lang::Fr).is_none());
    assert!(repair_with_mode(RepairMode::Auto, true, clean, Lang::Fr).is_some());
    assert!(repair_with_mode(RepairMode::Never, true, ocr, Lang::Fr).is_none());
    assert!(repair_with_mode(RepairMode::Always, false, clean, Lang::Fr).is_some());
    let r = undoc::repair::repair_text("Les Etats et les Etats a des fins", Lang::Fr);
    let c = counts(&r.changes);
    assert_eq!(c.get(&RepairKind::Diacritic), Some(&2));
    assert_eq!(c.get(&RepairKind::AccentPair), Some(&1));
    assert_eq!(
        serde_json::to_string(&RepairKind::FootnoteMark).unwrap(),
        "\"footnote-mark\""
    );
    // the record's counts serialise as an object keyed by kind
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        r#"{"diacritic":2,"accent-pair":1}"#
    );
}

#[test]
fn apostrophes_follow_the_document() {
    let curly = "l’État et l’Organisation, l'utilisation et d’autres";
    let r = undoc::repair::repair_text(curly, Lang::Fr);
    assert_eq!(
        r.text,
        "l’État et l’Organisation, l’utilisation et d’autres"
    );
    assert_eq!(r.changes[0].kind, RepairKind::Apostrophe);
    let straight = "l'État et l'Organisation, l’utilisation et d'autres";
    let r = undoc::repair::repair_text(straight, Lang::Fr);
    assert_eq!(
        r.text,
        "l'État et l'Organisation, l'utilisation et d'autres"
    );
}
