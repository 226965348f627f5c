//! Running headers and footers, and the first page's masthead.
//!
//! A line is running matter when it sits in the top or bottom band of its page and
//! either looks like running matter (a document symbol alone, `n/N` or a bare page
//! number, a job number such as `19-20187 (F)` or `*1920187*`, a date code line,
//! "Merci de recycler" / "Please recycle") or repeats, digits aside, on other pages at
//! the same place. The masthead is the block at the top of the first page that ends with
//! the distribution / date / language block.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::TextLine;

/// Share of the page height that counts as the top or bottom band.
const BAND: f32 = 0.11;

/// Page furniture recognisable from its text alone, wherever it stands: page `n/N`, job
/// numbers (alone or with a page number), barcodes, date codes, the recycling notice.
/// Text inputs use the same list (`plain.rs`).
static FOOTER_CODES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"^\d{1,4}\s*/\s*\d{1,4}$",                                   // 2/6
        r"^\d{2}-\d{5}\s*(\([A-Z]{1,2}\))?(\s+\d{6}){0,2}\s*$",       // 19-20187 (F) 191119
        r"^\d{2}-\d{5}\s*(\([A-Z]{1,2}\))?\s+\d{1,4}\s*/\s*\d{1,4}$", // job + page
        r"^\d{1,4}\s*/\s*\d{1,4}\s+\d{2}-\d{5}\s*(\([A-Z]{1,2}\))?$", // page + job
        r"^\*\d{5,8}\*$",                                             // *1920187*
        r"^(\d{6}\s*){1,2}$",                                         // 191119 191119
        r"(?i)^(merci de recycler|please recycle)\b.*",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("footer code pattern"))
    .collect()
});

/// Running matter recognisable only in the top or bottom band of a page: a bare page
/// number, a document symbol alone or with a page number, a footnote rule typed as text.
static BAND_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"^(?i:page\s+)?\d{1,4}$",                                     // 12
        r"^-\s*\d{1,4}\s*-$",                                          // - 3 -
        r"^[A-Z]{1,4}(/[A-Z0-9.\-]+(\s?\([^)]*\))?)+(\s*\([^)]*\))?$", // A/74/386, A/81/6 (Sect. 13)
        r"^[A-Z]{1,4}(/[A-Z0-9.\-]+)+\s+\d{1,4}\s*/\s*\d{1,4}$",       // symbol + page
        r"^\d{1,4}\s*/\s*\d{1,4}\s+[A-Z]{1,4}(/[A-Z0-9.\-]+)+$",       // page + symbol
        r"^_{5,}$",                                                    // footnote rule as text
    ]
    .iter()
    .map(|p| Regex::new(p).expect("running-line pattern"))
    .collect()
});

/// Whether a line is page furniture by its text alone (see [`FOOTER_CODES`]).
pub fn is_footer_code(text: &str) -> bool {
    FOOTER_CODES.iter().any(|re| re.is_match(text))
}

fn matches_running_pattern(text: &str) -> bool {
    is_footer_code(text) || BAND_PATTERNS.iter().any(|re| re.is_match(text))
}

static FOOTER_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    // OCR reads the barcode's asterisks as `°` too.
    Regex::new(r"[*°]\d{6,8}[*°]|\b\d{2}-\d{5}\b|\b\d{6}\s+\d{6}\b").expect("footer token pattern")
});

/// Words of two letters or more: what running matter mostly lacks.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
}

static ORGAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(nations unies|united nations|naciones unidas|assembl[ée]e g[ée]n[ée]rale|general assembly|asamblea general|conseil de s[ée]curit[ée]|security council|consejo de seguridad|conseil [ée]conomique et social|economic and social council)\b",
    )
    .expect("organ pattern")
});

static MASTHEAD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(distr\.?\s*[:.]?\s*\w+|original\s*:|français$|english$|español$|anglais$|\d{1,2}(er)?\s+\p{L}+\s+\d{4}$|[\p{L}]+\s+\d{1,2},\s+\d{4}$)|\boriginal\s*:\s*\p{L}+$",
    )
    .expect("masthead pattern")
});

/// A page's size, in the units of its lines' boxes.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: f32,
    pub height: f32,
}

/// Where a line stands on its page: in the band where headers run, where footers run,
/// or neither. A landscape page (a wide table, an organization chart) keeps the
/// portrait pages' furniture, printed sideways: its running head, job number and page
/// number run up the left or right edge, one line of glyphs standing on end each.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Band {
    Top,
    Bottom,
    Side,
    None,
}

