//! Prints the `--ocr auto` decision for every page of PDFs, with the measures behind it
//! (text layer read with `pdftotext`, one line per text line).
//!
//! `cargo run --example ocr_decide -- FILE.pdf...`

use std::path::Path;
use undoc::extract::decide;
use undoc::model::{BBox, Line, Page, PageMethod, Word};

fn text_layer_page(pdf: &Path, n: u32) -> Page {
    let out = std::process::Command::new("pdftotext")
        .args(["-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            Line::from_words(
                l.split_whitespace()
                    .map(|w| Word {
                        text: w.to_string(),
                        bbox: BBox::default(),
                    })
                    .collect(),
            )
        })
        .collect();
    Page {
        number: n,
        width: 0.0,
        height: 0.0,
        lines,
        method: PageMethod::TextLayer,
        ocr: None,
        blank: false,
    }
}

fn main() {
    for arg in std::env::args().skip(1) {
        let pdf = Path::new(&arg);
        let infos = decide::inspect_pdf(pdf).unwrap();
        for (i, info) in infos.iter().enumerate() {
            let n = i as u32 + 1;
            let page = text_layer_page(pdf, n);
            let text: String = page.lines.iter().map(|l| l.text() + "\n").collect();
            let mut ink = None;
            let reason = decide::needs_ocr(&page, info, || {
                ink = decide::ink_share(pdf, n).ok();
                ink
            });
            println!(
                "{} p{n}: chars {} non-words {:.1} % unmapped {:.1} % covering-image {} ink {} -> {}",
                pdf.file_name().unwrap().to_string_lossy(),
                page.chars(),
                decide::non_word_share(&text) * 100.0,
                decide::unmapped_share(&text) * 100.0,
                info.covering_image,
                ink.map(|s| format!("{:.3}", s)).unwrap_or("-".into()),
                reason.map(|r| r.to_string()).unwrap_or("text layer".into())
            );
        }
    }
}
