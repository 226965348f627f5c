//! Prints, for every page of PDFs, the text layer's main script, the language of that
//! script whose lexicon knows most of its words, and that share (what the OCR decision's
//! language check measures), then the document's share over all its pages.
//!
//! `cargo run --example page_languages -- FILE.pdf...` (with `UNKNOWN=1`, also the
//! words of each page the lexicon does not know)

use std::path::Path;

use undoc::extract::lexicon_check::{page_language, token_known};
use undoc::extract::textlayer::read_text_layer;
use undoc::repair::lexicon::lexicon;
use undoc::Limits;

fn main() {
    for arg in std::env::args().skip(1) {
        let layer = match read_text_layer(Path::new(&arg), Limits::default(), 0) {
            Ok(layer) => layer,
            Err(e) => {
                eprintln!("{arg}: {e}");
                continue;
            }
        };
        let (mut known, mut counted) = (0, 0);
        for page in &layer.pages {
            let text: String = page.lines.iter().map(|l| l.text() + "\n").collect();
            match page_language(&text, 1.0) {
                Some(p) => {
                    known += p.best.known;
                    counted += p.best.counted;
                    println!(
                        "{arg}\t{}\t{:?}\t{}\t{:.3}\t{}",
                        page.number,
                        p.script,
                        p.best.lang,
                        p.best.share(),
                        p.best.counted
                    );
                }
                None => println!("{arg}\t{}\t-", page.number),
            }
            if let (Ok(_), Some(p)) = (std::env::var("UNKNOWN"), page_language(&text, 1.0)) {
                let lex = lexicon(p.best.lang);
                let mut norm = String::new();
                let unknown: Vec<&str> = text
                    .split_whitespace()
                    .filter(|t| token_known(lex, p.best.lang, t, &mut norm) == Some(false))
                    .collect();
                println!("  unknown: {}", unknown.join(" "));
            }
        }
        println!(
            "{arg}\tall\t\t\t{:.3}\t{counted}",
            known as f32 / counted.max(1) as f32
        );
    }
}