fn band(line: &TextLine, frame: Frame) -> Band {
    if line.bbox.y1 < frame.height * BAND {
        Band::Top
    } else if line.bbox.y0 > frame.height * (1.0 - BAND) {
        Band::Bottom
    } else if sideways(line)
        && (line.bbox.x1 < frame.width * BAND || line.bbox.x0 > frame.width * (1.0 - BAND))
    {
        Band::Side
    } else {
        Band::None
    }
}

/// A line set on end: a box much taller than wide around two glyphs or more.
fn sideways(line: &TextLine) -> bool {
    line.text.chars().count() >= 2 && line.bbox.height() > line.bbox.width() * 1.5
}

/// Whether a line is running matter, using `repeated` keys seen on other pages.
pub fn is_running(
    line: &TextLine,
    frame: Frame,
    body_size: f32,
    repeated: &HashMap<String, usize>,
) -> bool {
    let band = band(line, frame);
    if band == Band::None || line.leading_mark.is_some() {
        return false;
    }
    // A running head set smaller than the body (short title beside the symbol).
    if band == Band::Top && line.page > 1 && line.size < body_size * 0.9 {
        return true;
    }
    let text = line.text.trim();
    if matches_running_pattern(text) {
        return true;
    }
    // A footer the OCR read as one line (job number, date codes, barcode run together).
    if band != Band::Top && FOOTER_TOKEN.is_match(text) && word_count(text) <= 3 {
        return true;
    }
    // OCR reads furniture set on end as a garbled token (`1£600-97` for `26-00971`):
    // a lone token with figures, on end in the edge band of an OCRed page.
    if band == Band::Side
        && line.ocr
        && !text.contains(' ')
        && text.chars().filter(char::is_ascii_digit).count() >= 3
    {
        return true;
    }
    // A table's or figure's number at the top of the page repeats, digits aside, on
    // every page that starts with a table: it is the table's, not the page's.
    if super::paragraphs::is_caption_line(text) {
        return false;
    }
    repeated.get(&repeat_key(line, band)).copied().unwrap_or(0) >= 2
}

/// A line's identity across pages: its text with digits blanked and its place (the
/// height of a head or foot, the edge of a line set sideways).
fn repeat_key(line: &TextLine, band: Band) -> String {
    let text: String = line
        .text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    match band {
        Band::Side => format!("s{}|{}", (line.bbox.x0 / 20.0).round(), text),
        _ => format!("{}|{}", (line.bbox.y0 / 20.0).round(), text),
    }
}

/// Counts, for lines in the bands, on how many pages each repeat key occurs.
pub fn repeated_keys(pages: &[(Frame, &[TextLine])]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (frame, lines) in pages {
        let mut seen = std::collections::HashSet::new();
        for line in lines.iter() {
            let band = band(line, *frame);
            if band != Band::None && line.text.chars().count() >= 3 {
                let key = repeat_key(line, band);
                if seen.insert(key.clone()) {
                    *counts.entry(key).or_default() += 1;
                }
            }
        }
    }
    counts
}

