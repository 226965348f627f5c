//! Tables as data: finding tables in a page's positioned lines and reading them into
//! rows of cells, so that the body keeps prose only.
//!
//! A table shows in the geometry as a run of rows (lines sharing a baseline) cut into
//! several cells by wide gaps ([`lines::CELL_GAP`](super::lines::CELL_GAP)); single-cell
//! rows between them (a wrapped stub, a section row like `Category of expenditure`)
//! belong to it, section rows set apart by extra space too when they stand within the
//! first column and a row of cells follows. Columns are the bands that the cells of its data rows cover (rows with
//! figures when there are some); every cell goes to the band it covers, a heading
//! spanning several bands to the first one. The rows above the first row with figures
//! are its heading, read as one row. A list label set apart by a tab (`1.`, `IV.`)
//! stays in the cell of the text after it. A row that starts in lower case or leaves
//! the first column empty without figures continues the row above (a wrapped cell); so
//! does a line at the step of a wrapped cell's lines (rows set farther apart are rows)
//! whose words would not have fitted at the end of the cell above, when the row above
//! has no figures yet (UN tables set a wrapped label's figures beside its last line);
//! in a column of keys (`79/1`) each key opens a row. The
//! number and title printed above (`Table 3`, the title, `(Thousands of United States
//! dollars)`) become the table's title but stay in the body, which gets a `[table N]`
//! line where the table stood; the lines under it led by a letter mark, `Note:` or
//! `Source:` are its notes. A table continued on the next page (nothing between, no
//! title of its own, the same columns) is one table, its repeated heading dropped.
//!
//! The one entry point is [`split_page`]; [`join_continued`] runs over the document.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Cell, TextLine};
use super::paragraphs::is_label;
use crate::model::{BBox, Table};

/// A figure as printed in a table cell: `37 472.6`, `(1 491.1)`, `12.5%`, `–`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[(\[]?[-–—−+]?[$€£]?\d[\d\s.,]*%?[)\]]?[a-z*]{0,2}|[-–—−]|\.\.\.?|…)$")
        .expect("numeric cell pattern")
});

/// A year as a column heading: `2025`.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d\d$").expect("year pattern"));

/// Dot leaders at the end of a cell (tables of contents): ` . . . . .`, `.......`.
static LEADERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.?(?:(?:\s\.){3,}|\.{4,})\s*$").expect("leader pattern"));

/// A table's number above it: `Table 3`, `Tableau 2.1`, `Cuadro A.4`, `Таблица 5`.
static TABLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Table|Tableau|Cuadro|Таблица|الجدول|表)\s*[\dA-Z.]+").expect("label pattern")
});

/// A paragraph number as Arabic documents print it: `20 -`.
static DASHED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}\s?[-–]$").expect("dashed number pattern"));

/// A form's label ending in a colon at the start of a line: `President:`, `Members:`,
/// `Présents :` (the composition of a council or a court, not a table).
static FORM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{L}[\p{L}.'’ -]{0,24}?\s?:(?:\s|$)").expect("form label pattern")
});

/// A line under a table that opens a note.
static NOTE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Notes?|Sources?|Abbreviations?|Source et notes?|Fuentes?|Nota|Примечани[ея]|Источник)\b")
        .expect("note pattern")
});

/// A table found on one page, with where it stood among the page's remaining lines.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTable {
    pub table: Table,
    /// Column bands (left, right) the rows were read with.
    pub bands: Vec<(f32, f32)>,
}

/// Whether a cell's text is a figure.
pub fn is_numeric(text: &str) -> bool {
    NUMERIC.is_match(text.trim())
}

/// Lines sharing a baseline.
#[derive(Debug, Clone)]
struct Row {
    lines: Vec<usize>,
    cells: Vec<Cell>,
    baseline: f32,
    size: f32,
    y0: f32,
    y1: f32,
    leading_mark: bool,
}

impl Row {
    fn text(&self) -> String {
        self.cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Cut into two or more cells, a label set apart by a tab (`7.`, `(a)`) aside.
    fn is_multi(&self) -> bool {
        if self.leading_mark {
            return false;
        }
        let n = self.cells.len();
        n >= 3 || (n == 2 && !(is_set_label(&self.cells[0].text) || is_mark(&self.cells[0].text)))
    }

    /// Has a figure after its first cell (a year alone is a column heading).
    fn has_figures(&self) -> bool {
        self.cells
            .iter()
            .skip(1)
            .any(|c| is_numeric(&c.text) && !YEAR.is_match(c.text.trim()))
    }
}

/// A paragraph or list label set apart by a tab (`7.`, `(a)`, `27.I.1`), not a figure
/// that could head a row (`243.1`).
fn is_set_label(text: &str) -> bool {
    (is_label(text) && (text.ends_with('.') || !is_numeric(text))) || DASHED_NUMBER.is_match(text)
}

/// A footnote or note mark set apart at the start of a line: `12`, `*`, `a`.
fn is_mark(text: &str) -> bool {
    (text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit() || c == '*'))
        || (text.len() == 1 && text.chars().all(|c| c.is_ascii_lowercase()))
}

fn rows_of(lines: &[TextLine]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let joins = rows.last().is_some_and(|r: &Row| {
            (line.baseline - r.baseline).abs() < r.size.max(line.size) * 0.3
        });
        if !joins {
            rows.push(Row {
                lines: Vec::new(),
                cells: Vec::new(),
                baseline: line.baseline,
                size: line.size,
                y0: line.bbox.y0,
                y1: line.bbox.y1,
                leading_mark: false,
            });
        }
        let row = rows.last_mut().expect("a row");
        row.lines.push(i);
        row.cells.extend(line.cells.iter().cloned());
        row.cells.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        row.size = row.size.max(line.size);
        row.y0 = row.y0.min(line.bbox.y0);
        row.y1 = row.y1.max(line.bbox.y1);
        row.leading_mark |= line.leading_mark.is_some() && row.lines.len() == 1;
    }
    rows.iter_mut().for_each(join_label);
    rows
}

