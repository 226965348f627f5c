//! Layout cleaning: from extracted pages to masthead, body paragraphs and footnotes.
//!
//! Positioned pages (text layer or OCR) go through geometry: visual lines
//! (`lines`), running heads and masthead (`running`), footnote areas
//! (`footnotes`) and paragraphs (`paragraphs`). Text inputs have no geometry and
//! are handled by `plain`.

mod bidi;
mod columns;
mod figures;
mod footnotes;
mod lines;
mod normalize;
mod ocr_notes;
mod paragraphs;
mod plain;
mod running;
mod tables;

use crate::model::{CleanText, Figure, Footnote, Page, Table};

use lines::TextLine;
use paragraphs::{join_line, Column};

/// Cleans a document's pages. Pages without geometry (text inputs) are cleaned as text.
pub fn pages(pages: &[Page]) -> CleanText {
    let positioned = pages
        .iter()
        .any(|p| p.lines.iter().any(|l| l.bbox.is_some()));
    if positioned {
        clean_positioned(pages)
    } else {
        let text = pages
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| l.text()))
            .collect::<Vec<_>>()
            .join("\n");
        plain::clean_plain(&text)
    }
}

/// A line of a footnote area: read on a text-layer page (its mark settled there), or an
/// OCR line whose mark is read with the OCR lines around it (`ocr_notes::split_marks`).
enum Noted {
    Text(footnotes::NoteLine),
    Ocr(TextLine),
}

/// The lines of each page, split into their roles.
struct Sorted {
    masthead: Vec<String>,
    running: Vec<String>,
    body: Vec<TextLine>,
    notes: Vec<Noted>,
    tables: Vec<Table>,
    figures: Vec<Figure>,
}

fn clean_positioned(pages: &[Page]) -> CleanText {
    let mut page_lines: Vec<(f32, Vec<TextLine>)> = pages
        .iter()
        .map(|p| (p.height, lines::page_lines(p)))
        .collect();
    scale_ocr_sizes(&mut page_lines);
    let body_size = dominant_size(&page_lines);
    if std::env::var_os("UNDOC_DEBUG_LINES").is_some() {
        for (_, lines) in &page_lines {
            for l in lines {
                eprintln!(
                    "p{} x{:.1}-{:.1} tx{:.1} y{:.1}-{:.1} b{:.1} s{:.1} m{:?} | {}",
                    l.page,
                    l.bbox.x0,
                    l.bbox.x1,
                    l.text_x0,
                    l.bbox.y0,
                    l.bbox.y1,
                    l.baseline,
                    l.size,
                    l.leading_mark,
                    l.text
                );
            }
        }
    }
    let widths: Vec<f32> = pages.iter().map(|p| p.width).collect();
    let sorted = sort_lines(&page_lines, &widths, body_size);
    let col = Column {
        body_size,
        pitch: usual_pitch(&sorted.body, body_size),
    };
    let width_of = |number: u32| {
        pages
            .iter()
            .find(|p| p.number == number)
            .map_or(0.0, |p| p.width)
    };
    let rights = page_rights(&sorted.body, body_size, &width_of);
    let right_of = |page: u32| {
        rights
            .iter()
            .find(|(p, _)| *p == page)
            .map(|(_, r)| *r)
            .unwrap_or(f32::MAX)
    };
    let (paragraphs, table_at, figure_at) =
        paragraphs::build_paragraphs(&sorted.body, &right_of, &col);
    let masthead_reread = pages
        .first()
        .and_then(|p| p.ocr.as_ref())
        .map(|o| o.masthead_zone.iter().map(|l| l.text()).collect())
        .unwrap_or_default();
    CleanText {
        masthead: sorted.masthead,
        masthead_reread,
        paragraphs,
        footnotes: assemble_footnotes(&sorted.notes, body_size),
        running: sorted.running,
        tables: sorted.tables,
        table_at,
        figures: sorted.figures,
        figure_at,
    }
}

