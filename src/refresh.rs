//! Incremental, resumable runs over a growing corpus (the nightly refresh): what
//! `run::run` does when the run has a state store (every `-o FILE`).
//!
//! [`run_incremental`] ties the state store, the shard selection and the atomic writer
//! around the run loop (`run::process_all`) and a per-document function (the pipeline's
//! `process_file`):
//!
//! 1. take the state lock, start a run;
//! 2. fingerprint every input (cached hashes for untouched files), keep this shard's;
//! 3. plan: new / changed / reprocess / retry / unchanged / deleted / quarantined;
//! 4. mark deleted sources, then process the planned documents in the run loop, its
//!    sink committing each record to the state as soon as it is done (a SIGKILL loses
//!    only documents in flight; the next run finds the others done and does not redo
//!    them);
//! 5. write the output from the state (every live record, sorted by path bytes) to a
//!    temporary file renamed over the output: it is the same whether the run was
//!    interrupted and resumed or not, and the previous output stays intact until then.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::changes::ChangesFeed;
use crate::emit::{self, AtomicWriter, OutputTarget};
use crate::input::InputFile;
use crate::model::{ErrorInfo, Record, SourceFormat, Status};
use crate::pipeline::source_info;
use crate::run::{self, Done, RunError, RunOptions, Sink};
use crate::shard::{shard_of, Shard};
use crate::state::{
    hex, path_bytes, Fingerprint, Plan, RunInfo, RunSettings, SourceStatus, StateStore,
};
use crate::summary::RunSummary;

use crate::versions::pipeline_version;

/// sha256 (hex) of a description of the options that change records.
pub fn config_hash(description: &str) -> String {
    hex(&Sha256::digest(description.as_bytes()))
}

/// The default state file for an output file: `.<name>.undoc-state.sqlite` in the same
/// folder, one state per output (so that several outputs, e.g. shard outputs, can share
/// a folder).
pub fn default_state_path(output: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(output.file_name().unwrap_or_default());
    name.push(".undoc-state.sqlite");
    output.with_file_name(name)
}

/// The `undoc ingest` options of incremental runs, to `#[command(flatten)]` into the
/// ingest command.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StateArgs {
    /// State store of incremental runs [default: .<OUT name>.undoc-state.sqlite next to
    /// OUT; none with `-o -`, where every document is processed]
    // The text above is the --help line (clap), not Markdown.
    #[allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
    #[arg(long, value_name = "PATH")]
    pub state: Option<PathBuf>,
    /// Reprocess every document, even unchanged ones (and rehash every file)
    #[arg(long)]
    pub force: bool,
    /// Reprocess documents that failed before even if they did not change
    #[arg(long)]
    pub retry_failed: bool,
    /// Process only shard K of N (K from 1 to N), chosen by content hash; join the
    /// shard outputs with `undoc merge`
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Also write the run summary as JSON to FILE
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Also write what this run changed in the output to FILE (atomically): each new or
    /// changed record in full, and `{"status":"deleted","id":…,"source":{"path":…}}`
    /// for each source that left it (docs/refresh.md)
    #[arg(long, value_name = "FILE")]
    pub changes: Option<PathBuf>,
}

impl StateArgs {
    /// The state file: `--state`, else the default next to a regular file output;
    /// `None` with `-o -` or a device or pipe output (`-o /dev/null`) and no `--state`.
    pub fn state_path(&self, output: &OutputTarget) -> Option<PathBuf> {
        match (&self.state, output) {
            (Some(path), _) => Some(path.clone()),
            (None, OutputTarget::File(out)) if !emit::is_special_file(out) => {
                Some(default_state_path(out))
            }
            (None, _) => None,
        }
    }

    /// Run options for these flags. `config_description` describes the options that
    /// change records (it is hashed); `jobs` is the number of worker threads.
    pub fn options(
        &self,
        inputs: Vec<InputFile>,
        output: OutputTarget,
        config_description: &str,
        jobs: usize,
    ) -> RunOptions {
        let shard = self.shard.unwrap_or(Shard::ALL);
        RunOptions {
            state: self.state_path(&output),
            inputs,
            output,
            settings: RunSettings {
                pipeline_version: pipeline_version(),
                config_hash: config_hash(config_description),
                force: self.force,
                retry_failed: self.retry_failed,
                shard: shard.to_string(),
            },
            shard,
            jobs,
            summary: self.summary.clone(),
            progress: true,
            report_failures: true,
            markdown: None,
            changes: self.changes.clone(),
        }
    }
}

