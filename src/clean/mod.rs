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

/// The lines of each page, split into their roles.
struct Sorted {
    masthead: Vec<String>,
    running: Vec<String>,
    body: Vec<TextLine>,
    notes: Vec<TextLine>,
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
            if running::is_running(line, frames[index], body_size, &repeated) {
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
        let start = footnotes::footnote_start(&content, body_size);
        let mut notes: Vec<TextLine> = content.drain(start..).collect();
        let tail = ocr_notes::footer_tail(&notes, body_size);
        sorted.running.extend(notes.drain(tail..).map(|l| l.text));
        let (stand_ins, notes): (Vec<TextLine>, Vec<TextLine>) = notes
            .into_iter()
            .partition(|l| l.table.is_some() || l.figure.is_some());
        sorted.notes.extend(notes);
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
fn assemble_footnotes(lines: &[TextLine], body_size: f32) -> Vec<Footnote> {
    let mut notes: Vec<Footnote> = Vec::new();
    let lines: Vec<&TextLine> = lines
        .iter()
        .filter(|l| !footnotes::is_rule(&l.text))
        .collect();
    for split in ocr_notes::split_marks(&lines, body_size) {
        match split {
            (Some(mark), text) => notes.push(Footnote { mark, text }),
            (None, text) => match notes.last_mut() {
                Some(last) => join_line(&mut last.text, &text),
                None => notes.push(Footnote {
                    mark: String::new(),
                    text,
                }),
            },
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
    use crate::model::BBox;

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