fn sort_lines(page_lines: &[(f32, Vec<TextLine>)], widths: &[f32], body_size: f32) -> Sorted {
    let frames: Vec<running::Frame> = page_lines
        .iter()
        .zip(widths)
        .map(|((height, _), width)| running::Frame {
            width: *width,
            height: *height,
        })
        .collect();
    let framed: Vec<(running::Frame, &[TextLine])> = frames
        .iter()
        .zip(page_lines)
        .map(|(frame, (_, lines))| (*frame, lines.as_slice()))
        .collect();
    let repeated = running::repeated_keys(&framed);
    let mut sorted = Sorted {
        masthead: Vec::new(),
        running: Vec::new(),
        body: Vec::new(),
        notes: Vec::new(),
        tables: Vec::new(),
        figures: Vec::new(),
    };
    let mut found = Vec::new();
    for (index, (height, lines)) in page_lines.iter().enumerate() {
        let mut rest: &[TextLine] = lines;
        if index == 0 {
            let n = running::masthead_len(lines, *height);
            sorted
                .masthead
                .extend(lines[..n].iter().map(|l| l.text.clone()));
            rest = &lines[n..];
        }
        let mut content = Vec::new();
        for line in rest {
            // A footnote rule typed as text repeats at the foot of many pages: it is kept
            // for the footnote area to open at, and dropped below.
            let rule = !line.ocr && footnotes::is_rule(&line.text) && line.bbox.y0 > height / 2.0;
            if !rule && running::is_running(line, frames[index], body_size, &repeated) {
                sorted.running.push(line.text.clone());
            } else {
                content.push(line.clone());
            }
        }
        let (content, page_figures) = figures::split_page(content, body_size, sorted.figures.len());
        sorted.figures.extend(page_figures);
        let (mut content, page_tables) = tables::split_page(content, body_size);
        for line in content.iter_mut() {
            if let Some(t) = line.table.as_mut() {
                *t += found.len();
            }
        }
        found.extend(page_tables);
        let above = if index == 0 {
            sorted.masthead.clone()
        } else {
            Vec::new()
        };
        let page = lines.first().map_or(0, |l| l.page);
        let text_notes: Vec<footnotes::NoteLine> = sorted
            .notes
            .iter()
            .filter_map(|n| match n {
                Noted::Text(n) => Some(n.clone()),
                Noted::Ocr(_) => None,
            })
            .collect();
        let ctx = footnotes::Context::after(&text_notes, page, above);
        let start = footnotes::footnote_start(&content, body_size, &ctx);
        let mut area: Vec<TextLine> = content.drain(start..).collect();
        if area.iter().any(|l| l.ocr) {
            let tail = ocr_notes::footer_tail(&area, body_size);
            sorted.running.extend(area.drain(tail..).map(|l| l.text));
            sorted.notes.extend(
                area.iter()
                    .filter(|l| l.table.is_none() && l.figure.is_none())
                    .cloned()
                    .map(Noted::Ocr),
            );
        } else {
            sorted.notes.extend(
                footnotes::area_notes(&area, 0, &ctx)
                    .into_iter()
                    .map(Noted::Text),
            );
        }
        let stand_ins = area
            .into_iter()
            .filter(|l| l.table.is_some() || l.figure.is_some());
        // Rules that opened no footnote area (a cover's ornaments) are no text either.
        let (rules, content): (Vec<TextLine>, Vec<TextLine>) = content
            .into_iter()
            .partition(|l| !l.ocr && footnotes::is_rule(&l.text));
        sorted.running.extend(rules.into_iter().map(|l| l.text));
        sorted.body.extend(content);
        sorted.body.extend(stand_ins);
    }
    place_tables(&mut sorted, found);
    sorted
}

