//! Masthead conventions beyond the sample files: joint symbols, Spanish and French
//! mastheads, Security Council letters, notes, notes verbales; and robustness of
//! `parse::document` on arbitrary text (property tests).

use proptest::prelude::*;
use undoc::model::CleanText;
use undoc::model::DocumentMeta;

fn doc(masthead: &[&str], paragraphs: &[&str]) -> DocumentMeta {
    undoc::parse::document(&CleanText {
        masthead: masthead.iter().map(|s| s.to_string()).collect(),
        paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
        ..CleanText::default()
    })
}

const EN_BODY: &str = "1. The present report is submitted pursuant to General Assembly resolution 77/36, in which the Assembly requested the Secretary-General to report on the matter at its seventy-eighth session.";

#[test]
fn joint_symbols_with_an_en_dash() {
    let info = doc(
        &[
            "United Nations A/47/60–S/23329",
            "General Assembly Security Council Distr.: General",
            "10 January 1992",
            "Original: English",
        ],
        &[
            "General Assembly Forty-seventh session",
            "Security Council Forty-seventh year",
            "Letter dated 9 January 1992 from the Permanent Representative of Peru to the United Nations addressed to the Secretary-General",
            EN_BODY,
        ],
    );
    assert_eq!(info.symbol.as_deref(), Some("A/47/60"));
    assert_eq!(info.other_symbols, ["S/23329"]);
    assert_eq!(info.organ.as_deref(), Some("General Assembly"));
    assert_eq!(info.date.as_deref(), Some("1992-01-10"));
    assert_eq!(info.session, Some(47));
    assert_eq!(info.doc_type.as_deref(), Some("letter"));
    assert_eq!(
        info.title.as_deref(),
        Some("Letter dated 9 January 1992 from the Permanent Representative of Peru to the United Nations addressed to the Secretary-General")
    );
}

#[test]
fn spanish_masthead() {
    let info = doc(
        &[
            "Naciones Unidas A/RES/78/237",
            "Asamblea General Distr. general",
            "28 de diciembre de 2023",
            "Español",
            "Original: inglés",
        ],
        &[
            "Septuagésimo octavo período de sesiones",
            "Tema 94 del programa",
            "Resolución aprobada por la Asamblea General el 22 de diciembre de 2023",
            "78/237. Avances en la esfera de la información y las telecomunicaciones en el contexto de la seguridad internacional",
            "La Asamblea General,",
            "Recordando sus resoluciones 36/103, de 9 de diciembre de 1981, y 43/78 H, de 7 de diciembre de 1988,",
            "1. Decide incluir en el programa provisional de su septuagésimo noveno período de sesiones el tema titulado “Avances en la esfera de la información”.",
        ],
    );
    assert_eq!(info.symbol.as_deref(), Some("A/RES/78/237"));
    assert_eq!(info.organ.as_deref(), Some("Asamblea General"));
    assert_eq!(info.distribution.as_deref(), Some("general"));
    assert_eq!(info.date.as_deref(), Some("2023-12-28"));
    assert_eq!(info.document_language.as_deref(), Some("es"));
    assert_eq!(info.original_language.as_deref(), Some("en"));
    assert_eq!(info.session, Some(78));
    assert_eq!(info.agenda_items, ["94"]);
    assert_eq!(info.doc_type.as_deref(), Some("resolution"));
    assert_eq!(
        info.title.as_deref(),
        Some("Avances en la esfera de la información y las telecomunicaciones en el contexto de la seguridad internacional")
    );
    assert_eq!(info.language.as_deref(), Some("es"));
    let c = info
        .citations
        .iter()
        .find(|c| c.text == "36/103")
        .expect("36/103");
    assert_eq!(c.date.as_deref(), Some("1981-12-09"));
}

#[test]
fn french_masthead_with_two_agenda_items_and_a_note() {
    let info = doc(
        &[
            "Nations Unies A/78/123",
            "Assemblée générale",
            "Distr. générale",
            "3 juillet 2023",
            "Français",
            "Original : anglais",
        ],
        &[
            "Soixante-dix-huitième session",
            "Points 93 et 94 de la liste préliminaire",
            "Progrès de l’informatique et des télécommunications et sécurité internationale",
            "Note du Secrétaire général",
            "1. Le Secrétaire général a l’honneur de transmettre à l’Assemblée générale le rapport du Groupe de travail, conformément à la résolution 77/36 de l’Assemblée.",
        ],
    );
    assert_eq!(info.session, Some(78));
    assert_eq!(info.agenda_items, ["93", "94"]);
    assert_eq!(
        info.doc_type.as_deref(),
        Some("note by the Secretary-General")
    );
    assert_eq!(
        info.title.as_deref(),
        Some("Progrès de l’informatique et des télécommunications et sécurité internationale : note du Secrétaire général")
    );
    assert_eq!(info.date.as_deref(), Some("2023-07-03"));
}

