//! Figures: the text printed inside charts, maps and organization charts, kept out of
//! the body and given to the figure it belongs to.
//!
//! A figure shows in the text layer as its caption, printed above it at the body's size
//! (`Figure 13.I`, then the title over a line or two, then perhaps a unit line
//! `(Millions of United States dollars)`), followed by the figure's own text set smaller
//! than the body: axis values, data labels, years, the legend (`Planned Actual`). That
//! text runs on, line after line, until the first line set at the body's size or larger
//! that is not a bare figure (the heading or paragraph after the chart), a rule opening
//! the footnotes, a raised footnote mark, or the next caption. The caption stays in the
//! body; the figure's text is replaced by one `[figure N]` line where the figure stood.
//! A picture without a text layer gets its caption and an empty text.
//!
//! The one entry point is [`split_page`].

use std::sync::LazyLock;

use regex::Regex;

use super::lines::TextLine;
use super::tables::is_numeric;
use crate::model::{BBox, Figure};

/// A figure's number as printed on its own line above it, in the six languages:
/// `Figure 13.I`, `Figure II`, `Graphique 2`, `Gráfico 3`, `Рисунок 4`, `图 5`, `الشكل 6`.
/// A sentence that mentions a figure (`Figure 3 shows …`) does not match.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Figure|Figures|Chart|Graph|Graphique|Gráfico|Figura|Рисунок|Диаграмма|图|الشكل)\s*[\dA-Z][\dA-Z.]*(?:\s*[:.–—-].*)?$",
    )
    .expect("figure caption pattern")
});

/// A table's number: where a figure's text surely ends.
static TABLE_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Table|Tableau|Cuadro|Таблица|الجدول|表)\s*[\dA-Z.]+").expect("table pattern")
});

/// How many lines a caption may take: number, title over up to three lines, unit line.
const CAPTION_LINES: usize = 5;

/// Whether a line opens a figure's caption.
pub fn is_caption(text: &str) -> bool {
    CAPTION.is_match(text.trim())
}

/// Takes the text of the page's figures out of its content lines (running matter
/// removed, in reading order). Returns the lines left, with a line standing for each
/// figure right after its caption (its `figure` set to `first` plus its position in the
/// returned figures), and the figures, indexed from `first`.
pub fn split_page(
    lines: Vec<TextLine>,
    body_size: f32,
    first: usize,
) -> (Vec<TextLine>, Vec<Figure>) {
    if !lines.iter().any(|l| is_caption(&l.text)) {
        return (lines, Vec::new());
    }
    let mut figures: Vec<Figure> = Vec::new();
    let mut rest: Vec<TextLine> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if !is_caption(&lines[i].text) {
            rest.push(lines[i].clone());
            i += 1;
            continue;
        }
        let caption_end = caption_end(&lines, i, body_size);
        let text_end = text_end(&lines, caption_end, body_size);
        rest.extend(lines[i..caption_end].iter().cloned());
        let caption: Vec<&str> = lines[i..caption_end]
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        let inside = &lines[caption_end..text_end];
        let text: Vec<&str> = inside.iter().map(|l| l.text.as_str()).collect();
        let bbox = inside
            .iter()
            .map(|l| l.bbox)
            .reduce(|a, b| a.union(&b))
            .unwrap_or(lines[caption_end - 1].bbox);
        let index = first + figures.len();
        rest.push(stand_in(lines[i].page, bbox, body_size, index));
        figures.push(Figure {
            index,
            page: lines[i].page,
            caption: Some(caption.join("\n")),
            text: text.join("\n"),
        });
        i = text_end;
    }
    (rest, figures)
}

/// End of the caption that starts at `start`: the number line, then title lines set
/// close below at the body's size or larger, then a unit line `(…)` of any size.
fn caption_end(lines: &[TextLine], start: usize, body_size: f32) -> usize {
    let mut k = start + 1;
    while k < lines.len() && k - start < CAPTION_LINES {
        let (prev, line) = (&lines[k - 1], &lines[k]);
        let close = line.bbox.y0 - prev.bbox.y1 < line.size.max(prev.size) * 0.6;
        let unit = line.text.starts_with('(') && line.text.ends_with(')');
        let title = line.size >= body_size * 0.93 && !bare_figures(&line.text);
        if line.page != prev.page || !close || !(title || unit) || ends_figure(line) {
            break;
        }
        k += 1;
        if unit {
            break;
        }
    }
    k
}

/// End of the figure's own text from `start`: the lines set smaller than the body (or
/// bare figures), up to the first that ends it.
fn text_end(lines: &[TextLine], start: usize, body_size: f32) -> usize {
    let page = lines.get(start.saturating_sub(1)).map(|l| l.page);
    let mut k = start;
    while k < lines.len() {
        let line = &lines[k];
        let small = line.size < body_size * 0.93;
        if Some(line.page) != page || ends_figure(line) || !(small || bare_figures(&line.text)) {
            break;
        }
        k += 1;
    }
    k
}

