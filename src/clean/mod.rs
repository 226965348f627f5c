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
    let sorted = sort_lines(&page_lines, body_size);
    let col = Column {
        body_size,
        pitch: usual_pitch(&sorted.body, body_size),
    };
    let rights = page_rights(&sorted.body, body_size);
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

fn sort_lines(page_lines: &[(f32, Vec<TextLine>)], body_size: f32) -> Sorted {
    let repeated = running::repeated_keys(page_lines);
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
            if running::is_running(line, *height, body_size, &repeated) {
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

/// Right margin of each page, measured on its body-size lines.
fn page_rights(body: &[TextLine], body_size: f32) -> Vec<(u32, f32)> {
    let mut rights: Vec<(u32, f32)> = Vec::new();
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
        rights.push((page, edge));
        start = end;
    }
    rights
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