#[test]
fn security_council_letter_and_resolution_citation() {
    let info = doc(
        &[
            "United Nations S/2024/123",
            "Security Council Distr.: General",
            "5 February 2024",
            "Original: English",
        ],
        &[
            "Letter dated 2 February 2024 from the Permanent Representative of Malta to the United Nations addressed to the President of the Security Council",
            "I have the honour to refer to Security Council resolution 2231 (2015) and to resolutions 2334 (2016) and 2720 (2023) of the Security Council, as well as to the report of the Secretary-General (S/2024/100). I should be grateful if the present letter could be circulated as a document of the Security Council.",
        ],
    );
    assert_eq!(info.symbol.as_deref(), Some("S/2024/123"));
    assert_eq!(info.organ.as_deref(), Some("Security Council"));
    assert_eq!(info.doc_type.as_deref(), Some("letter"));
    assert_eq!(info.session, None);
    let symbols: Vec<_> = info
        .citations
        .iter()
        .filter_map(|c| c.symbol.as_deref())
        .collect();
    assert_eq!(
        symbols,
        [
            "S/RES/2231 (2015)",
            "S/RES/2334 (2016)",
            "S/RES/2720 (2023)",
            "S/2024/100"
        ]
    );
}

#[test]
fn note_verbale_without_masthead() {
    let info = doc(
        &[],
        &[
            "Note verbale dated 4 March 2022 from the Office of Legal Affairs of the United Nations Secretariat addressed to the Permanent Mission of Ukraine to the United Nations",
            "The Office of Legal Affairs of the United Nations Secretariat presents its compliments to the Permanent Mission of Ukraine to the United Nations and has the honour to refer to the note verbale of the Permanent Mission dated 28 February 2022.",
        ],
    );
    assert_eq!(info.doc_type.as_deref(), Some("note verbale"));
    assert_eq!(info.date.as_deref(), Some("2022-03-04"));
    assert!(info
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with("Note verbale dated 4 March 2022")));
}

#[test]
fn summary_record_and_corrigendum() {
    let info = doc(
        &[
            "United Nations A/C.3/78/SR.5",
            "General Assembly Distr.: General",
            "12 October 2023",
            "Original: English",
        ],
        &[
            "Seventy-eighth session",
            "Official Records",
            "Third Committee",
            "Summary record of the 5th meeting",
            "Held at Headquarters, New York, on Tuesday, 3 October 2023, at 10 a.m.",
            "Chair: Ms. Smith (Ireland)",
            "The meeting was called to order at 10.05 a.m. The Committee continued its general discussion of the items on its agenda, as set out in document A/C.3/78/1.",
        ],
    );
    assert_eq!(info.doc_type.as_deref(), Some("summary record"));
    assert_eq!(
        info.title.as_deref(),
        Some("Summary record of the 5th meeting")
    );
    assert_eq!(info.date.as_deref(), Some("2023-10-12"));

    let info = doc(
        &[
            "United Nations A/78/123/Corr.1",
            "General Assembly Distr.: General",
            "1 August 2023",
            "Original: English",
        ],
        &[
            "Seventy-eighth session",
            "Item 72 of the preliminary list*",
            "Promotion and protection of human rights",
            "Report of the Secretary-General",
            "Corrigendum",
            "1. Paragraph 5, second sentence: for 2022 read 2023.",
        ],
    );
    assert_eq!(info.symbol.as_deref(), Some("A/78/123/Corr.1"));
    assert_eq!(info.doc_type.as_deref(), Some("corrigendum"));
    assert_eq!(
        info.title.as_deref(),
        Some("Promotion and protection of human rights : report of the Secretary-General")
    );
    assert_eq!(info.agenda_items, ["72"]);
}

