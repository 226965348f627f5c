//! Country matching speed: `cargo bench --bench countries`.
//!
//! 1. Whole-name lookups over every name of `config/countries/variants.tsv` (the
//!    `undoc countries` path), in names per second.
//! 2. Lookups of OCR-damaged names (the fuzzy path).
//! 3. `find_countries` over the ground-truth texts, against the time `pdftotext` takes to
//!    extract the same documents' text layers — the cheapest step of any ingest run — to
//!    bound what matching adds to an ingest.
//!
//! All times are CPU times (this thread; for pdftotext, the child's user + system time),
//! so that other processes on a shared machine do not distort the figures.

use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

use undoc::countries::{find_countries, CountryTable, Lookup};
use undoc::lang::Lang;

/// CPU time of this thread: the machine is shared, so wall time overstates the cost.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs `f` repeatedly for at least `min` of CPU time; returns the work done and the CPU
/// time used.
fn timed<F: FnMut() -> usize>(min: Duration, mut f: F) -> (usize, Duration) {
    let start = thread_cpu_time();
    let mut n = 0;
    while thread_cpu_time() - start < min {
        n += f();
    }
    (n, thread_cpu_time() - start)
}

/// CPU time (user + system) of the finished child processes.
fn children_cpu_time() -> Duration {
    // SAFETY: an all-zero rusage is valid, and getrusage only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
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
        let children_before = children_cpu_time();
        let ok = Command::new("pdftotext")
            .args([pdf.as_str(), "-"])
            .output()
            .is_ok_and(|o| o.status.success());
        let extract = children_cpu_time() - children_before;
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