/// Number of leading lines of the first page that form the masthead (0 when the page
/// has none).
pub fn masthead_len(lines: &[TextLine], page_height: f32) -> usize {
    let in_top = |limit: f32| move |(_, l): &(usize, &TextLine)| l.bbox.y0 < page_height * limit;
    let block_end = lines
        .iter()
        .enumerate()
        .take_while(in_top(0.4))
        .filter(|(_, l)| MASTHEAD_END.is_match(l.text.trim()))
        .map(|(i, _)| i)
        .last();
    // On scans whose OCR lost the distribution / date block, the organ's name (a short
    // line near the top) is the last sure part of the masthead.
    let organ = || {
        lines
            .iter()
            .enumerate()
            .take_while(in_top(0.2))
            .filter(|(_, l)| ORGAN.is_match(&l.text) && l.text.split_whitespace().count() <= 6)
            .map(|(i, _)| i)
            .last()
    };
    let Some(last) = block_end.or_else(organ) else {
        return 0;
    };
    // Lines sharing the band of the last masthead line (a right column) belong to it too.
    let bottom = lines[last].bbox.y1;
    lines
        .iter()
        .take_while(|l| l.bbox.y0 < bottom + 1.0)
        .count()
        .max(last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_running_matter() {
        for t in [
            "2/6",
            "19-20187",
            "22-28101 (F)",
            "*1920187*",
            "191119 191119",
            "Merci de recycler",
            "A/74/386",
            "A/C.1/69/L.26",
            "A/81/6 (Sect. 13)",
            "25-16208 2/3",
        ] {
            assert!(matches_running_pattern(t), "{t}");
        }
        for t in [
            "1. La question",
            "Rapport de la Première Commission",
            "2019",
        ] {
            let hit = FOOTER_CODES[..1].iter().any(|r| r.is_match(t));
            assert!(!hit, "{t}");
        }
    }

    fn line(page: u32, x0: f32, y0: f32, x1: f32, y1: f32, text: &str, size: f32) -> TextLine {
        TextLine {
            page,
            text: text.to_string(),
            bbox: crate::model::BBox { x0, y0, x1, y1 },
            size,
            baseline: y1,
            text_x0: x0,
            leading_mark: None,
            first_word_width: 10.0,
            ocr: false,
            cells: Vec::new(),
            table: None,
            figure: None,
        }
    }

    const PORTRAIT: Frame = Frame {
        width: 612.0,
        height: 792.0,
    };
    const LANDSCAPE: Frame = Frame {
        width: 792.0,
        height: 612.0,
    };

    #[test]
    fn furniture_set_sideways_on_a_landscape_page_is_running() {
        let none = HashMap::new();
        // Symbol up the right edge, job number and page number up the left edge.
        for l in [
            line(29, 738.4, 516.5, 747.9, 549.3, "A/80/614", 32.9),
            line(29, 38.7, 59.8, 46.4, 87.3, "26-01284", 27.5),
            line(29, 36.8, 532.4, 46.2, 552.2, "29/48", 19.7),
        ] {
            assert!(is_running(&l, LANDSCAPE, 11.0, &none), "{}", l.text);
        }
        // OCR garbles the job number set on end; the token still stands on end.
        let mut garbled = line(33, 39.8, 60.0, 44.9, 86.4, "1£600-97", 44.5);
        garbled.ocr = true;
        assert!(is_running(&garbled, LANDSCAPE, 11.0, &none));
        // A table's first column near the left edge reads across, not on end.
        let cell = line(29, 38.0, 300.0, 80.0, 309.0, "29/48", 9.0);
        assert!(!is_running(&cell, LANDSCAPE, 11.0, &none));
        // A running head set sideways repeats at its edge from page to page.
        let head = |page| {
            line(
                page,
                738.4,
                300.0,
                747.9,
                480.0,
                "Section 13 International Trade Centre",
                11.0,
            )
        };
        let pages: Vec<Vec<TextLine>> = (30..33).map(|p| vec![head(p)]).collect();
        let framed: Vec<(Frame, &[TextLine])> =
            pages.iter().map(|l| (LANDSCAPE, l.as_slice())).collect();
        let repeated = repeated_keys(&framed);
        assert!(is_running(&head(30), LANDSCAPE, 11.0, &repeated));
    }

    #[test]
    fn a_table_number_heading_several_pages_is_no_running_head() {
        // `Table 18.2`, `Table 18.4`, … at the top of the pages a table starts.
        let pages: Vec<Vec<TextLine>> = (2..6)
            .map(|p| {
                vec![
                    line(
                        p,
                        60.0,
                        51.4,
                        280.0,
                        60.9,
                        "Section 18 Economic development",
                        9.4,
                    ),
                    line(p, 60.0, 75.6, 104.0, 86.7, &format!("Table 18.{p}"), 11.0),
                ]
            })
            .collect();
        let framed: Vec<(Frame, &[TextLine])> =
            pages.iter().map(|l| (PORTRAIT, l.as_slice())).collect();
        let repeated = repeated_keys(&framed);
        assert!(is_running(&pages[0][0], PORTRAIT, 11.0, &repeated));
        assert!(!is_running(&pages[0][1], PORTRAIT, 11.0, &repeated));
    }

    #[test]
    fn masthead_end_lines() {
        for t in [
            "Distr. générale",
            "Distr.: General",
            "Original : anglais",
            "Français",
            "18 novembre 2019",
            "28 December 2023",
            "‘we? Original : anglais",
        ] {
            assert!(MASTHEAD_END.is_match(t), "{t}");
        }
        assert!(!MASTHEAD_END.is_match("Soixante-quatorzième session"));
    }
}