/// What an incremental run does with one planned source.
enum Todo<'a> {
    /// Runs kept dying on it: not tried, a `crashed` record instead.
    Quarantined(&'a Fingerprint, u32),
    Process(&'a Fingerprint),
}

impl Todo<'_> {
    fn fingerprint(&self) -> &Fingerprint {
        match self {
            Todo::Quarantined(fp, _) | Todo::Process(fp) => fp,
        }
    }
}

/// The incremental run (`run::run` with a state): plan against the state, process the
/// planned documents in the run loop with every record committed to the state as soon
/// as it is done, then write the output, the Markdown folder and the changes feed from
/// the state. Returns the summary (without `seconds`).
pub(crate) fn run_incremental<P>(
    opts: &RunOptions,
    state_path: &Path,
    process: &P,
    started: Instant,
) -> Result<RunSummary, RunError>
where
    P: Fn(&InputFile) -> Record + Sync,
{
    let store = StateStore::open(state_path)?;
    let run = store.begin_run(&opts.settings)?;
    let formats: HashMap<&Path, SourceFormat> = opts
        .inputs
        .iter()
        .map(|i| (i.path.as_path(), i.format))
        .collect();
    let input_of = |fp: &Fingerprint| InputFile {
        path: fp.path.clone(),
        format: formats
            .get(fp.path.as_path())
            .copied()
            .unwrap_or(SourceFormat::Pdf),
    };
    let paths: Vec<PathBuf> = opts.inputs.iter().map(|i| i.path.clone()).collect();
    let all = store.fingerprint(&paths, opts.settings.force)?;
    let mine: Vec<Fingerprint> = all
        .into_iter()
        .filter(|fp| in_shard(fp, opts.shard))
        .collect();
    let plan = store.plan(&mine, &opts.settings)?;
    store.mark_deleted(&run, &plan.deleted)?;

    let mut summary = planned_summary(&plan, opts.shard, run.resumes_interrupted_run);
    let to_process = plan.to_process();
    summary.processed = to_process.len();
    let todo: Vec<Todo> = plan
        .quarantined
        .iter()
        .map(|(fp, crashes)| Todo::Quarantined(fp, *crashes))
        .chain(to_process.into_iter().map(Todo::Process))
        .collect();
    let work = |item: &Todo| match item {
        Todo::Quarantined(fp, crashes) => Ok(crashed_record(&input_of(fp), fp, *crashes)),
        Todo::Process(fp) => {
            store.begin_document(&run, fp)?;
            Ok(process(&input_of(fp)))
        }
    };
    let mut sink = StateSink {
        store: &store,
        run: &run,
        todo: &todo,
    };
    run::process_all(&todo, &opts.into(), started, work, &mut sink, &mut summary)?;

    summary.records = write_output(
        &store,
        &opts.output,
        opts.markdown.as_deref(),
        opts.changes.as_deref(),
    )?;
    summary.seconds = run::seconds_since(started);
    let json = serde_json::to_string(&summary).unwrap_or_default();
    store.finish_run(&run, &json)?;
    Ok(summary)
}

/// The counts the plan decides (what the loop counts comes on top).
fn planned_summary(plan: &Plan, shard: Shard, resumed: bool) -> RunSummary {
    RunSummary {
        new: plan.new.len(),
        changed: plan.changed.len(),
        unchanged: plan.unchanged.len(),
        deleted: plan.deleted.len(),
        retried: plan.retry.len(),
        reprocessed: plan.reprocess.len(),
        quarantined: plan.quarantined.len(),
        shard: shard.to_string(),
        resumed,
        deleted_paths: plan
            .deleted
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        ..RunSummary::default()
    }
}

/// Records of an incremental run go to the state store, each committed as soon as it
/// is done.
struct StateSink<'a> {
    store: &'a StateStore,
    run: &'a RunInfo,
    todo: &'a [Todo<'a>],
}

impl Sink for StateSink<'_> {
    fn in_input_order(&self) -> bool {
        false
    }

    fn take(&mut self, index: usize, done: &Done) -> Result<(), RunError> {
        let fp = self.todo[index].fingerprint();
        let status = match done.record.status {
            Status::Ok => SourceStatus::Ok,
            Status::Failed => SourceStatus::Failed,
        };
        let kind = done.record.error.as_ref().map(|e| e.kind.as_str());
        self.store
            .commit_record(self.run, fp, status, kind, &done.line)?;
        Ok(())
    }
}