/// A list label set apart by a tab (`1.`, `IV.`, `(a)`) belongs to the text after it,
/// as in a paragraph: UN tables type `1.<tab>The Fifth Committee` in one cell, and a
/// table of contents numbers its entries `I.<tab>Introduction`. One cell of the two,
/// so that the label does not make a column of its own and a wrapped line of the text
/// falls in the same column.
fn join_label(row: &mut Row) {
    if row.cells.len() < 2 || !is_set_label(&row.cells[0].text) {
        return;
    }
    let text = row.cells.remove(1);
    let cell = &mut row.cells[0];
    cell.text.push(' ');
    cell.text.push_str(&text.text);
    cell.x1 = text.x1;
}

/// Takes the tables out of a page's content lines (running matter removed, in reading
/// order). Returns the lines left, with one line standing for each table (its `table`
/// set to its position in the returned tables), and the tables.
pub fn split_page(lines: Vec<TextLine>, body_size: f32) -> (Vec<TextLine>, Vec<PageTable>) {
    if lines.iter().any(|l| l.ocr) {
        return (lines, Vec::new());
    }
    let rows = rows_of(&lines);
    let blocks = find_blocks(&rows, body_size);
    if blocks.is_empty() {
        return (lines, Vec::new());
    }
    let mut taken = vec![false; lines.len()];
    let mut stand_ins: Vec<(usize, TextLine)> = Vec::new();
    let mut tables = Vec::new();
    for (start, end) in blocks {
        let block = &rows[start..end];
        let mut bands = bands_of(block);
        if bands.len() < 2 || laid_out_text(block, &bands) {
            continue;
        }
        let (header_rows, cells) = match side_by_side(block, &bands) {
            Some(half) => {
                let split = (bands[half - 1].1 + bands[half].0) / 2.0;
                let (left, right) = halves(block, split);
                let (_, mut rows) = read_rows(&left, &bands[..half]);
                let (_, right_rows) = read_rows(&right, &bands[half..]);
                rows.extend(right_rows);
                bands.truncate(half);
                (0, rows)
            }
            None => read_rows(block, &bands),
        };
        let notes_end = notes_end(&rows, end, body_size);
        let notes: Vec<String> = rows[end..notes_end].iter().map(Row::text).collect();
        let notes = join_notes(&rows[end..notes_end], notes);
        let title = title_above(&rows, start, body_size);
        for row in &rows[start..notes_end] {
            row.lines.iter().for_each(|&i| taken[i] = true);
        }
        let first = &lines[block[0].lines[0]];
        let bbox = block
            .iter()
            .flat_map(|r| r.lines.iter().map(|&i| lines[i].bbox))
            .reduce(|a, b| a.union(&b))
            .unwrap_or_default();
        stand_ins.push((
            block[0].lines[0],
            stand_in(first.page, bbox, body_size, tables.len()),
        ));
        tables.push(PageTable {
            table: Table {
                index: 0,
                pages: vec![first.page],
                title,
                header_rows,
                rows: cells,
                notes,
            },
            bands,
        });
    }
    let mut rest = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        if let Some((_, s)) = stand_ins.iter().find(|(at, _)| *at == i) {
            rest.push(s.clone());
        }
        if !taken[i] {
            rest.push(line);
        }
    }
    (rest, tables)
}

/// A block without figures that is text laid out in columns rather than a table: a
/// form opened by a label with a colon (`President:` … `Members:` with names and
/// countries beside), or lines centred on the axes of their columns (a bilingual cover:
/// `International Court` | `Cour internationale`), where a table's columns align their
/// cells' left or right edges.
fn laid_out_text(block: &[Row], bands: &[(f32, f32)]) -> bool {
    if block.iter().any(Row::has_figures) {
        return false;
    }
    let opens_form = block
        .first()
        .and_then(|r| r.cells.first())
        .is_some_and(|c| FORM_LABEL.is_match(&c.text));
    opens_form || centred(block, bands)
}

/// Whether every column's cells share their centre but neither edge.
fn centred(block: &[Row], bands: &[(f32, f32)]) -> bool {
    let size = block.iter().map(|r| r.size).fold(0.0, f32::max);
    let spread = |v: &[f32]| {
        let (lo, hi) = v
            .iter()
            .fold((f32::MAX, f32::MIN), |(lo, hi), x| (lo.min(*x), hi.max(*x)));
        hi - lo
    };
    (0..bands.len()).all(|k| {
        let cells: Vec<&Cell> = block
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter(|c| band_of(c, bands) == k)
            .collect();
        let x0: Vec<f32> = cells.iter().map(|c| c.x0).collect();
        let x1: Vec<f32> = cells.iter().map(|c| c.x1).collect();
        let mid: Vec<f32> = cells.iter().map(|c| (c.x0 + c.x1) / 2.0).collect();
        cells.len() >= 2
            && spread(&x0) > size * 0.5
            && spread(&x1) > size * 0.5
            && spread(&mid) < size * 0.25
    })
}

/// The line that stands for a table in the body.
fn stand_in(page: u32, bbox: BBox, body_size: f32, table: usize) -> TextLine {
    TextLine {
        page,
        text: String::new(),
        bbox,
        size: body_size,
        baseline: bbox.y1,
        text_x0: bbox.x0,
        leading_mark: None,
        first_word_width: 0.0,
        ocr: false,
        cells: Vec::new(),
        table: Some(table),
        figure: None,
    }
}

/// Runs of rows that form tables: `(start, end)` row ranges.
fn find_blocks(rows: &[Row], body_size: f32) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        if !rows[i].is_multi() {
            i += 1;
            continue;
        }
        let start = i;
        let mut last_multi = i;
        let mut j = i + 1;
        while j < rows.len() {
            let gap = rows[j].y0 - rows[j - 1].y1;
            let size = rows[j].size.max(rows[j - 1].size);
            if gap > size * 3.0 || rows[j].leading_mark {
                break;
            }
            if rows[j].is_multi() {
                last_multi = j;
            } else if !fits_inside(&rows[j], body_size)
                || j - last_multi > 3
                || (gap > size * 1.0 && !section_rows(rows, j, last_multi, body_size))
                || rows[j].size > rows[last_multi].size * 1.05
            {
                break;
            }
            j += 1;
        }
        let end = last_multi + 1;
        let block = &rows[start..end];
        let multi = block.iter().filter(|r| r.is_multi()).count();
        let figures = block.iter().filter(|r| r.has_figures()).count();
        if multi >= 2 && (figures >= 1 || multi >= 3) {
            blocks.push((start, end));
        }
        i = end;
    }
    blocks
}

