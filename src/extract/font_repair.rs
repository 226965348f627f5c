//! Text layers damaged by one font's glyph map (`aiirmando uue` for `afirmando que`):
//! the document's language is read from its text, each font's swaps are learned from
//! the document (`repair::glyphmap`), and the words set in a damaged font are
//! repaired in place, before the OCR decision looks at the pages. Arabic and Chinese
//! layers are left alone (visual order and characters, not words, would mislead the
//! learning).

use crate::extract::textlayer::TextLayer;
use crate::lang::{self, Lang};
use crate::model::Page;
use crate::repair::glyphmap;

/// What was repaired in one font.
#[derive(Debug, Clone, PartialEq)]
pub struct FontRepair {
    /// The font's number in the text layer.
    pub font: u32,
    /// The font's name (empty when the PDF gives none).
    pub name: String,
    /// The swaps learned: (character the layer gives, character meant).
    pub swaps: Vec<(char, char)>,
    /// Different words the swaps were learned from.
    pub evidence: usize,
    /// Words changed.
    pub words: usize,
}

/// Learns the damaged fonts of a text layer and repairs their words; one warning per
/// repaired font says what was learned and how many words changed.
pub fn repair_layer(layer: &mut TextLayer, warnings: &mut Vec<String>) -> Vec<FontRepair> {
    let repairs = repair_fonts(layer);
    for r in &repairs {
        let swaps: Vec<String> = r
            .swaps
            .iter()
            .map(|(seen, meant)| format!("{meant} read as {seen}"))
            .collect();
        warnings.push(format!(
            "font {} ({}): its glyph map is wrong ({}, learned from {} words); {} words repaired",
            r.font,
            if r.name.is_empty() {
                "no name"
            } else {
                &r.name
            },
            swaps.join(", "),
            r.evidence,
            r.words
        ));
    }
    repairs
}

/// [`repair_layer`] without the warnings.
pub fn repair_fonts(layer: &mut TextLayer) -> Vec<FontRepair> {
    let Some(lang) = layer_language(layer) else {
        return Vec::new();
    };
    let learned = glyphmap::learn(font_words(layer), lang);
    if learned.is_empty() {
        return Vec::new();
    }
    let damaged: Vec<u32> = learned.iter().map(|f| f.font).collect();
    let vocabulary = glyphmap::vocabulary(
        font_words(layer)
            .filter(|(f, _)| !damaged.contains(f))
            .map(|(_, w)| w),
    );
    let mut repairs = Vec::new();
    for font in learned {
        let repairer = glyphmap::FontRepairer::new(lang, &font.swaps, &vocabulary);
        let mut changed = 0;
        for (page, fonts) in layer.pages.iter_mut().zip(&layer.word_fonts) {
            changed += repair_page(page, fonts, font.font, &repairer);
        }
        repairs.push(FontRepair {
            name: layer
                .font_names
                .get(&font.font)
                .cloned()
                .unwrap_or_default(),
            font: font.font,
            swaps: font.swaps,
            evidence: font.evidence,
            words: changed,
        });
    }
    repairs
}

/// Repairs the words of `font` on one page; returns how many changed. A word broken
/// at the end of a line (`conior-` / `midad`) is repaired joined with the first word
/// of the next line, when both are in the font, and split again where it was.
fn repair_page(
    page: &mut Page,
    fonts: &[Option<u32>],
    font: u32,
    repairer: &glyphmap::FontRepairer,
) -> usize {
    let mut places: Vec<(usize, usize)> = Vec::new();
    for (l, line) in page.lines.iter().enumerate() {
        places.extend((0..line.words.len()).map(|w| (l, w)));
    }
    let in_font = |i: usize| fonts.get(i).copied().flatten() == Some(font);
    let mut changed = 0;
    let mut i = 0;
    while i < places.len() {
        if !in_font(i) {
            i += 1;
            continue;
        }
        let (l, w) = places[i];
        let text = page.lines[l].words[w].text.clone();
        let next = places.get(i + 1).copied();
        let broken = text.ends_with('-')
            && w + 1 == page.lines[l].words.len()
            && next.is_some_and(|(nl, nw)| nl == l + 1 && nw == 0)
            && in_font(i + 1);
        if let (true, Some((nl, _))) = (broken, next) {
            let head = text.trim_end_matches('-');
            let tail = page.lines[nl].words[0].text.clone();
            if let Some(fixed) = repairer.repair(&format!("{head}{tail}")) {
                let split = fixed
                    .char_indices()
                    .nth(head.chars().count())
                    .map_or(fixed.len(), |(b, _)| b);
                let (new_head, new_tail) = fixed.split_at(split);
                changed += usize::from(new_head != head) + usize::from(new_tail != tail);
                page.lines[l].words[w].text = format!("{new_head}{}", &text[head.len()..]);
                page.lines[nl].words[0].text = new_tail.to_string();
                i += 2;
                continue;
            }
        }
        if let Some(fixed) = repairer.repair(&text) {
            page.lines[l].words[w].text = fixed;
            changed += 1;
        }
        i += 1;
    }
    changed
}

/// The language of the whole layer, when it is one whose words can be learned from.
fn layer_language(layer: &TextLayer) -> Option<Lang> {
    let mut text = String::new();
    for word in layer
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .flat_map(|l| &l.words)
        .take(20_000)
    {
        text.push_str(&word.text);
        text.push(' ');
    }
    lang::detect(&text).filter(|l| matches!(l, Lang::En | Lang::Fr | Lang::Es | Lang::Ru))
}

/// Every word of the layer with its font (words of unknown font left out).
fn font_words(layer: &TextLayer) -> impl Iterator<Item = (u32, &str)> {
    layer
        .pages
        .iter()
        .zip(&layer.word_fonts)
        .flat_map(|(page, fonts)| {
            page.lines
                .iter()
                .flat_map(|l| &l.words)
                .zip(fonts)
                .filter_map(|(w, f)| f.map(|f| (f, w.text.as_str())))
        })
}