/// Joins tables continued on the next page and points the body's stand-in lines at
/// the tables' final positions (one stand-in per table).
fn place_tables(sorted: &mut Sorted, found: Vec<tables::PageTable>) {
    if found.is_empty() {
        return;
    }
    let position: Vec<usize> = {
        let mut at = vec![usize::MAX; found.len()];
        for (i, line) in sorted.body.iter().enumerate() {
            if let Some(t) = line.table {
                at[t] = i;
            }
        }
        at
    };
    let follows = |a: usize, b: usize| position[a] != usize::MAX && position[a] + 1 == position[b];
    let (tables, into) = tables::join_continued(found, &follows);
    let mut seen = vec![false; tables.len()];
    sorted.body.retain_mut(|line| match line.table {
        Some(t) => {
            let final_index = into[t];
            line.table = Some(final_index);
            !std::mem::replace(&mut seen[final_index], true)
        }
        None => true,
    });
    sorted.tables = tables;
}

/// OCR size estimates vary from page to page with the scan (blur, noise, boxes that
/// Tesseract did not fit to the words), while a document keeps one body size. Each OCR
/// page's sizes are scaled so that its dominant size equals the document's: that of
/// the text-layer pages when there are any, else that of all OCR pages.
fn scale_ocr_sizes(page_lines: &mut [(f32, Vec<TextLine>)]) {
    let is_ocr = |lines: &[TextLine]| lines.iter().any(|l| l.ocr);
    let text_pages: Vec<(f32, Vec<TextLine>)> = page_lines
        .iter()
        .filter(|(_, lines)| !lines.is_empty() && !is_ocr(lines))
        .cloned()
        .collect();
    let reference = if text_pages.is_empty() {
        dominant_size(page_lines)
    } else {
        dominant_size(&text_pages)
    };
    for (height, lines) in page_lines.iter_mut() {
        let chars: usize = lines.iter().map(|l| l.text.len()).sum();
        if !is_ocr(lines) || chars < 400 {
            continue;
        }
        let own = dominant_size(&[(*height, lines.clone())]);
        if own > 0.0 {
            let factor = reference / own;
            lines.iter_mut().for_each(|l| l.size *= factor);
        }
    }
}

/// The type size that carries most characters.
fn dominant_size(page_lines: &[(f32, Vec<TextLine>)]) -> f32 {
    let mut weights: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for (_, lines) in page_lines {
        for line in lines {
            *weights.entry((line.size * 4.0).round() as i32).or_default() += line.text.len();
        }
    }
    weights
        .into_iter()
        .max_by_key(|(size, weight)| (*weight, *size))
        .map(|(size, _)| size as f32 / 4.0)
        .unwrap_or(10.0)
}

/// Median baseline distance between consecutive body-size lines of a page.
fn usual_pitch(body: &[TextLine], body_size: f32) -> f32 {
    let mut pitches: Vec<f32> = body
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .filter(|w| w.iter().all(|l| l.table.is_none() && l.figure.is_none()))
        .filter(|w| (w[0].size - body_size).abs() < body_size * 0.1)
        .map(|w| w[1].baseline - w[0].baseline)
        .filter(|d| *d > body_size * 0.8 && *d < body_size * 3.0)
        .collect();
    if pitches.is_empty() {
        return body_size * 1.2;
    }
    pitches.sort_by(f32::total_cmp);
    pitches[pitches.len() / 2]
}

/// Body-size lines a page needs for its own right margin to be measured.
const MARGIN_LINES: usize = 8;

