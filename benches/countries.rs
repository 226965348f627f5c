//! Country matching speed: `cargo bench --bench countries`.
//!
//! 1. Whole-name lookups over every name of `config/countries/variants.tsv` (the
//!    `undoc countries` path), in names per second.
//! 2. Lookups of OCR-damaged names (the fuzzy path).
//! 3. `find_countries` over the ground-truth texts, against the time `pdftotext` takes to
//!    extract the same documents' text layers — the cheapest step of any ingest run — to
//!    bound what matching adds to an ingest.

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use undoc::countries::{find_countries, CountryTable, Lookup};
use undoc::lang::Lang;

fn timed<F: FnMut() -> usize>(min: Duration, mut f: F) -> (usize, Duration) {
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < min {
        n += f();
    }
    (n, start.elapsed())
}

fn main() {
    let table = CountryTable::builtin();
    let names: Vec<String> = table.variants().iter().map(|v| v.text.clone()).collect();
    // Warm up (builds the table).
    let found = names
        .iter()
        .filter(|n| matches!(table.lookup(n), Lookup::Country(_)))
        .count();
    assert_eq!(found, names.len());

    let (n, t) = timed(Duration::from_secs(3), || {
        for name in &names {
            black_box(table.lookup(black_box(name)));
        }
        names.len()
    });
    println!(
        "lookup, {} variants: {:.2} M names/s ({:.0} ns/name)",
        names.len(),
        n as f64 / t.as_secs_f64() / 1e6,
        t.as_nanos() as f64 / n as f64
    );

    let damaged = [
        "Suéde",
        "Gréce",
        "Norvege",
        "ltalie",
        "Babrein",
        "Thaflande",
        "Nicar~gua",
        "Zambic",
        "Atlantide",
        "GuinéeBissau",
        "Republique dernocratique du Congo",
        "Israél",
    ];
    let (n, t) = timed(Duration::from_secs(2), || {
        for name in &damaged {
            black_box(table.lookup(black_box(name)));
        }
        damaged.len()
    });
    println!(
        "lookup, damaged or unknown names: {:.0} names/s ({:.1} µs/name)",
        n as f64 / t.as_secs_f64(),
        t.as_secs_f64() * 1e6 / n as f64
    );

    let mut text_bytes = 0usize;
    let mut match_time = Duration::ZERO;
    let mut extract_time = Duration::ZERO;
    for id in ["000", "001", "003", "004"] {
        let text = std::fs::read_to_string(format!("tests/data/truth/{id}.gt.txt")).unwrap();
        let (runs, t) = timed(Duration::from_millis(500), || {
            black_box(find_countries(black_box(&text), Lang::Fr));
            1
        });
        let per_doc = t / runs as u32;
        text_bytes += text.len();
        match_time += per_doc;
        let pdf = format!("corpus/synthetic/{id}.born-digital.pdf");
        let start = Instant::now();
        let ok = Command::new("pdftotext")
            .args([pdf.as_str(), "-"])
            .output()
            .is_ok_and(|o| o.status.success());
        let extract = start.elapsed();
        if ok {
            extract_time += extract;
        }
        println!(
            "find_countries {id}: {} bytes, {} mentions, {:.0} µs; pdftotext {}",
            text.len(),
            find_countries(&text, Lang::Fr).len(),
            per_doc.as_secs_f64() * 1e6,
            if ok {
                format!("{:.0} µs", extract.as_secs_f64() * 1e6)
            } else {
                "not available".to_string()
            }
        );
    }
    println!(
        "find_countries: {:.1} MB/s; {:.0} µs for the 4 documents",
        text_bytes as f64 / match_time.as_secs_f64() / 1e6,
        match_time.as_secs_f64() * 1e6
    );
    if !extract_time.is_zero() {
        println!(
            "matching / pdftotext text extraction of the same documents: {:.2} %",
            100.0 * match_time.as_secs_f64() / extract_time.as_secs_f64()
        );
    }
}
