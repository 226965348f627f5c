//! Lines that Tesseract's layout analysis skipped, read from the gap they leave.
//!
//! Full-page layout analysis now and then drops a whole line of a paragraph (often
//! its short last line, or a line between two long ones): on the Arabic scans of
//! `../shared/multilingual` about 1 % of the body text. Such a line leaves a gap of more
//! than two line heights between two lines of the same column, with ink in it that no
//! word covers. Each such gap is cut out of the page image and read as one block of text
//! (page segmentation mode 6) with the page's models; the lines read with confidence
//! join the page's lines. A gap without ink (paragraph spacing, the space around a
//! heading) or with ink that does not read as text (a rule, a logo) adds nothing.
//!
//! Applied to pages read with a right-to-left model (where it was measured; see
//! docs/decisions/0016).

use crate::extract::ocr::{self, Binarization, OcrError, OcrResult};
use crate::extract::render::GrayImage;
use crate::model::{BBox, Line};

/// Two lines of a column further apart (top to top) than this many times the page's
/// usual line pitch may have a lost line between them (paragraph spacing adds less).
const GAP_PITCHES: f32 = 1.75;

/// Mean word confidence (0–100) a line read in a gap needs to be kept.
const MIN_CONFIDENCE: f32 = 60.0;

/// White margin around a cut-out gap, in pixels.
const MARGIN: u32 = 12;

/// The gaps (boxes in image pixels) between consecutive lines of a column that are
/// further apart than [`GAP_PITCHES`] line pitches and that no line reaches into.
pub fn gaps(lines: &[Line]) -> Vec<BBox> {
    let boxes: Vec<BBox> = lines.iter().filter_map(|l| l.bbox).collect();
    let mut heights: Vec<f32> = boxes.iter().map(|b| b.height()).collect();
    if heights.len() < 3 {
        return Vec::new();
    }
    heights.sort_by(f32::total_cmp);
    let h = heights[heights.len() / 2];
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].y0.total_cmp(&boxes[b].y0));
    // Each line and the next line below it in the same column (overlapping by half the
    // narrower one).
    let pairs: Vec<(BBox, BBox)> = order
        .iter()
        .enumerate()
        .filter_map(|(n, &a)| {
            let a = boxes[a];
            order[n + 1..]
                .iter()
                .map(|&i| boxes[i])
                .find(|b| {
                    let overlap = a.x1.min(b.x1) - a.x0.max(b.x0);
                    overlap >= 0.5 * a.width().min(b.width()) && b.y0 >= a.y1 - h * 0.5
                })
                .map(|b| (a, b))
        })
        .collect();
    let mut pitches: Vec<f32> = pairs.iter().map(|(a, b)| b.y0 - a.y0).collect();
    pitches.sort_by(f32::total_cmp);
    let Some(&pitch) = pitches.get(pitches.len() / 2) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (a, b) in pairs {
        if b.y0 - a.y0 <= GAP_PITCHES * pitch || b.y0 <= a.y1 {
            continue;
        }
        let gap = BBox {
            x0: a.x0.min(b.x0),
            y0: a.y1,
            x1: a.x1.max(b.x1),
            y1: b.y0,
        };
        let covered = boxes
            .iter()
            .any(|c| c.x0 < gap.x1 && gap.x0 < c.x1 && c.y0 < gap.y1 && gap.y0 < c.y1);
        if !covered {
            out.push(gap);
        }
    }
    out
}

/// Whether the gap has a band of ink at least half a line high: rows with dark pixels
/// over at least a hundredth of its width.
fn has_ink(image: &GrayImage, gap: BBox, line_height: f32) -> bool {
    let (x0, x1) = (gap.x0.max(0.0) as u32, (gap.x1 as u32).min(image.width));
    let (y0, y1) = (gap.y0.max(0.0) as u32, (gap.y1 as u32).min(image.height));
    if x1 <= x0 || y1 <= y0 {
        return false;
    }
    let need = ((x1 - x0) / 100).max(3) as usize;
    let inked = (y0..y1)
        .filter(|&y| {
            let row =
                &image.pixels[(y * image.width + x0) as usize..(y * image.width + x1) as usize];
            row.iter().filter(|&&p| p < 128).count() >= need
        })
        .count();
    inked as f32 >= line_height * 0.5
}

