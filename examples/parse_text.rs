//! Prints the parse of a document as JSON: `cargo run --example parse_text -- FILE`.
//! A `.pdf` goes through the pipeline's text layer and cleaning stages; a `.txt` is read
//! as the pipeline reads text inputs. A development aid for reading what the parser
//! makes of a document, and for timing it (the second parse of the same text is timed,
//! as the first also compiles the patterns).

use std::path::Path;
use std::time::Duration;

use undoc::extract::{text_input, textlayer};
use undoc::Limits;

fn main() -> anyhow::Result<()> {
    let arg = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: parse_text FILE"))?;
    let path = Path::new(&arg);
    let pages = if arg.ends_with(".pdf") {
        let limits = Limits {
            timeout: Duration::from_secs(60),
            memory_bytes: 4 << 30,
        };
        textlayer::read_text_layer(path, limits, 0)?.pages
    } else {
        text_input::read_text_input(path, &std::fs::read(path)?)?
    };
    let clean = undoc::clean::pages(&pages);
    if std::env::var_os("SHOW_CLEAN").is_some() {
        eprintln!("masthead: {:#?}", clean.masthead);
        eprintln!(
            "first paragraphs: {:#?}",
            &clean.paragraphs[..clean.paragraphs.len().min(15)]
        );
        eprintln!(
            "running: {:?}",
            &clean.running[..clean.running.len().min(10)]
        );
    }
    let started = std::time::Instant::now();
    let info = undoc::parse::document(&clean);
    let cold = started.elapsed();
    let started = std::time::Instant::now();
    let again = undoc::parse::document(&clean);
    let warm = started.elapsed();
    assert_eq!(info, again);
    println!("{}", serde_json::to_string_pretty(&info)?);
    eprintln!(
        "{arg}: {} paragraphs, {} citations, first parse {:.1} ms, second {:.1} ms",
        info.paragraphs.len(),
        info.citations.len(),
        cold.as_secs_f64() * 1000.0,
        warm.as_secs_f64() * 1000.0
    );
    Ok(())
}