#[test]
fn russian_and_chinese_mastheads() {
    let info = doc(
        &[
            "Организация Объединенных Наций A/RES/78/237",
            "Генеральная Ассамблея Distr.: General",
            "28 декабря 2023 года",
        ],
        &[
            "Семьдесят восьмая сессия",
            "Пункт 94 повестки дня",
            "Резолюция, принятая Генеральной Ассамблеей 22 декабря 2023 года",
            "78/237. Достижения в сфере информатизации и телекоммуникаций в контексте международной безопасности",
            "Генеральная Ассамблея,",
            "ссылаясь на свои резолюции 36/103 от 9 декабря 1981 года и 43/78 H от 7 декабря 1988 года,",
        ],
    );
    assert_eq!(info.symbol.as_deref(), Some("A/RES/78/237"));
    assert_eq!(info.organ.as_deref(), Some("Генеральная Ассамблея"));
    assert_eq!(info.distribution.as_deref(), Some("general"));
    assert_eq!(info.date.as_deref(), Some("2023-12-28"));
    assert_eq!(info.session, Some(78));
    assert_eq!(info.agenda_items, ["94"]);
    assert_eq!(info.doc_type.as_deref(), Some("resolution"));
    assert_eq!(
        info.title.as_deref(),
        Some("Достижения в сфере информатизации и телекоммуникаций в контексте международной безопасности")
    );
    let cited: Vec<_> = info
        .citations
        .iter()
        .map(|c| {
            (
                c.symbol.as_deref().unwrap_or("?"),
                c.date.as_deref().unwrap_or("?"),
            )
        })
        .collect();
    assert_eq!(
        cited,
        [
            ("A/RES/36/103", "1981-12-09"),
            ("A/RES/43/78 H", "1988-12-07")
        ]
    );

    let info = doc(
        &[
            "联合国 A/RES/78/237",
            "大会 Distr.: General",
            "2023年12月28日",
        ],
        &[
            "议程项目94",
            "78/237. 从国际安全角度看信息和电信领域的发展",
            "大会，",
        ],
    );
    assert_eq!(info.symbol.as_deref(), Some("A/RES/78/237"));
    assert_eq!(info.organ.as_deref(), Some("大会"));
    assert_eq!(info.date.as_deref(), Some("2023-12-28"));
    assert_eq!(info.agenda_items, ["94"]);
    assert_eq!(
        info.title.as_deref(),
        Some("从国际安全角度看信息和电信领域的发展")
    );
}

#[test]
fn titles_split_over_lines() {
    // The cleaning stage may leave a title's lines as separate paragraphs.
    let info = doc(
        &["United Nations A/80/590", "General Assembly Distr.: General", "7 January 2026"],
        &[
            "Eightieth session",
            "Agenda item 155",
            "Financing of the United Nations Multidimensional Integrated Stabilization Mission in Mali",
            "Budget performance of the United Nations Multidimensional Integrated Stabilization Mission in Mali for the period from",
            "1 July 2024 to 30 June 2025",
            "Report of the Secretary-General",
            EN_BODY,
        ],
    );
    assert_eq!(
        info.title.as_deref(),
        Some("Budget performance of the United Nations Multidimensional Integrated Stabilization Mission in Mali for the period from 1 July 2024 to 30 June 2025 : report of the Secretary-General")
    );
    let info = doc(
        &[
            "United Nations A/C.1/80/L.1",
            "General Assembly Distr.: Limited",
            "8 October 2025",
        ],
        &[
            "Eightieth session",
            "First Committee",
            "Agenda item 95",
            "Establishment of a nuclear-weapon-free zone in the region of",
            "the Middle East",
            "Egypt: draft resolution",
            "Establishment of a nuclear-weapon-free zone in the region of",
            "the Middle East",
            "The General Assembly,",
        ],
    );
    assert_eq!(
        info.title.as_deref(),
        Some("Establishment of a nuclear-weapon-free zone in the region of the Middle East : draft resolution")
    );
    let info = doc(
        &[
            "United Nations A/RES/78/237",
            "General Assembly Distr.: General",
            "28 December 2023",
        ],
        &[
            "Seventy-eighth session",
            "Agenda item 94",
            "Resolution adopted by the General Assembly on 22 December 2023",
            "78/237. Developments in the field of information and telecommunications",
            "in the context of international security",
            "The General Assembly,",
        ],
    );
    assert_eq!(
        info.title.as_deref(),
        Some("Developments in the field of information and telecommunications in the context of international security")
    );
}

#[test]
fn an_adoption_line_in_the_masthead_does_not_date_the_document() {
    let info = doc(
        &[
            "United Nations A/RES/78/237",
            "General Assembly",
            "Resolution adopted by the General Assembly on 22 December 2023",
            "Distr.: General 28 December 2023",
        ],
        &["78/237. Developments in the field", "The General Assembly,"],
    );
    assert_eq!(info.date.as_deref(), Some("2023-12-28"));
    assert_eq!(info.distribution.as_deref(), Some("general"));
}

