//! Repair speed on French text, one thread: `cargo bench --bench repair`.
//!
//! Input: the French ground-truth texts (correct text: the common case, which the fast
//! path must skip quickly) and the English-model OCR baselines (text full of repairs),
//! each repeated to about 4 MB. Reports MB/s per core from the thread's CPU time, best
//! of 15 runs (the machine is shared with other builds); the lexicon load (once per
//! process) is timed apart.

use std::fs;
use std::path::Path;
use std::time::Instant;

use undoc::lang::Lang;
use undoc::repair::repair_text;

fn load(dir: &Path, suffix: &str) -> String {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn repeat_to(text: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + text.len());
    while out.len() < bytes {
        out.push_str(text);
        out.push_str("\n\n");
    }
    out
}

/// CPU time of this thread, in seconds (the machine is shared: wall time would count
/// other processes' turns on the core).
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

fn bench(name: &str, text: &str) {
    let (mut best_cpu, mut best_wall) = (f64::MAX, f64::MAX);
    let mut changes = 0;
    for _ in 0..15 {
        let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
        let r = repair_text(text, Lang::Fr);
        best_cpu = best_cpu.min(thread_cpu_seconds() - cpu);
        best_wall = best_wall.min(wall.elapsed().as_secs_f64());
        changes = r.changes.len();
    }
    let mb = text.len() as f64 / 1e6;
    println!(
        "{name}: {mb:.1} MB, {best_cpu:.3} s CPU = {:.1} MB/s per core ({:.1} MB/s wall clock; {changes} changes)",
        mb / best_cpu,
        mb / best_wall
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let t = Instant::now();
    repair_text("Les Etats", Lang::Fr);
    println!(
        "lexicon load (once per process): {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let truth = load(&root.join("tests/data/truth"), ".gt.txt");
    let ocr = load(&root.join("tests/data/ocr-baseline"), ".tesseract-eng.txt");
    bench(
        "French ground truth (correct text)",
        &repeat_to(&truth, 4_000_000),
    );
    if std::env::var_os("REPAIR_BENCH_TRUTH_ONLY").is_none() {
        bench("French English-model OCR", &repeat_to(&ocr, 4_000_000));
    }
}
