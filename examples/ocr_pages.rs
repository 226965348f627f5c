//! Development and benchmark driver for the OCR stage: OCRs pages of PDFs (or image
//! files) in parallel, one Tesseract engine per rayon worker, and prints pages/s.
//!
//! ```text
//! cargo run --release --example ocr_pages -- [--threads 2] [--lang fra+eng] [--dpi 300]
//!     [--no-prep | --bin otsu|adaptive-otsu|sauvola --prep none|background|clean|contrast|sauvola|sauvola-soft] [--out DIR] [--compare BORN_DIGITAL.pdf] FILE.pdf|IMAGE [PAGES]
//! ```
//! `PAGES` is `all` (default) or `first-last`. `--compare` prints each page's CER against
//! `pdftotext` of the same page of the born-digital PDF (how `tests/data/ocr-baseline`
//! scores Tesseract's pages).

#[path = "../tests/common/cer.rs"]
mod cer;

use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;
use undoc::extract::ocr::{self, OcrOptions};
use undoc::extract::{image_input, image_prep, render, textlayer};
use undoc::Limits;

fn main() {
    ocr::ensure_omp_thread_limit();
    let mut args = std::env::args().skip(1);
    let mut threads = 2usize;
    let mut opts = OcrOptions::default();
    let mut out: Option<PathBuf> = None;
    let mut compare: Option<PathBuf> = None;
    let mut prep: Option<image_prep::Preparation> = None;
    let mut bin = ocr::Binarization::Otsu;
    let mut positional = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => threads = args.next().unwrap().parse().unwrap(),
            "--lang" => opts.languages = args.next().unwrap(),
            "--dpi" => opts.dpi = args.next().unwrap().parse().unwrap(),
            "--no-prep" => opts.prepare = false,
            "--bin" => bin = args.next().unwrap().parse().unwrap(),
            "--prep" => prep = Some(args.next().unwrap().parse().unwrap()),
            "--out" => out = Some(args.next().unwrap().into()),
            "--compare" => compare = Some(args.next().unwrap().into()),
            _ => positional.push(a),
        }
    }
    let file = PathBuf::from(&positional[0]);
    let is_pdf = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let count = if is_pdf {
        textlayer::read_text_layer(&file, Limits::default(), 0)
            .unwrap()
            .pages
            .len() as u32
    } else {
        image_input::frame_count(&file).unwrap()
    };
    let (first, last) = match positional.get(1).map(String::as_str) {
        None | Some("all") => (1, count),
        Some(r) => {
            let (a, b) = r.split_once('-').unwrap_or((r, r));
            (a.parse().unwrap(), b.parse().unwrap())
        }
    };
    ocr::check_languages(&opts.languages).unwrap();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let start = Instant::now();
    let pages: Vec<_> = pool.install(|| {
        (first..=last)
            .into_par_iter()
            .map(|n| {
                let page = if let (true, Some(how)) = (is_pdf, prep) {
                    let img = render::render_page_gray(&file, n, opts.dpi).unwrap();
                    let img = image_prep::apply(img, how);
                    ocr::ocr_gray(&img, &opts.languages, bin).map(|r| {
                        ocr::page_from_ocr(n, &img, r, 72.0 / opts.dpi as f32, &opts.languages)
                    })
                } else if is_pdf {
                    ocr::ocr_pdf_page(&file, n, &opts)
                } else {
                    ocr::ocr_image_frame(&file, n - 1, &opts).map(|(page, _)| page)
                };
                page.map_err(|e| format!("page {n}: {e}"))
            })
            .collect()
    });
    let secs = start.elapsed().as_secs_f64();
    let n_pages = last - first + 1;
    let mut total_err = 0.0;
    for page in &pages {
        let page = match page {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let text: String = page.lines.iter().map(|l| l.text() + "\n").collect();
        let conf = page.ocr.as_ref().map(|o| o.confidence).unwrap_or(0.0);
        let mut line = format!("page {} conf {conf:.0} chars {}", page.number, page.chars());
        if let Some(reference) = &compare {
            let o = std::process::Command::new("pdftotext")
                .args([
                    "-f",
                    &page.number.to_string(),
                    "-l",
                    &page.number.to_string(),
                ])
                .arg(reference)
                .arg("-")
                .output()
                .unwrap();
            let truth = String::from_utf8_lossy(&o.stdout);
            let c = cer::cer(&text, &truth);
            total_err += c;
            line += &format!(" cer {:.2} %", c * 100.0);
        }
        println!("{line}");
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("page-{:04}.txt", page.number)), text).unwrap();
        }
    }
    if compare.is_some() {
        println!("mean page cer {:.2} %", total_err / n_pages as f64 * 100.0);
    }
    println!(
        "{n_pages} pages in {secs:.2} s: {:.3} pages/s ({threads} threads, {}, prep {}, {:?})",
        n_pages as f64 / secs,
        opts.languages,
        opts.prepare,
        prep.map(|_| bin)
    );
}
