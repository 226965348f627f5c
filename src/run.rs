//! One run of `undoc ingest`: the documents of the run on one worker pool, with one
//! progress bar and one summary, whatever the output. Only where the records go
//! differs, behind [`Sink`]:
//!
//! - without a state (`-o -`, a device or pipe such as `-o /dev/null`, or a library
//!   caller that passes no state), [`StreamSink`] writes each record as soon as the
//!   records before it are done, in input order (a file output atomically, at the end);
//! - with a state (every `-o FILE`), `refresh` plans what to do and its sink commits each
//!   record to the state store as soon as it is done (crash-safe: a SIGKILL loses only
//!   the documents in flight); the output, the Markdown folder and the changes feed are
//!   then written from the state.
//!
//! [`run`] is the entry point; [`process_all`] is the loop both use.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::emit::{self, AtomicWriter, EmitError, OutputTarget};
use crate::export::{ExportError, MarkdownDir};
use crate::input::InputFile;
use crate::model::{Record, Status};
use crate::refresh;
use crate::shard::Shard;
use crate::state::{RunSettings, StateError};
use crate::summary::RunSummary;

/// Everything a run needs besides the per-document function.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Input files (already found and classified). Without a state, records come out in
    /// this order; with one, in path byte order.
    pub inputs: Vec<InputFile>,
    /// Where the records go.
    pub output: OutputTarget,
    /// The state store of incremental runs; `None`: every document is processed and
    /// its record streamed to the output in input order, and nothing is remembered.
    pub state: Option<PathBuf>,
    /// What the records depend on (pipeline version, options hash), stored with each.
    pub settings: RunSettings,
    /// This run's slice of the inputs (`--shard K/N`).
    pub shard: Shard,
    /// Worker threads for processing.
    pub jobs: usize,
    /// Write the summary as JSON here.
    pub summary: Option<PathBuf>,
    /// Show a progress bar on stderr (the caller decides whether stderr is a terminal).
    pub progress: bool,
    /// Print `undoc: failed: <message>` on stderr for each document that fails.
    pub report_failures: bool,
    /// Also write every record of the output as Markdown into this folder.
    pub markdown: Option<PathBuf>,
    /// Also write what this run changed in the output (the changes feed) to this file;
    /// needs a state.
    pub changes: Option<PathBuf>,
}

