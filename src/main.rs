//! `undoc`: the command-line entry point. Everything happens in the library; see
//! `cli` for the commands and `pipeline` for the stages.

fn main() {
    // Tesseract's OpenMP threads off, before the library is loaded: rayon's workers are
    // the only parallelism (re-executes once with OMP_THREAD_LIMIT=1 when unset).
    undoc::extract::ocr::ensure_omp_thread_limit();
    std::process::exit(undoc::main());
}