/// A line no figure runs into: a rule opening the footnotes, a line led by a raised
/// footnote mark, a table stand-in, the next caption.
fn ends_figure(line: &TextLine) -> bool {
    let text = line.text.trim();
    line.leading_mark.is_some()
        || line.table.is_some()
        || (text.len() >= 5 && text.chars().all(|c| c == '_'))
        || is_caption(text)
        || TABLE_CAPTION.is_match(text)
}

/// A line of figures only: `2023 2024 2025`, `1 438`, `– 3 000`.
fn bare_figures(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    !tokens.is_empty() && tokens.iter().all(|t| is_numeric(t))
}

/// The line that stands for a figure in the body.
fn stand_in(page: u32, bbox: BBox, body_size: f32, figure: usize) -> TextLine {
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
        table: None,
        figure: Some(figure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f32, x: f32, text: &str, size: f32) -> TextLine {
        TextLine {
            page: 3,
            text: text.to_string(),
            bbox: BBox {
                x0: x,
                y0: y - size,
                x1: x + text.chars().count() as f32 * size * 0.5,
                y1: y,
            },
            size,
            baseline: y,
            text_x0: x,
            leading_mark: None,
            first_word_width: 20.0,
            ocr: false,
            cells: Vec::new(),
            table: None,
            figure: None,
        }
    }

    /// A performance-measure chart between two paragraphs, as programme budgets print
    /// them: caption at the body size, the chart's labels smaller.
    fn page() -> Vec<TextLine> {
        vec![
            line(60.0, 123.0, "are presented in the figure below.", 11.0),
            line(87.0, 60.0, "Figure 18.I", 11.0),
            line(
                99.0,
                60.0,
                "Performance measure: number of members of ECA",
                11.0,
            ),
            line(111.0, 60.0, "applying the tools (cumulative)", 11.0),
            line(135.0, 479.0, "6", 9.4),
            line(140.0, 64.0, "6", 9.4),
            line(154.0, 385.0, "5", 9.4),
            line(170.0, 418.0, "–", 9.4),
            line(190.0, 114.0, "2023 2024 2025 2026 2027", 9.4),
            line(204.0, 282.0, "Planned Actual", 9.4),
            line(
                228.0,
                123.0,
                "Result 3: improved economic and financial governance",
                11.0,
            ),
        ]
    }

    #[test]
    fn a_chart_keeps_its_caption_in_the_body_and_its_text_in_the_figure() {
        let (rest, figures) = split_page(page(), 11.0, 4);
        assert_eq!(figures.len(), 1);
        let f = &figures[0];
        assert_eq!(f.index, 4);
        assert_eq!(f.page, 3);
        assert_eq!(
            f.caption.as_deref(),
            Some(
                "Figure 18.I\nPerformance measure: number of members of ECA\n\
                 applying the tools (cumulative)"
            )
        );
        assert_eq!(
            f.text,
            "6\n6\n5\n–\n2023 2024 2025 2026 2027\nPlanned Actual"
        );
        let texts: Vec<&str> = rest.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "are presented in the figure below.",
                "Figure 18.I",
                "Performance measure: number of members of ECA",
                "applying the tools (cumulative)",
                "",
                "Result 3: improved economic and financial governance",
            ]
        );
        assert_eq!(rest[4].figure, Some(4));
    }

    #[test]
    fn a_picture_without_text_gets_an_empty_figure() {
        let lines = vec![
            line(87.0, 123.0, "Figure I", 11.0),
            line(
                99.0,
                123.0,
                "Illustrative example of a reference range",
                11.0,
            ),
            line(
                300.0,
                123.0,
                "12. The breakdown of the reference ranges",
                11.0,
            ),
        ];
        let (rest, figures) = split_page(lines, 11.0, 0);
        assert_eq!(figures.len(), 1);
        assert_eq!(figures[0].text, "");
        assert_eq!(rest.len(), 4);
        assert_eq!(rest[3].text, "12. The breakdown of the reference ranges");
    }

    #[test]
    fn a_sentence_about_a_figure_is_no_caption() {
        assert!(!is_caption("Figure 3 shows the trend over the period"));
        assert!(is_caption("Figure 13.I"));
        assert!(is_caption("Figure II"));
        assert!(is_caption("Graphique 2"));
        let lines = vec![
            line(
                60.0,
                123.0,
                "Figure 3 shows the trend over the period",
                11.0,
            ),
            line(72.0, 123.0, "a", 8.0),
        ];
        let (rest, figures) = split_page(lines.clone(), 11.0, 0);
        assert!(figures.is_empty());
        assert_eq!(rest, lines);
    }

    #[test]
    fn the_footnote_area_under_a_chart_stays_out_of_it() {
        let mut lines = page();
        lines.truncate(10);
        lines.push(line(220.0, 99.0, "__________________", 8.9));
        lines.push(line(
            232.0,
            117.0,
            "Reviews are conducted every three years.",
            9.4,
        ));
        let (rest, figures) = split_page(lines, 11.0, 0);
        assert!(figures[0].text.ends_with("Planned Actual"));
        assert_eq!(
            rest.last().unwrap().text,
            "Reviews are conducted every three years."
        );
    }
}
