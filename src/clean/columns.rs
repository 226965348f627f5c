//! Two-column pages (GA and SC verbatim records before 2010, many older reports): the
//! gutter between the columns and the reading order of the lines.
//!
//! A page has a gutter when a vertical band near its middle is crossed by few lines while
//! many full lines of text end left of it and many start right of it. Lines are never
//! merged across the gutter. Between full-width lines (masthead, a heading over both
//! columns, the page's notes) the page falls into bands; in a band where both columns hold
//! running text, the left column is read before the right one, and the right column's
//! lines are moved onto the left column's measure so that the paragraph geometry of
//! [`super::paragraphs`] (margins, indents) applies to both columns alike; their lines
//! are prose, one cell each (the wide spaces of a justified narrow column are no table
//! gutters).

use crate::model::{BBox, Page};

use super::lines::{Cell, TextLine};

/// A line counts as a full line of its column when it spans this share of the column.
const FULL_LINE: f32 = 0.6;
/// Lines needed on each side of a gutter for a page to be read as two columns.
const MIN_SIDE_LINES: usize = 5;

/// Which side of the gutter a box lies on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Side {
    Left,
    Right,
    Across,
}

/// The gutter's x position, when the page is set in two columns.
pub fn gutter(page: &Page) -> Option<f32> {
    let boxes: Vec<BBox> = page
        .lines
        .iter()
        .filter(|l| l.words.iter().any(|w| !w.text.trim().is_empty()))
        .filter_map(|l| l.bbox)
        .collect();
    if boxes.len() < MIN_SIDE_LINES * 2 || page.width <= 0.0 {
        return None;
    }
    let (lo, hi) = (page.width * 0.3, page.width * 0.7);
    let crossing = |g: f32| boxes.iter().filter(|b| b.x0 < g && b.x1 > g).count();
    // The widest run of least-crossed positions; its middle is the gutter.
    let counts: Vec<(f32, usize)> = (0..=((hi - lo) as usize))
        .map(|i| lo + i as f32)
        .map(|x| (x, crossing(x)))
        .collect();
    let across = counts.iter().map(|c| c.1).min()?;
    let (mut best, mut run) = ((-1.0f32, lo, lo), None);
    for &(x, c) in &counts {
        if c == across {
            let s = *run.get_or_insert(x);
            if x - s > best.0 {
                best = (x - s, s, x);
            }
        } else {
            run = None;
        }
    }
    let (_, start, end) = best;
    let g = (start + end) / 2.0;
    let left: Vec<&BBox> = boxes.iter().filter(|b| b.x1 <= g).collect();
    let right: Vec<&BBox> = boxes.iter().filter(|b| b.x0 >= g).collect();
    if across * 4 > left.len() + right.len() {
        return None;
    }
    let margin_left = left.iter().map(|b| b.x0).fold(f32::MAX, f32::min);
    let margin_right = right.iter().map(|b| b.x1).fold(f32::MIN, f32::max);
    let full_left = left
        .iter()
        .filter(|b| b.width() >= (g - margin_left) * FULL_LINE)
        .count();
    let full_right = right
        .iter()
        .filter(|b| b.width() >= (margin_right - g) * FULL_LINE)
        .count();
    (full_left >= MIN_SIDE_LINES && full_right >= MIN_SIDE_LINES).then_some(g)
}

/// The side of the gutter a box lies on.
pub fn side(b: &BBox, gutter: f32) -> Side {
    if b.x1 <= gutter {
        Side::Left
    } else if b.x0 >= gutter {
        Side::Right
    } else {
        Side::Across
    }
}

/// Puts a page's lines (sorted by baseline) in reading order: in each band between
/// full-width lines where both columns hold running text, the left column first, then
/// the right one moved onto the left column's measure.
pub fn reading_order(lines: Vec<TextLine>, gutter: f32) -> Vec<TextLine> {
    let left_margin = lines
        .iter()
        .filter(|l| side(&l.bbox, gutter) == Side::Left)
        .map(|l| l.bbox.x0)
        .fold(f32::MAX, f32::min);
    let right_margin = lines
        .iter()
        .filter(|l| side(&l.bbox, gutter) == Side::Right)
        .map(|l| l.bbox.x1)
        .fold(f32::MIN, f32::max);
    let right_start = lines
        .iter()
        .filter(|l| side(&l.bbox, gutter) == Side::Right)
        .map(|l| l.bbox.x0)
        .fold(f32::MAX, f32::min);
    let shift = right_start - left_margin;
    let mut out = Vec::with_capacity(lines.len());
    let mut band: Vec<TextLine> = Vec::new();
    for line in lines {
        if side(&line.bbox, gutter) == Side::Across {
            flush_band(
                &mut band,
                &mut out,
                gutter,
                (left_margin, right_margin),
                shift,
            );
            out.push(line);
        } else {
            band.push(line);
        }
    }
    flush_band(
        &mut band,
        &mut out,
        gutter,
        (left_margin, right_margin),
        shift,
    );
    out
}

