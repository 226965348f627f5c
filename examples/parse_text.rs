//! Prints the parse of a text file as JSON: `cargo run --example parse_text -- FILE`.
//! The file holds one paragraph per line; lines before a line `@@` are masthead lines.
//! A development aid for reading what the parser makes of a document.

use undoc::model::CleanText;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: parse_text FILE"))?;
    let text = std::fs::read_to_string(&path)?;
    let (masthead, body) = text.split_once("\n@@\n").unwrap_or(("", &text));
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let clean = CleanText {
        masthead: lines(masthead),
        paragraphs: lines(body),
        ..CleanText::default()
    };
    // The first call also compiles the patterns (once per process); time the second.
    let started = std::time::Instant::now();
    let info = undoc::parse::parse_document(&clean);
    let cold = started.elapsed();
    let started = std::time::Instant::now();
    let info_again = undoc::parse::parse_document(&clean);
    let warm = started.elapsed();
    assert_eq!(info, info_again);
    println!("{}", serde_json::to_string_pretty(&info)?);
    eprintln!(
        "{path}: {} paragraphs, {} citations, first parse {:.1} ms, second {:.1} ms",
        info.paragraphs.len(),
        info.citations.len(),
        cold.as_secs_f64() * 1000.0,
        warm.as_secs_f64() * 1000.0
    );
    Ok(())
}