/// Whether the one-cell rows from `j`, set apart by more space than a wrapped line, are
/// section rows inside a table (`Civilian personnel`, `Finance and Budget Unit`,
/// `Total (I–III)`) rather than the end of it: up to three short rows within the first
/// column of the table's last row of cells (`last_multi`; prose and headings run
/// across), no table number or unit line among them, with a row of cells right under
/// them.
fn section_rows(rows: &[Row], j: usize, last_multi: usize, body_size: f32) -> bool {
    let first_column_end = rows[last_multi].cells.get(1).map_or(0.0, |c| c.x0);
    for k in j..(j + 4).min(rows.len()) {
        let row = &rows[k];
        let size = row.size.max(rows[k - 1].size);
        if row.y0 - rows[k - 1].y1 > size * 3.0 || row.leading_mark {
            return false;
        }
        if row.is_multi() {
            return k > j;
        }
        let text = row.text();
        let title = TABLE_LABEL.is_match(&text) || (text.starts_with('(') && text.ends_with(')'));
        let within = row.cells.last().is_some_and(|c| c.x1 < first_column_end);
        if title || !within || !fits_inside(row, body_size) {
            return false;
        }
    }
    false
}

/// A one-cell row that may sit inside a table: not a line of prose set in the body
/// size across the measure, not a footnote.
fn fits_inside(row: &Row, body_size: f32) -> bool {
    let short = row.text().chars().count() < 90;
    !row.leading_mark && (short || row.size < body_size * 0.93)
}

