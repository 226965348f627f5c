//! Escaping text for Markdown (CommonMark + GFM) and YAML front matter, so that what a
//! document says comes back unchanged from any renderer: no `1.` turned into a list that
//! the renderer renumbers, no `*`, `_`, `[`, `<`, `&amp;` or `$` read as markup.
//!
//! Inline text escapes the characters that open inline constructs (emphasis, code,
//! links, footnotes, HTML and autolinks, entities, strikethrough, math on GitHub);
//! block starts additionally escape what would open a block (list markers, headings,
//! block quotes, thematic breaks, fences). Line breaks become spaces: a paragraph is
//! one line, as in the record's `body`.

use std::sync::LazyLock;

use regex::Regex;

/// An ordered-list marker at the start of a block: up to 9 digits and `.` or `)`.
static ORDERED_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,9})([.)])").expect("ordered start regex"));

/// Escapes text that sits inside a block (after the block's start).
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '|' | '$' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("\\&"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// True when the characters after a `&` would make an entity or numeric character
/// reference (`&amp;`, `&#39;`, `&#x27;`).
fn starts_entity(rest: &[char]) -> bool {
    let body: Vec<char> = rest
        .iter()
        .copied()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .take(33)
        .collect();
    !body.is_empty() && rest.get(body.len()) == Some(&';')
}

/// Escapes text that starts a block (a paragraph, a list item's text, a footnote's
/// text): [`inline`] plus whatever would open another block at its start. Leading
/// whitespace is dropped (four spaces would make a code block).
pub fn block(text: &str) -> String {
    block_start(&inline(text.trim_start()))
}

/// Escapes the start of an already [`inline`]-escaped block text.
pub fn block_start(escaped: &str) -> String {
    if let Some(c) = ORDERED_START.captures(escaped) {
        let digits = &c[1];
        let rest = &escaped[c[0].len()..];
        return format!("{digits}\\{}{rest}", &c[2]);
    }
    match escaped.chars().next() {
        Some('-' | '+' | '#' | '=' | '>') => format!("\\{escaped}"),
        _ => escaped.to_string(),
    }
}

/// Escapes heading text: [`inline`] plus every `#` (a trailing run would close it).
pub fn heading(text: &str) -> String {
    inline(text).replace('#', "\\#")
}

/// A YAML double-quoted scalar. Escapes `"`, `\`, and every character YAML does not
/// allow raw or would fold (C0 and C1 controls, DEL, NEL, line and paragraph
/// separators, byte-order mark, non-characters).
pub fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if yaml_needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_needs_escape(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7F..=0x9F).contains(&u)
        || matches!(u, 0x2028 | 0x2029 | 0xFEFF | 0xFFFE | 0xFFFF)
}

/// A GFM table cell: [`inline`] (which escapes `|`), trimmed.
pub fn cell(text: &str) -> String {
    inline(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_at_a_block_start_are_not_list_markers() {
        assert_eq!(block("1. Décide"), "1\\. Décide");
        assert_eq!(block("12) texte"), "12\\) texte");
        assert_eq!(block("2022. Année"), "2022\\. Année");
        assert_eq!(block("- item"), "\\- item");
        assert_eq!(block("# titre"), "\\# titre");
        assert_eq!(block("> cité"), "\\> cité");
        assert_eq!(block("77/36. Progrès"), "77/36. Progrès");
    }

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(inline("a*b*_c_"), "a\\*b\\*\\_c\\_");
        assert_eq!(inline("[sic] <b>"), "\\[sic\\] \\<b>");
        assert_eq!(inline("AT&T &amp; &#39;"), "AT&T \\&amp; \\&#39;");
        assert_eq!(inline("US$ 5"), "US\\$ 5");
    }

    #[test]
    fn yaml_strings_escape_what_yaml_folds() {
        assert_eq!(yaml_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(yaml_string("x\u{2028}y\u{85}"), "\"x\\u2028y\\u0085\"");
        assert_eq!(yaml_string("Assemblée"), "\"Assemblée\"");
    }
}
