//! The command line: argument definitions and the thin shell that calls the library.
//!
//! Exit codes: 0 when every document is ok, 1 when some failed, 2 for usage errors and
//! for runs that could not complete (unwritable output, missing inputs).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::countries;
use crate::emit::OutputTarget;
use crate::export;
use crate::extract::decide::OcrMode;
use crate::extract::ocr::{self, OcrOptions};
use crate::extract::{self, ExtractOptions};
use crate::input;
use crate::lang::Lang;
use crate::merge::{self, MergeArgs};
use crate::pipeline::{self, PipelineOptions};
use crate::refresh::StateArgs;
use crate::repair::{self, RepairMode};
use crate::run::{self, RunError};
use crate::summary::RunSummary;

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
    /// Read documents and write one JSON record per document (JSON Lines). With a file
    /// output, runs are incremental: a state store next to the output remembers what was
    /// done, so a rerun only processes new and changed files (docs/refresh.md).
    Ingest(IngestArgs),
    /// Join the outputs of `undoc ingest --shard K/N` runs into one output, identical to
    /// the output of a single run over all the inputs.
    Merge(MergeArgs),
    /// Map country names to ISO 3166-1 alpha-3 codes: prints `iso3<TAB>canonical name`,
    /// or `NONE<TAB>input` for names that are not a State, one line per name.
    Countries(CountriesArgs),
    /// Repair OCR artifacts in French or English text: reads a file (or standard input)
    /// and writes the repaired text to standard output.
    Repair(RepairArgs),
    /// Write records in other formats: `undoc export markdown RECORDS.jsonl -o DIR`.
    Export(ExportArgs),
    /// Write the votes of a records file as CSV in the layout of the UN Digital
    /// Library's voting data: one row per (vote, State), `ms_vote` Y, N, A, or X for a
    /// Member State present in no list (docs/votes.md).
    Votes(VotesArgs),
}

#[derive(Debug, Args)]
pub struct VotesArgs {
    /// Records to read (an `undoc ingest` output, JSON Lines); `-` is standard input.
    #[arg(value_name = "RECORDS")]
    pub records: PathBuf,

    /// Where to write the CSV; `-` is standard output. A file is replaced atomically
    /// when all is written.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// Do not print the warnings (votes without X rows, States in two lists, …).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub format: ExportFormat,
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// One Markdown file per record (CommonMark + GFM, YAML front matter), named from
    /// the symbol and language (`A_RES_77_36.fr.md`), else from the source file name.
    /// Failed records get no file. Files whose content is unchanged are not rewritten.
    Markdown(MarkdownArgs),
}

#[derive(Debug, Args)]
pub struct MarkdownArgs {
    /// Records to export (an `undoc ingest` output, JSON Lines); `-` is standard input.
    #[arg(value_name = "RECORDS")]
    pub records: PathBuf,

    /// Folder to write the Markdown files to (created if needed).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
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

fn parse_ocr_mode(s: &str) -> Result<OcrMode, String> {
    s.parse()
}

fn parse_repair_mode(s: &str) -> Result<RepairMode, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct RepairArgs {
    /// Language of the text (fr, en, es; ru: Latin/Cyrillic look-alikes only; zh and ar
    /// are passed through unchanged).
    #[arg(long, default_value = "fr", value_parser = parse_lang)]
    pub lang: Lang,

    /// Also list every change on standard error, one JSON object per line: page (from
    /// form feeds, else null), byte offset in the input, before, after, kind.
    #[arg(long)]
    pub audit: bool,

    /// Text file to repair (default: standard input). The repaired text goes to
    /// standard output.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
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
    /// Each OCRed page adds `--ocr-page-timeout` to it.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub doc_timeout: u64,

    /// A PDF with more pages than this fails (`too-many-pages`) without being read;
    /// 0 for no limit.
    #[arg(long, value_name = "PAGES", default_value_t = extract::DEFAULT_MAX_PAGES)]
    pub max_pages: u32,

    /// Time added to a document's limit for each page that is OCRed, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub ocr_page_timeout: u64,

    /// Repair OCR artifacts (lost accents, `I’`→`l’`, `1°°`→`1er`, …): `auto` repairs
    /// text undoc OCRed and text layers or text inputs that look like OCR output;
    /// `always`; `never`.
    #[arg(long, value_name = "WHEN", default_value = "auto", value_parser = parse_repair_mode)]
    pub repair: RepairMode,

    /// When to OCR a PDF page: `auto` when it has no text layer or an unusable one (too
    /// few characters for its ink, unmapped glyphs, mostly non-words, few words of any
    /// language of its script, a poor old OCR layer over a scan); `always`; `never`.
    /// Images are always OCRed.
    #[arg(long, value_name = "WHEN", default_value = "auto", value_parser = parse_ocr_mode)]
    pub ocr: OcrMode,

    /// Tesseract languages for OCR: `auto` chooses them page by page (from the page's
    /// or the document's text, the file name's language suffix, or the script Tesseract
    /// sees on the page; config/ocr/models.tsv); or Tesseract models joined with `+`,
    /// which every OCRed page then gets (any installed traineddata: `fra`, `eng`,
    /// `fra+eng`, `spa`, `rus`, `chi_sim`, `ara` …; `ru`, `zh`, `fr+en` are accepted).
    #[arg(long, value_name = "LANGS", default_value = ocr::DEFAULT_LANGUAGES, value_parser = parse_ocr_languages)]
    pub lang: String,

    /// Resolution at which PDF pages are rendered for OCR.
    #[arg(long, value_name = "DPI", default_value_t = ocr::DEFAULT_DPI, value_parser = clap::value_parser!(u32).range(72..=600))]
    pub ocr_dpi: u32,

    /// Also write every record as Markdown into DIR, one `.md` per document (as
    /// `undoc export markdown`).
    #[arg(long, value_name = "DIR")]
    pub markdown: Option<PathBuf>,

    #[command(flatten)]
    pub state: StateArgs,
}

/// Parses the command line and runs it; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => run_ingest(&args),
        Command::Merge(args) => run_merge(&args),
        Command::Countries(args) => run_countries(&args),
        Command::Repair(args) => run_repair(&args),
        Command::Export(args) => run_export(&args),
        Command::Votes(args) => run_votes(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("undoc: error: {error:#}");
            EXIT_ERROR
        }
    }
}