fn flush_band(
    band: &mut Vec<TextLine>,
    out: &mut Vec<TextLine>,
    gutter: f32,
    (left_margin, right_margin): (f32, f32),
    shift: f32,
) {
    let (left, right): (Vec<TextLine>, Vec<TextLine>) = band
        .drain(..)
        .partition(|l| side(&l.bbox, gutter) == Side::Left);
    let full = |lines: &[TextLine], width: f32| {
        let margin = lines.iter().map(|l| l.bbox.x0).fold(f32::MAX, f32::min);
        lines
            .iter()
            .filter(|l| l.bbox.width() >= width * FULL_LINE && running_text(l, margin))
            .count()
    };
    let two_columns =
        full(&left, gutter - left_margin) >= 2 && full(&right, right_margin - gutter) >= 2;
    if !two_columns {
        let mut all: Vec<TextLine> = left.into_iter().chain(right).collect();
        all.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
        out.extend(all);
        return;
    }
    let band_len = left.len() + right.len();
    out.extend(left);
    out.extend(right.into_iter().map(|mut l| {
        l.bbox.x0 -= shift;
        l.bbox.x1 -= shift;
        l.text_x0 -= shift;
        l
    }));
    let start = out.len() - band_len;
    out[start..].iter_mut().for_each(one_cell);
}

/// A line of running text in a column: it starts at the column's margin (`margin`, or
/// a paragraph indent from it) and each of its cells is mostly letters (the wide spaces
/// of a justified narrow column may cut it). The rows of a
/// table whose text column ends left of the page's middle and whose figures stand right
/// of it (`1. The Fifth Committee` | `1 1 1 1`), or of a list of mandates set side by
/// side (`56/99` | `Emergency response to disasters`, lines wrapped under the title),
/// are no such lines: those pages are read across, not column by column.
fn running_text(line: &TextLine, margin: f32) -> bool {
    let wordy = |text: &str| {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
        letters * 10 >= chars.len() * 6
    };
    line.bbox.x0 - margin < line.size * 3.0
        && wordy(&line.text)
        && line.cells.iter().all(|c| wordy(&c.text))
}

/// A line of a column of running text is prose: the wide spaces of a justified narrow
/// column are no table gutters, so the line is one cell.
fn one_cell(line: &mut TextLine) {
    if line.cells.len() > 1 {
        line.cells = vec![Cell {
            text: line.text.clone(),
            x0: line.bbox.x0,
            x1: line.bbox.x1,
        }];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Line, PageMethod, Word};

    fn line(x0: f32, x1: f32, y: f32) -> Line {
        Line::from_words(vec![Word {
            text: "words".into(),
            bbox: BBox {
                x0,
                y0: y,
                x1,
                y1: y + 9.0,
            },
        }])
    }

    fn page(lines: Vec<Line>) -> Page {
        Page {
            number: 1,
            width: 612.0,
            height: 792.0,
            lines,
            method: PageMethod::TextLayer,
            ocr: None,
            blank: false,
        }
    }

    #[test]
    fn two_columns_have_a_gutter_one_column_none() {
        let mut lines = vec![line(60.0, 440.0, 200.0)];
        for i in 0..20 {
            let y = 230.0 + 12.0 * i as f32;
            lines.push(line(60.0, 300.0, y));
            lines.push(line(312.0, 552.0, y));
        }
        let g = gutter(&page(lines)).expect("gutter");
        assert!(g > 300.0 && g < 312.0, "{g}");
        let single: Vec<Line> = (0..30)
            .map(|i| line(123.0, 487.0, 80.0 + 12.0 * i as f32))
            .collect();
        assert_eq!(gutter(&page(single)), None);
    }
}