/// Writes every live record of the state, in path byte order, atomically; with
/// `markdown`, also each record's Markdown file into that folder; with `changes`, what
/// changed since the previous output (the changes feed, `crate::changes`). The output
/// and the changes file are in place before the state records the new output.
pub fn write_output(
    store: &StateStore,
    output: &OutputTarget,
    markdown: Option<&Path>,
    changes: Option<&Path>,
) -> Result<usize, RunError> {
    let mut writer = AtomicWriter::create(output)?;
    let mut md = markdown
        .map(crate::export::MarkdownDir::create)
        .transpose()?;
    let mut feed = ChangesFeed::new(store.published()?, store.pending_changes()?, changes)?;
    let origin = store.path().to_path_buf();
    let mut line = 0;
    let count = store.records_in_order(|path, record| -> Result<(), RunError> {
        line += 1;
        if let Some(md) = md.as_mut() {
            md.add_json(record, &origin, line)?;
        }
        feed.record(path, record)?;
        Ok(writer.write_line(record)?)
    })??;
    writer.commit()?;
    let (update, _) = feed.finish()?;
    store.publish(&update)?;
    if let (Some(md), Some(dir)) = (md, markdown) {
        let stats = md.finish()?;
        eprintln!("{}", stats.one_line(dir));
    }
    Ok(count)
}

/// The inputs of one shard (hashes every input, in parallel), for runs without a state.
pub fn select_shard(inputs: Vec<InputFile>, shard: Shard) -> Vec<InputFile> {
    let keep: Vec<bool> = inputs
        .par_iter()
        .map(|input| {
            let fp = Fingerprint {
                path: input.path.clone(),
                size: 0,
                sha256: crate::state::sha256_file(&input.path).ok(),
            };
            in_shard(&fp, shard)
        })
        .collect();
    inputs
        .into_iter()
        .zip(keep)
        .filter_map(|(input, keep)| keep.then_some(input))
        .collect()
}

/// Shard membership by content hash; a file that could not be read (no hash) goes by
/// the hash of its path, so exactly one shard reports it.
fn in_shard(fp: &Fingerprint, shard: Shard) -> bool {
    let hash: [u8; 32] = match fp.sha256 {
        Some(h) => h,
        None => Sha256::digest(path_bytes(&fp.path)).into(),
    };
    shard_of(&hash, shard.count) == shard.index
}