fn run_repair(args: &RepairArgs) -> anyhow::Result<i32> {
    let mut input: Box<dyn std::io::Read> = match &args.file {
        Some(path) => Box::new(
            std::fs::File::open(path)
                .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?,
        ),
        None => Box::new(std::io::stdin()),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut audit = std::io::BufWriter::new(std::io::stderr().lock());
    let mut sink = std::io::sink();
    let audit_out: &mut dyn std::io::Write = if args.audit { &mut audit } else { &mut sink };
    repair::run_repair_command(args.lang, args.audit, &mut input, &mut out, audit_out)
        .and_then(|()| std::io::Write::flush(&mut out))
        .or_else(ignore_broken_pipe)
        .map_err(|e| {
            let name = args
                .file
                .as_ref()
                .map_or("standard input".into(), |p| p.display().to_string());
            anyhow::anyhow!("{name}: {e}")
        })?;
    Ok(EXIT_OK)
}

fn run_export(args: &ExportArgs) -> anyhow::Result<i32> {
    match &args.format {
        ExportFormat::Markdown(md) => {
            let stats = export::export_records_file(&md.records, &md.output)?;
            eprintln!("{}", stats.one_line(&md.output));
        }
    }
    Ok(EXIT_OK)
}

fn run_votes(args: &VotesArgs) -> anyhow::Result<i32> {
    let stats = export::export_votes_file(&args.records, &args.output)?;
    if !args.quiet {
        for w in &stats.warnings {
            eprintln!("undoc: warning: {w}");
        }
    }
    eprintln!("{}", stats.one_line(&args.output));
    Ok(EXIT_OK)
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

fn parse_ocr_languages(s: &str) -> Result<String, String> {
    Ok(ocr::normalize_languages(s))
}

fn run_ingest(args: &IngestArgs) -> anyhow::Result<i32> {
    // A wrong --lang fails once, clearly, before any document is read.
    ocr::check_languages(&args.lang).map_err(|e| anyhow::anyhow!("--lang {}: {e}", args.lang))?;
    if args.lang == ocr::DEFAULT_LANGUAGES {
        let missing = ocr::missing_auto_models();
        if !missing.is_empty() {
            eprintln!(
                "undoc: warning: --lang auto: Tesseract models not installed: {} (scripts/setup.sh installs them); pages that need them are read with the others",
                missing.join(", ")
            );
        }
    }
    let output = OutputTarget::from_arg(&args.output);
    // A file output (or `--state`) runs incrementally, committed record by record to the
    // state store; `-o -` streams every record as soon as those before it are done.
    if args.state.changes.is_some() && args.state.state_path(&output).is_none() {
        return Err(RunError::ChangesNeedState.into());
    }
    let inputs = input::discover(&args.paths)?;
    let jobs = args.jobs.unwrap_or_else(default_jobs);
    let opts = pipeline_options(args);
    let mut run = args
        .state
        .options(inputs, output, &config_description(&opts), jobs);
    run.progress = !args.quiet && std::io::stderr().is_terminal();
    run.markdown = args.markdown.clone();
    let summary = run::run(&run, |input| pipeline::process_file(input, &opts))?;
    eprintln!("{}", summary.one_line());
    Ok(exit_code(&summary))
}

fn run_merge(args: &MergeArgs) -> anyhow::Result<i32> {
    let stats = merge::run_merge(args)?;
    eprintln!(
        "undoc: merged {} records from {} shard outputs",
        stats.records, stats.inputs
    );
    Ok(EXIT_OK)
}

fn pipeline_options(args: &IngestArgs) -> PipelineOptions {
    PipelineOptions {
        extract: ExtractOptions {
            doc_timeout: Duration::from_secs(args.doc_timeout.max(1)),
            ocr_page_timeout: Duration::from_secs(args.ocr_page_timeout),
            max_pages: args.max_pages,
            ocr_mode: args.ocr,
            ocr: OcrOptions {
                languages: args.lang.clone(),
                dpi: args.ocr_dpi,
                ..OcrOptions::default()
            },
            ..ExtractOptions::default()
        },
        repair: args.repair,
    }
}

/// What of the options changes records, for the state's config hash (a change makes the
/// next run reprocess everything). Resource limits are left out: they decide whether a
/// document fails, not what a record says, and `--retry-failed` reruns failures. The
/// destructuring makes a new option a compile error here until it is classified.
fn config_description(opts: &PipelineOptions) -> String {
    let PipelineOptions { extract, repair } = opts;
    let ExtractOptions {
        doc_timeout: _,
        ocr_page_timeout: _,
        memory_limit: _,
        max_pages: _,
        ocr_mode,
        ocr,
    } = extract;
    format!(
        "pipeline options {}; repair {repair}; ocr {ocr_mode} {} {} dpi prepare {}",
        crate::versions::OPTIONS_REVISION,
        ocr.languages,
        ocr.dpi,
        ocr.prepare
    )
}

/// 1 when documents handled in this run failed (failures carried over unchanged from
/// earlier runs do not count again), else 0.
fn exit_code(summary: &RunSummary) -> i32 {
    if summary.failed > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
