//! The PDF text layer, read with poppler's `pdftotext -bbox-layout` in a child process.
//!
//! Why poppler and not an in-process crate: measured best text on UN PDFs (no stray
//! spaces inside words, superscripts kept as their own small words, damaged files
//! recovered) and a crash or hang stays in the child (docs/decisions/0001).
//! The XHTML it writes gives every word with its box; we keep pdftotext's lines and
//! leave the layout decisions (running heads, superscripts, paragraphs) to `clean`.

use std::path::Path;
use std::process::Command;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::DocError;
use crate::model::{BBox, Line, Page, PageMethod, Word};
use crate::subprocess::{self, Limits, RunError};

/// Reads every page's words from the PDF's text layer.
pub fn read_text_layer(path: &Path, limits: Limits) -> Result<Vec<Page>, DocError> {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-bbox-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-");
    let out = match subprocess::run(cmd, limits) {
        Ok(out) => out,
        Err(RunError::Timeout) => {
            return Err(DocError::Timeout {
                path: path.to_path_buf(),
                seconds: limits.timeout.as_secs(),
            })
        }
        Err(RunError::Spawn(e)) => {
            return Err(DocError::ToolMissing {
                path: path.to_path_buf(),
                tool: "pdftotext (poppler-utils)",
                detail: e.to_string(),
            })
        }
    };
    if !out.status.success() {
        return Err(classify_failure(path, &out.stderr, out.status));
    }
    let xml = String::from_utf8_lossy(&out.stdout);
    parse_bbox_xhtml(&xml).map_err(|detail| DocError::Damaged {
        path: path.to_path_buf(),
        detail,
    })
}

/// Turns pdftotext's complaint into a typed error.
fn classify_failure(path: &Path, stderr: &[u8], status: std::process::ExitStatus) -> DocError {
    let text = String::from_utf8_lossy(stderr);
    let path = path.to_path_buf();
    if text.contains("Incorrect password") || status.code() == Some(3) {
        return DocError::Encrypted { path };
    }
    if status.code().is_none() {
        // Killed by a signal: the memory ceiling or a crash in poppler.
        return DocError::Damaged {
            path,
            detail: "the PDF reader crashed or ran out of its memory allowance".into(),
        };
    }
    let detail = text
        .lines()
        .filter(|l| l.contains("Error"))
        .take(3)
        .collect::<Vec<_>>()
        .join("; ");
    DocError::Damaged {
        path,
        detail: if detail.is_empty() {
            format!("pdftotext exited with {status}")
        } else {
            detail
        },
    }
}

/// Parses the XHTML of `pdftotext -bbox-layout` into pages of lines of words.
pub fn parse_bbox_xhtml(xml: &str) -> Result<Vec<Page>, String> {
    let mut reader = Reader::from_str(xml);
    let mut pages: Vec<Page> = Vec::new();
    let mut line_words: Vec<Word> = Vec::new();
    let mut word: Option<(BBox, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"page" => pages.push(new_page(&e, pages.len() as u32 + 1)),
                b"line" => line_words.clear(),
                b"word" => word = Some((read_bbox(&e), String::new())),
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some((_, text)) = word.as_mut() {
                    let raw = t.unescape().map_err(|e| e.to_string())?;
                    text.push_str(&raw);
                }
            }
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"word" => {
                    if let Some((bbox, text)) = word.take() {
                        if !text.trim().is_empty() {
                            line_words.push(Word { text, bbox });
                        }
                    }
                }
                b"line" => {
                    if let (Some(page), false) = (pages.last_mut(), line_words.is_empty()) {
                        page.lines
                            .push(Line::from_words(std::mem::take(&mut line_words)));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("unreadable text layer: {e}")),
        }
    }
    Ok(pages)
}

fn new_page(e: &BytesStart<'_>, number: u32) -> Page {
    Page {
        number,
        width: attr_f32(e, b"width"),
        height: attr_f32(e, b"height"),
        lines: Vec::new(),
        method: PageMethod::TextLayer,
        ocr: None,
    }
}

fn read_bbox(e: &BytesStart<'_>) -> BBox {
    // One pass over the attributes (a page has thousands of words).
    let mut bbox = BBox::default();
    for attr in e.attributes().flatten() {
        let value = || -> f32 {
            std::str::from_utf8(&attr.value)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0)
        };
        match attr.key.as_ref() {
            b"xMin" => bbox.x0 = value(),
            b"yMin" => bbox.y0 = value(),
            b"xMax" => bbox.x1 = value(),
            b"yMax" => bbox.y1 = value(),
            _ => {}
        }
    }
    bbox
}

fn attr_f32(e: &BytesStart<'_>, name: &[u8]) -> f32 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pages_lines_words_and_entities() {
        let xml = r#"<html><body><doc>
<page width="595.0" height="842.0"><flow><block><line>
<word xMin="10" yMin="20" xMax="30" yMax="29">A&amp;B</word><word xMin="32" yMin="20" xMax="40" yMax="29">x</word>
</line></block></flow></page>
<page width="595.0" height="842.0"></page></doc></body></html>"#;
        let pages = parse_bbox_xhtml(xml).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].lines.len(), 1);
        assert_eq!(pages[0].lines[0].text(), "A&B x");
        assert_eq!(pages[0].lines[0].bbox.unwrap().x1, 40.0);
        assert!(pages[1].lines.is_empty());
        assert_eq!(pages[1].number, 2);
    }
}