/// Reads the gaps of `result` that hold ink and adds the lines read there with
/// confidence. Returns how many lines were added.
pub fn reread(
    image: &GrayImage,
    result: &mut OcrResult,
    models: &str,
    binarization: Binarization,
) -> Result<usize, OcrError> {
    let mut heights: Vec<f32> = result
        .lines
        .iter()
        .filter_map(|l| l.bbox.map(|b| b.height()))
        .collect();
    heights.sort_by(f32::total_cmp);
    let Some(&h) = heights.get(heights.len() / 2) else {
        return Ok(0);
    };
    let mut added = 0;
    for gap in gaps(&result.lines) {
        if !has_ink(image, gap, h) {
            continue;
        }
        let Some((crop, dx, dy)) = cut(image, gap) else {
            continue;
        };
        let reading = ocr::ocr_gray_block(&crop, models, binarization)?;
        for (line, conf) in reading.lines.into_iter().zip(reading.confidences) {
            let mean = conf.iter().sum::<f32>() / conf.len().max(1) as f32;
            if mean < MIN_CONFIDENCE
                || !line
                    .words
                    .iter()
                    .any(|w| w.text.chars().any(char::is_alphabetic))
            {
                continue;
            }
            let words = line
                .words
                .into_iter()
                .map(|mut w| {
                    w.bbox = BBox {
                        x0: w.bbox.x0 + dx,
                        y0: w.bbox.y0 + dy,
                        x1: w.bbox.x1 + dx,
                        y1: w.bbox.y1 + dy,
                    };
                    w
                })
                .collect();
            result.lines.push(Line::from_words(words));
            result.confidences.push(conf);
            added += 1;
        }
    }
    Ok(added)
}

/// The gap cut out of the image on a white margin, and the shift from the cut-out's
/// pixels back to the page's.
fn cut(image: &GrayImage, gap: BBox) -> Option<(GrayImage, f32, f32)> {
    let (x0, y0) = (gap.x0.max(0.0) as u32, gap.y0.max(0.0) as u32);
    let crop = image.cut_out(x0, y0, gap.x1 as u32, gap.y1 as u32, MARGIN)?;
    let shift = |v: u32| v as f32 - MARGIN as f32;
    Some((crop, shift(x0), shift(y0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Word;

    fn line(x0: f32, y0: f32, x1: f32) -> Line {
        Line::from_words(vec![Word {
            text: "نص".to_string(),
            bbox: BBox {
                x0,
                y0,
                x1,
                y1: y0 + 40.0,
            },
        }])
    }

    #[test]
    fn a_gap_of_more_than_two_lines_in_a_column_is_found() {
        // Lines at a pitch of 80 (40 high); one missing at y 400.
        let lines: Vec<Line> = [80.0, 160.0, 240.0, 320.0, 480.0, 560.0]
            .iter()
            .map(|&y| line(100.0, y, 2000.0))
            .collect();
        let found = gaps(&lines);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].y0, found[0].y1), (360.0, 480.0));
        // A line of another column reaching into the gap covers it.
        let mut lines = lines;
        lines.push(line(1500.0, 380.0, 2000.0));
        assert!(gaps(&lines).is_empty());
    }

    #[test]
    fn ink_is_a_band_half_a_line_high() {
        let mut image = GrayImage {
            width: 400,
            height: 200,
            dpi: 300,
            pixels: vec![255; 80_000],
        };
        let gap = BBox {
            x0: 0.0,
            y0: 0.0,
            x1: 400.0,
            y1: 200.0,
        };
        assert!(!has_ink(&image, gap, 40.0));
        for y in 100..125 {
            for x in 50..60 {
                image.pixels[y * 400 + x] = 0;
            }
        }
        assert!(has_ink(&image, gap, 40.0));
        assert!(!has_ink(&image, gap, 60.0));
    }
}