/// Column bands: the union of the cells of the data rows (the rows with figures that
/// have the most cells: a heading spanning columns has fewer), overlapping cells merged.
fn bands_of(block: &[Row]) -> Vec<(f32, f32)> {
    let with_figures: Vec<&Row> = block.iter().filter(|r| r.has_figures()).collect();
    let candidates: Vec<&Row> = if with_figures.len() >= 2 {
        with_figures
    } else {
        block.iter().filter(|r| r.is_multi()).collect()
    };
    let most = candidates.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let source: Vec<&Row> = candidates
        .into_iter()
        .filter(|r| r.cells.len() == most)
        .collect();
    let mut spans: Vec<(f32, f32)> = source
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| (c.x0, c.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut bands: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in spans {
        match bands.last_mut() {
            Some(b) if x0 <= b.1 + 0.5 => b.1 = b.1.max(x1),
            _ => bands.push((x0, x1)),
        }
    }
    split_shared_bands(&mut bands, block);
    bands
}

/// Right-aligned figures of narrow neighbouring columns overlap from row to row, and
/// their union makes one band of two columns: a row with figures that puts two cells
/// in one band splits it between them.
fn split_shared_bands(bands: &mut Vec<(f32, f32)>, block: &[Row]) {
    let inside = |bands: &[(f32, f32)], c: &Cell| {
        let centre = (c.x0 + c.x1) / 2.0;
        bands.iter().position(|b| b.0 <= centre && centre <= b.1)
    };
    for _ in 0..64 {
        let split = block.iter().filter(|r| r.has_figures()).find_map(|r| {
            r.cells.windows(2).find_map(|w| {
                let k = inside(bands, &w[0])?;
                (inside(bands, &w[1]) == Some(k) && w[0].x1 < w[1].x0)
                    .then_some((k, w[0].x1, w[1].x0))
            })
        });
        let Some((k, left_end, right_start)) = split else {
            return;
        };
        let (x0, x1) = bands[k];
        bands[k] = (x0, left_end);
        bands.insert(k + 1, (right_start, x1));
    }
}

/// The band a cell goes to: the one it covers most; of several it covers well, the
/// first (a spanning heading); the nearest when it falls between bands.
fn band_of(cell: &Cell, bands: &[(f32, f32)]) -> usize {
    if is_numeric(&cell.text) {
        // Figures are set flush right: the column whose right edge is nearest.
        if let Some(k) = (0..bands.len())
            .filter(|&k| cell.x1 > bands[k].0 && cell.x0 < bands[k].1)
            .min_by(|&a, &b| {
                (bands[a].1 - cell.x1)
                    .abs()
                    .total_cmp(&(bands[b].1 - cell.x1).abs())
            })
        {
            return k;
        }
    }
    let overlap = |b: &(f32, f32)| (cell.x1.min(b.1) - cell.x0.max(b.0)).max(0.0);
    let width = cell.x1 - cell.x0;
    let well: Vec<usize> = (0..bands.len())
        .filter(|&k| {
            let o = overlap(&bands[k]);
            o > 0.0 && o >= 0.5 * width.min(bands[k].1 - bands[k].0)
        })
        .collect();
    if let Some(&k) = well.first() {
        return k;
    }
    let centre = (cell.x0 + cell.x1) / 2.0;
    (0..bands.len())
        .min_by(|&a, &b| {
            let d = |k: usize| {
                if overlap(&bands[k]) > 0.0 {
                    -overlap(&bands[k])
                } else {
                    (centre - (bands[k].0 + bands[k].1) / 2.0).abs()
                }
            };
            d(a).total_cmp(&d(b))
        })
        .unwrap_or(0)
}

fn row_cells(row: &Row, bands: &[(f32, f32)]) -> Vec<String> {
    let mut cells = vec![String::new(); bands.len()];
    for cell in &row.cells {
        let k = band_of(cell, bands);
        if !cells[k].is_empty() {
            cells[k].push(' ');
        }
        cells[k].push_str(&cell.text);
    }
    for cell in cells.iter_mut() {
        if let Some(m) = LEADERS.find(cell) {
            cell.truncate(m.start());
        }
    }
    cells
}

/// Where a row's cells stand in each band: (left, right) of the cells it puts there.
fn row_extents(row: &Row, bands: &[(f32, f32)]) -> Vec<Option<(f32, f32)>> {
    let mut out: Vec<Option<(f32, f32)>> = vec![None; bands.len()];
    for cell in &row.cells {
        let k = band_of(cell, bands);
        out[k] = Some(match out[k] {
            Some((x0, x1)) => (x0.min(cell.x0), x1.max(cell.x1)),
            None => (cell.x0, cell.x1),
        });
    }
    out
}

/// Whether the text of a cell ending at `end` went on to the next line because the
/// first word of `next` (a cell spanning `next_x`) would not fit before `right`, the
/// furthest any cell of its column reaches: a wrapped cell, whatever the case of the
/// word that carries it on (`Stabilization` / `Mission in the Central African Republic`).
fn wraps_into(end: f32, next: &str, next_x: (f32, f32), right: f32, size: f32) -> bool {
    let chars = next.chars().count().max(1) as f32;
    let word = next.split(' ').next().unwrap_or("").chars().count() as f32;
    let word_width = (next_x.1 - next_x.0) * word / chars;
    end + size * 0.25 + word_width > right - size * 0.1
}

/// A row that carries on wrapped cells of the row above (its last line `above`, whose
/// figures stand in the bands of `above_figures`): each of its text cells goes on from
/// a cell above that wrapped. UN tables set the figures of a wrapped label beside its
/// last line, so the row above has none yet: a line under figures is a row of its own
/// (`United Nations Volunteers` under `National General Service staff  4.5  9.0`)
/// unless it starts in lower case ([`continues_above`]). A row opened by a list label
/// (`2.`) is a row of its own.
fn carries_on_wrapped(
    cells: &[String],
    extents: &[Option<(f32, f32)>],
    above: &[Option<(f32, f32)>],
    above_figures: &[bool],
    right: &[f32],
    size: f32,
) -> bool {
    if cells[0]
        .split(' ')
        .next()
        .is_some_and(|w| is_label(w) && !is_numeric(w))
    {
        return false;
    }
    if above_figures.iter().any(|&f| f) {
        return false;
    }
    let mut text = false;
    for (k, cell) in cells.iter().enumerate() {
        if cell.is_empty() || is_numeric(cell) {
            continue;
        }
        let (Some(x), Some(a)) = (extents[k], above[k]) else {
            return false;
        };
        if !wraps_into(a.1, cell, x, right[k], size) {
            return false;
        }
        text = true;
    }
    text
}

/// The smallest type size of a block's rows.
fn w_min(block: &[Row]) -> f32 {
    block.iter().map(|r| r.size).fold(f32::MAX, f32::min)
}

/// The table's rows of cells and how many of them are headings.
fn read_rows(block: &[Row], bands: &[(f32, f32)]) -> (usize, Vec<Vec<String>>) {
    let right: Vec<f32> = (0..bands.len())
        .map(|k| {
            block
                .iter()
                .flat_map(|r| r.cells.iter())
                .filter(|c| band_of(c, bands) == k)
                .map(|c| c.x1)
                .fold(bands[k].1, f32::max)
        })
        .collect();
    let figure_bands = |cells: &[String]| -> Vec<bool> {
        cells
            .iter()
            .map(|c| !c.is_empty() && is_numeric(c))
            .collect()
    };
    let mut first_data = block.iter().position(Row::has_figures).unwrap_or(0);
    // Lines of one wrapped cell follow each other at the smallest step of the body of
    // the table (headings may be set tighter), single-spaced; rows set apart by more
    // are rows of their own.
    let pitch = block[first_data..]
        .windows(2)
        .map(|w| w[1].baseline - w[0].baseline)
        .filter(|&d| d > w_min(block) * 0.5)
        .fold(f32::MAX, f32::min);
    let close = |above: &Row, row: &Row| {
        let step = row.baseline - above.baseline;
        step <= pitch * 1.2 && step <= row.size.max(above.size) * 1.35
    };
    // In a column of keys (`79/1`, `1325 (2000)`) every key opens a row, unless the one
    // above ends a list that runs on (`874 (XLIII);` / `2025/1`).
    let keys = key_column(block, bands, 0) == Some(true);
    let new_key = |above: &[String], cells: &[String]| {
        keys && !cells[0].is_empty() && !above[0].ends_with([';', ','])
    };
    // A first cell printed on several lines of the block is a whole label (`Approved
    // 2024/25` under each section row), not the end of a wrapped one.
    let mut labels: HashMap<String, usize> = HashMap::new();
    for row in block {
        *labels
            .entry(row_cells(row, bands).swap_remove(0))
            .or_default() += 1;
    }
    let repeated = |cells: &[String]| !cells[0].is_empty() && labels[&cells[0]] > 1;
    // A first cell wrapped over lines above its figures belongs to the data, not the
    // heading: lines of the first column alone, each carried on by the next.
    while first_data > 0 {
        let row = &block[first_data - 1];
        let cells = row_cells(row, bands);
        let next = &block[first_data];
        let next_cells = row_cells(next, bands);
        let alone = !cells[0].is_empty() && cells[1..].iter().all(String::is_empty);
        let carried = alone
            && close(row, next)
            && !new_key(&cells, &next_cells)
            && !repeated(&next_cells)
            && carries_on_wrapped(
                &next_cells,
                &row_extents(next, bands),
                &row_extents(row, bands),
                &vec![false; bands.len()],
                &right,
                next.size,
            );
        if !carried {
            break;
        }
        first_data -= 1;
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut header_rows = 0;
    if first_data > 0 {
        let mut header = vec![String::new(); bands.len()];
        for row in &block[..first_data] {
            append_cells(&mut header, row_cells(row, bands));
        }
        out.push(header);
        header_rows = 1;
    }
    let mut above: Vec<Option<(f32, f32)>> = vec![None; bands.len()];
    let mut above_figures = vec![false; bands.len()];
    for (k, row) in block.iter().enumerate().skip(first_data) {
        let cells = row_cells(row, bands);
        let extents = row_extents(row, bands);
        let figures = figure_bands(&cells);
        let wrapped = || {
            let last = out.last().expect("a row above");
            k > 0
                && close(&block[k - 1], row)
                && !new_key(last, &cells)
                && !repeated(&cells)
                && carries_on_wrapped(&cells, &extents, &above, &above_figures, &right, row.size)
        };
        let continues = out.len() > header_rows && (continues_above(&cells) || wrapped());
        match out.last_mut() {
            Some(last) if continues => {
                append_cells(last, cells);
                for k in 0..bands.len() {
                    above[k] = extents[k].or(above[k]);
                    above_figures[k] |= figures[k];
                }
            }
            _ => {
                out.push(cells);
                above = extents;
                above_figures = figures;
            }
        }
    }
    (header_rows, out)
}

/// A row that carries on the row above: it starts in lower case, or leaves the first
/// column empty without a figure.
fn continues_above(cells: &[String]) -> bool {
    if cells.iter().all(|c| c.is_empty()) {
        return false;
    }
    let figures = cells.iter().any(|c| is_numeric(c));
    cells.iter().any(|c| starts_lower_word(c)) || (cells[0].is_empty() && !figures)
}

/// A cell that starts with a word in lower case (`and the League`), not `n/a`.
fn starts_lower_word(cell: &str) -> bool {
    let word = cell.split(' ').next().unwrap_or("");
    word.chars().next().is_some_and(char::is_lowercase)
        && word.chars().count() >= 2
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == ',' || c == '’')
}

/// Two (or three) tables of the same columns set side by side, as in the mandate
/// lists of programme budgets (`79/1` | `The Pact for the Future` ‖ `80/72` | …): the
/// bands repeat a pattern of a key column (most cells start with a figure) and a text
/// column. Returns the first band of the second copy.
fn side_by_side(block: &[Row], bands: &[(f32, f32)]) -> Option<usize> {
    let n = bands.len();
    let kinds: Vec<Option<bool>> = (0..n).map(|k| key_column(block, bands, k)).collect();
    (2..=n / 2).filter(|h| n % h == 0 && n / h >= 2).find(|&h| {
        kinds[0] == Some(true)
            && kinds[1..h].iter().all(|k| *k == Some(false))
            && (0..n).all(|k| kinds[k] == kinds[k % h])
    })
}

/// Whether band `k` holds keys (most cells start with a figure: `79/1`, `1325 (2000)`)
/// or text (most start with a letter); `None` when it is neither.
fn key_column(block: &[Row], bands: &[(f32, f32)], k: usize) -> Option<bool> {
    let cells: Vec<&Cell> = block
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| band_of(c, bands) == k)
        .collect();
    if cells.is_empty() {
        return None;
    }
    let starts = |f: fn(char) -> bool| {
        cells
            .iter()
            .filter(|c| c.text.chars().next().is_some_and(f))
            .count()
    };
    let digits = starts(|c| c.is_ascii_digit());
    let letters = starts(char::is_alphabetic);
    if digits * 10 >= cells.len() * 6 {
        Some(true)
    } else if letters * 10 >= cells.len() * 6 {
        Some(false)
    } else {
        None
    }
}