/// The failed record of a document that was in flight each time a run died.
pub fn crashed_record(input: &InputFile, fp: &Fingerprint, crashes: u32) -> Record {
    let source = source_info(&input.path, fp.size, input.format);
    let message = format!(
        "{}: undoc died {crashes} times while processing this document; it is not tried again until it changes or --retry-failed is given",
        source.path
    );
    let mut record = Record::new(fp.sha256_hex(), source);
    record.status = Status::Failed;
    record.error = Some(ErrorInfo {
        kind: "crashed".to_string(),
        message,
    });
    record
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A stand-in for the pipeline: the record's body is the file's text; files whose
    /// name contains "bad" fail.
    fn fake_process(calls: &AtomicUsize) -> impl Fn(&InputFile) -> Record + Sync + '_ {
        move |input: &InputFile| {
            let path = input.path.as_path();
            calls.fetch_add(1, Ordering::SeqCst);
            let bytes = fs::read(path).unwrap_or_default();
            let source = source_info(path, bytes.len() as u64, input.format);
            let mut record = Record::new(hex(&Sha256::digest(&bytes)), source);
            record.body = String::from_utf8_lossy(&bytes).into_owned();
            if path.to_string_lossy().contains("bad") {
                record.status = Status::Failed;
                record.error = Some(ErrorInfo {
                    kind: "damaged".into(),
                    message: "bad".into(),
                });
            }
            record
        }
    }

    fn options(dir: &Path, inputs: Vec<InputFile>, shard: Shard, out: &str) -> RunOptions {
        RunOptions {
            inputs,
            output: OutputTarget::File(dir.join(out)),
            state: Some(default_state_path(&dir.join(out))),
            settings: RunSettings {
                pipeline_version: pipeline_version(),
                config_hash: config_hash("test"),
                force: false,
                retry_failed: false,
                shard: shard.to_string(),
            },
            shard,
            jobs: 2,
            summary: None,
            progress: false,
            report_failures: false,
            markdown: None,
            changes: None,
        }
    }

    fn corpus(dir: &Path, n: usize) -> Vec<InputFile> {
        fs::create_dir_all(dir.join("in")).unwrap();
        (0..n)
            .map(|i| {
                let p = dir.join("in").join(format!("doc {i:02}.txt"));
                fs::write(&p, format!("document {i}")).unwrap();
                InputFile {
                    path: p,
                    format: SourceFormat::Text,
                }
            })
            .collect()
    }

    #[test]
    fn rerun_processes_nothing_and_writes_the_same_output() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = corpus(dir.path(), 6);
        let calls = AtomicUsize::new(0);
        let opts = options(dir.path(), inputs, Shard::ALL, "out.jsonl");
        let first = run::run(&opts, fake_process(&calls)).unwrap();
        assert_eq!((first.new, first.records), (6, 6));
        let before = fs::read(dir.path().join("out.jsonl")).unwrap();
        let second = run::run(&opts, fake_process(&calls)).unwrap();
        assert_eq!((second.processed, second.unchanged), (0, 6));
        assert_eq!(calls.load(Ordering::SeqCst), 6);
        assert_eq!(fs::read(dir.path().join("out.jsonl")).unwrap(), before);
    }

    #[test]
    fn shards_merge_into_the_single_run_output() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = corpus(dir.path(), 12);
        let calls = AtomicUsize::new(0);
        run::run(
            &options(dir.path(), inputs.clone(), Shard::ALL, "all.jsonl"),
            fake_process(&calls),
        )
        .unwrap();
        let mut parts = Vec::new();
        let mut total = 0;
        for k in 1..=4 {
            let name = format!("shard-{k}.jsonl");
            let shard = Shard { index: k, count: 4 };
            let s = run::run(
                &options(dir.path(), inputs.clone(), shard, &name),
                fake_process(&calls),
            )
            .unwrap();
            total += s.records;
            parts.push(dir.path().join(name));
        }
        assert_eq!(total, 12);
        let merged = dir.path().join("merged.jsonl");
        crate::merge::merge_outputs(&parts, &OutputTarget::File(merged.clone())).unwrap();
        assert_eq!(
            fs::read(merged).unwrap(),
            fs::read(dir.path().join("all.jsonl")).unwrap()
        );
    }

    #[test]
    fn failed_records_are_kept_and_not_retried_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = corpus(dir.path(), 2);
        let bad = dir.path().join("in").join("bad.pdf");
        fs::write(&bad, "garbage").unwrap();
        inputs.push(InputFile {
            path: bad,
            format: SourceFormat::Pdf,
        });
        let calls = AtomicUsize::new(0);
        let mut opts = options(dir.path(), inputs, Shard::ALL, "out.jsonl");
        let first = run::run(&opts, fake_process(&calls)).unwrap();
        assert_eq!((first.failed, first.records), (1, 3));
        let again = run::run(&opts, fake_process(&calls)).unwrap();
        assert_eq!((again.processed, again.records), (0, 3));
        opts.settings.retry_failed = true;
        let retried = run::run(&opts, fake_process(&calls)).unwrap();
        assert_eq!((retried.retried, retried.failed), (1, 1));
    }

    #[test]
    fn crashed_record_keeps_non_utf8_path_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let fp = Fingerprint {
            path: PathBuf::from(std::ffi::OsStr::from_bytes(b"x\xff.pdf")),
            size: 4,
            sha256: Some([1; 32]),
        };
        let input = InputFile {
            path: fp.path.clone(),
            format: SourceFormat::Pdf,
        };
        let record = crashed_record(&input, &fp, 3);
        assert_eq!(
            record.source.path_bytes_hex.as_deref(),
            Some("78ff2e706466")
        );
        assert_eq!(record.source.format, SourceFormat::Pdf);
        let json = serde_json::to_value(&record).unwrap();
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../schema/record.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(record.error.unwrap().kind, "crashed");
    }

    #[test]
    fn a_run_without_state_processes_everything_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = corpus(dir.path(), 3);
        let calls = AtomicUsize::new(0);
        let mut opts = options(dir.path(), inputs, Shard::ALL, "out.jsonl");
        opts.state = None;
        run::run(&opts, fake_process(&calls)).unwrap();
        let second = run::run(&opts, fake_process(&calls)).unwrap();
        assert_eq!((second.new, second.records), (3, 3));
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "only the inputs and the output: {names:?}");
    }

    #[test]
    fn state_args_choose_the_state_file() {
        let args = StateArgs::default();
        let file = OutputTarget::File(PathBuf::from("o/r.jsonl"));
        assert_eq!(
            args.state_path(&file),
            Some(PathBuf::from("o/.r.jsonl.undoc-state.sqlite"))
        );
        assert_eq!(args.state_path(&OutputTarget::Stdout), None);
        let device = OutputTarget::File(PathBuf::from("/dev/null"));
        assert_eq!(args.state_path(&device), None);
        let explicit = StateArgs {
            state: Some(PathBuf::from("s.db")),
            ..StateArgs::default()
        };
        assert_eq!(
            explicit.state_path(&OutputTarget::Stdout),
            Some(PathBuf::from("s.db"))
        );
    }

    #[test]
    fn default_state_is_per_output_file() {
        assert_eq!(
            default_state_path(Path::new("out/records.jsonl")),
            PathBuf::from("out/.records.jsonl.undoc-state.sqlite")
        );
    }
}