/// Why a run stopped. Documents never stop a run (they get failed records).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The state store failed.
    #[error(transparent)]
    State(#[from] StateError),
    /// The output could not be written.
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// A Markdown export (`--markdown DIR`) failed.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A record could not be written to a streamed output (`output` as given).
    #[error("{}: cannot write records: {detail}", output.display())]
    Write {
        /// The output.
        output: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// The worker pool could not start.
    #[error("cannot start {jobs} worker threads: {detail}")]
    Threads {
        /// Threads asked for.
        jobs: usize,
        /// What the system said.
        detail: String,
    },
    /// `--changes` without a state store.
    #[error("--changes needs the state of incremental runs, to know what the previous output held: write to a file (-o FILE) or pass --state")]
    ChangesNeedState,
}

/// Runs `process` over the inputs of `opts` and writes the output: incrementally
/// through the state store when `opts.state` is set, else streamed. Writes the
/// `--summary` file and returns the summary. `process` turns one file into its record
/// and must not panic or hang (the pipeline's `process_file` catches panics and bounds
/// the time).
pub fn run<P>(opts: &RunOptions, process: P) -> Result<RunSummary, RunError>
where
    P: Fn(&InputFile) -> Record + Sync,
{
    let started = Instant::now();
    let mut summary = match &opts.state {
        Some(state) => refresh::run_incremental(opts, state, &process, started)?,
        None => stream(opts, &process, started)?,
    };
    summary.seconds = seconds_since(started);
    if let Some(path) = &opts.summary {
        emit::write_summary_json(path, &summary)?;
    }
    Ok(summary)
}

/// Milliseconds-rounded seconds since `started`, as the summary gives them.
pub fn seconds_since(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0
}

/// A run without a state: every input of the shard is processed and streamed.
fn stream<P>(opts: &RunOptions, process: &P, started: Instant) -> Result<RunSummary, RunError>
where
    P: Fn(&InputFile) -> Record + Sync,
{
    if opts.changes.is_some() {
        return Err(RunError::ChangesNeedState);
    }
    let inputs = match opts.shard {
        Shard::ALL => opts.inputs.clone(),
        shard => refresh::select_shard(opts.inputs.clone(), shard),
    };
    let mut sink = StreamSink::create(&opts.output, opts.markdown.as_deref())?;
    let mut summary = RunSummary {
        new: inputs.len(),
        processed: inputs.len(),
        records: inputs.len(),
        shard: opts.shard.to_string(),
        ..RunSummary::default()
    };
    let work = |input: &InputFile| Ok(process(input));
    process_all(
        &inputs,
        &opts.into(),
        started,
        work,
        &mut sink,
        &mut summary,
    )?;
    sink.finish()?;
    Ok(summary)
}

/// How the loop runs: threads, progress bar, failure lines.
#[derive(Debug, Clone, Copy)]
pub struct LoopOptions {
    pub jobs: usize,
    pub progress: bool,
    pub report_failures: bool,
}

impl From<&RunOptions> for LoopOptions {
    fn from(opts: &RunOptions) -> LoopOptions {
        LoopOptions {
            jobs: opts.jobs,
            progress: opts.progress,
            report_failures: opts.report_failures,
        }
    }
}

/// A finished document: its record and the record's JSON Lines line (made on the
/// worker thread that processed it).
pub struct Done {
    pub record: Record,
    pub line: String,
}

impl Done {
    fn new(record: Record) -> Result<Done, RunError> {
        let line = emit::record_line(&record).map_err(EmitError::from)?;
        Ok(Done { record, line })
    }
}

/// Where the records of a run go.
pub trait Sink {
    /// True when records must reach [`Sink::take`] in input order; false when each is
    /// taken as soon as it is done.
    fn in_input_order(&self) -> bool;

    /// Takes the finished document `index` (an index into the run's items).
    fn take(&mut self, index: usize, done: &Done) -> Result<(), RunError>;
}

/// The loop: runs `work` over `items` on `opts.jobs` threads of one rayon pool (each
/// worker takes the next item in input order, so the records that finish out of order
/// are at most about one per worker), hands each record to `sink` (in input order when
/// it asks for it), counts it into `summary`, reports failures and moves the progress
/// bar. The first error (from `work` or the sink) stops the workers from starting new
/// items and is returned once the items in flight are done.
pub fn process_all<T, W, S>(
    items: &[T],
    opts: &LoopOptions,
    started: Instant,
    work: W,
    sink: &mut S,
    summary: &mut RunSummary,
) -> Result<(), RunError>
where
    T: Sync,
    W: Fn(&T) -> Result<Record, RunError> + Sync,
    S: Sink,
{
    let jobs = opts.jobs.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| RunError::Threads {
            jobs: opts.jobs,
            detail: e.to_string(),
        })?;
    let bar = progress_bar(opts.progress, items.len());
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Result<Done, RunError>)>();
    let mut delivery = Delivery {
        sink,
        summary,
        bar: &bar,
        report_failures: opts.report_failures,
        waiting: BTreeMap::new(),
        next: 0,
        pages: 0,
        started,
        result: Ok(()),
    };
    std::thread::scope(|scope| {
        let (next, stop, work) = (&next, &stop, &work);
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..jobs.min(items.len()) {
                    let tx = tx.clone();
                    s.spawn(move |_| {
                        while !stop.load(Ordering::Relaxed) {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(item) = items.get(i) else { break };
                            let done = work(item).and_then(Done::new);
                            if tx.send((i, done)).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
        });
        for (i, done) in rx {
            if !delivery.receive(i, done) {
                stop.store(true, Ordering::Relaxed);
            }
        }
    });
    bar.finish_and_clear();
    delivery.result
}

/// The receiving end of the loop, on the run's own thread.
struct Delivery<'a, S: Sink> {
    sink: &'a mut S,
    summary: &'a mut RunSummary,
    bar: &'a ProgressBar,
    report_failures: bool,
    /// Records done before those ahead of them (input order only).
    waiting: BTreeMap<usize, Done>,
    next: usize,
    pages: usize,
    started: Instant,
    result: Result<(), RunError>,
}