/// The rows' cells left and right of `split`, rows left empty dropped.
fn halves(block: &[Row], split: f32) -> (Vec<Row>, Vec<Row>) {
    let side = |left: bool| {
        block
            .iter()
            .filter_map(|r| {
                let mut row = r.clone();
                row.cells.retain(|c| ((c.x0 + c.x1) / 2.0 < split) == left);
                (!row.cells.is_empty()).then_some(row)
            })
            .collect()
    };
    (side(true), side(false))
}

fn append_cells(row: &mut [String], cells: Vec<String>) {
    for (into, cell) in row.iter_mut().zip(cells) {
        if cell.is_empty() {
            continue;
        }
        if !into.is_empty() {
            super::paragraphs::join_line(into, &cell);
        } else {
            *into = cell;
        }
    }
}

/// The table's number, title and unit line printed right above it: up to four lines
/// up to one that starts with a table number, else a unit line `(…)` right above.
fn title_above(rows: &[Row], start: usize, body_size: f32) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut k = start;
    while k > 0 && lines.len() < 4 {
        let row = &rows[k - 1];
        if rows[k].y0 - row.y1 > body_size * 3.0 || row.is_multi() {
            break;
        }
        let text = row.text();
        let label = TABLE_LABEL.is_match(&text);
        lines.insert(0, text);
        if label {
            return Some(lines.join("\n"));
        }
        k -= 1;
    }
    let unit = lines
        .last()
        .filter(|t| t.starts_with('(') && t.ends_with(')'))?;
    Some(unit.clone())
}

/// End of the notes under a table (rows from `end`): lines led by a letter mark or by
/// `Note:`/`Source:`, and their continuation lines.
fn notes_end(rows: &[Row], end: usize, body_size: f32) -> usize {
    let mut k = end;
    let mut in_note = false;
    while k < rows.len() {
        let row = &rows[k];
        let gap = row.y0 - rows[k - 1].y1;
        if gap > body_size * 2.0 {
            break;
        }
        let text = row.text();
        let opens = letter_mark(row) || NOTE_START.is_match(&text);
        let small = row.size < body_size * 0.93;
        if opens || (in_note && small && !row.is_multi()) {
            in_note = true;
            k += 1;
        } else {
            break;
        }
    }
    k
}

/// A note line led by a letter mark (`a`, `b`), raised or set apart.
fn letter_mark(row: &Row) -> bool {
    let first = row.cells.first().map(|c| c.text.as_str()).unwrap_or("");
    let single_letter = first.len() == 1 && first.chars().all(|c| c.is_ascii_lowercase());
    (row.leading_mark || row.cells.len() >= 2) && single_letter
}

/// Note lines into notes: a line that opens a note starts one, others continue it.
fn join_notes(rows: &[Row], texts: Vec<String>) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for (row, text) in rows.iter().zip(texts) {
        let opens = letter_mark(row) || NOTE_START.is_match(&text);
        match notes.last_mut() {
            Some(last) if !opens => super::paragraphs::join_line(last, &text),
            _ => notes.push(text),
        }
    }
    notes
}