/// Right margin of each page, measured on its body-size lines, and never left of the
/// document's usual margin: the median, over pages of enough body-size lines, of where
/// their lines end as a share of the page's width (`width_of` gives a page's width), so
/// that pages in another unit (OCR pixels) or orientation get theirs. A page of tables,
/// charts or headings, whose body-size lines are all short, would otherwise take a
/// short heading line followed by a longer one for a full line and run them together.
fn page_rights(
    body: &[TextLine],
    body_size: f32,
    width_of: &dyn Fn(u32) -> f32,
) -> Vec<(u32, f32)> {
    let mut rights: Vec<(u32, f32, bool)> = Vec::new();
    let mut start = 0;
    while start < body.len() {
        let page = body[start].page;
        let end = body[start..]
            .iter()
            .position(|l| l.page != page)
            .map_or(body.len(), |p| start + p);
        let same_size: Vec<TextLine> = body[start..end]
            .iter()
            .filter(|l| {
                (l.size - body_size).abs() < body_size * 0.1
                    && l.table.is_none()
                    && l.figure.is_none()
            })
            .cloned()
            .collect();
        let edge = if same_size.len() >= 3 {
            paragraphs::right_edge(&same_size)
        } else {
            paragraphs::right_edge(&body[start..end])
        };
        rights.push((page, edge, same_size.len() >= MARGIN_LINES));
        start = end;
    }
    let mut filled: Vec<f32> = rights
        .iter()
        .filter(|r| r.2 && width_of(r.0) > 0.0)
        .map(|r| r.1 / width_of(r.0))
        .collect();
    filled.sort_by(f32::total_cmp);
    let usual = filled.get(filled.len() / 2).copied();
    rights
        .into_iter()
        .map(|(page, edge, _)| match usual {
            Some(usual) => (page, edge.max(usual * width_of(page))),
            None => (page, edge),
        })
        .collect()
}