impl<S: Sink> Delivery<'_, S> {
    /// One finished item; false once the run has failed.
    fn receive(&mut self, index: usize, done: Result<Done, RunError>) -> bool {
        if self.result.is_err() {
            return false;
        }
        let done = match done {
            Ok(done) => done,
            Err(e) => {
                self.result = Err(e);
                return false;
            }
        };
        self.advance_bar(&done.record);
        if !self.sink.in_input_order() {
            self.result = self.deliver(index, &done);
            return self.result.is_ok();
        }
        self.waiting.insert(index, done);
        while let Some(done) = self.waiting.remove(&self.next) {
            self.result = self.deliver(self.next, &done);
            self.next += 1;
            if self.result.is_err() {
                return false;
            }
        }
        true
    }

    fn deliver(&mut self, index: usize, done: &Done) -> Result<(), RunError> {
        self.sink.take(index, done)?;
        self.summary.count_record(&done.record);
        if let (true, Status::Failed, Some(error)) =
            (self.report_failures, done.record.status, &done.record.error)
        {
            self.bar
                .suspend(|| eprintln!("undoc: failed: {}", error.message));
        }
        Ok(())
    }

    fn advance_bar(&mut self, record: &Record) {
        self.pages += record.pages.len();
        let rate = self.pages as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.inc(1);
        self.bar
            .set_message(format!("{} pages, {rate:.1} pages/s", self.pages));
    }
}

/// The one progress bar (hidden unless `show`).
fn progress_bar(show: bool, documents: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(documents as u64);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} documents, {msg} (ETA {eta})",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

/// Records to standard output, a device or pipe, or a file (atomically), in input
/// order as they are done; with a Markdown folder, each record's Markdown file too.
pub struct StreamSink {
    writer: AtomicWriter,
    /// The output as given on the command line (`-` for standard output), for messages
    /// and as the Markdown files' origin.
    output: PathBuf,
    markdown: Option<(MarkdownDir, PathBuf)>,
    lines: usize,
}

impl StreamSink {
    /// Opens the output (a file output is a temporary file until [`StreamSink::finish`])
    /// and creates the Markdown folder.
    pub fn create(output: &OutputTarget, markdown: Option<&Path>) -> Result<StreamSink, RunError> {
        let writer = AtomicWriter::create(output)?;
        let markdown = match markdown {
            Some(dir) => Some((MarkdownDir::create(dir)?, dir.to_path_buf())),
            None => None,
        };
        let output = match output {
            OutputTarget::Stdout => PathBuf::from("-"),
            OutputTarget::File(path) => path.clone(),
        };
        Ok(StreamSink {
            writer,
            output,
            markdown,
            lines: 0,
        })
    }

    /// Makes the output visible and prints the Markdown folder's line.
    pub fn finish(self) -> Result<(), RunError> {
        self.writer.commit()?;
        if let Some((md, dir)) = self.markdown {
            eprintln!("{}", md.finish()?.one_line(&dir));
        }
        Ok(())
    }

    fn write(&mut self, line: &str) -> Result<(), RunError> {
        self.lines += 1;
        if let Some((md, _)) = self.markdown.as_mut() {
            md.add_json(line, &self.output, self.lines)?;
        }
        Ok(self.writer.write_line(line)?)
    }
}

impl Sink for StreamSink {
    fn in_input_order(&self) -> bool {
        true
    }

    fn take(&mut self, _index: usize, done: &Done) -> Result<(), RunError> {
        self.write(&done.line).map_err(|e| RunError::Write {
            output: self.output.clone(),
            detail: e.to_string(),
        })
    }
}