/// Joins tables continued across a page break and numbers them. `found` holds each
/// page's tables in order; `follows(a, b)` tells whether table `b` comes right after
/// table `a` in the body with nothing between. Returns the tables and, for each table
/// found, the table it ended in.
pub fn join_continued(
    found: Vec<PageTable>,
    follows: &dyn Fn(usize, usize) -> bool,
) -> (Vec<Table>, Vec<usize>) {
    let mut tables: Vec<PageTable> = Vec::new();
    let mut into = Vec::with_capacity(found.len());
    for (k, next) in found.into_iter().enumerate() {
        let joins = k > 0
            && follows(k - 1, k)
            && tables.last().is_some_and(|last: &PageTable| {
                let last_page = *last.table.pages.last().unwrap_or(&0);
                next.table.title.is_none()
                    && next.table.pages[0] == last_page + 1
                    && next.bands.len() == last.bands.len()
            });
        if joins {
            let last = tables.last_mut().expect("a table");
            let mut rows = next.table.rows;
            let repeated = next.table.header_rows > 0
                && last.table.header_rows > 0
                && rows.first() == last.table.rows.first();
            if repeated {
                rows.remove(0);
            }
            last.table.rows.extend(rows);
            last.table.pages.extend(next.table.pages);
            last.table.notes.extend(next.table.notes);
        } else {
            tables.push(next);
        }
        into.push(tables.len() - 1);
    }
    let tables = tables
        .into_iter()
        .enumerate()
        .map(|(i, mut t)| {
            t.table.index = i;
            t.table
        })
        .collect();
    (tables, into)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(page: u32, y: f32, cells: &[(&str, f32)], size: f32) -> TextLine {
        let cells: Vec<Cell> = cells
            .iter()
            .map(|(t, x)| Cell {
                text: t.to_string(),
                x0: *x,
                x1: x + t.chars().count() as f32 * size * 0.5,
            })
            .collect();
        let x0 = cells.first().map_or(0.0, |c| c.x0);
        let x1 = cells.last().map_or(0.0, |c| c.x1);
        TextLine {
            page,
            text: cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            bbox: BBox {
                x0,
                y0: y - size,
                x1,
                y1: y,
            },
            size,
            baseline: y,
            text_x0: x0,
            leading_mark: None,
            first_word_width: 20.0,
            ocr: false,
            cells,
            table: None,
            figure: None,
        }
    }

    /// A small budget table between two paragraphs: title, unit line, heading, rows.
    fn page() -> Vec<TextLine> {
        vec![
            line(1, 100.0, &[("The figures are as follows:", 70.0)], 10.0),
            line(1, 124.0, &[("Table 3", 70.0)], 10.0),
            line(1, 136.0, &[("Financial resources", 70.0)], 10.0),
            line(
                1,
                148.0,
                &[("(Thousands of United States dollars)", 70.0)],
                10.0,
            ),
            line(
                1,
                170.0,
                &[("Category", 70.0), ("2024", 300.0), ("2025", 400.0)],
                9.0,
            ),
            line(
                1,
                182.0,
                &[("Posts", 70.0), ("1 491.1", 290.0), ("(3.2)", 400.0)],
                9.0,
            ),
            line(
                1,
                193.0,
                &[("Other staff", 70.0), ("–", 305.0), ("37 472.6", 390.0)],
                9.0,
            ),
            line(1, 204.0, &[("Travel of staff and", 70.0)], 9.0),
            line(
                1,
                215.0,
                &[("experts", 70.0), ("12.0", 300.0), ("13.5", 400.0)],
                9.0,
            ),
            line(
                1,
                232.0,
                &[("a", 70.0), ("Funded under section 3.", 80.0)],
                8.0,
            ),
            line(1, 260.0, &[("After the table, prose goes on.", 70.0)], 10.0),
        ]
    }

    #[test]
    fn a_table_is_read_into_rows_and_leaves_a_stand_in() {
        let (rest, tables) = split_page(page(), 10.0);
        assert_eq!(tables.len(), 1);
        let t = &tables[0].table;
        assert_eq!(
            t.title.as_deref(),
            Some("Table 3\nFinancial resources\n(Thousands of United States dollars)")
        );
        assert_eq!(t.header_rows, 1);
        assert_eq!(
            t.rows,
            vec![
                vec!["Category", "2024", "2025"],
                vec!["Posts", "1 491.1", "(3.2)"],
                vec!["Other staff", "–", "37 472.6"],
                vec!["Travel of staff and experts", "12.0", "13.5"],
            ]
        );
        assert_eq!(t.notes, vec!["a Funded under section 3."]);
        let texts: Vec<&str> = rest.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The figures are as follows:",
                "Table 3",
                "Financial resources",
                "(Thousands of United States dollars)",
                "",
                "After the table, prose goes on."
            ]
        );
        assert_eq!(rest[4].table, Some(0));
    }

    #[test]
    fn prose_with_numbered_labels_is_no_table() {
        let lines = vec![
            line(
                1,
                100.0,
                &[("7.", 70.0), ("The first phase of a project", 100.0)],
                10.0,
            ),
            line(
                1,
                112.0,
                &[("to refurbish equipment began in 2024.", 70.0)],
                10.0,
            ),
            line(
                1,
                124.0,
                &[("8.", 70.0), ("During the period, items valued", 100.0)],
                10.0,
            ),
            line(
                1,
                136.0,
                &[("(a)", 100.0), ("Something else 12", 130.0)],
                10.0,
            ),
        ];
        let (rest, tables) = split_page(lines.clone(), 10.0);
        assert!(tables.is_empty());
        assert_eq!(rest, lines);
    }

    #[test]
    fn paragraphs_numbered_the_arabic_way_are_no_table() {
        let mut lines = Vec::new();
        for (k, n) in ["20 -", "21 -", "22 -"].iter().enumerate() {
            let y = 100.0 + k as f32 * 30.0;
            lines.push(line(
                1,
                y,
                &[
                    (n, 70.0),
                    ("وعقد اجتماع مماثل لتبادل الآراء والمعلومات", 110.0),
                ],
                10.0,
            ));
            lines.push(line(1, y + 12.0, &[("والأمن في منظومة الأمم", 70.0)], 10.0));
        }
        let (rest, tables) = split_page(lines.clone(), 10.0);
        assert!(tables.is_empty());
        assert_eq!(rest, lines);
    }

    #[test]
    fn a_council_composition_is_text() {
        let mut lines = vec![
            line(
                1,
                100.0,
                &[
                    ("President:", 60.0),
                    ("Mr. Osman", 125.0),
                    ("(Somalia)", 400.0),
                ],
                10.0,
            ),
            line(
                1,
                130.0,
                &[
                    ("Members:", 60.0),
                    ("Bahrain", 125.0),
                    ("Mr. Alrowaiei", 400.0),
                ],
                10.0,
            ),
        ];
        for (k, (country, name)) in [("China", "Mr. Teng Fei"), ("Colombia", "Mr. Amaya")]
            .iter()
            .enumerate()
        {
            let y = 145.0 + k as f32 * 15.0;
            lines.push(line(1, y, &[(country, 125.0), (name, 400.0)], 10.0));
        }
        let (rest, tables) = split_page(lines.clone(), 10.0);
        assert!(tables.is_empty());
        assert_eq!(rest, lines);
    }

    #[test]
    fn a_centred_bilingual_cover_is_text() {
        // Each half centred on its own axis (x 135 and x 475).
        fn centred(t: &str, axis: f32) -> (&str, f32) {
            (t, axis - t.chars().count() as f32 * 7.5 / 2.0)
        }
        let lines: Vec<TextLine> = [
            ("International Court", "Cour internationale"),
            ("of Justice", "de Justice"),
            ("THE HAGUE", "LA HAYE"),
        ]
        .iter()
        .enumerate()
        .map(|(k, (en, fr))| {
            let cells = [centred(en, 135.0), centred(fr, 475.0)];
            line(1, 200.0 + k as f32 * 13.0, &cells, 15.0)
        })
        .collect();
        let (rest, tables) = split_page(lines.clone(), 15.0);
        assert!(tables.is_empty());
        assert_eq!(rest, lines);
    }

    #[test]
    fn key_and_text_columns_set_side_by_side_are_read_left_then_right() {
        let lines = vec![
            line(
                1,
                100.0,
                &[
                    ("79/1", 70.0),
                    ("The Pact for the Future", 120.0),
                    ("80/72", 320.0),
                    ("Question of Palestine", 370.0),
                ],
                10.0,
            ),
            line(
                1,
                112.0,
                &[
                    ("79/264", 70.0),
                    ("Durable peace in Africa", 120.0),
                    ("80/242", 320.0),
                    ("Questions relating to the", 370.0),
                ],
                10.0,
            ),
            line(1, 124.0, &[("proposed budget", 370.0)], 10.0),
            line(
                1,
                136.0,
                &[("80/1", 70.0), ("Seventy-fifth anniversary", 120.0)],
                10.0,
            ),
        ];
        let (_, tables) = split_page(lines, 10.0);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].table.rows,
            vec![
                vec!["79/1", "The Pact for the Future"],
                vec!["79/264", "Durable peace in Africa"],
                vec!["80/1", "Seventy-fifth anniversary"],
                vec!["80/72", "Question of Palestine"],
                vec!["80/242", "Questions relating to the proposed budget"],
            ]
        );
    }

    #[test]
    fn a_list_label_set_apart_stays_with_its_text() {
        // `1.` and `2.` set apart by a tab, `10.` too close to its text to be cut off.
        let lines = vec![
            line(
                1,
                100.0,
                &[
                    ("1.", 70.0),
                    ("The Fifth Committee", 90.0),
                    ("1", 400.0),
                    ("2", 450.0),
                ],
                9.0,
            ),
            line(
                1,
                112.0,
                &[
                    ("2.", 70.0),
                    ("Meetings of the Council", 90.0),
                    ("3", 400.0),
                    ("–", 450.0),
                ],
                9.0,
            ),
            line(
                1,
                124.0,
                &[
                    ("10. Seminars on partnerships", 66.0),
                    ("4", 400.0),
                    ("4", 450.0),
                ],
                9.0,
            ),
        ];
        let (_, tables) = split_page(lines, 10.0);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].table.rows,
            vec![
                vec!["1. The Fifth Committee", "1", "2"],
                vec!["2. Meetings of the Council", "3", "–"],
                vec!["10. Seminars on partnerships", "4", "4"],
            ]
        );
    }

    #[test]
    fn a_label_wrapped_above_its_figures_is_one_cell_whatever_its_case() {
        // Rows 15 apart, the lines of a wrapped label 10 apart; the figures beside the
        // last line. The column reaches x 290 (`… India and Pakistan`).
        let lines = vec![
            line(
                1,
                100.0,
                &[("Entity", 60.0), ("Surplus", 330.0), ("Total", 400.0)],
                9.0,
            ),
            line(
                1,
                120.0,
                &[
                    ("United Nations Support Office", 60.0),
                    ("839.1", 330.0),
                    ("5 945.1", 400.0),
                ],
                9.0,
            ),
            line(
                1,
                135.0,
                &[("United Nations Multidimensional Stabilization", 60.0)],
                9.0,
            ),
            line(
                1,
                145.0,
                &[
                    ("Mission in the Central African Republic", 60.0),
                    ("–", 340.0),
                    ("1 703.2", 400.0),
                ],
                9.0,
            ),
            line(
                1,
                160.0,
                &[
                    ("United Nations Observer Group in India", 60.0),
                    ("110.0", 330.0),
                    ("212.5", 400.0),
                ],
                9.0,
            ),
            line(1, 175.0, &[("Civilian personnel", 60.0)], 9.0),
            line(
                1,
                190.0,
                &[
                    ("International staff", 60.0),
                    ("4.5", 340.0),
                    ("9.0", 410.0),
                ],
                9.0,
            ),
        ];
        let (_, tables) = split_page(lines, 10.0);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].table.rows,
            vec![
                vec!["Entity", "Surplus", "Total"],
                vec!["United Nations Support Office", "839.1", "5 945.1"],
                vec![
                    "United Nations Multidimensional Stabilization Mission in the Central African Republic",
                    "–",
                    "1 703.2"
                ],
                vec!["United Nations Observer Group in India", "110.0", "212.5"],
                vec!["Civilian personnel", "", ""],
                vec!["International staff", "4.5", "9.0"],
            ]
        );
    }

    #[test]
    fn the_first_data_row_may_wrap_above_its_figures() {
        let lines = vec![
            line(
                1,
                100.0,
                &[("Category", 60.0), ("2025", 330.0), ("2026", 400.0)],
                9.0,
            ),
            line(
                1,
                118.0,
                &[("Meetings of the Committee for Programme and", 60.0)],
                9.0,
            ),
            line(
                1,
                128.0,
                &[("Coordination", 60.0), ("1", 340.0), ("2", 410.0)],
                9.0,
            ),
            line(
                1,
                142.0,
                &[
                    ("Meetings of the Fifth Committee", 60.0),
                    ("3", 340.0),
                    ("4", 410.0),
                ],
                9.0,
            ),
        ];
        let (_, tables) = split_page(lines, 10.0);
        assert_eq!(
            tables[0].table.rows,
            vec![
                vec!["Category", "2025", "2026"],
                vec![
                    "Meetings of the Committee for Programme and Coordination",
                    "1",
                    "2"
                ],
                vec!["Meetings of the Fifth Committee", "3", "4"],
            ]
        );
    }

    #[test]
    fn in_a_column_of_keys_each_key_opens_a_row() {
        // The text column wraps, and the keys are as wide as their column.
        let lines = vec![
            line(
                1,
                100.0,
                &[
                    ("79/201", 60.0),
                    ("Entrepreneurship for sustainable", 120.0),
                ],
                9.0,
            ),
            line(1, 110.0, &[("development", 120.0)], 9.0),
            line(
                1,
                120.0,
                &[
                    ("79/215", 60.0),
                    ("Towards a New International Order", 120.0),
                ],
                9.0,
            ),
            line(
                1,
                130.0,
                &[("80/118", 60.0), ("Information and communications", 120.0)],
                9.0,
            ),
            line(
                1,
                140.0,
                &[("874 (XLIII);", 60.0), ("Strengthening the offices", 120.0)],
                9.0,
            ),
            line(
                1,
                150.0,
                &[("2025/1", 60.0), ("of the Commission", 120.0)],
                9.0,
            ),
        ];
        let (_, tables) = split_page(lines, 10.0);
        assert_eq!(
            tables[0].table.rows,
            vec![
                vec!["79/201", "Entrepreneurship for sustainable development"],
                vec!["79/215", "Towards a New International Order"],
                vec!["80/118", "Information and communications"],
                vec![
                    "874 (XLIII); 2025/1",
                    "Strengthening the offices of the Commission"
                ],
            ]
        );
    }

    #[test]
    fn a_section_row_set_apart_stays_in_its_table() {
        let row = |y: f32, label: &'static str, a: &'static str, b: &'static str| {
            line(1, y, &[(label, 60.0), (a, 330.0), (b, 400.0)], 9.0)
        };
        let mut lines = vec![
            row(100.0, "Military observers", "1.0", "2.0"),
            row(114.0, "Military contingents", "3.0", "4.0"),
            // 12 between it and the row above: more than a line's space, less than three.
            line(1, 135.0, &[("Civilian personnel", 60.0)], 9.0),
            row(149.0, "International staff", "5.0", "6.0"),
            row(163.0, "National staff", "7.0", "8.0"),
        ];
        let (rest, tables) = split_page(lines.clone(), 10.0);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].table.rows[2], vec!["Civilian personnel", "", ""]);
        assert_eq!(rest.len(), 1);
        // A line running across the columns between two tables is no section row.
        lines[2] = line(
            1,
            135.0,
            &[(
                "The list below gives the mandates of the subprogramme in 2027.",
                60.0,
            )],
            9.0,
        );
        let (_, tables) = split_page(lines, 10.0);
        assert_eq!(tables.len(), 2);
    }

    #[test]
    fn dot_leaders_are_no_cell_text() {
        let bands = vec![(70.0, 400.0), (450.0, 460.0)];
        let row = Row {
            lines: vec![0],
            cells: vec![
                Cell {
                    text: "Human resources. . . . . . .".into(),
                    x0: 70.0,
                    x1: 400.0,
                },
                Cell {
                    text: "12".into(),
                    x0: 450.0,
                    x1: 460.0,
                },
            ],
            baseline: 10.0,
            size: 10.0,
            y0: 0.0,
            y1: 10.0,
            leading_mark: false,
        };
        assert_eq!(row_cells(&row, &bands), vec!["Human resources", "12"]);
    }

    #[test]
    fn a_spanning_heading_goes_to_the_first_column_it_covers() {
        let bands = vec![(70.0, 150.0), (290.0, 330.0), (390.0, 430.0)];
        let cell = Cell {
            text: "Cost estimates".into(),
            x0: 295.0,
            x1: 425.0,
        };
        assert_eq!(band_of(&cell, &bands), 1);
    }

    #[test]
    fn continued_tables_are_one_with_the_heading_once() {
        let mk = |page, title: Option<&str>, rows: Vec<Vec<&str>>| PageTable {
            table: Table {
                index: 0,
                pages: vec![page],
                title: title.map(str::to_string),
                header_rows: 1,
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(str::to_string).collect())
                    .collect(),
                notes: Vec::new(),
            },
            bands: vec![(0.0, 1.0), (2.0, 3.0)],
        };
        let found = vec![
            mk(
                4,
                Some("Table 1"),
                vec![vec!["Post", "2025"], vec!["P-5", "3"]],
            ),
            mk(5, None, vec![vec!["Post", "2025"], vec!["P-4", "7"]]),
            mk(6, None, vec![vec!["Post", "2025"], vec!["P-3", "2"]]),
        ];
        // Table 2 follows table 1 directly; table 3 comes after prose.
        let (tables, into) = join_continued(found, &|a, b| a == 0 && b == 1);
        assert_eq!(into, vec![0, 0, 1]);
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].pages, vec![4, 5]);
        assert_eq!(tables[0].rows.len(), 3);
        assert_eq!(tables[1].index, 1);
    }
}