/// Footnote lines into footnotes: a mark opens one, other lines continue the last.
fn assemble_footnotes(lines: &[Noted], body_size: f32) -> Vec<Footnote> {
    let mut split: Vec<(Option<String>, String)> = Vec::with_capacity(lines.len());
    let mut k = 0;
    while k < lines.len() {
        match &lines[k] {
            Noted::Text(n) => {
                split.push((n.mark.clone(), n.text.clone()));
                k += 1;
            }
            Noted::Ocr(_) => {
                // A run of OCR lines is split together: marks are read in sequence.
                let run: Vec<&TextLine> = lines[k..]
                    .iter()
                    .map_while(|n| match n {
                        Noted::Ocr(l) => Some(l),
                        Noted::Text(_) => None,
                    })
                    .collect();
                k += run.len();
                let run: Vec<&TextLine> = run
                    .into_iter()
                    .filter(|l| !footnotes::is_rule(&l.text))
                    .collect();
                split.extend(ocr_notes::split_marks(&run, body_size));
            }
        }
    }
    let mut notes: Vec<Footnote> = Vec::new();
    for (mark, text) in split {
        match (mark, notes.last_mut()) {
            (None, Some(last)) => join_line(&mut last.text, &text),
            (mark, _) => notes.push(Footnote {
                mark: mark.unwrap_or_default(),
                text,
            }),
        }
    }
    for note in &mut notes {
        note.text = normalize::collapse_spaces(note.text.trim());
    }
    notes.dedup();
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BBox, Line, PageMethod, Word};

    /// Words of `size` on the baseline `y`, from `x` on; a word written `^1` is a
    /// raised mark.
    fn text_line(x: f32, y: f32, size: f32, text: &str) -> Line {
        let mut words = Vec::new();
        let mut x = x;
        for word in text.split(' ') {
            let (text, raised) = match word.strip_prefix('^') {
                Some(mark) => (mark, true),
                None => (word, false),
            };
            let (h, lift, w) = if raised {
                (size * 0.6, size * 0.35, size * 0.4)
            } else {
                (size, 0.0, text.chars().count() as f32 * size * 0.5)
            };
            // A raised mark touches the word before it.
            if raised {
                x -= size * 0.3;
            }
            words.push(Word {
                text: text.to_string(),
                bbox: BBox {
                    x0: x,
                    y0: y - lift - h,
                    x1: x + w,
                    y1: y - lift,
                },
            });
            x += w + size * 0.3;
        }
        Line::from_words(words)
    }

    fn page(number: u32, lines: Vec<Line>) -> Page {
        Page {
            number,
            width: 612.0,
            height: 792.0,
            lines,
            method: PageMethod::TextLayer,
            ocr: None,
            blank: false,
        }
    }

    /// Body prose of a page, with a footnote reference in its last line.
    fn body(mark: &str) -> Vec<Line> {
        let mut lines: Vec<Line> = (0..20)
            .map(|i| {
                text_line(
                    123.0,
                    100.0 + 12.0 * i as f32,
                    11.0,
                    "the programme of work continues as planned for the period",
                )
            })
            .collect();
        lines.push(text_line(
            123.0,
            340.0,
            11.0,
            &format!("as set out in the report ^{mark} of the Secretary-General."),
        ));
        lines
    }

    #[test]
    fn a_footnote_continued_under_the_rule_of_the_next_page_is_joined() {
        let rule = |lines: &mut Vec<Line>| {
            lines.push(text_line(99.0, 718.0, 8.9, "__________________"));
        };
        let mut first = body("1");
        rule(&mut first);
        first.push(text_line(
            123.0,
            732.0,
            9.4,
            "^1 The first sentence of the note.",
        ));
        let mut second = body("2");
        rule(&mut second);
        second.push(text_line(
            123.0,
            732.0,
            9.4,
            "Its second sentence, on the next page.",
        ));
        second.push(text_line(123.0, 743.0, 9.4, "^2 Another note."));
        let clean = pages(&[page(1, first), page(2, second)]);
        let notes: Vec<(&str, &str)> = clean
            .footnotes
            .iter()
            .map(|n| (n.mark.as_str(), n.text.as_str()))
            .collect();
        assert_eq!(
            notes,
            vec![
                (
                    "1",
                    "The first sentence of the note. Its second sentence, on the next page."
                ),
                ("2", "Another note."),
            ]
        );
        let body: Vec<&str> = clean.paragraphs.iter().map(String::as_str).collect();
        assert!(
            body.iter()
                .all(|p| !p.contains("second sentence") && !p.contains("___")),
            "{body:?}"
        );
    }

    fn line(page: u32, n: usize, x1: f32) -> TextLine {
        let baseline = 100.0 + n as f32 * 12.0;
        TextLine {
            page,
            text: "words".to_string(),
            bbox: BBox {
                x0: 123.0,
                y0: baseline - 11.0,
                x1,
                y1: baseline,
            },
            size: 11.0,
            baseline,
            text_x0: 123.0,
            leading_mark: None,
            first_word_width: 20.0,
            ocr: false,
            cells: Vec::new(),
            table: None,
            figure: None,
        }
    }

    #[test]
    fn a_page_of_short_body_lines_keeps_the_documents_right_margin() {
        let mut body: Vec<TextLine> = (0..10).map(|n| line(1, n, 551.0)).collect();
        // A page of tables: headings and a short title, each short of the margin.
        body.extend([186.0, 180.0, 201.0, 353.0, 247.0].map(|x1| line(2, 0, x1)));
        // A page of many short headings between tables.
        body.extend((0..9).map(|n| line(3, n, 200.0 + n as f32)));
        // A landscape page, and a page read by OCR in pixels.
        body.extend((0..10).map(|n| line(4, n, 400.0)));
        body.extend((0..10).map(|n| line(5, n, 1900.0)));
        // Most pages are prose.
        body.extend((0..10).map(|n| line(6, n, 551.0)));
        body.extend((0..10).map(|n| line(7, n, 551.0)));
        let width_of = |page: u32| match page {
            4 => 792.0,
            5 => 2550.0,
            _ => 612.0,
        };
        let rights = page_rights(&body, 11.0, &width_of);
        assert_eq!(rights[..3], [(1, 551.0), (2, 551.0), (3, 551.0)]);
        assert!((rights[3].1 - 551.0 / 612.0 * 792.0).abs() < 0.1);
        assert!((rights[4].1 - 551.0 / 612.0 * 2550.0).abs() < 0.5);
        // Without pages of enough body lines there is no usual margin to fall back on.
        let rights = page_rights(&body[10..15], 11.0, &width_of);
        assert_eq!(rights, vec![(2, 247.0)]);
    }
}
