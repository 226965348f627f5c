//! Prints what the parsers read a document's metadata from: the masthead lines, the first
//! paragraphs, and the metadata read from them, to see why a field is wrong.
//!
//! `cargo run --example front_dump -- FILE.pdf [PARAGRAPHS]`

use undoc::extract::{self, ExtractOptions};
use undoc::{format_by_extension, InputFile};

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let path = std::path::PathBuf::from(&a[0]);
    let count: usize = a.get(1).map_or(8, |n| n.parse().expect("paragraph count"));
    let input = InputFile {
        format: format_by_extension(&path).expect("a known extension"),
        path,
    };
    let bytes = std::fs::read(&input.path).expect("readable file");
    let mut warnings = Vec::new();
    let extracted = extract::document(&input, &bytes, &ExtractOptions::default(), &mut warnings)
        .expect("extraction");
    let clean = undoc::clean::pages(&extracted.pages);
    for l in &clean.masthead {
        println!("M | {l}");
    }
    for p in clean.paragraphs.iter().take(count) {
        let role = undoc::parse::classify_line(&undoc::parse::plain_line(p));
        println!("P | {} | {role:?}", p.chars().take(100).collect::<String>());
    }
    let meta = undoc::parse::document(&clean);
    println!(
        "symbol {:?} date {:?} organ {:?} session {:?} agenda {:?} lang {:?}/{:?}\ntitle {:?}",
        meta.symbol,
        meta.date,
        meta.organ,
        meta.session,
        meta.agenda_items,
        meta.language,
        meta.document_language,
        meta.title
    );
}
