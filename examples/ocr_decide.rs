//! Prints the `--ocr auto` decision for every page of PDFs, with the measures behind it,
//! on the text layer and page facts undoc itself reads (before font repair).
//!
//! `cargo run --example ocr_decide -- FILE.pdf...`

use std::path::Path;
use undoc::extract::decide;
use undoc::extract::textlayer::read_text_layer;
use undoc::Limits;

fn main() {
    for arg in std::env::args().skip(1) {
        let pdf = Path::new(&arg);
        let layer = match read_text_layer(pdf, Limits::default(), 0) {
            Ok(layer) => layer,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let infos = decide::page_facts(&layer);
        for (page, info) in layer.pages.iter().zip(&infos) {
            let text: String = page.lines.iter().map(|l| l.text() + "\n").collect();
            let mut ink = None;
            let reason = decide::needs_ocr(page, info, || {
                ink = decide::ink_share(pdf, page.number).ok();
                ink
            });
            println!(
                "{} p{}: chars {} non-words {:.1} % unmapped {:.1} % covering-image {} ink {} -> {}",
                pdf.file_name().unwrap_or_default().to_string_lossy(),
                page.number,
                page.chars(),
                decide::non_word_share(&text) * 100.0,
                decide::unmapped_share(&text) * 100.0,
                info.covering_image,
                ink.map(|s| format!("{s:.3}")).unwrap_or("-".into()),
                reason.map(|r| r.to_string()).unwrap_or("text layer".into())
            );
        }
    }
}