#[test]
fn empty_input_gives_an_empty_record() {
    let info = undoc::parse::document(&CleanText::default());
    assert_eq!(info.symbol, None);
    assert_eq!(info.title, None);
    assert!(info.paragraphs.is_empty() && info.citations.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any text parses without panicking; every paragraph is described once and
    /// citations point at existing paragraphs.
    #[test]
    #[ignore = "slow: property test, 64 texts; scripts/test.sh runs it"]
    fn any_text_parses(
        masthead in proptest::collection::vec(
            "(\\PC|[0-9/ .:A-Z]|Distr|Original|session |Point |A/RES/|: draft resolution){0,40}", 0..6),
        paragraphs in proptest::collection::vec(
            "(\\PC|[0-9/ .,()A-Z]|résolution |of |du |décembre |December |The General Assembly, |Recalling |Decides |session |Agenda item |: projet de résolution){0,120}", 0..12),
    ) {
        let clean = CleanText { masthead, paragraphs: paragraphs.clone(), ..CleanText::default() };
        let info = undoc::parse::document(&clean);
        prop_assert_eq!(info.paragraphs.len(), paragraphs.len());
        for c in &info.citations {
            prop_assert!(c.paragraphs.iter().all(|&i| i < paragraphs.len()));
        }
    }

    /// Resolution lists keep every number and its date.
    #[test]
    fn resolution_lists(items in proptest::collection::vec((1u32..80, 1u32..400, 1u32..29, 0usize..12, 1950u32..2030), 1..8)) {
        const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"];
        let list: Vec<String> = items
            .iter()
            .map(|(s, n, d, m, y)| format!("{s}/{n} of {d} {} {y}", MONTHS[*m]))
            .collect();
        let text = format!("Recalling its resolutions {},", list.join(", "));
        let info = doc(&[], &["The General Assembly,", &text]);
        for (s, n, d, m, y) in &items {
            let symbol = format!("A/RES/{s}/{n}");
            let date = format!("{y}-{:02}-{d:02}", m + 1);
            prop_assert!(info.citations.iter().any(|c| c.symbol.as_deref() == Some(symbol.as_str())
                && (c.date.as_deref() == Some(date.as_str())
                    || items.iter().filter(|(s2, n2, ..)| s2 == s && n2 == n).count() > 1)),
                "{} {} in {:?}", symbol, date, info.citations);
        }
    }
}

/// OCRed mastheads of Chinese and Russian scans: the organ glued to the date or noise
/// beside it (`大会2015 F168`), the symbol glued to `联合国` or with `$` for `S`, the
/// organ's name split around the date of the right column, and the second reading's
/// Chinese characters set apart by spaces.
#[test]
fn ocred_chinese_and_russian_mastheads() {
    let ocred = |masthead: &[&str], reread: &[&str], running: &[&str]| {
        undoc::parse::document(&CleanText {
            masthead: masthead.iter().map(|s| s.to_string()).collect(),
            masthead_reread: reread.iter().map(|s| s.to_string()).collect(),
            running: running.iter().map(|s| s.to_string()).collect(),
            paragraphs: vec!["1. 通过部署更多的信息管理干事和培训数据管理人员来支持这一制度，将会逐步提高数据的准确性。".into()],
            ..CleanText::default()
        })
    };
    // The organ beside the date, read as noise.
    let info = ocred(
        &[
            "联合国A/69/720",
            "Distr: General",
            "大会2015 F168",
            "Chinese",
        ],
        &[],
        &[],
    );
    assert_eq!(info.organ.as_deref(), Some("大会"));
    assert_eq!(info.symbol.as_deref(), Some("A/69/720"));
    // The organ only in the second reading, spaced; the symbol glued to `联合国`.
    let info = ocred(
        &["联合国S/2015/74", "经济及任会理事会2015年2月19日"],
        &["联合 国", "经 济 及 社会 理事 会", "2015 年 2 月 19 日"],
        &[],
    );
    assert_eq!(info.organ.as_deref(), Some("经济及社会理事会"));
    assert_eq!(info.symbol.as_deref(), Some("S/2015/74"));
    // `$` for `S` in the masthead and its second reading.
    let info = ocred(
        &[
            "Организация Объединенных Наций $/ 20 15/ 74",
            "Совет Безопасности",
        ],
        &["$/2015/74", "Совет Безопасности", "3 февраля 2015 года"],
        &["15-01377 (В) 030215", "2/2"],
    );
    assert_eq!(info.symbol.as_deref(), Some("S/2015/74"));
    assert_eq!(info.organ.as_deref(), Some("Совет Безопасности"));
    // The organ's two lines with the date between them in the second reading; the
    // masthead split the name's last word (`С овет`).
    let info = ocred(
        &[
            "Организация Объединенных Наций Е/ 2015/ 8",
            "Экономический и Социальный ‘эфезраля 2015 года",
            "С овет Russian",
        ],
        &[
            "Е/2015/8",
            "Экономический и Социальный",
            "19 февраля 2015 года",
            "Совет",
            "Russian",
        ],
        &[],
    );
    assert_eq!(
        info.organ.as_deref(),
        Some("Экономический и Социальный Совет")
    );
    assert_eq!(info.symbol.as_deref(), Some("E/2015/8"));
    assert_eq!(info.date.as_deref(), Some("2015-02-19"));
}
