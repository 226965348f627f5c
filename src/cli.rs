//! The command line: argument definitions and the thin shell that calls the library.
//!
//! Exit codes: 0 when every document is ok, 1 when some failed, 2 for usage errors and
//! for runs that could not complete (unwritable output, missing inputs).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::countries;
use crate::input;
use crate::lang::Lang;
use crate::model::{Record, Status};
use crate::output::RecordWriter;
use crate::pipeline::{self, BatchProgress, PipelineOptions};

/// Exit status of a run.
pub const EXIT_OK: i32 = 0;
pub const EXIT_SOME_FAILED: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "undoc",
    version,
    about = "Turns United Nations documents (PDFs, scans, text extractions) into clean JSON records",
    long_about = "undoc reads United Nations documents in bulk (born-digital PDFs, scans and \
text extractions) and writes one clean, structured JSON record per document.\n\n\
Exit codes: 0 all documents ok, 1 some documents failed, 2 usage error or the run \
could not complete."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read documents and write one JSON record per document (JSON Lines).
    Ingest(IngestArgs),
    /// Map country names to ISO 3166-1 alpha-3 codes: prints `iso3<TAB>canonical name`,
    /// or `NONE<TAB>input` for names that are not a State, one line per name.
    Countries(CountriesArgs),
}

#[derive(Debug, Args)]
pub struct CountriesArgs {
    /// Language of the canonical names printed (en, fr, es, ru, zh, ar); input names may
    /// be in any of the six languages.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,

    /// Names to look up; without names, one name per line is read from standard input.
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files and folders to read; folders are walked recursively for .pdf, .txt, .md,
    /// .png, .jpg, .jpeg, .tif and .tiff files (hidden files are skipped).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Where to write the records, one JSON object per line, sorted by path; `-` is
    /// standard output. A file is replaced atomically when the run completes.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// Number of documents processed in parallel (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// No progress bar (it is also hidden when standard error is not a terminal).
    #[arg(short, long)]
    pub quiet: bool,

    /// Time limit for one document, in seconds; a document over it is reported failed.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub doc_timeout: u64,
}

/// Parses the command line and runs it; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => run_ingest(&args),
        Command::Countries(args) => run_countries(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("undoc: error: {error:#}");
            EXIT_ERROR
        }
    }
}

fn run_countries(args: &CountriesArgs) -> anyhow::Result<i32> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    countries::run_countries_command(args.lang, &args.names, &mut stdin.lock(), &mut out)
        .and_then(|()| std::io::Write::flush(&mut out))
        .or_else(ignore_broken_pipe)?;
    Ok(EXIT_OK)
}

/// A closed pipe downstream (`| head`) ends the output quietly.
fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

fn run_ingest(args: &IngestArgs) -> anyhow::Result<i32> {
    let start = Instant::now();
    let inputs = input::discover(&args.paths)?;
    let jobs = args.jobs.unwrap_or_else(default_jobs);
    let opts = PipelineOptions {
        doc_timeout: Duration::from_secs(args.doc_timeout.max(1)),
        ..PipelineOptions::default()
    };
    let progress = BatchProgress::default();
    let bar = progress_bar(inputs.len(), args.quiet);
    let mut writer = RecordWriter::create(&args.output)?;
    let mut tally = Tally::default();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let ticker = scope.spawn(|| tick(&bar, &progress, start));
        let result = pipeline::run_batch(&inputs, &opts, jobs, &progress, |record| {
            tally.add(&record);
            if record.status == Status::Failed {
                if let Some(e) = &record.error {
                    bar.suspend(|| eprintln!("undoc: failed: {}", e.message));
                }
            }
            writer.write(&record)
        });
        bar.finish_and_clear();
        let _ = ticker.join();
        result.map_err(|e| anyhow::anyhow!("{}: cannot write records: {e}", args.output.display()))
    })?;
    writer
        .finish()
        .map_err(|e| anyhow::anyhow!("{}: cannot write records: {e}", args.output.display()))?;
    eprintln!(
        "undoc: {} documents: {} ok, {} failed; {} pages; {:.1} s",
        tally.ok + tally.failed,
        tally.ok,
        tally.failed,
        tally.pages,
        start.elapsed().as_secs_f64()
    );
    Ok(if tally.failed > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    })
}

#[derive(Default)]
struct Tally {
    ok: usize,
    failed: usize,
    pages: usize,
}

impl Tally {
    fn add(&mut self, record: &Record) {
        match record.status {
            Status::Ok => self.ok += 1,
            Status::Failed => self.failed += 1,
        }
        self.pages += record.pages.len();
    }
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn progress_bar(documents: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(documents as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(documents as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} documents, {msg} (ETA {eta})",
        )
        .expect("progress template"),
    );
    bar
}

/// Updates the bar until every document is done.
fn tick(bar: &ProgressBar, progress: &BatchProgress, start: Instant) {
    loop {
        let docs = progress.documents.load(Ordering::Relaxed);
        let pages = progress.pages.load(Ordering::Relaxed);
        let rate = pages as f64 / start.elapsed().as_secs_f64().max(1e-3);
        bar.set_position(docs as u64);
        bar.set_message(format!("{pages} pages, {rate:.1} pages/s"));
        if bar.is_finished() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
